"""manifest.json: the source of truth of a backup, written last.

A folder without a manifest is an incomplete backup: never listed as restorable.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote

from airvault.errors import IntegrityError, ManifestUnreadable
from airvault.storage.models import BackupManifest, DataFile, FileRef, Model, Verification, parse
from airvault.storage.signing import PUBLIC_KEY_FILE, check, public_keys_text, require_keys, sign
from airvault.storage.store import Store

FORMAT = "airvault-backup"
# 2: signed manifests, the schema as a pg_dump archive (schema/schema.pgdump), extensions,
# roles, large objects. Version 1 backups are still read (unsigned: only when trusted).
# 3: each data file names its digest (BLAKE3 by default; sha256 before): an older airvault
# would check a BLAKE3 digest as sha256 and call the backup damaged, so it refuses it instead.
FORMAT_VERSION = 3
MANIFEST = "manifest.json"
VERIFICATION = "verification.json"  # the latest verify result; the manifest never changes
PIN = "pinned.json"  # legal hold: retention never deletes a pinned backup
KINDS = ("full", "module", "tenant", "pre-restore", "manual")
_FOLDER = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{6}Z-[0-9a-f]{8}$")


def data_file_name(schema: str, table: str, extension: str = ".zst") -> str:
    """File name of a table's data; percent-encoding keeps hostile names inside data/."""
    return f"data/{quote(schema, safe='')}.{quote(table, safe='')}.copy{extension}"


def backup_folder(kind: str, scope: str, started: datetime, backup_id: str) -> str:
    # quote() keeps "." and "..": as a folder they would move the backup out of backups/<kind>/;
    # "_" in front keeps such a scope from reading as a look-alike of ".." (storage.confine)
    folder = quote(scope, safe="") if scope.strip(".") else "_" + scope.replace(".", "%2E")
    return f"backups/{kind}/{folder}/{started:%Y-%m-%dT%H%M%SZ}-{backup_id}"


def encode(document: dict | Model) -> bytes:
    if isinstance(document, Model):
        document = document.to_json()
    return (json.dumps(document, indent=2, sort_keys=True) + "\n").encode()


def write_signed(store: Store, rel: str, document: Model) -> None:
    """Write a manifest (or another document retention or restores rely on) signed with the
    installation's key; atomically, so readers see all of it or nothing."""
    store.write_bytes_atomic(rel, encode(sign(document.to_json(), store.signing_keys())))


def publish_public_key(root: Store) -> bool:
    """Keep <root>/airvault-public-key.pem equal to this installation's public keys (the
    signing one first): people compare it with the key they were given. No reader trusts it:
    whoever can write the storage could put their own there. True when it was (re)written."""
    text = public_keys_text(require_keys(root.signing_keys()))
    try:
        if root.exists(PUBLIC_KEY_FILE) and root.read_bytes(PUBLIC_KEY_FILE).decode() == text:
            return False
    except UnicodeDecodeError:
        pass  # not ours: replaced below
    root.write_bytes_atomic(PUBLIC_KEY_FILE, text.encode())
    return True


def read_signed(store: Store, rel: str, kind: str) -> dict:
    """Load the JSON object at `rel` and authenticate it before anything in it is used."""
    where = store.url_of(rel)
    try:
        raw = store.read_bytes(rel)
    except FileNotFoundError:
        raise IntegrityError(f"{where} is missing: not a complete {kind}") from None
    try:
        document = json.loads(raw)
    except ValueError as e:
        raise ManifestUnreadable(f"{where} is not valid JSON: {e}") from None
    if not isinstance(document, dict):
        raise ManifestUnreadable(f"{where} is not an airvault {kind} manifest")
    check(document, store.signing_keys(), where, store.trust_unsigned)
    return document


def is_authenticated(store: Store, document: dict) -> bool:
    """Whether this installation's key signed `document` (not merely trusted unsigned)."""
    try:
        check(document, store.signing_keys(), store.url, trust_unsigned=False)
    except ManifestUnreadable:
        return False
    return True


def check_format(document: dict, where: str, fmt: str, version: int, kind: str) -> None:
    if document.get("format") != fmt:
        raise ManifestUnreadable(f"{where} is not an airvault {kind} manifest")
    found = document.get("format_version")
    if not isinstance(found, int) or found > version:
        raise ManifestUnreadable(
            f"{where} has format version {found!r}; this airvault reads up to {version}: "
            "upgrade airvault to read it"
        )


def read_manifest(store: Store) -> BackupManifest:
    """Load, authenticate and sanity-check a backup's manifest; refuse what this version
    cannot read. The signature is checked on the raw document, before it is parsed."""
    where = store.url_of(MANIFEST)
    document = read_signed(store, MANIFEST, "backup")
    check_format(document, where, FORMAT, FORMAT_VERSION, "backup")
    manifest = parse(BackupManifest, document, where)
    manifest.authenticated = is_authenticated(store, document)
    manifest.url = store.url
    for entry in listed_entries(manifest):
        require_inside(store, entry.file)
    return manifest


def listed_entries(manifest: BackupManifest) -> list[DataFile | FileRef]:
    """Every file the manifest lists (itself aside): its tables' data, the schema (whole, by
    section, as an archive) and the large objects."""
    files: list[DataFile | FileRef | None] = [
        *manifest.tables,
        manifest.schema_file,
        *(manifest.schema_sections or {}).values(),
    ]
    return [e for e in [*files, manifest.schema_archive, manifest.large_objects] if e]


def stored_bytes(manifest: BackupManifest) -> int:
    """Bytes of every file the manifest lists, as stored (compressed, encrypted): what the
    backup takes in storage, give or take its small JSON documents."""
    return sum(
        e.file_bytes if isinstance(e, DataFile) else e.bytes for e in listed_entries(manifest)
    )


def require_inside(store: Store, rel: object) -> None:
    """Verify and restore read the files a manifest lists: none may be outside its folder."""
    if not isinstance(rel, str) or not rel or rel.startswith("/") or ".." in rel.split("/"):
        raise IntegrityError(
            f"{store.url_of(MANIFEST)} lists the file {rel!r}: not a path inside its folder"
        )


def read_verification(store: Store) -> Verification | None:
    """The latest verify or drill result of a backup, if it is there, authentic and well formed
    (a forged "ok" would let retention count a bad backup as good)."""
    try:
        document = read_signed(store, VERIFICATION, "verification")
        return parse(Verification, document, store.url_of(VERIFICATION))
    except IntegrityError:  # ManifestUnreadable too: unreadable counts as unverified
        return None


@dataclass
class Folder:
    """A backup folder as listing finds it: a usable backup (`manifest`), an incomplete one
    (no manifest yet: being written, or abandoned), or an unreadable one (`problem`: a
    manifest this airvault cannot use; kept and reported, never deleted)."""

    rel: str
    manifest: BackupManifest | None = None
    problem: str | None = None

    @property
    def incomplete(self) -> bool:
        return self.manifest is None and self.problem is None


def is_backup_folder(rel: str) -> bool:
    """Whether `rel` is named like a backup folder (backups/<kind>/<scope>/<time>-<id>)."""
    parts = rel.split("/")
    return len(parts) == 4 and parts[0] == "backups" and bool(_FOLDER.match(parts[3]))


def list_backup_folders(root: Store) -> list[Folder]:
    """Every backup folder under `root`; usable ones carry their manifest with its `url` and
    `verification`."""
    found: list[Folder] = []
    for folder in root.glob("backups/*/*/*"):
        if not is_backup_folder(folder):
            continue
        store = root.child(folder)
        try:
            manifest = read_manifest(store)
        except ManifestUnreadable as e:
            found.append(Folder(folder, problem=str(e)))
            continue
        except IntegrityError as e:
            found.append(Folder(folder, problem=None if not store.exists(MANIFEST) else str(e)))
            continue
        manifest.verification = read_verification(store)
        found.append(Folder(folder, manifest))
    return found


def newest_first(manifests: Iterable[BackupManifest]) -> list[BackupManifest]:
    """`manifests`, the newest start first: to the microsecond where the manifest records it
    (`started_us`), so two backups that started in one second are not a coin toss; the id
    last, so even older manifests always come in the same order."""
    return sorted(manifests, key=start_order, reverse=True)


def start_order(manifest: BackupManifest) -> tuple[str, int, str]:
    """What orders backups by their start (see newest_first)."""
    return (manifest.started_at, manifest.started_us or 0, manifest.id)


def list_backups(root: Store) -> tuple[list[BackupManifest], list[str]]:
    """(manifests of usable backups, newest first, each with its `url`; folders that are
    incomplete or unreadable)."""
    complete: list[BackupManifest] = []
    other: list[str] = []
    for folder in list_backup_folders(root):
        if folder.problem:  # kept by retention, refused by restores: say why
            other.append(f"{root.child(folder.rel).url}: {folder.problem}")
        elif folder.manifest is None:
            other.append(root.child(folder.rel).url)
        else:
            complete.append(folder.manifest)
    return newest_first(complete), other
