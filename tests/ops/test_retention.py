"""Retention: plans on synthetic histories (exact expected sets) and pruning of real backups
in real storage, manifest first, never below the floor of good backups."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta

from airvault.config import Retention, RetentionRule
from airvault.ops.retention import BackupInfo, pin, plan_retention, prune
from airvault.storage.manifest import list_backups
from airvault.storage.store import open_store
from airvault.verify import verify_backup
from tests.dbutil import backup

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)  # a Sunday


def _daily(n: int, good: bool = True) -> list[BackupInfo]:
    """One backup a day at 02:00 UTC for the last n days, today's included."""
    return [
        BackupInfo(f"backups/full/all/{i}", "full", "all",
                   datetime.combine(NOW.date() - timedelta(days=i), datetime.min.time(), UTC)
                   + timedelta(hours=2), good=good)
        for i in range(n)
    ]  # fmt: skip


def _kept_dates(plan) -> set[date]:
    return {d.backup.started_at.date() for d in plan.decisions if d.keep}


def test_grandfather_father_son_over_400_daily_backups_keeps_exactly_the_expected_set():
    policy = RetentionRule(daily=7, weekly=4, monthly=12, yearly=3, minimum_good=1)
    plan = plan_retention(_daily(400), lambda k, s: policy, NOW)
    first = NOW.date() - timedelta(days=399)  # 2025-10-19
    daily = {NOW.date() - timedelta(days=i) for i in range(7)}
    sundays = {NOW.date() - timedelta(weeks=w) for w in range(4)}  # ISO weeks end on Sunday
    month_ends = {date(2026, 11, 22)} | {
        date(y, m + 1, 1) - timedelta(days=1) if m < 12 else date(y, 12, 31)
        for y, m in [(2025, 12), *((2026, m) for m in range(1, 11))]
    }
    years = {date(2026, 11, 22), date(2025, 12, 31)}  # only two years have backups
    expected = daily | sundays | month_ends | years
    assert all(d >= first for d in expected)
    assert _kept_dates(plan) == expected
    assert len(plan.deletions) == 400 - len(expected)
    rules = {d.backup.started_at.date(): d.rule for d in plan.decisions}
    assert rules[date(2025, 12, 31)] == "monthly 12"
    assert rules[date(2025, 10, 20)] == "not kept by any rule"


def test_minimum_good_holds_when_the_last_ten_backups_all_failed():
    history = _daily(20)
    for b in history[:10]:
        b.good = False  # completed but failed verification: silently broken backups
    policy = RetentionRule(keep_last=5, minimum_good=3)
    plan = plan_retention(history, lambda k, s: policy, NOW)
    kept = [d for d in plan.decisions if d.keep]
    assert [d.rule for d in kept] == ["keep_last 5"] * 5 + ["minimum_good 3"] * 3
    assert sum(d.backup.good for d in kept) == 3
    assert {d.backup.folder for d in kept if d.backup.good} == {
        "backups/full/all/10", "backups/full/all/11", "backups/full/all/12",
    }  # fmt: skip


def test_pinned_survives_incomplete_young_survives_old_is_removed():
    history = _daily(30)
    history[25].pinned = True
    young = BackupInfo("backups/full/all/running", "full", "all", NOW - timedelta(minutes=20),
                       complete=False)  # fmt: skip
    old = BackupInfo("backups/full/all/crashed", "full", "all", NOW - timedelta(days=2),
                     complete=False)  # fmt: skip
    plan = plan_retention([*history, young, old], lambda k, s: RetentionRule(keep_last=3), NOW)
    decision = {d.backup.folder: d for d in plan.decisions}
    assert decision["backups/full/all/25"].keep and "pinned" in decision["backups/full/all/25"].rule
    assert decision["backups/full/all/running"].keep
    assert not decision["backups/full/all/crashed"].keep
    assert sum(d.keep for d in plan.decisions) == 3 + 1 + 1


def test_tenant_tiers_and_kinds_without_a_policy():
    retention = Retention(
        policies={"full": RetentionRule(keep_last=2)},
        tiers={"free": RetentionRule(keep_last=1), "pro": RetentionRule(keep_last=4)},
        tenant_tiers={"acme": "pro", "tiny": "free"},
    )
    history = []
    for kind, scope in [("tenant", "acme"), ("tenant", "tiny"), ("manual", "all")]:
        for b in _daily(6):
            history.append(BackupInfo(f"{b.folder}-{scope}-{kind}", kind, scope, b.started_at))
    plan = plan_retention(history, retention.policy_for, NOW)
    kept: dict[str, int] = {}
    for d in plan.decisions:
        kept[d.backup.scope] = kept.get(d.backup.scope, 0) + d.keep
    assert kept == {"acme": 4, "tiny": 1, "all": 6}  # manual has no policy: all kept


def test_prune_of_real_backups_deletes_manifest_first_and_honours_pins(demo_dsn, tmp_root):
    urls = []
    for _ in range(4):  # oldest first; folder names have second resolution
        urls.append(backup(demo_dsn, tmp_root, kind="full").url)
        time.sleep(1.05)
    oldest, second, third, newest = (open_store(u) for u in urls)
    assert verify_backup(oldest, record=True).ok  # the only verified ("good") one
    pin(third, "legal hold #42")
    crashed = tmp_root / "backups" / "full" / "all" / "2026-01-01T000000Z-deadbeef"
    (crashed / "data").mkdir(parents=True)  # an old incomplete backup: no manifest
    (crashed / "data" / "x.copy.zst").write_bytes(b"partial")
    retention = Retention(policies={"full": RetentionRule(keep_last=1, minimum_good=1)})
    cli = [sys.executable, "-m", "airvault.cli.main"]
    config = tmp_root.parent / "airvault.yaml"
    config.write_text(
        f"storage: {{root: 'file://{tmp_root}'}}\n"
        "retention: {policies: {full: {keep_last: 1, minimum_good: 1}}}\n"
    )
    out = subprocess.run([*cli, "--config", str(config), "prune", "--dry-run"],
                         capture_output=True, text=True)  # fmt: skip
    assert out.returncode == 0, out.stderr
    dry = out.stdout
    assert "dry run: nothing deleted" in dry and "minimum_good 1" in dry and "pinned" in dry
    assert len(list_backups(open_store(tmp_root))[0]) == 4 and crashed.exists()
    plan = prune(open_store(tmp_root), retention)
    assert sorted(d.backup.folder.rsplit("-", 1)[1] for d in plan.deletions) == sorted(
        [second.url.rsplit("-", 1)[1], "deadbeef"]
    )
    left = {b.url for b in list_backups(open_store(tmp_root))[0]}
    assert left == {oldest.url, third.url, newest.url}
    assert not crashed.exists()
    assert not open_store(second.url).exists("")


def test_a_killed_writer_s_folder_ages_out_after_heartbeat_stale_minutes(tmp_path):
    """`retention.heartbeat_stale_minutes`: how old a heartbeat may be before its incomplete
    folder counts as abandoned (10 min by default; `make scale` uses 2 to show the cleaning)."""
    import json

    from airvault.progress import HEARTBEAT

    folder = tmp_path / "backups" / "module" / "contacts" / "2026-11-22T115000Z-0000dead"
    folder.mkdir(parents=True)
    beat = NOW - timedelta(minutes=3)  # the writer was killed three minutes ago
    (folder / HEARTBEAT).write_text(json.dumps({"at": beat.isoformat()}))
    root = open_store(tmp_path)
    grace = 10 / 3600  # ten seconds
    default = prune(root, Retention(grace_hours=grace), dry_run=True, now=NOW)
    assert [(d.keep, d.rule) for d in default.decisions] == [
        (True, "incomplete, still being written")
    ]
    short = Retention(grace_hours=grace, heartbeat_stale_minutes=2)
    assert [(d.keep, d.rule) for d in prune(root, short, now=NOW).decisions] == [
        (False, "incomplete")
    ]
    assert not folder.exists()


def test_two_backups_that_started_in_one_second_are_ordered_by_their_microseconds(new_db, tmp_root):
    """Backups record their start to the microsecond: of two that started in the same
    second, the later one is the newest for the listing (`airvault list`, what the DR runbook
    restores), the health check, the drills and retention, whatever their random ids. The
    same second is made deterministic: the first backup's folder and manifest are moved to
    the second's second (and signed again), its microseconds kept just before the second's."""
    import json
    import shutil

    import psycopg

    from airvault.ops.drill import latest_backups
    from airvault.ops.health import health_report
    from airvault.ops.inventory import inventory
    from airvault.ops.retention import scan
    from tests.dbutil import resign

    dsn = new_db("same_second")
    with psycopg.connect(dsn) as conn:
        conn.execute("CREATE TABLE notes (id int PRIMARY KEY)")
    taken = [backup(dsn, tmp_root) for _ in range(2)]
    # the later one is the one whose id sorts last: listed by folder name (the same second,
    # then the id), the earlier one would come first
    older, newer = sorted(taken, key=lambda r: r.id)
    assert newer.manifest.started_us and older.manifest.started_us
    second, micro = newer.manifest.started_at, newer.manifest.started_us
    rel = newer.url.removeprefix(open_store(tmp_root).url + "/")
    moved = tmp_root / f"{rel[:-9]}-{older.id}"  # older's folder, in newer's second
    if str(moved) != older.url.removeprefix("file://"):
        shutil.move(older.url.removeprefix("file://"), moved)

    def same_second(manifest: dict) -> None:
        manifest.update(started_at=second, started_us=micro - 1)

    resign(moved, same_second)
    assert json.loads((moved / "manifest.json").read_text())["started_at"] == second
    root = open_store(tmp_root)
    assert [b.id for b in list_backups(root)[0]] == [newer.id, older.id]
    assert inventory(root)[0][0].id == newer.id  # `airvault list --json`'s first row
    assert [b.id for b in latest_backups(root, ["full"])] == [newer.id]
    report = health_report(root, {"full": 24}, write=False)
    assert [s.newest for s in report.scopes] == [newer.url]
    keep_one = RetentionRule(keep_last=1, minimum_good=0)
    plan = plan_retention(scan(root), lambda k, s: keep_one)
    assert [d.backup.folder for d in plan.decisions if d.keep] == [rel]
