"""Copying one stored folder (a backup, an archive) or change segment to another storage.

A copy is made the way a backup is written: every file the manifest lists is streamed (1 MiB
at a time, never a whole file in memory), its checksum taken on the way out of the source and
checked again by reading it back at the destination, and the manifest is copied byte for byte
LAST, so a copy cut short is a folder without a manifest: listed as incomplete, never as a
backup (storage/manifest.py), and the signature verifies there as it does in the primary.

Resuming is the same call again: a file already at the destination with the manifest's size
and checksum is kept; a missing, short or different one is copied again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from airvault.errors import IntegrityError
from airvault.failpoints import failpoint
from airvault.storage.digest import new_hasher
from airvault.storage.manifest import MANIFEST, PIN, VERIFICATION, listed_entries, read_manifest
from airvault.storage.models import ChangeSegment, DataFile
from airvault.storage.store import Store

log = logging.getLogger("airvault.storage.copies")
CHUNK = 1 << 20
# Signed documents beside a manifest that follow it to a copy: the verify result (a copy holds
# the bytes that were verified) and a legal hold (retention of the copy honours it too).
BESIDE = (VERIFICATION, PIN)


@dataclass(frozen=True)
class Expected:
    """A file a manifest lists: where, and the size and digest it must have."""

    rel: str
    digest: str  # "sha256" or "blake3" (storage/digest.py)
    hexdigest: str
    size: int | None  # None: not recorded (older small files)


@dataclass
class Copied:
    """What one copy of a folder did: files written, files found already right."""

    url: str  # the copy's folder
    copied: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    bytes: int = 0

    @property
    def files(self) -> int:
        return len(self.copied) + len(self.kept)


def backup_files(source: Store) -> list[Expected]:
    """Every file a backup's manifest lists (authenticated first), with its checksum."""
    found = []
    for e in listed_entries(read_manifest(source)):
        if isinstance(e, DataFile):
            found.append(Expected(e.file, e.digest, e.file_sha256, e.file_bytes))
        else:
            found.append(Expected(e.file, "sha256", e.sha256, e.bytes or None))
    return found


def archive_files(source: Store) -> list[Expected]:
    from airvault.archive.run import read_archive_manifest

    return [
        Expected(f.path, "sha256", f.sha256, f.bytes) for f in read_archive_manifest(source).files
    ]


def segment_file(segment: ChangeSegment) -> Expected:
    return Expected(segment.file, "sha256", segment.file_sha256, segment.file_bytes)


def matches(store: Store, want: Expected) -> bool:
    """Whether `store` holds `want.rel` with the manifest's size and checksum (read in full)."""
    try:
        if want.size is not None and store.size(want.rel) != want.size:
            return False
        return _digest_of(store, want) == want.hexdigest
    except FileNotFoundError:
        return False


def _digest_of(store: Store, want: Expected) -> str:
    hasher = new_hasher(want.digest)
    with store.open_read(want.rel) as f:
        while chunk := f.read(CHUNK):
            hasher.update(chunk)
    return hasher.hexdigest()


def copy_file(source: Store, dest: Store, want: Expected) -> int:
    """Stream one file from `source` to `dest`, refusing a source that is not what its
    manifest says, then check it where it landed. Returns the bytes copied."""
    hasher, size = new_hasher(want.digest), 0
    with source.open_read(want.rel) as src, dest.open_write(want.rel) as out:
        while chunk := src.read(CHUNK):
            hasher.update(chunk)
            size += len(chunk)
            out.write(chunk)
    if hasher.hexdigest() != want.hexdigest:
        raise IntegrityError(
            f"{source.url_of(want.rel)} does not match its manifest "
            f"({want.digest}): not copied; verify the source"
        )
    if not matches(dest, want):
        raise IntegrityError(
            f"{dest.url_of(want.rel)}: the copy does not match the manifest after writing it"
        )
    failpoint("copies:after-file")
    return size


def copy_folder(source: Store, dest: Store, files: list[Expected]) -> Copied:
    """Make `dest` a complete copy of the folder `source` (a backup or an archive), whose
    manifest lists `files`: the files first, each checked, then the manifest byte for byte."""
    manifest = source.read_bytes(MANIFEST)
    result = Copied(dest.url)
    if _same_bytes(dest, MANIFEST, manifest):
        result.kept = [f.rel for f in files]
    else:
        _withdraw(dest)
        for want in files:
            if matches(dest, want):
                result.kept.append(want.rel)
                continue
            result.bytes += copy_file(source, dest, want)
            result.copied.append(want.rel)
        _drop_strays(dest, {f.rel for f in files})
        dest.write_bytes_atomic(MANIFEST, manifest)  # last: the copy now exists
    for rel in BESIDE:
        _follow(source, dest, rel)
    log.info(
        "copied %s to %s: %d files written (%d MB), %d already there",
        source.url,
        dest.url,
        len(result.copied),
        result.bytes // 10**6,
        len(result.kept),
    )
    return result


def copy_segment(source: Store, dest: Store, manifest_rel: str, segment: ChangeSegment) -> bool:
    """Copy one change segment (its data file, then its signed manifest `manifest_rel`) from
    the slot folder `source` to `dest`. Returns whether anything was written."""
    document = source.read_bytes(manifest_rel)
    if _same_bytes(dest, manifest_rel, document):
        return False
    want = segment_file(segment)
    if not matches(dest, want):
        copy_file(source, dest, want)
    dest.write_bytes_atomic(manifest_rel, document)
    return True


def _same_bytes(store: Store, rel: str, data: bytes) -> bool:
    try:
        return store.read_bytes(rel) == data
    except FileNotFoundError:
        return False


def _withdraw(dest: Store) -> None:
    """A manifest at the destination that is not the source's (an older copy of another
    backup, a tampered one): removed first, so the folder is incomplete until the end."""
    for rel in (MANIFEST, *BESIDE):
        if dest.exists(rel):
            dest.remove_tree(rel)


def _drop_strays(dest: Store, wanted: set[str]) -> None:
    """Files the manifest does not list (an interrupted local write's leftovers under another
    name): verify would call them foreign to the backup."""
    for rel in dest.list_files():
        if rel not in wanted and rel not in (MANIFEST, *BESIDE):
            dest.remove_tree(rel)


def _follow(source: Store, dest: Store, rel: str) -> None:
    """Bring a small signed document beside the manifest in line with the source's."""
    try:
        data = source.read_bytes(rel)
    except FileNotFoundError:
        if dest.exists(rel):
            dest.remove_tree(rel)
        return
    if not _same_bytes(dest, rel, data):
        dest.write_bytes_atomic(rel, data)
