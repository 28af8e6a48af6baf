"""Authenticated manifests: an HMAC-SHA256 over a manifest's canonical bytes, with a signing
key only the installation holds ($AIRVAULT_SIGNING_KEY or the `airvault_signing` Airflow
connection; never in storage, manifests or logs).

Whoever can write to the storage can change any file, checksums included; only the MAC tells
a manifest this installation wrote from a forged one. Nothing a backup lists (schema files,
row selections, encryption fields) is used before its manifest passes.

Keys rotate: the setting holds one or more keys (comma or whitespace separated); the first
signs, every one is accepted. A key's id (a hash of the key) is recorded with each MAC so a
reader picks the right key and can name the one it lacks.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass

from airvault.errors import AirvaultError, ManifestUnreadable

SIGNING_ENV = "AIRVAULT_SIGNING_KEY"
SIGNING_CONNECTION = "airvault_signing"
ALGORITHM = "hmac-sha256"
FIELD = "signature"
MIN_KEY_CHARS = 16


class ManifestNotTrusted(ManifestUnreadable):
    """A manifest is unsigned, signed with an unknown key, or was changed after signing."""


@dataclass(frozen=True)
class SigningKey:
    secret: bytes

    def __repr__(self) -> str:  # never print the secret
        return f"SigningKey(id={self.id})"

    @property
    def id(self) -> str:
        return hashlib.sha256(b"airvault-signing-key-id\0" + self.secret).hexdigest()[:16]


@dataclass(frozen=True)
class SigningKeys:
    keys: tuple[SigningKey, ...]

    def __repr__(self) -> str:
        return f"SigningKeys({', '.join(k.id for k in self.keys)})"

    @property
    def writer(self) -> SigningKey:
        return self.keys[0]

    def find(self, key_id: object) -> SigningKey | None:
        return next((k for k in self.keys if k.id == key_id), None)


def parse_signing_keys(text: str) -> SigningKeys:
    """Keys from their text form: one or more secrets separated by commas or white space."""
    parts = [p for p in text.replace(",", " ").split() if p]
    if not parts:
        raise AirvaultError("the signing key is empty")
    if short := [p for p in parts if len(p) < MIN_KEY_CHARS]:
        raise AirvaultError(
            f"a signing key must have at least {MIN_KEY_CHARS} characters ({len(short)} "
            "too short); `airvault keygen --signing` makes one"
        )
    return SigningKeys(tuple(SigningKey(p.encode()) for p in parts))


def keys_from_env() -> SigningKeys | None:
    """$AIRVAULT_SIGNING_KEY, else the file $AIRVAULT_SIGNING_KEY_FILE names (a secret mounted
    into a container, or the key `make run` made); None when neither is set."""
    text = os.environ.get(SIGNING_ENV)
    path = os.environ.get(SIGNING_ENV + "_FILE")
    if not (text and text.strip()) and path:
        try:
            with open(path) as f:
                text = f.read()
        except OSError as e:
            raise AirvaultError(f"{SIGNING_ENV}_FILE: cannot read {path}: {e.strerror}") from None
    return parse_signing_keys(text) if text and text.strip() else None


def new_signing_key_text() -> str:
    return secrets.token_urlsafe(32)


def canonical(document: dict) -> bytes:
    """The bytes a MAC covers: the document without its signature, keys sorted, no spaces."""
    body = {k: v for k, v in document.items() if k != FIELD}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _mac(key: SigningKey, document: dict) -> str:
    return hmac.new(key.secret, canonical(document), hashlib.sha256).hexdigest()


def require_keys(keys: SigningKeys | None) -> SigningKeys:
    """`keys`, or the error that says how to get one."""
    if keys is None:
        raise AirvaultError(
            f"no signing key: set {SIGNING_ENV} (or the password of the Airflow connection "
            f"'{SIGNING_CONNECTION}'); `airvault keygen --signing` makes one. Manifests are "
            "signed so that a backup changed in storage is never restored"
        )
    return keys


def sign(document: dict, keys: SigningKeys | None) -> dict:
    """`document` with its signature (by the writing key) added."""
    key = require_keys(keys).writer
    return {
        **document,
        FIELD: {"algorithm": ALGORITHM, "key_id": key.id, "mac": _mac(key, document)},
    }


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
    if not isinstance(signature, dict) or signature.get("algorithm") != ALGORITHM:
        raise ManifestNotTrusted(f"{where}: unknown signature format; refused")
    key = keys.find(signature.get("key_id")) if keys else None
    if key is None:
        if trust_unsigned:
            return
        have = ", ".join(k.id for k in keys.keys) if keys else f"none ({SIGNING_ENV} is not set)"
        raise ManifestNotTrusted(
            f"{where} is signed with key {signature.get('key_id')!r}, which is not configured "
            f"(configured: {have}); add that key to {SIGNING_ENV} to trust it"
        )
    if not hmac.compare_digest(str(signature.get("mac")), _mac(key, document)):
        raise ManifestNotTrusted(
            f"{where} does not match its signature: it was changed after it was written; refused"
        )
