"""DAG factory for `change_capture` (every minute by default): drains the app database's
capture slot into signed change segments, the RPO of point-in-time restores. One run at a
time; a run that finds another drain running fails without touching the slot."""

from __future__ import annotations

from datetime import timedelta

from airflow.sdk import DAG

from airvault.airflow.dags.common import default_args
from airvault.airflow.operators.capture import ChangeCaptureOperator
from airvault.config import Config


def capture_dag(config: Config) -> DAG:
    with DAG(
        dag_id="change_capture",
        schedule=config.capture.schedule if config.capture.enabled else None,
        catchup=False,
        max_active_runs=1,
        tags=["airvault", "capture"],
        doc_md=__doc__,
        # a drain is exactly-once, so a transient fault is simply retried
        default_args=default_args(
            config, "change capture", retries=True, alert="airvault change capture failed"
        ),  # fmt: skip
    ) as dag:
        ChangeCaptureOperator(task_id="drain", execution_timeout=timedelta(minutes=30))
    return dag
