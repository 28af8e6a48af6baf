"""DAG factory for `restore`: verify -> plan -> safety_backup -> apply -> check.

Triggered by hand or through the REST API with Params that render as a form. Nothing is
written unless `dry_run` is off and `confirm` says RESTORE.
"""

from __future__ import annotations

from airflow.sdk import DAG, Param, get_current_context, task

from airvault.config import Config
from airvault.operators.backup_dags import fail_on_error

CONFIRM_WORD = "RESTORE"


def _params() -> dict:
    return dict(get_current_context()["params"])


def _tables(config: Config, params: dict) -> list[str] | None:
    from airflow.sdk.exceptions import AirflowFailException

    tables = [t.strip() for t in (params.get("tables") or "").split(",") if t.strip()]
    module = params.get("module")
    if module:
        if module not in config.modules:
            raise AirflowFailException(f"module '{module}' is not in the config")
        tables += config.modules[module].tables
    return tables or None


def _source(config: Config, url: str):
    """The backup as a Store holding the encryption key: s3:// through the Airflow
    connection, anything else (a folder, an uploaded .tar) as given."""
    from airvault.operators.connections import encryption_key, vault_store
    from airvault.uploads import open_backup

    if url.startswith("s3://"):
        return vault_store(config, url)
    store = fail_on_error(open_backup, url)
    store.key = encryption_key(config)
    return store


def restore_dag(config: Config) -> DAG:
    from datetime import timedelta

    with DAG(
        dag_id="restore",
        schedule=None,
        catchup=False,
        max_active_runs=1,
        tags=["airvault", "restore"],
        default_args={"retries": 0, "execution_timeout": timedelta(hours=6)},
        doc_md=__doc__,
        params={
            "backup_url": Param("", type="string", minLength=1, description="file://, s3://, a folder or a .tar"),
            "mode": Param("replace", enum=["replace", "merge", "new-database"], description="replace: tables end equal to the backup; merge: upsert; new-database: create the database in target_dsn"),
            "tables": Param("", type="string", description="comma-separated tables (empty = all)"),
            "module": Param("", type="string", description="a module from the config (empty = none)"),
            "target_dsn": Param("", type="string", description="new-database mode: the database to create (empty = the app database)"),
            "dry_run": Param(True, type="boolean", description="plan only, write nothing"),
            "confirm": Param("", type="string", description=f"type {CONFIRM_WORD} to apply"),
        },
    ) as dag:  # fmt: skip

        def target() -> str:
            from airvault.operators.connections import postgres_dsn

            return _params().get("target_dsn") or postgres_dsn(config.connections.app_db)

        @task(task_id="verify")
        def verify() -> dict:
            from airflow.sdk.exceptions import AirflowFailException

            from airvault.verify import verify_backup

            report = fail_on_error(verify_backup, _source(config, _params()["backup_url"]))
            if not report.ok:
                raise AirflowFailException(
                    "backup failed verification: " + "; ".join(report.problems)
                )
            return {"files": report.checked_files, "rows": report.rows}

        @task(task_id="plan", pool=config.backup.pool)
        def plan(_verified: dict) -> dict:
            from airvault.restore import restore

            p = _params()
            if p["mode"] == "new-database":
                return {"restore_id": None, "tables": None}
            result = fail_on_error(
                restore,
                _source(config, p["backup_url"]),
                target(),
                mode=p["mode"],
                tables=_tables(config, p),
                dry_run=True,
                verify_data=False,  # the verify task just did
            )
            return result.to_json()

        @task(task_id="safety_backup", pool=config.backup.pool, pool_slots=config.backup.pool_slots)
        def safety_backup(planned: dict) -> dict:
            import secrets

            from airflow.sdk.exceptions import AirflowFailException, AirflowSkipException

            from airvault.operators.connections import vault_store
            from airvault.restore import take_safety_backup

            p = _params()
            if p["dry_run"]:
                raise AirflowSkipException("dry run: nothing will be written")
            if p.get("confirm") != CONFIRM_WORD:
                raise AirflowFailException(f"not confirmed: set confirm to {CONFIRM_WORD} to apply")
            restore_id = secrets.token_hex(4)
            if p["mode"] == "new-database":  # a new database has nothing to lose
                return {"restore_id": restore_id, "url": None}
            tables = [t["table"] for t in planned["tables"]]
            root = vault_store(config)
            url = fail_on_error(
                take_safety_backup, target(), root, tables, restore_id, p["backup_url"], p["mode"]
            )
            return {"restore_id": restore_id, "url": url}

        @task(task_id="apply", pool=config.backup.pool)
        def apply(safety: dict) -> dict:
            from airvault.restore import restore

            p = _params()
            result = fail_on_error(
                restore, _source(config, p["backup_url"]), target(), mode=p["mode"], tables=_tables(config, p),
                restore_id=safety["restore_id"], safety_backup=safety["url"],
                verify_data=False,  # verified by the verify task, re-checked while staged
            )  # fmt: skip
            return result.to_json()

        @task(task_id="check")
        def check(applied: dict) -> dict:
            from airflow.sdk.exceptions import AirflowFailException

            from airvault.restore import check_restored

            p = _params()
            selected = [t["table"] for t in applied["tables"] if t["role"] == "selected"]
            if p["mode"] == "merge":  # merge keeps rows only the target has: counts, not checksums
                return {"checked": 0, "mode": "merge"}
            problems = fail_on_error(
                check_restored, _source(config, p["backup_url"]), target(), selected
            )
            if problems:
                raise AirflowFailException(
                    "restored data differs from the backup: " + "; ".join(problems)
                )
            return {"checked": len(selected)}

        check(apply(safety_backup(plan(verify()))))
    return dag


def verify_dag(config: Config) -> DAG:
    """`verify_backup`: re-check every checksum and row count of one backup or archive and
    record the result beside it (what `airvault list` and the Backups page show)."""
    with DAG(
        dag_id="verify_backup",
        schedule=None,
        catchup=False,
        tags=["airvault", "verify"],
        doc_md=verify_dag.__doc__,
        params={"backup_url": Param("", type="string", minLength=1, description="the backup folder")},
    ) as dag:  # fmt: skip

        @task(task_id="verify")
        def verify() -> dict:
            from airflow.sdk.exceptions import AirflowFailException

            from airvault.archive import is_archive, verify_archive
            from airvault.verify import verify_backup

            store = _source(config, _params()["backup_url"])
            if is_archive(store):
                report = fail_on_error(verify_archive, store, store.key)
            else:
                report = fail_on_error(verify_backup, store, record=True)
            if not report.ok:
                raise AirflowFailException("verification failed: " + "; ".join(report.problems))
            return {"ok": True, "files": report.checked_files}

        verify()
    return dag
