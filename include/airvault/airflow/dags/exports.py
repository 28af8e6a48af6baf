"""DAG factories for exports: `export` (manual / REST, Params render as a form) and one
`export_<name>` per recurring export of the config. Each run writes its files and report.json
under exports/<table>/<run id>/ and returns the reports (with signed links on S3)."""

from __future__ import annotations

from airflow.sdk import DAG, Param, get_current_context, task

from airvault.config import Config, RecurringExport


def run_identity() -> tuple[str, str]:
    """(this run's id as a folder name, who triggered it) for reports."""
    import re

    context = get_current_context()
    run = context["dag_run"]
    who = run.triggering_user_name or f"{getattr(run.run_type, 'value', run.run_type)} run"
    return re.sub(r"[^A-Za-z0-9_.-]", "_", context["run_id"]), who


def _export(config: Config, dataset: str, options: dict) -> list[dict]:
    from airvault.airflow.connections import postgres_dsn, vault_store
    from airvault.airflow.dags.backup import fail_on_error
    from airvault.exchange.exports import run_export, specs_for

    run_id, who = run_identity()
    root = vault_store(config)
    dsn = postgres_dsn(config.connections.app_db)
    reports = []
    for spec in fail_on_error(specs_for, config, dataset, **options):
        report = fail_on_error(run_export, dsn, root, spec, run_id, who)
        if not root.is_local:
            rel = report["file"].removeprefix(root.url + "/")
            report["link"] = root.signed_url(rel, config.archive.link_expires_minutes * 60)
        reports.append(report)
    return reports


def export_dag(config: Config) -> DAG:
    datasets = sorted(config.modules)
    with DAG(
        dag_id="export",
        schedule=None,
        catchup=False,
        tags=["airvault", "export"],
        doc_md=__doc__,
        params={
            "dataset": Param(datasets[0] if datasets else "", type="string", minLength=1,
                             description=f"a module ({', '.join(datasets)}) or a table"),
            "format": Param("csv", enum=["csv", "json", "parquet", "xlsx"]),
            "readable": Param(True, type="boolean", description="display names and local times"),
            "short_ids": Param(False, type="boolean", description="readable: uuids as 8 hex digits"),
            "columns": Param("", type="string", description="comma-separated (empty = all)"),
            "filters": Param("", type="string", description="column=value, comma-separated"),
            "tenant": Param("", type="string", description="only this tenant's rows"),
            "date_column": Param("", type="string"),
            "since": Param("", type="string", description="ISO date, inclusive"),
            "until": Param("", type="string", description="ISO date, exclusive"),
            "timezone": Param("UTC", type="string"),
        },
    ) as dag:  # fmt: skip

        @task(task_id="export", pool=config.backup.pool)
        def export() -> list[dict]:
            from airvault.exchange.exports import parse_filters

            p = get_current_context()["params"]
            split = lambda text: [x for x in (text or "").split(",") if x.strip()]  # noqa: E731
            options = {
                "format": p["format"], "readable": p["readable"],
                "columns": split(p["columns"]) or None,
                "filters": parse_filters(split(p["filters"])), "tenant": p["tenant"] or None,
                "date_column": p["date_column"] or None, "since": p["since"] or None,
                "until": p["until"] or None, "timezone": p["timezone"],
                "short_ids": p["short_ids"],
            }  # fmt: skip
            return _export(config, p["dataset"], options)

        export()
    return dag


def recurring_export_dag(config: Config, name: str, job: RecurringExport) -> DAG:
    with DAG(
        dag_id=f"export_{name}",
        schedule=job.schedule,
        catchup=False,
        max_active_runs=1,
        tags=["airvault", "export"],
        doc_md=f"Recurring export of `{job.dataset}` as {job.format} ({job.schedule} UTC).",
    ) as dag:

        @task(task_id="export", pool=config.backup.pool)
        def export() -> list[dict]:
            options = {"format": job.format, "readable": job.readable, "timezone": job.timezone}
            return _export(config, job.dataset, options)

        export()
    return dag
