"""DAG factory for `restore_drill`: latest -> drill (one mapped task per backup).

Weekly (`drills.schedule`), and after every completed full backup when `drills.on_backup` is
set (its Asset). A failed drill fails its task, and the AirvaultNotifier alerts.
"""

from __future__ import annotations

from datetime import timedelta

from airflow.sdk import DAG, AssetOrTimeSchedule, CronTriggerTimetable

from airvault.airflow.dags.backup import FULL_BACKUP_ASSET
from airvault.airflow.dags.common import FROM_COPY_PARAM, copy_param, default_args
from airvault.airflow.operators.ops import DrillOperator, LatestBackupsOperator
from airvault.airflow.roles import VERIFY, access_control
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
        access_control=access_control(VERIFY),
        schedule=_schedule(config),
        catchup=False,
        max_active_runs=1,
        tags=["airvault", "drill"],
        doc_md=__doc__,
        default_args=default_args(config, "restore drill", execution_timeout=timedelta(hours=6)),
        # scheduled runs drill the storage root's bytes; a manual run may drill a copy's
        params={"copy": copy_param(config, "the newest backups")},
    ) as dag:
        latest = LatestBackupsOperator(task_id="latest")
        DrillOperator.partial(
            task_id="drill",
            pool=config.backup.pool,
            map_index_template="{{ task.backup_url }}",
            **FROM_COPY_PARAM,
        ).expand(backup_url=latest.output)
    return dag
