"""Migrations inside the change stream (issue 32.1): an app that deploys schema changes
between two bases restores exactly to any moment before, between and after them, its schema
included; a change the replay cannot repeat is a named gap, covered by a new base at once."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

import psycopg
import pytest
from psycopg.conninfo import make_conninfo

from airvault.capture.drain import drain
from airvault.capture.replay import SchemaChanged
from airvault.capture.segments import read_chain
from airvault.capture.slot import capture_status, start_capture, stop_capture
from airvault.errors import AirvaultError
from airvault.ops.capture_health import capture_health
from airvault.restore.point_in_time import point_in_time_restore
from airvault.storage.opened import OpenedBackup
from airvault.storage.store import open_store
from airvault.verify import verify_backup
from tests.capture.test_capture import _cli, checksums
from tests.dbutil import backup

APP = """
CREATE TYPE mood AS ENUM ('low', 'high');
CREATE TABLE customers (id serial PRIMARY KEY, name text NOT NULL, mood mood);
CREATE TABLE orders (id bigserial PRIMARY KEY, customer_id int NOT NULL REFERENCES customers,
                     amount int NOT NULL, note text);
INSERT INTO customers (name, mood) SELECT 'customer ' || i, CASE WHEN i % 2 = 0 THEN 'low'
    ELSE 'high' END::mood FROM generate_series(1, 60) i;
INSERT INTO orders (customer_id, amount, note)
SELECT 1 + i % 60, i * 3, 'order ' || i FROM generate_series(1, 300) i;
"""

# The deploys, as migration tools send them: one statement at a time, or a script at once
# (migration 2: several statements and rows in one transaction).
MIGRATION_1 = [
    "ALTER TABLE orders ADD COLUMN status text NOT NULL DEFAULT 'new'",
    "ALTER TABLE customers RENAME COLUMN name TO full_name",
]
MIGRATION_2 = """
BEGIN;
ALTER TABLE orders ALTER COLUMN amount TYPE numeric(12, 2) USING amount / 2.0;
CREATE TABLE refunds (id serial PRIMARY KEY, order_id bigint NOT NULL REFERENCES orders,
                      amount numeric(12, 2) NOT NULL);
INSERT INTO refunds (order_id, amount) SELECT id, amount / 4 FROM orders WHERE id % 7 = 0;
ALTER TABLE orders DROP COLUMN note;  -- a comment; with a ';' in it
CREATE INDEX orders_status ON orders (status);
ALTER TABLE orders ADD CONSTRAINT amount_not_negative CHECK (amount >= 0);
ALTER TABLE customers RENAME TO clients;
COMMIT;
ALTER TYPE mood ADD VALUE 'meh' BEFORE 'high';
"""
MIGRATION_3 = [
    "DROP INDEX orders_status",
    "ALTER TABLE orders DROP CONSTRAINT amount_not_negative",
    "DROP TABLE refunds",
    "CREATE UNIQUE INDEX clients_name ON clients (full_name)",
]
# the source's clock, read by the server when it ran: the replay cannot get the same values
UNREPLAYABLE = "ALTER TABLE orders ADD COLUMN audited_at timestamptz NOT NULL DEFAULT now()"

ROWS = [  # the app at work between the deploys, on the columns each schema has
    "INSERT INTO orders (customer_id, amount) SELECT 1 + i % 60, i FROM generate_series(1, 20) i",
    "UPDATE orders SET amount = amount + 1 WHERE id % 5 = 0",
    "DELETE FROM orders WHERE id IN (SELECT id FROM orders WHERE id % 11 = 0 ORDER BY id LIMIT 4)"
    " AND NOT EXISTS (SELECT 1 FROM pg_class WHERE relname = 'refunds')",
]


def _schema(conn: psycopg.Connection) -> dict:
    """What a restore must bring back besides rows: columns and types, indexes, constraints,
    sequences, enum values in their order."""
    return {
        "columns": conn.execute(
            "SELECT table_name, column_name, data_type, is_nullable, column_default "
            "FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1, 2"
        ).fetchall(),
        "indexes": conn.execute(
            "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1"
        ).fetchall(),
        "constraints": conn.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM "
            "pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2"
        ).fetchall(),
        "sequences": conn.execute(  # at the point, not where a later drain read them
            "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public' "
            "ORDER BY 1"
        ).fetchall(),
        "enum": conn.execute(
            "SELECT enumlabel FROM pg_enum WHERE enumtypid = 'mood'::regtype ORDER BY enumsortorder"
        ).fetchall(),
    }


@dataclass
class State:
    name: str
    time: str
    lsn: str
    sums: dict
    schema: dict


def _state(conn: psycopg.Connection, name: str) -> State:
    """The source now (nothing else writes): each table's content checksum and the schema."""
    when, lsn = conn.execute("SELECT clock_timestamp(), pg_current_wal_lsn()::text").fetchone()
    return State(name, when.isoformat(), lsn, checksums(conn), _schema(conn))


def _work(conn: psycopg.Connection, more: str = "") -> None:
    for statement in ROWS:
        conn.execute(statement)
    if more:
        conn.execute(more)


def test_restores_before_between_and_after_migrations_are_exact(pg, new_db, tmp_path):
    dsn = new_db("ddl")
    root = open_store(tmp_path / "storage")
    slot = f"ddl_{os.getpid()}"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(APP)
    status = start_capture(dsn, slot, slot)
    assert status.ddl_capture and status.warnings == [], status.warnings
    try:
        base = backup(dsn, root.url, capture_slot=slot)
        states = []
        with psycopg.connect(dsn, autocommit=True) as conn:
            _work(conn)
            states.append(_state(conn, "before migration 1"))
            conn.execute(MIGRATION_1[0])
            _work(conn, "UPDATE orders SET status = 'paid' WHERE id % 3 = 0")
            states.append(_state(conn, "inside migration 1"))
            conn.execute(MIGRATION_1[1])
            _work(conn, "UPDATE customers SET full_name = upper(full_name) WHERE id < 5")
            states.append(_state(conn, "after migration 1"))
            conn.execute(MIGRATION_2)
            _work(conn, "UPDATE clients SET mood = 'meh' WHERE id % 4 = 0")
            states.append(_state(conn, "after migration 2"))
            for statement in MIGRATION_3:
                conn.execute(statement)
            _work(conn)
            states.append(_state(conn, "after migration 3"))
        time.sleep(1.1)  # past the drain's margin for commits still being written
        assert drain(dsn, root, slot, slot, segment_changes=400).gaps == []

        for i, state in enumerate(states):  # by time, and by LSN
            until = state.lsn if i % 2 else state.time
            target = pg.dsn_for(f"ddl_pit_{i}_{os.getpid()}")
            result = point_in_time_restore(base.url, target, until, mode="new-database")
            with psycopg.connect(target) as conn:
                assert checksums(conn) == state.sums, state.name
                assert _schema(conn) == state.schema, state.name
        assert result.replay.schema_changes == 13  # every command of the three migrations
        # as a login without superuser (foreign-key actions live, no replica role): the same
        login = f"ddl_admin_{os.getpid()}"
        with psycopg.connect(pg.dsn, autocommit=True) as conn:
            conn.execute(f"CREATE ROLE {login} LOGIN NOSUPERUSER CREATEDB IN ROLE "
                         "pg_read_all_data, pg_write_all_data")  # fmt: skip
        target = make_conninfo(pg.dsn_for(f"ddl_pit_login_{os.getpid()}"), user=login)
        point_in_time_restore(base.url, target, states[3].time, mode="new-database",
                              roles="ignore")  # fmt: skip
        with psycopg.connect(target) as conn:
            assert checksums(conn) == states[3].sums and _schema(conn) == states[3].schema

        # A change the replay cannot repeat: named in the segment, a new base taken at once.
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(UNREPLAYABLE)
            _work(conn)
        time.sleep(1.1)
        drained = _cli("capture", "drain", "--dsn", dsn, "--to", root.url, "--slot", slot,
                       "--publication", slot)  # fmt: skip
        assert drained.returncode == 0, drained.stderr
        assert "gap: ALTER TABLE public.orders committed at" in drained.stdout
        assert "adds a column whose default calls now()" in drained.stdout
        rebased = OpenedBackup.open(drained.stdout.split("new base after the gap: ")[1].strip())
        assert rebased.manifest.capture is not None and "schema change" in rebased.manifest.label
        (gap,) = read_chain(root, slot).tip.gaps
        with psycopg.connect(dsn, autocommit=True) as conn:
            _work(conn)
            final = _state(conn, "after the new base")
        time.sleep(1.1)
        drain(dsn, root, slot, slot)

        with pytest.raises(
            AirvaultError, match=r"ALTER TABLE public\.orders.*now\(\).*base taken after"
        ):
            point_in_time_restore(base.url, pg.dsn_for(f"ddl_gap_{os.getpid()}"), "latest",
                                  mode="new-database")  # fmt: skip
        target = pg.dsn_for(f"ddl_rebased_{os.getpid()}")
        point_in_time_restore(rebased.url, target, "latest", mode="new-database")
        with psycopg.connect(target) as conn:
            assert checksums(conn) == final.sums and _schema(conn) == final.schema

        report = verify_backup(open_store(base.url), data=False)
        assert any(f"restorable to any moment up to {gap.committed_at}, not after: ALTER "
                   "TABLE public.orders" in n for n in report.notes), report.notes  # fmt: skip
        # coverage as intervals: the first base's reaches the gap, the new base's on from it
        health = capture_health(root, slot)
        assert len(health.coverage) == 2 and len(health.gaps) == 1, health
        assert health.coverage[0][1] <= gap.committed_at <= health.coverage[1][0]
        assert "ALTER TABLE public.orders" in health.gaps[0]
        assert any("gap" in p for p in health.problems) is False  # covered by the new base
    finally:
        stop_capture(dsn, slot, slot)
    with psycopg.connect(dsn) as conn:  # nothing of capture is left on the app database
        assert not conn.execute("SELECT 1 FROM pg_event_trigger").fetchone()
    assert not capture_status(dsn, slot, slot).ddl_capture


def test_a_schema_change_the_trigger_missed_is_a_gap(pg, new_db, tmp_path):
    """A change the event trigger did not record (it does not fire in a session as a
    replica, as supautils does not for platform roles): the drain finds it from the
    relation's new description and names it; restores refuse to cross it.
    (test_capture.py has capture without the trigger at all.)"""
    dsn = new_db("missed")
    root = open_store(tmp_path / "storage")
    slot = f"missed_{os.getpid()}"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(APP)
    start_capture(dsn, slot, slot)
    try:
        base = backup(dsn, root.url, capture_slot=slot)
        with psycopg.connect(dsn, autocommit=True) as conn:
            _work(conn)
        time.sleep(1.1)
        assert drain(dsn, root, slot, slot).gaps == []
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute("SET session_replication_role = replica")
            conn.execute(MIGRATION_1[0])
            conn.execute("RESET session_replication_role")
            _work(conn)
        time.sleep(1.1)
        (gap,) = drain(dsn, root, slot, slot).gaps
        assert (
            gap.what
            == "public.orders changed its columns (now id, customer_id, amount, note, status)"
        )
        assert "it was not recorded" in str(gap.reason)
        health = capture_health(root, slot)  # no base after it yet: an alert, until one
        assert any("has a gap: public.orders changed" in p for p in health.problems), health
        with pytest.raises(SchemaChanged, match=r"public\.orders changed its columns"):
            point_in_time_restore(
                base.url, pg.dsn_for(f"missed_pit_{os.getpid()}"), "latest", mode="new-database"
            )
    finally:
        stop_capture(dsn, slot, slot)


@pytest.mark.parametrize(
    "statement, refused",
    [
        ("ALTER TABLE o ADD COLUMN s text NOT NULL DEFAULT 'new' CHECK (length(s) < 9)", None),
        ("ALTER TABLE o ADD COLUMN c int DEFAULT 0 REFERENCES customers (id)", None),
        ("ALTER TABLE o ALTER COLUMN amount TYPE numeric(12, 2) USING amount / 2.0", None),
        ("ALTER TABLE o ADD COLUMN t timestamptz DEFAULT CURRENT_TIMESTAMP", "current_timestamp"),
        ("ALTER TABLE o ADD COLUMN u uuid DEFAULT gen_random_uuid()", "gen_random_uuid()"),
        ("ALTER TABLE o ALTER COLUMN amount TYPE int USING price_of(amount)", "price_of()"),
        ("ALTER TABLE o ADD COLUMN n bigserial", "serial or identity"),
        ("ALTER TABLE o ADD CONSTRAINT c CHECK (lo_export(1, '/tmp/x') > 0)", "lo_export()"),
    ],
)
def test_a_command_whose_result_depends_on_more_than_its_rows_is_refused(statement, refused):
    from airvault.capture.ddl import refusal, split

    (parsed,) = split(statement)
    why = refusal(parsed)
    assert (why is None) if refused is None else (refused in str(why)), why


@pytest.mark.parametrize(
    "query, ordinal, tag, objects, found",
    [
        # the second command of a script is its second schema statement, rows between
        ("BEGIN; ALTER TABLE o ADD a int; UPDATE o SET a = 1; CREATE INDEX i ON o (a); COMMIT",
         1, "CREATE INDEX", ["public.i"], "CREATE INDEX i ON o (a)"),
        # a DO block or a function ran it: its text is not the command
        ("DO $$ BEGIN EXECUTE 'ALTER TABLE o ADD a int'; END $$", 0, "ALTER TABLE",
         ["public.o"], "code (a function, a DO block) ran it"),
        ("SELECT migrate(); ALTER TABLE p ADD b int", 0, "ALTER TABLE", ["public.o"],
         "code ran it"),
    ],
)  # fmt: skip
def test_a_recorded_command_is_the_statement_that_ran_it(query, ordinal, tag, objects, found):
    from airvault.capture.ddl import SchemaChange, line_up

    change = SchemaChange("t", tag, objects, query, "public", "app", {}, None, ordinal)
    statement, why = line_up(change)
    assert (statement.text if statement else why).startswith(found), why
