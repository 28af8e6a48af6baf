"""DAG factory for `pg_dump_archive`: archive -> verify -> links.

`links` returns presigned download URLs (XCom) that expire after
`archive.link_expires_minutes`; on local storage there is nothing to sign and it is skipped.
"""

from __future__ import annotations

from airflow.sdk import DAG, task

from airvault.airflow.dags.backup import fail_on_error, retry_args
from airvault.config import Config


def archive_dag(config: Config) -> DAG:
    default_args = retry_args(config)
    with DAG(
        dag_id="pg_dump_archive",
        schedule=config.archive.schedule,
        catchup=False,
        max_active_runs=1,
        default_args=default_args,
        tags=["airvault", "archive"],
        doc_md=__doc__,
    ) as dag:

        @task(task_id="archive", pool=config.backup.pool, pool_slots=config.backup.pool_slots)
        def archive() -> dict:
            import logging

            from airvault.airflow.connections import (
                new_files_key,
                postgres_dsn,
                storage_for,
                vault_store,
            )
            from airvault.archive.run import archive_options, run_archive

            logging.getLogger("airvault").setLevel(logging.INFO)
            root = vault_store(config)
            opts = archive_options(config)
            # s3:// buckets are read through the Airflow connection, like the storage root
            opts.buckets = {
                name: storage_for(url, config.connections.storage)
                for name, url in opts.buckets.items()
            }
            opts.encryption_key = new_files_key(config, root)
            manifest = fail_on_error(
                run_archive, postgres_dsn(config.connections.app_db), root, opts
            )
            return {
                "id": manifest["id"],
                "url": manifest["url"],
                "files": len(manifest["files"]),
                "bytes": sum(f["bytes"] for f in manifest["files"]),
                "auth_users": (manifest["auth"] or {}).get("rows", 0),
            }

        @task(task_id="verify", retries=0)
        def verify(summary: dict) -> dict:
            from airflow.sdk.exceptions import AirflowFailException

            from airvault.airflow.connections import vault_store
            from airvault.archive.run import verify_archive

            store = vault_store(config, summary["url"])
            report = fail_on_error(verify_archive, store)
            if not report.ok:
                raise AirflowFailException(f"archive failed verification: {report.problems}")
            return {"files": report.checked_files}

        @task(task_id="links")
        def links(summary: dict, _verified: dict) -> dict:
            from airflow.sdk.exceptions import AirflowSkipException

            from airvault.airflow.connections import vault_store

            store = vault_store(config, summary["url"])
            if store.is_local:
                raise AirflowSkipException("local storage: no signed links to make")
            seconds = config.archive.link_expires_minutes * 60
            return {
                "expires_in_s": seconds,
                "links": {rel: store.signed_url(rel, seconds) for rel in store.list_files()},
            }

        summary = archive()
        links(summary, verify(summary))
    return dag
