"""What the file-likes of airvault (HashingSink, EncryptingWriter, DecryptingReader) are asked
for, as protocols: the code only writes to a sink or reads from a source, never seeks."""

from __future__ import annotations

from typing import Protocol


class Writable(Protocol):
    def write(self, data: bytes, /) -> int: ...
    def flush(self) -> None: ...


class Readable(Protocol):
    def read(self, n: int = -1, /) -> bytes: ...
