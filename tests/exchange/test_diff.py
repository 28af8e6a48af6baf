"""Diff of two real backups with known changes: it reports exactly those."""

from __future__ import annotations

import csv
import subprocess
import sys

import psycopg

from airvault.exchange.diff import diff_backups
from airvault.storage.store import open_store
from tests.dbutil import backup


def test_diff_reports_exactly_the_known_changes(copy_of_demo, demo_backup, tmp_path):
    with psycopg.connect(copy_of_demo) as conn:
        changed = [r[0] for r in conn.execute("SELECT id FROM contacts ORDER BY id LIMIT 3")]
        conn.execute("UPDATE contacts SET first_name = 'Zed' WHERE id = ANY(%s)", (changed,))
        gone = [r[0] for r in conn.execute("SELECT id FROM bids ORDER BY id DESC LIMIT 2")]
        conn.execute("DELETE FROM bids WHERE id = ANY(%s)", (gone,))
        conn.execute(
            "INSERT INTO contacts (id, organization_id, first_name, last_name, created_at, "
            "updated_at) SELECT 'ffffffff-0000-0000-0000-000000000001', id, 'New', 'Person', "
            "'2026-11-01', '2026-11-01' FROM organizations ORDER BY id LIMIT 1"
        )
        conn.execute("UPDATE type_zoo SET text_col = 'x', int_col = 7 WHERE id IN (3, 600)")
        zoo = conn.execute("SELECT count(*) FROM type_zoo WHERE id IN (3, 600)").fetchone()[0]
        conn.execute("ALTER TABLE products ADD COLUMN note text")
    after = backup(copy_of_demo, tmp_path / "b")
    details = tmp_path / "details.csv"
    with open(details, "w", newline="") as f:
        result = diff_backups(open_store(demo_backup.url), open_store(after.url), f)
    moved = {t: d.to_json() for t, d in result.tables.items() if d.added or d.removed or d.changed}
    assert moved.pop("public.contacts") == {
        "added": 1,
        "removed": 0,
        "changed": 3,
        "columns_changed": {"first_name": 3},
    }
    assert moved.pop("public.bids") == {
        "added": 0,
        "removed": 2,
        "changed": 0,
        "columns_changed": {},
    }
    zoo_diff = moved.pop("public.type_zoo")
    assert (zoo_diff["changed"], zoo_diff["added"], zoo_diff["removed"]) == (zoo, 0, 0)
    # int_col feeds the generated column, so that changes too where int_col did
    assert zoo_diff["columns_changed"]["text_col"] == zoo
    # products: every row now has one more column; the schema change says why
    assert "public.products.note added (text)" in result.schema
    moved.pop("public.products")
    assert moved == {}  # nothing else differs
    rows = list(csv.DictReader(open(details)))
    assert {(r["table"], r["change"]) for r in rows} >= {
        ("public.contacts", "changed"), ("public.contacts", "added"), ("public.bids", "removed")
    }  # fmt: skip
    assert sum(r["table"] == "public.contacts" and r["change"] == "changed" for r in rows) == 3
    assert {
        r["primary_key"]
        for r in rows
        if r["change"] == "changed" and r["table"] == "public.contacts"
    } == {str(c) for c in changed}
    out = subprocess.run(
        [sys.executable, "-m", "airvault.cli.main", "diff", demo_backup.url, after.url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "public.contacts" in out and "first_name (3)" in out
