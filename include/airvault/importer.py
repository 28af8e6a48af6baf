"""CSV imports that cannot half-apply: every row is validated before anything is written, the
good rows are COPY'd into a staging table and applied with one statement in one transaction.

Validation, per row, with the line number, column and reason of every problem: required
columns, types (integers, numerics, booleans, uuids, dates, times), enums, e-mails, display
names of users turned back into their ids, duplicates inside the file, and (in SQL, against
the staging table) foreign keys and the mode's key rules. `atomic` rejects the whole file on
any bad row; `skip` loads the good rows (up to `max_errors`). Rejected rows go to a rejects CSV
with their line, column and reason; the report goes beside it.

Files as people have them: a UTF-8 BOM, `,` `;` or tab separators (detected), quoted newlines,
Windows line endings, UTF-8 or Latin-1 (declared; undeclared non-UTF-8 is a clear error), and
empty strings read as NULL.
"""

from __future__ import annotations

import csv
import io
import re
import time
import uuid
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation

import psycopg
from psycopg import sql

from airvault.catalog import Table, read_catalog
from airvault.errors import AirvaultError
from airvault.manifest import encode
from airvault.storage import Store

MODES = ("insert", "upsert", "update-only")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
TRUE, FALSE = {"true", "t", "yes", "y", "1"}, {"false", "f", "no", "n", "0"}


@dataclass
class ImportSpec:
    table: str
    mode: str = "upsert"
    policy: str = "atomic"  # or "skip"
    mapping: dict[str, str] = field(default_factory=dict)  # file column -> table column
    key: list[str] | None = None  # default: the primary key
    max_errors: int | None = None  # skip policy: give up beyond this many bad rows
    encoding: str | None = None  # None: UTF-8 (a BOM is fine); "latin-1" when declared
    user_columns: list[str] = field(default_factory=list)  # display names -> user ids
    users_table: str = "public.users"
    display_column: str = "display_name"
    dry_run: bool = False


@dataclass
class Reject:
    line: int
    column: str
    reason: str
    row: list[str]


@dataclass
class ImportReport:
    status: str = "success"
    rows: int = 0
    inserted: int = 0
    updated: int = 0
    rejected: int = 0
    rejects: list[Reject] = field(default_factory=list)
    message: str = ""
    seconds: float = 0.0

    def to_json(self) -> dict:
        data = asdict(self)
        data["rejects"] = [asdict(r) for r in self.rejects[:100]]
        return data


def _decode(data: bytes, encoding: str | None, name: str) -> str:
    if encoding:
        return data.decode(encoding).removeprefix("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise AirvaultError(
            f"{name}: not UTF-8 (line {line}, byte 0x{data[e.start]:02x}); declare the "
            "encoding, e.g. latin-1"
        ) from None


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(text[:65536], delimiters=",;\t")
    except csv.Error:
        return csv.excel


def _checker(typ: str, enum_values: dict[str, set[str]], column: str):
    """value -> (normalised text for COPY, or raises ValueError with the reason)."""
    base = typ.removesuffix("[]")
    if typ in ("smallint", "integer", "bigint"):
        return lambda v: str(int(v))
    if base.startswith("numeric") or typ in ("real", "double precision"):

        def number(v: str) -> str:
            try:
                return str(Decimal(v))
            except InvalidOperation:
                raise ValueError("not a number") from None

        return number  # fmt: skip
    if typ == "boolean":

        def boolean(v: str) -> str:
            low = v.strip().lower()
            if low in TRUE | FALSE:
                return "true" if low in TRUE else "false"
            raise ValueError("not a boolean (true/false, yes/no, 1/0)")

        return boolean  # fmt: skip
    if typ == "uuid":
        return lambda v: str(uuid.UUID(v))
    if typ == "date":
        return lambda v: date.fromisoformat(v).isoformat()
    if typ.startswith("timestamp"):
        return lambda v: datetime.fromisoformat(v).isoformat()
    if typ in enum_values:

        def enum(v: str) -> str:
            if v not in enum_values[typ]:
                raise ValueError(f"not one of {', '.join(sorted(enum_values[typ]))}")
            return v

        return enum  # fmt: skip
    if "email" in column:

        def email(v: str) -> str:
            if not EMAIL.fullmatch(v):
                raise ValueError("not an e-mail address")
            return v

        return email  # fmt: skip
    return lambda v: v


def _copy_text(value: str | None) -> str:
    if value is None:
        return "\\N"
    return (
        value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    )


def run_import(dsn: str, source: Store, rel: str, spec: ImportSpec, reports: Store | None = None,
               run_id: str | None = None, triggered_by: str | None = None) -> ImportReport:  # fmt: skip
    """Import `rel` of `source` into spec.table; see the module docstring."""
    if spec.mode not in MODES:
        raise AirvaultError(f"import mode '{spec.mode}': use {', '.join(MODES)}")
    if spec.policy not in ("atomic", "skip"):
        raise AirvaultError(f"import policy '{spec.policy}': use atomic or skip")
    t0 = time.monotonic()
    run_id = run_id or datetime.now(UTC).strftime("%Y-%m-%dT%H%M%SZ")
    text = _decode(source.read_bytes(rel), spec.encoding, rel)
    reader = csv.reader(io.StringIO(text, newline=""), _dialect(text))
    header = [h.strip() for h in next(reader, [])]
    if not header:
        raise AirvaultError(f"{rel}: empty file, no header line")
    report = ImportReport()
    with psycopg.connect(dsn) as conn:
        table, targets, checks, key, users = _plan(conn, spec, header, rel)
        good: list[tuple[int, list[str | None], list[str]]] = []
        seen: dict[tuple, int] = {}
        for line_no, row in enumerate(reader, start=2):
            if not any(cell.strip() for cell in row):
                continue
            report.rows += 1
            values, problem = _validate(row, header, targets, checks, users, spec)
            if problem is None:
                k = tuple(values[targets.index(c)] for c in key)
                if k in seen:
                    problem = (",".join(key), f"duplicate key, first on line {seen[k]}")
                else:
                    seen[k] = line_no
            if problem:
                report.rejects.append(Reject(line_no, problem[0], problem[1], row))
            else:
                good.append((line_no, values, row))
        _apply(conn, table, targets, key, good, spec, report)
        if report.rejects and (
            spec.policy == "atomic"
            or (spec.max_errors is not None and len(report.rejects) > spec.max_errors)
        ):
            conn.rollback()
            report.status, report.inserted, report.updated = "failed", 0, 0
            report.message = (f"{len(report.rejects)} bad rows: nothing was imported"
                              if spec.policy == "atomic" else
                              f"{len(report.rejects)} bad rows, more than max_errors {spec.max_errors}")  # fmt: skip
        elif spec.dry_run:
            conn.rollback()
            report.status, report.message = "dry-run", "validated and planned; nothing written"
        else:
            conn.commit()
    report.rejected = len(report.rejects)
    report.seconds = round(time.monotonic() - t0, 3)
    if reports is not None:
        _write_reports(reports, run_id, header, report, spec, triggered_by)
    if report.status == "success" and not spec.dry_run and rel.startswith("imports/incoming/"):
        source.write_bytes_atomic(rel.replace("imports/incoming/", "imports/processed/", 1),
                                  source.read_bytes(rel))  # fmt: skip
        source.remove_tree(rel)
    return report


def _plan(conn: psycopg.Connection, spec: ImportSpec, header: list[str], rel: str):
    """Check every name against the catalog before any SQL is built from it."""
    schema = spec.table.split(".")[0] if "." in spec.table else "public"
    users_schema = spec.users_table.split(".")[0]
    tables = read_catalog(conn, sorted({schema, users_schema})).tables
    name = spec.table if "." in spec.table else f"public.{spec.table}"
    if name not in tables:
        raise AirvaultError(f"import: no table '{spec.table}'")
    table = tables[name]
    columns = {c.name: c for c in table.columns if not c.generated}
    targets = []
    for h in header:
        target = spec.mapping.get(h, h)
        if target not in columns:
            raise AirvaultError(
                f"{rel}: column '{h}'"
                + (f" (mapped to '{target}')" if target != h else "")
                + f" is not a column of {table.qualified}"
            )
        targets.append(target)
    key = spec.key or table.primary_key
    for k in key:
        if k not in targets:
            raise AirvaultError(f"{rel}: the key column '{k}' is missing from the file")
    defaults = {r[0] for r in conn.execute(
        "SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass AND (atthasdef OR "
        "attidentity <> '')", (sql.Identifier(table.schema, table.name).as_string(conn),))}  # fmt: skip
    if spec.mode != "update-only":
        missing = [c.name for c in columns.values()
                   if c.not_null and c.name not in targets and c.name not in defaults]  # fmt: skip
        if missing:
            raise AirvaultError(f"{rel}: required columns missing: {', '.join(missing)}")
    enums: dict[str, set[str]] = {}
    for typ, label in conn.execute(
        "SELECT format_type(t.oid, NULL), e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid"
    ):
        enums.setdefault(typ, set()).add(label)
    checks = [_checker(columns[c].type, enums, c) for c in targets]
    users = None
    if spec.user_columns:
        u = tables.get(spec.users_table)
        if u is None:
            raise AirvaultError(f"import: no users table '{spec.users_table}'")
        users = {}
        query = sql.SQL("SELECT {}, {}::text FROM {}").format(
            sql.Identifier(spec.display_column), sql.Identifier(u.primary_key[0]),
            sql.Identifier(u.schema, u.name))  # fmt: skip
        for display, ident in conn.execute(query):
            users[display] = ident if display not in users else None  # None: ambiguous
    return table, targets, checks, key, users


def _validate(row, header, targets, checks, users, spec):
    if len(row) != len(header):
        return None, ("*", f"{len(row)} fields, the header has {len(header)}")
    values: list[str | None] = []
    for cell, column, check in zip(row, targets, checks, strict=True):
        cell = cell.strip()
        if cell == "":
            values.append(None)
            continue
        if users is not None and column in spec.user_columns:
            if cell in users:
                if users[cell] is None:
                    return None, (column, f"user name '{cell}' is ambiguous: use the id")
                cell = users[cell]
            else:
                try:
                    cell = str(uuid.UUID(cell))
                except ValueError:
                    return None, (column, f"unknown user '{cell}'")
        try:
            values.append(check(cell))
        except (ValueError, TypeError) as e:
            return None, (column, f"{cell!r}: {str(e) or 'invalid'}")
    return values, None


def _apply(conn, table: Table, targets, key, good, spec: ImportSpec, report: ImportReport) -> None:
    """Stage the good rows, reject what breaks foreign keys or the mode's key rule, write."""
    stage = sql.Identifier("airvault_import_stage")
    cols = sql.SQL(", ").join(map(sql.Identifier, targets))
    conn.execute(sql.SQL("CREATE TEMP TABLE {} ON COMMIT DROP AS SELECT {} FROM {} WITH NO DATA")
                 .format(stage, cols, sql.Identifier(table.schema, table.name)))  # fmt: skip
    conn.execute(sql.SQL("ALTER TABLE {} ADD COLUMN _line int").format(stage))
    originals = {line: row for line, _values, row in good}
    try:
        with conn.cursor().copy(
            sql.SQL("COPY {} ({}, _line) FROM STDIN").format(stage, cols)
        ) as copy:
            for line, values, _row in good:
                copy.write("\t".join([*map(_copy_text, values), str(line)]) + "\n")
    except psycopg.Error as e:  # a value PostgreSQL refuses that the checks let through
        raise AirvaultError(
            f"import into {table.qualified}: {str(e).strip().splitlines()[0]}"
        ) from None
    target = sql.Identifier(table.schema, table.name)
    match = sql.SQL(" AND ").join(sql.SQL("t.{c} = s.{c}").format(c=sql.Identifier(k)) for k in key)
    bad: dict[int, tuple[str, str]] = {}
    for fk in table.foreign_keys:
        if not set(fk.columns) <= set(targets):
            continue
        parent = sql.Identifier(*fk.ref_table.split(".", 1))
        on = sql.SQL(" AND ").join(sql.SQL("p.{} = s.{}").format(sql.Identifier(r), sql.Identifier(c))
                                   for c, r in zip(fk.columns, fk.ref_columns, strict=True))  # fmt: skip
        not_null = sql.SQL(" AND ").join(
            sql.SQL("s.{} IS NOT NULL").format(sql.Identifier(c)) for c in fk.columns
        )
        for (line,) in conn.execute(sql.SQL(
                "SELECT s._line FROM {s} s WHERE {nn} AND NOT EXISTS (SELECT 1 FROM {p} p WHERE {on})"
        ).format(s=stage, nn=not_null, p=parent, on=on)):  # fmt: skip
            bad.setdefault(line, (",".join(fk.columns), f"no such row in {fk.ref_table}"))
    exists = sql.SQL("EXISTS (SELECT 1 FROM {} t WHERE {})").format(target, match)
    if spec.mode == "insert":
        rule, reason = exists, "a row with this key already exists"
    elif spec.mode == "update-only":
        rule, reason = sql.SQL("NOT {}").format(exists), "no row with this key to update"
    else:
        rule = None
    if rule is not None:
        for (line,) in conn.execute(
            sql.SQL("SELECT s._line FROM {} s WHERE {}").format(stage, rule)
        ):
            bad.setdefault(line, (",".join(key), reason))
    for line, (column, reason) in sorted(bad.items()):
        report.rejects.append(Reject(line, column, reason, originals[line]))
    if bad:
        conn.execute(sql.SQL("DELETE FROM {} WHERE _line = ANY(%s)").format(stage), (list(bad),))
    settable = [c for c in targets if c not in key]
    differs = sql.SQL("ROW({}) IS DISTINCT FROM ROW({})").format(
        sql.SQL(", ").join(sql.SQL("t.{}").format(sql.Identifier(c)) for c in settable) or sql.SQL("1"),
        sql.SQL(", ").join(sql.SQL("s.{}").format(sql.Identifier(c)) for c in settable) or sql.SQL("1"),
    )  # fmt: skip
    if spec.mode != "insert" and settable:
        report.updated = conn.execute(sql.SQL(
            "UPDATE {t} t SET ({c}) = ROW({v}) FROM {s} s WHERE {m} AND {d}"
        ).format(t=target, c=sql.SQL(", ").join(map(sql.Identifier, settable)),
                 v=sql.SQL(", ").join(sql.SQL("s.{}").format(sql.Identifier(c)) for c in settable),
                 s=stage, m=match, d=differs)).rowcount  # fmt: skip
    if spec.mode != "update-only":
        report.inserted = conn.execute(sql.SQL(
            "INSERT INTO {t} ({c}) SELECT {c} FROM {s} s WHERE NOT EXISTS (SELECT 1 FROM {t} t WHERE {m})"
        ).format(t=target, c=cols, s=stage, m=match)).rowcount  # fmt: skip


def _write_reports(store: Store, run_id: str, header, report: ImportReport, spec: ImportSpec,
                   triggered_by: str | None) -> None:  # fmt: skip
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["line", "column", "reason", *header])
    for r in sorted(report.rejects, key=lambda r: r.line):
        writer.writerow([r.line, r.column, r.reason, *r.row])
    store.write_bytes_atomic(f"imports/rejects/{run_id}.csv", out.getvalue().encode())
    data = {**report.to_json(), "parameters": asdict(spec), "run_id": run_id,
            "triggered_by": triggered_by}  # fmt: skip
    store.write_bytes_atomic(f"imports/reports/{run_id}.json", encode(data))
