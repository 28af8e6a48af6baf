"""Is `airvault capture stream` alive, how far behind, how often restarted? What the
change_capture DAG supervises, and what keeps the minute drain off a slot a streamer holds.

Two witnesses: the app database says who holds the slot now (pg_replication_slots.active_pid
and that session's application_name), and the streamer's heartbeat in storage
(<root>/streams/<slot>.json, signed) says when it last reported, how far its changes are
durable (also while nothing changes: no segment is written then) and how many times it started.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, datetime

import psycopg

from airvault.capture.segments import read_chain, slot_folder
from airvault.capture.wire import APPLICATION
from airvault.errors import IntegrityError, ManifestUnreadable
from airvault.storage.manifest import read_signed, write_signed
from airvault.storage.models import Model, parse
from airvault.storage.store import Store

STREAMS = "streams"
HEARTBEAT_SECONDS = 10.0  # how often the streamer writes its heartbeat
STALE_SECONDS = 45.0  # a heartbeat older than this: the streamer is gone or stuck


class StreamHeartbeat(Model):
    """What a running streamer says of itself."""

    slot: str
    host: str
    pid: int
    starts: int  # processes that streamed this slot so far (restarts = starts - 1)
    started_at: str
    beat_at: str
    confirmed_lsn: str  # the slot is confirmed up to here: everything before is in storage
    covered_until: str | None = None  # every commit up to this time is durable
    segments_written: int = 0


def heartbeat_rel(slot: str) -> str:
    slot_folder(slot)  # the same rules for the name
    return f"{STREAMS}/{slot}.json"


def write_heartbeat(root: Store, beat: StreamHeartbeat) -> None:
    write_signed(root, heartbeat_rel(beat.slot), beat)


def read_heartbeat(root: Store, slot: str) -> StreamHeartbeat | None:
    """The last heartbeat, or None if there is none (or it is not one this installation signed)."""
    rel = heartbeat_rel(slot)
    if not root.exists(rel):
        return None
    try:
        return parse(StreamHeartbeat, read_signed(root, rel, "stream heartbeat"), root.url_of(rel))
    except (IntegrityError, ManifestUnreadable):
        return None


_HOLDER = """
SELECT s.active_pid, a.application_name
FROM pg_replication_slots s LEFT JOIN pg_stat_activity a ON a.pid = s.active_pid
WHERE s.slot_name = %s AND s.database = current_database()
"""


def streamer_holding(conn: psycopg.Connection, slot: str) -> int | None:
    """The server process of a streamer holding `slot` now, if one does."""
    row = conn.execute(_HOLDER, (slot,)).fetchone()
    if row and row[0] is not None and (row[1] or "").startswith(APPLICATION):
        return int(row[0])
    return None


@dataclass
class StreamSupervision:
    """The change_capture DAG's view of the streamer, as its XCom."""

    slot: str
    alive: bool
    holder_pid: int | None = None
    heartbeat_age_s: float | None = None
    rpo_seconds: float | None = None  # now - the newest moment whose changes are durable
    restarts: int = 0
    streaming_since: str | None = None
    problem: str | None = None

    def to_json(self) -> dict:
        return asdict(self)


def supervise(root: Store, slot: str, dsn: str, now: datetime | None = None) -> StreamSupervision:
    """Alive: the slot is held by a streamer and its heartbeat is fresh."""
    now = now or datetime.now(UTC)
    with psycopg.connect(dsn, autocommit=True) as conn:
        holder = streamer_holding(conn, slot)
    beat = read_heartbeat(root, slot)
    tip = read_chain(root, slot).tip
    covered = [c for c in (beat and beat.covered_until, tip and tip.covered_until) if c]
    view = StreamSupervision(slot, alive=False, holder_pid=holder)
    if covered:
        newest = max(datetime.fromisoformat(c) for c in covered)
        view.rpo_seconds = round((now - newest).total_seconds(), 1)
    if beat:
        view.heartbeat_age_s = round(
            (now - datetime.fromisoformat(beat.beat_at)).total_seconds(), 1
        )
        view.restarts, view.streaming_since = beat.starts - 1, beat.started_at
    view.alive = holder is not None and (view.heartbeat_age_s or STALE_SECONDS) < STALE_SECONDS
    if view.alive:
        return view
    age = f"{view.heartbeat_age_s:.0f} s ago" if view.heartbeat_age_s is not None else "never"
    if holder is not None:  # connected, but not storing: the drain cannot take a held slot
        view.problem = (
            f"`airvault capture stream` holds slot {slot} (server process {holder}) but last "
            f"reported {age}: it is stuck and nothing is being captured; restart it"
        )
    else:
        view.problem = (
            f"no `airvault capture stream` is streaming slot {slot} (last heartbeat {age}): "
            "the minute drain captured instead, RPO about a minute; restart the streamer "
            "(compose service airvault-stream) or see its log"
        )
    return view
