"""The Backups page's deletions: POST /api/delete deletes one backup on purpose with
retention's protections (ops/deletion.py: never a pinned one, nor the last good one of its
scope unless `force`; logged with who, when and why), GET /api/deletions reads that log.

Deleting needs what running retention needs, the right to trigger `retention_cleanup`, the
DAG that deletes backups: only Admin has it (docs/security.md, "Roles"). A restorer may read
every backup, not destroy the way back. The log holds names, times and reasons, no data:
whoever may list the backups may read it. Same rules as every endpoint of the page: an
Airflow user, this Airflow's origin for a POST, one backup folder under the storage root."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel

from airvault.airflow.page.auth import User, allowed, may_trigger, require
from airvault.airflow.page.models import Deleted, DeletionLog
from airvault.airflow.page.storage import folder, storage_root
from airvault.errors import AirvaultError

router = APIRouter()
RETENTION_DAG = "retention_cleanup"  # who may trigger it may delete backups


class DeleteRequest(BaseModel):
    url: str  # one backup or archive folder under the storage root, as listed
    reason: str  # kept in the deletion log; required
    force: bool = False  # also a good backup its scope's minimum_good keeps


@router.post(
    "/api/delete",
    response_model=Deleted,
    dependencies=[may_trigger(RETENTION_DAG, "delete backups")],
)
def delete(user: User, body: DeleteRequest) -> dict:
    """Delete one backup or archive (and the config's copies of it): 409 when retention's protections refuse it (pinned, or a good
    backup its scope still needs and no `force`), 400 for anything else wrong."""
    from airvault.airflow.hook import AirvaultHook
    from airvault.ops.deletion import DeletionRefused, DeletionRequest, delete_backup

    config, root = storage_root()
    rel = folder(config, root, body.url, ("backup", "archive"))
    request = DeletionRequest(rel, body.reason, f"{user.get_name()} (Backups page)", body.force)
    try:
        copies = AirvaultHook(config=config).copy_sites()
        record = delete_backup(root, request, config.retention, copies=copies)
    except DeletionRefused as e:
        raise HTTPException(409, str(e)) from None
    except AirvaultError as e:
        raise HTTPException(400, str(e)) from None
    return {"deleted": record.to_json()}


@router.get("/api/deletions", response_model=DeletionLog)
def deletions(user: User) -> dict:
    """The deletion log, newest first (the last 200), and whether this user may delete."""
    from airvault.ops.deletion import deletion_log

    require(user, "restore", "GET")
    _, root = storage_root()
    records, problems = deletion_log(root, limit=200)
    return {
        "deletions": [r.to_json() for r in records],
        "problems": problems,
        "may_delete": allowed(user, RETENTION_DAG, "POST"),
    }
