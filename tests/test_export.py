"""Exports (first part of the imports/exports work): readable CSV with display names instead
of user ids, raw exports with exact values, JSON lines and Parquet, a report per run."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys

import psycopg
import pyarrow.parquet as pq
import pytest

from airvault.errors import AirvaultError
from airvault.export import ExportSpec, run_export
from airvault.storage import open_store
from tests.airflow_env import ROOT

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def test_readable_csv_export_of_the_contacts_module_shows_names_not_ids(demo_dsn, tmp_root):
    out = subprocess.run(
        [sys.executable, "-m", "airvault.cli", "--config", str(ROOT / "airvault.yaml"), "export",
         "contacts", "--dsn", demo_dsn, "--to", str(tmp_root), "--timezone", "Europe/Paris"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    (folder,) = (tmp_root / "exports" / "contacts").iterdir()
    report = json.loads((folder / "report.json").read_text())
    rows = list(csv.DictReader(io.StringIO((folder / "contacts.csv").read_text())))
    with psycopg.connect(demo_dsn) as conn:
        count = conn.execute("SELECT count(*) FROM contacts").fetchone()[0]
        names = {r[0] for r in conn.execute("SELECT display_name FROM users")}
    assert len(rows) == report["rows"] == count  # quoted newlines in notes do not split rows
    for column in ("contact_owner", "created_by", "modified_by"):
        values = {r[column] for r in rows if r[column]}
        assert values and values <= names and not any(UUID.fullmatch(v) for v in values)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", rows[0]["created_at"])
    assert report["sha256"] and report["parameters"]["timezone"] == "Europe/Paris"
    assert report["triggered_by"].endswith("(airvault CLI)")


def test_raw_json_and_parquet_keep_exact_values(demo_dsn, tmp_root):
    spec = ExportSpec("contacts", format="json", readable=False, filters={"is_demo": "true"})
    report = run_export(demo_dsn, open_store(tmp_root), spec, run_id="json")
    lines = (tmp_root / "exports" / "contacts" / "json" / "contacts.jsonl").read_text().splitlines()
    with psycopg.connect(demo_dsn) as conn:
        demo = conn.execute("SELECT count(*) FROM contacts WHERE is_demo").fetchone()[0]
        owner = conn.execute(
            "SELECT contact_owner::text FROM contacts WHERE is_demo ORDER BY id LIMIT 1"
        ).fetchone()[0]
    assert len(lines) == report["rows"] == demo > 0
    assert json.loads(lines[0])["contact_owner"] == owner  # the id itself, not a name
    spec = ExportSpec("public.deals", format="parquet", readable=False)
    report = run_export(demo_dsn, open_store(tmp_root), spec, run_id="pq")
    table = pq.read_table(tmp_root / "exports" / "deals" / "pq" / "deals.parquet")
    assert table.num_rows == report["rows"] and "amount" in table.column_names


def test_bad_names_are_refused_before_any_sql(demo_dsn, tmp_root):
    with pytest.raises(AirvaultError, match="'name; DROP TABLE contacts' is not a column"):
        run_export(
            demo_dsn,
            open_store(tmp_root),
            ExportSpec("contacts", columns=["name; DROP TABLE contacts"]),
        )
    with pytest.raises(AirvaultError, match="filter 'x\"y' is not a column"):
        run_export(demo_dsn, open_store(tmp_root), ExportSpec("contacts", filters={'x"y': "1"}))
    with psycopg.connect(demo_dsn) as conn:
        assert conn.execute("SELECT count(*) FROM contacts").fetchone()[0] > 0


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_export_of_100k_rows_keeps_memory_bounded(new_db, tmp_root, fmt):
    dsn = new_db("big")
    with psycopg.connect(dsn) as conn:
        conn.execute(
            "CREATE TABLE big AS SELECT g AS id, md5(g::text) AS a, repeat('x', 200) AS b, "
            "now() AS at FROM generate_series(1, 100000) g"
        )
        conn.execute("ALTER TABLE big ADD PRIMARY KEY (id)")
    # VmHWM of the child's own address space: wait4's ru_maxrss would include the RSS this
    # (big) test process had when it forked the child.
    code = (
        "import re; from airvault.export import ExportSpec, run_export; "
        "from airvault.storage import open_store; "
        f"r = run_export({dsn!r}, open_store({str(tmp_root)!r}), ExportSpec('big', format={fmt!r})); "
        "hwm = re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1); "
        "print(r['rows'], hwm)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    rows, hwm_kb = out.stdout.split()
    assert rows == "100000"
    peak_mb = int(hwm_kb) / 1024
    print(f"export of 100k rows as {fmt}: peak RSS {peak_mb:.0f} MB")
    assert peak_mb < 400, f"peak RSS {peak_mb:.0f} MB"  # ~25 MB of data; loose bound


def test_xlsx_export_opens_in_a_spreadsheet_reader(demo_dsn, tmp_root):
    from openpyxl import load_workbook

    spec = ExportSpec("accounts", format="xlsx", user_columns=["account_owner"])
    report = run_export(demo_dsn, open_store(tmp_root), spec, run_id="x")
    sheet = load_workbook(tmp_root / "exports" / "accounts" / "x" / "accounts.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) - 1 == report["rows"] > 0 and rows[0][1] == "organization_id"
    owners = {r[rows[0].index("account_owner")] for r in rows[1:]} - {None}
    assert owners and not any(UUID.fullmatch(str(o)) for o in owners)
