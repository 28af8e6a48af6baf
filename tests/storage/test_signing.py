"""Authenticated manifests: a backup changed in storage, signed with a key this installation
does not hold, or not signed at all is refused by every reader, before anything in it is used;
retention keeps (and reports) what it cannot read; schema files never reach a client that runs
client-side commands."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from airvault.config import RetentionRule
from airvault.errors import AirvaultError, IntegrityError
from airvault.storage.manifest import MANIFEST, list_backup_folders, list_backups, read_manifest
from airvault.storage.signing import SIGNING_ENV, keys_from_env, parse_signing_keys, sign
from airvault.storage.store import open_store
from tests.dbutil import backup, table_checksums

CLI = str(Path(sys.executable).parent / "airvault")


def _edit(folder: Path, change, resign: bool = False, keys=None) -> None:
    path = folder / MANIFEST
    manifest = json.loads(path.read_text())
    change(manifest)
    if resign:
        manifest = sign(manifest, keys or keys_from_env())
    path.write_text(json.dumps(manifest, indent=2, sort_keys=True))


def _copy(url: str, dest: Path) -> Path:
    shutil.copytree(url.removeprefix("file://"), dest)
    return dest


def test_every_reader_refuses_a_manifest_changed_after_signing(demo_backup, copy_of_demo, tmp_path):
    from airvault.exchange.diff import diff_backups
    from airvault.ops.drill import run_drill
    from airvault.restore.run import restore
    from airvault.verify import verify_backup

    read_manifest(open_store(demo_backup.url))  # authentic
    stored = json.loads(Path(demo_backup.url.removeprefix("file://"), MANIFEST).read_text())
    assert stored["signature"]["key_id"] == keys_from_env().writer.id
    # widen a tenant-style replace selection: the attack signing exists to stop
    folder = _copy(demo_backup.url, tmp_path / "b" / "backups" / "full" / "all" / Path(
        demo_backup.url).name)  # fmt: skip
    _edit(folder, lambda m: m["tables"][0].update(replace_where="TRUE", rows=1))
    store = open_store(folder)
    before = table_checksums(copy_of_demo)
    readers = {
        "verify": lambda: verify_backup(store),
        "restore": lambda: restore(str(folder), copy_of_demo, safety_root=open_store(tmp_path)),
        "diff": lambda: diff_backups(store, open_store(demo_backup.url)),
        "drill": lambda: run_drill(str(folder), copy_of_demo),
    }
    for name, read in readers.items():
        with pytest.raises(IntegrityError, match="does not match its signature"):
            read()
            pytest.fail(f"{name} used the edited manifest")
    assert table_checksums(copy_of_demo) == before
    # listed as unreadable (not restorable, not incomplete), with the reason
    (entry,) = list_backup_folders(open_store(tmp_path / "b"))
    assert entry.manifest is None and "signature" in entry.problem and not entry.incomplete
    out = subprocess.run([CLI, "list", str(tmp_path / "b")], capture_output=True, text=True)
    assert "does not match its signature" in out.stdout, out.stdout


def test_foreign_and_unsigned_manifests_need_their_key_or_an_explicit_trust(
    demo_backup, pg, copy_of_demo, tmp_path, restored_env
):
    from airvault.restore.run import restore

    other = parse_signing_keys("another-installation-key-0123456789")
    foreign = _copy(demo_backup.url, tmp_path / "foreign")
    _edit(foreign, lambda m: None, resign=True, keys=other)
    with pytest.raises(IntegrityError, match=f"signed with key '{other.writer.id}'"):
        read_manifest(open_store(foreign))
    # rotation: the other key configured after ours is accepted; ours still signs new ones
    os.environ[SIGNING_ENV] = f"{os.environ[SIGNING_ENV]},another-installation-key-0123456789"
    assert read_manifest(open_store(foreign)).id == demo_backup.id
    assert keys_from_env().writer.id != other.writer.id

    unsigned = _copy(demo_backup.url, tmp_path / "unsigned")
    _edit(unsigned, lambda m: m.pop("signature"))
    with pytest.raises(IntegrityError, match="is not signed.*--trust-unsigned"):
        read_manifest(open_store(unsigned))
    target = pg.dsn_for(f"unsigned_{os.getpid()}")
    cli = [CLI, "restore", "--from", str(unsigned), "--dsn", target, "--yes",
           "--mode", "new-database"]  # fmt: skip
    refused = subprocess.run(cli, capture_output=True, text=True)
    assert refused.returncode == 2 and "--trust-unsigned" in refused.stderr
    trusted = subprocess.run([CLI, "--trust-unsigned", *cli[1:]], capture_output=True, text=True)
    assert trusted.returncode == 0, trusted.stderr
    # trust never covers a signature that does not match
    broken = _copy(demo_backup.url, tmp_path / "broken")
    _edit(broken, lambda m: m.update(label="edited"))
    store = open_store(broken)
    store.trust_unsigned = True
    with pytest.raises(IntegrityError, match="does not match its signature"):
        restore(store, copy_of_demo, dry_run=True)


def test_a_backup_without_a_signing_key_is_refused_before_reading(demo_dsn, tmp_path, restored_env):
    os.environ.pop(SIGNING_ENV)
    with pytest.raises(AirvaultError, match="no signing key.*keygen --signing"):
        backup(demo_dsn, tmp_path)
    assert not any(tmp_path.rglob("*.zst"))
    out = subprocess.run([CLI, "keygen", "--signing"], capture_output=True, text=True)
    key = out.stdout.strip()
    assert len(key) >= 32 and parse_signing_keys(key).writer.id in out.stderr


def test_stripped_encryption_fields_and_unencrypted_backups_are_refused(
    demo_dsn, copy_of_demo, tmp_path
):
    from airvault.restore.run import restore
    from airvault.storage.crypto import parse_key

    key = parse_key("0" * 64)
    encrypted = backup(demo_dsn, tmp_path / "enc", encryption_key=key)
    folder = Path(encrypted.url.removeprefix("file://"))
    _edit(folder, lambda m: m.pop("encryption"))  # not re-signed: the MAC covers it
    with pytest.raises(IntegrityError, match="does not match its signature"):
        read_manifest(open_store(folder))
    plain = open_store(backup(demo_dsn, tmp_path / "plain").url)
    plain.key = key  # where backups are encrypted, an unencrypted one is suspicious
    with pytest.raises(IntegrityError, match="not encrypted.*--allow-unencrypted"):
        restore(plain, copy_of_demo, dry_run=True)
    assert restore(plain, copy_of_demo, dry_run=True, allow_unencrypted=True).tables


def _aged(root: Path, days: int) -> None:
    """Rename every backup folder under root as if started `days` ago."""
    for folder in list((root / "backups").glob("*/*/*")):
        when = datetime.now(UTC) - timedelta(days=days)
        folder.rename(folder.with_name(f"{when:%Y-%m-%dT%H%M%SZ}-{folder.name[-8:]}"))


def test_retention_keeps_what_it_cannot_read_and_backups_still_being_written(demo_dsn, tmp_path):
    from airvault.config import Retention
    from airvault.ops.retention import prune
    from airvault.progress import HEARTBEAT, _beat

    root = tmp_path / "root"
    for _ in range(4):
        backup(demo_dsn, root)
    _aged(root, 30)
    folders = sorted((root / "backups" / "full" / "all").iterdir())
    newer, unreadable, pinned_bad, _good = folders
    _edit(newer, lambda m: m.update(format_version=99), resign=True)  # a newer airvault's
    (unreadable / MANIFEST).write_text("{not json")
    _edit(pinned_bad, lambda m: m.update(label="x"))  # fails its signature ...
    (pinned_bad / "pinned.json").write_text('{"reason": "legal hold"}')  # ... but is pinned
    running = root / "backups" / "full" / "all" / (folders[0].name[:18] + "-0000beef")
    running.mkdir()  # a backup started 30 days ago and still writing: fresh heartbeat
    _beat(open_store(running))
    dead = root / "backups" / "full" / "all" / (folders[0].name[:18] + "-0000dead")
    dead.mkdir()  # killed long ago: its heartbeat stopped
    (dead / HEARTBEAT).write_text(json.dumps({"at": "2020-01-01T00:00:00+00:00"}))
    retention = Retention(policies={"full": RetentionRule(keep_last=1)}, grace_hours=1)
    plan = prune(open_store(root), retention)
    rules = {Path(d.backup.folder).name: (d.keep, d.rule) for d in plan.decisions}
    assert rules[newer.name] == (True, "unreadable manifest: kept")
    assert rules[unreadable.name] == (True, "unreadable manifest: kept")
    assert rules[pinned_bad.name] == (True, "pinned")
    assert rules[running.name] == (True, "incomplete, still being written")
    assert rules[dead.name] == (False, "incomplete")
    assert newer.exists() and unreadable.exists() and pinned_bad.exists() and running.exists()
    assert not dead.exists()
    assert len(list_backups(open_store(root))[0]) == 1  # the one good backup kept by keep_last
    from airvault.ops.health import health_report

    report = health_report(open_store(root), {})  # and health says what cannot be read
    names = {Path(u.folder).name for u in report.unreadable}
    assert names == {newer.name, unreadable.name, pinned_bad.name} and not report.ok


def _legacy(folder: Path) -> None:
    """Turn a backup into one written before this change (format 1: unsigned, the schema as
    SQL text in schema/pre-data.sql and post-data.sql)."""
    from airvault.pg.tools import pg_tool
    from airvault.verify import hashlib

    manifest = json.loads((folder / MANIFEST).read_text())
    archive = folder / manifest.pop("schema_archive")["file"]
    sections = {}
    for section in ("pre-data", "post-data"):
        text = subprocess.run([pg_tool("pg_restore"), f"--section={section}", "-f", "-",
                               str(archive)], capture_output=True, check=True).stdout  # fmt: skip
        rel = f"schema/{section}.sql"
        (folder / rel).write_bytes(text)
        sections[section] = {"file": rel, "sha256": hashlib.sha256(text).hexdigest(),
                             "bytes": len(text)}  # fmt: skip
    archive.unlink()
    manifest.pop("signature")
    manifest.update(format_version=1, schema_sections=sections)
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))


def _plant(folder: Path, rel: str, line: str) -> None:
    """A client-side command at the top of a schema file, its checksum recomputed (what an
    attacker who can write to the storage does)."""
    from airvault.verify import hashlib

    path = folder / rel
    text = line.encode() + b"\n" + path.read_bytes()
    path.write_bytes(text)
    manifest = json.loads((folder / MANIFEST).read_text())
    entry = next(e for e in manifest["schema_sections"].values() if e["file"] == rel)
    entry.update(sha256=hashlib.sha256(text).hexdigest(), bytes=len(text))
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))


@pytest.mark.parametrize(
    "command",
    ["\\! touch {canary}", "\\copy (SELECT 1) to '{canary}'", "\\o {canary}",
     "\\i {canary}.sql"],
)  # fmt: skip
def test_planted_client_side_commands_never_run(demo_backup, pg, tmp_path, command):
    from airvault.restore.run import restore

    canary = tmp_path / "canary"
    (tmp_path / "canary.sql").write_text("\\! touch " + str(canary) + "\n")
    folder = _copy(demo_backup.url, tmp_path / "legacy")
    _legacy(folder)
    store = open_store(folder)
    store.trust_unsigned = True  # the worst case: someone chose to trust an unsigned backup
    clean = pg.dsn_for(f"legacy_ok_{os.getpid()}_{abs(hash(command))}")
    restore(store, clean, mode="new-database")  # a legacy backup itself restores
    for rel in ("schema/pre-data.sql", "schema/post-data.sql"):
        planted = _copy(str(folder), tmp_path / f"planted-{rel.replace('/', '_')}")
        _plant(planted, rel, command.format(canary=canary))
        store = open_store(planted)
        store.trust_unsigned = True
        target = pg.dsn_for(f"planted_{os.getpid()}_{abs(hash((command, rel)))}")
        with pytest.raises(AirvaultError, match="syntax error"):
            restore(store, target, mode="new-database")
        assert not canary.exists(), f"{command!r} in {rel} ran on the client"
    # a signed backup's schema goes through pg_restore only; an archive that is not one is
    # refused by it (here: SQL text put in its place, checksums fixed, re-signed)
    forged = _copy(demo_backup.url, tmp_path / "forged")
    rel = json.loads((forged / MANIFEST).read_text())["schema_archive"]["file"]
    (forged / rel).write_text(command.format(canary=canary) + "\nSELECT 1;\n")

    def fix(m: dict) -> None:
        from airvault.verify import hashlib

        data = (forged / rel).read_bytes()
        m["schema_archive"].update(sha256=hashlib.sha256(data).hexdigest(), bytes=len(data))

    _edit(forged, fix, resign=True)
    with pytest.raises(AirvaultError, match="pg_restore"):
        restore(str(forged), pg.dsn_for(f"forged_{os.getpid()}"), mode="new-database")
    assert not canary.exists()
