"""CSV imports: validation before any write, atomic vs skip, rejects with line/column/reason,
files as people have them, hostile names refused, upsert twice changes nothing."""

from __future__ import annotations

import csv
import io

import psycopg
import pytest

from airvault.errors import AirvaultError
from airvault.exchange.imports import ImportSpec, run_import
from airvault.storage.store import open_store
from tests.dbutil import table_checksums

COLUMNS = ["id", "organization_id", "account_id", "first_name", "last_name", "email",
           "contact_owner", "created_at", "updated_at"]  # fmt: skip


def _rows(dsn: str, n: int = 20) -> list[list[str]]:
    with psycopg.connect(dsn) as conn:
        rows = conn.execute(
            "SELECT c.id::text, c.organization_id::text, c.account_id::text, c.first_name, "
            "c.last_name, coalesce(c.email, ''), u.display_name, c.created_at::text, "
            "c.updated_at::text FROM contacts c LEFT JOIN users u ON u.id = c.contact_owner "
            "WHERE c.contact_owner IS NOT NULL AND (SELECT count(*) FROM users x "
            "WHERE x.display_name = u.display_name) = 1 ORDER BY c.id LIMIT %s",
            (n,),
        ).fetchall()
    return [[*r[:3], r[3] + " Jr", *r[4:]] for r in rows]


def _write(path, header, rows, **fmt) -> None:
    out = io.StringIO()
    csv.writer(out, **fmt).writerows([header, *rows])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(out.getvalue())


def _planted(dsn: str) -> tuple[list[list[str]], dict[int, str]]:
    rows = _rows(dsn)
    bad = {  # line number in the file (header is line 1) -> the column named in the reject
        3: "email",
        5: "created_at",
        8: "contact_owner",
        11: "account_id",
        14: "id",
    }
    rows[1][5] = "not-an-email"
    rows[3][7] = "yesterday"
    rows[6][6] = "Nobody Atall"
    rows[9][2] = "00000000-0000-0000-0000-000000000009"  # no such account
    rows[12][0] = rows[11][0]  # the same key twice
    return rows, bad


def test_atomic_import_with_five_bad_rows_changes_nothing_and_names_all_five(
    copy_of_demo, tmp_path
):
    rows, bad = _planted(copy_of_demo)
    _write(tmp_path / "imports/incoming/contacts.csv", COLUMNS, rows)
    before = table_checksums(copy_of_demo)
    report = run_import(copy_of_demo, open_store(tmp_path), "imports/incoming/contacts.csv",
                        ImportSpec("contacts", user_columns=["contact_owner"]),
                        reports=open_store(tmp_path), run_id="r1")  # fmt: skip
    assert report.status == "failed" and report.inserted == report.updated == 0
    assert {(r.line, r.column) for r in report.rejects} == set(bad.items())
    assert table_checksums(copy_of_demo) == before
    rejects = list(csv.DictReader(open(tmp_path / "imports/rejects/r1.csv")))
    assert {(int(r["line"]), r["column"]) for r in rejects} == set(bad.items())
    assert all(r["reason"] for r in rejects) and rejects[0]["first_name"]
    assert (tmp_path / "imports/incoming/contacts.csv").exists()  # not moved: it failed


def test_skip_import_loads_the_rest_and_rejects_exactly_those(copy_of_demo, tmp_path):
    rows, bad = _planted(copy_of_demo)
    _write(tmp_path / "imports/incoming/contacts.csv", COLUMNS, rows)
    report = run_import(copy_of_demo, open_store(tmp_path), "imports/incoming/contacts.csv",
                        ImportSpec("contacts", policy="skip", user_columns=["contact_owner"]))  # fmt: skip
    assert report.status == "success" and {(r.line, r.column) for r in report.rejects} == set(
        bad.items()
    )
    assert report.updated == len(rows) - len(bad)  # first names changed on the good rows
    assert (tmp_path / "imports/processed/contacts.csv").exists()
    again = run_import(copy_of_demo, open_store(tmp_path), "imports/processed/contacts.csv",
                       ImportSpec("contacts", policy="skip", user_columns=["contact_owner"]))  # fmt: skip
    assert (again.inserted, again.updated) == (0, 0)  # upsert twice: nothing the second time


def test_bom_semicolons_quoted_newlines_and_crlf_load(copy_of_demo, tmp_path):
    rows = _rows(copy_of_demo, 3)
    rows[0][3] = "Line one\nline two; with a semicolon"
    rows[1][0] = "aaaaaaaa-0000-0000-0000-00000000000b"  # a new contact
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows([COLUMNS, *rows])
    (tmp_path / "in.csv").write_bytes(b"\xef\xbb\xbf" + out.getvalue().encode())
    report = run_import(copy_of_demo, open_store(tmp_path), "in.csv",
                        ImportSpec("contacts", user_columns=["contact_owner"]))  # fmt: skip
    assert report.status == "success", report.rejects
    assert (report.inserted, report.updated) == (1, 2)
    with psycopg.connect(copy_of_demo) as conn:
        assert conn.execute("SELECT first_name FROM contacts WHERE id = %s", (rows[0][0],)
                            ).fetchone()[0] == "Line one\nline two; with a semicolon"  # fmt: skip
    (tmp_path / "latin.csv").write_bytes("id,first_name\n1,Jos\xe9\n".encode("latin-1"))
    with pytest.raises(AirvaultError, match="not UTF-8 .*declare the encoding"):
        run_import(copy_of_demo, open_store(tmp_path), "latin.csv", ImportSpec("contacts"))


def test_hostile_names_are_refused_before_any_sql(copy_of_demo, tmp_path):
    rows = _rows(copy_of_demo, 2)
    _write(tmp_path / "in.csv", COLUMNS, rows)
    before = table_checksums(copy_of_demo)
    for mapping, named in [({"first_name": 'first"; DROP TABLE contacts; --'}, "first_name"),
                           ({"last_name": "no_such_column"}, "last_name")]:  # fmt: skip
        with pytest.raises(AirvaultError, match=f"column '{named}' .* is not a column"):
            run_import(copy_of_demo, open_store(tmp_path), "in.csv",
                       ImportSpec("contacts", mapping=mapping))  # fmt: skip
    assert table_checksums(copy_of_demo) == before


def test_raw_export_round_trips_through_an_upsert_import(copy_of_demo, tmp_path):
    from airvault.exchange.exports import ExportSpec, run_export

    root = open_store(tmp_path)
    report = run_export(copy_of_demo, root, ExportSpec("accounts", readable=False), run_id="rt")
    before = table_checksums(copy_of_demo)
    with psycopg.connect(copy_of_demo) as conn:  # the data drifts after the export
        conn.execute("UPDATE accounts SET name = name || ' (old)' WHERE industry IS NOT NULL")
    back = run_import(copy_of_demo, root, "exports/accounts/rt/accounts.csv",
                      ImportSpec("accounts", mode="upsert"))  # fmt: skip
    assert back.status == "success" and back.rows == report["rows"] and back.inserted == 0
    assert back.updated > 0
    assert table_checksums(copy_of_demo) == before  # exactly as exported
    again = run_import(copy_of_demo, root, "exports/accounts/rt/accounts.csv",
                       ImportSpec("accounts", mode="upsert"))  # fmt: skip
    assert (again.inserted, again.updated) == (0, 0)


def test_saved_mapping_template_from_the_config(copy_of_demo, tmp_path):
    import subprocess
    import sys

    from tests.airflow_env import ROOT

    rows = _rows(copy_of_demo, 2)
    _write(tmp_path / "other_crm.csv", ["id", "First Name", "Last Name", "E-mail"],
           [[r[0], "Ada", "Lovelace", "ada@example.org"] for r in rows])  # fmt: skip
    cli = [sys.executable, "-m", "airvault.cli.main", "--config", str(ROOT / "airvault.yaml"), "import",
           str(tmp_path / "other_crm.csv"), "--table", "contacts", "--mode", "update-only",
           "--template", "crm_contacts_export", "--dsn", copy_of_demo]  # fmt: skip
    out = subprocess.run(cli, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "2 updated" in out.stdout
    with psycopg.connect(copy_of_demo) as conn:
        names = conn.execute("SELECT DISTINCT first_name || ' ' || last_name || ' ' || email "
                             "FROM contacts WHERE id = ANY(%s)", ([r[0] for r in rows],)).fetchall()  # fmt: skip
    assert names == [("Ada Lovelace ada@example.org",)]
    out = subprocess.run([*cli[:-4], "--template", "nope", "--dsn", copy_of_demo],
                         capture_output=True, text=True)  # fmt: skip
    assert out.returncode == 2 and "import mapping template 'nope'" in out.stderr


# A row in the file never vanishes: a line that holds anything (a space, a tab, a separator, a
# quoted empty value) is imported or rejected with its line; only a truly empty line is skipped.
WHITESPACE_LINES = [
    # (file, policy, rejected {line: column}, rows imported) - the first one the property found
    (b"id,name\n1,0\n\t", "atomic", {3: "*"}, 0),
    (b"id,name\n1,0\n\t\n2,b\n", "skip", {3: "*"}, 2),
    (b"id,name\n1,0\n \n2,b\n", "skip", {3: "*"}, 2),
    (b"id,name\r\n1,0\r\n \t \r\n", "skip", {3: "*"}, 1),
    (b"id,name\n1,0\n,\n", "skip", {3: "id"}, 1),  # only a separator: an empty key
    (b"id,name\n1,0\n \t, \n", "skip", {3: "id"}, 1),
    (b"id;name\n1;0\n \n", "skip", {3: "*"}, 1),
    (b"id\tname\n1\t0\n\t\n", "skip", {3: "id"}, 1),  # a tab file: the tab is the separator
    (b"id\n1\n \n2\n", "skip", {3: "id"}, 2),  # one column: COPY's fast path
    (b"id\n1\n\t\n", "skip", {3: "id"}, 1),
    (b'id\n1\n""\n', "skip", {3: "id"}, 1),  # a quoted empty value is not an empty line
]


def _items(new_db, data: bytes) -> str:
    """A database with `items (id int PRIMARY KEY[, name text])`, as wide as the file's header."""
    dsn = new_db("ws")
    two = any(sep in data.split(b"\n", 1)[0] for sep in (b",", b";", b"\t"))
    with psycopg.connect(dsn) as conn:
        conn.execute("CREATE TABLE items (id int PRIMARY KEY" + (", name text)" if two else ")"))
    return dsn


@pytest.mark.parametrize("data,policy,rejected,imported", WHITESPACE_LINES)
def test_a_whitespace_only_line_is_rejected_never_dropped(
    new_db, tmp_path, data, policy, rejected, imported
):
    dsn = _items(new_db, data)
    (tmp_path / "in.csv").write_bytes(data)
    report = run_import(dsn, open_store(tmp_path), "in.csv", ImportSpec("items", policy=policy))
    assert {r.line: r.column for r in report.rejects} == rejected, report
    assert all(r.reason for r in report.rejects)
    lines = data.replace(b"\r\n", b"\n").decode().split("\n")
    dialect = csv.excel_tab if b"\t" in lines[0].encode() else csv.excel
    delimiter = ";" if ";" in lines[0] else dialect.delimiter
    for r in report.rejects:  # the reject carries the line as the file has it
        assert r.row == next(csv.reader([lines[r.line - 1]], delimiter=delimiter))
    assert report.rows == sum(1 for line in lines[1:] if line)  # every line that holds something
    assert report.status == ("failed" if policy == "atomic" else "success")
    with psycopg.connect(dsn) as conn:
        assert conn.execute("SELECT count(*) FROM items").fetchone()[0] == imported


@pytest.mark.parametrize("data", [b"id,name\n1,a\n\n2,b\n\n", b"id,name\r\n1,a\r\n\r\n2,b\r\n",
                                  b"id\n1\n\n2\n\n", b"id\n\n1\n2"])  # fmt: skip
def test_a_truly_empty_line_is_skipped_and_not_counted(new_db, tmp_path, data):
    dsn = _items(new_db, data)
    (tmp_path / "in.csv").write_bytes(data)
    report = run_import(dsn, open_store(tmp_path), "in.csv", ImportSpec("items"))
    assert report.status == "success" and not report.rejects, report
    assert report.rows == report.inserted == 2


def test_insert_mode_clean_file_goes_straight_in_and_bad_rows_are_still_named(
    copy_of_demo, tmp_path, monkeypatch
):
    """A clean file in insert mode skips the typed stage (one INSERT into the table); with
    the five planted problems, the direct INSERT is undone and every one is named as before."""
    import uuid

    import airvault.exchange.imports as imports

    staged = []
    real_stage = imports._stage
    monkeypatch.setattr(imports, "_stage", lambda *a: staged.append(1) or real_stage(*a))
    spec = lambda: ImportSpec("contacts", mode="insert", user_columns=["contact_owner"])  # noqa: E731
    rows = [[str(uuid.uuid4()), *r[1:]] for r in _rows(copy_of_demo)]
    _write(tmp_path / "clean.csv", COLUMNS, rows)
    before = table_checksums(copy_of_demo)
    report = run_import(copy_of_demo, open_store(tmp_path), "clean.csv", spec())
    assert (report.status, report.inserted, staged) == ("success", len(rows), [])
    with psycopg.connect(copy_of_demo) as conn:
        owners = conn.execute(
            "SELECT count(*) FROM contacts c JOIN users u ON u.id = c.contact_owner "
            "WHERE c.id = ANY(%s::uuid[]) AND u.display_name = ANY(%s)",
            ([r[0] for r in rows], [r[6] for r in rows]),
        ).fetchone()[0]
    assert owners == len(rows)  # display names became the users' ids
    planted, bad = _planted(copy_of_demo)
    planted = [[str(uuid.uuid4()), *r[1:]] for r in planted]
    planted[12][0] = planted[11][0]  # the same key twice, as planted
    _write(tmp_path / "bad.csv", COLUMNS, planted)
    after_clean = table_checksums(copy_of_demo)
    assert after_clean != before
    report = run_import(copy_of_demo, open_store(tmp_path), "bad.csv", spec())
    assert report.status == "failed" and staged == [1]
    assert {(r.line, r.column) for r in report.rejects} == set(bad.items())
    assert table_checksums(copy_of_demo) == after_clean


def test_every_problem_of_a_row_is_named_in_the_report_the_rejects_file_and_the_cli(
    copy_of_demo, tmp_path
):
    """A row with a bad id, `maybe` for a boolean and a date that is not ISO has three
    problems, each named (issue 30); a row whose key repeats and whose account does not exist
    has two. rejects.csv has one line per problem; the counts are of rows."""
    import subprocess
    import sys
    from pathlib import Path

    rows = [[*r, "false"] for r in _rows(copy_of_demo, 6)]
    rows[1][0], rows[1][9], rows[1][7] = "42", "maybe", "03/11/2026"  # line 3
    rows[4][0], rows[4][2] = rows[3][0], "00000000-0000-0000-0000-000000000009"  # line 6
    _write(tmp_path / "imports/incoming/contacts.csv", [*COLUMNS, "is_demo"], rows)
    report = run_import(copy_of_demo, open_store(tmp_path), "imports/incoming/contacts.csv",
                        ImportSpec("contacts", user_columns=["contact_owner"]),
                        reports=open_store(tmp_path), run_id="r3")  # fmt: skip
    named = [(r.line, r.column) for r in report.rejects]
    assert named == [(3, "id"), (3, "created_at"), (3, "is_demo"),
                     (6, "id"), (6, "account_id")]  # fmt: skip
    reasons = {(r.line, r.column): r.reason for r in report.rejects}
    assert "'42'" in reasons[3, "id"] and "'maybe'" in reasons[3, "is_demo"]
    assert "'03/11/2026': not an ISO date" in reasons[3, "created_at"]
    assert reasons[6, "id"] == "duplicate key, first on line 5"
    assert reasons[6, "account_id"] == "no such row in public.accounts"
    assert (report.status, report.rejected, report.problems) == ("failed", 2, 5)
    assert report.message == "2 bad rows: nothing was imported"
    lines = list(csv.DictReader(open(tmp_path / "imports/rejects/r3.csv")))
    assert [(int(r["line"]), r["column"]) for r in lines] == named
    assert all(r["is_demo"] == "maybe" for r in lines if r["line"] == "3")  # the row, as it was

    config = tmp_path / "airvault.yaml"
    config.write_text(f"storage: {{root: 'file://{tmp_path}'}}\n"  # display names: user ids
                      "modules: {contacts: {tables: [contacts], user_columns: [contact_owner]}}\n")  # fmt: skip
    cli = [str(Path(sys.executable).with_name("airvault")), "--config", str(config), "import",
           str(tmp_path / "imports/incoming/contacts.csv"), "--table", "contacts",
           "--dsn", copy_of_demo, "--dry-run"]  # fmt: skip
    out = subprocess.run(cli, capture_output=True, text=True)
    assert out.returncode == 1 and "2 rejected" in out.stdout, out
    printed = [line.strip() for line in out.stderr.splitlines() if line.startswith("  line ")]
    assert [p.split(":")[0] for p in printed] == [f"line {n}, {c}" for n, c in named]
