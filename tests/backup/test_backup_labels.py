"""Labels and notes of backups (issue 30): given from the CLI, DAG Params or the page, kept
signed in the manifest, shown by `airvault list`; by default distinct for every backup; people's
text, so a control character or an overlong one is refused before anything is written."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import psycopg
import pytest

from airvault.backup.run import BackupOptions, run_backup
from airvault.errors import AirvaultError
from airvault.storage.manifest import list_backups, read_manifest
from airvault.storage.store import open_store
from tests.airflow.test_dags import load_dags
from tests.airflow_env import set_postgres_connection, write_config


def airvault(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "airvault.cli.main", *args], capture_output=True, text=True
    )


@pytest.fixture
def small_db(new_db) -> str:
    dsn = new_db("labels")
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("CREATE TABLE notes (id int PRIMARY KEY, body text)")
        conn.execute("INSERT INTO notes SELECT i, 'note ' || i FROM generate_series(1, 50) i")
    return dsn


def test_label_and_note_from_the_cli_are_signed_in_the_manifest_and_listed(small_db, tmp_root):
    note = "before the v42 migration: <b>ü</b> & 'quotes'"
    made = airvault("backup", "--dsn", small_db, "--to", str(tmp_root), "--label", "Pre-v42",
                    "--note", note)  # fmt: skip
    assert made.returncode == 0, made.stderr
    url = made.stdout.strip().splitlines()[-1]
    manifest = read_manifest(open_store(url))
    assert (manifest.label, manifest.note, manifest.authenticated) == ("Pre-v42", note, True)

    listed = airvault("list", str(tmp_root))
    lines = listed.stdout.splitlines()
    row = next(i for i, line in enumerate(lines) if line.startswith("Pre-v42 "))
    assert lines[row + 1].strip() == f"note: {note}"
    rows = json.loads(airvault("list", str(tmp_root), "--json").stdout)
    assert [(r["label"], r["note"]) for r in rows] == [("Pre-v42", note)]


def test_default_labels_of_two_backups_in_the_same_minute_differ(small_db, tmp_root):
    first = run_backup(small_db, open_store(tmp_root), BackupOptions(kind="manual"))
    second = run_backup(small_db, open_store(tmp_root), BackupOptions(kind="manual"))
    labels = [first.manifest.label, second.manifest.label]
    assert labels[0] != labels[1]
    for result in (first, second):
        started = result.manifest.started_at  # "2026-12-05T18:41:07+00:00": to the second
        label = result.manifest.label or ""
        assert label.startswith("Manual backup, ") and f"{started[11:19]} UTC" in label
        assert label.endswith(f"({result.id})") and result.manifest.note is None
    stored = json.loads(open_store(first.url).read_bytes("manifest.json"))
    assert "note" not in stored  # a backup without a note writes the manifest it always did


@pytest.mark.parametrize(
    ("label", "note", "said"),
    [
        ("\x1b[2J\x1b[31mAll good", None, "the backup label holds the control character U+001B at position 1"),
        ("ok", "line one\nforged line", "the backup note holds the control character U+000A at position 9"),
        ("invoice\u202egpj.exe", None, "the backup label holds the control character U+202E"),
        ("x" * 121, None, "the backup label is 121 characters long; at most 120"),
        (None, "n" * 1001, "the backup note is 1001 characters long; at most 1000"),
    ],
)  # fmt: skip
def test_a_hostile_label_or_note_is_refused_before_anything_is_written(
    small_db, tmp_root, label, note, said
):
    with pytest.raises(AirvaultError, match="^" + re.escape(said)):
        run_backup(small_db, open_store(tmp_root), BackupOptions(label=label, note=note))
    assert not list(tmp_root.rglob("*")), "nothing was written"


def test_the_cli_refuses_a_hostile_label_in_one_line(small_db, tmp_root):
    made = airvault("backup", "--dsn", small_db, "--to", str(tmp_root), "--label", "a\tb")
    assert made.returncode != 0
    assert made.stderr.strip().splitlines() == [
        "error: the backup label holds the control character U+0009 at position 2; a label "
        "or note is one line of plain text"
    ]


def test_the_page_refuses_a_hostile_label_before_triggering(small_db):
    from fastapi import HTTPException

    from airvault.airflow.page.models import BackupNaming

    assert BackupNaming(label="  Pre-v42 ", note="").conf() == {"label": "Pre-v42", "note": ""}
    with pytest.raises(HTTPException) as refused:
        BackupNaming(label="ok", note="\x07bell").conf()
    assert refused.value.status_code == 400
    assert "the backup note holds the control character U+0007" in refused.value.detail


def test_label_and_note_from_the_backup_dags_params(airflow_db, small_db, tmp_path, tmp_root):
    set_postgres_connection("airvault_app_db", small_db)
    dags = load_dags(write_config(tmp_path / "airvault.yaml", f"file://{tmp_root}"))
    daily = dags["full_backup_daily"]
    run = daily.test(run_conf={"label": "Nightly, by hand", "note": "before the v42 migration"})
    assert run.state == "success", run.state
    # Params left empty: the default label, no note (a DAG parsed anew, as each scheduled run
    # has: in one process, dag.test() leaves a run's conf in its tasks' params)
    run = load_dags(tmp_path / "airvault.yaml")["full_backup_daily"].test()
    assert run.state == "success", run.state
    backups, _ = list_backups(open_store(tmp_root))
    named = {b.label: b.note for b in backups}
    assert named.pop("Nightly, by hand") == "before the v42 migration"
    [(default, no_note)] = named.items()
    assert default.startswith("Full backup, ") and no_note is None


def test_the_page_starts_a_labelled_backup_and_lists_its_note(live_airflow):
    """Run now of a backup DAG (a module's: manual-only, so the page may start it paused)."""
    from tests.airflow.test_backups_page import runs_of

    dag = "module_backup_contacts"
    run_now = f"/airvault/api/schedules/{dag}/run"
    before = runs_of(live_airflow, dag)
    status, answer = live_airflow.call("POST", run_now, {"label": "ok", "note": "\x1b[2Jall clear"})
    assert status == 400, answer
    assert answer["detail"].startswith(
        "the backup note holds the control character U+001B at position 1"
    )
    assert runs_of(live_airflow, dag) == before  # refused before triggering

    label = "Pre-v42 <img src=x onerror=alert(1)>"  # shown escaped: the page's esc()
    status, started = live_airflow.call("POST", run_now,
                                        {"label": label, "note": "before the v42 migration"})  # fmt: skip
    assert status == 200, started
    run = live_airflow.wait_for_run(dag, started["run_id"])
    assert run["state"] == "success", run
    status, listing = live_airflow.call("GET", "/airvault/api/backups", user="viewer")
    [row] = [r for r in listing["backups"] if r["label"] == label]
    assert (row["note"], row["kind"], row["scope"]) == (
        "before the v42 migration",
        "module",
        "contacts",
    )
