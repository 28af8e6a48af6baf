"""Deleting a backup or an archive on purpose (`airvault delete`, the Backups page's POST
/api/delete), with retention's protections: a pinned one is refused; so is one of the good
backups its scope's minimum_good keeps (at least the last good one) unless forced, and
likewise the last archive; and every deletion is logged, with who, when and why, in an
append-only log in storage. A backup is good once verified (by verify or a drill); an archive
is good while its manifest authenticates and no failed verification lies beside it.

The log is one signed document per deletion, deletions/<time>-<id>.json, never rewritten
(S3 has no append): written before anything is removed, so no deletion goes unlogged. Then
the folder goes from each copy holding it (ops/copies.py: a copy kept by its own retention
would otherwise keep what was deleted on purpose), and from the root last, so a deletion cut
short can be asked again. Each goes manifest first (no longer listed as restorable) and the
rest of the folder after; a deletion cut short leaves an incomplete folder, which retention
removes after its grace period.

The caller hands in the folder relative to the storage root as storage/confine.py gave it:
nothing outside the root is ever named here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from airvault.config import Retention, RetentionRule
from airvault.errors import AirvaultError, IntegrityError
from airvault.ops.retention import remove_backup, scan
from airvault.storage.confine import kind_of
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
    folder: str  # relative to the storage root: backups/<kind>/<scope>/<time>-<id>, archives/<f>
    reason: str
    by: str  # who asks: an Airflow user, or a login at the CLI
    force: bool = False  # may delete a good backup its scope's minimum_good keeps


@dataclass
class _Deleted:
    """What is about to be deleted, read from its authenticated manifest."""

    store: Store
    id: str
    label: str | None
    kind: str  # a backup's kind, or "archive"
    scope: str  # "all" for an archive
    started_at: str
    bytes: int
    good: bool
    others_good: int  # good ones of the same kind and scope that would remain


def _backup(root: Store, folder: str) -> _Deleted:
    store = root.child(folder)
    manifest = read_manifest(store)
    good = (verification := read_verification(store)) is not None and verification.ok
    others = [
        b
        for b in scan(root)
        if (b.kind, b.scope) == (manifest.kind, manifest.scope)
        and b.good
        and b.complete
        and not b.unreadable
        and b.folder != folder
    ]
    return _Deleted(
        store,
        manifest.id,
        manifest.label,
        manifest.kind,
        manifest.scope,
        manifest.started_at,
        bytes=stored_bytes(manifest),
        good=good,
        others_good=len(others),
    )


def _archive(root: Store, folder: str) -> _Deleted:
    from airvault.archive.run import list_archives, read_archive_manifest

    store = root.child(folder)
    manifest = read_archive_manifest(store)
    failed = (verification := read_verification(store)) is not None and not verification.ok
    others = [a for a in list_archives(root) if a.url != store.url]
    return _Deleted(
        store,
        manifest.id,
        manifest.label,
        "archive",
        "all",
        manifest.started_at,
        bytes=sum(f.bytes for f in manifest.files),
        good=not failed,
        others_good=len(others),
    )


def _still_needed(found: _Deleted, policy: RetentionRule) -> str:
    """Why `found` (a good one) may not go: '' when enough other good ones of its kind and
    scope remain (at least one, and minimum_good)."""
    floor = max(1, policy.minimum_good)
    if found.others_good >= floor:
        return ""
    archive = found.kind == "archive"
    what = (
        f"the last {'archive' if archive else 'good (verified) backup'}"
        if not found.others_good
        else (f"one of the {floor} good backups retention.minimum_good keeps")
    )
    newer = "take a newer one" if archive else "take and verify a newer one"
    return (
        f"it is {what} of {found.kind}/{found.scope} ({found.others_good} other good one(s)): "
        f"{newer} first, or force it (--force; force=true through REST)"
    )


def _read(root: Store, folder: str) -> _Deleted:
    """The backup or archive at `folder`, refused when incomplete or unreadable (retention's
    business, not ours)."""
    store = root.child(folder)
    try:
        return _archive(root, folder) if kind_of(folder) == "archive" else _backup(root, folder)
    except IntegrityError as e:
        raise AirvaultError(
            f"{store.url} is not a complete backup or archive airvault can read: {e}"
        ) from None


def delete_backup(
    root: Store,
    request: DeletionRequest,
    retention: Retention | None = None,
    now: datetime | None = None,
    copies: list | None = None,
) -> DeletionRecord:
    """Delete one complete backup or archive under `root` (and from each of `copies`, ops.
    copies.CopySite each, that holds it) with retention's protections (see the module
    docstring); the logged record, or DeletionRefused / AirvaultError saying why not."""
    reason = request.reason.strip()
    if not reason:
        raise AirvaultError("a deletion needs a reason (--reason; kept in the deletion log)")
    found = _read(root, request.folder)
    if found.store.exists(PIN):
        raise DeletionRefused(
            f"{found.store.url} is pinned (legal hold): unpin it first "
            "(airvault pin --unpin), then delete it"
        )
    policy = (retention or Retention()).policy_for(found.kind, found.scope) or RetentionRule()
    needed = _still_needed(found, policy) if found.good else ""
    if needed and not request.force:
        raise DeletionRefused(f"{found.store.url} not deleted: {needed}")
    held = [s for s in copies or [] if s.store.exists(request.folder)]
    now = now or datetime.now(UTC)
    record = DeletionRecord(
        backup_id=found.id,
        folder=request.folder,
        label=found.label,
        kind=found.kind,
        scope=found.scope,
        started_at=found.started_at,
        bytes=found.bytes,
        by=request.by[:200],
        reason=reason[:2000],
        at=now.replace(microsecond=0).isoformat(),
        forced=bool(needed),
        copies=[s.name for s in held],
    )
    entry = f"{DELETIONS}/{now:%Y-%m-%dT%H%M%S%fZ}-{found.id}.json"
    if root.exists(entry):  # never rewritten: append-only
        raise AirvaultError(f"{root.url_of(entry)} exists already: try again")
    write_signed(root, entry, record)
    for site in held:  # the copies first: the root's folder names what a retry deletes
        remove_backup(site.store.child(request.folder))
    remove_backup(found.store)
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
