"""Encryption at rest (AES-256-GCM in chunks) and the compression codec, end to end against the
real demo database: what a user checks is that the files are unreadable without the key, that
the right key restores every row, and that a wrong key or a changed byte stops before writing."""

from __future__ import annotations

import io
import os
from pathlib import Path

import psycopg
import pytest

from airvault.crypto import (
    DecryptingReader,
    EncryptingWriter,
    WrongKeyError,
    new_key_text,
    parse_key,
)
from airvault.errors import IntegrityError
from airvault.restore import restore
from airvault.storage import open_store
from airvault.verify import verify_backup
from tests.dbutil import backup, table_checksums

KEY = parse_key(new_key_text())
OTHER = parse_key("correct horse battery staple")


def _encrypt(data: bytes, key=KEY, chunk: int = 64) -> bytes:
    out = io.BytesIO()
    with EncryptingWriter(out, key, chunk) as w:
        for i in range(0, len(data), 10):  # many small writes, as a compressor makes them
            w.write(data[i : i + 10])
    return out.getvalue()


def _decrypt(blob: bytes, key=KEY) -> bytes:
    return DecryptingReader(io.BytesIO(blob), key, "f").read()


@pytest.mark.parametrize("size", [0, 1, 63, 64, 65, 640, 1000])
def test_chunked_aes_gcm_round_trips_every_size(size):
    data = os.urandom(size)
    blob = _encrypt(data)
    assert size < 16 or data not in blob  # (a byte or two may occur in any random blob)
    assert _decrypt(blob) == data


def test_any_change_to_an_encrypted_file_is_detected():
    blob = _encrypt(b"x" * 300)  # 5 chunks of 64 bytes
    flipped = bytearray(blob)
    flipped[100] ^= 1
    header, chunk = 24, 64 + 16
    cases = {
        "flipped byte": bytes(flipped),
        "last chunk dropped": blob[: header + 4 * chunk],
        "chunk appended": blob + blob[header : header + chunk],
        "chunks swapped": blob[:header] + blob[header + chunk : header + 2 * chunk]
        + blob[header : header + chunk] + blob[header + 2 * chunk :],
    }  # fmt: skip
    for name, bad in cases.items():
        with pytest.raises(IntegrityError, match="failed authentication"):
            _decrypt(bad)
        assert name
    with pytest.raises(WrongKeyError, match="wrong encryption key"):
        _decrypt(blob, OTHER)


def test_passphrase_and_hex_keys_are_stable_and_never_printed():
    assert parse_key("correct horse battery staple") == OTHER
    assert parse_key(KEY.secret.hex()) == KEY
    assert KEY.secret.hex() not in repr(KEY)


@pytest.fixture(scope="module")
def encrypted_backup(demo_dsn, tmp_path_factory):
    return backup(demo_dsn, tmp_path_factory.mktemp("enc"), encryption_key=KEY)


def test_encrypted_backup_is_unreadable_without_the_key_and_restores_with_it(
    encrypted_backup, demo_dsn, pg, monkeypatch, tmp_path
):
    m = encrypted_backup.manifest
    assert m["encryption"]["key_fingerprint"] == KEY.fingerprint
    assert KEY.secret.hex() not in Path(encrypted_backup.url[7:], "manifest.json").read_text()
    folder = Path(encrypted_backup.url.removeprefix("file://"))
    with psycopg.connect(demo_dsn) as conn:
        email = conn.execute("SELECT email FROM auth.users ORDER BY id LIMIT 1").fetchone()[0]
    for f in folder.rglob("*"):
        if f.is_file() and f.name != "manifest.json":
            assert email.encode() not in f.read_bytes(), f
            assert b"CREATE TABLE" not in f.read_bytes(), f
    # No key: a clear error; the wrong key: named as such; the right key: verified.
    monkeypatch.delenv("AIRVAULT_ENCRYPTION_KEY", raising=False)
    store = open_store(encrypted_backup.url)
    with pytest.raises(WrongKeyError, match="this backup is encrypted"):
        verify_backup(store)
    monkeypatch.setenv("AIRVAULT_ENCRYPTION_KEY", "not the key")
    with pytest.raises(WrongKeyError, match="wrong encryption key"):
        verify_backup(store)
    target = pg.dsn_for(f"enc_wrong_{os.getpid()}")
    with pytest.raises(WrongKeyError):
        restore(encrypted_backup.url, target, mode="new-database")
    with psycopg.connect(pg.dsn) as conn:  # refused before the database was even created
        assert not conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (target.rsplit("/", 1)[1],)
        ).fetchone()
    monkeypatch.setenv("AIRVAULT_ENCRYPTION_KEY", KEY.secret.hex())
    assert verify_backup(store).ok
    target = pg.dsn_for(f"enc_right_{os.getpid()}")
    restore(encrypted_backup.url, target, mode="new-database")
    assert _contents(backup(target, tmp_path)) == _contents(encrypted_backup)


def _contents(result) -> dict[str, tuple[int, str]]:
    """What a backup holds, table by table: rows and the sha256 of the COPY text."""
    return {
        f"{t['schema']}.{t['name']}": (t["rows"], t["content_sha256"])
        for t in result.manifest["tables"]
    }


def test_a_flipped_byte_in_an_encrypted_backup_fails_before_any_write(
    encrypted_backup, copy_of_demo, tmp_path, monkeypatch
):
    import shutil

    monkeypatch.setenv("AIRVAULT_ENCRYPTION_KEY", KEY.secret.hex())
    damaged = tmp_path / "damaged"
    shutil.copytree(encrypted_backup.url.removeprefix("file://"), damaged)
    victim = next(e for e in encrypted_backup.manifest["tables"] if e["name"] == "contacts")
    path = damaged / victim["file"]
    blob = bytearray(path.read_bytes())
    blob[len(blob) // 2] ^= 0x40
    path.write_bytes(bytes(blob))
    report = verify_backup(open_store(damaged))
    assert not report.ok and any("contacts" in p for p in report.problems)
    before = table_checksums(copy_of_demo)
    with pytest.raises(IntegrityError):
        restore(str(damaged), copy_of_demo, mode="replace")
    assert table_checksums(copy_of_demo) == before


def test_gzip_backup_round_trips(demo_dsn, tmp_path, pg):
    result = backup(demo_dsn, tmp_path, compression="gzip", compression_level=6)
    assert result.manifest["compression"] == {"codec": "gzip", "level": 6}
    assert all(e["file"].endswith(".copy.gz") for e in result.manifest["tables"])
    assert verify_backup(open_store(result.url)).ok
    target = pg.dsn_for(f"gz_{os.getpid()}")
    restore(result.url, target, mode="new-database")
    assert _contents(backup(target, tmp_path / "again")) == _contents(result)
