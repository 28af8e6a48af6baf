"""Real faults against real processes: kill -9 of the `airvault` CLI at failpoints and at
random moments, connections cut with pg_terminate_backend, a flaky and stalling S3 endpoint,
a full disk (a size-limited tmpfs), and two jobs at once. After each trial the suite checks
what a user relies on: nothing half-done is listed or restorable, and the target database
holds either exactly what it held before or exactly the backup."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import pytest
import yaml

from airvault.ops.retention import prune
from airvault.storage.manifest import list_backups
from airvault.storage.store import open_store
from airvault.verify import verify_backup
from tests.airflow_env import ROOT
from tests.dbutil import INFRA, SCHEMAS, backup, table_checksums
from tests.reliability.conftest import trials

AIRVAULT = str(Path(sys.executable).parent / "airvault")


class Cli:
    """One `airvault` process; its output is collected by a thread so the suite can wait for
    a line (a failpoint) while it runs."""

    def __init__(self, *args: str, config: Path, failpoint: str = "", pause: float = 0) -> None:
        env = {**os.environ, "AIRVAULT_FAILPOINT": failpoint}
        env["AIRVAULT_FAILPOINT_PAUSE"] = str(pause) if pause else ""
        self.proc = subprocess.Popen(
            [AIRVAULT, "--config", str(config), *args],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=ROOT,
        )  # fmt: skip
        self.lines: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.append(line)

    @property
    def output(self) -> str:
        return "".join(self.lines)

    def wait_for(self, text: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.output:
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"never saw {text!r}:\n{self.output}")
            time.sleep(0.02)

    def kill(self) -> None:
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)

    def finish(self, timeout: float = 120) -> int:
        rc = self.proc.wait(timeout)
        self.reader.join(5)
        return rc


def _config(path: Path, **backup_settings) -> Path:
    data = yaml.safe_load((ROOT / "airvault.yaml").read_text())
    data["backup"].update(backup_settings)
    path.write_text(yaml.safe_dump(data))
    return path


def _backup_args(dsn: str, root: Path) -> list[str]:
    args = ["backup", "--dsn", dsn, "--to", f"file://{root}", "--kind", "full"]
    for schema in SCHEMAS:
        args += ["--schema", schema]
    for table in INFRA:
        args += ["--exclude", table]
    return args


def _listed_and_verifying(root: Path) -> tuple[int, int, int]:
    """(backups listed, listed ones that fail verification, folders without a manifest)."""
    complete, incomplete = list_backups(open_store(root))
    bad = sum(not verify_backup(open_store(m.url)).ok for m in complete)
    return len(complete), bad, len(incomplete)


def test_kill_9_during_backup_never_lists_a_partial_backup(demo_dsn, tmp_path, record):
    """Half the trials stop at a failpoint (snapshot taken, a table streaming, the manifest
    written but not yet renamed into place) and are killed there; the others are killed at a
    random moment of a normal run. `backup.concurrent: fail`: a lock left by a killed backup
    would fail the next trial."""
    n = trials(24, 4)
    root = tmp_path / "storage"
    config = _config(tmp_path / "airvault.yaml", concurrent="fail")
    t0 = time.monotonic()
    assert Cli(*_backup_args(demo_dsn, root), config=config).finish() == 0
    clean_s = time.monotonic() - t0
    points = ["backup:snapshot", "backup:streaming", "storage:before-rename"]
    rng = random.Random(9)
    phases, failures, listed_before = Counter(), 0, 1
    for i in range(n):
        point = points[(i // 2) % 3] if i % 2 == 0 else ""
        cli = Cli(*_backup_args(demo_dsn, root), config=config, failpoint=point)
        if point:
            cli.wait_for(f"failpoint {point}")
        else:
            time.sleep(rng.uniform(0.2, clean_s))
        cli.kill()
        rc = cli.finish()
        if rc not in (0, -signal.SIGKILL):  # e.g. the lock of a killed backup was still held
            failures += 1
            print(cli.output)
        listed, bad, _ = _listed_and_verifying(root)
        new = listed - listed_before  # 1 when the manifest landed before the kill
        listed_before = listed
        phases[point or "random"] += 1
        phases["completed before the kill"] += new
        failures += bad + (new not in (0, 1)) + (rc == 0 and new != 1)
    leftovers = _listed_and_verifying(root)[2]
    retention = yaml.safe_load(config.read_text())["retention"]
    from airvault.config import Retention

    prune(open_store(root), Retention(**retention), now=datetime.now(UTC) + timedelta(days=1))
    listed, bad, remaining = _listed_and_verifying(root)
    record(
        "kill -9 during backup",
        n,
        failures + bad + remaining,
        bad,
        f"{dict(phases)}; {leftovers} unfinished folders never listed, all removed by retention",
    )
    assert failures == bad == remaining == 0 and listed >= 1


def _mutate(dsn: str) -> None:
    """Make the target differ from the backup in every way a restore must undo."""
    with psycopg.connect(dsn) as conn:
        conn.execute("DELETE FROM activities WHERE id IN (SELECT id FROM activities LIMIT 20)")
        conn.execute("UPDATE contacts SET first_name = 'changed' WHERE id IN "
                     "(SELECT id FROM contacts ORDER BY id LIMIT 30)")  # fmt: skip
        conn.execute("UPDATE products SET price = price + 1")


def _database_exists(pg, name: str) -> bool:
    with psycopg.connect(pg.dsn) as conn:
        return bool(
            conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        )


def _terminate(pg, dbname: str) -> int:
    with psycopg.connect(pg.dsn, autocommit=True) as conn:
        return conn.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            (dbname,),
        ).fetchone()[0]


RESTORE_POINTS = {
    "replace": ["restore:staged", "restore:applied"],
    "merge": ["restore:staged", "restore:applied"],
    "new-database": ["restore:loaded", "restore:before-publish"],
}


@pytest.mark.parametrize("mode", ["replace", "merge", "new-database"])
def test_kill_9_and_cut_connections_during_restore_change_nothing(
    mode, pg, demo_backup, tmp_path, record
):
    """Each trial restores the demo backup into a database that differs from it, and either
    kills the CLI (-9) or terminates its server connections: at a failpoint (rows staged;
    everything written but not committed; for new-database, data loaded / about to be
    renamed) or at a random moment. Afterwards the target must hold exactly what it held
    before, or (a restore that finished first) exactly the backup: never a mix."""
    from airvault.restore.run import restore

    n = trials(8, 2)
    config = _config(tmp_path / "airvault.yaml")
    backup_sums = table_checksums(_fresh_copy(pg, demo_backup, "ref"))
    rng = random.Random(hash(mode) % 1000)
    outcomes, failures, lost, clean_s = Counter(), 0, 0, 8.0
    for i in range(n):
        fault = "kill" if i % 2 == 0 else "terminate"
        point = RESTORE_POINTS[mode][(i // 2) % 2] if i % 4 < 2 else ""
        name = f"target_{mode.replace('-', '_')}_{i}"
        if mode == "new-database":
            dsn, before = pg.dsn_for(name), None
        else:
            dsn = _fresh_copy(pg, demo_backup, name)
            _mutate(dsn)
            before = table_checksums(dsn)
        args = ["restore", "--from", demo_backup.url, "--dsn", dsn, "--mode", mode, "--yes",
                "--safety-to", f"file://{tmp_path / 'safety'}"]  # fmt: skip
        pause = 4 if fault == "terminate" else 0  # the process goes on to meet the cut
        t0 = time.monotonic()
        cli = Cli(*args, config=config, failpoint=point, pause=pause)
        if point:
            cli.wait_for(f"failpoint {point}")
        else:
            time.sleep(rng.uniform(0.3, clean_s))
        if fault == "kill":
            cli.kill()
        else:
            _terminate(pg, name)
            scratch = [d for d in _databases(pg) if d.startswith("airvault_restoring_")]
            for d in scratch:
                _terminate(pg, d)
        rc = cli.finish()
        if rc == 0:
            clean_s = max(clean_s, time.monotonic() - t0)
        exists = _database_exists(pg, name)
        after = table_checksums(dsn) if exists else None
        state = "unchanged" if after == before else "restored" if after == backup_sums else "MIXED"
        outcomes[f"{fault}: {state}"] += 1
        if state == "MIXED" or (rc == 0 and state != "restored"):
            failures += 1
            lost += state == "MIXED"
            print(
                f"trial {i} ({fault} at {point or 'random'}): rc={rc} state={state}\n{cli.output}"
            )
        elif rc != 0 and fault == "terminate" and "Traceback" in cli.output:
            failures += 1  # a cut connection must end in a clear error, not a stack trace
            print(cli.output)
        if mode == "new-database":  # a killed build leaves a scratch db: the next run clears it
            if exists:
                _drop(pg, name)
            restore(demo_backup.url, dsn, mode="new-database")
            failures += table_checksums(dsn) != backup_sums
            failures += any(d.startswith("airvault_restoring_") for d in _databases(pg))
        _drop(pg, name)
    record(f"kill -9 / connection cut during restore ({mode})", n, failures, lost,
           ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())))  # fmt: skip
    assert failures == lost == 0


def _databases(pg) -> list[str]:
    with psycopg.connect(pg.dsn) as conn:
        return [r[0] for r in conn.execute("SELECT datname FROM pg_database")]


def _drop(pg, name: str) -> None:
    with psycopg.connect(pg.dsn, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _fresh_copy(pg, demo_backup, name: str) -> str:
    from airvault.restore.run import restore

    _drop(pg, name)
    dsn = pg.dsn_for(name)
    restore(demo_backup.url, dsn, mode="new-database")
    return dsn


def test_flaky_and_stalling_s3_gives_verified_backups_or_clean_failures(
    s3_endpoint, demo_dsn, tmp_path, monkeypatch, record
):
    """A loopback proxy in front of the S3 server fails 15% of the requests (503, 500,
    connection reset) and stalls 10% of them: every backup and archive either completes and
    verifies (checked against the S3 server directly) or fails with an error and no manifest."""
    from airvault.archive.run import ArchiveOptions, run_archive, verify_archive
    from tests.s3_proxy import S3Proxy

    n = trials(20, 2)
    proxy = S3Proxy(s3_endpoint, fail_ratio=0.15, seed=11, stall_ratio=0.1, stall_seconds=1.5)
    bucket = tmp_path / "bucket"
    bucket.mkdir()
    (bucket / "photo.bin").write_bytes(os.urandom(300_000))
    done, clean, failures = Counter(), Counter(), 0

    def direct(url: str):
        monkeypatch.setenv("AWS_ENDPOINT_URL", s3_endpoint)
        return open_store(url)

    try:
        for i in range(n):
            what = "backup" if i % 2 == 0 else "archive"
            url = f"s3://airvault-test/reliability/flaky/{i}"
            monkeypatch.setenv("AWS_ENDPOINT_URL", proxy.url)
            try:
                if what == "backup":
                    result_url = backup(demo_dsn, url).url
                else:
                    opts = ArchiveOptions(buckets={"photos": str(bucket)})
                    result_url = run_archive(demo_dsn, open_store(url), opts).url
            except Exception as e:  # noqa: BLE001 - a clean failure is allowed, checked here
                clean[what] += 1
                pattern = "*/*/manifest.json" if what == "backup" else "archives/*/manifest.json"
                failures += bool(direct(url).glob(pattern)) + (not str(e).strip())
                continue
            done[what] += 1
            ok = verify_backup(direct(result_url)) if what == "backup" else None
            ok = ok.ok if ok else verify_archive(direct(result_url)).ok
            failures += not ok
    finally:
        proxy.close()
    faults = {k: v for k, v in proxy.counts.items() if k not in ("forwarded", "expired")}
    print(proxy.counts)
    record("S3 faults (500/503/reset/stall) during backup and archive", n, failures, 0,
           f"completed+verified {sum(done.values())} {dict(done)}, clean failures "
           f"{sum(clean.values())} {dict(clean)}; injected {faults}")  # fmt: skip
    assert failures == 0 and sum(faults.values()) > 0


def test_disk_full_fails_cleanly_and_lists_nothing(demo_dsn, demo_backup, tmp_path, record):
    """The storage root is a tmpfs smaller than the backup (10% to 90% of its size): the CLI
    fails with the OS's message, no backup is listed and the unfinished folder is gone."""
    size = sum(f.stat().st_size for f in Path(demo_backup.url.removeprefix("file://")).rglob("*"))
    n = trials(5, 1)
    config = _config(tmp_path / "airvault.yaml")
    failures, messages = 0, Counter()
    for i in range(n):
        mount = tmp_path / f"small{i}"
        mount.mkdir()
        limit = max(64 * 1024, int(size * (0.1 + 0.8 * i / max(n - 1, 1))))
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={limit}", "tmpfs", str(mount)],
                                 capture_output=True, text=True)  # fmt: skip
        if mounted.returncode != 0:
            pytest.skip(f"cannot mount a size-limited tmpfs here: {mounted.stderr.strip()}")
        try:
            cli = Cli(*_backup_args(demo_dsn, mount), config=config)
            rc = cli.finish()
            last = cli.output.strip().splitlines()[-1] if cli.output.strip() else ""
            messages[last.split(":")[0]] += 1
            complete, _ = list_backups(open_store(mount))
            leftovers = [p for p in mount.rglob("*") if p.is_file()]
            failures += rc == 0 or "No space left on device" not in last or bool(complete)
            failures += "Traceback" in cli.output or bool(leftovers)
            if failures:
                print(limit, cli.output, leftovers)
        finally:
            subprocess.run(["umount", str(mount)], check=True)
    record("disk full (tmpfs 10-90% of the backup size)", n, failures, 0,
           f"every run failed with 'No space left on device', nothing listed or left; {dict(messages)}")  # fmt: skip
    assert failures == 0


def test_a_second_backup_of_the_same_scope_fails_or_waits_per_config(demo_dsn, tmp_path, record):
    """A first backup is held at a failpoint for 3 s while a second of the same scope starts:
    with `concurrent: fail` the second stops at once naming the running one; with `wait` it
    starts after the first. Every backup that completes verifies."""
    n = trials(3, 1)
    failures, waited_s = 0, []
    for policy in ("fail", "wait"):
        config = _config(tmp_path / f"{policy}.yaml", concurrent=policy)
        for i in range(n):
            root = tmp_path / f"{policy}{i}"
            first = Cli(*_backup_args(demo_dsn, root), config=config,
                        failpoint="backup:streaming", pause=3)  # fmt: skip
            first.wait_for("failpoint backup:streaming")
            t0 = time.monotonic()
            second = Cli(*_backup_args(demo_dsn, root), config=config)
            rc2 = second.finish()
            took = time.monotonic() - t0
            rc1 = first.finish()
            listed, bad, _ = _listed_and_verifying(root)
            if policy == "fail":
                ok = (
                    rc2 != 0 and "backup of scope 'all' is running" in second.output and listed == 1
                )
                ok = ok and took < 10
            else:
                ok, _ = rc2 == 0 and listed == 2, waited_s.append(took)
            ok = ok and rc1 == 0 and bad == 0
            failures += not ok
            if not ok:
                print(policy, rc1, rc2, first.output, second.output)
    record("two backups of one scope at once (fail / wait)", 2 * n, failures, 0,
           f"'fail': the second refused at once; 'wait': it ran after the first ({min(waited_s):.1f}-{max(waited_s):.1f} s)")  # fmt: skip
    assert failures == 0


def test_restore_while_the_app_writes_shows_no_mixed_state(pg, demo_backup, tmp_path, record):
    """An app keeps inserting products while a replace restore runs: its writes wait for the
    restore's lock, so afterwards every table equals the backup plus the writes that committed
    after the restore; none is lost. With a writer holding a transaction open, a restore with
    a short lock timeout fails cleanly and changes nothing."""
    from airvault.errors import AirvaultError
    from airvault.restore.run import restore

    n = trials(4, 1)
    backup_sums = table_checksums(_fresh_copy(pg, demo_backup, "ref_writes"))
    failures, waits = 0, []
    for i in range(n):
        dsn = _fresh_copy(pg, demo_backup, f"writes_{i}")
        _mutate(dsn)
        stop, done = threading.Event(), []
        with psycopg.connect(dsn) as conn:
            org = conn.execute("SELECT id FROM organizations LIMIT 1").fetchone()[0]

        def write(dsn=dsn, stop=stop, done=done, org=org) -> None:
            with psycopg.connect(dsn, autocommit=True) as app:
                while not stop.is_set():
                    t = time.monotonic()
                    sku = f"W-{len(done)}"
                    app.execute("INSERT INTO products (id, organization_id, sku, name, price, stock) "
                                "VALUES (gen_random_uuid(), %s, %s, 'app write', 1, 1)", (org, sku))  # fmt: skip
                    done.append((sku, t, time.monotonic()))

        writer = threading.Thread(target=write)
        writer.start()
        time.sleep(0.3)
        restore(demo_backup.url, dsn, mode="replace", safety_root=open_store(tmp_path / "safety"))
        restored_at = time.monotonic()
        time.sleep(0.3)
        stop.set()
        writer.join()
        with psycopg.connect(dsn) as conn:
            present = {r[0] for r in conn.execute("SELECT sku FROM products WHERE sku LIKE 'W-%'")}
            conn.execute("DELETE FROM products WHERE sku LIKE 'W-%'")
        after_restore = {sku for sku, _, end in done if end > restored_at}
        waits.append(max(end - start for _, start, end in done))
        failures += not after_restore <= present or table_checksums(dsn) != backup_sums
        _drop(pg, f"writes_{i}")
    # a writer that holds its transaction: the restore gives up after lock_timeout
    dsn = _fresh_copy(pg, demo_backup, "writes_blocked")
    _mutate(dsn)
    before = table_checksums(dsn)
    with psycopg.connect(dsn) as blocker:
        blocker.execute("UPDATE products SET stock = stock WHERE sku IS NOT NULL")
        with pytest.raises((AirvaultError, psycopg.Error)) as timed_out:
            restore(demo_backup.url, dsn, mode="replace", lock_timeout="1s")
        blocker.rollback()
    failures += "lock" not in str(timed_out.value) or table_checksums(dsn) != before
    _drop(pg, "writes_blocked")
    record("restore while the app writes; restore vs a held lock", n + 1, failures, 0,
           f"app writes waited up to {max(waits):.1f} s for the restore; a held lock gave "
           f"'{str(timed_out.value).splitlines()[0][:60]}' and no change")  # fmt: skip
    assert failures == 0
