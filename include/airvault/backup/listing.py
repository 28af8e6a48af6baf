"""What a storage root holds, as people read it: one flat row per backup or archive, newest
first (label, kind, scope, age, tables, rows, size, duration, verified). Used by `airvault list`
and the Backups page."""

from __future__ import annotations

from datetime import UTC, datetime

from airvault.archive.run import list_archives
from airvault.storage.manifest import list_backups
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


def verified_text(verification: dict | None) -> str:
    if verification is None:
        return "-"
    if not verification.get("ok"):
        return "FAILED"
    return "drill ok" if verification.get("by") == "drill" else "yes"


def inventory(root: Store, now: datetime | None = None) -> tuple[list[dict], list[str]]:
    """(rows of the complete backups and archives, newest first; incomplete folders)."""
    now = now or datetime.now(UTC)
    backups, incomplete = list_backups(root)
    rows = []
    for b in backups:
        rows.append({
            "type": "backup", "id": b["id"], "label": b["label"], "kind": b["kind"],
            "scope": b.get("scope", "all"), "started_at": b.get("started_at"),
            "age": age(now, b.get("started_at")), "tables": len(b["tables"]),
            "rows": sum(t["rows"] for t in b["tables"]),
            "bytes": sum(t["file_bytes"] for t in b["tables"]),
            "duration_s": b.get("duration_s"), "encrypted": bool(b.get("encryption")),
            "verification": b.get("verification"),
            "verified": verified_text(b.get("verification")), "url": b["url"],
        })  # fmt: skip
    for a in list_archives(root):
        rows.append({
            "type": "archive", "id": a["id"], "label": a["label"], "kind": "archive",
            "scope": "all", "started_at": a.get("started_at"),
            "age": age(now, a.get("started_at")), "tables": None,
            "rows": (a.get("auth") or {}).get("rows", 0),
            "bytes": sum(f["bytes"] for f in a["files"]), "duration_s": a.get("duration_s"),
            "encrypted": bool(a.get("encryption")), "verification": a.get("verification"),
            "verified": verified_text(a.get("verification")), "url": a["url"],
        })  # fmt: skip
    rows.sort(key=lambda r: r["started_at"] or "", reverse=True)
    return rows, incomplete
