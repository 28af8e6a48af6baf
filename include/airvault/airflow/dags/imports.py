"""DAG factory for `import` (manual / REST, Params render as a form): one CSV from storage
(`imports/incoming/...` under the storage root, or any file:// / s3:// URL) into a table.
A failed atomic import fails the task after writing its rejects and report; nothing changed."""

from __future__ import annotations

from airflow.sdk import DAG, Param, get_current_context, task

from airvault.config import Config


def _import_file(config: Config, file: str, table: str, options: dict, suffix: str = "") -> dict:
    """Import one file (storage-relative or a URL) into `table`; the report without its
    rejects (they are in imports/rejects/<run>.csv). A rejected import fails the task."""
    from airflow.sdk.exceptions import AirflowFailException

    from airvault.airflow.connections import postgres_dsn, vault_store
    from airvault.airflow.dags.backup import fail_on_error
    from airvault.airflow.dags.exports import run_identity
    from airvault.exchange.imports import ImportSpec, run_import

    module = next((m for m in config.modules.values() if table in m.tables), None)
    spec = ImportSpec(table=table, user_columns=list(module.user_columns) if module else [],
                      **options)  # fmt: skip
    root = vault_store(config)
    if "://" in file:
        parent, _, rel = file.rpartition("/")
        source = vault_store(config, parent)
    else:
        source, rel = root, file
    run_id, who = run_identity()
    if suffix:  # several files in one run: one rejects/report file each
        run_id = f"{run_id}-{suffix}"
    report = fail_on_error(run_import, postgres_dsn(config.connections.app_db), source, rel,
                           spec, root, run_id, who)  # fmt: skip
    result = {k: v for k, v in report.to_json().items() if k != "rejects"}
    if report.status == "failed":
        raise AirflowFailException(
            f"import of {file} rejected: {report.message}; see imports/rejects/{run_id}.csv"
        )
    return result


def import_dag(config: Config) -> DAG:
    with DAG(
        dag_id="import",
        schedule=None,
        catchup=False,
        tags=["airvault", "import"],
        doc_md=__doc__,
        params={
            "file": Param("", type="string", minLength=1,
                          description="imports/incoming/<file>.csv under the storage root, or a URL"),
            "table": Param("", type="string", minLength=1, description="the target table"),
            "mode": Param("upsert", enum=["insert", "upsert", "update-only"]),
            "policy": Param("atomic", enum=["atomic", "skip"],
                            description="atomic: any bad row rejects the file; skip: load the good rows"),
            "max_errors": Param(None, type=["null", "integer"], description="skip: give up beyond this"),
            "mapping": Param("", type="string", description="file_col=table_col, comma-separated"),
            "template": Param("", type="string", description="a saved mapping (import_mappings)"),
            "key": Param("", type="string", description="key columns (empty = primary key)"),
            "encoding": Param("", type="string", description="e.g. latin-1 (empty = UTF-8)"),
            "dry_run": Param(False, type="boolean", description="validate and plan only"),
        },
    ) as dag:  # fmt: skip

        @task(task_id="import", pool=config.backup.pool)
        def run() -> dict:
            from airvault.airflow.dags.backup import fail_on_error
            from airvault.exchange.exports import parse_filters

            p = get_current_context()["params"]
            split = lambda text: [x for x in (text or "").split(",") if x.strip()]  # noqa: E731
            options = {
                "mode": p["mode"], "policy": p["policy"], "max_errors": p["max_errors"],
                "mapping": {**(fail_on_error(config.import_mapping, p["template"]) if p["template"] else {}),
                            **parse_filters(split(p["mapping"]), "mapping")},
                "key": split(p["key"]) or None, "encoding": p["encoding"] or None,
                "dry_run": p["dry_run"],
            }  # fmt: skip
            return _import_file(config, p["file"], p["table"], options)

        run()
    return dag


def import_watch_dag(config: Config) -> DAG:
    """`import_incoming`: a sensor waits (reschedule mode: no worker slot held) until files
    land in imports/incoming/<table>/ of the storage, then imports each one into <table>
    (mode and policy from `import_watch`); a loaded file moves to imports/processed/, a
    rejected one to imports/failed/ and fails its task. Continuous: the next run starts waiting at once."""
    watch = config.import_watch
    with DAG(
        dag_id="import_incoming",
        schedule="@continuous",
        max_active_runs=1,
        catchup=False,
        tags=["airvault", "import"],
        doc_md=import_watch_dag.__doc__,
    ) as dag:

        @task.sensor(task_id="wait_for_files", poke_interval=watch.poke_seconds, mode="reschedule",
                     timeout=24 * 3600, soft_fail=True)  # fmt: skip
        def wait_for_files():
            from airflow.sdk import PokeReturnValue

            from airvault.airflow.connections import vault_store

            found = [f for f in vault_store(config).glob("imports/incoming/*/*")
                     if f.lower().endswith((".csv", ".txt"))]  # fmt: skip
            return PokeReturnValue(is_done=bool(found), xcom_value=found)

        @task(task_id="import", pool=config.backup.pool, map_index_template="{{ file }}")
        def load(file: str) -> dict:
            import hashlib

            get_current_context()["file"] = file  # names the mapped task in the UI

            from airflow.sdk.exceptions import AirflowFailException

            from airvault.airflow.connections import vault_store

            table = file.split("/")[2]
            options = {"mode": watch.mode, "policy": watch.policy}
            suffix = hashlib.sha256(file.encode()).hexdigest()[:8]
            try:
                return _import_file(config, file, table, options, suffix)
            except AirflowFailException:  # refused for good: set aside, or the next run loops on it
                vault_store(config).move(
                    file, file.replace("imports/incoming/", "imports/failed/", 1)
                )
                raise

        load.expand(file=wait_for_files())
    return dag
