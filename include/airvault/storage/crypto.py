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

Keys rotate without orphaning older backups: the setting may hold several keys (a KeyRing),
separated by commas, white space or new lines; the first (the newest) encrypts new files, every
one decrypts, picked by the fingerprint in the file's header (or the manifest). A passphrase,
which may hold spaces and commas, takes a line of its own. A KeyRing goes wherever a Key does.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import re
import secrets
import struct
from dataclasses import dataclass

from airvault.errors import AirvaultError, IntegrityError
from airvault.storage.streams import Readable, Writable

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

    # What a KeyRing has too, so that either goes wherever a key is taken:
    @property
    def writer(self) -> Key:
        """The key new files are encrypted with: this one."""
        return self

    @property
    def fingerprints(self) -> tuple[str, ...]:
        return (self.fingerprint,)

    def find(self, fingerprint: str) -> Key | None:
        """This key if it has `fingerprint` (16 hex digits), else None."""
        return self if fingerprint == self.fingerprint else None


@dataclass(frozen=True)
class KeyRing:
    """Several keys: the first (the newest) encrypts, any of them decrypts what it wrote."""

    keys: tuple[Key, ...]

    def __post_init__(self) -> None:
        if not self.keys:
            raise WrongKeyError("the encryption key is empty")
        unique = {k.fingerprint: k for k in reversed(self.keys)}  # the first of each stays
        object.__setattr__(self, "keys", tuple(k for k in self.keys if unique[k.fingerprint] is k))

    def __repr__(self) -> str:  # never print a secret
        return f"KeyRing(fingerprints={', '.join(self.fingerprints)})"

    def __iter__(self):
        return iter(self.keys)

    def __len__(self) -> int:
        return len(self.keys)

    @property
    def writer(self) -> Key:
        return self.keys[0]

    @property
    def fingerprint(self) -> str:
        """The writing key's, the one new manifests record."""
        return self.writer.fingerprint

    @property
    def fingerprint_bytes(self) -> bytes:
        return self.writer.fingerprint_bytes

    @property
    def fingerprints(self) -> tuple[str, ...]:
        return tuple(k.fingerprint for k in self.keys)

    def find(self, fingerprint: str) -> Key | None:
        """The key with `fingerprint`, None if none of these has it."""
        return next((k for k in self.keys if k.fingerprint == fingerprint), None)


AnyKey = Key | KeyRing  # what encrypts and decrypts: a key, or several


def _raw(text: str) -> bytes | None:
    """The 32 bytes of a key written as 64 hex digits or base64, else None."""
    try:
        raw = bytes.fromhex(text)
        if len(raw) == 32:
            return raw
    except ValueError:
        pass
    try:
        raw = base64.b64decode(text, validate=True)
        if len(raw) == 32:
            return raw
    except (binascii.Error, ValueError):
        pass
    return None


_SEPARATORS = re.compile(r"[,\s]+")


def _raw_keys(line: str) -> list[bytes] | None:
    """The keys of a line of raw keys (commas or white space between them); None for a line
    of other text (a passphrase); an error for raw keys mixed with other text, which would
    otherwise be taken for one passphrase."""
    pieces = [p for p in _SEPARATORS.split(line) if p]
    raws = [_raw(p) for p in pieces]
    if pieces and all(raws):
        return [r for r in raws if r is not None]  # all of them (the filter narrows the type)
    if any(raws):
        raise WrongKeyError(
            "an encryption key setting mixes keys (64 hex digits or base64) with other text on "
            "one line: separate keys by commas, spaces or new lines, and give a passphrase a "
            "line of its own"
        )
    return None


def parse_key(text: str) -> Key:
    """A key from its text form: 64 hex digits, base64 of 32 bytes, or a passphrase. Text of
    several keys is refused (parse_keys reads it), never taken for one passphrase."""
    text = text.strip()
    if not text:
        raise WrongKeyError("the encryption key is empty")
    raws = _raw_keys(text)
    if len(text.splitlines()) > 1 or len(raws or ()) > 1:
        raise WrongKeyError(
            "this encryption key setting holds several keys (or lines) where one is expected"
        )
    raw = _raw(text) or (raws[0] if raws else None)  # "ab cd ...": hex with spaces is one key
    if raw is not None:
        return Key(raw)
    # A passphrase: scrypt makes guessing it expensive (fixed salt: the key must be the same
    # on every machine that restores).
    return Key(
        hashlib.scrypt(
            text.encode(), salt=b"airvault-v1", n=2**15, r=8, p=1, maxmem=2**26, dklen=32
        )
    )


def parse_keys(text: str) -> KeyRing:
    """The keys of a setting, in order (the first writes): raw keys separated by commas, white
    space or new lines; a line that is not only raw keys is one key (a passphrase may hold
    spaces or commas). One key gives a KeyRing of one."""
    keys = []
    for line in text.splitlines():
        line = line.strip()
        if _SEPARATORS.sub("", line):  # not a line of only separators
            raws = _raw_keys(line)
            keys += [Key(r) for r in raws] if raws else [parse_key(line)]
    return KeyRing(tuple(keys))  # none: "the encryption key is empty"


def key_from_env() -> KeyRing | None:
    """The keys in $AIRVAULT_ENCRYPTION_KEY (see parse_keys), None when it is not set."""
    text = os.environ.get(KEY_ENV)
    return parse_keys(text) if text else None


def describe(key: AnyKey | None) -> str:
    """The fingerprints of `key`, for an error message."""
    if key is None:
        return f"none ({KEY_ENV} is not set)"
    return ", ".join(key.fingerprints)


def new_key_text() -> str:
    """A fresh random key in hex (what `airvault keygen` prints)."""
    return secrets.token_hex(32)


class EncryptingWriter:
    """File-like: plaintext in, the encrypted format out to `raw` (closed by close())."""

    def __init__(self, raw: Writable, key: AnyKey, chunk: int = CHUNK) -> None:
        key = key.writer  # of a KeyRing, the first key
        self.raw = raw
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # only when used

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
    Raises IntegrityError on any tampering, WrongKeyError for a file of another key (of a
    KeyRing: of none of its keys; the one named in the header decrypts)."""

    def __init__(self, raw: Readable, key: AnyKey, name: str = "file") -> None:
        self.raw = raw
        self.name = name
        header = _read_exactly(raw, HEADER.size)
        if len(header) < HEADER.size or header[:4] != MAGIC:
            raise IntegrityError(f"{name}: not an airvault-encrypted file (bad header)")
        _magic, fingerprint, self.prefix, self.chunk = HEADER.unpack(header)
        found = key.find(fingerprint.hex())
        if found is None:
            raise WrongKeyError(
                f"{name} was encrypted with key {fingerprint.hex()}, not with the given key(s) "
                f"{describe(key)}: wrong encryption key"
            )
        key = found
        if not 0 < self.chunk <= 64 * CHUNK:
            raise IntegrityError(f"{name}: bad chunk size in the header")
        self.header = header
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # only when used

        self.aes = AESGCM(key.secret)
        self.counter = 0
        self.pending = _read_exactly(raw, self.chunk + TAG)
        self.out = bytearray()
        self.done = False

    def _next(self) -> None:
        from cryptography.exceptions import InvalidTag

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


def _read_exactly(raw: Readable, n: int) -> bytes:
    parts, got = [], 0
    while got < n:
        piece = raw.read(n - got)
        if not piece:
            break
        parts.append(piece)
        got += len(piece)
    return b"".join(parts)


def encrypt_bytes(data: bytes, key: AnyKey) -> bytes:
    from io import BytesIO

    out = BytesIO()
    writer = EncryptingWriter(out, key)
    writer.write(data)
    writer.close()
    return out.getvalue()


def decrypt_bytes(data: bytes, key: AnyKey, name: str = "file") -> bytes:
    from io import BytesIO

    return DecryptingReader(BytesIO(data), key, name).read()
