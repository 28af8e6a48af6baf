"""DAG factory for `backup_diff` (manual / REST): compare two backups given as Params; the
summary is the task's XCom and, with the row details as CSV, kept in storage under
`diffs/<id a>-<id b>/`."""

from __future__ import annotations

from airflow.sdk import DAG, Param

from airvault.airflow.dags.common import default_args
from airvault.airflow.operators.exchange import DiffOperator
from airvault.airflow.roles import VERIFY, access_control
from airvault.config import Config


def diff_dag(config: Config) -> DAG:
    with DAG(
        dag_id="backup_diff",
        access_control=access_control(VERIFY),
        schedule=None,
        catchup=False,
        tags=["airvault", "diff"],
        default_args=default_args(config, "backup diff"),
        doc_md=__doc__,
        params={
            "a": Param("", type="string", minLength=1, description="the older backup's URL"),
            "b": Param("", type="string", minLength=1, description="the newer backup's URL"),
        },
    ) as dag:
        DiffOperator(task_id="diff", a="{{ params.a }}", b="{{ params.b }}")
    return dag
