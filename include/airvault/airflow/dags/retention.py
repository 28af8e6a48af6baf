"""DAG factory for `retention_cleanup`: plan -> apply.

`plan` logs every backup with keep/delete and the rule that decided it (XCom: the counts and
the folders to delete); `apply` deletes them, manifest first, unless the run's `dry_run` Param
is on.
"""

from __future__ import annotations

from airflow.sdk import DAG, Param, get_current_context, task

from airvault.config import Config


def retention_dag(config: Config) -> DAG:
    with DAG(
        dag_id="retention_cleanup",
        schedule=config.retention.schedule,
        catchup=False,
        max_active_runs=1,
        tags=["airvault", "retention"],
        doc_md=__doc__,
        params={"dry_run": Param(False, type="boolean", description="plan only, delete nothing")},
    ) as dag:

        @task(task_id="plan")
        def plan() -> dict:
            import logging

            from airvault.airflow.connections import vault_store
            from airvault.ops.retention import prune

            logging.getLogger("airvault").setLevel(logging.INFO)
            result = prune(vault_store(config), config.retention, dry_run=True)
            return {
                "keep": sum(d.keep for d in result.decisions),
                "delete": [d.backup.folder for d in result.deletions],
                "rules": {d.backup.folder: d.rule for d in result.decisions},
            }

        @task(task_id="apply")
        def apply(planned: dict) -> dict:
            from airflow.sdk.exceptions import AirflowSkipException

            from airvault.airflow.connections import vault_store
            from airvault.ops.retention import prune

            if get_current_context()["params"]["dry_run"]:
                raise AirflowSkipException("dry run: nothing deleted")
            # Planned again at apply time: a backup verified or pinned since the plan counts.
            result = prune(vault_store(config), config.retention)
            return {"deleted": [d.backup.folder for d in result.deletions]}

        apply(plan())
    return dag
