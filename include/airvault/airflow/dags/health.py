"""DAG factory for `backup_health` (hourly): writes health.json to the storage root and fails,
which alerts through the AirvaultNotifier, when a freshness target is missed."""

from __future__ import annotations

from airflow.sdk import DAG

from airvault.airflow.dags.common import default_args
from airvault.airflow.operators.ops import HealthCheckOperator
from airvault.airflow.roles import BACKUP, access_control
from airvault.config import Config


def health_dag(config: Config) -> DAG:
    with DAG(
        dag_id="backup_health",
        access_control=access_control(BACKUP),
        schedule=config.health.schedule,
        catchup=False,
        max_active_runs=1,
        tags=["airvault", "health"],
        doc_md=__doc__,
        default_args=default_args(config, "health", alert="airvault backups are not fresh"),
    ) as dag:
        HealthCheckOperator(task_id="check")
    return dag
