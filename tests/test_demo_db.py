"""The demo CRM: realistic, deterministic across machines, idempotent."""

from __future__ import annotations

import psycopg

from airvault.demo_db import create_demo_db, table_counts
from tests.dbutil import table_checksums


def test_scale_one_has_every_table_and_more_than_1000_rows(demo_dsn):
    with psycopg.connect(demo_dsn) as conn:
        counts = table_counts(conn)
        assert counts["public.contacts"] == 4402
        assert counts["public.audit_logs"] == 10000
        for table in ("sync_sessions", "sync_nodes", "offline_queue", "data_snapshots", "type_zoo"):
            assert counts[f"public.{table}"] > 0
        assert counts["auth.users"] == counts["public.users"] > 0
        assert counts["storage.objects"] > 0


def test_rerun_changes_nothing_and_another_database_gets_identical_rows(demo_dsn, new_db):
    before = table_checksums(demo_dsn)
    other = new_db("machine_b")
    create_demo_db(other, scale=1)
    assert table_checksums(other) == before  # "machine B" has the same data as "machine A"
    with psycopg.connect(other) as conn:
        conn.execute(
            "UPDATE contacts SET first_name = 'Edited' WHERE id = (SELECT id FROM contacts ORDER BY id LIMIT 1)"
        )
        conn.execute("DELETE FROM audit_logs WHERE id = 7")
    counts = create_demo_db(other, scale=1)  # re-seeding repairs drift and adds nothing twice
    assert table_checksums(other) == before
    assert counts["public.contacts"] == 4402


def test_relations_are_real_and_stay_inside_their_tenant(demo_dsn):
    with psycopg.connect(demo_dsn) as conn:
        one = lambda q: conn.execute(q).fetchone()[0]  # noqa: E731
        assert one("SELECT count(*) FROM accounts WHERE parent_account_id IS NOT NULL") > 0
        assert one("SELECT count(*) FROM accounts WHERE primary_contact_id IS NOT NULL") > 0
        assert one("SELECT count(DISTINCT organization_id) FROM contacts") == 3
        cross = """
            SELECT count(*) FROM contacts c JOIN accounts a ON a.id = c.account_id
            WHERE a.organization_id <> c.organization_id
            UNION ALL SELECT count(*) FROM contacts c JOIN users u ON u.id = c.contact_owner
            WHERE u.organization_id <> c.organization_id
            UNION ALL SELECT count(*) FROM deals d JOIN accounts a ON a.id = d.account_id
            WHERE a.organization_id <> d.organization_id
            UNION ALL SELECT count(*) FROM accounts a JOIN contacts c ON c.id = a.primary_contact_id
            WHERE a.organization_id <> c.organization_id"""
        assert [r[0] for r in conn.execute(cross)] == [0, 0, 0, 0]
        names = [r[0] for r in conn.execute("SELECT display_name FROM users LIMIT 5")]
        assert all(" " in n and "-" not in n for n in names)  # people's names, not UUIDs


def test_type_zoo_holds_hostile_text_and_null_rows(demo_dsn):
    with psycopg.connect(demo_dsn) as conn:
        texts = {r[0] for r in conn.execute("SELECT DISTINCT text_col FROM type_zoo")}
        assert {
            "line1\nline2",
            "tab\there",
            "back\\slash",
            'say "hi"',
            "comma, inside",
            "",
        } <= texts
        assert any("🚀" in (t or "") for t in texts) and None in texts
        all_null = conn.execute(
            "SELECT count(*) FROM type_zoo WHERE uuid_col IS NULL AND jsonb_col IS NULL "
            "AND bytea_col IS NULL AND enum_col IS NULL AND generated_col IS NULL"
        ).fetchone()[0]
        assert all_null == 10
        types = {
            r[0]
            for r in conn.execute(
                "SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
                "WHERE attrelid = 'type_zoo'::regclass AND attnum > 0"
            )
        }
        assert {"uuid", "numeric(20,6)", "jsonb", "integer[]", "bytea", "interval", "mood"} <= types
