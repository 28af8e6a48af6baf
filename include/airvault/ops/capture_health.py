"""Is change capture keeping up? The age of the newest durable change (the RPO), holes in the
segment chain, and the WAL the slot holds on the app database (a slot nobody drains fills
the server's disk)."""

from __future__ import annotations

from datetime import UTC, datetime

import psycopg

from airvault.capture.coverage import coverage
from airvault.capture.heartbeat import read_heartbeat
from airvault.capture.segments import read_chain
from airvault.capture.slot import capture_status
from airvault.ops.retention import scan
from airvault.storage.models import CaptureHealth
from airvault.storage.store import Store

MB = 1 << 20


def capture_health(
    root: Store,
    slot: str,
    dsn: str | None = None,
    publication: str = "airvault",
    max_lag_minutes: float = 5,
    max_retained_wal_mb: float = 1024,
    now: datetime | None = None,
) -> CaptureHealth:
    """Storage says how far the chain reaches; the app database (`dsn`), when given, how much
    WAL the slot keeps. Every threshold missed is a problem."""
    now = now or datetime.now(UTC)
    chain = read_chain(root, slot)
    health = CaptureHealth(
        slot=slot,
        segments=len(chain.segments),
        segment_bytes=sum(s.file_bytes for s in chain.segments),
        problems=list(chain.problems),
    )
    found = coverage(
        chain,
        [(b.started_at, b.capture[1]) for b in scan(root) if b.capture and b.capture[0] == slot],
    )
    health.coverage, health.gaps = found.spans, found.gaps
    if found.open_gap:
        health.problems.append(
            f"point-in-time coverage of slot {slot} has a gap: {found.open_gap}, and no base "
            "was taken after it: take one (airvault backup)"
        )
    if chain.tip:
        health.covered_until = chain.tip.covered_until
        beat = read_heartbeat(root, slot)  # a streamer says so while nothing changes
        if beat and beat.covered_until:
            health.covered_until = max(health.covered_until, beat.covered_until, key=_when)
        lag = (now - _when(health.covered_until)).total_seconds()
        health.rpo_seconds = round(lag, 1)
        if lag > max_lag_minutes * 60:
            health.problems.append(
                f"change capture of slot {slot} is {lag / 60:.1f} min behind (target "
                f"{max_lag_minutes:g} min): is the change_capture DAG running?"
            )
    else:
        health.problems.append(f"no change segment of slot {slot} in storage yet")
    if dsn is None:
        return health
    try:
        status = capture_status(dsn, slot, publication)
    except psycopg.Error as e:
        health.problems.append(
            f"the app database could not be asked about slot {slot}: "
            f"{str(e).strip().splitlines()[0]}"
        )
        return health
    health.slot_exists = status.exists
    if not status.exists:
        health.problems.append(
            f"no replication slot {slot} on the app database: capture "
            "stopped (airvault capture start, then a new base backup)"
        )
        return health
    health.retained_wal_bytes, health.wal_status = status.retained_wal_bytes, status.wal_status
    if status.retained_wal_bytes > max_retained_wal_mb * MB:
        health.problems.append(
            f"slot {slot} holds {status.retained_wal_bytes / MB:,.0f} MB of WAL on the app "
            f"database (alert at {max_retained_wal_mb:g} MB): drain it, or stop capture before "
            "the disk fills"
        )
    health.problems += [w for w in status.warnings if "lost" in w]
    return health


def _when(iso: str) -> datetime:
    return datetime.fromisoformat(iso)


def describe(health: CaptureHealth) -> str:
    """`airvault capture status` for people."""
    lines = [
        f"slot {health.slot}: {health.segments} segment(s), "
        f"{health.segment_bytes / MB:,.1f} MB in storage"
    ]
    if health.covered_until:
        lines.append(
            f"changes durable up to {health.covered_until} (RPO now {health.rpo_seconds:,.0f} s)"
        )
    if health.slot_exists is not None:
        wal = (health.retained_wal_bytes or 0) / MB
        lines.append(
            f"on the app database: slot {'present' if health.slot_exists else 'MISSING'}"
            f", holds {wal:,.1f} MB of WAL ({health.wal_status or '-'})"
        )
    lines += [f"restorable to any moment from {a} to {b}" for a, b in health.coverage]
    lines += [f"gap: {g}" for g in health.gaps]
    lines += [f"problem: {p}" for p in health.problems]
    return "\n".join(lines)
