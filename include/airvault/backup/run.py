"""Consistent logical backup: one exported snapshot, tables streamed in parallel with COPY
through zstd to storage, checksums on the fly, manifest written last.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime

import psycopg
from psycopg import sql

from airvault import __version__
from airvault.capture.slot import aligned_snapshot, slot_exists
from airvault.config import Config
from airvault.errors import AirvaultError
from airvault.failpoints import failpoint
from airvault.pg.app_version import read_app_version
from airvault.pg.catalog import Table, find_table, key_order_plan, read_catalog, select_tables
from airvault.pg.objects import (
    LARGE_OBJECT_COLUMNS,
    LARGE_OBJECTS_QUERY,
    large_object_count,
    list_schemas,
    read_extensions,
    read_matviews,
    read_public_acl,
    read_roles,
)
from airvault.pg.parallel import run_biggest_first
from airvault.pg.rows import one_row
from airvault.pg.scope import (
    Cap,
    RowRules,
    Selection,
    check_selection,
    check_tenant,
    dangling_references,
    parse_cap,
    parse_filter,
    select_rows,
)
from airvault.pg.session import SESSION_SETTINGS, connect, copy_over, copy_query, snapshot_session
from airvault.pg.tools import check_dump_version, copy_out, schema_archive
from airvault.progress import Progress, heartbeat
from airvault.progress import clear as clear_heartbeat
from airvault.storage.codec import FileCodec
from airvault.storage.crypto import AnyKey
from airvault.storage.digest import DEFAULT_DIGEST, new_hasher
from airvault.storage.manifest import (
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    backup_folder,
    data_file_name,
    human_label,
    publish_public_key,
    write_signed,
)
from airvault.storage.models import (
    BackupManifest,
    DataFile,
    FileRef,
    ModuleCount,
    PointInTime,
    RestoreOrigin,
    Source,
    TableEntry,
)
from airvault.storage.signing import require_keys
from airvault.storage.store import HashingSink, Store

log = logging.getLogger("airvault.backup.run")

PROGRESS_EVERY_S = 10.0


@dataclass
class BackupOptions:
    kind: str = "full"
    scope: str = "all"
    schemas: list[str] | None = None  # None: every schema but the system ones, like pg_dump
    exclude_schemas: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    rows: RowRules = field(default_factory=RowRules)  # tenant, row filters, caps
    modules: dict[str, list[str]] = field(default_factory=dict)  # counted in the manifest
    only: list[str] | None = None  # table names (bare or schema.table); None = all not excluded
    workers: int = 2
    compression: str = "zstd"  # or "gzip"
    compression_level: int = 1
    encryption_key: AnyKey | None = None  # AES-256-GCM of every file but the manifest
    label: str | None = None
    concurrent: str = "wait"  # another backup of this kind and scope runs: "wait" or "fail"
    concurrent_wait_s: float = 30 * 60
    restore: RestoreOrigin | None = None  # a safety backup: the restore it was taken before
    # Change capture's slot: while it exists, the backup is taken in a snapshot lined up with
    # it and records that LSN, so it is a base for point-in-time restores.
    capture_slot: str | None = "airvault"
    point_in_time: PointInTime | None = None  # made by a point-in-time restore: of what
    digest: str = DEFAULT_DIGEST  # of the data files' content and stored bytes
    app_version_query: str | None = None  # the config's; None: detect the migration tool


@dataclass
class BackupResult:
    id: str
    url: str
    manifest: BackupManifest

    @property
    def rows(self) -> int:
        return self.manifest.rows


def options_from_config(config: Config, **overrides) -> BackupOptions:
    """The backup settings of the config (schemas, exclusions, row filters, caps, modules)."""
    b = config.backup
    rules = RowRules(
        tenant_table=config.tenancy.table,
        tenant_column=config.tenancy.column,
        row_filters=dict(b.row_filters),
        caps={t: Cap(c.column, c.newest, c.days) for t, c in b.caps.items()},
    )
    opts = BackupOptions(
        schemas=None if b.schemas is None else list(b.schemas),
        exclude_schemas=list(b.exclude_schemas),
        exclude=list(b.exclude_tables),
        rows=rules,
        modules={name: m.tables for name, m in config.modules.items()},
        workers=b.workers,
        compression=b.compression,
        compression_level=b.compression_level,
        digest=b.digest,
        concurrent=b.concurrent,
        concurrent_wait_s=b.concurrent_wait_minutes * 60,
        capture_slot=config.capture.slot,
        app_version_query=b.app_version_query,
    )
    for key, value in overrides.items():
        setattr(opts, key, value)
    return opts


def scoped_options(
    config: Config | None,
    *,
    kind: str = "full",
    module: str | None = None,
    tenant: str | None = None,
    tables: list[str] | None = None,
    filters: list[str] | None = None,
    caps: list[str] | None = None,
) -> BackupOptions:
    """The options of one backup (CLI and operators): the config's settings (defaults without
    one) narrowed to a module's tables, one tenant's rows or some `tables`, plus row filters
    (TABLE:PREDICATE) and caps (TABLE:newest=N, TABLE:days=D[:COLUMN])."""
    opts = options_from_config(config) if config else BackupOptions()
    opts.kind = kind
    opts.rows.row_filters.update(parse_filter(f) for f in filters or [])
    opts.rows.caps.update(parse_cap(c) for c in caps or [])
    if module:  # a module backup: the module's tables, scoped and labelled as such
        found = config.modules.get(module) if config else None
        if found is None:
            raise AirvaultError(f"module '{module}' is not in the config")
        opts.kind, opts.scope, opts.only = "module", module, found.tables
    elif tables:
        opts.only = list(tables)
    if tenant:  # one tenant's rows and what they reference
        opts.kind, opts.scope, opts.rows.tenant_id = "tenant", tenant, tenant
    return opts


# A table this small is read over the worker's own connection (psycopg's COPY, inside the
# snapshot) rather than by a psql of its own: a process, a connection and a snapshot import
# cost ~10 ms a table, most of the time for a schema of hundreds of small tables (PostgreSQL's
# regression database). Big tables keep psql: it reads a COPY stream at libpq's speed,
# outside the GIL. Both give the server's COPY text byte for byte.
SMALL_TABLE_BYTES = 1 << 20


def dump_table(
    dsn: str,
    snapshot: str,
    selection: Selection,
    store: Store,
    codec: FileCodec,
    progress: Progress | None = None,
    digest: str = DEFAULT_DIGEST,
    conn: psycopg.Connection | None = None,
) -> TableEntry:
    """Stream one table's selected rows, as of `snapshot`, to `store`; return its entry:
    over `conn` (a worker's snapshot session, see _WorkerSession) where one is given, else
    by a psql of its own."""
    table = selection.table
    rel = data_file_name(table.schema, table.name, codec.extension)
    query = copy_query(table, selection.where).as_string(None)
    planner = key_order_plan(table, selection.where)
    if conn is not None:
        chunks = copy_over(conn, query, planner)
    else:
        chunks = copy_out(dsn, snapshot, query, SESSION_SETTINGS | planner)
    try:
        entry = _copy_to_file(chunks, rel, store, codec, table.qualified, progress, digest)
    finally:  # on an error too, at once: a COPY left open would hold the worker's connection
        chunks.close()
    if progress is not None:
        progress.table_done()
    return TableEntry.model_validate({
        "schema": table.schema,
        "name": table.name,
        "partitioned": table.partitioned,
        "columns": [
            {"name": c.name, "type": c.type, "not_null": c.not_null}
            for c in table.columns
            if not c.generated
        ],
        "generated_columns": [c.name for c in table.columns if c.generated],
        "primary_key": table.primary_key,
        "unique_key": table.unique_key,
        **entry,
        **selection.manifest_fields(),
    })  # fmt: skip


def _copy_to_file(
    chunks: Iterable[bytes],
    rel: str,
    store: Store,
    codec: FileCodec,
    what: str,
    progress: Progress | None = None,
    digest: str = DEFAULT_DIGEST,
) -> dict:
    """Write the COPY text `chunks` into the file `rel`, compressed and (with a key)
    encrypted; return the file, its row count, content and file checksums."""
    content = new_hasher(digest)
    raw_bytes = rows = 0
    started = last_report = time.monotonic()
    with store.open_write(rel) as raw:
        sink = HashingSink(raw, digest)  # hashes the stored bytes: verifiable without the key
        with codec.writer(sink) as zw:
            for chunk in chunks:
                content.update(chunk)
                lines = chunk.count(b"\n")  # text COPY escapes newlines inside values
                raw_bytes += len(chunk)
                rows += lines
                zw.write(chunk)
                if progress is not None:
                    progress.add(lines, len(chunk))
                failpoint("backup:streaming")
                if time.monotonic() - last_report > PROGRESS_EVERY_S:
                    last_report = time.monotonic()
                    log.info("  %s: %s rows so far", what, f"{rows:,}")
    elapsed = max(time.monotonic() - started, 1e-6)
    log.info(
        "%s: %s rows, %.1f MB -> %.1f MB, %s rows/s",
        what,
        f"{rows:,}",
        raw_bytes / 1e6,
        sink.bytes / 1e6,
        f"{rows / elapsed:,.0f}",
    )
    return {
        "file": rel,
        "rows": rows,
        "digest": digest,
        "content_sha256": content.hexdigest(),
        "content_bytes": raw_bytes,
        "file_sha256": sink.sha.hexdigest(),
        "file_bytes": sink.bytes,
        "seconds": round(elapsed, 3),
    }


def _source_info(conn: psycopg.Connection) -> Source:
    version_num = int(one_row(conn.execute("SHOW server_version_num").fetchone())[0])
    info = Source(
        database=conn.info.dbname,
        server_version=one_row(conn.execute("SHOW server_version").fetchone())[0],
        server_version_num=version_num,
    )
    try:  # needs superuser or pg_monitor; informative only
        conn.execute("SAVEPOINT sysid")
        row = one_row(
            conn.execute("SELECT system_identifier::text FROM pg_control_system()").fetchone()
        )
        info.system_identifier = row[0]
        conn.execute("RELEASE SAVEPOINT sysid")
    except psycopg.Error:
        conn.execute("ROLLBACK TO SAVEPOINT sysid")
    return info


def _one_at_a_time(leader: psycopg.Connection, opts: BackupOptions) -> None:
    """Hold a session advisory lock on the source for this kind and scope: a second backup of
    the same scope (another worker, the CLI) waits for it or fails clearly. PostgreSQL drops
    the lock with the connection, so a killed backup never leaves it behind."""
    what = f"{opts.kind}:{opts.scope}"
    deadline = time.monotonic() + (opts.concurrent_wait_s if opts.concurrent == "wait" else 0)
    waited = False
    while not one_row(
        leader.execute(
            "SELECT pg_try_advisory_lock(hashtext('airvault-backup'), hashtext(%s))", (what,)
        ).fetchone()
    )[0]:
        if time.monotonic() >= deadline:
            how = (
                f"waited {opts.concurrent_wait_s / 60:g} min"
                if opts.concurrent == "wait"
                else "backup.concurrent is 'fail'"
            )
            raise AirvaultError(
                f"another {opts.kind} backup of scope '{opts.scope}' is running on "
                f"{leader.info.dbname}; this one did not start ({how})"
            )
        if not waited:
            log.info("another %s backup of scope '%s' is running: waiting", opts.kind, opts.scope)
            waited = True
        time.sleep(1)
    leader.commit()  # the lock is the session's; the snapshot transaction starts fresh


def _snapshot(dsn: str, leader: psycopg.Connection, slot: str | None) -> tuple[str, str | None]:
    """Start the leader's snapshot transaction; return the snapshot the workers share and the
    LSN it lines up with when change capture's `slot` exists (else None)."""
    with ExitStack() as stack:
        aligned = None
        capturing = bool(slot and slot_exists(leader, slot))
        leader.commit()  # the snapshot transaction must be the session's first
        if capturing:
            aligned = stack.enter_context(aligned_snapshot(dsn))
        leader.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        if aligned:
            leader.execute(sql.SQL("SET TRANSACTION SNAPSHOT {}").format(sql.Literal(aligned[0])))
        snapshot = one_row(leader.execute("SELECT pg_export_snapshot()").fetchone())[0]
    return snapshot, aligned[1] if aligned else None  # the temporary slot is gone: not needed


def run_backup(
    dsn: str,
    root: Store,
    options: BackupOptions | None = None,
) -> BackupResult:
    """Back up the database at `dsn` under `root`; the manifest is written last."""
    opts = options or BackupOptions()
    codec = FileCodec(opts.compression, opts.compression_level, opts.encryption_key)
    started = datetime.now(UTC).replace(microsecond=0)
    t0 = time.monotonic()
    backup_id = secrets.token_hex(4)
    folder = backup_folder(opts.kind, opts.scope, started, backup_id)
    store = root.child(folder)
    require_keys(store.signing_keys())  # none: fail now, not after the database was read
    with connect(dsn) as leader:
        _one_at_a_time(leader, opts)
        snapshot, capture_lsn = _snapshot(dsn, leader, opts.capture_slot)
        source = _source_info(leader)
        pg_dump_version = check_dump_version(source.server_version_num)
        schemas = list_schemas(leader, opts.schemas, opts.exclude_schemas)
        catalog = read_catalog(leader, schemas)
        tables, excluded = select_tables(catalog, opts.exclude)
        if opts.only is not None:
            found = {n: find_table(catalog.tables, n) for n in opts.only}
            if missing := sorted(n for n, t in found.items() if t is None):
                raise AirvaultError(f"no such table to back up: {', '.join(missing)}")
            wanted = {t.qualified for t in found.values() if t is not None}  # (none is, by now)
            tables = [t for t in tables if t.qualified in wanted]
        check_tenant(leader, catalog, opts.rows)
        # in the snapshot; a bad configured query fails here, before anything is written
        app_version = read_app_version(leader, opts.app_version_query)
        selections, out_of_scope = select_rows(catalog, tables, opts.rows, started)
        for s in selections:
            check_selection(leader, s)
        tables = [s.table for s in selections]
        whole = opts.only is None and opts.rows.tenant_id is None
        lo_count = large_object_count(leader) if whole else 0
        failpoint("backup:snapshot")
        contained = {t.qualified for t in tables}
        # Parents these tables point at but this backup does not hold (a module's accounts,
        # users, ...; a table of a schema left out): a restore needs them in the target.
        outside = [r for r in catalog.outside_references if r.table in contained]
        references = sorted(
            (
                {fk.ref_table for t in tables for fk in t.foreign_keys}
                | {r.ref_table for r in outside}
            )
            - contained
        )
        for r in outside:
            log.warning(
                "%s references %s (%s), outside the schemas backed up: a restore into an empty "
                "database needs it there", r.table, r.ref_table, r.foreign_key,
            )  # fmt: skip
        log.info(
            "backup %s of %s: %d tables (%d excluded) to %s",
            backup_id,
            source.database,
            len(tables),
            len(excluded),
            store.url,
        )
        label = opts.label or human_label(opts.kind, opts.scope, started)
        progress = Progress(opts.kind, opts.scope, label, len(selections),
                            sum(s.table.est_bytes for s in selections))  # fmt: skip
        try:  # the schema dump and the reference check overlap the table COPYs
            with (
                heartbeat(store, progress=progress),
                ThreadPoolExecutor(2, thread_name_prefix="airvault-side") as side,
            ):
                schema_job = side.submit(
                    _write_schema, dsn, snapshot, opts.schemas and schemas, opts, store, codec
                )
                dangling_job = side.submit(dangling_references, leader, selections, opts.rows)
                entries = _dump_tables(
                    dsn, snapshot, selections, store, opts.workers, codec, progress, opts.digest
                )
                large_objects = (
                    _dump_large_objects(dsn, snapshot, store, codec, opts.digest)
                    if lo_count
                    else None
                )
                schema_entry, archive_entry = schema_job.result()
                dangling = dangling_job.result()
        except BaseException:
            _discard(store)
            raise
        for d in dangling:
            log.warning(
                "%s: %s rows point (%s) at %s rows this backup does not hold",
                d.table, f"{d.rows:,}", d.foreign_key, d.ref_table,
            )  # fmt: skip
        sequences = [asdict(s) for s in catalog.sequences]
        extensions = read_extensions(leader)
        roles = read_roles(leader, schemas)
        matviews = read_matviews(leader, schemas)
        public_acl = read_public_acl(leader, schemas)
        leader.rollback()
    finished = datetime.now(UTC).replace(microsecond=0)
    manifest = BackupManifest.model_validate({
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "id": backup_id,
        "kind": opts.kind,
        "scope": opts.scope,
        "label": label,
        "started_at": started.isoformat(),
        "completed_at": finished.isoformat(),
        "duration_s": round(time.monotonic() - t0, 3),
        "source": source,
        "snapshot": {"isolation": "repeatable read", "id": snapshot},
        **codec.manifest_fields(),  # compression codec and level, encryption key fingerprint
        "copy_format": "text",
        "session_settings": SESSION_SETTINGS,
        "schemas": schemas,
        "all_schemas": opts.schemas is None,
        "excluded_tables": excluded,
        "references": references,
        "outside_references": outside,
        "extensions": extensions,
        "roles": roles,
        "materialized_views": matviews,
        "public_acl": public_acl,
        "row_rules": opts.rows.to_json(),
        "out_of_scope": out_of_scope,
        "dangling_references": dangling,
        "schema_file": schema_entry,  # for people: the whole schema as SQL
        "schema_archive": archive_entry,  # what restores apply, with pg_restore
        "tables": [entries[t.qualified] for t in tables],
        "large_objects": large_objects,
        "modules": _module_counts(opts.modules, entries),
        "sequences": sequences,
        "tool": {"airvault": __version__, "pg_dump": pg_dump_version},
        **catalog.to_json(),
        "restore": opts.restore,
        "point_in_time": opts.point_in_time,
        "capture": capture_lsn and {"slot": opts.capture_slot, "lsn": capture_lsn,
                                    "database": source.database},
        "app_version": app_version,
    })  # fmt: skip
    failpoint("backup:manifest")
    write_signed(store, MANIFEST, manifest)
    clear_heartbeat(store)
    _publish_public_key(root)
    result = BackupResult(backup_id, store.url, manifest)
    log.info(
        "backup %s complete: %d tables, %s rows, %.1f MB in %.1f s",
        backup_id,
        len(tables),
        f"{result.rows:,}",
        sum(e.file_bytes for e in manifest.tables) / 1e6,
        manifest.duration_s,
    )
    return result


def _publish_public_key(root: Store) -> None:
    """The public key beside the backups; the backup is complete without it, so a storage
    that refuses this one file only costs a warning."""
    try:
        publish_public_key(root)
    except OSError as e:
        log.warning("could not store the public key under %s: %s", root.url, e)


def _write_schema(
    dsn: str,
    snapshot: str,
    schemas: list[str] | None,
    opts: BackupOptions,
    store: Store,
    codec: FileCodec,
) -> tuple[FileRef, FileRef]:
    """schema/schema.pgdump (the custom-format archive restores apply with pg_restore) and
    schema.sql (the same as SQL text, for people and diffs; never run by airvault)."""
    archive, text = schema_archive(dsn, snapshot, schemas, opts.exclude_schemas)
    sealed = _write_file(store, "schema/schema.pgdump", codec.seal(archive))
    return _write_file(store, "schema.sql", codec.seal(text)), sealed


def _write_file(store: Store, rel: str, data: bytes) -> FileRef:
    with store.open_write(rel) as out:
        out.write(data)
    return FileRef(file=rel, sha256=hashlib.sha256(data).hexdigest(), bytes=len(data))


def _dump_large_objects(
    dsn: str, snapshot: str, store: Store, codec: FileCodec, digest: str
) -> DataFile:
    """Every large object (oid, owner, contents) as one COPY file, checksummed like a table."""
    chunks = copy_out(dsn, snapshot, LARGE_OBJECTS_QUERY, SESSION_SETTINGS)
    try:
        entry = _copy_to_file(chunks, "data/pg_largeobject.copy" + codec.extension, store,
                              codec, "large objects", digest=digest)  # fmt: skip
    finally:
        chunks.close()
    return DataFile.model_validate({"schema": "pg_catalog", "name": "pg_largeobject",
                                    "columns": LARGE_OBJECT_COLUMNS, **entry})  # fmt: skip


def _module_counts(
    modules: dict[str, list[str]], entries: dict[str, TableEntry]
) -> dict[str, ModuleCount]:
    """Rows per module of the config, for the modules whose tables this backup holds."""
    by_name = {e.name: e for e in entries.values()} | entries
    counts = {}
    for name, tables in modules.items():
        held = [by_name[t] for t in tables if t in by_name]
        if held:
            counts[name] = ModuleCount(tables=[e.qualified for e in held],
                                       rows=sum(e.rows for e in held))  # fmt: skip
            log.info("module %s: %s rows", name, f"{counts[name].rows:,}")
    return counts


class _WorkerSession:
    """A backup worker's snapshot session, opened at its first small table. Tables go
    biggest first, so a worker reads its big ones with a psql each before it needs one, and
    from then on reads every table over it: a worker never holds two connections to the app
    database at once (the bound the pool's slots are sized by: leader, workers, pg_dump)."""

    def __init__(self, dsn: str, snapshot: str, stack: ExitStack) -> None:
        self.dsn, self.snapshot, self.stack = dsn, snapshot, stack
        self.conn: psycopg.Connection | None = None

    def for_table(self, table: Table) -> psycopg.Connection | None:
        if self.conn is None and table.est_bytes < SMALL_TABLE_BYTES:
            self.conn = self.stack.enter_context(snapshot_session(self.dsn, self.snapshot))
        return self.conn


@contextmanager
def _worker_session(dsn: str, snapshot: str) -> Iterator[_WorkerSession]:
    with ExitStack() as stack:
        yield _WorkerSession(dsn, snapshot, stack)


def _dump_tables(
    dsn: str,
    snapshot: str,
    selections: list[Selection],
    store: Store,
    workers: int,
    codec: FileCodec,
    progress: Progress | None = None,
    digest: str = DEFAULT_DIGEST,
) -> dict[str, TableEntry]:
    results: dict[str, TableEntry] = {}

    def dump(session: _WorkerSession, s: Selection) -> None:
        try:
            results[s.table.qualified] = dump_table(
                dsn, snapshot, s, store, codec, progress, digest, session.for_table(s.table)
            )
        except AirvaultError as e:
            raise AirvaultError(f"{s.table.qualified}: {e}") from e
        except psycopg.Error as e:
            raise AirvaultError(f"{s.table.qualified}: COPY failed: {e}") from e

    try:
        run_biggest_first(selections, lambda s: s.table.est_bytes, workers, dump,
                          session=lambda: _worker_session(dsn, snapshot))  # fmt: skip
    except (AirvaultError, psycopg.Error, OSError):
        raise
    except Exception as e:
        raise AirvaultError(f"backup worker failed: {e}") from e
    return results


def _discard(store: Store) -> None:
    """Best effort: an unfinished folder has no manifest anyway, so it is never restorable."""
    try:
        store.remove_tree("")
    except Exception:  # noqa: BLE001 - the original error matters more
        log.warning("could not remove the unfinished backup folder %s", store.url)
