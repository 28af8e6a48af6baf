"""`make scale`, short: the compose design (CeleryExecutor, Redis, separate Airflow components,
two Celery workers) runs for real on this machine, and a worker killed mid-backup loses nothing.

What a user checks: backups ran on both workers, every backup verifies, the app database never
saw more parallel COPYs than the pool's slots, the killed task was retried on the other worker
and completed, and the killed attempt's folder is never listed as a backup. About 2.5 minutes.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def load_scale():
    spec = importlib.util.spec_from_file_location("airvault_scale", ROOT / "scripts" / "scale.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


scale = load_scale()


@pytest.fixture(scope="module")
def result():
    if scale.redis_server() is None:
        pytest.skip(
            "redis-server is not installed and could not be (`make test` tries "
            "`apt-get install redis-server`): the Celery broker is needed for this test"
        )
    pytest.importorskip("airflow.providers.celery", reason="apache-airflow-providers-celery")
    home = Path(tempfile.mkdtemp(prefix="airvault-scale-test-"))
    try:  # measure() stops every process it started, also when it fails
        figures = scale.measure(short=True, workers=2, per_phase=3, home=home)
        artifacts = ROOT / ".airvault" / "test-artifacts"
        artifacts.mkdir(parents=True, exist_ok=True)
        (artifacts / "scaling-short.json").write_text(json.dumps(figures, indent=2) + "\n")
        yield figures
    finally:
        shutil.rmtree(home, ignore_errors=True)


def test_backups_ran_on_both_workers(result):
    assert result["workers"] == 2
    assert result["hostnames"] == ["worker-1", "worker-2"], result


def test_every_backup_completed_and_verifies(result):
    assert result["backups"] == 4
    assert result["failed"] == 0, result
    assert result["verified"] == result["backups"], result


def test_the_pool_caps_the_backups_and_their_sessions_on_the_app_database(result):
    at_once = result["pool_slots"] // result["backup_pool_slots"]
    assert 1 <= result["max_backup_tasks_at_once"] <= at_once, result
    assert result["session_samples"] > 100, "pg_stat_activity was hardly sampled"
    # the pool's slots stand for the parallel COPYs against the app database
    assert result["max_app_db_copy_sessions"] <= result["pool_slots"], result
    # every session of the backups the pool lets run at once: COPYs, snapshot leader, pg_dump
    most = at_once * (result["backup_workers"] + 2)
    assert 1 <= result["max_app_db_backup_sessions"] <= most, result


def test_a_killed_worker_s_backup_is_retried_elsewhere_and_nothing_incomplete_is_listed(result):
    kill = result["worker_kill"]
    assert kill["killed"] in ("worker-1", "worker-2")
    assert kill["retried_on"] and kill["retried_on"] != kill["killed"], kill
    assert kill["completed"], kill
    assert kill["listed_incomplete"] == 0, kill
    assert [t[1] for t in kill["tries"]][0] == kill["killed"], kill
