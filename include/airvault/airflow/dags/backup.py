"""DAG factory for backups: full (`full_backup_daily`, `full_backup_weekly`), one DAG per
module of the config (`module_backup_<name>`) and per configured tenant (`tenant_backup_<name>`)."""

from __future__ import annotations

from datetime import timedelta

from airflow.sdk import DAG, Asset, task

from airvault.config import Config

FULL_BACKUP_ASSET = Asset(name="airvault_full_backup", uri="airvault://backups/full")


def backup_asset(kind: str, scope: str) -> Asset:
    """The Asset a completed backup of this kind and scope emits (drills and retention follow it)."""
    if kind == "full":
        return FULL_BACKUP_ASSET
    return Asset(name=f"airvault_{kind}_backup_{scope}", uri=f"airvault://backups/{kind}/{scope}")


def run_backup_task(
    config: Config,
    kind: str,
    outlet_events=None,
    scope: str = "all",
    only: list[str] | None = None,
    tenant: str | None = None,
) -> dict:
    """Take one backup; non-transient errors fail the task without retries."""
    import logging

    import psycopg
    from airflow.sdk.exceptions import AirflowFailException

    from airvault.airflow.connections import new_files_key, postgres_dsn, vault_store
    from airvault.backup.run import options_from_config, run_backup
    from airvault.errors import AirvaultError

    logging.getLogger("airvault").setLevel(logging.INFO)
    opts = options_from_config(config, kind=kind, scope=scope, only=only)
    opts.rows.tenant_id = tenant
    root = vault_store(config)
    opts.encryption_key = new_files_key(config, root)
    try:
        result = run_backup(postgres_dsn(config.connections.app_db), root, opts)
    except AirvaultError as e:  # bad config, tool versions, integrity: retrying cannot help
        raise AirflowFailException(str(e)) from e
    except psycopg.errors.UndefinedTable as e:
        raise AirflowFailException(str(e)) from e
    summary = {
        "id": result.id,
        "url": result.url,
        "label": result.manifest["label"],
        "tables": len(result.manifest["tables"]),
        "rows": result.rows,
        "modules": {name: m["rows"] for name, m in result.manifest["modules"].items()},
        "bytes": sum(t["file_bytes"] for t in result.manifest["tables"]),
    }
    if outlet_events is not None:
        outlet_events[backup_asset(kind, scope)].extra = summary
    return summary


def fail_on_error(func, *args, **kwargs):
    """Errors of the core (a wrong key, a refused manifest) fail the task without retries."""
    from airflow.sdk.exceptions import AirflowFailException

    from airvault.errors import AirvaultError

    try:
        return func(*args, **kwargs)
    except AirvaultError as e:
        raise AirflowFailException(str(e)) from e


def verify_task(config: Config, summary: dict) -> dict:
    from airflow.sdk.exceptions import AirflowFailException

    from airvault.airflow.connections import vault_store
    from airvault.backup.verify import verify_backup

    root = vault_store(config)
    rel = summary["url"].removeprefix(root.url + "/")
    report = fail_on_error(verify_backup, root.child(rel), record=True)
    if not report.ok:  # a checksum mismatch is not transient: no retry
        raise AirflowFailException(f"backup {summary['id']} failed verification: {report.problems}")
    return {"id": summary["id"], "files": report.checked_files, "rows": report.rows}


def retry_args(config: Config) -> dict:
    """default_args of the DAGs that read the app database: transient faults are retried
    with exponential backoff; what retrying cannot fix fails at once (AirflowFailException)."""
    return {
        "retries": config.backup.retries,
        "retry_delay": timedelta(seconds=30),
        "retry_exponential_backoff": 2.0,
        "max_retry_delay": timedelta(minutes=15),
    }


def backup_dag(
    dag_id: str,
    schedule: str | None,
    config: Config,
    kind: str = "full",
    scope: str = "all",
    only: list[str] | None = None,
    tenant: str | None = None,
) -> DAG:
    """A DAG that backs up the app database (or `only` some tables, or one `tenant`'s rows),
    then re-verifies it."""
    default_args = retry_args(config)
    with DAG(
        dag_id=dag_id,
        schedule=schedule,
        catchup=False,
        max_active_runs=1,
        default_args=default_args,
        tags=["airvault", "backup", kind],
        doc_md=f"Consistent {kind} logical backup ({scope}) of `{config.connections.app_db}` to "
        f"`{config.storage.root}`, then a verification of every checksum.",
    ) as dag:

        @task(
            task_id="backup",
            pool=config.backup.pool,
            pool_slots=config.backup.pool_slots,
            outlets=[backup_asset(kind, scope)],
        )
        def backup(outlet_events=None) -> dict:
            return run_backup_task(config, kind, outlet_events, scope, only, tenant)

        @task(task_id="verify", retries=0)
        def verify(summary: dict) -> dict:
            return verify_task(config, summary)

        verify(backup())
    return dag
