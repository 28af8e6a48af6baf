"""Re-check a backup against its manifest: every file's sha256, every table's content sha256
and row count. Reads each file once, streaming, so memory stays flat.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field

import zstandard

from airvault.manifest import MANIFEST, read_manifest
from airvault.storage import Store

log = logging.getLogger("airvault.verify")
CHUNK = 1 << 20


@dataclass
class VerifyReport:
    url: str
    checked_files: int = 0
    rows: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


class _Reader:
    """Wraps a file so that every byte zstd reads is also hashed."""

    def __init__(self, raw) -> None:
        self.raw = raw
        self.sha = hashlib.sha256()
        self.bytes = 0

    def read(self, n: int = -1) -> bytes:
        data = self.raw.read(n)
        self.sha.update(data)
        self.bytes += len(data)
        return data


def _check_table(store: Store, entry: dict, report: VerifyReport) -> None:
    rel = entry["file"]
    content = hashlib.sha256()
    rows = 0
    try:
        with store.open_read(rel) as raw:
            reader = _Reader(raw)
            with zstandard.ZstdDecompressor().stream_reader(reader, read_across_frames=True) as z:
                while chunk := z.read(CHUNK):
                    content.update(chunk)
                    rows += chunk.count(b"\n")
            while reader.read(CHUNK):  # hash any trailing bytes zstd did not need
                pass
    except FileNotFoundError:
        report.problems.append(f"{rel}: file is missing")
        return
    except zstandard.ZstdError as e:
        report.problems.append(f"{rel}: cannot be decompressed ({e})")
        return
    report.checked_files += 1
    if reader.sha.hexdigest() != entry["file_sha256"]:
        report.problems.append(f"{rel}: file sha256 does not match the manifest")
    if content.hexdigest() != entry["content_sha256"]:
        report.problems.append(f"{rel}: content sha256 does not match the manifest")
    if rows != entry["rows"]:
        report.problems.append(f"{rel}: {rows} rows, the manifest says {entry['rows']}")
    report.rows += rows


def _check_plain(store: Store, entry: dict, report: VerifyReport) -> None:
    rel = entry["file"]
    sha = hashlib.sha256()
    try:
        with store.open_read(rel) as f:
            while chunk := f.read(CHUNK):
                sha.update(chunk)
    except FileNotFoundError:
        report.problems.append(f"{rel}: file is missing")
        return
    report.checked_files += 1
    if sha.hexdigest() != entry["sha256"]:
        report.problems.append(f"{rel}: sha256 does not match the manifest")


def verify_backup(store: Store) -> VerifyReport:
    """Check every file of the backup at `store`; problems name the file and what is wrong."""
    report = VerifyReport(store.url)
    manifest = read_manifest(store)
    schema_files = [manifest["schema_file"], *manifest.get("schema_sections", {}).values()]
    for entry in schema_files:
        _check_plain(store, entry, report)
    for entry in manifest["tables"]:
        _check_table(store, entry, report)
    expected = (
        {e["file"] for e in manifest["tables"]} | {e["file"] for e in schema_files} | {MANIFEST}
    )
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
    return report
