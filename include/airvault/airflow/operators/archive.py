"""pg_dump archives: taking one, restoring one, and download links for people."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from airvault.airflow.operators.base import AirvaultOperator, core_errors, flag


class ArchiveOperator(AirvaultOperator):
    """Archive the whole app database with pg_dump (plus the auth users and the buckets the
    config names) under archives/ of the storage; encrypted when encryption is on.

    Returns ``{"id", "url", "files", "bytes", "auth_users"}`` (the URL also under the key
    ``url``)."""

    def execute(self, context: Any) -> dict:
        from airvault.archive.run import archive_options, run_archive

        hook = self.hook
        with core_errors():
            root = hook.get_store()
            opts = archive_options(hook.config)
            # s3:// buckets are read through the Airflow connection, like the storage root
            opts.buckets = {
                name: hook.storage_for(url) if isinstance(url, str) else url
                for name, url in opts.buckets.items()
            }
            opts.encryption_key = hook.new_files_key(root)
            manifest = run_archive(hook.get_dsn(), root, opts)
        context["ti"].xcom_push(key="url", value=manifest.url)
        return {
            "id": manifest.id,
            "url": manifest.url,
            "files": len(manifest.files),
            "bytes": sum(f.bytes for f in manifest.files),
            "auth_users": manifest.auth.rows if manifest.auth else 0,
        }


class ArchiveRestoreOperator(AirvaultOperator):
    """Restore an archive into a new database (verified first; on any error the new database
    is dropped and no file is copied).

    :param archive_url: an archive folder under the storage root
    :param target_conn_id: the database to create: ``connections.app_db`` or one of
        ``connections.restore_targets``
    :param clean: drop and recreate the database if it exists
    :param storage_to: copy the archived files to this storage (default: where they came from)
    :param roles: "require", "create" or "ignore" roles the archive needs that the server lacks
    :param jobs: pg_restore jobs
    """

    template_fields: Sequence[str] = (
        *AirvaultOperator.template_fields,
        *("archive_url", "target_conn_id", "clean", "storage_to", "roles"),
    )

    def __init__(
        self,
        *,
        archive_url: str,
        target_conn_id: str | None = None,
        clean: bool | str = False,
        storage_to: str | None = None,
        roles: str = "require",
        jobs: int = 2,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.archive_url, self.target_conn_id, self.clean = archive_url, target_conn_id, clean
        self.storage_to, self.roles, self.jobs = storage_to, roles, jobs

    def execute(self, context: Any) -> dict:
        from airvault.archive.run import restore_archive

        hook = self.hook
        with core_errors():
            store = hook.backup_source(self.archive_url, ("archive",))
            result = restore_archive(
                store,
                hook.restore_target_dsn(self.target_conn_id),
                self.storage_to or None,
                flag(self.clean),
                self.jobs,
                roles=self.roles,
            )
        return result.to_json()  # the XCom stays plain JSON


class SignedLinksOperator(AirvaultOperator):
    """Presigned download links (S3) for every file of an archive or backup folder, valid for `expires_minutes` (default: the config's
    ``archive.link_expires_minutes``). Local storage has nothing to sign: the task is skipped.

    Returns ``{"expires_in_s", "links": {file: url}}``."""

    template_fields: Sequence[str] = (*AirvaultOperator.template_fields, "url")

    def __init__(self, *, url: str, expires_minutes: int | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.url, self.expires_minutes = url, expires_minutes

    def execute(self, context: Any) -> dict:
        from airflow.sdk.exceptions import AirflowSkipException

        hook = self.hook
        with core_errors():
            store = hook.backup_source(self.url, ("archive", "backup"))
        if store.is_local:
            raise AirflowSkipException("local storage: no signed links to make")
        seconds = (self.expires_minutes or hook.config.archive.link_expires_minutes) * 60
        return {
            "expires_in_s": seconds,
            "links": {rel: store.signed_url(rel, seconds) for rel in store.list_files()},
        }
