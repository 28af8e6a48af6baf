"""Synthetic full backups across recorded migrations (issue 32.3): an app that deployed three
migrations of different kinds after the base, with rows written between them, gets a
synthetic full equal to a real one, table for table and schema included, without a read of
its tables; a migration the replay cannot repeat is refused, naming it."""

from __future__ import annotations

import os
import time

import psycopg
import pytest
from psycopg.conninfo import make_conninfo

from airvault.backup.run import BackupOptions
from airvault.backup.synthetic.command import run_full_backup
from airvault.backup.synthetic.fold import SyntheticRefused
from airvault.backup.synthetic.migrations import SCRATCH_PREFIX
from airvault.capture.drain import drain
from airvault.capture.slot import start_capture, stop_capture
from airvault.restore.run import restore
from airvault.storage.opened import OpenedBackup
from airvault.storage.store import open_store
from airvault.verify import verify_backup
from tests.backup.test_synthetic import _digests, _reads
from tests.capture.test_capture import checksums
from tests.capture.test_capture_ddl import (
    APP,
    MIGRATION_1,
    MIGRATION_2,
    MIGRATION_3,
    UNREPLAYABLE,
    _schema,
    _work,
)
from tests.dbutil import backup

HEAD = "CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY);"  # the app's head
TAGGED = "DELETE FROM order_tags WHERE order_id % 11 = 0"  # before _work deletes orders
TAGS = """
CREATE TABLE order_tags (order_id bigint NOT NULL REFERENCES orders, tag text);
INSERT INTO order_tags SELECT id, 'tag ' || id % 3 FROM orders WHERE id % 4 = 0;
INSERT INTO order_tags SELECT id, 'tag ' || id % 3 FROM orders WHERE id % 8 = 0;
DELETE FROM order_tags WHERE order_id % 16 = 0;
"""

EVENTS = """
CREATE TABLE events (id int, at date, what text, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE TABLE events_2027 (LIKE events INCLUDING ALL);
INSERT INTO events SELECT i, '2026-03-01'::date + i, 'e' || i FROM generate_series(1, 30) i;
INSERT INTO events_2027 SELECT i, '2027-03-01'::date + i, 'f' || i FROM generate_series(1, 20) i;
"""
ATTACH = """
ALTER TABLE events ATTACH PARTITION events_2027 FOR VALUES FROM ('2027-01-01') TO ('2028-01-01');
UPDATE events SET what = 'g' WHERE id % 5 = 0;
"""


def _schema_text(result) -> list[str]:
    """The backup's schema.sql as a restore creates it (pg_dump's per-run key aside)."""
    opened = OpenedBackup.open(result.url)
    ref = opened.manifest.schema_file
    text = opened.codec.unseal(opened.store.read_bytes(ref.file), ref.file).decode()
    return [line for line in text.splitlines() if not line.startswith(("\\restrict", "\\unr"))]


def _login(pg, dsn: str) -> str:
    """`dsn` as a login that is no superuser: it reads every table, may create databases."""
    name = f"synmig_login_{os.getpid()}"
    with psycopg.connect(pg.dsn, autocommit=True) as conn:
        conn.execute(f"CREATE ROLE {name} LOGIN NOSUPERUSER CREATEDB IN ROLE pg_read_all_data")
    return make_conninfo(dsn, user=name)


def _scratch_databases(pg) -> list[str]:
    with psycopg.connect(pg.dsn) as conn:
        found = conn.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE %s", (SCRATCH_PREFIX + "%",)
        )
        return [name for (name,) in found]


def test_a_synthetic_full_across_migrations_equals_a_real_one(pg, new_db, tmp_path):
    dsn = new_db("synmig")
    root = open_store(tmp_path / "storage")
    slot = f"synmig_{os.getpid()}"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(APP)
        conn.execute(HEAD + "INSERT INTO alembic_version VALUES ('0001')")
        conn.execute(EVENTS)
    start_capture(dsn, slot, slot)
    try:
        base = backup(dsn, root.url, capture_slot=slot, kind="full")
        with psycopg.connect(dsn, autocommit=True) as conn:
            _work(conn)
            conn.execute(MIGRATION_1[0])  # a column added NOT NULL with a default
            _work(conn, "UPDATE orders SET status = 'paid' WHERE id % 3 = 0")
            conn.execute(MIGRATION_1[1])  # a column renamed
            conn.execute("UPDATE alembic_version SET version_num = '0002'")
            # a type changed USING, a table created with rows, a column dropped, an index, a
            # check, a table renamed, an enum value
            conn.execute(MIGRATION_2)
            _work(conn, "UPDATE clients SET mood = 'meh' WHERE id % 4 = 0")
            for statement in MIGRATION_3:  # an index, a constraint and a table dropped
                conn.execute(statement)
            conn.execute("UPDATE alembic_version SET version_num = '0003'")
            _work(conn)
            conn.execute(TAGS)  # a table created without a key, that stays
            conn.execute(ATTACH)  # a table's rows move into a partitioned table's
        time.sleep(1.1)  # past the drain's margin for commits still being written
        assert drain(dsn, root, slot, slot, segment_changes=400).gaps == []

        # A migration after the newest durable point: the schema now is not the point's
        options = BackupOptions(kind="full", capture_slot=slot, capture_publication=slot)
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute("CREATE INDEX clients_mood ON clients (mood)")
        with pytest.raises(SyntheticRefused, match=r"schema now is not.*clients_mood"):
            run_full_backup(dsn, root, options, "yes")
        assert _scratch_databases(pg) == []  # dropped on a failure too
        time.sleep(1.1)
        drain(dsn, root, slot, slot)

        # A login without superuser (no replica role: foreign-key checks live, every parent
        # loaded; the scratch databases owned by it) builds the same; then it is set aside
        as_login = run_full_backup(_login(pg, dsn), root, options, "yes")
        assert as_login.manifest.synthetic and as_login.manifest.synthetic.base_id == base.id
        root.remove_tree(as_login.url.removeprefix(root.url).strip("/"))

        with psycopg.connect(dsn) as conn:
            source = checksums(conn), _schema(conn)
        before = _reads(dsn)
        synthetic = run_full_backup(dsn, root, options, "yes")
        assert _reads(dsn) == before  # not a row of the app's tables was read
        origin = synthetic.manifest.synthetic
        assert origin is not None and origin.base_id == base.id
        assert origin.schema_changes == 13 + 3  # the three migrations, tags, attach, index
        assert origin.tables_rebuilt == [
            "public.clients",
            "public.events",
            "public.order_tags",
            "public.orders",
        ]
        assert _scratch_databases(pg) == []
        real = backup(dsn, root.url, capture_slot=slot, kind="full")
        assert _digests(synthetic.manifest) == _digests(real.manifest)
        assert _digests(as_login.manifest) == _digests(real.manifest)
        assert _schema_text(synthetic) == _schema_text(real)
        assert synthetic.manifest.sequences == real.manifest.sequences
        assert synthetic.manifest.app_version == real.manifest.app_version  # read at the point
        assert real.manifest.app_version and real.manifest.app_version.head == "0003"
        assert verify_backup(open_store(synthetic.url)).ok
        target = pg.dsn_for(f"synmig_restored_{os.getpid()}")
        restore(synthetic.url, target, mode="new-database")
        with psycopg.connect(target) as conn:
            assert (checksums(conn), _schema(conn)) == source

        # An index alone changes no table's rows: every table merged, none rebuilt
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute("CREATE INDEX orders_amount ON orders (amount)")
            conn.execute(TAGGED)
            _work(conn)
        time.sleep(1.1)
        drain(dsn, root, slot, slot)
        merged = run_full_backup(dsn, root, options, "yes")
        assert merged.manifest.synthetic and merged.manifest.synthetic.tables_rebuilt == []
        assert "public.orders" in merged.manifest.synthetic.tables_changed
        real = backup(dsn, root.url, capture_slot=slot, kind="full")
        assert _digests(merged.manifest) == _digests(real.manifest)
        assert _schema_text(merged) == _schema_text(real)

        # A migration the replay cannot repeat (its default reads the clock): refused, naming it
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(UNREPLAYABLE)
            conn.execute(TAGGED)
            _work(conn)
        time.sleep(1.1)
        drain(dsn, root, slot, slot)
        with pytest.raises(SyntheticRefused, match=r"ALTER TABLE public\.orders.*now\(\)"):
            run_full_backup(dsn, root, options, "yes")
    finally:
        stop_capture(dsn, slot, slot)
