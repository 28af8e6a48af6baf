"""Large objects and change capture. Logical decoding does not carry pg_largeobject (a system
catalog) and nothing can hook the lo_* calls, so the capture looks at the large objects
instead: every segment records what it saw (LargeObjectsSeen: how many, a digest of their ids
and contents, the WAL position and time just before). A segment that sees other large objects
than the look before it names a gap between the two looks, as a schema change that cannot be
replayed does (capture/coverage.py): restores from older bases stop before it and the drain
takes a new base (capture/rebase.py). A point-in-time restore also holds the base's own large
objects, once loaded, against every look from the base to the point (a base taken between two
looks may hold either state)."""

from __future__ import annotations

import logging
import time
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import psycopg

from airvault.capture.pgoutput import parse_lsn
from airvault.errors import AirvaultError
from airvault.pg.rows import one_row
from airvault.storage.models import (
    BackupManifest,
    ChangeSegment,
    LargeObjectsSeen,
    SchemaChangeNote,
)

if TYPE_CHECKING:  # (the drain does not need the replay)
    from airvault.capture.replay import Point

log = logging.getLogger("airvault.capture")

# ids and contents; owners and grants are left out (a restore may map owners to other roles)
_DIGEST = (
    "SELECT count(*), coalesce(md5(string_agg(m.oid::text || ':' || md5(lo_get(m.oid)), ',' "
    "ORDER BY m.oid)), '') FROM pg_largeobject_metadata AS m"
)
# a commit stamped up to this long before the look may still be writing its commit record
# (as the drain's COVER_MARGIN): the look vouches for the state from this much earlier only
_MARGIN = timedelta(seconds=1)
LOOK_SPACING = 10  # the streamer looks at most once per this many times a look's duration


_CHANGED = "large objects changed"


def of_large_objects(note: SchemaChangeNote) -> bool:
    """Whether a gap is a change of the large objects (not of the schema)."""
    return note.what.startswith(_CHANGED)


class LargeObjectsChanged(AirvaultError):
    """A point-in-time restore would cross a change of the large objects: it is refused."""


def digest(conn: psycopg.Connection) -> tuple[int, str]:
    """(how many large objects, a digest of their ids and contents) in `conn`'s database."""
    count, text = one_row(conn.execute(_DIGEST).fetchone())
    return int(count), str(text)


def look(conn: psycopg.Connection) -> LargeObjectsSeen | None:
    """The large objects now; None when the login may not read one of them (the base backup
    could not either: `airvault backup` names it)."""
    started = time.monotonic()
    lsn, at = one_row(
        conn.execute("SELECT pg_current_wal_lsn()::text, clock_timestamp()").fetchone()
    )
    try:
        count, text = digest(conn)
    except psycopg.errors.InsufficientPrivilege as e:
        log.warning("large objects not looked at: %s", str(e).strip().splitlines()[0])
        return None
    return LargeObjectsSeen(
        count=count,
        digest=text,
        lsn=lsn,
        at=(at - _MARGIN).isoformat(),
        seconds=round(time.monotonic() - started, 3),
    )


def next_look_after(seen: LargeObjectsSeen) -> float:
    """Seconds until the streamer looks again: ten times what this look took, so looking
    takes at most a tenth of one session's time (a segment without a look widens the window
    a change is placed in, never hides it)."""
    return LOOK_SPACING * seen.seconds


def last_look(segments: list[ChangeSegment]) -> LargeObjectsSeen | None:
    """The newest look recorded in `segments` (a chain, oldest first)."""
    return next((s.large_objects for s in reversed(segments) if s.large_objects), None)


def changed(
    before: LargeObjectsSeen | None, now: LargeObjectsSeen | None
) -> list[SchemaChangeNote]:
    """The gap between two looks that saw other large objects: from the earlier look on, a
    replay cannot know them (none when either look is missing or both agree)."""
    if before is None or now is None or before.digest == now.digest:
        return []
    return [
        SchemaChangeNote(
            commit_lsn=before.lsn,
            committed_at=before.at,
            what=f"{_CHANGED} ({before.count:,} -> {now.count:,} objects)",
            replayable=False,
            reason=(
                "large objects are not in the change stream: they changed at a moment between "
                f"{before.at} and {now.at} that the capture cannot place"
            ),
        )
    ]


def check_base(
    conn: psycopg.Connection, segments: list[ChangeSegment], base_lsn: str, point: Point
) -> None:
    """Refuse a point past a look that saw other large objects than the base, loaded into
    `conn`'s database, holds: they changed after the base, at a moment not known."""
    count, held = digest(conn)
    agreed: LargeObjectsSeen | None = None  # the newest look that saw the base's
    for seen in (s.large_objects for s in segments if s.large_objects):
        if parse_lsn(seen.lsn) < parse_lsn(base_lsn):
            continue
        if seen.digest == held:
            if not _past(point, seen):
                return  # unchanged up to a look at or after the point
            agreed = seen
            continue
        if agreed is not None and not _past(point, agreed):
            return
        since = agreed.at if agreed else "when this base was taken"
        raise LargeObjectsChanged(
            f"the large objects changed after this base: it holds {count:,}, and the capture "
            f"saw {seen.count:,} with other contents at {seen.at} (large objects are not in "
            f"the change stream, so when is not known). Restore to a moment up to {since} "
            f"from this base, or to {point} from a base taken after {seen.at} (the capture "
            "takes one when it sees them change)"
        )


def _past(point: Point, seen: LargeObjectsSeen) -> bool:
    """Whether `point` ('latest' always) lies after what the look vouches for."""
    if point.time is None and point.lsn is None:
        return True
    return (point.time is not None and point.time > datetime.fromisoformat(seen.at)) or (
        point.lsn is not None and point.lsn > parse_lsn(seen.lsn)
    )


def check_restored(
    scratch: str, manifest: BackupManifest, segments: list[ChangeSegment], point: Point
) -> None:
    """check_base() on the scratch database a point-in-time restore loaded the base into, for
    a base of the whole database (one of some tables or a tenant holds no large objects)."""
    if manifest.capture is None or (manifest.large_objects is None and manifest.scope != "all"):
        return
    with psycopg.connect(scratch, autocommit=True) as conn:
        check_base(conn, segments, manifest.capture.lsn, point)
