"""The manifest of a backup, built as the backup goes (like pgBackRest's manifestNewBuild ->
manifestBuildComplete): the command hands over each step's typed result, the builder makes the
typed, complete document. The command never assembles a manifest by hand."""

from __future__ import annotations

import logging
import secrets
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime

from airvault import __version__
from airvault.backup.contents import Contents, DatabaseObjects
from airvault.backup.dump import SchemaFiles
from airvault.backup.labels import checked_label, checked_note, default_label
from airvault.backup.options import BackupOptions
from airvault.backup.start import Started
from airvault.pg.objects import LARGE_OBJECT_COLUMNS
from airvault.pg.scope import Selection
from airvault.pg.session import SESSION_SETTINGS
from airvault.storage.codec import FileCodec
from airvault.storage.manifest import FORMAT, FORMAT_VERSION, backup_folder
from airvault.storage.models import (
    BackupManifest,
    CapturePoint,
    Column,
    CopiedData,
    DanglingReference,
    DataFile,
    ForeignKey,
    ModuleCount,
    RowRulesRecord,
    Sequence,
    Snapshot,
    TableEntry,
    Tool,
)

log = logging.getLogger("airvault.backup.run")


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


@dataclass
class ManifestBuilder:
    """One backup's manifest in the making: named (id, start, label) when it is created, then
    filled step by step; `complete()` says which step is missing rather than guess."""

    opts: BackupOptions
    codec: FileCodec
    backup_id: str = field(default_factory=lambda: secrets.token_hex(4))
    # the start to the microsecond (orders two backups of one second); `started`, to the
    # second, names the folder and is the manifest's started_at
    started_precisely: datetime = field(default_factory=lambda: datetime.now(UTC))
    started: datetime = field(init=False)
    clock: float = field(default_factory=time.monotonic)
    label: str = ""
    note: str | None = None
    start: Started | None = None
    contents: Contents | None = None
    tables: dict[str, TableEntry] = field(default_factory=dict)
    large_objects: DataFile | None = None
    schema: SchemaFiles | None = None
    dangling: list[DanglingReference] = field(default_factory=list)
    objects: DatabaseObjects | None = None

    def __post_init__(self) -> None:  # people's text: refused before anything is read
        self.started = self.started_precisely.replace(microsecond=0)
        self.note = checked_note(self.opts.note)
        self.label = checked_label(self.opts.label) or default_label(
            self.opts.kind, self.opts.scope, self.started, self.backup_id
        )

    @property
    def folder(self) -> str:
        """Where the backup goes under the storage root."""
        return backup_folder(self.opts.kind, self.opts.scope, self.started, self.backup_id)

    def add_table(self, selection: Selection, copied: CopiedData) -> TableEntry:
        """A table's entry: its file and checksums, columns, keys and which rows it holds."""
        table = selection.table
        copy_columns = [c for c in table.columns if not c.generated]
        entry = TableEntry(
            **copied.model_dump(),
            schema_name=table.schema,
            name=table.name,
            partitioned=table.partitioned,
            columns=[Column(name=c.name, type=c.type, not_null=c.not_null) for c in copy_columns],
            generated_columns=[c.name for c in table.columns if c.generated],
            primary_key=table.primary_key,
            unique_key=table.unique_key,
            **selection.manifest_fields(),
        )
        self.tables[table.qualified] = entry
        return entry

    def add_large_objects(self, copied: CopiedData) -> None:
        self.large_objects = DataFile(
            **copied.model_dump(),
            schema_name="pg_catalog",
            name="pg_largeobject",
            columns=LARGE_OBJECT_COLUMNS,
        )

    def complete(self) -> BackupManifest:
        """The finished manifest, stamped with the time it completed."""
        start, contents, schema, objects = self.start, self.contents, self.schema, self.objects
        if start is None or contents is None or schema is None or objects is None:
            raise RuntimeError(f"manifest of backup {self.backup_id} completed before its steps")
        source, catalog, opts = start.source, contents.catalog, self.opts
        return BackupManifest(
            format=FORMAT,
            format_version=FORMAT_VERSION,
            id=self.backup_id,
            kind=opts.kind,
            scope=opts.scope,
            label=self.label,
            note=self.note,
            started_at=self.started.isoformat(),
            started_us=round(self.started_precisely.timestamp() * 1e6),
            completed_at=_now().isoformat(),
            duration_s=round(time.monotonic() - self.clock, 3),
            source=source,
            snapshot=Snapshot(isolation="repeatable read", id=start.snapshot),
            compression=self.codec.compression_record,
            encryption=self.codec.encryption_record,
            copy_format="text",
            session_settings=SESSION_SETTINGS,
            schemas=contents.schemas,
            all_schemas=opts.schemas is None,
            excluded_tables=contents.excluded,
            references=contents.references,
            outside_references=contents.outside,
            extensions=objects.extensions,
            roles=objects.roles,
            materialized_views=objects.materialized_views,
            public_acl=objects.public_acl,
            row_rules=RowRulesRecord.model_validate(opts.rows.to_json()),
            out_of_scope=contents.out_of_scope,
            dangling_references=self.dangling,
            schema_file=schema.text,
            schema_archive=schema.archive,
            tables=[self.tables[t.qualified] for t in contents.tables],
            large_objects=self.large_objects,
            modules=self._module_counts(),
            sequences=[Sequence.model_validate(asdict(s)) for s in catalog.sequences],
            tool=Tool(airvault=__version__, pg_dump=start.pg_dump_version),
            foreign_keys=[
                ForeignKey.model_validate(asdict(fk))
                for t in catalog.tables.values()
                for fk in t.foreign_keys
            ],
            dependency_order=catalog.order,
            cycles=catalog.cycles,
            self_referencing=catalog.self_referencing,
            restore=opts.restore,
            point_in_time=opts.point_in_time,
            capture=CapturePoint(
                slot=opts.capture_slot or "", lsn=start.capture_lsn, database=source.database
            )
            if start.capture_lsn
            else None,
            app_version=contents.app_version,
        )

    def _module_counts(self) -> dict[str, ModuleCount]:
        """Rows per module of the config, for the modules whose tables this backup holds."""
        by_name = {e.name: e for e in self.tables.values()} | self.tables
        counts = {}
        for name, tables in self.opts.modules.items():
            held = [by_name[t] for t in tables if t in by_name]
            if held:
                counts[name] = ModuleCount(
                    tables=[e.qualified for e in held], rows=sum(e.rows for e in held)
                )
                log.info("module %s: %s rows", name, f"{counts[name].rows:,}")
        return counts
