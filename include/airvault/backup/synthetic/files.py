"""A synthetic full backup's table files. A table unchanged since the base gets the base's
stored file byte for byte where it was written the same way (codec, key, digest); a changed
one, the merge of the base's content with its changes (merge.py), written by the same code
as a real backup's COPY (dump.copy_to_file), so its content digest is computed the same way.
Every file read from the base is checked against the base's manifest (its file digest)."""

from __future__ import annotations

import logging
import time
from collections.abc import Collection, Iterator
from concurrent.futures import ThreadPoolExecutor

import zstandard

from airvault.backup.dump import BackupSession, copy_to_file
from airvault.backup.synthetic.ahead import ahead
from airvault.backup.synthetic.fold import Folded
from airvault.backup.synthetic.merge import Merge, Order, edits_of
from airvault.errors import IntegrityError
from airvault.storage.digest import new_hasher
from airvault.storage.frames import Frame
from airvault.storage.manifest import data_file_name
from airvault.storage.models import CopiedData, TableEntry
from airvault.storage.opened import OpenedBackup
from airvault.verify import HashingReader

log = logging.getLogger("airvault.backup.run")

CHUNK = 1 << 20


def write_tables(
    session: BackupSession,
    base: OpenedBackup,
    folded: Folded,
    orders: dict[str, Order],
    workers: int,
    leave_out: Collection[str] = (),
) -> dict[str, CopiedData]:
    """Every base table's file in the new backup (by qualified name), biggest first; but
    those `leave_out` names (rebuilt across migrations, or dropped)."""
    # the merged tables first, biggest first: they take the time, copies are quick
    entries = sorted(
        (e for e in base.manifest.tables if e.qualified not in leave_out),
        key=lambda e: (e.qualified in folded.tables, e.content_bytes),
        reverse=True,
    )

    def one(entry: TableEntry) -> tuple[str, CopiedData]:
        changes = folded.tables.get(entry.qualified)
        if changes is None and _written_alike(session, base, entry):
            copied = _copy_stored(session, base, entry)
        else:
            order = orders.get(entry.qualified) or Order(None, [])
            edits = edits_of(changes, order) if changes else []
            merge = Merge(entry.qualified, order, edits, bool(changes and changes.truncated))
            stored = _base_content(base, entry, _frames_alike(session, base))
            content = ahead(merge.run(ahead(stored)))  # read, merge, write: each on a thread
            rel = data_file_name(entry.schema_name, entry.name, session.codec.extension)
            base_rows = 0 if merge.skip_base else entry.rows
            known = lambda: base_rows + merge.rows_added  # noqa: E731
            copied = copy_to_file(session, content, rel, entry.qualified, known)
        session.progress.table_done()
        return entry.qualified, copied

    with ThreadPoolExecutor(max(workers, 1), thread_name_prefix="airvault-synthetic") as pool:
        return dict(pool.map(one, entries))


def _written_alike(session: BackupSession, base: OpenedBackup, entry: TableEntry) -> bool:
    ours, theirs = session.codec, base.codec
    return (
        entry.digest == session.digest
        and (ours.compression, ours.level) == (theirs.compression, theirs.level)
        and ours.encryption_record == theirs.encryption_record
        and entry.file.endswith(ours.extension)
    )


def _copy_stored(session: BackupSession, base: OpenedBackup, entry: TableEntry) -> CopiedData:
    """The base's stored file as it is, its file digest checked (the content is then the
    base's, which its signed manifest vouches for)."""
    started = time.monotonic()
    stored = new_hasher(entry.digest)
    with base.store.open_read(entry.file) as src, session.store.open_write(entry.file) as out:
        while block := src.read(CHUNK):
            stored.update(block)
            out.write(block)
    if stored.hexdigest() != entry.file_sha256:
        raise _damaged(base, entry)
    session.progress.add(entry.rows, entry.content_bytes)
    fields = entry.model_dump(include=set(CopiedData.model_fields))
    return CopiedData(**{**fields, "seconds": round(time.monotonic() - started, 3)})


def _frames_alike(session: BackupSession, base: OpenedBackup) -> bool:
    """The base's zstd frames can go into the new file as they are stored: both compress
    the same way (encryption, undone and redone, may differ)."""
    ours, theirs = session.codec, base.codec
    return ours.compression == theirs.compression == "zstd" and ours.level == theirs.level


def _base_content(base: OpenedBackup, entry: TableEntry, frames: bool) -> Iterator[bytes | Frame]:
    """The base file's COPY text (with `frames`, frame by frame, each with its stored bytes);
    its file digest checked at the end (a mismatch raises, and the new backup is discarded).
    The stored bytes being the ones the signed manifest names, their content is too: hashing
    it again would cost a pass over the data for nothing."""
    with base.store.open_read(entry.file) as raw:
        reader = HashingReader(raw, entry.digest)
        name = base.store.url_of(entry.file)
        try:
            if frames:
                yield from base.codec.frames(reader, name)
            else:
                stream = base.codec.reader(reader, name)
                while chunk := stream.read(CHUNK):
                    yield chunk
        except (zstandard.ZstdError, OSError, EOFError) as e:  # gzip: OSError, EOFError
            raise _damaged(base, entry) from e
        while reader.read(CHUNK):  # any trailing bytes the decompressor did not need
            pass
    if reader.sha.hexdigest() != entry.file_sha256:
        raise _damaged(base, entry)


def _damaged(base: OpenedBackup, entry: TableEntry) -> IntegrityError:
    return IntegrityError(
        f"{base.store.url_of(entry.file)} does not match its manifest (file checksum, or "
        "it cannot be decompressed): the base is damaged; no synthetic backup was made from it"
    )
