"""Copying a backup's data out of its snapshot: each table's selected rows as a COPY file on a
few worker connections, the large objects, and the schema as pg_dump writes it. Each file is
compressed (and with a key encrypted) on the way, and checksummed twice: its content, and
the bytes stored (verifiable without the key)."""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass

import psycopg

from airvault.errors import AirvaultError
from airvault.failpoints import failpoint
from airvault.pg.catalog import Table, key_order_plan
from airvault.pg.objects import LARGE_OBJECTS_QUERY
from airvault.pg.parallel import run_biggest_first
from airvault.pg.scope import Selection
from airvault.pg.session import SESSION_SETTINGS, copy_over, copy_query, snapshot_session
from airvault.pg.tools import copy_out, schema_archive
from airvault.progress import Progress
from airvault.storage.codec import FileCodec
from airvault.storage.digest import Digest, new_hasher
from airvault.storage.frames import Frame
from airvault.storage.manifest import data_file_name
from airvault.storage.models import CopiedData, FileRef
from airvault.storage.store import HashingSink, Store

log = logging.getLogger("airvault.backup.run")

PROGRESS_EVERY_S = 10.0
LARGE_OBJECTS_FILE = "data/pg_largeobject.copy"

# A table this small is read over the worker's own connection (psycopg's COPY, inside the
# snapshot) rather than by a psql of its own: a process, a connection and a snapshot import
# cost ~10 ms a table, most of the time for a schema of hundreds of small tables (PostgreSQL's
# regression database). Big tables keep psql: it reads a COPY stream at libpq's speed,
# outside the GIL. Both give the server's COPY text byte for byte.
SMALL_TABLE_BYTES = 1 << 20


@dataclass(frozen=True)
class BackupSession:
    """What every copy of one backup shares, decided once: the source and the snapshot it is
    read in, the backup's folder, how files are encoded and checksummed, and its progress."""

    dsn: str
    snapshot: str
    store: Store
    codec: FileCodec
    progress: Progress
    digest: Digest


@dataclass(frozen=True)
class SchemaFiles:
    text: FileRef  # schema.sql: for people and diffs; never run by airvault
    archive: FileRef  # schema/schema.pgdump: what restores apply, with pg_restore


def dump_table(
    session: BackupSession, selection: Selection, conn: psycopg.Connection | None = None
) -> CopiedData:
    """Stream one table's selected rows, as of the snapshot, into its file: over `conn` (a
    worker's snapshot session, see _WorkerSession) where one is given, else by a psql of its
    own."""
    table = selection.table
    query = copy_query(table, selection.where).as_string(None)
    planner = key_order_plan(table, selection.where)
    if conn is not None:
        chunks = copy_over(conn, query, planner)
    else:
        chunks = copy_out(session.dsn, session.snapshot, query, SESSION_SETTINGS | planner)
    try:
        rel = data_file_name(table.schema, table.name, session.codec.extension)
        copied = copy_to_file(session, chunks, rel, table.qualified)
    finally:  # on an error too, at once: a COPY left open would hold the worker's connection
        chunks.close()
    session.progress.table_done()
    return copied


def copy_to_file(
    session: BackupSession,
    chunks: Iterable[bytes | Frame],
    rel: str,
    what: str,
    known_rows: Callable[[], int] | None = None,
) -> CopiedData:
    """Write the COPY text `chunks` into the file `rel`, compressed and (with a key)
    encrypted; return the file, its row count, content and file checksums. A Frame (a
    synthetic full's untouched stretch of its base's file) goes in as it is stored. With
    `known_rows` (the count, known once every piece is written: a synthetic full's, from its
    base's and its changes), lines are not counted."""
    content = new_hasher(session.digest)
    raw_bytes = rows = 0
    started = last_report = time.monotonic()
    with session.store.open_write(rel) as raw:
        # hashes the stored bytes: verifiable without the key
        sink = HashingSink(raw, session.digest)
        with session.codec.line_writer(sink) as zw:
            for piece in chunks:
                if isinstance(piece, Frame):
                    zw.copy_frame(piece)
                    chunk = piece.content
                else:
                    zw.write(piece)
                    chunk = piece
                content.update(chunk)
                # text COPY escapes newlines inside values
                lines = chunk.count(b"\n") if known_rows is None else 0
                raw_bytes += len(chunk)
                rows += lines
                session.progress.add(lines, len(chunk))
                failpoint("backup:streaming")
                if time.monotonic() - last_report > PROGRESS_EVERY_S:
                    last_report = time.monotonic()
                    log.info("  %s: %s rows so far", what, f"{rows:,}")
    if known_rows is not None:
        rows = known_rows()
        session.progress.add(rows, 0)
    elapsed = max(time.monotonic() - started, 1e-6)
    log.info(
        "%s: %s rows, %.1f MB -> %.1f MB, %s rows/s%s",
        what,
        f"{rows:,}",
        raw_bytes / 1e6,
        sink.bytes / 1e6,
        f"{rows / elapsed:,.0f}",
        f" ({zw.copied} frames of the base copied as stored)" if zw.copied else "",
    )
    return CopiedData(
        file=rel,
        rows=rows,
        digest=session.digest,
        content_sha256=content.hexdigest(),
        content_bytes=raw_bytes,
        file_sha256=sink.sha.hexdigest(),
        file_bytes=sink.bytes,
        seconds=round(elapsed, 3),
    )


def dump_large_objects(session: BackupSession) -> CopiedData:
    """Every large object (oid, owner, contents) as one COPY file, checksummed like a table."""
    chunks = copy_out(session.dsn, session.snapshot, LARGE_OBJECTS_QUERY, SESSION_SETTINGS)
    try:
        rel = LARGE_OBJECTS_FILE + session.codec.extension
        return copy_to_file(session, chunks, rel, "large objects")
    finally:
        chunks.close()


def write_schema(
    session: BackupSession, schemas: list[str] | None, exclude_schemas: list[str]
) -> SchemaFiles:
    """The schema as a pg_dump custom-format archive and as SQL text, from the snapshot."""
    archive, text = schema_archive(session.dsn, session.snapshot, schemas, exclude_schemas)
    sealed = _write_file(session.store, "schema/schema.pgdump", session.codec.seal(archive))
    return SchemaFiles(_write_file(session.store, "schema.sql", session.codec.seal(text)), sealed)


def _write_file(store: Store, rel: str, data: bytes) -> FileRef:
    with store.open_write(rel) as out:
        out.write(data)
    return FileRef(file=rel, sha256=hashlib.sha256(data).hexdigest(), bytes=len(data))


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


def dump_tables(
    session: BackupSession, selections: list[Selection], workers: int
) -> dict[str, CopiedData]:
    """Every selected table's file (by qualified name), on up to `workers` connections."""
    results: dict[str, CopiedData] = {}

    def dump(worker: _WorkerSession, s: Selection) -> None:
        try:
            results[s.table.qualified] = dump_table(session, s, worker.for_table(s.table))
        except AirvaultError as e:
            raise AirvaultError(f"{s.table.qualified}: {e}") from e
        except psycopg.Error as e:
            raise AirvaultError(f"{s.table.qualified}: COPY failed: {e}") from e

    try:
        run_biggest_first(
            selections,
            lambda s: s.table.est_bytes,
            workers,
            dump,
            session=lambda: _worker_session(session.dsn, session.snapshot),
        )
    except (AirvaultError, psycopg.Error, OSError):
        raise
    except Exception as e:
        raise AirvaultError(f"backup worker failed: {e}") from e
    return results
