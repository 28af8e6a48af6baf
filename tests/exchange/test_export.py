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
from airvault.exchange.exports import ExportSpec, run_export
from airvault.storage.store import open_store
from tests.airflow_env import ROOT

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def test_readable_csv_export_of_the_contacts_module_shows_names_not_ids(demo_dsn, tmp_root):
    out = subprocess.run(
        [sys.executable, "-m", "airvault.cli.main", "--config", str(ROOT / "airvault.yaml"), "export",
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
        "import re; from airvault.exchange.exports import ExportSpec, run_export; "
        "from airvault.storage.store import open_store; "
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


def test_pdf_export_is_a_report_people_can_read(demo_dsn, tmp_root):
    """A PDF reader finds the table, the row count, the column names and the accounts' names
    with their owners' display names; a long table shows its first PDF_ROWS rows and says so."""
    from pypdf import PdfReader

    from airvault.exchange.exports import PDF_ROWS

    spec = ExportSpec("accounts", format="pdf", user_columns=["account_owner"])
    report = run_export(demo_dsn, open_store(tmp_root), spec, run_id="p")
    path = tmp_root / "exports" / "accounts" / "p" / "accounts.pdf"
    assert report["file"].endswith("accounts.pdf") and path.read_bytes()[:5] == b"%PDF-"
    text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    with psycopg.connect(demo_dsn) as conn:
        total = conn.execute("SELECT count(*) FROM accounts").fetchone()[0]
        first = conn.execute("SELECT a.name, u.display_name FROM accounts a JOIN users u "
                             "ON u.id = a.account_owner ORDER BY a.id LIMIT 1").fetchone()  # fmt: skip
    assert "Export of accounts" in text and f"{total:,} rows" in text
    assert "organization_id" in text and first[0] in text and first[1] in text
    assert report["rows"] == min(total, PDF_ROWS)

    big = run_export(demo_dsn, open_store(tmp_root), ExportSpec("audit_logs", format="pdf"),
                     run_id="b")  # fmt: skip
    reader = PdfReader(tmp_root / "exports" / "audit_logs" / "b" / "audit_logs.pdf")
    assert big["rows"] == PDF_ROWS and len(reader.pages) > 10
    assert f"the first {PDF_ROWS:,} shown" in reader.pages[0].extract_text()


# Formula injection (OWASP "CSV injection"): a readable CSV or XLSX export is opened in a
# spreadsheet, which would run a cell starting with = + - @ (or a tab or CR before one).
DANGEROUS = ['=HYPERLINK("http://x","y")', "@SUM(A1)", "-2+3", "+1", "\t=1+1", "\r=1+1"]
SAFE = ["plain", "a=b", "'quoted", "a\tb", " -1"]


@pytest.fixture
def hostile_contacts(new_db) -> str:
    """contacts whose names a spreadsheet would run; negative numbers in numeric columns."""
    dsn = new_db("formula")
    with psycopg.connect(dsn) as conn:
        conn.execute("CREATE DOMAIN label AS text")
        conn.execute("CREATE DOMAIN amount AS numeric(10, 2)")
        conn.execute(
            'CREATE TABLE contacts (id int PRIMARY KEY, name text, nick label, "@note" varchar, '
            "balance amount, score float8, delta int, born date)"
        )
        for i, name in enumerate(DANGEROUS + SAFE + [None], start=1):
            conn.execute(
                "INSERT INTO contacts VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
                (i, name, name, name, f"-{i}.50", -i - 0.25, -i, "2020-01-0" + str(i % 9 + 1)),
            )
    return dsn


def _neutral(value: str | None) -> str | None:
    return "'" + value if value and value[0] in "=+-@\t\r" else value


def test_readable_csv_neutralises_formulas_in_text_and_keeps_numbers(hostile_contacts, tmp_root):
    run_export(hostile_contacts, open_store(tmp_root), ExportSpec("contacts"), run_id="r")
    text = (tmp_root / "exports/contacts/r/contacts.csv").read_bytes().decode()
    header, *rows = list(csv.reader(io.StringIO(text, newline="")))
    assert header == ["id", "name", "nick", "'@note", "balance", "score", "delta", "born"]
    for i, (row, name) in enumerate(zip(rows, DANGEROUS + SAFE + [None], strict=True), start=1):
        assert row[1] == row[2] == row[3] == (_neutral(name) or "")  # text, a domain, varchar
        assert (row[4], row[5], row[6]) == (f"-{i}.50", str(-i - 0.25), str(-i))  # numbers
    for name in DANGEROUS:
        assert _neutral(name) != name and _neutral(name).startswith("'")


def test_raw_csv_and_json_keep_the_exact_values(hostile_contacts, tmp_root):
    store = open_store(tmp_root)
    run_export(hostile_contacts, store, ExportSpec("contacts", readable=False), run_id="raw")
    text = (tmp_root / "exports/contacts/raw/contacts.csv").read_bytes().decode()
    header, *rows = list(csv.reader(io.StringIO(text, newline="")))
    assert header[3] == "@note"
    assert [r[1] for r in rows] == DANGEROUS + SAFE + [""]
    run_export(hostile_contacts, store, ExportSpec("contacts", format="json"), run_id="js")
    lines = (tmp_root / "exports/contacts/js/contacts.jsonl").read_text().splitlines()
    assert [json.loads(line)["name"] for line in lines] == DANGEROUS + SAFE + [None]  # machines


def test_xlsx_cells_are_text_never_formulas(hostile_contacts, tmp_root):
    from openpyxl import load_workbook

    store = open_store(tmp_root)
    for run, readable in (("readable", True), ("raw", False)):
        spec = ExportSpec("contacts", format="xlsx", readable=readable)
        run_export(hostile_contacts, store, spec, run_id=run)
        sheet = load_workbook(tmp_root / f"exports/contacts/{run}/contacts.xlsx").active
        header, *rows = list(sheet.iter_rows())
        assert header[3].value == ("'@note" if readable else "@note")
        names = DANGEROUS + SAFE + [None]
        for i, (row, name) in enumerate(zip(rows, names, strict=True), start=1):
            for cell in row[1:4]:  # name, nick, "@note": strings, never formulas
                assert cell.value == (_neutral(name) if readable else name), (run, cell.value)
                assert cell.data_type in ("s", "n") and cell.data_type != "f"
            assert (row[5].value, row[6].value) == (-i - 0.25, -i)  # numbers stay numbers
            assert str(row[4].value) == f"-{i}.50"
        dangerous = [r[1] for r in rows[: len(DANGEROUS)]]
        assert all(c.data_type == "s" for c in dangerous)
        if readable:
            assert all(c.value.startswith("'") for c in dangerous)


def test_readable_csv_neutralises_every_type_but_numbers_and_booleans(new_db, tmp_root):
    dsn = new_db("types")
    with psycopg.connect(dsn) as conn:
        conn.execute(
            "CREATE TABLE t (id int PRIMARY KEY, span interval, at timestamptz, doc jsonb, "
            "ok boolean, cash money, big bigint, r real, tags text[])"
        )
        conn.execute(
            "INSERT INTO t VALUES (-1, '-1 day', '-infinity', '\"=1\"', false, -5, -7, -1.5, "
            "'{-a}'), (2, '1 day', '2020-01-01', '-1', true, 5, 7, 1.5, '{a}')"
        )
    run_export(dsn, open_store(tmp_root), ExportSpec("t"), run_id="r")
    rows = list(csv.DictReader(io.StringIO((tmp_root / "exports/t/r/t.csv").read_text())))
    assert {k: v for k, v in rows[0].items() if k != "cash"} == {
        "id": "-1", "span": "'-1 days", "at": "'-infinity", "doc": '"=1"', "ok": "f",
        "big": "-7", "r": "-1.5", "tags": "{-a}",
    }  # fmt: skip
    assert rows[0]["cash"].startswith("-") and rows[1]["doc"] == "'-1"


def _parquet_read(monkeypatch, arrow: bool) -> list:
    """Make the Parquet export read as Arrow columns (where it can) or row by row; returns
    the list of what each export found natively readable (None: not every column)."""
    import airvault.exchange.exports as exports

    monkeypatch.undo()
    seen: list = []
    real = exports._arrow_native

    def probe(*args):
        seen.append(real(*args))
        return seen[-1] if arrow else None

    monkeypatch.setattr(exports, "_arrow_native", probe)
    return seen


@pytest.mark.parametrize("readable", [False, True])
def test_parquet_read_as_arrow_columns_is_the_same_file_as_row_by_row(
    demo_dsn, tmp_root, monkeypatch, readable
):
    """The Arrow-native read (ADBC) writes byte for byte the file the row-by-row path writes:
    uuids and numerics as their text, every integer int64, real as its shortest decimal, dates
    and times typed, row groups of the same size; readable mode's names and local times too."""
    store = open_store(tmp_root)
    for table in ("public.deals", "public.contacts", "public.products"):
        spec = ExportSpec(table, format="parquet", readable=readable, short_ids=readable,
                          user_columns=["created_by", "modified_by"] if readable else [],
                          datetime_columns=["created_at"] if readable else [])  # fmt: skip
        seen = _parquet_read(monkeypatch, arrow=True)
        arrow = run_export(demo_dsn, store, spec, run_id=f"arrow-{readable}")
        assert seen[0] is not None  # every column of these has a native read
        _parquet_read(monkeypatch, arrow=False)
        rows = run_export(demo_dsn, store, spec, run_id=f"rows-{readable}")
        assert arrow["rows"] == rows["rows"] > 0
        assert arrow["sha256"] == rows["sha256"], table


def test_parquet_of_values_python_cannot_hold_fails_as_row_by_row(new_db, tmp_root):
    """'infinity' or a year past 9999 has no Python (nor pandas) value: the Arrow-native read
    fails the export on it too, in one line, instead of writing a wrapped-around timestamp."""
    dsn = new_db("pq_range")
    with psycopg.connect(dsn) as conn:
        conn.execute("CREATE TABLE t (id int PRIMARY KEY, at timestamptz, n numeric, r real)")
        conn.execute("INSERT INTO t VALUES (1, now(), 0.00000001, 3.14), (2, NULL, 'NaN', NULL)")
    report = run_export(dsn, open_store(tmp_root), ExportSpec("t", format="parquet"), run_id="ok")
    table = pq.read_table(tmp_root / "exports" / "t" / "ok" / "t.parquet").to_pylist()
    assert report["rows"] == 2
    assert [(r["n"], r["r"]) for r in table] == [("1E-8", 3.14), ("NaN", None)]
    with psycopg.connect(dsn) as conn:
        conn.execute("INSERT INTO t VALUES (3, 'infinity', 1, 1)")
    with pytest.raises(AirvaultError, match="out of range for an export: infinity"):
        run_export(dsn, open_store(tmp_root), ExportSpec("t", format="parquet"), run_id="inf")


def test_a_zip_of_a_modules_tables_holds_each_table_as_its_csv_export(demo_dsn, tmp_root):
    """format zip: the module's tables, each the CSV the csv export writes, in one ZIP with a
    report naming each table's rows; only the ZIP is stored, and a table is refused."""
    import hashlib
    import zipfile

    from airvault.config import load_config
    from airvault.exchange.exports import export_bundle, specs_for

    config = load_config(ROOT / "airvault.yaml")
    root = open_store(tmp_root)
    report = export_bundle(demo_dsn, root, config, "inventory", "run-1", "op")
    folder = tmp_root / "exports" / "module-inventory" / "run-1"
    assert sorted(p.name for p in folder.iterdir()) == ["inventory.zip", "report.json"]
    data = (folder / "inventory.zip").read_bytes()
    assert report["sha256"] == hashlib.sha256(data).hexdigest() and report["bytes"] == len(data)
    assert json.loads((folder / "report.json").read_text())["parameters"]["format"] == "zip"
    with zipfile.ZipFile(folder / "inventory.zip") as bundle:
        assert bundle.namelist() == ["products.csv", "inventory_movements.csv"]
        for entry in report["tables"]:
            body = bundle.read(entry["file"])
            assert hashlib.sha256(body).hexdigest() == entry["sha256"]
            single = run_export(demo_dsn, open_store(tmp_root / "single"), specs_for(
                config, "inventory", format="csv")[report["tables"].index(entry)])  # fmt: skip
            assert entry["rows"] == single["rows"] > 0
            assert len(list(csv.reader(io.StringIO(body.decode())))) == entry["rows"] + 1
    assert report["rows"] == sum(t["rows"] for t in report["tables"])
    with pytest.raises(AirvaultError, match="not a module of the config"):
        export_bundle(demo_dsn, root, config, "contacts_typo")


def test_the_cli_exports_a_module_as_a_zip(demo_dsn, tmp_root):
    import zipfile

    out = subprocess.run(
        [sys.executable, "-m", "airvault.cli.main", "--config", str(ROOT / "airvault.yaml"), "export",
         "deals", "--format", "zip", "--dsn", demo_dsn, "--to", str(tmp_root)],
        capture_output=True, text=True,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    (folder,) = (tmp_root / "exports" / "module-deals").iterdir()
    assert out.stdout.strip().endswith(
        f"{folder}/deals.zip ({(folder / 'deals.zip').stat().st_size / 1e6:.1f} MB)"
    )
    with zipfile.ZipFile(folder / "deals.zip") as bundle:
        assert sorted(bundle.namelist()) == ["bids.csv", "deals.csv"]
