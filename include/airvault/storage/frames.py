"""zstd data files as a series of frames of whole COPY lines, so that a synthetic full backup
can copy the stretches of a base's file its changes do not touch, compressed as they are.

A frame ends at the first line end at or after FRAME_BYTES of its content: the same content
gives the same frames, however it arrives. zstd readers read concatenated frames as one
stream (FileCodec.reader, the zstd tool), so files written before (one frame) and after read
alike. 2 MiB frames compress within 1% of one stream at level 1 (zstd's window at level 1 is
512 KiB); 1 MiB frames cost 1-2%."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import zstandard

from airvault.storage.streams import Readable, Writable

FRAME_BYTES = 2 << 20
_READ = 1 << 20
_BLOCK = 128 << 10  # the most plaintext one zstd block holds
# A frame of more blocks (a file from before framing: one frame for the whole table) is read
# as plain chunks, so memory stays bounded (8 MiB of plaintext: 4 frames' worth).
_MOST_BLOCKS = 64


@dataclass(frozen=True)
class Frame:
    """One frame of a file: its plaintext, and the frame as stored (compressed)."""

    content: bytes
    stored: bytes


class FramedWriter:
    """Writes COPY text to `target` zstd-compressed, a frame per FRAME_BYTES of whole lines;
    copy_frame() puts a stored frame in as it is (its content already compressed)."""

    def __init__(self, target: Writable, level: int) -> None:
        self.target, self.frame_bytes = target, FRAME_BYTES
        self._out = zstandard.ZstdCompressor(level=level).stream_writer(target, closefd=False)  # type: ignore[arg-type]
        self._in_frame = 0  # plaintext bytes in the frame being written
        self._frames = 0
        self.copied = 0  # frames copied as stored

    def write(self, data: bytes) -> int:
        view, start = memoryview(data), 0
        while len(view) - start >= self.frame_bytes - self._in_frame:
            end = data.find(b"\n", start + max(self.frame_bytes - self._in_frame, 1) - 1)
            if end < 0:
                break
            self._out.write(view[start : end + 1])
            self._in_frame += end + 1 - start
            self._end_frame()
            start = end + 1
        if start < len(view):
            self._out.write(view[start:])
            self._in_frame += len(view) - start
        return len(data)

    def copy_frame(self, frame: Frame) -> None:
        """The frame as stored; a short frame being written is finished first, or, when
        under half a frame, takes the frame's lines (so frames stay whole-sized)."""
        if 0 < self._in_frame < self.frame_bytes // 2:
            self._out.write(frame.content)
            self._in_frame += len(frame.content)
            self._end_frame()
            return
        if self._in_frame:
            self._end_frame()
        self.target.write(frame.stored)
        self._frames += 1
        self.copied += 1

    def close(self) -> None:
        if self._in_frame or not self._frames:  # an empty file is one empty frame
            self._end_frame()

    def _end_frame(self) -> None:
        self._out.flush(zstandard.FLUSH_FRAME)
        self._in_frame = 0
        self._frames += 1


class LineWriter:
    """The same interface over another compressor (gzip): a frame's plaintext written again."""

    copied = 0

    def __init__(self, out: Writable) -> None:
        self.out = out

    def write(self, data: bytes) -> int:
        return self.out.write(data)

    def copy_frame(self, frame: Frame) -> None:
        self.out.write(frame.content)


def read_frames(source: Readable) -> Iterator[Frame | bytes]:
    """The plaintext of a zstd stream, a Frame per frame; a frame too big to hold (a file
    written as one frame) comes as plain chunks. The frames are found by their headers (a
    block holds at most 128 KiB of plaintext), so no call ever gives more than that bound."""
    decompressor = zstandard.ZstdDecompressor()
    stream = _Exact(source)
    while not stream.at_end():
        pieces = _pieces(stream)
        stored = [next(pieces)]  # the header
        for piece in pieces:
            stored.append(piece)
            if len(stored) > _MOST_BLOCKS:  # too big to hold: as chunks
                yield from _chunks(decompressor, stored, pieces)
                break
        else:
            bound = (len(stored) - 1) * _BLOCK
            frame = b"".join(stored)
            yield Frame(decompressor.decompress(frame, max_output_size=bound), frame)


def _chunks(
    decompressor: zstandard.ZstdDecompressor, head: list[bytes], rest: Iterator[bytes]
) -> Iterator[bytes]:
    frame = decompressor.decompressobj()
    yield frame.decompress(b"".join(head))
    for piece in rest:
        if out := frame.decompress(piece):
            yield out
    if not frame.eof:
        raise zstandard.ZstdError("a zstd frame ends before its data does")


_MAGIC = b"\x28\xb5\x2f\xfd"
_DICTIONARY_ID = (0, 1, 2, 4)
_RLE, _RESERVED = 1, 3


def _pieces(stream: _Exact) -> Iterator[bytes]:
    """One zstd frame's stored bytes: its header, then each block (RFC 8878, 3.1.1)."""
    head = stream.take(5)
    if head[:4] != _MAGIC:
        raise zstandard.ZstdError("not a zstd frame (a file written otherwise)")
    descriptor = head[4]
    single_segment = descriptor >> 5 & 1
    content_size = (single_segment, 2, 4, 8)[descriptor >> 6]
    window = 0 if single_segment else 1
    yield head + stream.take(window + _DICTIONARY_ID[descriptor & 3] + content_size)
    last = 0
    while not last:
        header = stream.take(3)
        value = int.from_bytes(header, "little")
        last, kind, size = value & 1, value >> 1 & 3, value >> 3
        if kind == _RESERVED:
            raise zstandard.ZstdError("a zstd block of a reserved type")
        yield header + stream.take(1 if kind == _RLE else size)
    if descriptor >> 2 & 1:  # the content checksum
        yield stream.take(4)


class _Exact:
    """Reads of exact sizes from a stream read a MiB at a time."""

    def __init__(self, source: Readable) -> None:
        self.source, self.buffer, self.pos = source, b"", 0

    def take(self, n: int) -> bytes:
        while len(self.buffer) - self.pos < n:
            more = self.source.read(max(_READ, n))
            if not more:
                raise zstandard.ZstdError("the file ends inside a zstd frame")
            self.buffer, self.pos = self.buffer[self.pos :] + more, 0
        self.pos += n
        return self.buffer[self.pos - n : self.pos]

    def at_end(self) -> bool:
        if self.pos < len(self.buffer):
            return False
        self.buffer, self.pos = self.source.read(_READ), 0
        return not self.buffer
