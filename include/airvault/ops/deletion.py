"""Deleting a backup on purpose (`airvault delete`, the Backups page's POST /api/delete), with
retention's protections: a pinned backup is refused; so is one of the good (verified) backups
its scope's minimum_good keeps (at least the last good one) unless forced; and every deletion
is logged, with who, when and why, in an append-only log in storage.

The log is one signed document per deletion, deletions/<time>-<backup id>.json, never
rewritten (S3 has no append): written before anything is removed, so no deletion goes
unlogged. Then the manifest goes first (the backup is no longer listed as restorable) and
the rest of the folder after; a deletion cut short leaves an incomplete folder, which
retention removes after its grace period.

The caller hands in the folder relative to the storage root as storage/confine.py gave it:
nothing outside the root is ever named here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from airvault.config import Retention, RetentionRule
from airvault.errors import AirvaultError, IntegrityError
from airvault.ops.retention import remove_backup, scan
from airvault.storage.manifest import (
    PIN,
    read_manifest,
    read_signed,
    read_verification,
    stored_bytes,
    write_signed,
)
from airvault.storage.models import DeletionRecord, parse
from airvault.storage.store import Store

DELETIONS = "deletions"


class DeletionRefused(AirvaultError):
    """Retention's protections forbid this deletion (pinned, or a good backup still needed)."""


@dataclass
class DeletionRequest:
    folder: str  # relative to the storage root: backups/<kind>/<scope>/<time>-<id>
    reason: str
    by: str  # who asks: an Airflow user, or a login at the CLI
    force: bool = False  # may delete a good backup its scope's minimum_good keeps


def _still_needed(root: Store, folder: str, kind: str, scope: str, policy: RetentionRule) -> str:
    """Why `folder` (a good backup) may not go: '' when enough other good backups of its
    kind and scope remain (at least one, and minimum_good)."""
    floor = max(1, policy.minimum_good)
    others = [
        b
        for b in scan(root)
        if b.kind == kind
        and b.scope == scope
        and b.good
        and b.complete
        and not b.unreadable
        and b.folder != folder
    ]
    if len(others) >= floor:
        return ""
    what = (
        "the last good (verified) backup"
        if not others
        else (f"one of the {floor} good backups retention.minimum_good keeps")
    )
    return (
        f"it is {what} of {kind}/{scope} ({len(others)} other good one(s)): take and "
        "verify a newer one first, or force it (--force; force=true through REST)"
    )


def delete_backup(
    root: Store,
    request: DeletionRequest,
    retention: Retention | None = None,
    now: datetime | None = None,
) -> DeletionRecord:
    """Delete one complete backup under `root` with retention's protections (see the module
    docstring); the logged record, or DeletionRefused / AirvaultError saying why not."""
    reason = request.reason.strip()
    if not reason:
        raise AirvaultError("a deletion needs a reason (--reason; kept in the deletion log)")
    store = root.child(request.folder)
    try:
        manifest = read_manifest(store)
    except IntegrityError as e:  # incomplete or unreadable: retention's business, not ours
        raise AirvaultError(
            f"{store.url} is not a complete backup airvault can read: {e}"
        ) from None
    if store.exists(PIN):
        raise DeletionRefused(
            f"{store.url} is pinned (legal hold): unpin it first "
            "(airvault pin --unpin), then delete it"
        )
    good = (verification := read_verification(store)) is not None and verification.ok
    policy = (retention or Retention()).policy_for(manifest.kind, manifest.scope) or RetentionRule()
    needed = (
        _still_needed(root, request.folder, manifest.kind, manifest.scope, policy) if good else ""
    )
    if needed and not request.force:
        raise DeletionRefused(f"{store.url} not deleted: {needed}")
    now = now or datetime.now(UTC)
    record = DeletionRecord(
        backup_id=manifest.id,
        folder=request.folder,
        label=manifest.label,
        kind=manifest.kind,
        scope=manifest.scope,
        started_at=manifest.started_at,
        bytes=stored_bytes(manifest),
        by=request.by[:200],
        reason=reason[:2000],
        at=now.replace(microsecond=0).isoformat(),
        forced=bool(needed),
    )
    entry = f"{DELETIONS}/{now:%Y-%m-%dT%H%M%S%fZ}-{manifest.id}.json"
    if root.exists(entry):  # never rewritten: append-only
        raise AirvaultError(f"{root.url_of(entry)} exists already: try again")
    write_signed(root, entry, record)
    remove_backup(store)
    return record


def deletion_log(root: Store, limit: int | None = None) -> tuple[list[DeletionRecord], list[str]]:
    """(the deletions logged under `root`, newest first; entries that fail their signature or
    cannot be read, named: a log entry someone forged or damaged is reported, not shown)."""
    records: list[DeletionRecord] = []
    problems: list[str] = []
    for rel in reversed(root.glob(f"{DELETIONS}/*.json")):
        if limit is not None and len(records) >= limit:
            break
        try:
            document = read_signed(root, rel, "deletion record")
            records.append(parse(DeletionRecord, document, root.url_of(rel)))
        except IntegrityError as e:
            problems.append(str(e))
    return records, problems
