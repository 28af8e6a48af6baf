"""manifest.json: the source of truth of a backup, written last.

A folder without a manifest is an incomplete backup: never listed as restorable.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from urllib.parse import quote

from airvault.errors import IntegrityError
from airvault.storage import Store

FORMAT = "airvault-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
VERIFICATION = "verification.json"  # the latest verify result; the manifest never changes
PIN = "pinned.json"  # legal hold: retention never deletes a pinned backup
KINDS = ("full", "module", "tenant", "pre-restore", "manual")
_FOLDER = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{6}Z-[0-9a-f]{8}$")


def table_name(entry: dict) -> str:
    """'schema.table' of a manifest table entry."""
    return f"{entry['schema']}.{entry['name']}"


def data_file_name(schema: str, table: str, extension: str = ".zst") -> str:
    """File name of a table's data; percent-encoding keeps hostile names inside data/."""
    return f"data/{quote(schema, safe='')}.{quote(table, safe='')}.copy{extension}"


def backup_folder(kind: str, scope: str, started: datetime, backup_id: str) -> str:
    # quote() keeps "." and "..": as a folder they would move the backup out of backups/<kind>/
    folder = quote(scope, safe="") if scope.strip(".") else scope.replace(".", "%2E")
    return f"backups/{kind}/{folder}/{started:%Y-%m-%dT%H%M%SZ}-{backup_id}"


def human_label(kind: str, scope: str, when: datetime) -> str:
    what = {
        "full": "Full backup",
        "module": f"{scope.replace('_', ' ').title()} module backup",
        "tenant": f"Tenant {scope if len(scope) <= 16 else scope[:8] + '…'} backup",
        "pre-restore": "Safety backup before restore",
        "manual": "Manual backup",
    }.get(kind, f"{kind} backup")
    return f"{what}, {when:%d %b %Y %H:%M} UTC"


def encode(manifest: dict) -> bytes:
    return (json.dumps(manifest, indent=2, sort_keys=True) + "\n").encode()


def read_manifest(store: Store) -> dict:
    """Load and sanity-check a backup's manifest; refuse what this version cannot read."""
    if not store.exists(MANIFEST):
        raise IntegrityError(f"{store.url_of(MANIFEST)} is missing: not a complete backup")
    raw = store.read_bytes(MANIFEST)
    try:
        manifest = json.loads(raw)
    except ValueError as e:
        raise IntegrityError(f"{store.url_of(MANIFEST)} is not valid JSON: {e}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise IntegrityError(f"{store.url_of(MANIFEST)} is not an airvault backup manifest")
    version = manifest.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise IntegrityError(
            f"{store.url_of(MANIFEST)} has format version {version!r}; this airvault reads up to "
            f"{FORMAT_VERSION}: upgrade airvault to read it"
        )
    for key in ("id", "kind", "tables", "schema_file"):
        if key not in manifest:
            raise IntegrityError(f"{store.url_of(MANIFEST)} lacks the key '{key}'")
    sections = manifest.get("schema_sections") or {}
    if not isinstance(manifest["tables"], list) or not isinstance(sections, dict):
        raise IntegrityError(
            f"{store.url_of(MANIFEST)}: 'tables' or 'schema_sections' is malformed"
        )
    for entry in [*manifest["tables"], manifest["schema_file"], *sections.values()]:
        require_inside(store, entry.get("file") if isinstance(entry, dict) else None)
    return manifest


def require_inside(store: Store, rel: object) -> None:
    """Verify and restore read the files a manifest lists: none may be outside its folder."""
    if not isinstance(rel, str) or not rel or rel.startswith("/") or ".." in rel.split("/"):
        raise IntegrityError(
            f"{store.url_of(MANIFEST)} lists the file {rel!r}: not a path inside its folder"
        )


def _verification(store: Store) -> dict | None:
    try:
        return json.loads(store.read_bytes(VERIFICATION))
    except (FileNotFoundError, ValueError):
        return None


def list_backup_folders(root: Store) -> list[tuple[str, dict | None]]:
    """(folder relative to root, its manifest with 'url' and 'verification', or None when the
    folder has no readable manifest) for every backup folder under `root`."""
    found: list[tuple[str, dict | None]] = []
    for folder in root.glob("backups/*/*/*"):
        if not _FOLDER.match(folder.rsplit("/", 1)[-1]):
            continue
        store = root.child(folder)
        try:
            manifest = read_manifest(store)
        except IntegrityError:
            found.append((folder, None))
            continue
        found.append((folder, {**manifest, "url": store.url, "verification": _verification(store)}))
    return found


def list_backups(root: Store) -> tuple[list[dict], list[str]]:
    """(manifests of complete backups, newest first, each with a 'url'; incomplete folders)."""
    complete: list[dict] = []
    incomplete: list[str] = []
    for folder, manifest in list_backup_folders(root):
        if manifest is None:
            incomplete.append(root.child(folder).url)
        else:
            complete.append(manifest)
    complete.sort(key=lambda m: m.get("started_at", ""), reverse=True)
    return complete, incomplete
