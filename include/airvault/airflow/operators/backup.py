"""Taking and checking backups."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from airvault.airflow.operators.base import AirvaultOperator, core_errors, names


class BackupOperator(AirvaultOperator):
    """Take one consistent backup of the app database into the storage.

    :param kind: "full" (default), "module" or "tenant" (implied by `module` / `tenant`)
    :param module: a module of the config: its tables, recorded with its record counts
    :param tenant: one tenant's rows (and the shared rows they reference)
    :param scope: the name a tenant backup is filed and labelled under (default: the tenant
        id; airvault's tenant DAGs use the name from ``tenancy.backups``)
    :param tables: only these tables (bare or schema.table)
    :param filters: row filters, "TABLE:PREDICATE" each (as `airvault backup --filter`)
    :param caps: "TABLE:newest=N" or "TABLE:days=D[:COLUMN]" each
    :param backup_label: what to call the backup in lists (default: its kind, scope, start
        to the second and id); one line, at most 120 characters. (Not ``label``: Airflow's
        operators have a ``label`` of their own, the task's name in the graph.)
    :param backup_note: a note kept, signed, with the backup ("before the v42 migration");
        one line, at most 1000 characters

    Returns (XCom) ``{"id", "url", "label", "note", "tables", "rows", "modules", "bytes"}``, and
    pushes the URL under the key ``url`` too (``backup.output["url"]``). Each Asset among the
    task's outlets gets the same summary as its event's extra.
    """

    template_fields: Sequence[str] = (
        *AirvaultOperator.template_fields,
        *("kind", "module", "tenant", "scope", "tables", "filters", "caps"),
        *("backup_label", "backup_note"),
    )

    def __init__(
        self,
        *,
        kind: str = "full",
        module: str | None = None,
        tenant: str | None = None,
        scope: str | None = None,
        tables: list[str] | str | None = None,
        filters: list[str] | None = None,
        caps: list[str] | None = None,
        backup_label: str | None = None,
        backup_note: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.kind, self.module, self.tenant, self.scope = kind, module, tenant, scope
        self.tables, self.filters, self.caps = tables, filters, caps
        self.backup_label, self.backup_note = backup_label, backup_note

    def execute(self, context: Any) -> dict:
        from airvault.backup.run import scoped_options
        from airvault.backup.synthetic.command import configured_synthetic, run_full_backup

        hook = self.hook
        with core_errors():
            opts = scoped_options(
                hook.config,
                kind=self.kind,
                module=self.module or None,
                tenant=self.tenant or None,
                tables=names(self.tables) or None,
                filters=names(self.filters),
                caps=names(self.caps),
            )
            opts.label, opts.note = self.backup_label or None, self.backup_note or None
            if self.scope and opts.kind == "tenant":
                opts.scope = self.scope
            root = hook.get_store()
            opts.encryption_key = hook.new_files_key(root)
            # backup.synthetic: a full one built from the base and its changes
            narrowed = bool(self.tables or self.filters or self.caps)
            synthetic = configured_synthetic(hook.config, opts, narrowed)
            result = run_full_backup(hook.get_dsn(), root, opts, synthetic)
        m = result.manifest
        summary = {
            "id": result.id,
            "url": result.url,
            "label": m.label,
            "note": m.note,
            "tables": len(m.tables),
            "rows": result.rows,
            "modules": {name: module.rows for name, module in m.modules.items()},
            "bytes": sum(t.file_bytes for t in m.tables),
        }
        context["ti"].xcom_push(key="url", value=result.url)
        for asset in self.outlets:
            context["outlet_events"][asset].extra = summary
        return summary


class VerifyBackupOperator(AirvaultOperator):
    """Re-read a backup (or an archive) and check every checksum and row count; the result is
    recorded beside it (what `airvault list` and the Backups page show). A mismatch fails the
    task without retries.

    :param backup_url: a backup, archive or upload folder under the storage root (its URL as
        listed, or a path relative to the root); e.g. ``backup.output["url"]``; or a backup
        or archive folder under the root of one of the config's copies
    :param copy: read it from this copy of the config (``copies.NAME``): a URL of the storage
        root or a path relative to it names the same folder there
    :param trust_unsigned: accept a backup this installation did not sign
    """

    template_fields: Sequence[str] = (*AirvaultOperator.template_fields, "backup_url", "copy")

    def __init__(
        self,
        *,
        backup_url: str,
        copy: str | None = None,
        trust_unsigned: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.backup_url, self.copy = backup_url, copy
        self.trust_unsigned = trust_unsigned

    def execute(self, context: Any) -> dict:
        from airflow.sdk.exceptions import AirflowFailException

        from airvault.airflow.run_conf import check_run_conf
        from airvault.archive.run import is_archive, verify_archive
        from airvault.verify import verify_backup

        hook = self.hook
        check_run_conf(hook, context["dag_run"].conf)
        with core_errors():
            store = hook.backup_source(
                self.backup_url,
                ("backup", "archive", "upload"),
                self.trust_unsigned,
                copy=self.copy or None,
            )
            archive = is_archive(store)
            report = (
                verify_archive(store, store.key) if archive else verify_backup(store, record=True)
            )
        if not report.ok:
            raise AirflowFailException(
                f"{store.url} failed verification: " + "; ".join(report.problems)
            )
        return {"url": store.url, "files": report.checked_files, "rows": report.rows}


class CopyBackupOperator(AirvaultOperator):
    """Copy a completed backup (or archive) to the config's copies (``copies``), with the
    change segments a copy lacks: streamed, every file checked at the destination, the
    manifest last (ops/copies.py). A storage fault is retried, and the retry resumes: only
    what is missing or wrong is copied again.

    :param backup_url: a backup or archive folder under the storage root; e.g.
        ``backup.output["url"]``
    :param copy: only this copy of the config (default: every copy)
    """

    template_fields: Sequence[str] = (*AirvaultOperator.template_fields, "backup_url", "copy")

    def __init__(self, *, backup_url: str, copy: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.backup_url, self.copy = backup_url, copy

    def execute(self, context: Any) -> dict:
        from airvault.ops.copies import sync

        hook = self.hook
        with core_errors():
            root, rel = hook.storage_file(self.backup_url, ("backup", "archive"), "backup_url")
            results = sync(root, hook.copy_sites(self.copy or None), [rel])
        return {
            r.name: {"url": r.url, "files_copied": r.files_copied, "segments": r.segments}
            for r in results
        }
