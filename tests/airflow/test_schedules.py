"""Schedules cannot vanish (issue 31): a cron typo is refused naming its key by the config and
`airvault check`; a DAG file of airvault that does not import, or a scheduled backup without
its DAG, turns backup_health red (it alerts) instead of the backups silently stopping."""

from __future__ import annotations

import os
import shutil

import pytest
import yaml

from tests.airflow.test_dags import load_dags
from tests.airflow_env import ROOT, set_postgres_connection, write_config
from tests.cli.test_cli_and_config import airvault

TYPOS = {("schedules", "full_backup_daily"): "0 2 * *", ("drills", "schedule"): "0 5 * * 8"}


def _with_typos(path):
    data = yaml.safe_load(path.read_text())
    for (section, key), cron in TYPOS.items():
        data[section][key] = cron
    path.write_text(yaml.safe_dump(data))
    return path


def test_check_refuses_cron_typos_naming_each_key(tmp_path):
    config = _with_typos(write_config(tmp_path / "airvault.yaml", "file:///tmp/x"))
    result = airvault("--config", str(config), "check", "--dsn", "postgresql://x@127.0.0.1:1/x")
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1  # one line, every key named
    for (section, key), cron in TYPOS.items():
        assert f"{section}.{key}: Value error, '{cron}' is not a schedule Airflow accepts" in (
            result.stderr
        )


def test_a_broken_config_still_leaves_backup_health_to_fail_and_alert(
    airflow_db, tmp_path, tmp_root, capfd
):
    from airflow.dag_processing.dagbag import DagBag

    config = _with_typos(write_config(tmp_path / "airvault.yaml", f"file://{tmp_root}"))
    os.environ["AIRVAULT_CONFIG"] = str(config)
    bag = DagBag(dag_folder=str(ROOT / "dags"))
    assert "full_backups.py" in " ".join(bag.import_errors)  # the daily backup is gone...
    assert "backup_health" in bag.dags  # ...but the health check is still there
    capfd.readouterr()
    run = bag.dags["backup_health"].test()
    out = capfd.readouterr()
    assert run.state == "failed"
    assert "schedules.full_backup_daily" in out.out + out.err


@pytest.fixture
def dags_copy(tmp_path, monkeypatch):
    """The project's DAG files in a folder of the test's, set as Airflow's DAGs folder."""
    folder = tmp_path / "dags"
    shutil.copytree(ROOT / "dags", folder, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setenv("AIRFLOW__CORE__DAGS_FOLDER", str(folder))
    return folder


def test_health_names_a_dag_file_that_does_not_import_and_the_backups_it_held(
    airflow_db, copy_of_demo, tmp_path, tmp_root, dags_copy, capfd
):
    import json

    set_postgres_connection("airvault_app_db", copy_of_demo)
    config = write_config(tmp_path / "airvault.yaml", f"file://{tmp_root}")
    data = yaml.safe_load(config.read_text())
    data["modules"]["contacts"]["schedule"] = "0 1 * * *"
    data["health"]["freshness_hours"] = {}  # only the DAG files are under test here
    config.write_text(yaml.safe_dump(data))
    # a deploy that broke one file: the module backups (and their schedules) are gone
    broken = dags_copy / "module_backups.py"
    broken.write_text(broken.read_text() + "\nraise RuntimeError('a bad deploy')\n")
    health = load_dags_from(dags_copy, config)["backup_health"]
    capfd.readouterr()
    run = health.test()
    out = capfd.readouterr()
    text = out.out + out.err
    assert run.state == "failed"
    assert "module_backups.py: the DAG file does not import" in text and "a bad deploy" in text
    assert "module_backup_contacts: scheduled by modules.contacts.schedule (0 1 * * *)" in text
    report = json.loads((tmp_root / "health.json").read_text())
    assert not report["ok"] and any("module_backups.py" in p for p in report["problems"])


def load_dags_from(folder, config) -> dict:
    from airflow.dag_processing.dagbag import DagBag

    os.environ["AIRVAULT_CONFIG"] = str(config)
    return DagBag(dag_folder=str(folder)).dags


def test_every_schedule_of_the_shipped_config_is_valid_and_healthy_dags_have_no_problem(
    tmp_path, tmp_root
):
    from airvault.config import load_config
    from airvault.ops.health import schedule_problems

    config = load_config(write_config(tmp_path / "airvault.yaml", f"file://{tmp_root}"))
    dags = load_dags(tmp_path / "airvault.yaml")
    assert schedule_problems(config, set(dags), {}) == []


def test_airvault_dag_files_are_told_from_a_user_s_by_relative_or_absolute_name(tmp_path):
    """Airflow's REST import errors name files relative to the DAGs folder, a DagBag without
    a bundle by their full path: both are read, and a user's own broken DAG file is not
    airvault's (it must not turn the verdict red)."""
    from airvault.ops.health import airvault_dag_file

    folder = str(ROOT / "dags")
    assert airvault_dag_file(folder, "full_backups.py")
    assert airvault_dag_file(folder, str(ROOT / "dags" / "module_backups.py"))
    (tmp_path / "mine.py").write_text("raise RuntimeError('my own DAG')\n")
    assert not airvault_dag_file(str(tmp_path), "mine.py")
    assert not airvault_dag_file(folder, "gone.py")
