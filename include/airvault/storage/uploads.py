"""Opening a backup from wherever a user has it: a URL, a folder, or an uploaded .tar; and
uploads kept in bounds (what a request may name is confined by storage/confine.py)."""

from __future__ import annotations

import bz2
import contextlib
import gzip
import lzma
import re
import secrets
import shutil
import tarfile
import tempfile
import zlib
from datetime import UTC, datetime, timedelta
from pathlib import Path, PurePosixPath

from airvault.errors import IntegrityError
from airvault.storage.store import Store, open_store

TARS = (".tar", ".tar.gz", ".tgz")
# Decompression bombs: backup files are compressed already (zstd, gzip), so an honest archive
# unpacks to about its own size. A member may unpack to at most MAX_RATIO times the archive
# bytes it takes (plus SLACK: small files and read-ahead), the whole archive to MAX_RATIO
# times its size, and never to more than the free space of the target (or `max_bytes`).
MAX_RATIO = 200
SLACK = 256 << 10
# Many small entries: 200,000 empty files fit in a 1.2 MB .tar.gz and pass every size check,
# yet cost an inode and a file creation each. A backup folder holds a file per table and a
# few more, a few levels deep: the headers are counted (and refused past these) before a
# single file is written.
MAX_ENTRIES = 20_000
MAX_DEPTH = 32  # folders in an entry's name (a backup: <folder>/data/<file>, tarred from afar)
MAX_NAME_BYTES = 1024  # an entry's whole name; one component at most NAME_MAX (255)
# tarfile reads a long-name or PAX header whole into memory (file data it copies in 16 KiB
# pieces): one read of more than this is a header no backup has, refused before it is held.
MAX_HEADER = 1 << 20
_UNREADABLE = (tarfile.TarError, EOFError, zlib.error, lzma.LZMAError, OSError)


def _free_bytes(dest: Path) -> int:
    folder = dest
    while not folder.exists():
        folder = folder.parent
    return shutil.disk_usage(folder).free


def _check_ratio(archive: Path, member: tarfile.TarInfo, consumed: int) -> None:
    if member.size > MAX_RATIO * (consumed + SLACK):
        raise IntegrityError(
            f"{archive}: entry '{member.name}' unpacks to {member.size:,} bytes from about "
            f"{consumed:,} (more than {MAX_RATIO}:1): a decompression bomb, refused"
        )


def _check_name(archive: Path, name: str) -> None:
    """Refuse an entry name that could land outside the target folder or is deeper or longer
    than any backup's (on its text: creating 1,500 nested folders recurses in Python)."""
    parts = PurePosixPath(name).parts
    if len(parts) > MAX_DEPTH:
        raise IntegrityError(
            f"{archive}: entry '{_shown_name(name)}' is {len(parts):,} levels deep (at most "
            f"{MAX_DEPTH}): not a backup folder, refused"
        )
    if len(name.encode()) > MAX_NAME_BYTES or any(len(p.encode()) > 255 for p in parts):
        raise IntegrityError(
            f"{archive}: entry '{_shown_name(name)}' has a name longer than {MAX_NAME_BYTES} "
            "bytes (or a part longer than 255): refused"
        )
    # `dest` is new and links are refused, so the name's text decides (extractall's "data"
    # filter checks again as it writes)
    if name.startswith("/") or ".." in parts:
        raise IntegrityError(f"{archive}: entry '{name}' escapes the backup folder")


def _shown_name(name: str) -> str:
    return name if len(name) <= 120 else f"{name[:120]}..."


def _checked_members(
    archive: Path, tar: tarfile.TarFile, raw, dest: Path, max_bytes: int | None
) -> list[tarfile.TarInfo]:
    """Read every header (no data is written) and refuse the archive at the first entry that
    could land outside `dest`, is a link or device, is one too many or too deep, or makes it
    unpack to too much."""
    size = archive.stat().st_size
    limit = max_bytes if max_bytes is not None else _free_bytes(dest)
    where = "the limit" if max_bytes is not None else f"the free space at {dest}"
    members: list[tarfile.TarInfo] = []
    total, previous = 0, None
    while True:
        member = tar.next()
        position = raw.tell()  # compressed bytes read so far: each member's share is known
        if previous is not None:
            _check_ratio(archive, previous[0], position - previous[1])
        if member is None:
            return members
        name = member.name
        if len(members) == MAX_ENTRIES:
            raise IntegrityError(
                f"{archive}: more than {MAX_ENTRIES:,} entries (at '{_shown_name(name)}'): "
                "no backup folder holds that many files, refused before unpacking"
            )
        _check_name(archive, name)
        if not (member.isfile() or member.isdir()):
            raise IntegrityError(f"{archive}: entry '{name}' is a link or device, refused")
        total += member.size
        if total > limit:
            raise IntegrityError(
                f"{archive}: entry '{name}' makes the archive unpack to {total:,} bytes, more "
                f"than {where} ({limit:,} bytes), refused"
            )
        if total > MAX_RATIO * (size + SLACK):
            raise IntegrityError(
                f"{archive}: entry '{name}' makes the archive unpack to {total:,} bytes from "
                f"{size:,} (more than {MAX_RATIO}:1): a decompression bomb, refused"
            )
        members.append(member)
        previous = (member, position)


class _HeaderCap:
    """The unpacked tar stream as tarfile reads it, refusing one read of more than
    MAX_HEADER bytes: a 1 GB PAX header of zeros would otherwise be held in memory whole."""

    def __init__(self, stream, archive: Path) -> None:
        self.stream, self.archive = stream, archive

    def read(self, n: int | None = -1) -> bytes:
        if n is None or not 0 <= n <= MAX_HEADER:
            size = f"{n:,} bytes" if n is not None and n >= 0 else "unbounded size"
            raise IntegrityError(
                f"{self.archive}: a tar header of {size} (a long name or extended header; at "
                f"most {MAX_HEADER:,} bytes): not a backup, refused"
            )
        return self.stream.read(n)

    def seek(self, *args) -> int:
        return self.stream.seek(*args)

    def tell(self) -> int:
        return self.stream.tell()


_COMPRESSED = {
    b"\x1f\x8b": lambda raw: gzip.GzipFile(fileobj=raw, mode="rb"),
    b"BZh": bz2.BZ2File,
    b"\xfd7zXZ": lzma.LZMAFile,
}


def _unpacked(raw):
    """The tar stream of `raw` (gzip, bzip2 or xz by their magic bytes, else as it is)."""
    head = raw.read(6)
    raw.seek(0)
    opener = next((o for magic, o in _COMPRESSED.items() if head.startswith(magic)), None)
    return opener(raw) if opener else contextlib.nullcontext(raw)


def safe_extract(archive: Path, dest: Path, max_bytes: int | None = None) -> Path:
    """Unpack a tar (or .tar.gz) of a backup folder into `dest`: every header is checked
    first (streamed, one at a time), so an entry that could land outside `dest`, a link, a
    device, too many or too deep entries or a decompression bomb refuses the whole archive
    before anything is written."""
    try:
        with (
            archive.open("rb") as raw,
            _unpacked(raw) as stream,
            # typeshed asks a tar's file object for write() and close() too: reading calls
            # read(), seek() and tell(), and never closes a file object it was given
            tarfile.open(fileobj=_HeaderCap(stream, archive), mode="r:") as tar,  # type: ignore[call-overload]
        ):
            members = _checked_members(archive, tar, raw, dest, max_bytes)
            tar.extractall(dest, members=members, filter="data")
    except IntegrityError:
        raise
    except _UNREADABLE as e:
        if isinstance(e, OSError) and e.errno is not None:
            raise  # a disk or file problem, not the archive's content
        why = (str(e).splitlines() or [type(e).__name__])[0].rstrip(":")  # one line
        raise IntegrityError(
            f"{archive}: not a readable .tar or .tar.gz (unsupported format or damaged: {why})"
        ) from None
    manifests = sorted(dest.rglob("manifest.json"))
    if not manifests:
        raise IntegrityError(f"{archive}: no manifest.json inside: not a complete backup")
    return manifests[0].parent


def open_backup(url: str | Store, workdir: Path | None = None) -> Store:
    """A Store for a backup given as file://, s3://, a folder, or a .tar/.tar.gz of a folder
    (a Store built elsewhere, e.g. from an Airflow connection, is taken as it is)."""
    if isinstance(url, Store):
        return url
    text = str(url)
    local = "://" not in text.replace("file://", "")
    path = Path(text.removeprefix("file://"))
    if text.endswith(TARS) and local:
        dest = Path(tempfile.mkdtemp(prefix="airvault-upload-", dir=workdir)).resolve()
        try:
            return open_store(safe_extract(path, dest))
        except BaseException:
            shutil.rmtree(dest, ignore_errors=True)  # nothing half-unpacked is left behind
            raise
    if local and path.is_file():
        raise IntegrityError(
            f"{text}: unsupported format: a backup is a folder, or a {' / '.join(TARS)} of one"
        )
    return open_store(text)


# -- Stored uploads: uploads/<YYYYMMDDTHHMMSSZ>-<id>/, deleted by age when a new one is stored.

UPLOADS = "uploads"
_UPLOAD = re.compile(r"(\d{8}T\d{6}Z)-[0-9a-f]{8}")


def new_upload_folder(now: datetime | None = None) -> str:
    """uploads/<time>-<id>: the name says when it arrived, so pruning needs no listing dates."""
    now = now or datetime.now(UTC)
    return f"{UPLOADS}/{now:%Y%m%dT%H%M%SZ}-{secrets.token_hex(4)}"


def stored_uploads(root: Store) -> list[str]:
    """Every entry under uploads/ (relative to the root), sorted."""
    return [rel for rel in root.glob(f"{UPLOADS}/*") if rel.count("/") == 1]


def expired_uploads(
    root: Store, keep_days: float, now: datetime | None = None
) -> tuple[list[str], list[str]]:
    """(uploads older than `keep_days` by the time in their name, the others). An entry whose
    name says no time is never taken for expired (nothing is deleted unread)."""
    now = now or datetime.now(UTC)
    expired: list[str] = []
    kept: list[str] = []
    for rel in stored_uploads(root):
        m = _UPLOAD.fullmatch(rel.split("/", 1)[1])
        arrived = datetime.strptime(m[1], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC) if m else None
        old = arrived is not None and now - arrived > timedelta(days=keep_days)
        (expired if old else kept).append(rel)
    return expired, kept
