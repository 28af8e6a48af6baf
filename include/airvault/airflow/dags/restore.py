"""DAG factory for `restore`: verify -> plan -> safety_backup -> apply -> check.

Triggered by hand or through the REST API with Params that render as a form. Nothing is
written unless `dry_run` is off and `confirm` says RESTORE.

What a run may touch is decided by the config, never by the run conf (stored with the run and
readable by anyone who can read runs): the target is an Airflow connection the config names
(`target_conn_id`: connections.app_db or one of connections.restore_targets), the backup one
folder under the storage root read through the storage's own connection. A conf carrying a
password, a DSN, another connection in an s3:// URL or a path outside the storage root fails
the first task before anything is read or written.
"""

from __future__ import annotations

import re

from airflow.sdk import DAG, Param, get_current_context, task

from airvault.airflow.dags.backup import fail_on_error
from airvault.config import Config

CONFIRM_WORD = "RESTORE"
# a password in a URL (scheme://user:password@host) or in a libpq keyword DSN (password=...)
_URL_PASSWORD = re.compile(r"[a-z][a-z0-9+.-]*://[^/@\s]*:[^/@\s]*@", re.I)
_DSN_PASSWORD = re.compile(r"(^|\s)password\s*=", re.I)


def _params() -> dict:
    return dict(get_current_context()["params"])


def _strings(value, where: str):
    """(key path, string) of every string in a run conf, nested ones too."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, f"{where}.{k}" if where else str(k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, f"{where}[{i}]")


def check_run_conf(config: Config, conf: dict | None) -> None:
    """Refuse a run conf that carries a password or names a database by DSN: the message
    names the key, never the value."""
    from airflow.sdk.exceptions import AirflowFailException

    targets = ", ".join(_targets(config))
    for where, text in _strings(conf or {}, ""):
        if _URL_PASSWORD.search(text) or _DSN_PASSWORD.search(text):
            raise AirflowFailException(
                f"run conf key '{where}' holds a password, refused before anything ran: "
                "passwords never go in run conf (it is stored with the run and readable by "
                "anyone who can read runs). Name the target database by its Airflow "
                f"connection in target_conn_id ({targets})"
            )
    if (conf or {}).get("target_dsn"):
        raise AirflowFailException(
            "target_dsn is not accepted any more: the target is an Airflow connection the "
            f"config names, given in target_conn_id ({targets})"
        )


def _targets(config: Config) -> list[str]:
    """The connections a restore may write into: the app database, then restore_targets."""
    return list(dict.fromkeys([config.connections.app_db, *config.connections.restore_targets]))


def _target(config: Config, params: dict) -> str:
    """The DSN of the target connection; only a connection the config names."""
    from airflow.sdk.exceptions import AirflowFailException

    from airvault.airflow.connections import postgres_dsn

    conn_id = params.get("target_conn_id") or config.connections.app_db
    if conn_id not in _targets(config):
        raise AirflowFailException(
            f"target_conn_id '{conn_id}' is not a restore target of the config: use one of "
            f"{', '.join(_targets(config))} (connections.app_db, connections.restore_targets)"
        )
    return postgres_dsn(conn_id)


def _tables(config: Config, params: dict) -> list[str] | None:
    from airflow.sdk.exceptions import AirflowFailException

    tables = [t.strip() for t in (params.get("tables") or "").split(",") if t.strip()]
    module = params.get("module")
    if module:
        if module not in config.modules:
            raise AirflowFailException(f"module '{module}' is not in the config")
        tables += config.modules[module].tables
    return tables or None


def _source(config: Config, url: str, kinds: tuple[str, ...] = ("backup", "upload")):
    """The backup as a Store holding the encryption key: one folder under the storage root
    (a backup, or an upload, also a .tar there in local storage), read through the storage's
    own connection. Anything else (another connection, `..`, outside the root) fails."""
    from airvault.airflow.connections import vault_store
    from airvault.storage.uploads import TARS, open_backup, storage_folder

    root = vault_store(config)
    # an explicit choice of whoever triggered the run; the Backups page never sets it
    root.trust_unsigned = bool(_params().get("trust_unsigned"))
    rel = fail_on_error(storage_folder, root, url, config.connections.storage, kinds, True)
    if root.is_local and rel.endswith(TARS):
        store = fail_on_error(open_backup, root.path(rel))
        store.key, store.signing, store.trust_unsigned = root.key, root.signing, root.trust_unsigned
        return store
    return root.child(rel)


def _choices(params: dict) -> dict:
    """The restore() options a run chose in its Params (the same as the CLI's flags)."""
    return {
        "roles": params.get("roles") or "require",
        "allow_cascade": bool(params.get("allow_cascade")),
        "allow_schema_drift": bool(params.get("allow_schema_drift")),
        "allow_unencrypted": bool(params.get("allow_unencrypted")),
    }


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
            "backup_url": Param("", type="string", minLength=1, description="a backup folder under the storage root (its URL as listed, or a path relative to the root), or an upload (uploads/<id>)"),
            "mode": Param("replace", enum=["replace", "merge", "new-database"], description="replace: tables end equal to the backup; merge: upsert; new-database: create the database of target_conn_id"),
            "tables": Param("", type="string", description="comma-separated tables (empty = all)"),
            "module": Param("", type="string", description="a module from the config (empty = none)"),
            "target_conn_id": Param(config.connections.app_db, type="string", enum=_targets(config), description="the Airflow connection of the database to restore into (new-database: to create); connections.app_db or connections.restore_targets of the config"),
            "roles": Param("require", enum=["require", "create", "ignore"], description="new-database: roles the backup's objects need that the server lacks: require (refuse), create (as recorded, no passwords), ignore (no owners and grants)"),
            "allow_cascade": Param(False, type="boolean", description="replace: let ON DELETE CASCADE / SET NULL change rows of tables the restore does not include (the plan lists them)"),
            "allow_schema_drift": Param(False, type="boolean", description="restore the columns the target shares with the backup (the check then compares row counts)"),
            "allow_unencrypted": Param(False, type="boolean", description="accept an unencrypted backup where backups are encrypted"),
            "trust_unsigned": Param(False, type="boolean", description="accept a backup this installation did not sign (from before signing, or another installation); a changed one is refused even so"),
            "dry_run": Param(True, type="boolean", description="plan only, write nothing"),
            "confirm": Param("", type="string", description=f"type {CONFIRM_WORD} to apply"),
        },
    ) as dag:  # fmt: skip

        def target() -> str:
            return _target(config, _params())

        @task(task_id="verify")
        def verify() -> dict:
            from airflow.sdk.exceptions import AirflowFailException

            from airvault.backup.verify import verify_backup

            # first, before anything is read: what the conf may not carry or name
            check_run_conf(config, get_current_context()["dag_run"].conf)
            p = _params()
            target()
            report = fail_on_error(verify_backup, _source(config, p["backup_url"]))
            if not report.ok:
                raise AirflowFailException(
                    "backup failed verification: " + "; ".join(report.problems)
                )
            return {"files": report.checked_files, "rows": report.rows}

        @task(task_id="plan", pool=config.backup.pool)
        def plan(_verified: dict) -> dict:
            from airvault.restore.run import restore

            p = _params()
            result = fail_on_error(
                restore,
                _source(config, p["backup_url"]),
                target(),
                mode=p["mode"],
                tables=_tables(config, p),
                dry_run=True,
                verify_data=False,  # the verify task just did
                **_choices(p),  # decided here, before any write: never in the check task
            )
            return result.to_json()

        @task(task_id="safety_backup", pool=config.backup.pool, pool_slots=config.backup.pool_slots)
        def safety_backup(planned: dict) -> dict:
            import secrets

            from airflow.sdk.exceptions import AirflowFailException, AirflowSkipException

            from airvault.airflow.connections import vault_store
            from airvault.restore.run import take_safety_backup

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
            from airvault.restore.run import restore

            p = _params()
            result = fail_on_error(
                restore, _source(config, p["backup_url"]), target(), mode=p["mode"], tables=_tables(config, p),
                restore_id=safety["restore_id"], safety_backup=safety["url"],
                verify_data=False,  # verified by the verify task, re-checked while staged
                **_choices(p),
            )  # fmt: skip
            return result.to_json()

        @task(task_id="check")
        def check(applied: dict) -> dict:
            from airflow.sdk.exceptions import AirflowFailException

            from airvault.restore.run import check_restored

            p = _params()
            selected = [t["table"] for t in applied["tables"] if t["role"] == "selected"]
            if p["mode"] == "merge":  # merge keeps rows only the target has: counts, not checksums
                return {"checked": 0, "mode": "merge"}
            if p.get("allow_schema_drift"):  # a subset of the columns: no whole-row checksum
                return {"checked": 0, "mode": p["mode"], "schema_drift": True}
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
        params={"backup_url": Param("", type="string", minLength=1, description="a backup, archive or upload folder under the storage root")},
    ) as dag:  # fmt: skip

        @task(task_id="verify")
        def verify() -> dict:
            from airflow.sdk.exceptions import AirflowFailException

            from airvault.archive.run import is_archive, verify_archive
            from airvault.backup.verify import verify_backup

            check_run_conf(config, get_current_context()["dag_run"].conf)
            store = _source(config, _params()["backup_url"], ("backup", "archive", "upload"))
            if is_archive(store):
                report = fail_on_error(verify_archive, store, store.key)
            else:
                report = fail_on_error(verify_backup, store, record=True)
            if not report.ok:
                raise AirflowFailException("verification failed: " + "; ".join(report.problems))
            return {"ok": True, "files": report.checked_files}

        verify()
    return dag
