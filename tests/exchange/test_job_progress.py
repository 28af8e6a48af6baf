"""Exports, ZIP bundles and imports publish how far they are, as backups and restores do
(issue 30.7): running/<kind>/<id>/writing.json under the storage root while they run, read by
the Backups page's "Running now", removed when they end; one a killed process left stops
counting as running and retention deletes it."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import psycopg
import pytest

from airvault import progress as heartbeat
from airvault.airflow.page.safety import running_jobs
from airvault.config import load_config
from airvault.exchange.exports import ExportSpec, export_bundle, run_export
from airvault.exchange.imports import ImportSpec, run_import
from airvault.storage.store import open_store
from tests.airflow_env import ROOT


@pytest.fixture
def listed(monkeypatch):
    """What the page's "Running now" lists at each beat of a job (a job is over before a
    test could look)."""
    seen: list[dict] = []
    real = heartbeat._beat

    def record(store, progress=None):
        real(store, progress)
        if f"/{heartbeat.JOBS}/" in store.url:
            root = open_store(store.url.rsplit(f"/{heartbeat.JOBS}/", 1)[0])
            seen.extend(running_jobs(root))

    monkeypatch.setattr(heartbeat, "_beat", record)
    return seen


def test_exports_bundles_and_imports_show_while_they_run(demo_dsn, tmp_root, listed):
    root = open_store(tmp_root)
    config = load_config(ROOT / "airvault.yaml")
    report = run_export(demo_dsn, root, ExportSpec("contacts"), run_id="r1", config=config)
    row = listed[0]
    assert {r["folder"] for r in listed} == {row["folder"]}  # one job at a time
    assert (row["type"], row["progress"]["label"], row["progress"]["scope"]) == (
        "export",
        "contacts",
        "csv",
    )
    assert row["folder"].startswith("running/export/") and report["rows"] > 0
    listed.clear()
    export_bundle(demo_dsn, root, config, ["deals", "contacts"], "r2")
    row = listed[0]
    assert {r["folder"] for r in listed} == {row["folder"]}  # one job at a time
    tables = len(config.modules["deals"].tables) + len(config.modules["contacts"].tables)
    assert row["type"] == "export" and row["progress"]["label"] == "deals, contacts as one ZIP"
    assert row["progress"]["tables_total"] == tables
    listed.clear()
    with psycopg.connect(demo_dsn) as conn:
        contact = conn.execute("SELECT id::text FROM contacts ORDER BY id LIMIT 1").fetchone()[0]
    (tmp_root / "imports/uploads").mkdir(parents=True)
    (tmp_root / "imports/uploads/one.csv").write_text(f"id,email\n{contact},a@example.org\n")
    spec = ImportSpec("contacts", mode="update-only", dry_run=True)
    run_import(demo_dsn, root, "imports/uploads/one.csv", spec, reports=root, run_id="r3")
    row = listed[0]
    assert {r["folder"] for r in listed} == {row["folder"]}  # one job at a time
    assert row["type"] == "import" and row["progress"]["label"].endswith("into public.contacts")
    assert not root.exists(heartbeat.JOBS) or not root.list_files(heartbeat.JOBS)
    assert running_jobs(root) == []


def test_a_killed_jobs_progress_stops_counting_and_retention_takes_it(tmp_root):
    root = open_store(tmp_root)
    old = (datetime.now(UTC) - timedelta(hours=1)).isoformat()
    root.write_bytes_atomic(
        f"{heartbeat.JOBS}/export/0badc0de/{heartbeat.HEARTBEAT}",
        json.dumps({"at": old, "progress": {"label": "contacts"}}).encode(),
    )
    assert running_jobs(root) == []
    assert heartbeat.stale_restores(root, datetime.now(UTC)) == [
        f"{heartbeat.JOBS}/export/0badc0de"
    ]
