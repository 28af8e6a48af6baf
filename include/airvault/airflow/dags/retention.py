"""DAG factory for `retention_cleanup`: plan -> apply.

`plan` logs every backup with keep/delete and the rule that decided it (XCom: the counts and
the folders to delete); `apply` plans again and deletes them, manifest first, unless the run's
`dry_run` Param is on.
"""

from __future__ import annotations

from airflow.sdk import DAG, Param

from airvault.airflow.dags.common import default_args
from airvault.airflow.operators.ops import RetentionOperator
from airvault.airflow.roles import MAINTAIN, access_control
from airvault.config import Config


def retention_dag(config: Config) -> DAG:
    with DAG(
        dag_id="retention_cleanup",
        access_control=access_control(MAINTAIN),
        schedule=config.retention.schedule,
        catchup=False,
        max_active_runs=1,
        tags=["airvault", "retention"],
        default_args=default_args(config, "retention cleanup"),
        doc_md=__doc__,
        params={"dry_run": Param(False, type="boolean", description="plan only, delete nothing")},
    ) as dag:
        plan = RetentionOperator(task_id="plan", dry_run=True)
        plan >> RetentionOperator(
            task_id="apply", dry_run="{{ params.dry_run }}", skip_on_dry_run=True
        )
    return dag
