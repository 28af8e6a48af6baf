"""Point-in-time coverage as intervals: each base reaches from when it was taken to the newest
durable change, or to the first gap after it (a schema change that cannot be replayed, a
change of the large objects), which only a base taken after it covers. What `verify`,
`capture status` and health show."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from airvault.capture.large_objects import of_large_objects
from airvault.capture.pgoutput import parse_lsn
from airvault.capture.segments import Chain
from airvault.errors import AirvaultError
from airvault.storage.models import ChangeSegment, SchemaChangeNote


def first_gap(segments: list[ChangeSegment], base_lsn: str) -> SchemaChangeNote | None:
    """The first schema change committed after the base (at `base_lsn`) that a replay cannot
    cross; None when every one after it replays."""
    after = parse_lsn(base_lsn)
    for segment in segments:
        for note in segment.gaps:
            if parse_lsn(note.commit_lsn) >= after or _within(segment, note, after):
                return note
    return None


def _within(segment: ChangeSegment, note: SchemaChangeNote, lsn: int) -> bool:
    """A change of large objects is known only to lie between two looks: a base taken
    between them may hold either state, so the gap ends its reach too."""
    seen = segment.large_objects
    return of_large_objects(note) and seen is not None and parse_lsn(seen.lsn) > lsn


@dataclass(frozen=True)
class Reach:
    """Where point-in-time restores from one base can go: [start, end]; `gap` ends it early."""

    start: str
    end: str
    gap: SchemaChangeNote | None


def reach(chain: Chain, base_lsn: str, started_at: str) -> Reach:
    """An error when the chain does not line up with the base (Chain.for_base)."""
    segments = chain.for_base(base_lsn)
    gap = first_gap(segments, base_lsn)
    if gap is not None:  # (a base between the looks around a gap reaches nowhere)
        return Reach(started_at, max(gap.committed_at, started_at, key=_at), gap)
    return Reach(started_at, segments[-1].covered_until if segments else started_at, None)


def gap_text(gap: SchemaChangeNote) -> str:
    return f"{gap.what}, committed at {gap.committed_at}, cannot be replayed ({gap.reason})"


@dataclass
class Coverage:
    """The moments restorable to, as intervals [from, to] (oldest first), and the gaps."""

    spans: list[list[str]] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)
    open_gap: str | None = None  # a gap no base covers yet (the newest span ends at it)


def coverage(chain: Chain, bases: list[tuple[datetime, str]]) -> Coverage:
    """Over `bases` (when each was taken, its capture LSN) of the chain's slot."""
    reaches = []
    for started, lsn in bases:
        try:
            reaches.append(reach(chain, lsn, started.isoformat()))
        except AirvaultError:
            continue  # a base the chain does not reach: no coverage from it
    found = Coverage()
    last: Reach | None = None
    for r in sorted(reaches, key=lambda r: datetime.fromisoformat(r.start)):
        if last is not None and _at(r.start) <= _at(found.spans[-1][1]):
            if _at(r.end) > _at(found.spans[-1][1]):
                found.spans[-1][1], last = r.end, r
            continue
        if last is not None and last.gap is not None:
            found.gaps.append(f"{found.spans[-1][1]} .. {r.start}: {gap_text(last.gap)}")
        found.spans.append([r.start, r.end])
        last = r
    if last is not None and last.gap is not None:
        found.open_gap = gap_text(last.gap)
        found.gaps.append(f"since {last.end}: {found.open_gap}; no base taken after it yet")
    return found


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text)
