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
from tests.airflow.test_dags import contents_equal
from tests.dbutil import table_checksums
from tests.restore.test_restore import mutate

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


# -- the operators: the plan through XCom, owner_map -----------------------------------------


def _dag_setup(copy_of_demo, tmp_path, tmp_root):
    from tests.airflow_env import set_postgres_connection, write_config

    set_postgres_connection("airvault_app_db", copy_of_demo)
    return write_config(tmp_path / "airvault.yaml", f"file://{tmp_root}")


def _xcom(run, task_id: str):
    return run.get_task_instance(task_id).xcom_pull(task_ids=task_id)


def test_restore_dag_applies_the_plan_its_plan_task_made(
    airflow_db, restored_env, copy_of_demo, demo_backup, tmp_path, tmp_root
):
    from tests.airflow.test_dags import _in_root, load_dags

    config = _dag_setup(copy_of_demo, tmp_path, tmp_root)
    mutate(copy_of_demo)
    conf = {"backup_url": _in_root(demo_backup, tmp_root), "mode": "replace",
            "dry_run": False, "confirm": "RESTORE"}  # fmt: skip
    run = load_dags(config)["restore"].test(run_conf=conf)
    assert run.state == "success"
    plan = RestorePlan.load(_xcom(run, "plan"), "the plan task's XCom")
    applied = _xcom(run, "apply")
    assert applied["plan_id"] == applied["restore_id"] == plan.id
    assert _xcom(run, "safety_backup")["restore_id"] == plan.id
    counts = lambda tables: {t["table"]: (t["insert"], t["delete"]) for t in tables}  # noqa: E731
    assert counts(applied["tables"]) == counts(plan.to_json()["tables"])
    assert contents_equal(copy_of_demo, demo_backup, tmp_path)


def test_the_apply_task_refuses_a_plan_whose_target_changed_after_the_plan_task(
    airflow_db, restored_env, copy_of_demo, demo_backup, tmp_path, tmp_root, capfd
):
    """Between the plan task and the apply task someone writes: the apply acts on the plan it
    got by XCom (had it planned again, it would have applied), so it refuses, naming it."""
    from airflow.providers.standard.operators.python import PythonOperator
    from airflow.sdk import DAG

    from airvault.airflow.operators.restore import RestoreOperator
    from tests.airflow.test_dags import _in_root

    config = _dag_setup(copy_of_demo, tmp_path, tmp_root)
    mutate(copy_of_demo)
    args = {"backup_url": _in_root(demo_backup, tmp_root), "mode": "replace",
            "dry_run": False, "config": str(config)}  # fmt: skip

    def someone_writes() -> None:
        with psycopg.connect(copy_of_demo) as conn:
            conn.execute("UPDATE deals SET stage = 'won' WHERE id = "
                         "(SELECT id FROM deals ORDER BY id LIMIT 1)")  # fmt: skip

    with DAG(f"restore_plan_changed_{tmp_path.name[-8:]}", schedule=None) as dag:
        plan = RestoreOperator(task_id="plan", step="plan", **args)
        write = PythonOperator(task_id="write", python_callable=someone_writes)
        apply = RestoreOperator(task_id="apply", step="apply", plan=plan.output, **args)
        plan >> write >> apply
    _serialize(dag, tmp_path)
    before_run = table_checksums(copy_of_demo)
    capfd.readouterr()
    run = dag.test()
    assert run.state == "failed"
    assert {ti.task_id: ti.state for ti in run.get_task_instances()}["apply"] == "failed"
    out = capfd.readouterr()
    assert "target changed since the plan" in out.out + out.err
    assert "public.deals: rows were inserted, updated or deleted" in out.out + out.err
    after = table_checksums(copy_of_demo)
    assert after["public.deals"] != before_run["public.deals"]  # the write, nothing else
    assert {t: c for t, c in after.items() if t != "public.deals"} == {
        t: c for t, c in before_run.items() if t != "public.deals"
    }


def _serialize(dag, tmp_path) -> None:
    """Write a DAG made in a test to the metadata DB (dag.test runs serialized DAGs only)."""
    from airflow.dag_processing.bundles.manager import DagBundlesManager
    from airflow.dag_processing.dagbag import DagBag, sync_bag_to_db

    DagBundlesManager().sync_bundles_to_db()  # the bundle the DAG is recorded in
    empty = tmp_path / "no_dags"
    empty.mkdir()
    bag = DagBag(dag_folder=str(empty))
    bag.bag_dag(dag)
    sync_bag_to_db(bag, "dags-folder", None)


def test_owner_map_through_the_restore_operator(
    airflow_db, restored_env, pg, copy_of_demo, demo_backup, tmp_path, tmp_root, capfd
):
    """new-database with owner_map (a templated argument, the DAG's Param): the objects the
    backup gives to their owner go to the mapped role, and the result says so; a malformed
    map fails the first task, naming it, before anything is read."""
    import os

    import yaml

    from tests.airflow.test_dags import _in_root, load_dags
    from tests.airflow_env import set_postgres_connection

    config = _dag_setup(copy_of_demo, tmp_path, tmp_root)
    name = f"owner_map_{os.getpid()}_{tmp_path.name[-6:]}".lower()
    set_postgres_connection("airvault_restore_copy", pg.dsn_for(name))
    data = yaml.safe_load(config.read_text())
    data["connections"]["restore_targets"] = ["airvault_restore_copy"]
    config.write_text(yaml.safe_dump(data))
    role = f"plan_owner_{os.getpid()}"
    with psycopg.connect(copy_of_demo, autocommit=True) as conn:
        owner = conn.execute("SELECT tableowner FROM pg_tables WHERE tablename = 'contacts'"
                             ).fetchone()[0]  # fmt: skip
        if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone():
            conn.execute(f'CREATE ROLE "{role}" NOLOGIN')
    conf = {"backup_url": _in_root(demo_backup, tmp_root), "mode": "new-database",
            "target_conn_id": "airvault_restore_copy", "dry_run": False, "confirm": "RESTORE"}  # fmt: skip
    dag = load_dags(config)["restore"]
    capfd.readouterr()
    bad = dag.test(run_conf={**conf, "owner_map": owner})
    assert bad.state == "failed"
    out = capfd.readouterr()
    assert f"owner map '{owner}': give OLD=NEW" in out.out + out.err
    with psycopg.connect(pg.dsn_for("postgres")) as conn:
        assert not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()

    run = dag.test(run_conf={**conf, "owner_map": f"{owner}={role}"})
    assert run.state == "success"
    assert _xcom(run, "apply")["owner_map"] == {owner: role}
    assert RestorePlan.load(_xcom(run, "plan"), "plan").request.owner_map == {owner: role}
    with psycopg.connect(pg.dsn_for(name)) as conn:
        owners = {r[0] for r in conn.execute(
            "SELECT tableowner FROM pg_tables WHERE schemaname = 'public'").fetchall()}  # fmt: skip
    assert owners == {role}
    assert contents_equal(pg.dsn_for(name), demo_backup, tmp_path)
