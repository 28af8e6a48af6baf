"""Starting a backup on the source: one backup of a kind and scope at a time, the snapshot every
connection of the backup shares, and what the server is."""

from __future__ import annotations

import logging
import time
from contextlib import ExitStack
from dataclasses import dataclass

import psycopg
from psycopg import sql

from airvault.backup.options import BackupOptions
from airvault.capture.slot import aligned_snapshot, slot_exists
from airvault.errors import AirvaultError
from airvault.pg.rows import one_row
from airvault.pg.tools import check_dump_version
from airvault.storage.models import Source

log = logging.getLogger("airvault.backup.run")


@dataclass(frozen=True)
class Started:
    """A backup under way: the snapshot its connections import, the LSN it lines up with when
    change capture runs (else None), the source server and the pg_dump that will dump it."""

    snapshot: str
    capture_lsn: str | None
    source: Source
    pg_dump_version: str


def start_backup(dsn: str, leader: psycopg.Connection, opts: BackupOptions) -> Started:
    """Take the backup's lock and snapshot on the `leader` session (which keeps both)."""
    _one_at_a_time(leader, opts)
    snapshot, capture_lsn = _snapshot(dsn, leader, opts.capture_slot)
    source = source_info(leader)
    return Started(snapshot, capture_lsn, source, check_dump_version(source.server_version_num))


def source_info(conn: psycopg.Connection) -> Source:
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
