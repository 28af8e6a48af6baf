"""`make scale`, short: the compose design (CeleryExecutor, Redis, separate Airflow components,
two Celery workers) runs for real on this machine, and a worker killed mid-backup loses nothing.

What a user checks: module and tenant backups ran on both workers, every backup verifies, the
app database never saw more backup tasks than the pool allows nor more sessions than those tasks
may open, the killed task was retried on the other worker and completed, and the killed
attempt's folder is never listed as a backup and is deleted by retention once past its grace
period and its heartbeat, while the retried backup stays. About 3.5 minutes.
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
    assert result["kinds"]["tenant"] >= 1 and result["kinds"]["module"] >= 1, result
    assert result["failed"] == 0, result
    assert result["verified"] == result["backups"], result


def test_the_pool_caps_the_backups_and_their_sessions_on_the_app_database(result):
    at_once = result["pool_slots"] // result["backup_pool_slots"]
    assert result["backup_tasks_allowed_by_pool"] == at_once
    assert 1 <= result["max_backup_tasks_at_once"] <= at_once, result
    assert result["session_samples"] > 100, "pg_stat_activity was hardly sampled"
    # backup tasks seen on the app database at once (application_name airvault@worker-N)
    assert 1 <= result["max_app_db_backup_tasks"] <= at_once, result
    # the pool's slots stand for the parallel COPYs against the app database
    assert result["max_app_db_copy_sessions"] <= result["pool_slots"], result
    # one task: snapshot leader, backup.workers COPYs, pg_dump; all of them: at_once times that
    per_task = result["backup_workers"] + 2
    assert result["sessions_per_backup_task_bound"] == per_task
    assert 1 <= result["max_sessions_per_backup_task"] <= per_task, result
    assert 1 <= result["max_app_db_backup_sessions"] <= at_once * per_task, result
    assert result["max_app_db_other_sessions"] == 0, "something else used the app database"


def test_a_killed_worker_s_backup_is_retried_elsewhere_and_nothing_incomplete_is_listed(result):
    kill = result["worker_kill"]
    assert kill["killed"] in ("worker-1", "worker-2")
    assert kill["retried_on"] and kill["retried_on"] != kill["killed"], kill
    assert kill["completed"], kill
    assert kill["listed_incomplete"] == 0, kill
    assert [t[1] for t in kill["tries"]][0] == kill["killed"], kill


def test_retention_deletes_the_killed_attempt_s_folder_after_the_grace_and_keeps_the_retry(result):
    kill = result["worker_kill"]
    assert kill["cleaned_after_grace"], kill
    assert kill["after_stale"] == "DELETE: incomplete", kill
    assert kill["heartbeat_age_at_cleaning_s"] >= kill["heartbeat_stale_seconds"], kill
    assert kill["prune_deleted"] == 1, kill  # the killed attempt's folder, nothing else
    assert kill["retry_listed"] and kill["retry_verifies"], kill
