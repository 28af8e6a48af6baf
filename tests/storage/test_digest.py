"""Data file digests: BLAKE3 for new backups, sha256 on request and for backups from before,
each named in its manifest entry, so every backup verifies and restores the way it was made."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import blake3
import psycopg
import pytest
import zstandard

from airvault.errors import AirvaultError, IntegrityError
from airvault.restore.apply import UNCHANGED
from airvault.restore.run import restore
from airvault.storage.manifest import read_manifest
from airvault.storage.store import open_store
from airvault.verify import verify_backup
from tests.dbutil import INFRA, backup, resign, table_checksums


def folder_of(result) -> Path:
    return Path(result.url.removeprefix("file://"))


def backed_up(dsn: str) -> dict[str, str]:
    """The checksums of the tables a backup here holds (the infrastructure ones are not)."""
    return {t: c for t, c in table_checksums(dsn).items() if t.split(".")[-1] not in INFRA}


def recomputed(folder: Path, entry: dict, digest) -> tuple[str, str]:
    """(file digest, content digest) of an entry's file, computed here from its bytes."""
    stored = (folder / entry["file"]).read_bytes()
    plain = zstandard.ZstdDecompressor().stream_reader(stored, read_across_frames=True).read()
    return digest(stored).hexdigest(), digest(plain).hexdigest()


def test_a_new_backup_names_blake3_and_its_digests_are_the_files(demo_dsn, demo_backup):
    folder = folder_of(demo_backup)
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["format_version"] == 3
    for entry in manifest["tables"]:
        assert entry["digest"] == "blake3", entry["name"]
        assert recomputed(folder, entry, blake3.blake3) == (
            entry["file_sha256"],
            entry["content_sha256"],
        ), entry["name"]
    assert verify_backup(open_store(demo_backup.url)).ok


def test_a_sha256_backup_and_one_from_before_blake3_verify_and_restore_exactly(
    demo_dsn, pg, tmp_path
):
    made = backup(demo_dsn, tmp_path / "sha", digest="sha256")
    folder = folder_of(made)
    manifest = json.loads((folder / "manifest.json").read_text())
    entry = next(e for e in manifest["tables"] if e["name"] == "contacts")
    assert entry["digest"] == "sha256"
    assert recomputed(folder, entry, hashlib.sha256) == (
        entry["file_sha256"],
        entry["content_sha256"],
    )

    def as_before_blake3(m: dict) -> None:  # format 2 had no digest key: sha256 throughout
        m["format_version"] = 2
        for e in m["tables"]:
            del e["digest"]

    resign(folder, as_before_blake3)
    store = open_store(made.url)
    assert {e.digest for e in read_manifest(store).tables} == {"sha256"}
    assert verify_backup(store).ok
    target = pg.dsn_for("restored_from_sha256")
    restore(made.url, target, mode="new-database")
    assert backed_up(target) == backed_up(demo_dsn)
    # the unchanged-table shortcut of a replace compares sha256 with sha256 too
    plans = restore(made.url, target, mode="replace", dry_run=True).tables
    assert all(p.insert == p.update == p.delete == 0 for p in plans)
    assert {p.how for p in plans if p.backup_rows} == {UNCHANGED}


def test_a_blake3_file_changed_after_the_backup_is_named(demo_backup, pg, tmp_path):
    import shutil

    folder = tmp_path / "changed"
    shutil.copytree(folder_of(demo_backup), folder)
    entry = next(e for e in read_manifest(open_store(folder)).tables if e.name == "deals")
    data = bytearray((folder / entry.file).read_bytes())
    data[len(data) // 2] ^= 0x01
    (folder / entry.file).write_bytes(bytes(data))
    report = verify_backup(open_store(folder))
    assert any(
        p.startswith(f"{entry.file}: ") and "(blake3) does not match" in p for p in report.problems
    ), report.problems
    with pytest.raises(IntegrityError, match="public.deals"):
        restore(str(folder), pg.dsn_for("never_created_digest"), mode="new-database")
    with psycopg.connect(pg.dsn) as conn:
        assert not conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = 'never_created_digest'"
        ).fetchone()


def test_an_unknown_digest_in_a_manifest_is_refused_naming_the_field(demo_backup, tmp_path):
    import shutil

    folder = tmp_path / "md5"
    shutil.copytree(folder_of(demo_backup), folder)
    resign(folder, lambda m: m["tables"][0].update(digest="md5"))
    with pytest.raises(AirvaultError, match=r"tables\.0\.digest"):
        read_manifest(open_store(folder))
