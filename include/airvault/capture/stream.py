"""`airvault capture stream`: change capture with an RPO of seconds. A long-running process
holds the capture slot on a replication connection (capture/wire.py) and turns what the server
streams into the same signed change segments the minute drain writes (capture/segments.py):
one every `flush_seconds` while changes come, cut between transactions.

Exactly once, as the drain: a segment's data file, then its signed manifest, and only then is
the slot confirmed (the standby status update's flush position). Killed before the manifest,
the next start writes the same segment again; killed after it, before the confirmation, the
next start resumes from the stored segment's end (START_REPLICATION at that LSN: the server
skips what was committed before it). Nothing is lost, nothing is stored twice.

pgoutput sends a table's Relation message once per replication session; a drained segment
always has it, since every drain is a session of its own. So that a replay may start at any
segment, a streamed segment gets the table's last Relation message before its first change.

The streamer and the drain never consume the slot at once: both take the same advisory lock
on the app database, and a drain skips a slot a live streamer holds (capture/heartbeat.py).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

import psycopg

from airvault.capture import ddl, large_objects
from airvault.capture.counting import RELATION_ID, SegmentCounter
from airvault.capture.drain import COVER_MARGIN, segment_fields
from airvault.capture.heartbeat import HEARTBEAT_SECONDS, StreamHeartbeat, read_heartbeat
from airvault.capture.heartbeat import write_heartbeat as _write_heartbeat
from airvault.capture.pgoutput import (
    ROW_CHANGES,
    Truncate,
    commit_fields,
    decode,
    lsn_text,
    parse_lsn,
    pg_time,
)
from airvault.capture.segments import (
    SegmentWriter,
    read_chain,
    slot_folder,
    write_segment_manifest,
)
from airvault.capture.slot import CaptureError, _require_logical, free_slot
from airvault.capture.wire import Keepalive, ReplicationStream, StreamRefused
from airvault.failpoints import failpoint
from airvault.pg.rows import one_row
from airvault.storage.codec import FileCodec
from airvault.storage.models import ChangeSegment, LargeObjectsSeen
from airvault.storage.store import Store

log = logging.getLogger("airvault.capture")

STATUS_SECONDS = 1.0  # standby status updates: the server's view of the streamer's health
# After a wakeup that found few messages, wait this long before the next: messages gather in
# the socket and are taken many at a time (each wakeup costs CPU the app's server shares);
# a segment still comes every flush_seconds, this much later at most.
GATHER_SECONDS = 0.02
GATHER_MESSAGES = 200  # a wakeup that found this many: the stream is busy, read on at once


@dataclass(frozen=True)
class StreamOptions:
    flush_seconds: float = 2.0  # a segment this often while changes come: the RPO
    segment_changes: int = 100_000  # or sooner, at this many row changes (whole transactions)
    idle_segment_minutes: float = 10  # nothing changes: an empty segment this often anyway


@dataclass
class _Pending:
    """The segment being gathered: [start, end) where `end` only moves to where everything
    committed before it has been received (a Commit's end, a keepalive between transactions)."""

    seq: int
    start: int
    end: int
    writer: SegmentWriter | None = None
    counter: SegmentCounter = field(default_factory=SegmentCounter)
    covered: datetime | None = None  # every commit up to then is in this segment or before
    relations: set[int] = field(default_factory=set)  # Relation messages it holds


class Streamer:
    """One replication session: resume, stream, flush segments, confirm; until `stop`."""

    def __init__(
        self,
        dsn: str,
        root: Store,
        slot: str,
        publication: str,
        codec: FileCodec,
        options: StreamOptions,
        stop: threading.Event,
    ) -> None:
        self.dsn, self.root, self.slot, self.publication = dsn, root, slot, publication
        self.codec, self.options, self.stop = codec, options, stop
        self.folder = root.child(slot_folder(slot))
        self.relations: dict[int, bytes] = {}  # relation id -> its last Relation message
        self.in_transaction = False
        self.segments: list[ChangeSegment] = []
        self.last_segment_at = time.monotonic()
        self.covered_until: str | None = None
        self.pending = _Pending(1, 0, 0)
        self.described: dict[str, str] = {}  # relation id -> digest of its columns (the tip's)
        self.recorded = True  # schema changes are recorded (the event trigger is installed)
        self.large_objects: LargeObjectsSeen | None = None  # the newest look stored
        self.next_look = 0.0  # (monotonic) looks are spaced by what they cost
        self.heartbeat: StreamHeartbeat | None = None

    def run(self) -> None:
        wire = ReplicationStream(self.dsn, self.slot)  # first: a refusal says what to do
        try:
            with psycopg.connect(self.dsn, autocommit=True) as conn:
                _require_logical(conn)
                self._wait_for_lock(conn)
                start, seq = self._resume(conn)
                self.recorded = ddl.installed(conn)
                wire.start(self.publication, start)
                wire.confirm(start)  # a segment stored before a crash frees its WAL now
                log.info("streaming slot %s from %s", self.slot, lsn_text(start))
                self.pending = self._next(seq, start, start)
                self.heartbeat = self._first_beat(start)
                self._loop(conn, wire)
        finally:
            if self.pending.writer:
                self.pending.writer.abort()  # the server sends it again next time
            wire.close()

    def _wait_for_lock(self, conn: psycopg.Connection) -> None:
        """The drain's lock (a drain runs for seconds): held for as long as this session."""
        said = False
        while not one_row(
            conn.execute(
                "SELECT pg_try_advisory_lock(hashtext('airvault-capture'), hashtext(%s))",
                (self.slot,),
            ).fetchone()
        )[0]:
            if not said:  # a drain, or the session of a streamer that just died, ending
                log.info("slot %s: a drain holds it; streaming starts after it", self.slot)
                said = True
            if self.stop.wait(0.5):
                raise CaptureError(f"stopped while waiting for the drain of slot {self.slot}")

    def _resume(self, conn: psycopg.Connection) -> tuple[int, int]:
        """Where to start (the end of the newest stored segment, or the slot's position) and
        the next segment's number."""
        confirmed = parse_lsn(free_slot(conn, self.slot))
        chain = read_chain(self.root, self.slot)
        tip = chain.tip
        self.large_objects = large_objects.last_look(chain.segments)
        if tip is None:
            return confirmed, 1
        end = parse_lsn(tip.end_lsn)
        self.covered_until = tip.covered_until
        self.described = dict(tip.relations)
        if end > confirmed:
            log.info(
                "slot %s: resuming after %s, stored before the last stop", self.slot, tip.end_lsn
            )
        elif end < confirmed:
            log.error(
                "slot %s was confirmed to %s but segments end at %s: the changes between "
                "are missing (another consumer of the slot?)",
                self.slot,
                lsn_text(confirmed),
                tip.end_lsn,
            )
        return max(end, confirmed), tip.seq + 1

    def _loop(self, conn: psycopg.Connection, wire: ReplicationStream) -> None:
        """Take what arrived, a wakeup at a time; cut a segment at the first transaction's end
        once one is due (flush_seconds passed, or segment_changes reached)."""
        self._beat()  # this start counts, whatever happens next
        now = time.monotonic()
        next_flush, next_status = now + self.options.flush_seconds, now
        next_beat = now + HEARTBEAT_SECONDS
        while not self.stop.is_set():
            due = now >= next_flush
            batch = wire.read_batch(max(0.01, min(next_flush, next_status) - now))
            for message in batch:
                if isinstance(message, Keepalive):
                    self._between(message)
                    if message.reply:
                        next_status = 0
                elif self._take(message) and (
                    due or self.pending.counter.changes >= self.options.segment_changes
                ):
                    self._flush(conn, wire)  # a transaction just ended: cut there
                    due, next_flush = False, time.monotonic() + self.options.flush_seconds
            now = time.monotonic()
            if not self.in_transaction and now >= next_flush:
                self._flush(conn, wire)  # (an idle stream: nothing came, or a keepalive)
                next_flush = now + self.options.flush_seconds
            if now >= next_status:
                wire.confirm(self.pending.start)
                next_status = now + STATUS_SECONDS
            if now >= next_beat:
                self._beat()
                next_beat = now + HEARTBEAT_SECONDS
            if batch and len(batch) < GATHER_MESSAGES:
                self.stop.wait(GATHER_SECONDS)  # let more gather
                now = time.monotonic()
        if not self.in_transaction:  # stopping: keep what is whole
            self._flush(conn, wire)
        self._beat()

    def _take(self, payload: bytes) -> bool:
        """One pgoutput message into the pending segment; True when it ends a transaction."""
        pending = self.pending
        if pending.writer is None:
            pending.writer = SegmentWriter(self.folder, pending.seq, self.codec)
            failpoint("capture:stream-receiving")  # (once a segment: a lookup costs)
        kind = payload[0]
        committed = False
        if kind in ROW_CHANGES:
            self._relation_first(RELATION_ID.unpack_from(payload, 1)[0])
        elif kind == 66:  # B
            self.in_transaction = True
        elif kind == 67:  # C
            _lsn, end, committed_at = commit_fields(payload)
            self.in_transaction, committed = False, True
            pending.end = max(pending.end, end)
            pending.covered = _later(pending.covered, pg_time(committed_at))
        elif kind == 82:  # R
            rel_id = RELATION_ID.unpack_from(payload, 1)[0]
            self.relations[rel_id] = payload
            pending.relations.add(rel_id)
        elif kind == 84:  # T
            truncate = decode(payload)
            assert isinstance(truncate, Truncate)
            for rel_id in truncate.relations:
                self._relation_first(rel_id)
        pending.writer.write(payload)
        pending.counter.see(payload)
        return committed

    def _relation_first(self, rel_id: int) -> None:
        """The table's Relation message before its first change in this segment."""
        pending = self.pending
        if rel_id in pending.relations or rel_id not in self.relations:
            return
        assert pending.writer is not None
        pending.writer.write(self.relations[rel_id])
        pending.counter.see(self.relations[rel_id])
        pending.relations.add(rel_id)

    def _between(self, keepalive: Keepalive) -> None:
        """Between transactions, a keepalive says everything before its WAL end was sent."""
        if self.in_transaction or keepalive.wal_end <= self.pending.end:
            return
        self.pending.end = keepalive.wal_end
        self.pending.covered = _later(self.pending.covered, keepalive.sent_at - COVER_MARGIN)

    def _flush(self, conn: psycopg.Connection, wire: ReplicationStream) -> None:
        """Store the pending segment (whole transactions) and only then confirm the slot."""
        pending = self.pending
        idle_for = time.monotonic() - self.last_segment_at
        first = self.covered_until is None  # none stored yet: one now, as the first drain does
        if not pending.counter.transactions and (
            pending.end <= pending.start
            or (not first and idle_for < self.options.idle_segment_minutes * 60)
        ):
            if pending.writer:
                pending.writer.abort()  # nothing whole in it; rewritten with the next one
            self.pending = self._next(pending.seq, pending.start, pending.end, pending.covered)
            return
        writer = pending.writer or SegmentWriter(self.folder, pending.seq, self.codec)
        pending.writer = None
        files = writer.close()
        failpoint("capture:stream-before-manifest")
        segment = write_segment_manifest(self.folder, self._fields(conn, pending, files))
        failpoint("capture:stream-before-feedback")
        wire.confirm(pending.end)
        self.segments.append(segment)
        self.covered_until = segment.covered_until
        self.last_segment_at = time.monotonic()
        self.described = dict(pending.counter.relations)
        if segment.large_objects:
            self.large_objects = segment.large_objects
            self.next_look = time.monotonic() + large_objects.next_look_after(segment.large_objects)
        self.pending = self._next(pending.seq + 1, pending.end, pending.end)
        log.debug(
            "slot %s: segment %d, %d transactions, %d row changes up to %s",
            self.slot,
            segment.seq,
            segment.transactions,
            segment.changes,
            segment.end_lsn,
        )

    def _next(self, seq: int, start: int, end: int, covered: datetime | None = None) -> _Pending:
        """The next segment, comparing the tables it describes with the ones before (a table
        described with other columns and no command recorded is a gap, as in a drain)."""
        counter = SegmentCounter(self.described, self.recorded, self.large_objects)
        counter.look_due = time.monotonic() >= self.next_look
        return _Pending(seq, start, end, counter=counter, covered=covered)

    def _fields(self, conn: psycopg.Connection, pending: _Pending, files: dict) -> dict:
        covered = pending.covered or datetime.now(UTC) - COVER_MARGIN
        span = (pending.start, pending.end)
        return segment_fields(
            conn, self.slot, pending.seq, span, pending.counter, covered, self.codec, files
        )

    def _first_beat(self, start: int) -> StreamHeartbeat:
        last = read_heartbeat(self.root, self.slot)
        now = datetime.now(UTC).isoformat()
        return StreamHeartbeat(
            slot=self.slot,
            host=socket.gethostname(),
            pid=os.getpid(),
            starts=(last.starts if last else 0) + 1,
            started_at=now,
            beat_at=now,
            confirmed_lsn=lsn_text(start),
            covered_until=self.covered_until,
        )

    def _beat(self) -> None:
        """The heartbeat: alive, confirmed up to, durable until (while nothing is pending,
        every commit up to the last keepalive is: there is nothing to store)."""
        pending, beat = self.pending, self.heartbeat
        if beat is None:
            return
        beat.beat_at = datetime.now(UTC).isoformat()
        beat.confirmed_lsn = lsn_text(pending.start)
        idle = not self.in_transaction and not pending.counter.transactions
        beat.covered_until = (
            pending.covered.isoformat() if idle and pending.covered else self.covered_until
        )
        beat.segments_written = len(self.segments)
        _write_heartbeat(self.root, beat)


def _later(known: datetime | None, when: datetime) -> datetime:
    return when if known is None else max(known, when)


def stream(
    dsn: str,
    root: Store,
    slot: str,
    publication: str,
    codec: FileCodec | None = None,
    options: StreamOptions | None = None,
    stop: threading.Event | None = None,
) -> None:
    """Stream `slot` into segments under `root` until `stop` is set. A lost connection (the
    server restarting, a network fault) is retried, backing off to 30 s; a server that
    refuses replication connections (StreamRefused) or a missing slot ends it."""
    codec, options = codec or FileCodec(), options or StreamOptions()
    stop = stop or threading.Event()
    backoff = 1.0
    while not stop.is_set():
        streamer = Streamer(dsn, root, slot, publication, codec, options, stop)
        try:
            streamer.run()
            return
        except StreamRefused:
            raise
        except psycopg.OperationalError as e:
            if streamer.segments:
                backoff = 1.0  # it streamed for a while: this is a new fault
            log.warning(
                "slot %s: streaming stopped (%s); again in %.0f s",
                slot,
                str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__,
                backoff,
            )
            stop.wait(backoff)
            backoff = min(backoff * 2, 30.0)
