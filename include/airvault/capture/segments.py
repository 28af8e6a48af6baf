"""Change segments in storage: <root>/changes/<slot>/<seq>.pgo<.zst|.gz> holds a drain's
pgoutput messages, each as a 4-byte length and the message; <seq>.json is its signed
manifest, written last. A data file without its manifest is an interrupted drain: the next
drain writes the same segment again.

The chain: segment N starts at the LSN where segment N-1 ended. A base backup's capture LSN
falls inside one segment; from there, the segments up to the point in time are replayed.
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

import zstandard

from airvault.capture.pgoutput import parse_lsn
from airvault.errors import AirvaultError, IntegrityError, ManifestUnreadable
from airvault.storage.codec import EXTENSIONS, FileCodec, codec_of
from airvault.storage.crypto import AnyKey
from airvault.storage.manifest import check_format, read_signed, write_signed
from airvault.storage.models import ChangeSegment, Compression, parse
from airvault.storage.store import HashingSink, Store

FORMAT = "airvault-changes"
FORMAT_VERSION = 1
CHANGES = "changes"
_LEN = struct.Struct(">I")


def slot_folder(slot: str) -> str:
    if not slot.replace("_", "").isalnum():
        raise AirvaultError(f"capture slot name {slot!r}: use letters, digits and _ only")
    return f"{CHANGES}/{slot}"


def manifest_name(seq: int) -> str:
    return f"{seq:010d}.json"


@dataclass
class Chain:
    """The readable segments of one slot in order, and what is wrong with the chain."""

    slot: str
    segments: list[ChangeSegment] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def tip(self) -> ChangeSegment | None:
        return self.segments[-1] if self.segments else None

    def gaps(self) -> list[str]:
        found = []
        for prev, seg in zip(self.segments, self.segments[1:], strict=False):
            if seg.seq != prev.seq + 1:
                found.append(
                    f"segments {prev.seq + 1}..{seg.seq - 1} of slot {self.slot} are "
                    f"missing (changes {prev.end_lsn} .. {seg.start_lsn})"
                )
            elif parse_lsn(seg.start_lsn) != parse_lsn(prev.end_lsn):
                found.append(
                    f"segment {seg.seq} of slot {self.slot} starts at {seg.start_lsn}, "
                    f"not where {prev.seq} ended ({prev.end_lsn})"
                )
        return found

    def for_base(self, base_lsn: str) -> list[ChangeSegment]:
        """The segments a base at `base_lsn` replays, in order; an error for a broken chain."""
        lsn = parse_lsn(base_lsn)
        start = next((i for i, s in enumerate(self.segments) if parse_lsn(s.end_lsn) > lsn), None)
        if start is None:
            return []  # nothing captured after the base yet
        first = self.segments[start]
        # the segment before ended at or before the base: this one must start there too
        if parse_lsn(first.start_lsn) > lsn:
            raise IntegrityError(
                f"the changes of slot {self.slot} between the base ({base_lsn}) and "
                f"{first.start_lsn} are missing: capture was started after this backup or a "
                "segment was lost; restore from a newer base"
            )
        needed = self.segments[start:]
        link = Chain(self.slot, needed)
        if broken := link.gaps():
            raise IntegrityError("; ".join(broken))
        return needed


def storage_root_of(url: str) -> str:
    """The storage root holding a backup at <root>/backups/<kind>/<scope>/<folder>."""
    parts = url.rstrip("/").split("/")
    if len(parts) < 5 or parts[-4] != "backups":
        raise AirvaultError(
            f"{url} is not inside a storage root (…/backups/<kind>/<scope>/<folder>): give the "
            "root the change segments are in (--changes URL)"
        )
    return "/".join(parts[:-4])


def changes_root(base: Store, url: str | None = None) -> Store:
    """Where a base's change segments are: `url`, else the base's own storage root; read with
    the base's keys."""
    from airvault.storage.store import open_store

    root = open_store(url or storage_root_of(base.url))
    root.key, root.signing, root.trust_unsigned = base.key, base.signing, base.trust_unsigned
    return root


def coverage_note(base: Store, manifest) -> str:  # manifest: a BackupManifest
    """How far point-in-time restores from this base reach, or why they cannot."""
    from airvault.capture.coverage import first_gap, gap_text

    capture = manifest.capture
    try:
        segments = read_chain(changes_root(base), capture.slot).for_base(capture.lsn)
    except AirvaultError as e:
        return f"point in time: not possible from this base: {e}"
    if not segments:
        return f"point in time: a base at {capture.lsn} (slot {capture.slot}); no change after it in storage yet"
    if gap := first_gap(segments, capture.lsn):
        return (
            f"point in time: a base at {capture.lsn} (slot {capture.slot}); restorable to any "
            f"moment up to {gap.committed_at}, not after: {gap_text(gap)}; later moments "
            "restore from a base taken after it"
        )
    return (
        f"point in time: a base at {capture.lsn} (slot {capture.slot}); restorable to any "
        f"moment up to {segments[-1].covered_until} ({len(segments)} change segments)"
    )


def read_segment_manifest(store: Store, rel: str) -> ChangeSegment:
    where = store.url_of(rel)
    document = read_signed(store, rel, "change segment")
    check_format(document, where, FORMAT, FORMAT_VERSION, "change segment")
    segment = parse(ChangeSegment, document, where)
    if segment.file != rel.rsplit("/", 1)[-1].replace(".json", ".pgo") + _ext(segment):
        raise ManifestUnreadable(f"{where} names the data file {segment.file!r}, not its own")
    segment.url = where
    return segment


def _ext(segment: ChangeSegment) -> str:
    return EXTENSIONS.get(segment.compression.codec, "")


def read_chain(root: Store, slot: str) -> Chain:
    """Every segment of `slot` under `root`, authenticated; unreadable ones are problems."""
    folder = root.child(slot_folder(slot))
    chain = Chain(slot)
    for rel in folder.glob("*.json"):
        try:
            chain.segments.append(read_segment_manifest(folder, rel))
        except (IntegrityError, ManifestUnreadable) as e:
            chain.problems.append(str(e))
    chain.segments.sort(key=lambda s: s.seq)
    chain.problems += chain.gaps()
    return chain


class SegmentWriter:
    """Writes one segment's data file: messages framed, compressed (and encrypted), hashed."""

    def __init__(self, folder: Store, seq: int, codec: FileCodec) -> None:
        self.rel = f"{seq:010d}.pgo{codec.extension}"
        self._raw = folder.open_write(self.rel)
        self._sink = HashingSink(self._raw)
        self._writer_cm = codec.writer(self._sink)
        self._out = self._writer_cm.__enter__()
        self._content = hashlib.sha256()
        self.content_bytes = 0
        self._buffer: list[bytes] = []
        self._buffered = 0

    def write(self, message: bytes) -> None:
        self._buffer += (_LEN.pack(len(message)), message)
        self._buffered += len(message) + 4
        if self._buffered > 1 << 20:
            self._flush()

    def _flush(self) -> None:
        data = b"".join(self._buffer)
        self._buffer, self._buffered = [], 0
        self._content.update(data)
        self.content_bytes += len(data)
        self._out.write(data)

    def close(self) -> dict:
        self._flush()
        self._writer_cm.__exit__(None, None, None)
        self._raw.close()
        return {
            "file": self.rel,
            "content_sha256": self._content.hexdigest(),
            "content_bytes": self.content_bytes,
            "file_sha256": self._sink.sha.hexdigest(),
            "file_bytes": self._sink.bytes,
        }

    def abort(self) -> None:
        try:
            self._writer_cm.__exit__(None, None, None)
        finally:
            self._raw.close()


def write_segment_manifest(folder: Store, fields: dict) -> ChangeSegment:
    segment = ChangeSegment.model_validate(
        {"format": FORMAT, "format_version": FORMAT_VERSION, **fields}
    )
    write_signed(folder, manifest_name(segment.seq), segment)
    return segment


def read_messages(
    root: Store, segment: ChangeSegment, key: AnyKey | None = None
) -> Iterator[bytes]:
    """The messages of `segment`: its stored file's checksum is checked before anything is
    decoded, its content's at the end (a file changed meanwhile raises then, and a replay
    inside a transaction rolls back)."""
    folder = root.child(slot_folder(segment.slot))
    codec = codec_of(segment, key)  # the right key of several, or a clear error
    where = folder.url_of(segment.file)
    stored = hashlib.sha256()
    with folder.open_read(segment.file) as raw:  # checked first: nothing unchecked is decoded
        while block := raw.read(1 << 20):
            stored.update(block)
    if stored.hexdigest() != segment.file_sha256:
        raise IntegrityError(
            f"{where} does not match its manifest (file checksum): the "
            "segment was changed or is damaged"
        )
    content = hashlib.sha256()
    with folder.open_read(segment.file) as raw:
        stream = codec.reader(raw, where)
        pending = b""
        while chunk := _read(stream, where):
            content.update(chunk)
            data = pending + chunk
            pos, end = 0, len(data)
            while end - pos >= 4:
                (size,) = _LEN.unpack_from(data, pos)
                if end - pos - 4 < size:
                    break
                yield data[pos + 4 : pos + 4 + size]
                pos += 4 + size
            pending = data[pos:]
    if pending or content.hexdigest() != segment.content_sha256:
        raise IntegrityError(
            f"{where} does not match its manifest (content checksum): the "
            "segment was changed or is damaged"
        )


def _read(stream, where: str) -> bytes:
    try:
        return stream.read(1 << 20)
    except (zstandard.ZstdError, OSError, EOFError) as e:
        raise IntegrityError(f"{where} is damaged: {e}") from None


def compression_of(codec: FileCodec) -> Compression:
    return Compression(codec=codec.compression, level=codec.level)


def iso(when: datetime | None) -> str | None:
    return when.isoformat() if when else None
