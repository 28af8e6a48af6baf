"""The Backups page's legal hold: POST /api/pin puts one backup or archive on hold (retention
and deletions leave it alone) or takes it off, through ops/retention.py's `pin`, the function
`airvault pin` calls. Who and when are kept with the hold (pinned.json), as a deletion keeps
them in its log, and each change is logged by the api-server.

A hold decides what may be deleted, so it needs what deleting needs, the right to trigger
`retention_cleanup` (routes/deletions.py): a viewer gets 403. Same rules as every endpoint of
the page: an Airflow user, this Airflow's origin for a POST, one backup or archive folder under
the storage root (400 else)."""

from __future__ import annotations

import logging

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel, Field

from airvault.airflow.page.auth import User, may_trigger
from airvault.airflow.page.models import Answer
from airvault.airflow.page.routes.deletions import RETENTION_DAG
from airvault.airflow.page.storage import folder, storage_root
from airvault.errors import AirvaultError

router = APIRouter()
log = logging.getLogger("airvault.page.pins")


class PinRequest(BaseModel):
    url: str  # one backup or archive folder under the storage root, as listed
    pinned: bool  # true: put the hold on; false: take it off
    reason: str = Field("legal hold", max_length=2000)  # kept in pinned.json


class PinState(Answer):
    """A backup's hold after the request: on or off, and who changed it when."""

    url: str
    pinned: bool
    reason: str | None = None
    by: str
    at: str | None = None  # when the hold was put on (None once it is off)


@router.post(
    "/api/pin",
    response_model=PinState,
    dependencies=[may_trigger(RETENTION_DAG, "pin or unpin backups")],
)
def set_pin(user: User, body: PinRequest) -> dict:
    from airvault.ops.retention import pin, read_pin

    config, root = storage_root()
    rel = folder(config, root, body.url, ("backup", "archive"))
    reason = body.reason.strip() or "legal hold"
    who = f"{user.get_name()} (Backups page)"
    store = root.child(rel)
    try:
        pin(store, reason, unpin=not body.pinned, by=who)
    except AirvaultError as e:
        raise HTTPException(400, f"{root.url_of(rel)}: cannot be pinned: {e}") from None
    held = read_pin(store)
    log.info("%s %s %s", who, "pinned" if body.pinned else "unpinned", store.url)
    return {
        "url": store.url,
        "pinned": held is not None,
        "reason": held.reason if held else None,
        "by": who,
        "at": held.pinned_at if held else None,
    }
