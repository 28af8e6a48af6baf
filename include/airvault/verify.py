"""Re-check a backup against its manifest: every file's sha256, every table's content sha256
and row count. Reads each file once, streaming, so memory stays flat.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

import zstandard

from airvault.errors import IntegrityError
from airvault.progress import HEARTBEAT, Progress
from airvault.storage.codec import FileCodec, codec_of
from airvault.storage.digest import new_hasher
from airvault.storage.manifest import (
    MANIFEST,
    PIN,
    VERIFICATION,
    listed_entries,
    read_manifest,
    write_signed,
)
from airvault.storage.models import BackupManifest, DataFile, FileRef, VerifyRecord
from airvault.storage.opened import OpenedBackup
from airvault.storage.signing import can_sign
from airvault.storage.store import Store

log = logging.getLogger("airvault.verify")
CHUNK = 1 << 20


@dataclass
class VerifyReport:
    url: str
    checked_files: int = 0
    rows: int = 0
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what a restore needs, not a fault

    @property
    def ok(self) -> bool:
        return not self.problems


class HashingReader:
    """Wraps a file so that every byte zstd reads is also hashed."""

    def __init__(self, raw, digest: str) -> None:
        self.raw = raw
        self.sha = new_hasher(digest)
        self.bytes = 0

    def read(self, n: int = -1) -> bytes:
        data = self.raw.read(n)
        self.sha.update(data)
        self.bytes += len(data)
        return data


def stream_table(
    store: Store,
    entry: DataFile,
    write: Callable[[bytes], object],
    codec: FileCodec,
    progress: Progress | None = None,
) -> tuple[int, list[str]]:
    """Stream a table's COPY text to `write`, checking the file's digest, the content's digest
    (the entry's algorithm: storage/digest.py) and the row count against its manifest entry on
    the way; return (rows, problems). `progress` counts the rows and bytes read.
    An encrypted file that fails authentication raises IntegrityError at the changed chunk."""
    rel = entry.file
    content = new_hasher(entry.digest)
    rows = 0
    try:
        with store.open_read(rel) as raw:
            reader = HashingReader(raw, entry.digest)
            with codec.reader(reader, rel) as z:
                while chunk := z.read(CHUNK):
                    content.update(chunk)
                    lines = chunk.count(b"\n")  # text COPY escapes newlines inside values
                    rows += lines
                    write(chunk)
                    if progress is not None:
                        progress.add(lines, len(chunk))
            while reader.read(CHUNK):  # hash any trailing bytes zstd did not need
                pass
    except FileNotFoundError:
        return 0, [f"{rel}: file is missing"]
    except (zstandard.ZstdError, OSError, EOFError) as e:  # gzip raises OSError/EOFError
        return 0, [f"{rel}: cannot be decompressed ({e})"]
    problems = []
    if reader.sha.hexdigest() != entry.file_sha256:
        problems.append(f"{rel}: file checksum ({entry.digest}) does not match the manifest")
    if content.hexdigest() != entry.content_sha256:
        problems.append(f"{rel}: content checksum ({entry.digest}) does not match the manifest")
    if rows != entry.rows:
        problems.append(f"{rel}: {rows} rows, the manifest says {entry.rows}")
    return rows, problems


def _check_table(
    store: Store,
    entry: DataFile,
    report: VerifyReport,
    codec: FileCodec,
    progress: Progress | None = None,
) -> None:
    try:
        rows, problems = stream_table(store, entry, lambda _chunk: None, codec, progress)
    except IntegrityError as e:  # an encrypted file that was changed
        rows, problems = 0, [str(e)]
    if progress is not None:
        progress.table_done()
    if not any(p.endswith("file is missing") for p in problems):
        report.checked_files += 1
    report.rows += rows
    report.problems.extend(problems)


def _check_plain(store: Store, entry: FileRef, report: VerifyReport) -> None:
    rel = entry.file
    sha = hashlib.sha256()
    try:
        with store.open_read(rel) as f:
            while chunk := f.read(CHUNK):
                sha.update(chunk)
    except FileNotFoundError:
        report.problems.append(f"{rel}: file is missing")
        return
    report.checked_files += 1
    if sha.hexdigest() != entry.sha256:
        report.problems.append(f"{rel}: sha256 does not match the manifest")


def _progress(manifest: BackupManifest, data_files: list[DataFile]) -> Progress:
    """How far the check of the data files is (the CLI shows it)."""
    total = sum(e.content_bytes for e in data_files)
    return Progress("verify", manifest.scope, manifest.label or manifest.id, len(data_files), total)


def verify_backup(store: Store, data: bool = True, record: bool = False) -> VerifyReport:
    """Check every file of the backup at `store`; problems name the file and what is wrong.
    With data=False the table files are only checked for presence (their content is then
    verified while it is read, as a new-database restore does). record=True keeps the result
    in verification.json beside the manifest (what `airvault list` shows as verified)."""
    manifest = read_manifest(store)
    codec = codec_of(manifest, store.key) if data else None  # a wrong key fails here, first
    return _verify(store, manifest, codec, record)


def verify_opened(backup: OpenedBackup, data: bool = True) -> VerifyReport:
    """verify_backup() of a backup opened once (storage/opened.py); a clean report is
    remembered on it (`verified`), so a later step does not read the files again for it."""
    report = _verify(backup.store, backup.manifest, backup.codec if data else None)
    if report.ok:
        backup.verified = "data" if data else max(backup.verified, "files", key=_LEVELS.index)
    return report


_LEVELS = ("none", "files", "data")


def _verify(
    store: Store, manifest: BackupManifest, codec: FileCodec | None, record: bool = False
) -> VerifyReport:
    """Every file of the backup; the table files' content too with a `codec` (else only
    their presence)."""
    data = codec is not None
    report = VerifyReport(store.url)
    schema_files = [manifest.schema_file, *(manifest.schema_sections or {}).values()]
    if manifest.schema_archive:
        schema_files.append(manifest.schema_archive)
    for ref in schema_files:
        _check_plain(store, ref, report)
    data_files = [*manifest.tables, *filter(None, [manifest.large_objects])]
    progress = _progress(manifest, data_files) if data else None
    for entry in data_files:
        if codec is not None:  # (whenever data is checked)
            _check_table(store, entry, report, codec, progress)
        elif not store.exists(entry.file):
            report.problems.append(f"{entry.file}: file is missing")
    if manifest.capture is not None:  # a broken chain limits point-in-time, not this backup
        from airvault.capture.segments import coverage_note

        report.notes.append(coverage_note(store, manifest))
    for r in manifest.outside_references:
        report.notes.append(
            f"{r.table} references {r.ref_table} ({r.foreign_key}), which this backup "
            "does not hold: a restore into an empty database needs it there"
        )
    expected = {e.file for e in listed_entries(manifest)} | {MANIFEST, VERIFICATION, PIN, HEARTBEAT}
    for rel in store.list_files():
        if rel not in expected:
            report.problems.append(f"{rel}: not listed in the manifest")
    log.info(
        "verified %s: %d files, %s rows, %d problems",
        store.url,
        report.checked_files,
        f"{report.rows:,}",
        len(report.problems),
    )
    if record and data and not can_sign(store.signing_keys()):
        report.notes.append("result not recorded: this machine holds the public key only")
    elif record and data:
        result = VerifyRecord(
            ok=report.ok,
            at=datetime.now(UTC).replace(microsecond=0).isoformat(),
            files=report.checked_files,
            rows=report.rows,
            problems=report.problems[:20],
        )
        write_signed(store, VERIFICATION, result)
    return report
