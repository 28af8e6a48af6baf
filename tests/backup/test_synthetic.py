"""Synthetic full backups: the newest base and its change segments merged into a full backup
that holds byte for byte what a real full backup at the same point holds, without a read of
the app's tables; refused, naming the table, where that cannot be exact."""

from __future__ import annotations

import os
import subprocess
import time

import psycopg

from airvault.backup.run import BackupOptions
from airvault.backup.synthetic.base import newest_base
from airvault.backup.synthetic.command import run_full_backup
from airvault.capture.drain import drain
from airvault.restore.run import restore
from tests.capture.test_capture import AIRVAULT, LEDGER, _env, capturing, checksums, tables_of
from tests.dbutil import INFRA, backup

# After the base: inserts, updates (some leave a TOASTed value unchanged), deletes, key
# updates, a row inserted then deleted, a truncated table refilled, a keyless table's rows
# added and removed.
WRITES = """
INSERT INTO activities (organization_id, kind, subject)
SELECT organization_id, 'call', 'synthetic ' || n FROM contacts, generate_series(1, 3) n
ORDER BY contacts.id LIMIT 60;
UPDATE contacts SET phone = '+1 555 ' || left(id::text, 4), email = NULL
WHERE id IN (SELECT id FROM contacts ORDER BY id LIMIT 60);
UPDATE contacts SET last_name = E'tab\\there, new\\nline \\\\ back'
WHERE id IN (SELECT id FROM contacts ORDER BY id DESC LIMIT 3);
DELETE FROM audit_logs WHERE id IN (SELECT id FROM audit_logs ORDER BY id LIMIT 25);
UPDATE activities SET id = id + 1000000, subject = subject || ' (moved)'
WHERE id IN (SELECT id FROM activities ORDER BY id LIMIT 10);
UPDATE activities SET id = -id WHERE id IN (SELECT id FROM activities ORDER BY id DESC LIMIT 5);
INSERT INTO audit_logs (organization_id, action, entity, created_at)
SELECT id, 'gone', 'x', now() FROM organizations;
DELETE FROM audit_logs WHERE action = 'gone';
TRUNCATE inventory_movements;
INSERT INTO inventory_movements (product_id, quantity, reason, moved_at)
SELECT id, 1, 'recount', '2026-12-01' FROM products ORDER BY id LIMIT 7;
INSERT INTO ledger (contact_id, amount, memo) SELECT id, 5, 'later' FROM contacts LIMIT 4;
DELETE FROM ledger WHERE id IN (SELECT id FROM ledger ORDER BY id LIMIT 3);
UPDATE ledger SET memo = 'changed, "quoted"' WHERE id = (SELECT max(id) FROM ledger);
"""

_READS = """
SELECT coalesce(sum(seq_scan), 0), coalesce(sum(idx_scan), 0), coalesce(sum(seq_tup_read), 0),
       coalesce(sum(idx_tup_fetch), 0), coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0)
FROM pg_stat_user_tables WHERE schemaname || '.' || relname = ANY(%s)
"""


def _reads(dsn: str) -> tuple:
    """Scans and rows read (and written) of the app's tables, as the server counts them."""
    time.sleep(1.1)  # sessions flush their counters at least once a second, and when they end
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("SELECT pg_stat_clear_snapshot()")
        return conn.execute(_READS, (tables_of(conn),)).fetchone()


def _digests(manifest) -> dict[str, tuple]:
    return {t.qualified: (t.rows, t.digest, t.content_sha256) for t in manifest.tables}


def test_a_synthetic_full_equals_a_real_one_and_reads_no_app_table(
    pg, copy_of_demo, tmp_path, airflow_db
):
    dsn = copy_of_demo
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(LEDGER)
    with capturing(dsn, tmp_path, "synth", replica_identity_full=True) as (slot, root):
        base = backup(dsn, root.url, capture_slot=slot, kind="full")
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(WRITES)
        drain(dsn, root, slot, slot, segment_changes=200)  # several segments
        options = BackupOptions(
            kind="full", exclude=INFRA, capture_slot=slot, capture_publication=slot
        )
        before = _reads(dsn)
        synthetic = run_full_backup(dsn, root, options, "yes")
        assert _reads(dsn) == before  # not a row of the app's tables was read
        origin = synthetic.manifest.synthetic
        assert origin is not None and origin.base_id == base.id
        assert {"public.contacts", "public.ledger", "public.inventory_movements"} <= set(
            origin.tables_changed
        )
        assert newest_base(root, slot, pg_dbname(dsn)).manifest.id == synthetic.id  # next base
        real = backup(dsn, root.url, capture_slot=slot, kind="full")
        assert _digests(synthetic.manifest) == _digests(real.manifest)
        assert _digests(synthetic.manifest) != _digests(base.manifest)
        assert synthetic.manifest.sequences == real.manifest.sequences

        verified = subprocess.run([AIRVAULT, "verify", synthetic.url], capture_output=True,
                                  text=True, env=_env(), timeout=120)  # fmt: skip
        assert verified.returncode == 0, verified.stdout + verified.stderr
        target = pg.dsn_for(f"synthetic_restored_{os.getpid()}")
        restore(synthetic.url, target, mode="new-database")
        with psycopg.connect(dsn) as source, psycopg.connect(target) as restored:
            assert checksums(restored) == checksums(source)

        # The full-backup DAG with backup.synthetic: true builds the next one on the real full
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(
                "UPDATE deals SET stage = 'won' WHERE id = (SELECT id FROM deals ORDER BY id LIMIT 1)"
            )
        drain(dsn, root, slot, slot)
        made = _daily_backup(dsn, root, slot, tmp_path)
        assert made.synthetic is not None and made.synthetic.base_id == real.id
        assert made.synthetic.tables_changed == ["public.deals"]

        # A migration since the base: refused, naming the table; auto takes a real one
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute("ALTER TABLE deals ADD COLUMN probability int")
        refused = subprocess.run([AIRVAULT, "backup", "--synthetic", "--dsn", dsn],
                                 capture_output=True, text=True, timeout=120,
                                 env=_env(AIRVAULT_CONFIG=str(tmp_path / "airvault.yaml")))  # fmt: skip
        assert refused.returncode != 0
        assert "public.deals changed since the base" in refused.stderr, refused.stderr
        fallback = run_full_backup(dsn, root, options, "auto")
        assert fallback.manifest.synthetic is None
        assert "probability" in [c.name for c in fallback.manifest.table("public.deals").columns]


def pg_dbname(dsn: str) -> str:
    return psycopg.conninfo.conninfo_to_dict(dsn)["dbname"]


def _daily_backup(dsn: str, root, slot: str, tmp_path):
    """full_backup_daily run by Airflow with backup.synthetic and this test's slot: the
    newest backup it made, verified by the DAG's verify task."""
    import yaml
    from airflow.dag_processing.dagbag import DagBag

    from airvault.storage.manifest import list_backups
    from tests.airflow_env import ROOT, set_postgres_connection, write_config

    set_postgres_connection("airvault_app_db", dsn)
    path = write_config(tmp_path / "airvault.yaml", root.url)
    config = yaml.safe_load(path.read_text())
    config["capture"].update(enabled=True, slot=slot, publication=slot)
    config["backup"]["synthetic"] = True
    path.write_text(yaml.safe_dump(config))
    os.environ["AIRVAULT_CONFIG"] = str(path)
    bag = DagBag(dag_folder=str(ROOT / "dags" / "full_backups.py"))
    run = bag.dags["full_backup_daily"].test()
    assert run.state == "success", run.state
    newest = list_backups(root)[0][0]
    assert newest.verification is not None and newest.verification.ok
    return newest
