"""DAG factories for exports: `export` (manual / REST, Params render as a form) and one
`export_<name>` per recurring export of the config. Each run writes its files and report.json
under exports/<table>/<run id>/ and returns the reports (with signed links on S3)."""

from __future__ import annotations

from airflow.sdk import DAG, Param

from airvault.airflow.dags.common import dag_schedule, default_args, from_params
from airvault.airflow.operators.exchange import ExportOperator
from airvault.airflow.roles import EXPORT, access_control
from airvault.config import Config, RecurringExport


def export_dag(config: Config) -> DAG:
    datasets = sorted(config.modules)
    # the run's Params, one row each: a form in the UI, conf over REST
    params = {
        "dataset": Param(datasets[0] if datasets else "", type="string", minLength=1,
                         description=f"a module ({', '.join(datasets)}) or a declared table (no system schema, no secret column); several comma-separated"),
        "format": Param("csv", enum=["csv", "json", "parquet", "xlsx", "pdf", "zip"],
                        description="zip: a module's tables (or several datasets') as CSV files in one ZIP"),
        "readable": Param(True, type="boolean", description="display names and local times"),
        "short_ids": Param(False, type="boolean", description="readable: uuids as 8 hex digits"),
        "columns": Param("", type="string", description="comma-separated (empty = all)"),
        "filters": Param("", type="string", description="column=value, comma-separated"),
        "tenant": Param("", type="string", description="only this tenant's rows"),
        "date_column": Param("", type="string"),
        "since": Param("", type="string", description="ISO date, inclusive"),
        "until": Param("", type="string", description="ISO date, exclusive"),
        "timezone": Param("UTC", type="string"),
    }  # fmt: skip
    with DAG(
        dag_id="export",
        access_control=access_control(EXPORT),
        schedule=None,
        catchup=False,
        tags=["airvault", "export"],
        default_args=default_args(config, "export"),
        doc_md=__doc__,
        params=params,
    ) as dag:
        # every Param becomes the operator's argument of the same name
        ExportOperator(task_id="export", pool=config.backup.pool, **from_params(*params))
    return dag


def recurring_export_dag(config: Config, name: str, job: RecurringExport) -> DAG:
    with DAG(
        dag_id=f"export_{name}",
        access_control=access_control(EXPORT),
        schedule=dag_schedule(config, f"export_{name}", job.schedule),
        catchup=False,
        max_active_runs=1,
        tags=["airvault", "export"],
        default_args=default_args(config, f"export {name}"),
        doc_md=f"Recurring export of `{job.dataset}` as {job.format} ({job.schedule}, "
        f"{config.edits.timezone(f'export_{name}') if config.edits else 'UTC'}).",
    ) as dag:
        ExportOperator(
            task_id="export",
            pool=config.backup.pool,
            dataset=job.dataset,
            format=job.format,
            readable=job.readable,
            timezone=job.timezone,
        )
    return dag
