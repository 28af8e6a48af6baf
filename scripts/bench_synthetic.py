"""A synthetic full backup against a real one (issue 32.3), on a copy of the bench database:
capture on, a base, a day's worth of app changes, drained; then the synthetic full (base +
segments, no app table read) and a real full at the same point, timed, their content digests
compared and the app tables' read counters checked. Two days: a broad one (1% of the contacts
and deals updated, activities and audit logs appended to, some leads deleted: the five
biggest tables change), a narrow one (deals, bids and products), and a deploy (a column
added to deals: a synthetic full across a migration rebuilds that table in a scratch
database).

    python scripts/bench_synthetic.py [--scale 75]   # on its own (make bench runs it too)
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo

SLOT = "bench_synthetic"
# A day of changes everywhere: the five biggest tables change (scattered updates in three).
BROAD_DAY = """
UPDATE contacts SET phone = '+1 555 0100', updated_at = now() WHERE abs(hashtext(id::text)) % 100 = 0;
UPDATE deals SET stage = 'won', amount = amount + 1 WHERE abs(hashtext(id::text)) % 100 = 1;
INSERT INTO activities (organization_id, deal_id, kind, subject)
SELECT organization_id, id, 'call', 'follow-up' FROM deals WHERE abs(hashtext(id::text)) % 100 = 2;
INSERT INTO audit_logs (organization_id, action, entity, entity_id, created_at)
SELECT organization_id, 'update', 'contact', id, now() FROM contacts
WHERE abs(hashtext(id::text)) % 100 = 0;
DELETE FROM leads WHERE abs(hashtext(id::text)) % 500 = 3;
"""
# A narrower day: the sales team's tables only (deals, bids, products).
NARROW_DAY = """
UPDATE deals SET stage = 'lost' WHERE abs(hashtext(id::text)) % 100 = 5;
UPDATE products SET stock = stock - 1 WHERE abs(hashtext(id::text)) % 10 = 0;
UPDATE bids SET status = 'accepted' WHERE abs(hashtext(id::text)) % 100 = 7;
"""
# A deploy: a column added NOT NULL with a default to deals (the table is rebuilt in a scratch
# database), set on some rows after, an index on it; and the narrow day's products.
DEPLOY_DAY = """
ALTER TABLE deals ADD COLUMN probability int NOT NULL DEFAULT 50;
UPDATE deals SET probability = 90 WHERE abs(hashtext(id::text)) % 100 = 9;
CREATE INDEX deals_probability ON deals (probability);
UPDATE products SET stock = stock + 1 WHERE abs(hashtext(id::text)) % 10 = 1;
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


def _day(dsn: str, root, options, changes: str, name: str) -> dict:
    """The app's changes, a drain, then a synthetic and a real full at the same point."""
    from airvault.backup.run import run_backup
    from airvault.backup.synthetic.command import run_synthetic
    from airvault.capture.drain import drain

    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(changes)
    time.sleep(1.1)  # past the drain's margin for commits still being written
    drained = drain(dsn, root, SLOT, SLOT)
    before = _reads(dsn)
    started = time.perf_counter()
    synthetic = run_synthetic(dsn, root, options)
    synthetic_s = time.perf_counter() - started
    untouched = _reads(dsn) == before
    started = time.perf_counter()
    real = run_backup(dsn, root, options)
    real_s = time.perf_counter() - started
    digests = lambda m: {t.qualified: t.content_sha256 for t in m.tables}  # noqa: E731
    origin = synthetic.manifest.synthetic
    assert origin is not None
    merged = [t for t in synthetic.manifest.tables if t.qualified in origin.tables_changed]
    result = {
        "synthetic_s": round(synthetic_s, 2),
        "real_full_s": round(real_s, 2),
        "ratio": round(synthetic_s / real_s, 2),
        "row_changes": drained.changes,
        "tables_merged": len(merged),
        "tables_rebuilt": len(origin.tables_rebuilt),  # reshaped by a migration (deploy day)
        "merged_share": round(
            sum(t.content_bytes for t in merged)
            / sum(t.content_bytes for t in synthetic.manifest.tables),
            2,
        ),
        "digests_equal": digests(synthetic.manifest) == digests(real.manifest),
        "app_tables_unread": untouched,
    }
    print(
        f"  {name}: synthetic full {synthetic_s:.1f}s vs real full {real_s:.1f}s = "
        f"{result['ratio']}x after {drained.changes:,} row changes in {len(merged)} tables "
        f"(+{len(origin.tables_rebuilt)} rebuilt across {origin.schema_changes} schema changes) "
        f"({result['merged_share']:.0%} of the data merged, the rest copied); content digests "
        f"equal: {result['digests_equal']}; app tables unread: {untouched}",
        flush=True,
    )
    return result


def bench_synthetic(dsn: str, out: Path) -> dict:
    """Synthetic vs real full backups on a copy of the database at `dsn` (dropped after):
    a broad day of changes, then a narrow one (its base: the broad day's real full)."""
    from airvault.backup.run import BackupOptions, run_backup
    from airvault.capture.slot import start_capture, stop_capture
    from airvault.storage.store import open_store

    info = conninfo_to_dict(dsn)
    name = f"{info['dbname']}_synthetic"
    copy = make_conninfo("", **{**info, "dbname": name})
    admin = make_conninfo("", **{**info, "dbname": "postgres"})
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{info["dbname"]}"')
    shutil.rmtree(out, ignore_errors=True)
    root = open_store(out)
    schemas = ["public", "auth", "storage"]
    options = BackupOptions(
        kind="full", schemas=schemas, capture_slot=SLOT, capture_publication=SLOT
    )
    start_capture(copy, SLOT, SLOT, replica_identity_full=True)
    try:
        run_backup(copy, root, options)  # the first base
        print("synthetic full backups (a copy of the database, capture on):", flush=True)
        broad = _day(copy, root, options, BROAD_DAY, "broad day")
        narrow = _day(copy, root, options, NARROW_DAY, "narrow day")
        deploy = _day(copy, root, options, DEPLOY_DAY, "deploy day")
    finally:
        stop_capture(copy, SLOT, SLOT)
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        shutil.rmtree(out, ignore_errors=True)
    return {"broad_day": broad, "narrow_day": narrow, "deploy_day": deploy}


def main() -> int:
    sys.path.insert(0, str(Path(__file__).parent))
    from bench import WORK, ensure_demo

    from airvault.demo.embedded import EmbeddedPostgres, free_port

    os.environ.setdefault("AIRVAULT_SIGNING_KEY", "airvault-bench-signing-key-0123456789")
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
    good = [r["digests_equal"] and r["app_tables_unread"] for r in result.values()]
    return 0 if all(good) else 1


if __name__ == "__main__":
    sys.exit(main())
