"""DAG factory for `restore_drill`: latest -> drill (one mapped task per backup).

Weekly (`drills.schedule`), and after every completed full backup when `drills.on_backup` is
set (its Asset). A failed drill fails its task, and the AirvaultNotifier alerts.
"""

from __future__ import annotations

from datetime import timedelta

from airflow.sdk import DAG, AssetOrTimeSchedule, CronTriggerTimetable, task

from airvault.airflow.dags.backup import FULL_BACKUP_ASSET
from airvault.airflow.notifier import AirvaultNotifier
from airvault.config import Config


def _schedule(config: Config):
    cron, on_backup = config.drills.schedule, config.drills.on_backup
    if cron and on_backup:
        timetable = CronTriggerTimetable(cron, timezone="UTC")
        return AssetOrTimeSchedule(timetable=timetable, assets=[FULL_BACKUP_ASSET])
    return [FULL_BACKUP_ASSET] if on_backup else cron


def drill_dag(config: Config) -> DAG:
    with DAG(
        dag_id="restore_drill",
        schedule=_schedule(config),
        catchup=False,
        max_active_runs=1,
        tags=["airvault", "drill"],
        doc_md=__doc__,
        default_args={
            "retries": 0,
            "execution_timeout": timedelta(hours=6),
            "on_failure_callback": AirvaultNotifier("airvault restore drill failed"),
        },
    ) as dag:

        @task(task_id="latest")
        def latest() -> list[str]:
            from airvault.airflow.connections import vault_store
            from airvault.ops.drill import latest_backups

            found = latest_backups(vault_store(config), config.drills.kinds)
            return [b["url"] for b in found]

        @task(task_id="drill", pool=config.backup.pool, map_index_template="{{ url }}")
        def drill(url: str) -> dict:
            import logging

            from airflow.sdk.exceptions import AirflowFailException

            from airvault.airflow.connections import postgres_dsn, vault_store
            from airvault.ops.drill import run_drill

            logging.getLogger("airvault").setLevel(logging.INFO)
            admin = postgres_dsn(config.drills.admin_connection or config.connections.app_db)
            evidence = run_drill(
                vault_store(config, url), admin, vault_store(config), config.drills.invariants
            )
            if not evidence["ok"]:
                raise AirflowFailException(
                    f"restore drill of {url} failed: " + "; ".join(evidence["problems"])
                )
            return evidence

        drill.expand(url=latest())
    return dag
