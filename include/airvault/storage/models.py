"""The typed documents airvault writes and reads: backup and archive manifests, the
verification record, drill evidence and the health report.

Every field is named as it is on disk, so model -> to_json() -> file -> parse is lossless and
signatures made over the dict keep verifying. Parsing is strict (a "3" is not a row count): a
signed manifest only ever holds what this code wrote, so anything else is malformed or hostile.
"""

from __future__ import annotations

from functools import cache
from types import UnionType
from typing import Any, ClassVar, TypeVar, overload

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, model_serializer

from airvault.errors import ManifestUnreadable
from airvault.storage.digest import Digest

T = TypeVar("T")


class Model(BaseModel):
    # extra="ignore": a key a later minor version adds is no reason to refuse a backup.
    model_config = ConfigDict(populate_by_name=True, strict=True, extra="ignore")
    # Keys written only when set (absent on disk otherwise, e.g. a cap's "days" or "newest").
    omit_if_none: ClassVar[tuple[str, ...]] = ()

    @model_serializer(mode="wrap")
    def _drop_unset(self, handler: Any) -> dict:
        data = handler(self)
        for key in self.omit_if_none:
            if data.get(key) is None:
                data.pop(key, None)
        return data

    def to_json(self) -> dict:
        """The document as it is stored (keys by their on-disk names, None kept)."""
        return self.model_dump(mode="json", by_alias=True)


@cache
def _adapter(model: Any) -> TypeAdapter:
    return TypeAdapter(model)


@overload
def parse(model: type[T], document: object, where: str) -> T: ...
@overload
def parse(model: UnionType, document: object, where: str) -> Any: ...  # a union of models
def parse(model: Any, document: object, where: str) -> Any:
    """`document` as a `model` (a model or a union of them), or ManifestUnreadable naming the
    file and the field path."""
    try:
        return _adapter(model).validate_python(document)
    except ValidationError as e:
        first = e.errors()[0]
        path = ".".join(str(p) for p in first["loc"]) or "(document)"
        more = f" (and {e.error_count() - 1} more problems)" if e.error_count() > 1 else ""
        raise ManifestUnreadable(f"{where} is malformed: {path}: {first['msg']}{more}") from None


# --- pieces shared by backups and archives ---------------------------------------------------


class FileRef(Model):
    """A small file (schema.sql, the schema archive) with its checksum."""

    file: str
    sha256: str
    bytes: int = 0


class ServerInfo(Model):
    database: str
    server_version: str
    server_version_num: int


class Source(ServerInfo):
    system_identifier: str | None = None  # needs superuser or pg_monitor to read


class Tool(Model):
    airvault: str
    pg_dump: str | None = None


class Compression(Model):
    codec: str = "zstd"
    level: int = 1


class Encryption(Model):
    algorithm: str = "AES-256-GCM"
    key_fingerprint: str


class BackupEncryption(Encryption):
    chunk_bytes: int = 1 << 16


class Extension(Model):
    name: str
    version: str
    schema_name: str = Field(alias="schema")


class Role(Model):
    name: str
    superuser: bool = False
    inherit: bool = True
    createrole: bool = False
    createdb: bool = False
    login: bool = False
    replication: bool = False
    bypassrls: bool = False
    connection_limit: int = -1
    member_of: list[str] = []


# --- the backup manifest ---------------------------------------------------------------------


class Column(Model):
    name: str
    type: str
    not_null: bool = False


class CapRule(Model):
    """A cap of the row rules: keep the newest N rows, or those of the last D days."""

    omit_if_none: ClassVar[tuple[str, ...]] = ("newest", "days")
    column: str = "created_at"
    newest: int | None = None
    days: int | None = None


class EntryCap(CapRule):
    """The cap a table's selection applied, with the time a days cap started from."""

    omit_if_none = ("newest", "days", "since")
    since: str | None = None


class CopiedData(Model):
    """A COPY stream as stored: its file, rows, and the checksums verify and restores compare."""

    file: str
    rows: int
    # The algorithm of content_sha256 and file_sha256 (named when sha256 was the only one):
    # absent in backups written before BLAKE3, which are sha256 (storage/digest.py).
    digest: Digest = "sha256"
    content_sha256: str
    content_bytes: int = 0
    file_sha256: str
    file_bytes: int = 0
    seconds: float = 0.0


class DataFile(CopiedData):
    """The rows of one table (or of the large objects) as a COPY file."""

    schema_name: str = Field(alias="schema")
    name: str
    columns: list[Column] = []

    @property
    def qualified(self) -> str:
        return f"{self.schema_name}.{self.name}"


class TableEntry(DataFile):
    partitioned: bool = False
    generated_columns: list[str] = []
    primary_key: list[str] = []
    # Without a primary key: the NOT NULL unique index rows are matched by (absent before).
    unique_key: list[str] = []
    role: str = "all"  # "all", "tenant", "tenant-child" or "reference"
    partial: bool = False
    where: str | None = None
    replace_where: str | None = None
    row_filter: str | None = None
    cap: EntryCap | None = None

    @property
    def match_key(self) -> list[str]:
        """The columns a restore matches backup and target rows by (none: whole rows)."""
        return self.primary_key or self.unique_key


class Sequence(Model):
    schema_name: str = Field(alias="schema")
    name: str
    last_value: int | None = None
    is_called: bool = False
    owned_by: str | None = None  # "schema.table.column" for serial / identity columns
    increment: int = 1


class ForeignKey(Model):
    name: str
    table: str
    columns: list[str]
    ref_table: str
    ref_columns: list[str]
    deferrable: bool = False


class Reference(Model):
    """A foreign key from a table of the backup to one it does not hold."""

    table: str
    foreign_key: str
    ref_table: str


class DanglingReference(Reference):
    rows: int


class MaterializedView(Model):
    schema_name: str = Field(alias="schema")
    name: str
    populated: bool = True


class Tenant(Model):
    id: str
    table: str
    column: str


class RowRulesRecord(Model):
    tenant: Tenant | None = None
    row_filters: dict[str, str] = {}
    caps: dict[str, CapRule] = {}


class Snapshot(Model):
    isolation: str = "repeatable read"
    id: str | None = None


class ModuleCount(Model):
    tables: list[str]
    rows: int


class RestoreOrigin(Model):
    """What a safety backup was taken before."""

    id: str
    from_: str = Field(alias="from")
    mode: str


class VerifyRecord(Model):
    """verification.json as `verify --record` writes it."""

    ok: bool
    at: str
    files: int
    rows: int
    problems: list[str] = []


class DrillRecord(Model):
    """verification.json as a drill writes it."""

    ok: bool
    at: str
    by: str
    rto_s: float | None = None
    problems: list[str] = []


Verification = VerifyRecord | DrillRecord


class ManifestHead(Model):
    """What every manifest starts with: which document it is, and when it was written."""

    format: str
    format_version: int
    id: str
    kind: str
    label: str | None = None
    started_at: str = ""
    completed_at: str | None = None
    duration_s: float = 0.0


class CapturePoint(Model):
    """What a backup taken while change capture runs is consistent with: every transaction
    committed before `lsn` is in it, none after. Change segments of `slot` replay from there."""

    slot: str
    lsn: str
    database: str


class PointInTime(Model):
    """A backup airvault made of a base and its replayed changes (kind "point-in-time")."""

    base: str  # the base backup's URL
    until: str  # what the user asked: an ISO time, an LSN or "latest"
    last_commit_lsn: str | None = None
    last_commit_at: str | None = None
    transactions: int = 0
    changes: int = 0


class SyntheticOrigin(Model):
    """How a synthetic full backup was made: its base's files merged with the change
    segments after it (backup/synthetic/), without reading the app's tables."""

    base: str  # the base backup's URL
    base_id: str
    slot: str
    from_lsn: str  # the base's capture LSN
    to_lsn: str  # the end of the last segment merged: this backup's capture LSN
    first_segment: int | None = None  # None: nothing was captured after the base
    last_segment: int | None = None
    transactions: int = 0
    changes: int = 0
    tables_changed: list[str] = []  # the tables merged; the others' files were copied
    schema_changes: int = 0  # recorded migrations crossed (backup/synthetic/migrations.py)
    tables_rebuilt: list[str] = []  # reshaped or created by them: dumped from a scratch database


class AppVersion(Model):
    """The app's migration head when the backup was taken (pg/app_version.py): values only."""

    tool: str  # alembic, prisma, rails, django, flyway, liquibase, or query (the config's)
    head: str
    source: str  # the table it was read from, or backup.app_version_query


class BackupManifest(ManifestHead):
    omit_if_none = (
        "schema_sections",
        "restore",
        "capture",
        "point_in_time",
        "synthetic",
        "public_acl",
        "app_version",
        "note",
        "started_us",
    )
    scope: str = "all"
    # the start in microseconds since the epoch (started_at is to the second): what orders
    # two backups that started in one second (storage.manifest.newest_first); None: older
    started_us: int | None = None
    note: str | None = None  # what the person who took it wrote ("before the v42 migration")
    source: Source | None = None
    snapshot: Snapshot = Snapshot()
    compression: Compression | None = None  # None in format 1: zstd level 1
    encryption: BackupEncryption | None = None
    copy_format: str = "text"
    session_settings: dict[str, str] = {}  # PostgreSQL setting -> value, as the dump ran
    schemas: list[str] = []
    all_schemas: bool = False
    excluded_tables: list[str] = []
    references: list[str] = []
    outside_references: list[Reference] = []
    extensions: list[Extension] = []
    roles: list[Role] = []
    materialized_views: list[MaterializedView] = []
    public_acl: str | None = None  # the public schema's grants (pg.objects.read_public_acl)
    row_rules: RowRulesRecord = RowRulesRecord()
    out_of_scope: list[str] = []
    dangling_references: list[DanglingReference] = []
    schema_file: FileRef
    schema_archive: FileRef | None = None  # None in format 1: schema_sections instead
    schema_sections: dict[str, FileRef] | None = None  # format 1: section -> SQL file
    tables: list[TableEntry]
    large_objects: DataFile | None = None
    modules: dict[str, ModuleCount] = {}
    sequences: list[Sequence] = []
    tool: Tool | None = None
    foreign_keys: list[ForeignKey] = []
    dependency_order: list[str] = []
    cycles: list[list[str]] = []
    self_referencing: list[str] = []
    restore: RestoreOrigin | None = None  # only in a safety backup taken before a restore
    capture: CapturePoint | None = None  # a base for point-in-time restores
    point_in_time: PointInTime | None = None  # only in a backup made by a point-in-time restore
    app_version: AppVersion | None = None  # the app's migration head, when one was found
    synthetic: SyntheticOrigin | None = None  # built from a base and its changes, not read
    # Where listing found it and its latest verify result: never part of the document.
    url: str | None = Field(default=None, exclude=True)
    verification: Verification | None = Field(default=None, exclude=True)
    # Signed by this installation's key (not merely trusted unsigned): row filters need it.
    authenticated: bool = Field(default=False, exclude=True)

    @property
    def rows(self) -> int:
        return sum(t.rows for t in self.tables)

    def table(self, qualified: str) -> TableEntry | None:
        return next((t for t in self.tables if t.qualified == qualified), None)

    def listing_json(self) -> dict:
        """The manifest with where it is and its verification (the Backups page, XComs)."""
        verification = self.verification.to_json() if self.verification else None
        return {**self.to_json(), "url": self.url, "verification": verification}


# --- change segments ---------------------------------------------------------------------


class SchemaChangeNote(Model):
    """A schema change the capture saw: replayable (the replay runs the recorded command at
    its place) or not (`reason`: point-in-time coverage from older bases ends before it)."""

    commit_lsn: str
    committed_at: str
    what: str  # the command's tag and objects: "ALTER TABLE public.deals"
    replayable: bool
    reason: str | None = None


class LargeObjectsSeen(Model):
    """The app database's large objects as the capture saw them when it wrote a segment (they
    are not in the change stream): how many, a digest of their ids and contents, and the WAL
    position and time read just before (the state held at least from then on)."""

    count: int
    digest: str
    lsn: str
    at: str
    seconds: float = 0.0  # how long the look took (the streamer spaces its looks by it)


class ChangeSegment(Model):
    """One drain of the capture slot: the pgoutput messages of whole transactions, from the
    slot's position `start_lsn` to `end_lsn` (where the slot was confirmed after it). Segment
    `seq` starts where `seq - 1` ended: a chain with a hole is found, never replayed across."""

    format: str
    format_version: int
    slot: str
    database: str
    system_identifier: str | None = None
    seq: int
    start_lsn: str
    end_lsn: str
    transactions: int
    changes: int
    first_commit_at: str | None = None
    last_commit_at: str | None = None
    covered_until: str  # every commit up to this time is in this segment or an earlier one
    drained_at: str
    file: str
    content_sha256: str
    content_bytes: int
    file_sha256: str
    file_bytes: int
    compression: Compression
    encryption: BackupEncryption | None = None
    session_settings: dict[str, str] = {}  # how the values were printed
    tables: dict[str, int] = {}  # table -> row changes in this segment
    sequences: dict[str, int] = {}  # sequence -> last value when the segment was drained
    schema_changes: list[SchemaChangeNote] = []  # in commit order
    # relation id -> digest of its columns as last described, up to this segment (without the
    # schema-change recorder, a changed description is an unrecorded schema change)
    relations: dict[str, str] = {}
    large_objects: LargeObjectsSeen | None = None  # None: written before they were looked at
    url: str | None = Field(default=None, exclude=True)

    @property
    def gaps(self) -> list[SchemaChangeNote]:
        return [c for c in self.schema_changes if not c.replayable]


# --- the archive manifest --------------------------------------------------------------------


class ArchiveFile(Model):
    path: str
    bytes: int
    sha256: str


class ArchiveDatabase(Model):
    file: str
    format: str = "custom"
    compress: str | None = None
    auth_table_data_excluded: str | None = None


class ArchiveAuth(Model):
    table: str
    rows: int
    file: str
    columns_left_out: list[str] = []
    secrets_included: bool = False


class Bucket(Model):
    source: str
    files: int
    bytes: int


class ArchiveManifest(ManifestHead):
    kind: str = "archive"
    source: ServerInfo | None = None
    tool: Tool | None = None
    extensions: list[Extension] = []
    roles: list[Role] = []
    database: ArchiveDatabase | None = None
    auth: ArchiveAuth | None = None
    storage: dict[str, Bucket] = {}
    files: list[ArchiveFile]
    encryption: Encryption | None = None
    compression: Compression | None = None  # the dump compresses itself
    url: str | None = Field(default=None, exclude=True)
    verification: Verification | None = Field(default=None, exclude=True)

    def listing_json(self) -> dict:
        return {**self.to_json(), "url": self.url}


class ArchiveRestoreResult(Model):
    archive: str
    database: str | None
    auth_users: int
    files: int
    seconds: float
    notices: list[str] = []  # what did not come back (the users' password hashes), and why


class PinRecord(Model):
    """pinned.json: a legal hold on a backup: why, when and who put it on."""

    omit_if_none: ClassVar[tuple[str, ...]] = ("by",)

    reason: str
    pinned_at: str
    by: str | None = None  # "ana (airvault CLI)", "admin (Backups page)"; older holds: unset


class DeletionRecord(Model):
    """deletions/<time>-<backup id>.json: a backup someone deleted on purpose, who, when and
    why; written, signed, before anything of the backup is removed, and never rewritten."""

    backup_id: str
    folder: str  # relative to the storage root
    label: str | None = None
    kind: str
    scope: str
    started_at: str
    bytes: int
    by: str
    reason: str
    at: str
    forced: bool = False  # it was one of the good backups its scope's minimum_good keeps
    copies: list[str] = []  # the copies (config's copies) it was deleted from as well


# --- drills and health -----------------------------------------------------------------------


class DrillEvidence(Model):
    """drills/<backup id>.json: what a drill restored, checked and found."""

    backup_id: str
    backup_url: str
    label: str | None = None
    kind: str | None = None
    scope: str | None = None
    drilled_at: str
    duration_s: float
    rto_s: float | None = None
    ok: bool
    problems: list[str] = []
    tables: int = 0
    rows: int = 0
    invariants: dict[str, int] = {}  # invariant name -> rows that break it


class DrillSummary(Model):
    backup_id: str | None = None
    kind: str | None = None
    scope: str | None = None
    drilled_at: str | None = None
    ok: bool | None = None
    rto_s: float | None = None


class ScopeHealth(Model):
    kind: str
    scope: str
    newest: str | None
    newest_at: str | None = None  # when the newest usable backup started (ISO 8601)
    age_hours: float
    target_hours: float | None
    ok: bool
    verified: bool | None


class ScopeVerification(Model):
    """The newest verification recorded on any backup of a kind and scope (`verify --record`
    or a drill), a failed one included: what monitoring alerts on."""

    kind: str
    scope: str
    backup_id: str
    ok: bool
    at: str
    by: str  # "verify" or "drill"


class UnreadableFolder(Model):
    folder: str
    problem: str


class CaptureHealth(Model):
    """Change capture as health sees it: how recent the newest durable change is (the RPO),
    the chain's soundness, and (with the app database at hand) the WAL the slot holds."""

    slot: str
    segments: int = 0
    segment_bytes: int = 0
    covered_until: str | None = None
    rpo_seconds: float | None = None  # now - covered_until: what a disaster now would lose
    slot_exists: bool | None = None  # None: the app database was not asked
    retained_wal_bytes: int | None = None
    wal_status: str | None = None
    problems: list[str] = []
    # point-in-time coverage: [from, to] of each span restorable to any moment, oldest first;
    # between two spans a gap (a schema change that cannot be replayed, before its new base)
    coverage: list[list[str]] = []
    gaps: list[str] = []


class HealthReport(Model):
    """health.json: the freshness of every kind and scope against its target."""

    checked_at: str
    ok: bool
    problems: list[str] = []
    scopes: list[ScopeHealth] = []
    incomplete_folders: int = 0
    unreadable: list[UnreadableFolder] = []
    bytes_by_kind: dict[str, int] = {}  # kind -> bytes of its table files
    last_drills: list[DrillSummary] = []
    capture: CaptureHealth | None = None
    verifications: list[ScopeVerification] = []  # the newest per kind and scope
    # copy name -> {ok / incomplete / missing: count} over each scope's newest backup
    copies: dict[str, dict[str, int]] = {}
