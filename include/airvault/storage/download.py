"""One file per backup: a backup or archive folder as a tar stream, on any storage.

The tar is built as it is sent, one file at a time, never in memory or on disk: each member's
header comes from the authenticated manifest (its size), its bytes straight from storage as
they are stored (compressed, encrypted: an encrypted backup stays encrypted). The stream is
deterministic (members in the manifest's order, the manifest last, fixed owners, modes and
times), so its size is known before the first byte (Content-Length) and the same backup gives
the same bytes, hence the same sha256, from the page and the CLI alike.

What a user can check:
- `<folder>.sha256`, the tar's last member beside the folder: the sha256 of every file as sent,
  in `sha256sum -c` form (run it where the tar was unpacked);
- the folder itself is the backup: `airvault verify <folder>` checks every file against the
  signed manifest; `airvault restore --from <folder>` or the page's upload restores it.
A file whose size or digest differs from what the manifest promises stops the stream (an
error, never a tar with a damaged file in it): the client sees the download fail.
"""

from __future__ import annotations

import hashlib
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from airvault.errors import IntegrityError
from airvault.storage.manifest import MANIFEST, listed_entries, read_manifest, require_inside
from airvault.storage.models import DataFile
from airvault.storage.store import Store

BLOCK = tarfile.BLOCKSIZE  # 512: a member's bytes are padded to whole blocks
RECORD = tarfile.RECORDSIZE  # the archive ends padded to whole records, as tar writes it
CHUNK = 1 << 20


@dataclass(frozen=True)
class Member:
    """One file of the folder: its path inside it, its size and the digest its manifest
    records (algorithm, hex; None for the manifest itself)."""

    rel: str
    size: int
    digest: tuple[str, str] | None


@dataclass
class BackupTar:
    """The tar of one backup or archive folder: `<name>/<file>` for each file, then
    `<name>.sha256`."""

    folder: Store
    name: str  # the folder's own name: the tar unpacks into it
    members: list[Member]
    mtime: int  # every member's time: when the backup completed

    @property
    def filename(self) -> str:
        return f"{self.name}.tar"

    @property
    def sums_name(self) -> str:
        return f"{self.name}.sha256"

    def _header(self, path: str, size: int) -> bytes:
        info = tarfile.TarInfo(path)
        info.size, info.mtime, info.mode = size, self.mtime, 0o644
        return info.tobuf(format=tarfile.PAX_FORMAT)

    def _sums_size(self) -> int:
        return sum(64 + 2 + len(f"{self.name}/{m.rel}") + 1 for m in self.members)

    @property
    def size(self) -> int:
        """The exact bytes of the stream, before it is read."""
        files = [(f"{self.name}/{m.rel}", m.size) for m in self.members]
        body = sum(
            len(self._header(p, n)) + _padded(n)
            for p, n in [*files, (self.sums_name, self._sums_size())]
        )
        return _padded(body + 2 * BLOCK, RECORD)

    def chunks(self) -> Iterator[bytes]:
        """The tar, chunk by chunk; IntegrityError (the stream stops) when a stored file is
        not what the manifest says."""
        sums: list[str] = []
        sent = 0
        for m in self.members:
            path = f"{self.name}/{m.rel}"
            header = self._header(path, m.size)
            yield header
            sha = hashlib.sha256()
            yield from self._file(m, sha)
            yield bytes(_padded(m.size) - m.size)
            sums.append(f"{sha.hexdigest()}  {path}\n")
            sent += len(header) + _padded(m.size)
        text = "".join(sums).encode()
        header = self._header(self.sums_name, len(text))
        yield header + text + bytes(_padded(len(text)) - len(text))
        sent += len(header) + _padded(len(text))
        yield bytes(_padded(sent + 2 * BLOCK, RECORD) - sent)

    def _file(self, m: Member, sha) -> Iterator[bytes]:
        """One stored file's bytes, hashed on the way (sha256, and the manifest's digest)."""
        from airvault.storage.digest import new_hasher

        check = new_hasher(m.digest[0]) if m.digest else None
        size = 0
        with self.folder.open_read(m.rel) as f:
            while chunk := f.read(min(CHUNK, m.size - size + 1)):
                size += len(chunk)
                if size > m.size:
                    break
                sha.update(chunk)
                if check is not None:
                    check.update(chunk)
                yield chunk
        where = self.folder.url_of(m.rel)
        if size != m.size:
            raise IntegrityError(
                f"{where}: {'more' if size > m.size else 'fewer'} bytes than the {m.size:,} "
                "its manifest records: the download stopped"
            )
        if check is not None and m.digest and check.hexdigest() != m.digest[1]:
            raise IntegrityError(
                f"{where}: its {m.digest[0]} does not match the manifest: the download stopped"
            )

    def sha256(self) -> str:
        """The sha256 of the whole stream (reads every file once more)."""
        sha = hashlib.sha256()
        for chunk in self.chunks():
            sha.update(chunk)
        return sha.hexdigest()


def _padded(n: int, unit: int = BLOCK) -> int:
    return -(-n // unit) * unit


def backup_tar(folder: Store) -> BackupTar:
    """The tar of the backup or archive at `folder`, from its authenticated manifest (a
    manifest nobody here signed is refused, as a restore refuses it)."""
    from airvault.archive.run import is_archive, read_archive_manifest

    manifest_size = folder.size(MANIFEST) if folder.exists(MANIFEST) else 0
    members: list[Member]
    if is_archive(folder):
        archive = read_archive_manifest(folder)
        for f in archive.files:
            require_inside(folder, f.path)
        members = [Member(f.path, f.bytes, ("sha256", f.sha256)) for f in archive.files]
        completed = archive.completed_at or archive.started_at
    else:
        backup = read_manifest(folder)  # every listed file inside the folder, or refused
        members = [
            Member(e.file, e.file_bytes, (e.digest, e.file_sha256))
            if isinstance(e, DataFile)
            else Member(e.file, e.bytes, ("sha256", e.sha256))
            for e in listed_entries(backup)
        ]
        completed = backup.completed_at or backup.started_at
    # a size a format-1 manifest left out (0) is the stored one; the digest still checks it
    members = [m if m.size else Member(m.rel, folder.size(m.rel), m.digest) for m in members]
    members.append(Member(MANIFEST, manifest_size, None))  # last, as it was written
    name = folder.url.rstrip("/").rsplit("/", 1)[-1]
    return BackupTar(folder, name, members, _epoch(completed))


def _epoch(when: str | None) -> int:
    try:
        return int(datetime.fromisoformat(when or "").timestamp())
    except ValueError:
        return 0
