"""How a backup's files are encoded: compression (zstd or gzip) and optional encryption, in
that order on the way out (compress, then encrypt) and reversed on the way in. Recorded in the
manifest, so a reader always knows what it holds; the key itself never is.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO

import zstandard

from airvault.errors import AirvaultError
from airvault.storage.crypto import (
    CHUNK,
    KEY_ENV,
    AnyKey,
    DecryptingReader,
    EncryptingWriter,
    WrongKeyError,
    decrypt_bytes,
    describe,
    encrypt_bytes,
    key_from_env,
)
from airvault.storage.frames import Frame, FramedWriter, LineWriter, read_frames
from airvault.storage.models import (
    ArchiveManifest,
    BackupEncryption,
    BackupManifest,
    ChangeSegment,
    Compression,
)
from airvault.storage.streams import Readable, Writable

EXTENSIONS = {"zstd": ".zst", "gzip": ".gz"}


@dataclass(frozen=True)
class FileCodec:
    compression: str = "zstd"
    level: int = 1
    key: AnyKey | None = None  # a KeyRing writes with its first key, reads with any

    def __post_init__(self) -> None:
        if self.compression not in EXTENSIONS:
            raise AirvaultError(
                f"unknown compression '{self.compression}': use {' or '.join(EXTENSIONS)}"
            )
        top = 19 if self.compression == "zstd" else 9
        if not 1 <= self.level <= top:
            raise AirvaultError(f"{self.compression} level must be 1..{top}, not {self.level}")

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.compression]

    @property
    def compression_record(self) -> Compression:
        return Compression(codec=self.compression, level=self.level)

    @property
    def encryption_record(self) -> BackupEncryption | None:
        """The key's fingerprint, never the key; None without encryption."""
        if self.key is None:
            return None
        return BackupEncryption(chunk_bytes=CHUNK, key_fingerprint=self.key.fingerprint)

    def manifest_fields(self) -> dict[str, Compression | BackupEncryption | None]:
        """The manifest's `compression` and `encryption` (the key's fingerprint, never the key)."""
        return {"compression": self.compression_record, "encryption": self.encryption_record}

    @contextmanager
    def writer(self, sink: Writable) -> Iterator[IO[bytes]]:
        """Plaintext written to the result reaches `sink` compressed (and encrypted)."""
        target = EncryptingWriter(sink, self.key) if self.key else sink
        if self.compression == "zstd":
            compressor = zstandard.ZstdCompressor(level=self.level)
            # zstandard's stubs ask for an IO[bytes]; it calls write() and flush() only
            with compressor.stream_writer(target, closefd=False) as out:  # type: ignore[arg-type]
                yield out
        else:
            with gzip.GzipFile(fileobj=target, mode="wb", compresslevel=self.level, mtime=0) as out:
                yield out  # type: ignore[misc]  # typeshed: a GzipFile (BufferedIOBase) is no IO[bytes]
        if isinstance(target, EncryptingWriter):  # (when there is a key)
            target.close()

    @contextmanager
    def line_writer(self, sink: Writable) -> Iterator[FramedWriter | LineWriter]:
        """writer() for COPY text: zstd as frames of whole lines (storage/frames.py), into
        which a synthetic full copies a base's untouched frames as they are stored."""
        if self.compression != "zstd":
            with self.writer(sink) as plain:
                yield LineWriter(plain)
            return
        target = EncryptingWriter(sink, self.key) if self.key else sink
        framed = FramedWriter(target, self.level)
        yield framed
        framed.close()
        if isinstance(target, EncryptingWriter):
            target.close()

    def frames(self, raw: Readable, name: str) -> Iterator[Frame | bytes]:
        """The plaintext of a zstd file, frame by frame with each frame as stored (where the
        frame is small enough to hold): what line_writer() can copy as it is."""
        return read_frames(DecryptingReader(raw, self.key, name) if self.key else raw)

    def reader(self, raw: Readable, name: str) -> IO[bytes]:
        """The plaintext of a file written by writer(); tampering raises IntegrityError."""
        source = DecryptingReader(raw, self.key, name) if self.key else raw
        if self.compression == "zstd":
            # zstandard's stubs ask for an IO[bytes]; it calls read() only
            return zstandard.ZstdDecompressor().stream_reader(source, read_across_frames=True)  # type: ignore[arg-type]
        # typeshed: a GzipFile is no IO[bytes], and its file needs seek(), which reading never calls
        return gzip.GzipFile(fileobj=source, mode="rb")  # type: ignore[call-overload]

    def seal(self, data: bytes) -> bytes:
        """A small plain file (schema.sql): encrypted when the backup is, never compressed."""
        return encrypt_bytes(data, self.key) if self.key else data

    def unseal(self, data: bytes, name: str) -> bytes:
        return decrypt_bytes(data, self.key, name) if self.key else data


def codec_of(
    manifest: BackupManifest | ArchiveManifest | ChangeSegment, key: AnyKey | None = None
) -> FileCodec:
    """The codec a backup was written with; for an encrypted one, with the right key (the one
    given, else $AIRVAULT_ENCRYPTION_KEY; of several, the one whose fingerprint the manifest
    names) or a clear error before anything is read."""
    compression = manifest.compression or Compression()
    encryption = manifest.encryption
    if not encryption:
        return FileCodec(compression.codec, compression.level)
    key = key or key_from_env()
    wanted = encryption.key_fingerprint
    if key is None:
        raise WrongKeyError(
            f"this backup is encrypted (key {wanted}): set AIRVAULT_ENCRYPTION_KEY or the "
            "encryption connection to its key"
        )
    found = key.find(wanted)
    if found is None:
        raise WrongKeyError(
            f"wrong encryption key: the backup was encrypted with key {wanted}, which is not "
            f"among the configured keys ({describe(key)}): add it to {KEY_ENV} or the "
            "encryption connection (keys separated by commas or new lines; the first one "
            "encrypts new backups)"
        )
    return FileCodec(compression.codec, compression.level, found)
