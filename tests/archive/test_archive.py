"""pg_dump archives (database + auth users + storage files), signed links, the pg_dump
version check, and S3 faults: real PostgreSQL, real pg_dump/pg_restore, moto's S3 server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import psycopg
import pytest

from airvault.archive.run import (
    ArchiveOptions,
    read_archive_manifest,
    restore_archive,
    run_archive,
    verify_archive,
)
from airvault.errors import ToolVersionError
from airvault.storage.crypto import WrongKeyError, new_key_text, parse_key
from airvault.storage.store import open_store
from tests.dbutil import table_checksums
from tests.s3_proxy import S3Proxy

CLI = [sys.executable, "-m", "airvault.cli.main"]
TRIALS = 4


def _bucket(root: Path) -> Path:
    """A storage bucket folder as apps have them: nested, binary, odd names, an empty file."""
    (root / "avatars" / "2026" / "11").mkdir(parents=True)
    (root / "avatars" / "2026" / "11" / "ünïcode name.png").write_bytes(os.urandom(70_000))
    (root / "avatars" / "readme.txt").write_text("hello\n")
    (root / "avatars" / "empty").write_bytes(b"")
    return root / "avatars"


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _exists(pg, name: str) -> bool:
    with psycopg.connect(pg.dsn) as conn:
        return bool(
            conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        )


def test_archive_round_trip_restores_tables_users_and_files(demo_dsn, pg, tmp_path):
    bucket = _bucket(tmp_path / "buckets")
    opts = ArchiveOptions(buckets={"avatars": str(bucket)}, include_secrets=True)
    manifest = run_archive(demo_dsn, open_store(tmp_path / "store"), opts)
    store = open_store(manifest.url)
    assert verify_archive(store).ok
    assert {f.path for f in manifest.files} >= {
        "db/database.pgdump", "auth/users.json", "storage/avatars/2026/11/ünïcode name.png",
    }  # fmt: skip
    assert manifest.tool.pg_dump.startswith("pg_dump (PostgreSQL) 18")
    listing = subprocess.run(
        [*CLI, "list", str(tmp_path / "store")], capture_output=True, text=True, check=True
    ).stdout
    assert manifest.id in listing and "pg_dump archive" in listing
    verified = subprocess.run([*CLI, "verify", manifest.url], capture_output=True, text=True)
    assert verified.returncode == 0 and ": OK:" in verified.stdout
    target = pg.dsn_for(f"archive_rt_{os.getpid()}")
    result = restore_archive(manifest.url, target, storage_to=str(tmp_path / "restored"))
    assert result.auth_users == manifest.auth.rows > 0
    assert table_checksums(target) == table_checksums(demo_dsn)  # every table, auth.users too
    assert _files(tmp_path / "restored" / "avatars") == _files(bucket)


def test_password_hashes_stay_out_unless_configured(demo_dsn, pg, tmp_path):
    manifest = run_archive(demo_dsn, open_store(tmp_path), ArchiveOptions())
    users = json.loads((Path(manifest.url[7:]) / "auth" / "users.json").read_text())
    assert users and all("encrypted_password" not in u for u in users)
    assert manifest.auth.columns_left_out == ["encrypted_password"]
    dump = (Path(manifest.url[7:]) / "db" / "database.pgdump").read_bytes()
    assert b"$2a$10$" not in dump  # the hashes are not in the dump's data either
    target = pg.dsn_for(f"archive_nohash_{os.getpid()}")
    result = restore_archive(manifest.url, target)
    (notice,) = result.notices  # said where people read it: the restore's result
    assert "encrypted_password" in notice and "must reset their passwords" in notice
    with psycopg.connect(target) as conn:
        counts = conn.execute(
            "SELECT count(*), count(encrypted_password) FROM auth.users"
        ).fetchone()
        # every user is back (their profiles' foreign keys hold), without a password hash
        assert counts == (len(users), 0)
        assert conn.execute("SELECT count(*) FROM public.users").fetchone()[0] > 0


def test_an_encrypted_archive_brings_the_users_back_with_their_password_hashes(
    demo_dsn, pg, tmp_path, restored_env
):
    key_text = new_key_text()
    os.environ["AIRVAULT_ENCRYPTION_KEY"] = key_text
    made = subprocess.run([*CLI, "archive", "--dsn", demo_dsn, "--to", str(tmp_path), "--encrypt"],
                          capture_output=True, text=True)  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert "with their password hashes" in made.stdout and "reset" not in made.stderr
    url = made.stdout.split()[-1]
    manifest = read_archive_manifest(open_store(url))
    assert manifest.auth.secrets_included and manifest.auth.columns_left_out == []
    assert b"$2a$10$" not in (Path(url[7:]) / "auth" / "users.json").read_bytes()  # ciphertext
    target = pg.dsn_for(f"archive_hashes_{os.getpid()}")
    result = restore_archive(url, target, key=parse_key(key_text))
    assert result.notices == []
    restored, original = table_checksums(target), table_checksums(demo_dsn)
    assert restored["auth.users"] == original["auth.users"]  # hashes and all: users sign in
    # asked to leave them out, an encrypted archive does
    opts = ArchiveOptions(encryption_key=parse_key(key_text), include_secrets=False)
    assert run_archive(demo_dsn, open_store(tmp_path / "without"), opts).auth.columns_left_out == [
        "encrypted_password"]  # fmt: skip
    # not encrypted: left out, and the CLI says what that means
    plain = subprocess.run([*CLI, "archive", "--dsn", demo_dsn, "--to", str(tmp_path / "plain")],
                           capture_output=True, text=True)  # fmt: skip
    assert plain.returncode == 0 and "must reset their passwords" in plain.stderr


def test_encrypted_archive_needs_the_right_key(demo_dsn, pg, tmp_path):
    key = parse_key(new_key_text())
    manifest = run_archive(demo_dsn, open_store(tmp_path), ArchiveOptions(encryption_key=key))
    folder = Path(manifest.url[7:])
    assert b"CREATE TABLE" not in (folder / "db" / "database.pgdump").read_bytes()
    assert b"example.com" not in (folder / "auth" / "users.json").read_bytes()  # the emails
    assert verify_archive(open_store(folder), key).ok
    target = pg.dsn_for(f"archive_enc_{os.getpid()}")
    with pytest.raises(WrongKeyError):
        restore_archive(manifest.url, target, key=parse_key("not it"))
    assert not _exists(pg, target.rsplit("/", 1)[1])  # refused before creating anything
    restore_archive(manifest.url, target, key=key)
    assert (
        table_checksums(target)["public.contacts"] == table_checksums(demo_dsn)["public.contacts"]
    )


def test_a_pg_dump_older_than_the_server_is_a_clear_error(demo_dsn, tmp_path, monkeypatch):
    fake = tmp_path / "bin"
    fake.mkdir()
    script = fake / "pg_dump"
    script.write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 12.22'\n")
    script.chmod(0o755)
    monkeypatch.setenv("AIRVAULT_PG_BIN", str(fake))
    with pytest.raises(ToolVersionError, match="pg_dump 12 cannot dump a PostgreSQL 18 server"):
        run_archive(demo_dsn, open_store(tmp_path / "store"), ArchiveOptions())
    assert not (tmp_path / "store").exists() or not any((tmp_path / "store").rglob("*.json"))
    out = subprocess.run(
        [*CLI, "backup", "--dsn", demo_dsn, "--to", str(tmp_path / "store")],
        capture_output=True, text=True, env={**os.environ, "AIRVAULT_PG_BIN": str(fake)},
    )  # fmt: skip
    assert out.returncode == 2
    assert "pg_dump 12 cannot dump a PostgreSQL 18 server" in out.stderr


def test_signed_link_downloads_before_expiry_and_is_refused_after(
    s3_endpoint, demo_dsn, tmp_path, monkeypatch
):
    proxy = S3Proxy(s3_endpoint)  # no faults; refuses expired links as AWS does
    try:
        monkeypatch.setenv("AWS_ENDPOINT_URL", proxy.url)
        manifest = run_archive(
            demo_dsn, open_store("s3://airvault-test/links"), ArchiveOptions(auth_table=None)
        )
        dump = manifest.url + "/db/database.pgdump"
        out = subprocess.run(
            [*CLI, "link", dump, "--expires", "3s"], capture_output=True, text=True, check=True
        )
        link = out.stdout.strip()
        assert "X-Amz-Expires=3" in link and "Signature" in link
        body = urllib.request.urlopen(link).read()
        assert len(body) == manifest.files[0].bytes
        time.sleep(4)
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(link)
        assert refused.value.code == 403
    finally:
        proxy.close()


def test_flaky_s3_gives_complete_archives_or_clean_failures(
    s3_endpoint, demo_dsn, tmp_path, monkeypatch
):
    """A third of the requests fail (503, 500, reset): every archive either completes and
    verifies or fails without a manifest; the counts of both are printed. A 20 MB file makes
    the uploads multipart (16 MiB parts), so failed parts are retried too."""
    proxy = S3Proxy(s3_endpoint, fail_ratio=0.3, seed=7)
    bucket = _bucket(tmp_path / "buckets")
    (bucket / "video.bin").write_bytes(os.urandom(20 * 2**20))
    done = failed = 0
    try:
        monkeypatch.setenv("AWS_ENDPOINT_URL", proxy.url)
        for trial in range(TRIALS):
            root = open_store(f"s3://airvault-test/flaky/{trial}")
            opts = ArchiveOptions(buckets={"avatars": str(bucket)})
            try:
                manifest = run_archive(demo_dsn, root, opts)
            except Exception:  # noqa: BLE001 - a clean failure is allowed; checked below
                failed += 1
                monkeypatch.setenv("AWS_ENDPOINT_URL", s3_endpoint)
                assert not open_store(f"s3://airvault-test/flaky/{trial}").glob(
                    "archives/*/manifest.json"
                )
                monkeypatch.setenv("AWS_ENDPOINT_URL", proxy.url)
                continue
            done += 1
            monkeypatch.setenv("AWS_ENDPOINT_URL", s3_endpoint)  # check it without faults
            assert verify_archive(open_store(manifest.url)).ok
            monkeypatch.setenv("AWS_ENDPOINT_URL", proxy.url)
    finally:
        proxy.close()
    print(f"flaky S3: {done} complete and verified, {failed} clean failures, faults {proxy.counts}")
    assert proxy.counts["503"] + proxy.counts["500"] + proxy.counts["reset"] > 5  # ~17 expected
    assert done + failed == TRIALS and done >= 1
