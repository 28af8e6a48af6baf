"""What the point-in-time picker draws: the bases of one capture slot (backups taken while
capture ran), its change segments (the intervals they cover), the schema changes recorded
in them (migrations, replayable or not), the intervals restorable to and the gaps between
them. Read from storage only; every time in UTC."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from airvault.capture.coverage import Coverage, coverage, gap_text, reach
from airvault.capture.segments import Chain, read_chain
from airvault.errors import AirvaultError
from airvault.storage.manifest import list_backup_folders
from airvault.storage.models import BackupManifest, ChangeSegment
from airvault.storage.store import Store

MAX_BANDS = 240  # segments drawn at most: a streamer writes one every 2 s, merged beyond this
MAX_MIGRATIONS = 500  # the newest ones


@dataclass(frozen=True)
class Base:
    url: str
    label: str | None
    kind: str
    started_at: str
    lsn: str
    reaches_until: str | None = None  # restorable from started_at to here
    gap: str | None = None  # why it ends early: a schema change the replay cannot cross
    problem: str | None = None  # why no point-in-time restore is possible from it


@dataclass(frozen=True)
class Band:
    """Consecutive change segments first_seq..last_seq, covering [start, end]."""

    first_seq: int
    last_seq: int
    start: str
    end: str
    transactions: int
    changes: int


@dataclass(frozen=True)
class Migration:
    committed_at: str
    what: str
    replayable: bool
    reason: str | None = None


@dataclass(frozen=True)
class Gap:
    start: str
    end: str | None  # None: open, no base covers it yet
    why: str


@dataclass
class Timeline:
    slot: str
    now: str
    bases: list[Base] = field(default_factory=list)
    segments: list[Band] = field(default_factory=list)
    segment_count: int = 0
    migrations: list[Migration] = field(default_factory=list)
    coverage: list[list[str]] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    note: str | None = None  # "no coverage" and why, when there is nothing to restore to


def timeline(root: Store, slot: str, capture_on: bool, now: datetime | None = None) -> Timeline:
    """The timeline of `slot` under `root` (`capture_on`: the config has capture enabled,
    which only changes what the page says when there is no coverage)."""
    chain = read_chain(root, slot)
    bases = sorted(
        (
            (f.manifest, f.manifest.capture.lsn)
            for f in list_backup_folders(root)
            if f.manifest and f.manifest.capture and f.manifest.capture.slot == slot
        ),
        key=lambda b: _utc(b[0].started_at),
    )
    found = Timeline(slot, (now or datetime.now(UTC)).isoformat(), problems=list(chain.problems))
    found.bases = [_base(chain, m, lsn) for m, lsn in bases]
    found.segments, found.segment_count = bands(chain.segments), len(chain.segments)
    found.migrations = [
        Migration(c.committed_at, c.what, c.replayable, c.reason)
        for s in chain.segments
        for c in s.schema_changes
    ][-MAX_MIGRATIONS:]
    spans = coverage(chain, [(_utc(m.started_at), lsn) for m, lsn in bases])
    found.coverage, found.gaps = spans.spans, _gaps(spans)
    if not found.coverage:
        found.note = _no_coverage(slot, capture_on, bool(bases))
    return found


def _base(chain: Chain, manifest: BackupManifest, lsn: str) -> Base:
    shown = Base(manifest.url or "", manifest.label, manifest.kind, manifest.started_at, lsn)
    try:
        r = reach(chain, lsn, manifest.started_at)
    except AirvaultError as e:
        return replace(shown, problem=str(e))
    return replace(shown, reaches_until=r.end, gap=gap_text(r.gap) if r.gap else None)


def bands(segments: list[ChangeSegment]) -> list[Band]:
    """The segments as intervals (each from where the one before it ended), merged into at
    most MAX_BANDS bands of consecutive segments so a day of streaming stays drawable."""
    per = max(1, -(-len(segments) // MAX_BANDS))
    out: list[Band] = []
    previous: ChangeSegment | None = None
    group: list[ChangeSegment] = []
    for segment in segments:
        if group and (len(group) == per or segment.seq != group[-1].seq + 1):
            out.append(_band(group, previous))
            previous, group = group[-1], []
        group.append(segment)
    if group:
        out.append(_band(group, previous))
    return out


def _band(group: list[ChangeSegment], before: ChangeSegment | None) -> Band:
    first, last = group[0], group[-1]
    contiguous = before is not None and before.seq + 1 == first.seq
    start = before.covered_until if contiguous and before else first.first_commit_at
    return Band(
        first.seq,
        last.seq,
        start or first.drained_at,
        last.covered_until,
        sum(s.transactions for s in group),
        sum(s.changes for s in group),
    )


def _gaps(spans: Coverage) -> list[Gap]:
    """Between two restorable intervals, and after the last when a gap no base covers ends
    it; each with the schema change that caused it where there was one."""
    found = []
    for (_, end), (start, _) in zip(spans.spans, spans.spans[1:], strict=False):
        why = next(
            (g.split(": ", 1)[1] for g in spans.gaps if g.startswith(f"{end} .. {start}: ")),
            "no base reaches these moments (no backup taken while capture ran, or changes "
            "missing from storage)",
        )
        found.append(Gap(end, start, why))
    if spans.open_gap and spans.spans:
        found.append(Gap(spans.spans[-1][1], None, f"{spans.open_gap}; no base taken after it"))
    return found


def _no_coverage(slot: str, capture_on: bool, has_bases: bool) -> str:
    if has_bases:
        return (
            f"No point-in-time coverage: the bases of slot {slot} have no change segment in "
            "storage that lines up with them"
        )
    if not capture_on:
        return "No point-in-time coverage: change capture is off in the config (capture.enabled)"
    return (
        f"No point-in-time coverage yet: no backup was taken while change capture (slot "
        f"{slot}) ran; the next full backup is the first base"
    )


def _utc(iso: str) -> datetime:
    at = datetime.fromisoformat(iso)
    return at if at.tzinfo else at.replace(tzinfo=UTC)
