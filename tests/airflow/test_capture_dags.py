"""The change_capture and restore_point_in_time DAGs, run with dag.test() against a copy of the
demo: backups the daily DAG takes are bases, the capture DAG drains the slot, and a restore to
a point is planned (nothing written) and then applied."""

from __future__ import annotations

import os
import time

import psycopg
import yaml

from airvault.capture.segments import read_chain
from airvault.capture.slot import start_capture, stop_capture
from airvault.storage.manifest import list_backups
from airvault.storage.store import open_store
from tests.airflow.test_dags import load_dags
from tests.airflow_env import set_postgres_connection, write_config
from tests.capture.test_capture import checksums, mark
from tests.dbutil import INFRA


def test_capture_dag_drains_and_point_in_time_dag_plans_then_restores(
    airflow_db, copy_of_demo, tmp_path, tmp_root
):
    dsn = copy_of_demo
    slot = f"dag_{os.getpid()}"
    set_postgres_connection("airvault_app_db", dsn)
    path = write_config(tmp_path / "airvault.yaml", f"file://{tmp_root}")
    data = yaml.safe_load(path.read_text())
    data["capture"] = {"enabled": True, "slot": slot, "publication": slot}
    path.write_text(yaml.safe_dump(data))
    try:
        start_capture(dsn, slot, slot, exclude=INFRA)
        dags = load_dags(path)
        assert dags["change_capture"].max_active_runs == 1
        assert dags["change_capture"].timetable.expression == "* * * * *"
        assert dags["full_backup_daily"].test().state == "success"
        (base,), _ = list_backups(open_store(tmp_root))
        assert base.capture and base.capture.slot == slot  # the daily backup is a base
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute("UPDATE deals SET stage = 'lost' WHERE stage = 'won'")
        then = mark(dsn)
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute("DELETE FROM bids")
            conn.execute("UPDATE deals SET amount = amount + 1")
        time.sleep(1.2)
        run = load_dags(path)["change_capture"].test()
        assert run.state == "success"
        drained = run.get_task_instance("drain").xcom_pull(task_ids="drain")
        assert drained["segments"] >= 1 and drained["changes"] > 0
        assert read_chain(open_store(tmp_root), slot).problems == []

        conf = {"backup_url": base.url, "until": then.time, "mode": "replace", "tables": "",
                "module": "", "tenant": "", "allow_cascade": True}  # fmt: skip
        before = checksums(psycopg.connect(dsn))
        run = load_dags(path)["restore_point_in_time"].test(run_conf={**conf, "dry_run": True})
        assert run.state == "success"
        plan = run.get_task_instance("restore").xcom_pull(task_ids="restore")
        tables = {t["table"]: t for t in plan["restore"]["tables"]}
        assert tables["public.bids"]["insert"] > 0  # the deleted bids would come back
        assert tables["public.deals"]["update"] == 1500  # every amount back as it was
        assert checksums(psycopg.connect(dsn)) == before  # a dry run writes nothing

        run = load_dags(path)["restore_point_in_time"].test(
            run_conf={**conf, "dry_run": False, "confirm": "RESTORE"}
        )
        assert run.state == "success"
        assert checksums(psycopg.connect(dsn)) == then.sums
        kinds = sorted(m.kind for m in list_backups(open_store(tmp_root))[0])
        assert kinds == ["full", "pre-restore"]  # the undo; the point's own backup is gone
    finally:
        stop_capture(dsn, slot, slot)
