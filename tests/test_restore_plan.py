"""The plan a user confirms is the plan applied: a RestorePlan round-trips through JSON, is
applied exactly when the target is as planned, and is refused, naming the table and what
changed, with nothing written, when the target changed in between (a row, a column). The
restore DAG hands its plan task's plan to the apply task by XCom; the CLI applies the plan it
printed or saved."""

from __future__ import annotations

import json
import subprocess
import sys

import psycopg
import pytest

from airvault.errors import AirvaultError
from airvault.restore.plan import RestorePlan, TargetChanged
from airvault.restore.request import RestoreTarget, restore_request
from airvault.restore.run import apply_plan, plan_restore
from airvault.storage.manifest import list_backups
from airvault.storage.opened import OpenedBackup
from airvault.storage.store import open_store
from tests.dbutil import table_checksums
from tests.test_dags import contents_equal
from tests.test_restore import mutate

CLI = [sys.executable, "-m", "airvault.cli.main"]
_NEW_PRODUCT = (
    "INSERT INTO products SELECT gen_random_uuid(), organization_id, sku || '-new', name, "
    "price, stock FROM products LIMIT 1"
)


def _plan(dsn: str, url: str, root=None, **choices) -> tuple[RestorePlan, RestoreTarget]:
    target = RestoreTarget(dsn, safety_root=open_store(root) if root else None)
    plan = plan_restore(restore_request(url, **choices), target)
    # what a confirmation keeps (an XCom, a file) is the JSON; the plan applied is read back
    again = RestorePlan.load(json.dumps(plan.to_json()), "the saved plan")
    assert again == plan
    return again, target


def test_an_unchanged_target_gets_exactly_the_confirmed_plan(
    copy_of_demo, demo_backup, tmp_path, tmp_root
):
    mutate(copy_of_demo)
    plan, target = _plan(copy_of_demo, demo_backup.url, tmp_root)
    planned = {t.table: (t.insert, t.update, t.delete) for t in plan.tables}
    assert planned["public.contacts"] != (0, 0, 0)  # the mutation is in the plan
    assert {f.table for f in plan.fingerprints} >= {t.table for t in plan.tables}

    result = apply_plan(plan, target)
    assert result.plan_id == result.restore_id == plan.id
    assert {t.table: (t.insert, t.update, t.delete) for t in result.tables} == planned
    assert contents_equal(copy_of_demo, demo_backup, tmp_path)  # content checksums
    safety = list_backups(open_store(tmp_root))[0]
    assert [b.restore.id for b in safety if b.kind == "pre-restore"] == [plan.id]


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ("UPDATE deals SET name = name || ' (edited)' WHERE id = (SELECT id FROM deals ORDER BY id LIMIT 1)",
         "public.deals: rows were inserted, updated or deleted since the plan"),
        ("ALTER TABLE deals ADD COLUMN priority integer",
         "public.deals: column priority integer added"),
        (_NEW_PRODUCT, "public.products: "),
    ],
    ids=["row updated", "column added", "row added"],
)  # fmt: skip
def test_a_target_changed_since_the_plan_is_refused_naming_what_changed(
    copy_of_demo, demo_backup, tmp_root, change, said
):
    mutate(copy_of_demo)
    plan, target = _plan(copy_of_demo, demo_backup.url, tmp_root)
    with psycopg.connect(copy_of_demo) as conn:
        conn.execute(change)
    before = table_checksums(copy_of_demo)
    with pytest.raises(TargetChanged, match="nothing was written") as refused:
        apply_plan(plan, target)
    assert said in str(refused.value)
    assert {c.split(":")[0] for c in refused.value.changes} <= {"public.deals", "public.products"}
    assert table_checksums(copy_of_demo) == before  # nothing written
    assert [b.kind for b in list_backups(open_store(tmp_root))[0]] == []  # no safety backup


def test_a_row_count_change_says_both_counts(copy_of_demo, demo_backup):
    plan, target = _plan(copy_of_demo, demo_backup.url, tables=["products"])
    rows = {f.table: f.rows for f in plan.fingerprints}["public.products"]
    with psycopg.connect(copy_of_demo) as conn:
        conn.execute(_NEW_PRODUCT)
    with pytest.raises(TargetChanged, match=f"public.products: {rows:,} rows when planned, "
                       f"{rows + 1:,} now"):  # fmt: skip
        apply_plan(plan, target)


def test_a_plan_is_applied_only_to_its_backup_and_its_database(
    copy_of_demo, demo_backup, demo_dsn, tmp_path
):
    from tests.dbutil import backup

    plan, target = _plan(copy_of_demo, demo_backup.url, tables=["products"])
    other = backup(demo_dsn, tmp_path / "other")  # the same data, another backup
    with pytest.raises(AirvaultError, match="is not the backup plan .* was made from"):
        apply_plan(plan, target, backup=OpenedBackup.open(other.url))
    with pytest.raises(AirvaultError, match="was made for database"):
        apply_plan(plan, RestoreTarget(demo_dsn))
    with pytest.raises(AirvaultError, match="is not a restore plan: request.mode"):
        document = plan.to_json()
        document["request"]["mode"] = "truncate"
        RestorePlan.load(json.dumps(document), "plan.json")


def test_cli_saves_the_plan_and_applies_that_plan_or_refuses(
    copy_of_demo, demo_backup, tmp_path, tmp_root
):
    mutate(copy_of_demo)
    before = table_checksums(copy_of_demo)
    saved = tmp_path / "plan.json"
    base = [*CLI, "restore", "--dsn", copy_of_demo, "--safety-to", str(tmp_root)]
    dry = subprocess.run([*base, "--from", demo_backup.url, "--dry-run", "--plan-out",
                          str(saved)], capture_output=True, text=True)  # fmt: skip
    assert dry.returncode == 0, dry.stderr
    plan = RestorePlan.load(saved.read_text(), str(saved))
    assert f"plan {plan.id} (replace)" in dry.stdout and "public.contacts" in dry.stdout
    assert table_checksums(copy_of_demo) == before

    with psycopg.connect(copy_of_demo) as conn:  # someone writes after the plan was saved
        conn.execute(
            "UPDATE bids SET amount = amount + 1 WHERE id = (SELECT id FROM bids ORDER BY id LIMIT 1)"
        )
    changed = table_checksums(copy_of_demo)
    refused = subprocess.run([*base, "--plan", str(saved), "--yes"], capture_output=True,
                             text=True)  # fmt: skip
    assert refused.returncode == 2
    assert "target changed since the plan" in refused.stderr and "public.bids" in refused.stderr
    assert table_checksums(copy_of_demo) == changed

    again = subprocess.run([*base, "--from", demo_backup.url, "--dry-run", "--plan-out",
                            str(saved)], capture_output=True, text=True)  # fmt: skip
    assert again.returncode == 0, again.stderr
    plan = RestorePlan.load(saved.read_text(), str(saved))
    applied = subprocess.run([*base, "--plan", str(saved), "--yes"], capture_output=True,
                             text=True)  # fmt: skip
    assert applied.returncode == 0, applied.stderr
    assert f"restore {plan.id} done" in applied.stdout
    assert contents_equal(copy_of_demo, demo_backup, tmp_path)
    beside = subprocess.run([*base, "--plan", str(saved), "--from", demo_backup.url, "--yes"],
                            capture_output=True, text=True)  # fmt: skip
    assert beside.returncode == 2 and "--from cannot go with it" in beside.stderr
