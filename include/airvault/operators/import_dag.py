"""DAG factory for `import` (manual / REST, Params render as a form): one CSV from storage
(`imports/incoming/...` under the storage root, or any file:// / s3:// URL) into a table.
A failed atomic import fails the task after writing its rejects and report; nothing changed."""

from __future__ import annotations

from airflow.sdk import DAG, Param, get_current_context, task

from airvault.config import Config


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
            from airflow.sdk.exceptions import AirflowFailException

            from airvault.export import parse_filters
            from airvault.importer import ImportSpec, run_import
            from airvault.operators.backup_dags import fail_on_error
            from airvault.operators.connections import postgres_dsn, vault_store
            from airvault.operators.export_dag import run_identity

            p = get_current_context()["params"]
            split = lambda text: [x for x in (text or "").split(",") if x.strip()]  # noqa: E731
            module = next((m for m in config.modules.values() if p["table"] in m.tables), None)
            spec = ImportSpec(
                table=p["table"], mode=p["mode"], policy=p["policy"], max_errors=p["max_errors"],
                mapping={**(fail_on_error(config.import_mapping, p["template"]) if p["template"] else {}),
                         **parse_filters(split(p["mapping"]), "mapping")},
                key=split(p["key"]) or None,
                encoding=p["encoding"] or None, dry_run=p["dry_run"],
                user_columns=list(module.user_columns) if module else [],
            )  # fmt: skip
            root = vault_store(config)
            if "://" in p["file"]:
                parent, _, rel = p["file"].rpartition("/")
                source = vault_store(config, parent)
            else:
                source, rel = root, p["file"]
            run_id, who = run_identity()
            report = fail_on_error(run_import, postgres_dsn(config.connections.app_db), source,
                                   rel, spec, root, run_id, who)  # fmt: skip
            result = {k: v for k, v in report.to_json().items() if k != "rejects"}
            if report.status == "failed":
                raise AirflowFailException(
                    f"import rejected: {report.message}; see imports/rejects/{run_id}.csv"
                )
            return result

        run()
    return dag
