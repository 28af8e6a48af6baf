"""What a storage root holds, as people read it: one flat row per backup or archive, newest
first (label, kind, scope, age, tables, rows, size, duration, verified). Used by `airvault list`
and the Backups page."""

from __future__ import annotations

from datetime import UTC, datetime

from airvault.archive.run import list_archives
from airvault.storage.manifest import list_backups
from airvault.storage.models import AppVersion, DrillRecord, Model, PinRecord, Verification
from airvault.storage.store import Store


def age(now: datetime, started: str | None) -> str:
    """'just now', '5m ago', '3h ago', '2d ago'."""
    if not started:
        return "?"
    seconds = (now - datetime.fromisoformat(started)).total_seconds()
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size:
            return f"{int(seconds // size)}{unit} ago"
    return "just now"


def verified_text(verification: Verification | None) -> str:
    if verification is None:
        return "-"
    if not verification.ok:
        return "FAILED"
    return "drill ok" if isinstance(verification, DrillRecord) else "yes"


class InventoryRow(Model):
    """One backup or archive as `airvault list` and the Backups page show it."""

    type: str  # "backup" or "archive"
    id: str
    label: str | None
    note: str | None = None  # what the person who took a backup wrote
    kind: str
    scope: str
    started_at: str | None
    age: str
    tables: int | None  # None for an archive
    rows: int  # an archive: its auth users
    bytes: int
    duration_s: float | None
    encrypted: bool
    verification: dict | None  # the verification document as stored
    verified: str
    url: str | None
    app_version: str | None = None  # "alembic 3f2a1c9d": the app's migration head then
    copies: dict[str, str] = {}  # copy name -> ok / incomplete / missing (ops/copies.py)
    pinned: PinRecord | None = None  # its legal hold: why, when, who (retention keeps it)


def app_version_text(version: AppVersion | None) -> str | None:
    return f"{version.tool} {version.head}" if version else None


def inventory(
    root: Store, now: datetime | None = None, copies: list | None = None
) -> tuple[list[InventoryRow], list[str]]:
    """(rows of the complete backups and archives, newest first; incomplete folders); with
    `copies` (ops.copies.CopySite each), every row says its state in each copy."""
    now = now or datetime.now(UTC)
    backups, incomplete = list_backups(root)
    rows = []
    for b in backups:
        rows.append(
            InventoryRow(
                type="backup",
                id=b.id,
                label=b.label,
                note=b.note,
                kind=b.kind,
                scope=b.scope,
                started_at=b.started_at,
                age=age(now, b.started_at),
                tables=len(b.tables),
                rows=b.rows,
                bytes=sum(t.file_bytes for t in b.tables),
                duration_s=b.duration_s,
                encrypted=b.encryption is not None,
                verification=b.verification.to_json() if b.verification else None,
                verified=verified_text(b.verification),
                url=b.url,
                app_version=app_version_text(b.app_version),
            )
        )
    for a in list_archives(root):
        rows.append(
            InventoryRow(
                type="archive",
                id=a.id,
                label=a.label,
                kind="archive",
                scope="all",
                started_at=a.started_at,
                age=age(now, a.started_at),
                tables=None,
                rows=a.auth.rows if a.auth else 0,
                bytes=sum(f.bytes for f in a.files),
                duration_s=a.duration_s,
                encrypted=a.encryption is not None,
                verification=None,
                verified=verified_text(None),
                url=a.url,
            )
        )
    rows.sort(key=lambda r: r.started_at or "", reverse=True)
    _read_pins(root, rows)
    if copies:
        from airvault.ops.copies import copy_states

        states = copy_states(root, [r.url for r in rows if r.url], copies)
        for r in rows:
            r.copies = states.get(r.url or "", {})
    return rows, incomplete


def _read_pins(root: Store, rows: list[InventoryRow]) -> None:
    """Each row's legal hold (pinned.json beside its manifest), one look per folder."""
    from airvault.ops.retention import read_pin

    prefix = f"{root.url.rstrip('/')}/"
    for r in rows:
        if r.url and r.url.startswith(prefix):
            r.pinned = read_pin(root.child(r.url.removeprefix(prefix)))
