"""The point-in-time timeline of the Restore tab: the bases, change segments, migrations,
restorable intervals and gaps of the config's capture slot (capture/timeline.py), read from
the storage root. For who may read the restore DAG, as the backups list is."""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel

from airvault.airflow.page.auth import User, require
from airvault.airflow.page.storage import storage_root
from airvault.errors import AirvaultError

router = APIRouter()


class TimelineBase(BaseModel):
    url: str
    label: str | None = None
    kind: str
    started_at: str
    lsn: str
    reaches_until: str | None = None
    gap: str | None = None
    problem: str | None = None


class TimelineBand(BaseModel):
    first_seq: int
    last_seq: int
    start: str
    end: str
    transactions: int
    changes: int


class TimelineMigration(BaseModel):
    committed_at: str
    what: str
    replayable: bool
    reason: str | None = None


class TimelineGap(BaseModel):
    start: str
    end: str | None = None  # open: no base covers it yet
    why: str


class Timeline(BaseModel):
    """Every time an ISO 8601 string in UTC (with its offset)."""

    slot: str
    now: str
    bases: list[TimelineBase]
    segments: list[TimelineBand]
    segment_count: int
    migrations: list[TimelineMigration]
    coverage: list[list[str]]
    gaps: list[TimelineGap]
    problems: list[str]
    note: str | None = None


@router.get("/api/timeline", response_model=Timeline)
def point_in_time_timeline(user: User) -> dict:
    from airvault.capture.timeline import timeline

    require(user, "restore_point_in_time", "GET")
    config, root = storage_root()
    try:
        found = timeline(root, config.capture.slot, config.capture.enabled)
    except AirvaultError as e:
        raise HTTPException(502, f"the change segments could not be read: {e}") from None
    return asdict(found)
