"""The backup command: one exported snapshot, tables streamed in parallel with COPY through
zstd to storage, checksums on the fly, the signed manifest written last.

A short list of named steps (as pgBackRest's cmdBackup); each step lives one level down:
options.py (what to take), start.py (lock, snapshot, source), contents.py (tables, rows,
objects), dump.py (the files), builder.py (the manifest)."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import psycopg

from airvault.backup.builder import ManifestBuilder
from airvault.backup.contents import Contents, choose_contents, read_database_objects
from airvault.backup.dump import (
    BackupSession,
    dump_large_objects,
    dump_tables,
    write_schema,
)
from airvault.backup.options import BackupOptions, options_from_config, scoped_options
from airvault.backup.start import start_backup
from airvault.failpoints import failpoint
from airvault.pg.scope import dangling_references
from airvault.pg.session import connect
from airvault.progress import Progress, heartbeat
from airvault.progress import clear as clear_heartbeat
from airvault.storage.codec import FileCodec
from airvault.storage.manifest import MANIFEST, publish_public_key, write_signed
from airvault.storage.models import BackupManifest
from airvault.storage.signing import require_keys
from airvault.storage.store import Store

__all__ = ["BackupOptions", "BackupResult", "options_from_config", "run_backup", "scoped_options"]

log = logging.getLogger("airvault.backup.run")


@dataclass
class BackupResult:
    id: str
    url: str
    manifest: BackupManifest

    @property
    def rows(self) -> int:
        return self.manifest.rows


def run_backup(dsn: str, root: Store, options: BackupOptions | None = None) -> BackupResult:
    """Back up the database at `dsn` under `root`; the manifest is written last."""
    opts = options or BackupOptions()
    codec = FileCodec(opts.compression, opts.compression_level, opts.encryption_key)
    # Name the backup (id, start, label; its label and note checked) and find its folder
    manifest = ManifestBuilder(opts, codec)
    store = root.child(manifest.folder)
    require_keys(store.signing_keys())  # none: fail now, not after the database was read
    with connect(dsn) as leader:
        # Take the lock of this kind and scope, the snapshot the workers share, the source
        manifest.start = start_backup(dsn, leader, opts)
        # Choose the tables and the rows of each, as of the snapshot
        manifest.contents = contents = choose_contents(leader, opts, manifest.started)
        failpoint("backup:snapshot")
        log.info(
            "backup %s of %s: %d tables (%d excluded) to %s",
            manifest.backup_id,
            manifest.start.source.database,
            len(contents.selections),
            len(contents.excluded),
            store.url,
        )
        session = BackupSession(
            dsn, manifest.start.snapshot, store, codec, _progress(manifest, contents), opts.digest
        )
        # Copy the tables and large objects; dump the schema and check references beside them
        try:
            _copy(session, leader, contents, manifest)
        except BaseException:
            discard_unfinished(store)
            raise
        # Read the database-wide objects, still in the snapshot
        manifest.objects = read_database_objects(leader, contents.schemas)
        leader.rollback()
    # Complete the manifest and save it, signed, last: only now is the backup restorable
    document = manifest.complete()
    failpoint("backup:manifest")
    write_signed(store, MANIFEST, document)
    clear_heartbeat(store)
    publish_key_or_warn(root)
    result = BackupResult(manifest.backup_id, store.url, document)
    log.info(
        "backup %s complete: %d tables, %s rows, %.1f MB in %.1f s",
        result.id,
        len(document.tables),
        f"{result.rows:,}",
        sum(e.file_bytes for e in document.tables) / 1e6,
        document.duration_s,
    )
    return result


def _copy(
    session: BackupSession,
    leader: psycopg.Connection,
    contents: Contents,
    manifest: ManifestBuilder,
) -> None:
    """The tables (on `workers` connections) and the large objects; beside them on two side
    threads, the schema dump (pg_dump) and the check of rows pointing outside the backup."""
    opts = manifest.opts
    with (
        heartbeat(session.store, progress=session.progress),
        ThreadPoolExecutor(2, thread_name_prefix="airvault-side") as side,
    ):
        schemas = opts.schemas and contents.schemas
        schema_job = side.submit(write_schema, session, schemas, opts.exclude_schemas)
        dangling_job = side.submit(dangling_references, leader, contents.selections, opts.rows)
        copied = dump_tables(session, contents.selections, opts.workers)
        for selection in contents.selections:  # in dependency order: the manifest's
            manifest.add_table(selection, copied[selection.table.qualified])
        if contents.large_objects:
            manifest.add_large_objects(dump_large_objects(session))
        manifest.schema = schema_job.result()
        manifest.dangling = dangling_job.result()
    for d in manifest.dangling:
        log.warning(
            "%s: %s rows point (%s) at %s rows this backup does not hold",
            d.table,
            f"{d.rows:,}",
            d.foreign_key,
            d.ref_table,
        )


def _progress(manifest: ManifestBuilder, contents: Contents) -> Progress:
    """What the backup's heartbeat publishes (the Backups page's Running now)."""
    selections = contents.selections
    return Progress(
        manifest.opts.kind,
        manifest.opts.scope,
        manifest.label,
        len(selections),
        sum(s.table.est_bytes for s in selections),
    )


def publish_key_or_warn(root: Store) -> None:
    """The public key beside the backups; the backup is complete without it, so a storage
    that refuses this one file only costs a warning."""
    try:
        publish_public_key(root)
    except OSError as e:
        log.warning("could not store the public key under %s: %s", root.url, e)


def discard_unfinished(store: Store) -> None:
    """Best effort: an unfinished folder has no manifest anyway, so it is never restorable."""
    try:
        store.remove_tree("")
    except Exception:  # noqa: BLE001 - the original error matters more
        log.warning("could not remove the unfinished backup folder %s", store.url)
