"""Manifests signed with Ed25519: a machine with the public key alone verifies a backup,
refuses a changed one and cannot sign one; backups signed with the HMAC of before still verify
where their secret is configured."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import shutil
from pathlib import Path

import pytest

from airvault.errors import AirvaultError, IntegrityError
from airvault.storage.manifest import MANIFEST, read_manifest
from airvault.storage.signing import (
    PUBLIC_ENV,
    PUBLIC_KEY_FILE,
    SIGNING_ENV,
    SigningKey,
    canonical,
    keys_from_env,
    parse_public_keys,
    parse_signing_keys,
    public_keys_text,
    sign,
)
from airvault.storage.store import open_store
from tests.dbutil import INFRA, table_checksums


def _copy(demo_backup, dest: Path) -> Path:
    shutil.copytree(demo_backup.url.removeprefix("file://"), dest)
    return dest


def _rewrite(folder: Path, document: dict) -> None:
    (folder / MANIFEST).write_text(json.dumps(document, indent=2, sort_keys=True))


def _public_only(pem: str) -> None:
    """This process becomes a machine that holds the public key and no secret."""
    os.environ.pop(SIGNING_ENV, None)
    os.environ.pop(SIGNING_ENV + "_FILE", None)
    os.environ[PUBLIC_ENV] = pem


def test_the_public_key_alone_verifies_and_cannot_sign_or_forge(demo_backup, tmp_path,
                                                                restored_env):  # fmt: skip
    installation = keys_from_env()
    root = Path(demo_backup.url.removeprefix("file://")).parents[3]
    stored = (root / PUBLIC_KEY_FILE).read_text()  # published beside the backups
    assert [k.id for k in parse_public_keys(stored, "x")] == [installation.writer.id]
    signature = json.loads(Path(demo_backup.url.removeprefix("file://"), MANIFEST).read_text())[
        "signature"]  # fmt: skip
    assert signature["algorithm"] == "ed25519" and signature["key_id"] == installation.writer.id
    assert installation.writer.secret.decode() not in stored

    _public_only(public_keys_text(installation))
    manifest = read_manifest(open_store(demo_backup.url))
    assert manifest.authenticated and manifest.id == demo_backup.id

    document = json.loads(Path(demo_backup.url.removeprefix("file://"), MANIFEST).read_text())
    with pytest.raises(AirvaultError, match="holds only the public key.*cannot sign"):
        sign(document, keys_from_env())

    # changed after signing: refused
    changed = _copy(demo_backup, tmp_path / "changed")
    _rewrite(changed, {**document, "label": "changed"})
    with pytest.raises(IntegrityError, match="does not match its signature"):
        read_manifest(open_store(changed))

    # forged with what the attacker has, the public key: as an HMAC secret, under either id
    pem = public_keys_text(installation)
    forged = _copy(demo_backup, tmp_path / "forged")
    body = {**document, "tables": document["tables"][:1]}
    for key_id in (installation.writer.id, SigningKey(pem.encode()).hmac_id):
        mac = hmac.new(pem.encode(), canonical(body), hashlib.sha256).hexdigest()
        _rewrite(forged, {**body, "signature": {"algorithm": "hmac-sha256", "key_id": key_id,
                                                "mac": mac}})  # fmt: skip
        with pytest.raises(IntegrityError, match=f"signed with key '{key_id}'.*HMAC"):
            read_manifest(open_store(forged))
    # an Ed25519 signature of another key, naming ours: does not verify
    attacker = parse_signing_keys("an-attackers-own-secret-0123456789")
    signed = sign(body, attacker)
    signed["signature"]["key_id"] = installation.writer.id
    _rewrite(forged, signed)
    with pytest.raises(IntegrityError, match="does not match its signature"):
        read_manifest(open_store(forged))
    # signed by the attacker's own key: not one given to this machine
    _rewrite(forged, sign(body, attacker))
    with pytest.raises(IntegrityError, match=f"signed with key '{attacker.writer.id}'"):
        read_manifest(open_store(forged))


def _backed_up(checksums: dict[str, str]) -> dict[str, str]:
    """The demo's tables a backup holds: the infrastructure ones are excluded (empty)."""
    return {t: c for t, c in checksums.items() if t.split(".")[1] not in INFRA} | {
        f"public.{t}": hashlib.md5(b"").hexdigest() for t in INFRA}  # fmt: skip


def _as_hmac_era(folder: Path, secret: bytes, key_id: str) -> dict:
    """The manifest signed as airvault signed before Ed25519: an HMAC-SHA256 of the
    canonical document with the installation's secret, under the secret's id."""
    document = json.loads((folder / MANIFEST).read_text())
    document.pop("signature")
    mac = hmac.new(secret, canonical(document), hashlib.sha256).hexdigest()
    document["signature"] = {"algorithm": "hmac-sha256", "key_id": key_id, "mac": mac}
    _rewrite(folder, document)
    return document


def test_hmac_era_backups_still_verify_and_restore_with_their_secret(
    demo_backup, demo_dsn, pg, tmp_path, restored_env
):
    from airvault.restore.run import restore

    key = keys_from_env().writer
    old = _copy(demo_backup, tmp_path / "old")
    document = _as_hmac_era(old, key.secret, key.hmac_id)
    assert read_manifest(open_store(old)).authenticated
    target = pg.dsn_for(f"hmac_era_{os.getpid()}")
    restore(str(old), target, mode="new-database")
    assert table_checksums(target) == _backed_up(table_checksums(demo_dsn))

    changed = _copy(demo_backup, tmp_path / "changed")
    _rewrite(changed, {**document, "label": "changed"})
    with pytest.raises(IntegrityError, match="does not match its signature"):
        read_manifest(open_store(changed))
    # the public key cannot check an HMAC: the machine says what would
    _public_only(public_keys_text(keys_from_env()))
    with pytest.raises(IntegrityError, match="HMAC.*its public key cannot check.*trust-unsigned"):
        read_manifest(open_store(old))
