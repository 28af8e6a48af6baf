"""The demo CRM: realistic, deterministic across machines, idempotent, tenant-consistent."""

from __future__ import annotations

import os
from urllib.parse import quote

import psycopg
import pytest
from psycopg import sql

from airvault.demo.database import FIRST_NAMES, FOREIGN_KEYS, LAST_NAMES, create_demo_db
from tests.dbutil import per_table_md5, table_checksums

SCALE_1 = {
    "auth.users": 26,
    "public.accounts": 600,
    "public.activities": 5000,
    "public.audit_logs": 10000,
    "public.bids": 1000,
    "public.contacts": 4402,
    "public.data_snapshots": 50,
    "public.deals": 1500,
    "public.inventory_movements": 3000,
    "public.leads": 2000,
    "public.offline_queue": 100,
    "public.organizations": 3,
    "public.products": 200,
    "public.sync_nodes": 50,
    "public.sync_sessions": 200,
    "public.type_zoo": 500,
    "public.users": 26,
    "storage.buckets": 2,
    "storage.objects": 300,
}
IDENTITY_TABLES = ["inventory_movements", "activities", "audit_logs", "offline_queue", "type_zoo"]


def row_versions(dsn: str) -> dict[str, str]:
    """md5 of every row's physical version (ctid, xmin): equal before and after a re-run only
    if no row was rewritten, not even with identical values."""
    return per_table_md5(dsn, "x.ctid::text || x.xmin::text", ",")


def sequence_states(dsn: str) -> dict[str, tuple[int, bool]]:
    with psycopg.connect(dsn) as conn:
        return {
            t: conn.execute(
                sql.SQL("SELECT last_value, is_called FROM {}").format(
                    sql.Identifier("public", f"{t}_id_seq")
                )
            ).fetchone()
            for t in IDENTITY_TABLES
        }


def test_scale_one_counts_are_exact_and_match_the_tables(demo_dsn):
    with psycopg.connect(demo_dsn) as conn:
        counted = {
            t: conn.execute(
                sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(*t.split(".")))
            ).fetchone()[0]
            for t in SCALE_1
        }
    assert counted == SCALE_1
    assert counted["public.contacts"] >= 4402


def test_same_scale_gives_identical_data_on_another_machine_and_reruns_change_nothing(
    demo_dsn, new_db
):
    expected = table_checksums(demo_dsn)
    # "Machine B": a client with other time zone, date, interval and float settings.
    options = "-c TimeZone=Asia/Kolkata -c DateStyle=SQL,DMY -c IntervalStyle=iso_8601"
    other = new_db("machine_b")
    returned = create_demo_db(f"{other}?options={quote(options)}", scale=1)
    assert returned == SCALE_1
    assert table_checksums(other) == expected

    versions, sequences = row_versions(other), sequence_states(other)
    assert create_demo_db(other, scale=1) == SCALE_1
    assert row_versions(other) == versions, "a re-run rewrote rows"
    assert sequence_states(other) == sequences
    assert table_checksums(other) == expected

    # Re-seeding repairs drift (an edited row, a deleted row, a broken cycle link).
    with psycopg.connect(other) as conn:
        conn.execute("UPDATE contacts SET first_name = 'Edited' WHERE email LIKE '%.17@%'")
        conn.execute("UPDATE accounts SET primary_contact_id = NULL")
        conn.execute("DELETE FROM audit_logs WHERE id = 7")
        conn.execute("DELETE FROM type_zoo WHERE id = 50")
    assert create_demo_db(other, scale=1) == SCALE_1
    assert table_checksums(other) == expected

    # The identity sequences were moved past the explicit ids: the app's next insert works.
    with psycopg.connect(other) as conn:
        for table in IDENTITY_TABLES:
            ident = sql.Identifier("public", table)
            max_id = conn.execute(sql.SQL("SELECT max(id) FROM {}").format(ident)).fetchone()[0]
            new_id = conn.execute(
                sql.SQL("INSERT INTO {} DEFAULT VALUES RETURNING id").format(ident)
                if table in ("offline_queue", "type_zoo")
                else sql.SQL("SELECT nextval(pg_get_serial_sequence({}, 'id'))").format(
                    sql.Literal(f"public.{table}")
                )
            ).fetchone()[0]
            assert new_id == max_id + 1, table


def test_scale_must_be_positive(new_db):
    with pytest.raises(ValueError):
        create_demo_db(new_db("bad_scale"), scale=0)


def test_foreign_keys_are_named_valid_and_include_a_non_deferrable_cycle(demo_dsn):
    with psycopg.connect(demo_dsn) as conn:
        rows = conn.execute(
            "SELECT conname, conrelid::regclass::text, a.attname, confrelid::regclass::text, "
            "convalidated, condeferrable FROM pg_constraint c "
            "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] "
            "WHERE contype = 'f' AND connamespace::regnamespace::text IN ('public', 'auth', 'storage')"
        ).fetchall()
        assert {r[0] for r in rows} == {fk[1] for fk in FOREIGN_KEYS}
        assert all(validated and not deferrable for *_, validated, deferrable in rows)
        for name, child, column, parent, *_ in rows:  # no orphan, checked by hand too
            orphans = conn.execute(
                sql.SQL(
                    "SELECT count(*) FROM {child} c WHERE c.{col} IS NOT NULL "
                    "AND NOT EXISTS (SELECT 1 FROM {parent} p WHERE p.id = c.{col})"
                ).format(child=sql.SQL(child), parent=sql.SQL(parent), col=sql.Identifier(column))
            ).fetchone()[0]
            assert orphans == 0, name
        edges = {(child, parent) for _, child, _, parent, *_ in rows}
        assert {("accounts", "contacts"), ("contacts", "accounts")} <= edges
        assert ("accounts", "accounts") in edges


def test_self_reference_and_cycle_are_populated(demo_dsn):
    with psycopg.connect(demo_dsn) as conn:
        one = lambda q: conn.execute(q).fetchone()  # noqa: E731
        parents, accounts = one("SELECT count(parent_account_id), count(*) FROM accounts")
        assert 0 < parents < accounts
        with_primary = one("SELECT count(primary_contact_id) FROM accounts")[0]
        assert with_primary >= 0.8 * accounts  # most, not all
        # the primary contact is one of the account's own contacts, and so is a deal's contact
        assert one(
            "SELECT count(*) FROM accounts a JOIN contacts c ON c.id = a.primary_contact_id "
            "WHERE c.account_id <> a.id"
        ) == (0,)
        assert one(
            "SELECT count(*) FROM deals d JOIN contacts c ON c.id = d.contact_id "
            "WHERE c.account_id <> d.account_id"
        ) == (0,)
        assert one("SELECT count(*) FROM accounts WHERE parent_account_id = id") == (0,)
        # every account has contacts; real-looking people with ~5% demo rows
        assert one(
            "SELECT count(*) FROM accounts a WHERE NOT EXISTS "
            "(SELECT 1 FROM contacts c WHERE c.account_id = a.id)"
        ) == (0,)
        demo, total = one("SELECT count(*) FILTER (WHERE is_demo), count(*) FROM contacts")
        assert 0.03 * total < demo < 0.08 * total
        for (name,) in conn.execute("SELECT display_name FROM users"):
            first, last = name.split(" ", 1)
            assert first in FIRST_NAMES and last in LAST_NAMES


def test_every_reference_stays_inside_its_tenant(demo_dsn):
    with psycopg.connect(demo_dsn) as conn:
        tenant_tables = {
            r[0]
            for r in conn.execute(
                "SELECT attrelid::regclass::text FROM pg_attribute "
                "WHERE attname = 'organization_id' AND NOT attisdropped"
            )
        }
        checked = 0
        for child, name, column, parent in FOREIGN_KEYS:
            child, parent = child.removeprefix("public."), parent.removeprefix("public.")
            if child not in tenant_tables or parent not in tenant_tables:
                continue
            cross, filled = conn.execute(
                sql.SQL(
                    "SELECT count(*) FILTER (WHERE c.organization_id <> p.organization_id), "
                    "count(*) FROM {child} c JOIN {parent} p ON p.id = c.{col}"
                ).format(child=sql.SQL(child), parent=sql.SQL(parent), col=sql.Identifier(column))
            ).fetchone()
            assert cross == 0, f"{name}: {cross} references to another organization"
            assert filled > 0, f"{name} is never set"
            checked += 1
        assert checked >= 25
        assert conn.execute("SELECT count(DISTINCT organization_id) FROM contacts").fetchone() == (
            3,
        )
        # storage objects sit in their owner's tenant folder
        assert conn.execute(
            "SELECT count(*) FROM storage.objects o JOIN users u ON u.id = o.owner "
            "JOIN organizations g ON g.id = u.organization_id "
            "WHERE o.name NOT LIKE g.slug || '/%'"
        ).fetchone() == (0,)


def test_type_zoo_holds_every_type_hostile_text_and_null_rows(demo_dsn):
    with psycopg.connect(demo_dsn) as conn:
        texts = {r[0] for r in conn.execute("SELECT DISTINCT text_col FROM type_zoo")}
        hostile = {"comma, inside", 'say "hi"', "it's", "line1\nline2", "tab\there"}
        assert hostile | {"back\\slash", "🚀 emoji ✓", "", "\\N literal", "cr\r\nlf"} <= texts
        assert None in texts
        nullable = [
            r[0]
            for r in conn.execute(
                "SELECT attname FROM pg_attribute WHERE attrelid = 'type_zoo'::regclass "
                "AND attnum > 0 AND NOT attnotnull AND NOT attisdropped"
            )
        ]
        all_null = conn.execute(
            sql.SQL("SELECT count(*) FROM type_zoo WHERE num_nonnulls({}) = 0").format(
                sql.SQL(", ").join(map(sql.Identifier, nullable))
            )
        ).fetchone()[0]
        assert all_null == 10 and len(nullable) == 24
        types = dict(
            conn.execute(
                "SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute "
                "WHERE attrelid = 'type_zoo'::regclass AND attnum > 0"
            ).fetchall()
        )
        assert {
            "uuid", "numeric(20,6)", "smallint", "double precision", "real", "boolean",
            "character varying(50)", "character(3)", "json", "jsonb", "integer[]", "text[]",
            "timestamp without time zone", "timestamp with time zone", "date",
            "time without time zone", "interval", "bytea", "mood", "positive_int", "inet",
        } <= set(types.values())  # fmt: skip
        identity, generated = conn.execute(
            "SELECT string_agg(attidentity::text, ''), string_agg(attgenerated::text, '') "
            "FROM pg_attribute WHERE attrelid = 'type_zoo'::regclass AND attnum > 0"
        ).fetchone()
        assert "a" in identity and "s" in generated  # GENERATED ALWAYS identity, STORED column
        edge = conn.execute(
            "SELECT count(*) FILTER (WHERE float_col = 'NaN'), "
            "count(*) FILTER (WHERE float_col = '-Infinity'), "
            "count(*) FILTER (WHERE ts_col = 'infinity'), "
            "count(*) FILTER (WHERE family(inet_col) = 6), "
            "count(*) FILTER (WHERE position('\\x00'::bytea in bytea_col) > 0), "
            "count(*) FILTER (WHERE generated_col <> int_col * 2) FROM type_zoo"
        ).fetchone()
        assert all(n > 0 for n in edge[:5]) and edge[5] == 0


def test_the_demo_runs_airvault_as_a_login_that_is_not_a_superuser(pg, tmp_path):
    """`make run`'s and compose's set-up (`airvault demo-db --least-privilege`): the app's
    objects owned by an owner role and airvault's login not a superuser (with the password
    compose gives it), yet it backs up, starts capture, restores in place and into a new
    database with every owner kept, and `check` is quiet."""
    import subprocess
    import sys

    import psycopg

    from airvault.backup.run import BackupOptions, run_backup
    from airvault.capture.slot import start_capture, stop_capture
    from airvault.demo import least_privilege as demo
    from airvault.restore.run import restore
    from airvault.storage.store import open_store
    from tests.airflow_env import ROOT

    dsn = pg.create_database(f"crm_least_{os.getpid()}")
    done = subprocess.run([sys.executable, "-m", "airvault.cli.main", "demo-db", "--dsn", dsn,
                           "--least-privilege"], capture_output=True, text=True,
                          env={**os.environ, "AIRVAULT_LOGIN_PASSWORD": "s3cret"})  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "login airvault is not a superuser" in done.stdout
    with psycopg.connect(pg.dsn) as conn:
        found = "SELECT rolpassword IS NOT NULL FROM pg_authid WHERE rolname = 'airvault'"
        assert conn.execute(found).fetchone() == (True,)
    login = demo.least_privilege(dsn)  # again, on the same data: no error
    owners = "SELECT DISTINCT pg_get_userbyid(relowner) FROM pg_class c JOIN pg_namespace n " \
             "ON n.oid = c.relnamespace WHERE n.nspname IN ('public', 'auth', 'storage') " \
             "AND c.relkind IN ('r', 'p')"  # fmt: skip
    with psycopg.connect(login) as conn:
        assert not conn.execute(
            "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"
        ).fetchone()[0]
        assert conn.execute(owners).fetchall() == [(demo.APP_OWNER,)]
    root = open_store(tmp_path / "storage")
    slot = f"least_{os.getpid()}"
    start_capture(login, slot, slot, exclude=["sync_sessions", "job_runs", "app_settings_cache"])
    try:
        backup = run_backup(login, root, BackupOptions(capture_slot=slot))
    finally:
        stop_capture(login, slot, slot)
    restore(backup.url, login, mode="replace", safety_root=root)
    copy = login.replace(f"dbname=crm_least_{os.getpid()}", f"dbname=crm_least_copy_{os.getpid()}")
    restore(backup.url, copy, mode="new-database")
    with psycopg.connect(copy) as conn:
        assert conn.execute(owners).fetchall() == [(demo.APP_OWNER,)]
    checked = subprocess.run([sys.executable, "-m", "airvault.cli.main", "--config",
                              str(ROOT / "airvault.yaml"), "check", "--dsn", login],
                             capture_output=True, text=True)  # fmt: skip
    assert "superuser" not in checked.stderr, checked.stderr
