"""Client-side encryption of backup and archive files: AES-256-GCM in 1 MiB chunks, so a file
of any size streams through in bounded memory and any changed, reordered, dropped or appended
chunk fails authentication.

File format (all integers big-endian):
    header  b"AVE1" | key fingerprint (8 bytes) | nonce prefix (8 random bytes) | chunk size (4)
    chunks  AES-GCM(key, nonce = prefix || chunk number (4), plaintext chunk,
                    associated data = header || final flag (1 byte)) -> ciphertext || 16-byte tag
Every chunk but the last is exactly `chunk size` bytes of plaintext; the last carries the
final flag, so a truncated file is refused too. An empty file is one empty final chunk.

The key (32 bytes) comes from $AIRVAULT_ENCRYPTION_KEY or an Airflow connection: 64 hex
digits or base64 of 32 bytes, or else a passphrase stretched with scrypt. It is never written
anywhere; manifests record only its fingerprint.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import secrets
import struct
from dataclasses import dataclass
from typing import IO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from airvault.errors import AirvaultError, IntegrityError

MAGIC = b"AVE1"
HEADER = struct.Struct(">4s8s8sI")
TAG = 16
CHUNK = 1 << 20
KEY_ENV = "AIRVAULT_ENCRYPTION_KEY"


class WrongKeyError(AirvaultError):
    """No key, or not the key a file was encrypted with."""


@dataclass(frozen=True)
class Key:
    secret: bytes

    def __repr__(self) -> str:  # never print the secret
        return f"Key(fingerprint={self.fingerprint})"

    @property
    def fingerprint(self) -> str:
        return hashlib.sha256(b"airvault-key-fingerprint\0" + self.secret).hexdigest()[:16]

    @property
    def fingerprint_bytes(self) -> bytes:
        return bytes.fromhex(self.fingerprint)


def parse_key(text: str) -> Key:
    """A key from its text form: 64 hex digits, base64 of 32 bytes, or a passphrase."""
    text = text.strip()
    if not text:
        raise WrongKeyError("the encryption key is empty")
    try:
        raw = bytes.fromhex(text)
        if len(raw) == 32:
            return Key(raw)
    except ValueError:
        pass
    try:
        raw = base64.b64decode(text, validate=True)
        if len(raw) == 32:
            return Key(raw)
    except (binascii.Error, ValueError):
        pass
    # A passphrase: scrypt makes guessing it expensive (fixed salt: the key must be the same
    # on every machine that restores).
    return Key(
        hashlib.scrypt(
            text.encode(), salt=b"airvault-v1", n=2**15, r=8, p=1, maxmem=2**26, dklen=32
        )
    )


def key_from_env() -> Key | None:
    text = os.environ.get(KEY_ENV)
    return parse_key(text) if text else None


def new_key_text() -> str:
    """A fresh random key in hex (what `airvault keygen` prints)."""
    return secrets.token_hex(32)


class EncryptingWriter:
    """File-like: plaintext in, the encrypted format out to `raw` (closed by close())."""

    def __init__(self, raw: IO[bytes], key: Key, chunk: int = CHUNK) -> None:
        self.raw = raw
        self.aes = AESGCM(key.secret)
        self.header = HEADER.pack(MAGIC, key.fingerprint_bytes, secrets.token_bytes(8), chunk)
        self.prefix = self.header[12:20]
        self.chunk = chunk
        self.buffer = bytearray()
        self.counter = 0
        self.closed = False
        raw.write(self.header)

    def _seal(self, data: bytes, final: bool) -> None:
        nonce = self.prefix + struct.pack(">I", self.counter)
        self.counter += 1
        self.raw.write(self.aes.encrypt(nonce, data, self.header + (b"\1" if final else b"\0")))

    def write(self, data: bytes) -> int:
        self.buffer += data
        # Keep at least one byte back: the last chunk must be sealed as final by close().
        while len(self.buffer) > self.chunk:
            self._seal(bytes(self.buffer[: self.chunk]), final=False)
            del self.buffer[: self.chunk]
        return len(data)

    def flush(self) -> None:
        pass

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            self._seal(bytes(self.buffer), final=True)
            self.buffer.clear()

    def __enter__(self) -> EncryptingWriter:
        return self

    def __exit__(self, *exc) -> None:
        if exc[0] is None:
            self.close()


class DecryptingReader:
    """File-like: reads the encrypted format from `raw`, returns the authenticated plaintext.
    Raises IntegrityError on any tampering, WrongKeyError for a file of another key."""

    def __init__(self, raw: IO[bytes], key: Key, name: str = "file") -> None:
        self.raw = raw
        self.name = name
        header = _read_exactly(raw, HEADER.size)
        if len(header) < HEADER.size or header[:4] != MAGIC:
            raise IntegrityError(f"{name}: not an airvault-encrypted file (bad header)")
        _magic, fingerprint, self.prefix, self.chunk = HEADER.unpack(header)
        if fingerprint != key.fingerprint_bytes:
            raise WrongKeyError(
                f"{name} was encrypted with key {fingerprint.hex()}, not with the given key "
                f"{key.fingerprint}: wrong encryption key"
            )
        if not 0 < self.chunk <= 64 * CHUNK:
            raise IntegrityError(f"{name}: bad chunk size in the header")
        self.header = header
        self.aes = AESGCM(key.secret)
        self.counter = 0
        self.pending = _read_exactly(raw, self.chunk + TAG)
        self.out = bytearray()
        self.done = False

    def _next(self) -> None:
        following = _read_exactly(self.raw, self.chunk + TAG)
        final = not following
        nonce = self.prefix + struct.pack(">I", self.counter)
        self.counter += 1
        try:
            plain = self.aes.decrypt(
                nonce, bytes(self.pending), self.header + (b"\1" if final else b"\0")
            )
        except InvalidTag:
            raise IntegrityError(
                f"{self.name}: chunk {self.counter - 1} failed authentication (the file was "
                "changed, truncated or damaged)"
            ) from None
        self.out += plain
        self.pending = following
        self.done = final

    def read(self, n: int = -1) -> bytes:
        while not self.done and (n < 0 or len(self.out) < n):
            self._next()
        if n < 0 or n >= len(self.out):
            data, self.out = bytes(self.out), bytearray()
        else:
            data = bytes(self.out[:n])
            del self.out[:n]
        return data

    def readable(self) -> bool:
        return True


def _read_exactly(raw: IO[bytes], n: int) -> bytes:
    parts, got = [], 0
    while got < n:
        piece = raw.read(n - got)
        if not piece:
            break
        parts.append(piece)
        got += len(piece)
    return b"".join(parts)


def encrypt_bytes(data: bytes, key: Key) -> bytes:
    from io import BytesIO

    out = BytesIO()
    writer = EncryptingWriter(out, key)
    writer.write(data)
    writer.close()
    return out.getvalue()


def decrypt_bytes(data: bytes, key: Key, name: str = "file") -> bytes:
    from io import BytesIO

    return DecryptingReader(BytesIO(data), key, name).read()
