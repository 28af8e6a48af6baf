"""Data in and out: exports of a module or table, CSV imports, the diff of two backups."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from airvault.airflow.operators.base import (
    AirvaultOperator,
    core_errors,
    flag,
    names,
    run_identity,
)


class ExportOperator(AirvaultOperator):
    """Export a module of the config (one file per table) or a table, from a snapshot of the
    app database, to exports/<table>/<run id>/ of the storage with its report.json.

    :param dataset: a module of the config or a declared table (airvault.exchange.datasets);
        several, comma-separated: each one's files, or with "zip" all in one ZIP
    :param format: "csv", "json", "parquet" or "xlsx"; "zip": a module's tables as CSV files
        in one ZIP (exports/module-<module>/<run id>/<module>.zip; several datasets:
        exports/bundle/<run id>/export.zip)
    :param readable: display names instead of user ids, local times (``timezone``)
    :param columns: only these columns (list or comma-separated)
    :param filters: ``column=value`` each (list or comma-separated), equality
    :param tenant: only this tenant's rows
    :param date_column, since, until: rows with ``since <= date_column < until`` (ISO dates)
    :param short_ids: readable mode: uuids as 8 hex digits

    Returns the reports, one per file, each with a signed ``link`` on S3."""

    template_fields: Sequence[str] = (
        *AirvaultOperator.template_fields,
        *("dataset", "format", "readable", "columns", "filters", "tenant", "date_column"),
        *("since", "until", "timezone", "short_ids"),
    )

    def __init__(
        self,
        *,
        dataset: str,
        format: str = "csv",
        readable: bool | str = True,
        columns: list[str] | str | None = None,
        filters: list[str] | str | None = None,
        tenant: str | None = None,
        date_column: str | None = None,
        since: str | None = None,
        until: str | None = None,
        timezone: str = "UTC",
        short_ids: bool | str = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.dataset, self.format, self.readable = dataset, format, readable
        self.columns, self.filters, self.tenant = columns, filters, tenant
        self.date_column, self.since, self.until = date_column, since, until
        self.timezone, self.short_ids = timezone, short_ids

    def execute(self, context: Any) -> list[dict]:
        from airvault.exchange.exports import (
            BUNDLE,
            export_bundle,
            parse_filters,
            run_export,
            specs_for,
        )

        hook = self.hook
        run_id, who = run_identity(context)
        reports = []
        with core_errors():
            root, dsn = hook.get_store(), hook.get_dsn()
            options = {
                "format": self.format,
                "readable": flag(self.readable),
                "columns": names(self.columns) or None,
                "filters": parse_filters(names(self.filters)),
                "tenant": self.tenant or None,
                "date_column": self.date_column or None,
                "since": self.since or None,
                "until": self.until or None,
                "timezone": self.timezone or "UTC",
                "short_ids": flag(self.short_ids),
            }
            made: Iterable[dict]
            datasets = names(self.dataset)  # several: one ZIP, or each one's files
            if self.format == BUNDLE:
                bundled = {k: v for k, v in options.items() if k != "format"}
                chosen = datasets if len(datasets) > 1 else self.dataset
                made = [export_bundle(dsn, root, hook.config, chosen, run_id, who, **bundled)]
            else:
                specs = [s for d in datasets for s in specs_for(hook.config, d, **options)]
                made = (
                    run_export(dsn, root, spec, run_id, who, config=hook.config) for spec in specs
                )
            for report in made:
                if not root.is_local:
                    rel = report["file"].removeprefix(root.url + "/")
                    minutes = hook.config.archive.link_expires_minutes
                    report["link"] = root.signed_url(rel, minutes * 60)
                reports.append(report)
        return reports


class ImportOperator(AirvaultOperator):
    """Import one CSV file into a table: staged with COPY, every row validated, then applied
    in one transaction. A rejected import fails the task after writing its rejects
    (imports/rejects/<run>.csv) and report; nothing is changed then.

    :param file: an import file under the storage root (``imports/uploads/<file>`` or
        ``imports/incoming/<table>/<file>``), as a path relative to it or its URL; nothing
        else (storage/confine.py)
    :param table: the target table (default, for a file in imports/incoming/<table>/: <table>)
    :param mode: "insert", "upsert" or "update-only"
    :param policy: "atomic" (any bad row rejects the file) or "skip" (load the good rows)
    :param max_errors: skip policy: give up beyond this many bad rows
    :param mapping: ``file_col=table_col`` each (list or comma-separated)
    :param template: a saved mapping of the config (``import_mappings``)
    :param key: key columns (default: the primary key)
    :param encoding: e.g. "latin-1" (default UTF-8)
    :param dry_run: validate and plan only
    :param from_incoming: a file that landed in imports/incoming/ (IncomingFilesSensor): one
        report per file, and a rejected file is set aside in imports/failed/ (a loaded one
        moves to imports/processed/ in any case), or the next run would take it again
    """

    template_fields: Sequence[str] = (
        *AirvaultOperator.template_fields,
        *("file", "table", "mode", "policy", "max_errors", "mapping", "template", "key"),
        *("encoding", "dry_run"),
    )

    def __init__(
        self,
        *,
        file: str,
        table: str | None = None,
        mode: str = "upsert",
        policy: str = "atomic",
        max_errors: int | None = None,
        mapping: list[str] | str | None = None,
        template: str | None = None,
        key: list[str] | str | None = None,
        encoding: str | None = None,
        dry_run: bool | str = False,
        from_incoming: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.file, self.table, self.mode, self.policy = file, table, mode, policy
        self.max_errors, self.mapping, self.template, self.key = max_errors, mapping, template, key
        # (the dry_run argument shadows BaseOperator.dry_run(), which Airflow 3 never calls)
        self.encoding, self.dry_run, self.from_incoming = encoding, dry_run, from_incoming  # type: ignore[method-assign, assignment]

    def execute(self, context: Any) -> dict:
        import hashlib

        from airflow.sdk.exceptions import AirflowFailException

        context["file"] = self.file  # names a mapped task in the UI (map_index_template)
        run_id, who = run_identity(context)
        if self.from_incoming:  # several files in one run: one rejects/report file each
            run_id = f"{run_id}-{hashlib.sha256(self.file.encode()).hexdigest()[:8]}"
        try:
            return self._import(run_id, who)
        except AirflowFailException:
            if self.from_incoming:  # refused for good: set aside, or the next run loops on it
                root, rel = self.hook.storage_file(self.file, ("import",), "file")
                root.move(rel, rel.replace("imports/incoming/", "imports/failed/", 1))
            raise

    def _table(self, rel: str) -> str:
        from airvault.errors import AirvaultError

        if self.table:
            return self.table
        parts = rel.split("/")
        if parts[:2] == ["imports", "incoming"]:
            return parts[2]
        raise AirvaultError(f"import of {rel}: name the table (table=...)")

    def _import(self, run_id: str, who: str) -> dict:
        from airflow.sdk.exceptions import AirflowFailException

        from airvault.exchange.exports import parse_filters
        from airvault.exchange.imports import ImportSpec, run_import

        hook = self.hook
        config = hook.config
        with core_errors():
            mapping = config.import_mapping(self.template) if self.template else {}
            mapping.update(parse_filters(names(self.mapping), "mapping"))
            # the file is one import file under the storage root, whoever names it (REST conf)
            root, rel = hook.storage_file(self.file, ("import",), "file")
            table = self._table(rel)
            module = next((m for m in config.modules.values() if table in m.tables), None)
            max_errors = None if self.max_errors in (None, "", "None") else int(self.max_errors)
            spec = ImportSpec(
                table=table,
                mode=self.mode,
                policy=self.policy,
                max_errors=max_errors,
                mapping=mapping,
                key=names(self.key) or None,
                encoding=self.encoding or None,
                dry_run=flag(self.dry_run),
                user_columns=list(module.user_columns) if module else [],
            )
            report = run_import(hook.get_dsn(), root, rel, spec, root, run_id, who, config=config)
        result = {k: v for k, v in report.to_json().items() if k != "rejects"}
        if report.status == "failed":
            raise AirflowFailException(
                f"import of {self.file} rejected: {report.message}; "
                f"see imports/rejects/{run_id}.csv"
            )
        return result


class DiffOperator(AirvaultOperator):
    """Compare two backups table by table (rows added, changed, removed; column changes).
    The summary is the XCom and, with the row details as CSV, kept under
    diffs/<id a>-<id b>/ of the storage.

    :param a: the older backup's URL
    :param b: the newer backup's URL
    """

    template_fields: Sequence[str] = (*AirvaultOperator.template_fields, "a", "b")

    def __init__(self, *, a: str, b: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.a, self.b = a, b

    def execute(self, context: Any) -> dict:
        import json
        import tempfile

        from airvault.exchange.diff import diff_backups
        from airvault.storage.manifest import read_manifest

        hook = self.hook
        with core_errors():
            a, b = hook.backup_source(self.a, ("backup",)), hook.backup_source(self.b, ("backup",))
            folder = f"diffs/{read_manifest(a).id}-{read_manifest(b).id}"
            root = hook.get_store()
            # details go to a local temp file as found, then stream to storage: flat memory
            with tempfile.TemporaryFile("w+", newline="") as details:
                result = diff_backups(a, b, details)
                details.seek(0)
                with root.open_write(f"{folder}/details.csv") as out:
                    while chunk := details.read(1 << 20):
                        out.write(chunk.encode())
        self.log.info("%s", result.summary())
        summary = result.to_json()
        root.write_bytes_atomic(f"{folder}/summary.json", json.dumps(summary, indent=2).encode())
        return {**summary, "report": root.url_of(folder)}
