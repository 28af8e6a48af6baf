"""The insert-mode fast paths (typed COPY, direct insert from the text stage) write and
report exactly what the stage path does, whatever a file holds: padded or empty values,
names or ids in user columns, non-ISO dates, bad e-mails, duplicate or existing keys."""

from __future__ import annotations

import csv
import io
import uuid

import psycopg
import pytest

import airvault.exchange.imports as imports
from airvault.exchange.imports import ImportSpec, run_import
from airvault.storage.store import open_store

HEADER = ["id", "organization_id", "account_id", "first_name", "email", "owner", "is_demo",
          "n", "amount", "created_at"]  # fmt: skip
TABLE = """(id uuid PRIMARY KEY, organization_id uuid NOT NULL, account_id uuid,
  first_name text NOT NULL, email text, owner uuid, is_demo boolean NOT NULL DEFAULT false,
  n integer, amount numeric(10,2), created_at timestamptz NOT NULL)"""
ANN, BO = "11111111-1111-1111-1111-111111111111", "22222222-2222-2222-2222-222222222222"
EXISTING = "33333333-3333-3333-3333-333333333333"


def _rows() -> list[list[str]]:
    org = "44444444-4444-4444-4444-444444444444"
    return [
        [str(uuid.UUID(int=i + 1000)), org, "" if i % 3 else str(uuid.UUID(int=i)), f"Name {i}",
         f"p{i}@example.org" if i % 4 else "", ANN if i % 2 else BO, "f" if i % 5 else "t",
         str(i), f"{i}.5", f"2027-01-{1 + i % 28:02d} 10:{i % 60:02d}"]
        for i in range(40)
    ]  # fmt: skip


def _set(row: int, column: str, value: str):
    def change(rows):
        rows[row][HEADER.index(column)] = value

    return change


VARIANTS = {
    "clean ids": [],
    "user names and ids": [_set(3, "owner", "Ann Lee"), _set(4, "owner", " Ann Lee ")],
    "an ambiguous name": [_set(5, "owner", "Bo Chan")],
    "an unknown user": [_set(5, "owner", "Nobody")],
    "a padded uuid": [_set(2, "account_id", f" {ANN}")],
    "a quoted empty uuid": [_set(2, "account_id", '""')],
    "blanks in a uuid": [_set(2, "account_id", "   ")],
    "blanks in a required uuid": [_set(2, "organization_id", "  ")],
    "padded numbers and booleans": [
        _set(2, "n", " 7 "),
        _set(3, "amount", " 2.345"),
        _set(4, "is_demo", " t "),
    ],  # fmt: skip
    "not a number": [_set(6, "n", "seven")],
    "yesterday": [_set(7, "created_at", "yesterday")],
    "a padded date": [_set(7, "created_at", " 2027-02-03 10:00 ")],
    "a compact date": [_set(7, "created_at", "20270203")],
    "an empty required date": [_set(7, "created_at", "")],
    "not an e-mail": [_set(8, "email", "nope")],
    "a padded e-mail": [_set(8, "email", "  a@b.co ")],
    "an e-mail holding chr(31)": [_set(8, "email", "a\x1fb@c.de")],
    "padded and blank text": [_set(9, "first_name", "  Ann  "), _set(10, "email", " ")],
    "a blank required text": [_set(9, "first_name", "   ")],
    "a duplicate key": [_set(12, "id", str(uuid.UUID(int=1011)))],
    "a key the table has": [_set(13, "id", EXISTING)],
}


def _csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows([HEADER, *rows])
    return out.getvalue().replace('""""""', '""').encode()  # a cell '""': a quoted empty field


def _db(new_db, uuid_like_name: bool) -> str:
    dsn = new_db("fast")
    with psycopg.connect(dsn) as conn:
        conn.execute("CREATE TABLE users (id uuid PRIMARY KEY, display_name text NOT NULL)")
        names = [(ANN, "Ann Lee"), (BO, "Bo Chan"), (EXISTING, "Bo Chan")]
        if uuid_like_name:  # a display name that reads as an id: names must be looked up
            names.append((str(uuid.uuid4()), str(uuid.UUID(int=7))))
        conn.cursor().executemany("INSERT INTO users VALUES (%s, %s)", names)
        for path in ("typed", "direct", "stage"):
            conn.execute(f"CREATE TABLE t_{path} {TABLE}")
            conn.execute(
                f"INSERT INTO t_{path} (id, organization_id, first_name, created_at) "
                f"VALUES ('{EXISTING}', '{EXISTING}', 'Old', '2020-01-01')"
            )
    return dsn


@pytest.mark.parametrize("uuid_like_name", [False, True])
def test_every_path_writes_and_reports_the_same(new_db, tmp_path, monkeypatch, uuid_like_name):
    dsn = _db(new_db, uuid_like_name)
    real_typed, real_direct = imports._insert_typed, imports._insert_directly
    for name, changes in VARIANTS.items():
        rows = _rows()
        for change in changes:
            change(rows)
        (tmp_path / "in.csv").write_bytes(_csv(rows))
        results, used = {}, {}
        for path in ("typed", "direct", "stage"):
            took = []
            monkeypatch.setattr(imports, "_insert_typed", lambda *a, p=path, took=took: (
                p == "typed" and took.append("typed") is None and real_typed(*a)))  # fmt: skip
            monkeypatch.setattr(imports, "_insert_directly", lambda *a, p=path: (
                p != "stage" and real_direct(*a)))  # fmt: skip
            spec = ImportSpec(f"t_{path}", mode="insert", user_columns=["owner"])
            report = run_import(dsn, open_store(tmp_path), "in.csv", spec)
            with psycopg.connect(dsn) as conn:
                table = conn.execute(f"SELECT t::text FROM t_{path} t ORDER BY id").fetchall()
            rejects = [(r.line, r.column, r.reason) for r in report.rejects]
            results[path] = (report.status, report.rows, report.inserted, rejects, table)
            used[path] = took
        assert results["typed"] == results["stage"], name
        assert results["direct"] == results["stage"], name
        if name == "clean ids":
            assert results["stage"][0] == "success" and used["typed"] == ["typed"]
        for path in ("typed", "direct", "stage"):  # back to the one existing row
            with psycopg.connect(dsn) as conn:
                conn.execute(f"DELETE FROM t_{path} WHERE id <> %s", (EXISTING,))


def test_a_clean_file_of_ids_takes_the_typed_path(new_db, tmp_path, monkeypatch):
    dsn = _db(new_db, False)
    staged = []
    monkeypatch.setattr(imports, "_text_stage", lambda *a: staged.append(1))
    (tmp_path / "in.csv").write_bytes(_csv(_rows()))
    report = run_import(dsn, open_store(tmp_path), "in.csv", ImportSpec(
        "t_typed", mode="insert", user_columns=["owner"]))  # fmt: skip
    assert (report.status, report.rows, report.inserted, staged) == ("success", 40, 40, [])
