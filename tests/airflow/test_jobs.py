"""`airvault jobs` against a live Airflow: a run scheduled 30 s ahead waits in `queued`, then
runs; a cancelled one never starts and writes nothing."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta

import pytest

from airvault.airflow.rest_client import AirflowAPI
from airvault.cli.jobs import parse_when
from airvault.errors import AirvaultError


def test_parse_when():
    now = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
    assert parse_when("+30s", now) == now + timedelta(seconds=30)
    assert parse_when("+2h", now) == now + timedelta(hours=2)
    assert parse_when("2026-11-23T06:00", now) == datetime(2026, 11, 23, 6, 0, tzinfo=UTC)
    with pytest.raises(AirvaultError, match="--at 'tomorrow'"):
        parse_when("tomorrow", now)


def test_jobs_schedule_waits_then_runs_and_cancel_never_writes(live_airflow, monkeypatch, capsys):
    from airvault.cli.main import main

    monkeypatch.setenv("AIRVAULT_AIRFLOW_URL", live_airflow.url)
    monkeypatch.setenv("AIRVAULT_AIRFLOW_USER", "admin")
    monkeypatch.setenv("AIRVAULT_AIRFLOW_PASSWORD", "admin")
    live_airflow.wait_for_dag("export")
    exports = live_airflow.storage / "exports"
    earlier = set(exports.rglob("*"))  # other tests' exports in the shared live storage

    def new(pattern: str, under: str = "") -> list:
        return [p for p in (exports / under).rglob(pattern) if p not in earlier]

    def schedule(dataset: str) -> str:
        conf = f'{{"dataset": "{dataset}", "format": "csv"}}'
        assert main(["jobs", "schedule", "export", "--at", "+30s", "--conf", conf]) == 0
        return capsys.readouterr().out.split()[0]

    started = time.monotonic()
    kept, cancelled = schedule("contacts"), schedule("accounts")
    assert main(["jobs", "cancel", "export", cancelled]) == 0
    assert "(cancelled)" in capsys.readouterr().out

    time.sleep(max(0.0, 20 - (time.monotonic() - started)))  # well before run_after
    api = AirflowAPI(live_airflow.url, "admin", "admin")
    assert api.run("export", kept)["state"] == "queued"
    assert new("*.csv") == []
    _, status = live_airflow.call("GET", "/airvault/api/status")  # waiting, not running
    assert kept not in {r["run_id"] for r in status["running"]}, status["running"]

    run = live_airflow.wait_for_run("export", kept)
    assert run["state"] == "success"
    assert time.monotonic() - started >= 28  # not before its time
    (report,) = new("report.json", "contacts")
    assert json.loads(report.read_text())["triggered_by"] == "admin"  # who, in the job history
    time.sleep(10)  # the cancelled one's run_after has long passed: it must still not run
    assert api.run("export", cancelled)["state"] == "failed"
    assert new("*", "accounts") == []

    assert main(["jobs", "list", "--dag", "export"]) == 0
    listing = capsys.readouterr().out
    assert kept in listing and cancelled in listing and "admin" in listing


def test_jobs_errors_are_clear(live_airflow):
    api = AirflowAPI(live_airflow.url, "admin", "wrong")
    with pytest.raises(AirvaultError, match="HTTP 401"):
        api.runs()
    api = AirflowAPI(live_airflow.url, "admin", "admin")
    with pytest.raises(AirvaultError, match="no_such_dag"):
        api.trigger("no_such_dag", {})
