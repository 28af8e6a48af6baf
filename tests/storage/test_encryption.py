"""Encryption at rest (AES-256-GCM in chunks) and the compression codec, end to end against the
real demo database: what a user checks is that the files are unreadable without the key, that
the right key restores every row, and that a wrong key or a changed byte stops before writing."""

from __future__ import annotations

import base64
import io
import os
from pathlib import Path

import psycopg
import pytest

from airvault.errors import IntegrityError
from airvault.restore.run import restore
from airvault.storage.codec import FileCodec, codec_of
from airvault.storage.crypto import (
    KEY_ENV,
    DecryptingReader,
    EncryptingWriter,
    KeyRing,
    WrongKeyError,
    key_from_env,
    new_key_text,
    parse_key,
    parse_keys,
)
from airvault.storage.models import ArchiveManifest, Encryption
from airvault.storage.store import open_store
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
    assert m.encryption.key_fingerprint == KEY.fingerprint
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
    return {f"{t.schema_name}.{t.name}": (t.rows, t.content_sha256) for t in result.manifest.tables}


def test_a_flipped_byte_in_an_encrypted_backup_fails_before_any_write(
    encrypted_backup, copy_of_demo, tmp_path, monkeypatch
):
    import shutil

    monkeypatch.setenv("AIRVAULT_ENCRYPTION_KEY", KEY.secret.hex())
    damaged = tmp_path / "damaged"
    shutil.copytree(encrypted_backup.url.removeprefix("file://"), damaged)
    victim = next(e for e in encrypted_backup.manifest.tables if e.name == "contacts")
    path = damaged / victim.file
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
    assert result.manifest.compression.to_json() == {"codec": "gzip", "level": 6}
    assert all(e.file.endswith(".copy.gz") for e in result.manifest.tables)
    assert verify_backup(open_store(result.url)).ok
    target = pg.dsn_for(f"gz_{os.getpid()}")
    restore(result.url, target, mode="new-database")
    assert _contents(backup(target, tmp_path / "again")) == _contents(result)


# ---------------------------------------------------------------- key rotation

A = parse_key(new_key_text())  # the old key
B = parse_key(new_key_text())  # the new one


def test_a_key_setting_holds_several_keys_the_first_writes():
    a, b = A.secret.hex(), B.secret.hex()
    b64 = base64.b64encode(B.secret).decode()
    for text in (f"{b},{a}", f"{b} {a}", f"{b}\n{a}", f" {b},\n\n\t{a}\n", f"{b64}, {a}",
                 f"{b}\n{a}\n{b}"):  # fmt: skip
        ring = parse_keys(text)
        assert ring.fingerprints == (B.fingerprint, A.fingerprint), text
        assert ring.writer == B and ring.fingerprint == B.fingerprint
        assert ring.find(A.fingerprint) == A and ring.find(OTHER.fingerprint) is None
    # a passphrase (spaces and commas and all) is one key, on a line of its own
    assert parse_keys("correct horse battery staple").keys == (OTHER,)
    assert parse_keys(f"{b}\ncorrect horse battery staple").keys == (B, OTHER)
    assert parse_keys("a, b").keys == (parse_key("a, b"),)
    with pytest.raises(WrongKeyError, match="mixes keys .* with other text"):
        parse_keys(f"{b}, correct horse")  # not silently one passphrase
    with pytest.raises(WrongKeyError, match="several keys .* where one is expected"):
        parse_key(f"{b},{a}")  # one key expected: never a passphrase made of two keys
    with pytest.raises(WrongKeyError, match="empty"):
        parse_keys(" \n, ")
    assert a not in repr(parse_keys(f"{b},{a}")) and b not in repr(parse_keys(f"{b},{a}"))


def test_a_key_ring_encrypts_with_its_first_key_and_decrypts_with_any():
    ring = KeyRing((B, A))
    old, new = _encrypt(b"old data", A), _encrypt(b"new data", ring)
    assert new[4:12] == B.fingerprint_bytes  # the header names the writing key
    assert _decrypt(old, ring) == b"old data" and _decrypt(new, ring) == b"new data"
    assert _decrypt(new, B) == b"new data"  # a single key still goes where a ring does
    with pytest.raises(WrongKeyError, match=f"encrypted with key {A.fingerprint}.*{B.fingerprint}"):
        _decrypt(old, KeyRing((B,)))
    codec = FileCodec(key=ring)
    assert codec.manifest_fields()["encryption"].key_fingerprint == B.fingerprint
    assert codec.unseal(codec.seal(b"schema"), "schema.sql") == b"schema"
    manifest = ArchiveManifest(format="airvault-archive", format_version=2, id="a", files=[],
                               encryption=Encryption(key_fingerprint=A.fingerprint))  # fmt: skip
    assert codec_of(manifest, ring).key == A  # the key the manifest names
    unknown = (
        rf"encrypted with key {A.fingerprint}, which is not among the configured keys "
        rf"\({B.fingerprint}, {OTHER.fingerprint}\)"
    )
    with pytest.raises(WrongKeyError, match=unknown):
        codec_of(manifest, KeyRing((B, OTHER)))


def test_rotating_keys_keeps_old_backups_readable(demo_dsn, pg, monkeypatch, tmp_path):
    monkeypatch.setenv(KEY_ENV, A.secret.hex())
    old = backup(demo_dsn, tmp_path / "old", encryption_key=key_from_env())  # as the CLI does
    monkeypatch.setenv(KEY_ENV, f"{B.secret.hex()}\n{A.secret.hex()}")  # rotated: B writes
    new = backup(demo_dsn, tmp_path / "new", encryption_key=key_from_env())
    assert old.manifest.encryption.key_fingerprint == A.fingerprint
    assert new.manifest.encryption.key_fingerprint == B.fingerprint
    for name, result in (("old", old), ("new", new)):
        assert verify_backup(open_store(result.url)).ok, name
        target = pg.dsn_for(f"rot_{name}_{os.getpid()}")
        restore(result.url, target, mode="new-database")
        assert _contents(backup(target, tmp_path / f"{name}_again")) == _contents(result)
    monkeypatch.delenv(KEY_ENV)  # the key ring of a Store (an Airflow connection's keys)
    store = open_store(old.url)
    store.key = parse_keys(f"{B.secret.hex()},{A.secret.hex()}")
    assert verify_backup(store).ok
    # Only B configured: the new backup reads, the old one fails naming A's fingerprint.
    monkeypatch.setenv(KEY_ENV, B.secret.hex())
    assert verify_backup(open_store(new.url)).ok
    missing = (
        rf"encrypted with key {A.fingerprint}, which is not among the configured keys "
        rf"\({B.fingerprint}\)"
    )
    with pytest.raises(WrongKeyError, match=missing):
        verify_backup(open_store(old.url))
    target = pg.dsn_for(f"rot_only_b_{os.getpid()}")
    with pytest.raises(WrongKeyError, match=missing):
        restore(old.url, target, mode="new-database")
    with psycopg.connect(pg.dsn) as conn:  # refused before the database was even created
        assert not conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (target.rsplit("/", 1)[1],)
        ).fetchone()


def test_rotated_keys_read_old_and_new_archives(demo_dsn, tmp_path):
    from airvault.archive.run import ArchiveOptions, run_archive, verify_archive

    old = run_archive(demo_dsn, open_store(tmp_path), ArchiveOptions(encryption_key=A))
    ring = parse_keys(f"{B.secret.hex()}, {A.secret.hex()}")
    new = run_archive(demo_dsn, open_store(tmp_path), ArchiveOptions(encryption_key=ring))
    assert old.encryption.key_fingerprint == A.fingerprint
    assert new.encryption.key_fingerprint == B.fingerprint
    assert verify_archive(open_store(old.url), ring).ok
    assert verify_archive(open_store(new.url), ring).ok
    assert verify_archive(open_store(new.url), B).ok
    with pytest.raises(WrongKeyError, match=f"encrypted with key {A.fingerprint}"):
        verify_archive(open_store(old.url), B)
