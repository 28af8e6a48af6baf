"""DAG factory for `pg_dump_archive`: archive -> verify -> links (and -> copy, to the
config's copies, when there are).

`links` returns presigned download URLs (XCom) that expire after
`archive.link_expires_minutes`; on local storage there is nothing to sign and it is skipped.
"""

from __future__ import annotations

from typing import Any

from airflow.sdk import DAG, XComArg

from airvault.airflow.dags.common import dag_schedule, default_args
from airvault.airflow.operators.archive import ArchiveOperator, SignedLinksOperator
from airvault.airflow.operators.backup import CopyBackupOperator, VerifyBackupOperator
from airvault.airflow.roles import BACKUP, access_control
from airvault.config import Config


def archive_dag(config: Config, dag_id: str = "pg_dump_archive", cron: str | None = None) -> DAG:
    """The config's archive DAG, or (`dag_id`, `cron`) one added on the Backups page."""
    schedule = config.archive.schedule if dag_id == "pg_dump_archive" else cron
    with DAG(
        dag_id=dag_id,
        access_control=access_control(BACKUP),
        schedule=dag_schedule(config, dag_id, schedule),
        catchup=False,
        max_active_runs=1,
        default_args=default_args(config, "archive", retries=True),
        tags=["airvault", "archive"],
        doc_md=__doc__,
    ) as dag:
        archive = ArchiveOperator(
            task_id="archive", pool=config.backup.pool, pool_slots=config.backup.pool_slots
        )
        # archive.output["url"] (XComArg has no __getitem__ in its type), rendered to the
        # archive's URL at run time: Any, as templates are (the argument is a str by then)
        url: Any = XComArg(archive, key="url")
        verify = VerifyBackupOperator(task_id="verify", backup_url=url, retries=0)
        verify >> SignedLinksOperator(task_id="links", url=url)
        if config.copies:
            verify >> CopyBackupOperator(task_id="copy", backup_url=url)
    return dag
