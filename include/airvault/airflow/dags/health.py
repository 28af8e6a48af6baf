"""DAG factory for `backup_health` (hourly): writes health.json to the storage root and fails,
which alerts through the AirvaultNotifier, when a freshness target is missed."""

from __future__ import annotations

from airflow.sdk import DAG, task

from airvault.airflow.notifier import AirvaultNotifier
from airvault.config import Config


def health_dag(config: Config) -> DAG:
    with DAG(
        dag_id="backup_health",
        schedule=config.health.schedule,
        catchup=False,
        max_active_runs=1,
        tags=["airvault", "health"],
        doc_md=__doc__,
        default_args={
            "retries": 0,
            "on_failure_callback": AirvaultNotifier("airvault backups are not fresh"),
        },
    ) as dag:

        @task(task_id="check")
        def check() -> dict:
            from airflow.sdk.exceptions import AirflowFailException

            from airvault.airflow.connections import vault_store
            from airvault.ops.health import health_report

            report = health_report(vault_store(config), config.health.freshness_hours)
            if not report["ok"]:
                raise AirflowFailException("; ".join(report["problems"]))
            return report

        check()
    return dag
