"""`airvault backup --synthetic`: a full backup at the newest durable point of change capture,
built from the newest base and the change segments after it, without reading the app's
tables. Backups are deterministic (each table's rows in key order, as COPY text), so it holds
byte for byte the content a real full backup at that point holds: the same content digests.

The steps (the detail lives one level down):
base.py (the newest base, what a full backup holds now from the catalog, the checks that it
is the base's), fold.py (the segments folded into net changes per table), merge.py (the
streaming merge in the file's order), files.py (the files: copied or merged), migrations.py
(across recorded schema changes: the tables they reshaped rebuilt in a scratch database).
What cannot be built exactly is refused with the table and the reason (SyntheticRefused);
`synthetic="auto"` (run_full_backup) then takes a real full backup instead."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Literal

import psycopg
from psycopg import sql

from airvault.backup.builder import ManifestBuilder
from airvault.backup.contents import Contents, read_database_objects
from airvault.backup.dump import BackupSession, SchemaFiles, write_schema
from airvault.backup.run import (
    BackupOptions,
    BackupResult,
    discard_unfinished,
    publish_key_or_warn,
    run_backup,
)
from airvault.backup.start import Started, source_info
from airvault.backup.synthetic.base import (
    check_schema,
    newest_base,
    on_base,
    synthetic_contents,
)
from airvault.backup.synthetic.files import write_tables
from airvault.backup.synthetic.fold import Folded, Folder, SyntheticRefused
from airvault.backup.synthetic.merge import BYTEWISE_COLLATIONS, Order, order_of
from airvault.backup.synthetic.migrations import (
    Across,
    AppSchema,
    Rebuild,
    rebuild_across_migrations,
)
from airvault.capture.pgoutput import parse_lsn
from airvault.capture.segments import read_chain, read_messages
from airvault.config import Config
from airvault.pg.session import SESSION_SETTINGS, connect
from airvault.pg.tools import check_dump_version
from airvault.progress import Progress, heartbeat
from airvault.progress import clear as clear_heartbeat
from airvault.storage.codec import FileCodec
from airvault.storage.manifest import MANIFEST, write_signed
from airvault.storage.models import BackupManifest, ChangeSegment, Snapshot, SyntheticOrigin
from airvault.storage.opened import OpenedBackup
from airvault.storage.signing import require_keys
from airvault.storage.store import Store

log = logging.getLogger("airvault.backup.run")

Synthetic = Literal["no", "yes", "auto"]


def configured_synthetic(config: Config | None, opts: BackupOptions, narrowed: bool) -> Synthetic:
    """What the config asks of this backup (the DAGs' full backups): synthetic where
    backup.synthetic says so, change capture is on, and it is a whole full backup (not
    `narrowed` by tables, filters or caps of its own)."""
    if config is None or not config.capture.enabled or opts.kind != "full" or narrowed:
        return "no"
    if opts.only is not None or opts.rows.tenant_id is not None:
        return "no"
    wanted = config.backup.synthetic
    return "auto" if wanted == "auto" else "yes" if wanted else "no"


def run_full_backup(
    dsn: str, root: Store, opts: BackupOptions, synthetic: Synthetic = "no"
) -> BackupResult:
    """A full backup: synthetic ("yes": or refused), synthetic where it can be exact and a
    real one otherwise ("auto", saying why), or a real one ("no")."""
    if synthetic == "no":
        return run_backup(dsn, root, opts)
    try:
        return run_synthetic(dsn, root, opts)
    except SyntheticRefused as e:
        if synthetic != "auto":
            raise
        log.warning("no synthetic full backup (%s): taking a real full backup instead", e)
        return run_backup(dsn, root, opts)


def run_synthetic(dsn: str, root: Store, opts: BackupOptions) -> BackupResult:
    """Build the full backup of `dsn` at the newest durable point of its capture slot."""
    if not opts.capture_slot:
        raise SyntheticRefused("a synthetic full backup needs change capture (capture.slot)")
    codec = FileCodec(opts.compression, opts.compression_level, opts.encryption_key)
    manifest = ManifestBuilder(opts, codec)
    store = root.child(manifest.folder)
    require_keys(store.signing_keys())
    with connect(dsn) as conn:
        # What a real full backup holds now, from the catalog alone
        contents = synthetic_contents(conn, opts)
        # The newest base of the slot holding that, and the segments after it, authenticated
        base = newest_base(root, opts.capture_slot, conn.info.dbname, contents)
        segments = _segments_after(root, base)
        migrated = _migrated(base, segments)
        if not migrated:  # the tables are the base's, or refused before any file is written
            contents = on_base(contents, base.manifest)
        source = source_info(conn)
        manifest.objects = read_database_objects(conn, contents.schemas)
        conn.rollback()
        size = sum(e.content_bytes for e in base.manifest.tables)  # what the files hold
        progress = Progress(opts.kind, opts.scope, manifest.label, len(contents.selections), size)
        session = BackupSession(dsn, "", store, codec, progress, opts.digest)
        try:
            with ThreadPoolExecutor(1, thread_name_prefix="airvault-schema") as pool:
                # The schema as pg_dump writes it now, checked against the base's unless
                # migrations changed it, while the changes are folded and the files written
                dumped = pool.submit(_schema_now, session, base, opts, contents, not migrated)
                try:
                    folded = _fold(base, root, segments, migrated)
                    with heartbeat(store, progress=progress):
                        if migrated:  # the tables migrations reshaped: built in a scratch db
                            app = AppSchema(dumped.result()[1], *_schemas(opts, contents))
                            job = Across(dsn, base, root, segments)
                            contents, rebuilt, rebuild = rebuild_across_migrations(
                                job, session, contents, folded, app
                            )
                        else:
                            _check_app_version(base, folded)
                            rebuilt, rebuild = {}, None
                        # Each changed file's order; unchanged tables copied, changed ones merged
                        changed = folded.tables.items()
                        orders = {n: order_of(c, _key_collations(conn, n)) for n, c in changed}
                        replaced = rebuild.replaced if rebuild else set()
                        copied = write_tables(session, base, folded, orders, opts.workers, replaced)
                        copied |= rebuilt
                except Exception:
                    if isinstance(refused := dumped.exception(), SyntheticRefused):
                        raise refused from None  # the schema changed: the reason to give
                    raise
                manifest.schema = dumped.result()[0]
        except BaseException:
            discard_unfinished(store)
            raise
    manifest.contents = contents
    for selection in contents.selections:
        manifest.add_table(selection, copied[selection.table.qualified])
    end = segments[-1].end_lsn if segments else _base_lsn(base)
    manifest.start = Started("", end, source, check_dump_version(source.server_version_num))
    # Complete the manifest, saying what it was built from, and save it, signed, last
    document = _synthetic_manifest(manifest.complete(), base, segments, folded, rebuild)
    write_signed(store, MANIFEST, document)
    clear_heartbeat(store)
    publish_key_or_warn(root)
    log.info(
        "synthetic full backup %s: base %s + %d segment(s), %s row changes in %d table(s); "
        "%d tables copied as they were, in %.1f s",
        document.id,
        base.manifest.id,
        len(segments),
        f"{folded.changes:,}",
        len(folded.tables),
        len(document.tables) - len(folded.tables) - len(rebuilt),
        document.duration_s,
    )
    return BackupResult(document.id, store.url, document)


def _schemas(opts: BackupOptions, contents: Contents) -> tuple[list[str] | None, list[str]]:
    """(the schemas a full backup dumps, None: all; those it leaves out)."""
    return opts.schemas and contents.schemas, opts.exclude_schemas


def _schema_now(
    session: BackupSession, base: OpenedBackup, opts: BackupOptions, contents: Contents, check: bool
) -> tuple[SchemaFiles, bytes]:
    """The schema files pg_dump writes now, and their text; with `check`, SyntheticRefused
    where they are not the base's (without: migrations changed them, checked elsewhere)."""
    files = write_schema(session, *_schemas(opts, contents))
    text = session.codec.unseal(session.store.read_bytes(files.text.file), "schema")
    if check:
        check_schema(base, text)
    return files, text


def _base_lsn(base: OpenedBackup) -> str:
    assert base.manifest.capture is not None  # (newest_base chose a capture-aligned one)
    return base.manifest.capture.lsn


def _segments_after(root: Store, base: OpenedBackup) -> list[ChangeSegment]:
    capture = base.manifest.capture
    assert capture is not None  # (newest_base chose a capture-aligned one)
    segments = read_chain(root, capture.slot).for_base(capture.lsn)
    for s in segments:
        if s.session_settings != SESSION_SETTINGS:
            raise SyntheticRefused(
                f"change segment {s.seq} of slot {s.slot} printed its values with other "
                f"settings ({s.session_settings}) than backups ({SESSION_SETTINGS})"
            )
    return segments


def _migrated(base: OpenedBackup, segments: list[ChangeSegment]) -> bool:
    """Whether a schema change was recorded after the base."""
    after = parse_lsn(_base_lsn(base))
    return any(parse_lsn(n.commit_lsn) >= after for s in segments for n in s.schema_changes)


def _fold(base: OpenedBackup, root: Store, segments: list[ChangeSegment], migrated: bool) -> Folded:
    folder = Folder(base.manifest.tables, parse_lsn(_base_lsn(base)), follow_migrations=migrated)
    for segment in segments:
        folder.feed(read_messages(root, segment, base.store.key))
    return folder.result


_KEY_COLLATIONS = """
SELECT a.attname,
       CASE WHEN co.collname IS NULL THEN NULL
            WHEN co.collname <> 'default' THEN co.collname
            WHEN d.datlocprovider = 'c' AND d.datcollate IN ('C', 'POSIX') THEN 'C'
            WHEN d.datlocprovider = 'b' THEN 'pg_c_utf8'  -- builtin: code point order
            ELSE 'default (' || d.datcollate || ')' END
FROM pg_attribute a LEFT JOIN pg_collation co ON co.oid = a.attcollation
JOIN pg_database d ON d.datname = current_database()
WHERE a.attrelid = %s::regclass AND a.attnum > 0 AND NOT a.attisdropped
"""


def _key_collations(conn: psycopg.Connection, table: str) -> dict[str, str | None]:
    """Each column's collation ('C' where the database's default sorts bytewise)."""
    schema, _, name = table.partition(".")
    regclass = sql.Identifier(schema, name).as_string(conn)
    found: dict[str, str | None] = dict(conn.execute(_KEY_COLLATIONS, (regclass,)).fetchall())
    conn.rollback()
    return {c: ("C" if v in BYTEWISE_COLLATIONS else v) for c, v in found.items()}


def _check_app_version(base: OpenedBackup, folded: Folded) -> None:
    """The base's app version holds unless the table it was read from changed since."""
    version = base.manifest.app_version
    if version is not None and version.source in folded.tables:
        raise SyntheticRefused(
            f"{version.source}: the app's migration head was read from it and it changed "
            "since the base; take a real full backup"
        )


def _synthetic_manifest(
    document: BackupManifest,
    base: OpenedBackup,
    segments: list[ChangeSegment],
    folded: Folded,
    rebuild: Rebuild | None,
) -> BackupManifest:
    """The completed manifest with what a synthetic backup is made of: no snapshot, the
    sequences at the last segment (where it carries them), the base and segment range, the
    migrations it crossed and the tables it rebuilt for them."""
    last = segments[-1].sequences if segments else {}
    sequences = [
        s.model_copy(update={"last_value": last[f"{s.schema_name}.{s.name}"], "is_called": True})
        if f"{s.schema_name}.{s.name}" in last
        else s
        for s in document.sequences
    ]
    origin = SyntheticOrigin(
        base=base.url,
        base_id=base.manifest.id,
        slot=segments[0].slot if segments else document.capture.slot if document.capture else "",
        from_lsn=_base_lsn(base),
        to_lsn=segments[-1].end_lsn if segments else _base_lsn(base),
        first_segment=segments[0].seq if segments else None,
        last_segment=segments[-1].seq if segments else None,
        transactions=folded.transactions,
        changes=folded.changes,
        tables_changed=sorted(folded.tables),
        schema_changes=len(folded.schema_changes),
        tables_rebuilt=rebuild.rebuilt if rebuild else [],
    )
    return document.model_copy(
        update={
            "snapshot": Snapshot(isolation="synthetic", id=None),
            "sequences": sequences,
            "synthetic": origin,
        }
    )


__all__ = [
    "Order",
    "Synthetic",
    "SyntheticRefused",
    "configured_synthetic",
    "run_full_backup",
    "run_synthetic",
]
