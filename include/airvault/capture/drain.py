"""Draining the capture slot into change segments, exactly once.

The slot is read with pg_logical_slot_peek_binary_changes (nothing is consumed), the segment's
data file and then its signed manifest are written, and only then is the slot confirmed
(pg_replication_slot_advance). A crash before the manifest leaves the slot where it was: the
next drain writes the same segment again. A crash after it, before the advance: the next
drain sees the segment in storage and advances the slot past it first. Nothing is lost and
nothing is stored twice.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import psycopg

from airvault.capture import ddl, large_objects
from airvault.capture.counting import SegmentCounter
from airvault.capture.heartbeat import streamer_holding
from airvault.capture.pgoutput import (
    lsn_text,
    parse_lsn,
)
from airvault.capture.segments import (
    SegmentWriter,
    compression_of,
    iso,
    read_chain,
    slot_folder,
    write_segment_manifest,
)
from airvault.capture.slot import CaptureError, _require_logical, free_slot
from airvault.failpoints import failpoint
from airvault.pg.rows import one_row
from airvault.pg.session import SESSION_SETTINGS
from airvault.storage.codec import FileCodec
from airvault.storage.models import ChangeSegment, SchemaChangeNote
from airvault.storage.store import Store

log = logging.getLogger("airvault.capture")

_PEEK = (
    "SELECT data FROM pg_logical_slot_peek_binary_changes(%s, %s::pg_lsn, %s, "
    "'proto_version', '1', 'publication_names', %s)"
)
# Commits whose time is within this margin of the drain's start may still be writing their
# commit record: "covered until" stays this far behind.
COVER_MARGIN = timedelta(seconds=1)


@dataclass
class DrainResult:
    slot: str
    segments: list[ChangeSegment] = field(default_factory=list)
    seconds: float = 0.0
    streamer_pid: int | None = None  # skipped: `airvault capture stream` holds the slot

    @property
    def changes(self) -> int:
        return sum(s.changes for s in self.segments)

    @property
    def transactions(self) -> int:
        return sum(s.transactions for s in self.segments)

    @property
    def gaps(self) -> list[SchemaChangeNote]:
        """Schema changes a replay cannot cross: a new base is needed after them."""
        return [g for s in self.segments for g in s.gaps]

    def summary(self) -> str:
        if self.streamer_pid is not None:
            return (
                f"slot {self.slot}: streamed by `airvault capture stream` (server process "
                f"{self.streamer_pid}); the drain left it alone"
            )
        if not self.segments:
            return f"slot {self.slot}: nothing new"
        last = self.segments[-1]
        changed = sum(len(s.schema_changes) for s in self.segments)
        lines = [
            f"slot {self.slot}: {len(self.segments)} segment(s), {self.transactions:,} "
            f"transactions, {self.changes:,} row changes, {changed} schema change(s) up to "
            f"{last.end_lsn} (covered until {last.covered_until}) in {self.seconds:.1f} s"
        ]
        lines += [
            f"gap: {g.what} committed at {g.committed_at} cannot be replayed ({g.reason})"
            for g in self.gaps
        ]
        return "\n".join(lines)


def _lock(conn: psycopg.Connection, slot: str) -> None:
    got = one_row(
        conn.execute(
            "SELECT pg_try_advisory_lock(hashtext('airvault-capture'), hashtext(%s))", (slot,)
        ).fetchone()
    )[0]
    if not got:
        raise CaptureError(f"another drain of slot {slot} is running; this one did not start")


def _confirm(conn: psycopg.Connection, slot: str, lsn: str) -> None:
    """The slot may free the WAL up to `lsn`: only once what it held is durable in storage."""
    conn.execute("SELECT pg_replication_slot_advance(%s, %s::pg_lsn)", (slot, lsn))


def segment_fields(
    conn: psycopg.Connection,
    slot: str,
    seq: int,
    span: tuple[int, int],
    counter: SegmentCounter,
    covered_until: datetime,
    codec: FileCodec,
    files: dict,
) -> dict:
    """A segment's manifest, drained or streamed alike: [start, end) of the slot's WAL, what
    `counter` saw in it, its files, the sequences' values and the large objects now (a gap
    when they are not the ones the look before saw)."""
    seen = large_objects.look(conn) if counter.look_due else None
    notes = counter.schema_changes + large_objects.changed(counter.large_objects, seen)
    return {
        "slot": slot,
        "database": conn.info.dbname,
        "seq": seq,
        "start_lsn": lsn_text(span[0]),
        "end_lsn": lsn_text(span[1]),
        "transactions": counter.transactions,
        "changes": counter.changes,
        "first_commit_at": iso(counter.first_commit),
        "last_commit_at": iso(counter.last_commit),
        "covered_until": covered_until.isoformat(),
        "drained_at": datetime.now(UTC).isoformat(),
        **files,
        **codec.manifest_fields(),
        "compression": compression_of(codec),
        "session_settings": SESSION_SETTINGS,
        "tables": counter.tables,
        "sequences": _sequences(conn),
        "schema_changes": sorted(notes, key=lambda note: parse_lsn(note.commit_lsn)),
        "relations": counter.relations,
        "large_objects": seen,
    }


def _sequences(conn: psycopg.Connection) -> dict[str, int]:
    rows = conn.execute(
        "SELECT schemaname || '.' || sequencename, last_value FROM pg_sequences "
        "WHERE last_value IS NOT NULL AND schemaname NOT IN ('pg_catalog', 'information_schema')"
    ).fetchall()
    return {name: int(value) for name, value in rows}


def drain(
    dsn: str,
    root: Store,
    slot: str,
    publication: str,
    codec: FileCodec | None = None,
    segment_changes: int = 100_000,
    idle_segment_minutes: float = 10,
) -> DrainResult:
    """Move every change committed so far from `slot` into segments under `root`."""
    codec = codec or FileCodec()
    started = time.monotonic()
    folder = root.child(slot_folder(slot))
    result = DrainResult(slot)
    with psycopg.connect(dsn, autocommit=True) as conn:
        _require_logical(conn)
        result.streamer_pid = streamer_holding(conn, slot)
        if result.streamer_pid is not None:
            log.info("drain %s", result.summary())
            return result  # one consumer at a time: the streamer's segments are newer
        _lock(conn, slot)
        for name, value in SESSION_SETTINGS.items():  # how the values are printed
            conn.execute("SELECT set_config(%s, %s, false)", (name, value))
        confirmed = parse_lsn(free_slot(conn, slot))
        chain = read_chain(root, slot)
        tip = chain.tip
        if tip and parse_lsn(tip.end_lsn) > confirmed:
            # the last drain stored this segment but died before confirming it
            _confirm(conn, slot, tip.end_lsn)
            log.info(
                "slot %s: confirmed up to %s, stored by an interrupted drain", slot, tip.end_lsn
            )
            confirmed = parse_lsn(tip.end_lsn)
        elif tip and parse_lsn(tip.end_lsn) < confirmed:
            log.error(
                "slot %s was confirmed to %s but segments end at %s: the changes between "
                "are missing (another consumer of the slot?)",
                slot,
                lsn_text(confirmed),
                tip.end_lsn,
            )
        seq = tip.seq + 1 if tip else 1
        seen = large_objects.last_look(chain.segments)
        recorded = ddl.installed(conn)
        covered = datetime.now(UTC) - COVER_MARGIN
        upto = parse_lsn(one_row(conn.execute("SELECT pg_current_wal_lsn()::text").fetchone())[0])
        while True:
            counter = SegmentCounter(tip.relations if tip else None, recorded, seen)
            writer = SegmentWriter(folder, seq, codec)
            try:
                with (
                    conn.transaction(),
                    conn.cursor(name=f"airvault_drain_{seq}", binary=True) as cur,
                ):
                    cur.itersize = 20000  # binary: the bytes as they are, no hex
                    cur.execute(_PEEK, (slot, lsn_text(upto), segment_changes, publication))
                    for (data,) in cur:
                        writer.write(data)
                        counter.see(data)
                        failpoint("capture:streaming")
            except BaseException:
                writer.abort()
                raise
            # the server stops after the transaction that reaches the limit (in messages)
            caught_up = counter.messages < segment_changes
            end = upto if caught_up else counter.last_end
            until = covered if caught_up else counter.last_commit
            # (not caught up: the server stopped after a Commit, which set both)
            assert end is not None and until is not None
            if not counter.transactions:
                idle_for = timedelta(minutes=idle_segment_minutes)
                last = datetime.fromisoformat(tip.covered_until) if tip else None
                if end <= confirmed or (last and covered - last < idle_for):
                    writer.abort()  # nothing to keep; the stray file is rewritten next time
                    break
            files = writer.close()
            failpoint("capture:before-manifest")
            segment = write_segment_manifest(
                folder,
                segment_fields(conn, slot, seq, (confirmed, end), counter, until, codec, files),
            )
            failpoint("capture:before-advance")
            _confirm(conn, slot, segment.end_lsn)
            result.segments.append(segment)
            tip, confirmed, seq = segment, end, seq + 1
            seen = segment.large_objects or seen
            if caught_up:
                break
    result.seconds = round(time.monotonic() - started, 3)
    log.info("drain %s", result.summary())
    return result
