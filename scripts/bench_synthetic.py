"""A synthetic full backup against a real one (issue 32.3), on a copy of the bench database:
capture on, a base, a day's worth of app changes (1% of the contacts and deals updated,
activities and audit logs appended to, some leads deleted), drained; then the synthetic full
(base + segments, no app table read) and a real full at the same point, timed, their
content digests compared and the app tables' read counters checked.

    python scripts/bench_synthetic.py [--scale 75]   # on its own (make bench runs it too)
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo

SLOT = "bench_synthetic"
DAY_OF_CHANGES = """
UPDATE contacts SET phone = '+1 555 0100', updated_at = now() WHERE abs(hashtext(id::text)) % 100 = 0;
UPDATE deals SET stage = 'won', amount = amount + 1 WHERE abs(hashtext(id::text)) % 100 = 1;
INSERT INTO activities (organization_id, deal_id, kind, subject)
SELECT organization_id, id, 'call', 'follow-up' FROM deals WHERE abs(hashtext(id::text)) % 100 = 2;
INSERT INTO audit_logs (organization_id, action, entity, entity_id, created_at)
SELECT organization_id, 'update', 'contact', id, now() FROM contacts
WHERE abs(hashtext(id::text)) % 100 = 0;
DELETE FROM leads WHERE abs(hashtext(id::text)) % 500 = 3;
"""
_READS = """
SELECT coalesce(sum(seq_scan), 0) + coalesce(sum(idx_scan), 0),
       coalesce(sum(seq_tup_read), 0) + coalesce(sum(idx_tup_fetch), 0)
FROM pg_stat_user_tables WHERE schemaname IN ('public', 'auth', 'storage')
"""


def _reads(dsn: str) -> tuple:
    time.sleep(1.1)  # sessions flush their counters at least once a second
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("SELECT pg_stat_clear_snapshot()")
        return tuple(conn.execute(_READS).fetchone() or ())


def bench_synthetic(dsn: str, out: Path) -> dict:
    """Synthetic vs real full backup on a copy of the database at `dsn` (dropped after)."""
    from airvault.backup.run import BackupOptions, run_backup
    from airvault.backup.synthetic.command import run_synthetic
    from airvault.capture.drain import drain
    from airvault.capture.slot import start_capture, stop_capture
    from airvault.storage.store import open_store

    info = conninfo_to_dict(dsn)
    copy = make_conninfo("", **{**info, "dbname": f"{info['dbname']}_synthetic"})
    admin = make_conninfo("", **{**info, "dbname": "postgres"})
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{info["dbname"]}_synthetic"')
        conn.execute(f'CREATE DATABASE "{info["dbname"]}_synthetic" TEMPLATE "{info["dbname"]}"')
    shutil.rmtree(out, ignore_errors=True)
    root = open_store(out)
    options = BackupOptions(kind="full", schemas=["public", "auth", "storage"], capture_slot=SLOT)
    start_capture(copy, SLOT, SLOT, replica_identity_full=True)
    try:
        base = run_backup(copy, root, options)
        with psycopg.connect(copy, autocommit=True) as conn:
            conn.execute(DAY_OF_CHANGES)
        started = time.perf_counter()
        drained = drain(copy, root, SLOT, SLOT)
        drain_s = time.perf_counter() - started
        before = _reads(copy)
        started = time.perf_counter()
        synthetic = run_synthetic(copy, root, options)
        synthetic_s = time.perf_counter() - started
        untouched = _reads(copy) == before
        started = time.perf_counter()
        real = run_backup(copy, root, options)
        real_s = time.perf_counter() - started
    finally:
        stop_capture(copy, SLOT, SLOT)
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{info["dbname"]}_synthetic" WITH (FORCE)')
        shutil.rmtree(out, ignore_errors=True)
    digests = lambda m: {t.qualified: t.content_sha256 for t in m.tables}  # noqa: E731
    origin = synthetic.manifest.synthetic
    assert origin is not None
    result = {
        "synthetic_s": round(synthetic_s, 2),
        "real_full_s": round(real_s, 2),
        "ratio": round(synthetic_s / real_s, 2),
        "drain_s": round(drain_s, 2),
        "row_changes": drained.changes,
        "tables_merged": len(origin.tables_changed),
        "tables_copied": len(synthetic.manifest.tables) - len(origin.tables_changed),
        "digests_equal": digests(synthetic.manifest) == digests(real.manifest),
        "app_tables_unread": untouched,
        "base_s": base.manifest.duration_s,
    }
    print(
        f"  synthetic full {synthetic_s:.1f}s vs real full {real_s:.1f}s = {result['ratio']}x "
        f"(goal: 0.5x at most) after {drained.changes:,} row changes in "
        f"{result['tables_merged']} tables ({result['tables_copied']} copied as they were); "
        f"content digests equal: {result['digests_equal']}; app tables unread: {untouched}",
        flush=True,
    )
    return result


def main() -> int:
    sys.path.insert(0, str(Path(__file__).parent))
    from bench import WORK, ensure_demo

    from airvault.demo.embedded import EmbeddedPostgres, free_port

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=int, default=75)
    args = parser.parse_args()
    pg = EmbeddedPostgres(WORK / "pgdata", port=free_port()).start()
    pg.wait_ready()
    try:
        dsn, _ = ensure_demo(pg, args.scale)
        result = bench_synthetic(dsn, WORK / "out-synthetic")
    finally:
        pg.stop()
    return 0 if result["digests_equal"] and result["app_tables_unread"] else 1


if __name__ == "__main__":
    sys.exit(main())
