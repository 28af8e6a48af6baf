"""Deleting a backup on purpose (`airvault delete`, ops/deletion.py) with retention's
protections, on real backups of a real database in local storage and in S3 (moto); and
retention by size (retention.max_size)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import pytest
from pydantic import ByteSize

from airvault.config import Retention, RetentionRule
from airvault.errors import AirvaultError
from airvault.ops.deletion import DeletionRefused, DeletionRequest, delete_backup, deletion_log
from airvault.ops.retention import BackupInfo, pin, plan_retention, prune
from airvault.storage.manifest import list_backups, read_manifest, stored_bytes
from airvault.storage.store import open_store
from airvault.verify import verify_backup
from tests.dbutil import backup

CLI = [str(Path(sys.executable).with_name("airvault"))]


@pytest.fixture
def small_db(new_db) -> str:
    dsn = new_db("del")
    with psycopg.connect(dsn) as conn:
        conn.execute("CREATE TABLE notes (id int PRIMARY KEY, body text)")
        conn.execute("INSERT INTO notes SELECT g, repeat('x', 200) FROM generate_series(1, 500) g")
    return dsn


def _backups(dsn: str, root, n: int, kind: str = "full") -> list[str]:
    """n backups of one kind and scope, oldest first (folder names have second resolution)."""
    urls = []
    for i in range(n):
        if i:
            time.sleep(1.05)
        urls.append(backup(dsn, root, kind=kind).url)
    return urls


def _rel(root, url: str) -> str:
    return url.removeprefix(open_store(root).url + "/")


def _cli(config: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, "--config", str(config), *args], capture_output=True, text=True)


def test_pinned_and_last_good_are_refused_force_deletes_and_every_deletion_is_logged(
    small_db, tmp_root
):
    old, pinned, newest = _backups(small_db, tmp_root, 3)
    assert verify_backup(open_store(newest), record=True).ok  # the only good one
    pin(open_store(pinned), "legal hold #7")
    root = open_store(tmp_root)

    with pytest.raises(DeletionRefused, match="pinned"):
        delete_backup(root, DeletionRequest(_rel(tmp_root, pinned), "mistake", "ana"))
    with pytest.raises(DeletionRefused, match="last good .* of full/all"):
        delete_backup(root, DeletionRequest(_rel(tmp_root, newest), "mistake", "ana"))
    with pytest.raises(AirvaultError, match="needs a reason"):
        delete_backup(root, DeletionRequest(_rel(tmp_root, old), "  ", "ana"))
    assert len(list_backups(root)[0]) == 3 and not deletion_log(root)[0]  # nothing happened

    record = delete_backup(root, DeletionRequest(_rel(tmp_root, old), "taken by mistake", "ana"))
    assert not Path(old.removeprefix("file://")).exists()  # the whole folder
    assert record.forced is False and record.bytes > 0
    forced = delete_backup(
        root, DeletionRequest(_rel(tmp_root, newest), "bad data in it", "bob", force=True)
    )
    assert forced.forced is True and not Path(newest.removeprefix("file://")).exists()
    assert [b.url for b in list_backups(root)[0]] == [pinned]

    logged, problems = deletion_log(root)
    assert not problems
    assert [(r.by, r.reason, r.backup_id, r.forced) for r in logged] == [
        ("bob", "bad data in it", forced.backup_id, True),
        ("ana", "taken by mistake", record.backup_id, False),
    ]
    assert datetime.fromisoformat(logged[0].at) > datetime.now(UTC) - timedelta(minutes=5)


def test_minimum_good_of_the_policy_protects_more_than_the_last_one(small_db, tmp_root):
    urls = _backups(small_db, tmp_root, 2)
    for url in urls:
        assert verify_backup(open_store(url), record=True).ok
    root = open_store(tmp_root)
    two = Retention(policies={"full": RetentionRule(keep_last=1, minimum_good=2)})
    with pytest.raises(DeletionRefused, match="one of the 2 good backups"):
        delete_backup(root, DeletionRequest(_rel(tmp_root, urls[0]), "space", "ana"), two)
    delete_backup(root, DeletionRequest(_rel(tmp_root, urls[0]), "space", "ana"))  # default: 1
    assert [b.url for b in list_backups(root)[0]] == [urls[1]]


def test_a_forged_log_entry_is_reported_not_shown(small_db, tmp_root):
    (url,) = _backups(small_db, tmp_root, 1)
    root = open_store(tmp_root)
    delete_backup(root, DeletionRequest(_rel(tmp_root, url), "test", "ana"))
    (entry,) = (tmp_root / "deletions").iterdir()
    forged = json.loads(entry.read_text())
    forged["by"] = "somebody else"
    (tmp_root / "deletions" / "2099-01-01T000000000000Z-ffffffff.json").write_text(
        json.dumps(forged)
    )
    logged, problems = deletion_log(root)
    assert [r.by for r in logged] == ["ana"]
    assert len(problems) == 1 and "2099-01-01" in problems[0]


def test_cli_deletes_by_id_as_listed_and_refuses_hostile_paths(small_db, tmp_path):
    storage = tmp_path / "storage"
    older, newer = _backups(small_db, storage, 2)
    config = tmp_path / "airvault.yaml"
    config.write_text(f"storage: {{root: 'file://{storage}'}}\n")
    outside = tmp_path / "precious"
    outside.mkdir()
    (outside / "keep.txt").write_text("mine")
    # a folder named like a backup that is a link out of the root
    link = storage / "backups" / "full" / "all" / "2026-01-01T000000Z-0000beef"
    link.symlink_to(outside, target_is_directory=True)
    hostile = ["../precious", f"{storage}/../precious", "backups/full/all/%2e%2e/%2e%2e/..",
               "backups/full/all/‥", "/etc", "backups", str(link), "s3://other@bucket/x",
               f"file://{outside}"]  # fmt: skip
    for given in hostile:
        out = _cli(config, "delete", given, "--reason", "x", "--yes")
        assert out.returncode == 2 and out.stderr.startswith("error: backup:"), (given, out)
    assert (outside / "keep.txt").read_text() == "mine"
    out = _cli(config, "delete", newer, "--yes")  # no --reason
    assert out.returncode == 2 and "--reason" in out.stderr

    listed = json.loads(_cli(config, "list", "--json").stdout)
    older_id = next(b["id"] for b in listed if b["url"] == older)
    # a link inside the folder goes with the folder; what it points at stays
    (Path(older.removeprefix("file://")) / "data" / "escape").symlink_to(outside / "keep.txt")
    out = _cli(config, "delete", older_id, "--reason", "a test backup", "--yes")
    assert out.returncode == 0, out.stderr
    assert older in out.stdout and not Path(older.removeprefix("file://")).exists()
    assert (outside / "keep.txt").read_text() == "mine"
    out = _cli(config, "list")
    assert "1 backup(s) deleted on purpose" in out.stdout
    deleted = _cli(config, "list", "--deleted").stdout
    assert older_id in deleted and "a test backup" in deleted and "(airvault CLI)" in deleted
    assert out.stdout.count("Full backup") == 1


def test_delete_on_s3_removes_every_object_and_logs_it(small_db, s3_endpoint, monkeypatch):
    import boto3

    monkeypatch.setenv("AWS_ENDPOINT_URL", s3_endpoint)
    prefix = f"delete-{os.getpid()}"
    root = open_store(f"s3://airvault-test/{prefix}")
    first, second = _backups(small_db, root.url, 2)
    s3 = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")

    def keys(under: str) -> list[str]:
        found = s3.list_objects_v2(Bucket="airvault-test", Prefix=f"{prefix}/{under}")
        return [o["Key"] for o in found.get("Contents", [])]

    rel = _rel(root.url, first)
    assert len(keys(rel)) >= 3  # data, schema, manifest
    with pytest.raises(AirvaultError, match="leaves the storage folder"):
        delete_backup(root, DeletionRequest("backups/../../other", "x", "ana"))
    delete_backup(open_store(root.url), DeletionRequest(rel, "moved to cold storage", "ana"))
    assert keys(rel) == [] and keys(_rel(root.url, second))
    (entry,) = keys("deletions/")
    logged = json.loads(s3.get_object(Bucket="airvault-test", Key=entry)["Body"].read())
    assert logged["reason"] == "moved to cold storage" and logged["folder"] == rel


def test_archives_are_deleted_with_the_same_protections_and_from_the_copies(small_db, tmp_path):
    """An archive: pinned refused, the last one refused unless forced, deleted by the id
    `airvault list` shows from the root and from the copy that held it, and logged."""
    from airvault.archive.run import ArchiveOptions, list_archives, run_archive
    from airvault.config import load_config
    from airvault.ops.copies import open_sites, relative_to, sync

    storage, offsite = tmp_path / "storage", tmp_path / "offsite"
    config = tmp_path / "airvault.yaml"
    config.write_text(
        f"storage: {{root: 'file://{storage}'}}\ncopies: {{offsite: {{url: 'file://{offsite}'}}}}\n"
    )
    root = open_store(storage)
    first, second = (run_archive(small_db, root, ArchiveOptions(auth_table=None)) for _ in "12")
    sites = open_sites(load_config(config), root, lambda url, _conn: open_store(url))
    sync(root, sites, [relative_to(root, a.url or "") for a in (first, second)])
    one, two = (relative_to(root, a.url or "") for a in (first, second))
    assert (offsite / one / "manifest.json").exists() and (offsite / two / "manifest.json").exists()

    pin(root.child(one), "audit")
    with pytest.raises(DeletionRefused, match="pinned"):
        delete_backup(root, DeletionRequest(one, "space", "ana"), copies=sites)
    pin(root.child(one), "", unpin=True)
    out = _cli(config, "delete", second.id, "--reason", "a test archive", "--yes")
    assert out.returncode == 0, out.stderr
    assert "and copies offsite" in out.stdout
    assert not (storage / two).exists() and not (offsite / two).exists()
    assert [a.id for a in list_archives(root)] == [first.id]
    out = _cli(config, "delete", one, "--reason", "last one", "--yes")
    assert out.returncode == 2 and "the last archive of archive/all" in out.stderr
    assert (storage / one / "manifest.json").exists() and (offsite / one).exists()
    out = _cli(config, "delete", one, "--reason", "last one", "--yes", "--force")
    assert out.returncode == 0, out.stderr
    assert not (storage / one).exists() and not (offsite / one).exists()
    logged, problems = deletion_log(root)
    assert not problems
    assert [(r.backup_id, r.kind, r.forced, r.copies, r.reason) for r in logged] == [
        (first.id, "archive", True, ["offsite"], "last one"),
        (second.id, "archive", False, ["offsite"], "a test archive"),
    ]


# --- retention by size --------------------------------------------------------------------------

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
GB = 10**9


def _history(scope: str, sizes_gb: list[int], good: bool = True) -> list[BackupInfo]:
    """One backup a day, oldest first, of the given sizes."""
    n = len(sizes_gb)
    return [BackupInfo(f"backups/full/{scope}/{i}", "full", scope,
                       NOW - timedelta(days=n - 1 - i), good=good, bytes=size * GB)
            for i, size in enumerate(sizes_gb)]  # fmt: skip


def test_max_size_deletes_the_oldest_first_and_never_below_minimum_good():
    history = _history("all", [10, 10, 10, 10, 10, 10])  # 60 GB
    history[1].pinned = True
    policy = RetentionRule(keep_last=10, minimum_good=2)
    plan = plan_retention(history, lambda k, s: policy, NOW, max_size={"full": 35 * GB})
    gone = {d.backup.folder for d in plan.deletions}
    # 60 -> 50 (0) -> 40 (2) -> 30 (3): the pinned 1 is spared
    assert gone == {"backups/full/all/0", "backups/full/all/2", "backups/full/all/3"}
    assert all(d.rule == "max_size 35.0GB: oldest first" for d in plan.deletions)
    assert not plan.notes

    tiny = plan_retention(history, lambda k, s: policy, NOW, max_size={"full": 5 * GB})
    kept = [d.backup.folder for d in tiny.decisions if d.keep]
    # the newest, and the pinned one (good: it counts towards minimum_good, as in retention)
    assert kept == ["backups/full/all/5", "backups/full/all/1"]
    assert tiny.notes == ["max_size.full 5.0GB cannot be met: 20.0GB kept, all pinned or "
                          "needed by minimum_good"]  # fmt: skip
    assert "note: max_size.full" in tiny.summary(NOW)


def test_max_size_counts_every_scope_of_the_kind_and_only_that_kind():
    backups = _history("acme", [4, 4, 4]) + _history("globex", [4, 4, 4], good=False)
    modules = [BackupInfo("backups/module/m/0", "module", "m", NOW, good=True, bytes=100 * GB)]
    plan = plan_retention(backups + modules, lambda k, s: None, NOW,
                          max_size={"full": 16 * GB})  # fmt: skip
    # 24 GB of full: the two oldest go (an acme and a globex one), acme keeps its good one
    assert {d.backup.folder for d in plan.deletions} == {
        "backups/full/acme/0", "backups/full/globex/0"}  # fmt: skip
    plan = plan_retention(backups, lambda k, s: None, NOW, max_size={"full": 1 * GB})
    kept = {d.backup.folder for d in plan.decisions if d.keep}
    assert kept == {"backups/full/acme/2"}  # globex's are not good: minimum_good spares none


def test_prune_with_max_size_on_real_backups(small_db, tmp_root, tmp_path):
    urls = _backups(small_db, tmp_root, 3)
    for url in urls:
        assert verify_backup(open_store(url), record=True).ok
    root = open_store(tmp_root)
    one = max(stored_bytes(read_manifest(open_store(url))) for url in urls)
    config = tmp_path / "airvault.yaml"
    config.write_text(f"storage: {{root: 'file://{tmp_root}'}}\n"
                      f"retention: {{max_size: {{full: {int(one * 1.5)}}}}}\n")  # fmt: skip
    out = _cli(config, "check", "--dsn", small_db)  # (it has no tenant table: one error)
    assert "error: tenancy.table" in out.stderr
    assert (
        f"retention.max_size.full: {ByteSize(int(one * 1.5)).human_readable(decimal=True)}; "
        "3 full backups take"
        in out.stdout
        and "over, retention deletes the oldest" in out.stdout
    )
    out = _cli(config, "prune", "--dry-run")
    assert out.returncode == 0, out.stderr
    assert out.stdout.count("max_size") == 2  # the two oldest, one backup's worth left
    plan = prune(root, Retention(max_size={"full": int(one * 1.5)}))
    assert [b.url for b in list_backups(root)[0]] == [urls[2]] and len(plan.deletions) == 2


def test_max_size_config_errors_name_the_key(tmp_path):
    from airvault.config import load_config
    from airvault.errors import ConfigError

    config = tmp_path / "airvault.yaml"
    for value, says in (("{fulll: 5GB}", "retention.max_size.fulll"),
                        ("{full: lots}", "retention.max_size.full: Value error, 'lots' is not a size"),
                        ("{full: 0}", "retention.max_size.full: Value error, 0: give a size above 0")):  # fmt: skip
        config.write_text(f"retention: {{max_size: {value}}}\n")
        with pytest.raises(ConfigError, match=says.replace(".", r"\.")):
            load_config(config)
    config.write_text("retention: {max_size: {full: 50GB, module: 5GiB}}\n")
    assert load_config(config).retention.max_size == {"full": 50 * GB, "module": 5 * 2**30}


def test_the_retention_cleanup_dag_applies_max_size(airflow_db, small_db, tmp_path, tmp_root):
    import yaml

    from tests.airflow.test_dags import load_dags
    from tests.airflow_env import write_config

    urls = _backups(small_db, tmp_root, 3, kind="manual")
    for url in urls:
        assert verify_backup(open_store(url), record=True).ok
    one = max(stored_bytes(read_manifest(open_store(url))) for url in urls)
    config = write_config(tmp_path / "airvault.yaml", f"file://{tmp_root}")
    data = yaml.safe_load(config.read_text())
    data["retention"]["max_size"] = {"manual": int(one * 1.5)}
    config.write_text(yaml.safe_dump(data))
    run = load_dags(config)["retention_cleanup"].test()
    assert run.state == "success"
    assert [b.url for b in list_backups(open_store(tmp_root))[0]] == [urls[2]]
