"""Authenticated manifests: an Ed25519 signature over a manifest's canonical bytes.

Whoever can write to the storage can change any file, checksums included; only the signature
tells a manifest this installation wrote from a forged one. Nothing a backup lists (schema
files, row selections, encryption fields) is used before its manifest passes.

The installation holds a secret ($AIRVAULT_SIGNING_KEY, its _FILE, or the password of the
`airvault_signing` Airflow connection; never in storage, manifests or logs). Its Ed25519
private key is derived from that secret (HKDF-SHA256), so the secret is the only thing to keep.
Any machine verifies with the public key alone ($AIRVAULT_PUBLIC_KEY, its _FILE, or
`airvault --public-key FILE`): a disaster-recovery site or a staging restore can read the
backups and cannot forge one. The public key is also stored beside the backups
(`<root>/airvault-public-key.pem`) for people to compare; it is never trusted from there,
since whoever can write the storage could replace it with their own.

Before Ed25519, manifests carried an HMAC-SHA256 by the same secret: those still verify where
the secret is configured (a machine with the public key only must pass --trust-unsigned).

Keys rotate: the setting holds one or more secrets (comma or whitespace separated); the first
signs, every one is accepted. A signature names its key's id (a hash of the public key; of the
secret for HMAC) so a reader picks the right key and can name the one it lacks.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import secrets
from dataclasses import dataclass
from functools import cached_property

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from airvault.errors import AirvaultError, ManifestUnreadable

SIGNING_ENV = "AIRVAULT_SIGNING_KEY"
PUBLIC_ENV = "AIRVAULT_PUBLIC_KEY"
SIGNING_CONNECTION = "airvault_signing"
ALGORITHM = "ed25519"  # what new signatures use
HMAC_ALGORITHM = "hmac-sha256"  # signatures before Ed25519: verified, never written
FIELD = "signature"
MIN_KEY_CHARS = 16
PUBLIC_KEY_FILE = "airvault-public-key.pem"  # beside the backups: for people, never trusted
_PEM = re.compile(r"-----BEGIN PUBLIC KEY-----.+?-----END PUBLIC KEY-----", re.S)


class ManifestNotTrusted(ManifestUnreadable):
    """A manifest is unsigned, signed with an unknown key, or was changed after signing."""


@dataclass(frozen=True)
class PublicKey:
    """An Ed25519 public key: verifies signatures, cannot make them."""

    raw: bytes

    def __repr__(self) -> str:
        return f"PublicKey(id={self.id})"

    @property
    def id(self) -> str:
        return hashlib.sha256(b"airvault-ed25519-key-id\0" + self.raw).hexdigest()[:16]

    def pem(self) -> str:
        key = Ed25519PublicKey.from_public_bytes(self.raw)
        return key.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        ).decode()

    def verifies(self, signature: str, data: bytes) -> bool:
        try:
            Ed25519PublicKey.from_public_bytes(self.raw).verify(_unb64(signature), data)
        except (InvalidSignature, ValueError):
            return False
        return True


@dataclass(frozen=True)
class SigningKey:
    """The installation's secret: signs (Ed25519, derived) and checks HMAC-era signatures."""

    secret: bytes

    def __repr__(self) -> str:  # never print the secret
        return f"SigningKey(id={self.id})"

    @cached_property
    def private(self) -> Ed25519PrivateKey:
        info = b"airvault manifest signing: ed25519 v1"
        seed = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(self.secret)
        return Ed25519PrivateKey.from_private_bytes(seed)

    @cached_property
    def public(self) -> PublicKey:
        raw = self.private.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        return PublicKey(raw)

    @property
    def id(self) -> str:
        """The id signatures name: its public key's."""
        return self.public.id

    @property
    def hmac_id(self) -> str:
        """The id HMAC-era signatures named: a hash of the secret."""
        return hashlib.sha256(b"airvault-signing-key-id\0" + self.secret).hexdigest()[:16]


@dataclass(frozen=True)
class SigningKeys:
    """The secrets this process holds (may be none) and public keys given out of band."""

    keys: tuple[SigningKey, ...]
    public_keys: tuple[PublicKey, ...] = ()

    def __repr__(self) -> str:
        return f"SigningKeys({', '.join(k.id for k in self.verifiers)})"

    @property
    def writer(self) -> SigningKey:
        if not self.keys:
            ids = ", ".join(k.id for k in self.public_keys) or "none"
            raise AirvaultError(
                f"this machine holds only the public key ({ids}): it verifies backups, it "
                f"cannot sign any; signing needs the installation's {SIGNING_ENV}"
            )
        return self.keys[0]

    @property
    def verifiers(self) -> tuple[PublicKey, ...]:
        """Every public key accepted: the secrets' own, then those given."""
        return (*(k.public for k in self.keys), *self.public_keys)

    def find(self, key_id: object) -> PublicKey | None:
        return next((k for k in self.verifiers if k.id == key_id), None)

    def find_hmac(self, key_id: object) -> SigningKey | None:
        """Only a secret checks an HMAC: a public key used as one would let anyone forge."""
        return next((k for k in self.keys if k.hmac_id == key_id), None)


def parse_signing_keys(text: str, public: tuple[PublicKey, ...] = ()) -> SigningKeys:
    """Keys from their text form: one or more secrets separated by commas or white space."""
    parts = [p for p in text.replace(",", " ").split() if p]
    if not parts:
        raise AirvaultError("the signing key is empty")
    if short := [p for p in parts if len(p) < MIN_KEY_CHARS]:
        raise AirvaultError(
            f"a signing key must have at least {MIN_KEY_CHARS} characters ({len(short)} "
            "too short); `airvault keygen --signing` makes one"
        )
    return SigningKeys(tuple(SigningKey(p.encode()) for p in parts), public)


def parse_public_keys(text: str, where: str) -> tuple[PublicKey, ...]:
    """Ed25519 public keys from PEM text (one or more blocks; text around them is ignored)."""
    found = []
    for block in _PEM.findall(text):
        try:
            key = serialization.load_pem_public_key(block.encode())
        except ValueError as e:
            raise AirvaultError(f"{where}: not a readable public key: {e}") from None
        if not isinstance(key, Ed25519PublicKey):
            raise AirvaultError(f"{where}: not an Ed25519 public key (airvault keys show)")
        found.append(
            PublicKey(key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))
        )
    if not found:
        raise AirvaultError(
            f"{where}: no public key in it (expected -----BEGIN PUBLIC KEY----- blocks, as "
            "`airvault keys show` prints)"
        )
    return tuple(found)


def public_keys_text(keys: SigningKeys) -> str:
    """The PEM file of the installation's public keys, the signing one first."""
    lines = []
    for key in keys.verifiers:
        lines += [f"# airvault manifest verification key, id {key.id}", key.pem()]
    return "\n".join(lines)


def _setting(name: str) -> tuple[str | None, str]:
    """The text of $NAME, else of the file $NAME_FILE names; and where it came from."""
    text = os.environ.get(name)
    path = os.environ.get(name + "_FILE")
    if not (text and text.strip()) and path:
        try:
            with open(path) as f:
                return f.read(), path
        except OSError as e:
            raise AirvaultError(f"{name}_FILE: cannot read {path}: {e.strerror}") from None
    return (text if text and text.strip() else None), f"${name}"


def public_keys_from_env() -> tuple[PublicKey, ...]:
    text, where = _setting(PUBLIC_ENV)
    return parse_public_keys(text, where) if text else ()


def keys_from_env(secret_text: str | None = None) -> SigningKeys | None:
    """The secrets of $AIRVAULT_SIGNING_KEY (or `secret_text`: an Airflow connection's), else
    the file $AIRVAULT_SIGNING_KEY_FILE names (a secret mounted into a container, or the key
    `make run` made), with the public keys of $AIRVAULT_PUBLIC_KEY(_FILE); None when none."""
    text = secret_text or _setting(SIGNING_ENV)[0]
    public = public_keys_from_env()
    if text:
        return parse_signing_keys(text, public)
    return SigningKeys((), public) if public else None


def new_signing_key_text() -> str:
    return secrets.token_urlsafe(32)


def canonical(document: dict) -> bytes:
    """The bytes a signature covers: the document without its signature, keys sorted."""
    body = {k: v for k, v in document.items() if k != FIELD}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _unb64(text: object) -> bytes:
    try:
        return base64.b64decode(str(text), validate=True)
    except ValueError:
        return b""


def can_sign(keys: SigningKeys | None) -> bool:
    """Whether `keys` hold a secret (a restore machine may hold public keys only)."""
    return keys is not None and bool(keys.keys)


def require_keys(keys: SigningKeys | None) -> SigningKeys:
    """`keys` that can sign, or the error that says how to get them."""
    if keys is None:
        raise AirvaultError(
            f"no signing key: set {SIGNING_ENV} (or the password of the Airflow connection "
            f"'{SIGNING_CONNECTION}'); `airvault keygen --signing` makes one. Manifests are "
            "signed so that a backup changed in storage is never restored"
        )
    keys.writer  # noqa: B018 - a machine with public keys only: say so before any work
    return keys


def sign(document: dict, keys: SigningKeys | None) -> dict:
    """`document` with its signature (by the writing key) added."""
    key = require_keys(keys).writer
    signature = _b64(key.private.sign(canonical(document)))
    return {**document, FIELD: {"algorithm": ALGORITHM, "key_id": key.id, "signature": signature}}


def check(document: dict, keys: SigningKeys | None, where: str, trust_unsigned: bool) -> None:
    """Refuse `document` (read from `where`) unless one of `keys` signed it, or the caller
    explicitly trusts unsigned documents (a backup from another installation or from before
    signing). A signature that does not match is refused even then: that is tampering."""
    signature = document.get(FIELD)
    if signature is None:
        if trust_unsigned:
            return
        raise ManifestNotTrusted(
            f"{where} is not signed (written before airvault signed manifests, or by another "
            "tool): it cannot be authenticated; if you trust where it came from, pass "
            "--trust-unsigned (CLI) or the trust_unsigned Param"
        )
    algorithm = signature.get("algorithm") if isinstance(signature, dict) else None
    if algorithm not in (ALGORITHM, HMAC_ALGORITHM):
        raise ManifestNotTrusted(f"{where}: unknown signature format; refused")
    key_id = signature.get("key_id")
    key = keys.find(key_id) if keys and algorithm == ALGORITHM else None
    secret = keys.find_hmac(key_id) if keys and algorithm == HMAC_ALGORITHM else None
    if key is None and secret is None:
        if trust_unsigned:
            return
        raise ManifestNotTrusted(_unknown_key(where, algorithm, key_id, keys))
    matches = False
    if key is not None:
        matches = key.verifies(str(signature.get("signature")), canonical(document))
    elif secret is not None:
        mac = hmac.new(secret.secret, canonical(document), hashlib.sha256).hexdigest()
        matches = hmac.compare_digest(str(signature.get("mac")), mac)
    if not matches:
        raise ManifestNotTrusted(
            f"{where} does not match its signature: it was changed after it was written; refused"
        )


def _unknown_key(where: str, algorithm: str, key_id: object, keys: SigningKeys | None) -> str:
    if algorithm == HMAC_ALGORITHM:  # only the secret that made an HMAC can check it
        have = ", ".join(k.hmac_id for k in keys.keys) if keys and keys.keys else "none"
        return (
            f"{where} is signed with key {key_id!r} (HMAC, before Ed25519), which is not "
            f"configured (configured: {have}); add that installation's secret to {SIGNING_ENV} "
            "to trust it (its public key cannot check an HMAC), or pass --trust-unsigned"
        )
    have = ", ".join(k.id for k in keys.verifiers) if keys else f"none ({SIGNING_ENV} is not set)"
    return (
        f"{where} is signed with key {key_id!r}, which is not configured (configured: {have}); "
        f"add that key to {SIGNING_ENV}, or its public key to {PUBLIC_ENV}, to trust it"
    )
