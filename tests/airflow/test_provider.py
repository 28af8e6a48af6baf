"""airvault as an Airflow provider: found through its entry point, a hook that passes the
connection's extras to libpq, operators that are real BaseOperator subclasses (templated,
errors mapped), a deferrable sensor, the notifier on every DAG, and a user's own DAG run with
`dag.test()`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
import time
from pathlib import Path

import psycopg
import pytest

from tests.airflow.test_dags import load_dags
from tests.airflow_env import ROOT, set_postgres_connection, write_config

AIRFLOW = str(Path(os.sys.executable).with_name("airflow"))


def test_airflow_lists_airvault_as_a_provider_with_its_hook_and_notifier():
    def providers(*what: str) -> list[dict]:
        out = subprocess.run([AIRFLOW, "providers", *what, "-o", "json"], capture_output=True,
                             text=True, check=True, env={**os.environ})  # fmt: skip
        return json.loads(out.stdout[out.stdout.index("[") :])

    listed = {p["package_name"]: p for p in providers("list")}
    assert "airvault" in listed, sorted(listed)
    hooks = {h["connection_type"]: h for h in providers("hooks")}
    assert hooks["airvault"]["class"] == "airvault.airflow.hook.AirvaultHook"
    notifiers = [n["notification_class_name"] for n in providers("notifications")]
    assert "airvault.airflow.notifier.AirvaultNotifier" in notifiers
    triggers = json.dumps(providers("triggers"))
    assert "airvault.airflow.triggers" in triggers


def test_the_hook_hands_libpq_every_extra_of_the_connection(demo_dsn):
    from psycopg.conninfo import conninfo_to_dict

    from airvault.airflow.hook import AirvaultHook
    from airvault.config import Config

    info = conninfo_to_dict(demo_dsn)
    os.environ["AIRFLOW_CONN_AIRVAULT_EXTRAS"] = json.dumps({
        "conn_type": "airvault", "host": info["host"], "port": int(info["port"]),
        "login": info["user"], "schema": info["dbname"],
        "extra": {"sslmode": "disable", "application_name": "airvault-hook-test",
                  "connect_timeout": 7, "options": "-c statement_timeout=12345",
                  "storage_root": "file:///tmp/airvault-hook-root"},
    })  # fmt: skip
    hook = AirvaultHook("airvault_extras", config=Config())
    dsn = conninfo_to_dict(hook.get_dsn())
    assert dsn["sslmode"] == "disable" and dsn["connect_timeout"] == "7"
    assert "storage_root" not in dsn  # airvault's extras are not libpq's
    assert hook.storage_root == "file:///tmp/airvault-hook-root"
    with psycopg.connect(hook.get_dsn()) as conn:  # the server sees what the extras said
        assert conn.execute("SHOW application_name").fetchone()[0] == "airvault-hook-test"
        assert conn.execute("SHOW statement_timeout").fetchone()[0] == "12345ms"


def test_every_airvault_dag_is_built_from_operators_and_alerts_on_failure(tmp_path, tmp_root):
    import yaml

    from airvault.airflow.notifier import AirvaultNotifier
    from airvault.airflow.operators.base import AirvaultOperator
    from airvault.airflow.sensors import IncomingFilesSensor

    config = write_config(tmp_path / "airvault.yaml", f"file://{tmp_root}")
    data = yaml.safe_load(config.read_text())
    data["import_watch"]["enabled"] = True
    config.write_text(yaml.safe_dump(data))
    dags = load_dags(config)
    assert len(dags) >= 15
    for dag_id, dag in dags.items():
        for task in dag.tasks:
            where = f"{dag_id}.{task.task_id}"
            # no @task closure: every task is one of airvault's operators or its sensor
            cls = getattr(task, "operator_class", type(task))  # a mapped task's own class
            assert issubclass(cls, AirvaultOperator | IncomingFilesSensor), where
            callbacks = task.on_failure_callback
            callbacks = callbacks if isinstance(callbacks, list) else [callbacks]
            assert any(isinstance(c, AirvaultNotifier) for c in callbacks), where
            assert task.template_fields, where


ERROR_DAG = """
from airflow.sdk import DAG
from airvault.airflow import BackupOperator

with DAG("airvault_error_mapping", schedule=None, params={"module": "no_such_module"}):
    BackupOperator(task_id="backup", module="{{ params.module }}", retries=3)
"""


def test_core_errors_fail_the_task_without_retries(
    airflow_db, demo_dsn, tmp_path, tmp_root, user_dags
):
    set_postgres_connection("airvault_app_db", demo_dsn)
    config = write_config(tmp_path / "airvault.yaml", f"file://{tmp_root}")
    os.environ["AIRVAULT_CONFIG"] = str(config)
    dag = user_dags("error_mapping.py", ERROR_DAG)["airvault_error_mapping"]
    assert dag.get_task("backup").retries == 3
    run = dag.test()
    ti = run.get_task_instance("backup")
    assert run.state == "failed" and ti.state == "failed"
    assert ti.try_number == 1  # AirflowFailException: not retried although retries=3
    assert not (tmp_root / "backups").exists()


@pytest.fixture
def user_dags(tmp_path, monkeypatch):
    """A dags folder of a user's own (dag.test() runs only DAGs of a configured bundle):
    deploy(file name, source or path) puts a DAG file there and returns its DAGs."""
    import airflow.settings
    from airflow.dag_processing.dagbag import DagBag

    folder = tmp_path / "user-dags"
    folder.mkdir()
    monkeypatch.setattr(airflow.settings, "DAGS_FOLDER", str(folder))

    def deploy(name: str, source: str | Path) -> dict:
        if isinstance(source, Path):
            shutil.copy(source, folder / name)
        else:
            (folder / name).write_text(source)
        bag = DagBag(dag_folder=str(folder))
        assert bag.import_errors == {}, bag.import_errors
        return bag.dags

    return deploy


def test_a_users_own_dag_backs_up_runs_its_job_and_exports(
    airflow_db, copy_of_demo, tmp_path, tmp_root, user_dags
):
    from airvault.storage.manifest import list_backups
    from airvault.storage.store import open_store
    from airvault.verify import verify_backup

    set_postgres_connection("airvault_app_db", copy_of_demo)
    os.environ["AIRVAULT_CONFIG"] = str(
        write_config(tmp_path / "airvault.yaml", f"file://{tmp_root}")
    )
    with psycopg.connect(copy_of_demo) as conn:
        stale = conn.execute(
            "SELECT count(*) FROM leads WHERE status NOT IN ('lost', 'converted') "
            "AND created_at < now() - interval '30 days'"
        ).fetchone()[0]
        lost_before = conn.execute("SELECT count(*) FROM leads WHERE status = 'lost'").fetchone()[0]
    assert stale > 0
    example = ROOT / "docs" / "examples" / "stale_leads_report.py"
    run = user_dags("stale_leads_report.py", example)["stale_leads_report"].test(
        run_conf={"days": 30}
    )
    assert run.state == "success"
    # the backup came first, holds the leads as they were, and verifies
    backups, _ = list_backups(open_store(f"file://{tmp_root}"))
    assert [(b.kind, b.scope) for b in backups] == [("module", "leads")]
    assert verify_backup(open_store(backups[0].url)).ok
    entry = next(t for t in backups[0].tables if t.name == "leads")
    with psycopg.connect(copy_of_demo) as conn:
        assert conn.execute("SELECT count(*) FROM leads").fetchone()[0] == entry.rows
        lost_after = conn.execute("SELECT count(*) FROM leads WHERE status = 'lost'").fetchone()[0]
    assert lost_after == lost_before + stale  # the user's own job ran between
    # the export holds exactly the lost leads (one line each, plus the header)
    report = run.get_task_instance("export_lost_leads").xcom_pull(task_ids="export_lost_leads")
    exported = Path(report[0]["file"].removeprefix("file://")).read_text().splitlines()
    assert len(exported) == 1 + lost_after


SENSOR_DAG = """
from airflow.sdk import DAG
from airvault.airflow import IncomingFilesSensor

with DAG("airvault_sensor_defers", schedule=None):
    IncomingFilesSensor(task_id="wait", poke_interval=1, timeout=120)
"""


def test_incoming_files_sensor_defers_until_files_land(airflow_db, tmp_path, tmp_root, user_dags):
    os.environ["AIRVAULT_CONFIG"] = str(
        write_config(tmp_path / "airvault.yaml", f"file://{tmp_root}")
    )
    landing = tmp_root / "imports" / "incoming" / "products"

    def land() -> None:
        time.sleep(4)
        landing.mkdir(parents=True)
        (landing / "late.csv").write_text("id\n")
        (landing / "ignored.json").write_text("{}")

    dag = user_dags("sensor.py", SENSOR_DAG)["airvault_sensor_defers"]
    assert dag.get_task("wait").deferrable
    threading.Thread(target=land, daemon=True).start()
    started = time.monotonic()
    run = dag.test()
    assert run.state == "success"
    assert time.monotonic() - started >= 4  # it waited for the files, in the trigger
    ti = run.get_task_instance("wait")
    assert ti.xcom_pull(task_ids="wait") == ["imports/incoming/products/late.csv"]


def test_the_core_never_imports_airflow():
    """Everything outside airvault.airflow (the CLI included) imports without Airflow: the
    disaster-recovery path works with Airflow down or not installed."""
    probe = (
        "import importlib, pkgutil, sys, airvault\n"
        "names = [m.name for m in pkgutil.walk_packages(airvault.__path__, 'airvault.')\n"
        "         if not m.name.startswith('airvault.airflow') and not m.name.endswith('__main__')]\n"
        "for name in names: importlib.import_module(name)\n"
        "print(len(names), sorted(k for k in sys.modules if k.split('.')[0] == 'airflow'))\n"
    )
    out = subprocess.run([os.sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True)  # fmt: skip
    count, airflow_modules = out.stdout.split(" ", 1)
    assert int(count) > 30  # every core module was imported
    assert airflow_modules.strip() == "[]"
