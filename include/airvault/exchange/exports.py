"""Exports people can read and machines can trust: one table of the app (or each table of a
module) to CSV, JSON lines or Parquet, streamed in bounded memory, with a report.json; or a
module's tables as one ZIP of CSV files (`export_bundle`).

Readable mode turns the module's user columns (owner, created_by, ...) into display names with
one LEFT JOIN per column (not a lookup per id) and renders its datetime columns in a timezone
for people; raw mode keeps exact values.

A readable CSV or XLSX export is opened in a spreadsheet, which runs a cell starting with `=`,
`+`, `-` or `@` as a formula (and may strip a leading tab or carriage return first): there any
value that starts so, and is not a number, gets a leading `'` (OWASP's advice against formula
injection), and so does such a column name. Numbers (a negative amount) and booleans keep their
value; every other type is neutralised, by its base type for a domain: text, varchar, enums, but
also xml, json, intervals or '-infinity', whose text a spreadsheet would equally take for a
formula. Raw exports (and JSON lines and Parquet, for machines) keep every value exactly; in
either mode an XLSX cell holding text is written as text, never as a formula.

Every name (table, column, filter) is checked against the catalog and quoted as an identifier;
filter values are literals: no SQL is built from text. Only declared datasets are exported,
never a secret column (see datasets.py): an export naming one is refused before anything is
read, and a whole-table export leaves secret columns out, named as `withheld` in its report.
"""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import IO, NamedTuple
from urllib.parse import quote

import psycopg
from psycopg import sql

from airvault.config import Config
from airvault.errors import AirvaultError
from airvault.exchange.datasets import declared_table, qualified, refuse_secrets, withheld
from airvault.pg.catalog import Table, find_table, read_catalog
from airvault.pg.rows import one_row
from airvault.pg.tools import copy_out
from airvault.progress import Progress, publishing_job
from airvault.storage.manifest import encode
from airvault.storage.store import HashingSink, Store

FORMATS = {"csv": "csv", "json": "jsonl", "parquet": "parquet", "xlsx": "xlsx", "pdf": "pdf"}
PDF_ROWS = 2_000  # a PDF is a report for people: its first rows; every row is in the others
PDF_COLUMNS = 8
PDF_CELL = 40  # characters of a value shown
BATCH = 10_000
ARROW_READ_BYTES = 4 << 20  # what the Arrow-native read fetches at a time: bounded memory
FORMULA_START = "=+-@\t\r"  # what a spreadsheet may run as a formula (OWASP)
FORMULA_SQL = "^([-=+@\t\r])"  # the same, as a PostgreSQL regular expression
SPREADSHEETS = ("csv", "xlsx")  # the formats people open in one


@dataclass
class ExportSpec:
    table: str  # "schema.table" or a bare name
    format: str = "csv"
    readable: bool = True
    columns: list[str] | None = None  # None: every column
    filters: dict[str, str] = field(default_factory=dict)  # column -> value (equality)
    date_column: str | None = None
    since: str | None = None  # ISO date/time, inclusive
    until: str | None = None  # exclusive
    user_columns: list[str] = field(default_factory=list)
    datetime_columns: list[str] = field(default_factory=list)
    users_table: str = "public.users"
    display_column: str = "display_name"
    timezone: str = "UTC"
    short_ids: bool = False  # readable mode: uuids as their first 8 hex digits, for people


def specs_for(config: Config, dataset: str, **options) -> list[ExportSpec]:
    """One spec per table of `dataset` (a module of the config: each of its tables, with its
    user and datetime columns; or a table), with the given ExportSpec options. A `tenant`
    option filters on the config's tenant column (over any filter of the same column). Every
    spec is checked (check_export) before any is returned: a module is refused whole."""
    module = config.modules.get(dataset)
    tables = module.tables if module else [dataset]
    filters = dict(options.pop("filters", None) or {})
    tenant = options.pop("tenant", None)
    if tenant:
        filters[config.tenancy.column] = tenant
    specs = [
        ExportSpec(
            table=t,
            filters=filters,
            user_columns=list(module.user_columns) if module else [],
            datetime_columns=list(module.datetime_columns) if module else [],
            **options,
        )
        for t in tables
    ]
    for spec in specs:
        check_export(config, spec)
    return specs


def check_export(config: Config, spec: ExportSpec) -> str:
    """The qualified table of `spec` if the config lets it be exported: a declared dataset,
    no secret column named (as a column, filter or date column, or the display names of a
    readable export). Names only: runs before anything is read."""
    table = declared_table(config, spec.table, "export")
    refuse_secrets(
        config,
        table,
        "export",
        {
            "column": spec.columns or [],
            "filter": spec.filters,
            "date column": [spec.date_column],
        },
    )
    if spec.readable and spec.user_columns:
        refuse_secrets(
            config, qualified(spec.users_table), "export", {"display column": [spec.display_column]}
        )
    return table


def parse_filters(items: list[str], what: str = "filter") -> dict[str, str]:
    """["column=value", ...] -> {column: value}, with a clear error for anything else (`what`
    names the option: filters, mappings)."""
    filters = {}
    for item in items:
        column, sep, value = item.partition("=")
        if not sep or not column.strip():
            raise AirvaultError(f"{what} {item!r}: use COLUMN=VALUE")
        filters[column.strip()] = value.strip()
    return filters


def _table(tables: dict[str, Table], name: str) -> Table:
    table = find_table(tables, name)
    if table is None:
        raise AirvaultError(f"export: no table '{name}'")
    return table


def _column(table: Table, name: str, what: str) -> str:
    if name not in {c.name for c in table.columns}:
        raise AirvaultError(f"export of {table.qualified}: {what} '{name}' is not a column")
    return name


def _text(value: str, what: str) -> str:
    """A value that becomes an SQL literal: PostgreSQL text cannot hold a NUL character."""
    if "\x00" in value:
        raise AirvaultError(f"export: the {what} {value!r} holds a NUL character")
    return value


def _type(table: Table, name: str) -> str:
    return next(c.type for c in table.columns if c.name == name)


_NOT_NUMBERS = """
WITH RECURSIVE c(name, typ) AS (
    SELECT attname, atttypid FROM pg_attribute
    WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped
  UNION ALL  -- a domain: its base type (which may be a domain too)
    SELECT c.name, t.typbasetype FROM c JOIN pg_type t ON t.oid = c.typ WHERE t.typtype = 'd'
)
SELECT c.name FROM c JOIN pg_type t ON t.oid = c.typ
WHERE t.typtype <> 'd' AND t.typcategory NOT IN ('N', 'B')"""


def neutral(text: str) -> str:
    """`text` as a spreadsheet shows it, never runs it: a leading `'` before a formula start."""
    return "'" + text if text and text[0] in FORMULA_START else text


def _formula_prone(conn: psycopg.Connection, table: Table, spec: ExportSpec) -> set[str]:
    """The columns whose values a readable spreadsheet export neutralises: every one that is
    not a number or a boolean (by its base type), and user columns shown as display names."""
    relation = sql.Identifier(table.schema, table.name).as_string(conn)
    return {r[0] for r in conn.execute(_NOT_NUMBERS, (relation,))} | set(spec.user_columns)


class Query(NamedTuple):
    select: sql.Composed  # the export's rows
    names: list[str]  # its output columns
    count: sql.Composed  # type: ignore[assignment]  # its row count (shadows tuple.count(), unused)
    prone: set[str]  # the columns a readable spreadsheet neutralises
    withheld: list[str]  # secret columns of the table left out


def build_query(conn: psycopg.Connection, spec: ExportSpec, config: Config | None = None) -> Query:
    """The export's queries, every name checked against the catalog and the config
    (check_export; None: the defaults, as without a config file). The count skips the
    joins: a LEFT JOIN on a primary key keeps the row count. For a readable CSV the SELECT
    neutralises values and column names itself (psql streams it as it is); XLSX does it in
    Python, where numbers and dates stay typed."""
    config = config or Config()
    name = check_export(config, spec)
    tables = read_catalog(conn, sorted({name.split(".")[0], spec.users_table.split(".")[0]})).tables
    table = _table(tables, name)
    hidden = withheld(config, table.qualified, table.copy_columns)
    names = spec.columns or [c for c in table.copy_columns if c not in hidden]
    for n in names:
        _column(table, n, "column")
    select: list[sql.Composable] = []
    joins: list[sql.Composable] = []
    users = _table(tables, spec.users_table) if spec.readable and spec.user_columns else None
    prone = (
        _formula_prone(conn, table, spec)
        if spec.readable and spec.format in SPREADSHEETS
        else set()
    )
    in_sql = spec.format == "csv"
    for n in names:
        col = sql.Identifier("t", n)
        if users is not None and n in spec.user_columns:
            alias = sql.Identifier(f"u_{len(joins)}")
            joins.append(
                sql.SQL("LEFT JOIN {} {} ON {}.{} = {}").format(
                    sql.Identifier(users.schema, users.name),
                    alias,
                    alias,
                    sql.Identifier(users.primary_key[0]),
                    col,
                )
            )
            # a reference to a user that is gone stays visible as its id
            value: sql.Composable = sql.SQL("coalesce({}.{}, {}::text)").format(
                alias, sql.Identifier(_column(users, spec.display_column, "display column")), col
            )
        elif spec.readable and n in spec.datetime_columns:
            value = sql.SQL("to_char({} AT TIME ZONE {}, 'YYYY-MM-DD HH24:MI')").format(
                col, sql.Literal(_text(spec.timezone, "timezone"))
            )
        elif spec.readable and spec.short_ids and _type(table, n) == "uuid":
            value = sql.SQL("left({}::text, 8)").format(col)
        else:
            value = col
        if in_sql and n in prone:
            value = sql.SQL("regexp_replace({}::text, {}, {})").format(
                value, sql.Literal(FORMULA_SQL), sql.Literal("'\\1")
            )
        label = neutral(n) if in_sql and spec.readable else n
        select.append(sql.SQL("{} AS {}").format(value, sql.Identifier(label)))
    where = [
        sql.SQL("{}::text = {}").format(
            sql.Identifier("t", _column(table, c, "filter")),
            sql.Literal(_text(v, f"value of filter '{c}'")),
        )
        for c, v in spec.filters.items()
    ]
    if spec.since or spec.until:
        if not spec.date_column:
            raise AirvaultError("export: since/until need a date column")
        dcol = sql.Identifier("t", _column(table, spec.date_column, "date column"))
        if spec.since:
            where.append(sql.SQL("{} >= {}").format(dcol, sql.Literal(_text(spec.since, "since"))))
        if spec.until:
            where.append(sql.SQL("{} < {}").format(dcol, sql.Literal(_text(spec.until, "until"))))
    order = table.primary_key or names[:1]
    source = sql.Identifier(table.schema, table.name)
    condition = sql.SQL(" AND ").join(where) if where else sql.SQL("TRUE")
    query = sql.SQL("SELECT {} FROM {} t {} WHERE {} ORDER BY {}").format(
        sql.SQL(", ").join(select),
        source,
        sql.SQL(" ").join(joins),
        condition,
        sql.SQL(", ").join(sql.Identifier("t", c) for c in order),
    )
    count = sql.SQL("SELECT count(*) FROM {} t WHERE {}").format(source, condition)
    return Query(query, names, count, prone, hidden)


def run_export(
    dsn: str,
    root: Store,
    spec: ExportSpec,
    run_id: str | None = None,
    triggered_by: str | None = None,
    *,
    config: Config | None = None,
    publish: bool = True,
) -> dict:
    """Write exports/<table>/<run>/<table>.<ext> and report.json (with who triggered it and
    the secret columns withheld); return the report. `config` says what may be exported
    (None: the defaults, as without a config file). Its progress is published under `root`
    while it runs (publishing_job; `publish` False: by the bundle it is part of)."""
    if spec.format not in FORMATS:
        raise AirvaultError(f"export format '{spec.format}': use {', '.join(FORMATS)}")
    config = config or Config()
    check_export(config, spec)  # refused before connecting, let alone reading
    started = datetime.now(UTC).replace(microsecond=0)
    t0 = time.monotonic()
    run_id = run_id or started.strftime("%Y-%m-%dT%H%M%SZ")
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("SELECT set_config('TimeZone', 'UTC', false)")
        # One snapshot for the data and its count, whichever connection streams it.
        conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        snapshot = one_row(conn.execute("SELECT pg_export_snapshot()").fetchone())[0]
        query, names, count, prone, hidden = build_query(conn, spec, config)
        # A folder and file name, never a path: a table may be called "/* */" or "x./etc/y".
        table_label = quote(spec.table.split(".")[-1], safe="") or "_"
        folder = root.child(f"exports/{table_label}/{run_id}")
        rel = f"{table_label}.{FORMATS[spec.format]}"
        progress = Progress("export", spec.format, spec.table, 1, 0, folder=folder)
        with (
            publishing_job(root if publish else None, "export", progress),
            folder.open_write(rel) as raw,
        ):
            sink = _CountedSink(raw, progress)
            if spec.format == "csv":  # psql streams the COPY; Python only hashes and stores
                rows = _csv(dsn, snapshot, conn, query, count, sink)
            elif spec.format == "json":
                rows = _json(conn, query, names, sink)
            elif spec.format == "xlsx":
                rows = _xlsx(conn, query, names, sink, prone, spec.readable)
            elif spec.format == "pdf":
                rows = _pdf(
                    conn, query, names, sink, spec.table, one_row(conn.execute(count).fetchone())[0]
                )
            else:
                rows = _parquet(dsn, snapshot, conn, query, names, sink)
        progress.add(rows, 0)
        progress.table_done()
    report = {
        "file": folder.url_of(rel),
        "rows": rows,
        "bytes": sink.bytes,
        "sha256": sink.sha.hexdigest(),
        "started_at": started.isoformat(),
        "duration_s": round(time.monotonic() - t0, 3),
        "columns": names,
        "withheld": hidden,
        "parameters": asdict(spec),
        "status": "success",
        "triggered_by": triggered_by,
    }
    folder.write_bytes_atomic("report.json", encode(report))
    return report


class _CountedSink(HashingSink):
    """A HashingSink that counts the bytes written in `progress` (the CLI's bar)."""

    def __init__(self, raw: IO[bytes], progress: Progress) -> None:
        super().__init__(raw)
        self.progress = progress

    def write(self, data) -> int:
        n = super().write(data)
        self.progress.add(0, n)
        return n


BUNDLE = "zip"  # a module's tables (or several datasets'), each a CSV file, in one ZIP
BULK = "bundle"  # exports/bundle/<run>/export.zip: several datasets in one ZIP


def export_bundle(
    dsn: str,
    root: Store,
    config: Config,
    datasets: str | list[str],
    run_id: str | None = None,
    triggered_by: str | None = None,
    **options,
) -> dict:
    """A module's tables as one ZIP of CSV files (each as the CSV export writes it, in its
    own snapshot), written to exports/module-<module>/<run>/<module>.zip with a report.json
    naming each table's rows; only the ZIP is stored. A list of datasets (modules and
    declared tables) goes to exports/bundle/<run>/export.zip, each table once. Every dataset
    is checked before anything is written; a failure leaves no ZIP behind. Returns the report."""
    if isinstance(datasets, str) and datasets not in config.modules:
        raise AirvaultError(
            f"a ZIP bundles the tables of a module: '{datasets}' is not a module of the config "
            f"({', '.join(sorted(config.modules))})"
        )
    started = datetime.now(UTC).replace(microsecond=0)
    t0 = time.monotonic()
    run_id = run_id or started.strftime("%Y-%m-%dT%H%M%SZ")
    names = [datasets] if isinstance(datasets, str) else list(dict.fromkeys(datasets))
    if isinstance(datasets, str):
        folder, name = root.child(f"exports/module-{datasets}/{run_id}"), f"{datasets}.zip"
    else:
        folder, name = root.child(f"exports/{BULK}/{run_id}"), "export.zip"
    specs: dict[str, ExportSpec] = {}  # qualified table -> its spec: each table once
    for dataset in names:  # all refused before any file
        for spec in specs_for(config, dataset, format="csv", **options):
            specs.setdefault(qualified(spec.table), spec)
    label = f"{', '.join(names)} as one ZIP"
    progress = Progress("export", BUNDLE, label, len(specs), 0, folder=folder)
    try:
        with publishing_job(root, "export", progress), folder.open_write(name) as raw:
            sink = HashingSink(raw)
            chosen = list(specs.values())
            tables = _zip_tables(dsn, config, chosen, sink, (run_id, triggered_by), progress)
    except BaseException:
        folder.remove_tree("")  # no half-written ZIP
        raise
    report = {
        "file": folder.url_of(name),
        "rows": sum(t["rows"] for t in tables),
        "bytes": sink.bytes,
        "sha256": sink.sha.hexdigest(),
        "started_at": started.isoformat(),
        "duration_s": round(time.monotonic() - t0, 3),
        "tables": tables,
        "parameters": {"table": ",".join(names), "format": BUNDLE, **options},
        "status": "success",
        "triggered_by": triggered_by,
    }
    folder.write_bytes_atomic("report.json", encode(report))
    return report


def _zip_tables(
    dsn: str,
    config: Config,
    specs: list[ExportSpec],
    sink: HashingSink,
    run: tuple[str, str | None],
    progress: Progress,
) -> list[dict]:
    """Each spec exported as CSV into a scratch folder, then into the ZIP `sink` receives as
    <table>.csv (<schema>.<table>.csv when two schemas share a table name); `run` is (run
    id, who triggered it)."""
    run_id, triggered_by = run
    import tempfile
    import zipfile

    from airvault.storage.store import open_store

    tables: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="airvault-bundle-") as tmp:
        scratch = open_store(tmp)
        # typeshed asks for close(), which ZipFile never calls on a file object it is given
        with zipfile.ZipFile(sink, "w", zipfile.ZIP_DEFLATED) as bundle:  # type: ignore[call-overload]
            for spec in specs:
                one = run_export(
                    dsn, scratch, spec, run_id, triggered_by, config=config, publish=False
                )
                member = one["file"].rsplit("/", 1)[-1]  # <table>.csv
                if member in bundle.namelist():
                    member = f"{quote(qualified(spec.table), safe='')}.csv"
                rel = one["file"].removeprefix(scratch.url + "/")
                with (
                    scratch.open_read(rel) as src,
                    bundle.open(member, "w", force_zip64=True) as out,
                ):
                    while chunk := src.read(1 << 20):
                        out.write(chunk)
                scratch.remove_tree(rel.rsplit("/", 1)[0])  # one table's CSV on disk at a time
                progress.add(one["rows"], one["bytes"])
                progress.table_done()
                tables.append(
                    {
                        "table": spec.table,
                        "file": member,
                        "rows": one["rows"],
                        "sha256": one["sha256"],
                        "withheld": one["withheld"],
                    }
                )
    return tables


def list_exports(root: Store, limit: int = 50) -> list[dict]:
    """The exports under `root` (exports/<table>/<run>/report.json), newest first: table,
    format, when, rows, bytes, duration, who asked, the secret columns withheld, and the file
    and report relative to the root. The reports are unsigned: only these keys, typed, text
    cut short."""
    found = []
    for rel in root.glob("exports/*/*/report.json"):
        folder = rel.rsplit("/", 1)[0]
        try:
            report = json.loads(root.read_bytes(rel))
        except (FileNotFoundError, ValueError):
            continue
        if not isinstance(report, dict):
            continue
        params = p if isinstance(p := report.get("parameters"), dict) else {}
        text = lambda v: v[:200] if isinstance(v, str) else None  # noqa: E731
        number = lambda v: v if isinstance(v, int | float) and not isinstance(v, bool) else None  # noqa: E731
        name = (text(report.get("file")) or "").rsplit("/", 1)[-1]
        found.append(
            {
                "table": text(params.get("table")) or folder.split("/")[1],
                "format": text(params.get("format")),
                "started_at": text(report.get("started_at")),
                "rows": number(report.get("rows")),
                "bytes": number(report.get("bytes")),
                "duration_s": number(report.get("duration_s")),
                "triggered_by": text(report.get("triggered_by")),
                "withheld": [text(c) for c in report.get("withheld") or [] if text(c)][:50]
                if isinstance(report.get("withheld"), list)
                else [],
                "file": f"{folder}/{name}" if name and root.exists(f"{folder}/{name}") else None,
                "report": rel,
            }
        )
    found.sort(key=lambda e: e["started_at"] or "", reverse=True)
    return found[:limit]


def _csv(
    dsn: str,
    snapshot: str,
    conn: psycopg.Connection,
    query: sql.Composed,
    count: sql.Composed,
    sink: HashingSink,
) -> int:
    copy = sql.SQL("COPY ({}) TO STDOUT WITH (FORMAT csv, HEADER true)").format(query)
    settings = {"TimeZone": "UTC", "DateStyle": "ISO, YMD", "client_encoding": "UTF8"}
    for chunk in copy_out(dsn, snapshot, copy.as_string(conn), settings):
        sink.write(chunk)
    # Rows, not lines: quoted values may hold newlines. Same snapshot, so the same rows.
    return one_row(conn.execute(count).fetchone())[0]


def _batches(conn: psycopg.Connection, query: sql.Composed):
    with conn.cursor(name="airvault_export") as cur:  # server-side: BATCH rows at a time
        cur.execute(query)
        while rows := cur.fetchmany(BATCH):
            yield rows


def _json(
    conn: psycopg.Connection, query: sql.Composed, names: list[str], sink: HashingSink
) -> int:
    count = 0
    for rows in _batches(conn, query):
        lines = [json.dumps(dict(zip(names, r, strict=True)), default=str) for r in rows]
        sink.write(("\n".join(lines) + "\n").encode())
        count += len(rows)
    return count


def _parquet(
    dsn: str,
    snapshot: str,
    conn: psycopg.Connection,
    query: sql.Composed,
    names: list[str],
    sink: HashingSink,
) -> int:
    """Parquet in row groups of BATCH rows: read as Arrow columns (ADBC, COPY BINARY) when
    every output column has a type that path reads as the same values, else row by row."""
    import os

    # malloc's pool gives freed batches back; mimalloc's (pyarrow's default) kept ~45 MB more
    # of them in a 330k-row export. The variable applies if pyarrow is not imported yet.
    os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")
    import pyarrow as pa
    import pyarrow.parquet as pq

    pa.set_memory_pool(pa.system_memory_pool())
    native = _arrow_native(conn, query, names)
    batches = (
        _arrow_batches(dsn, snapshot, conn, query, names, native)
        if native is not None
        else _python_batches(conn, query, names)
    )
    count, writer = 0, None
    try:
        for batch in batches:
            if writer is None:
                writer = pq.ParquetWriter(pa.PythonFile(sink, mode="w"), batch.schema)
            writer.write_batch(batch)
            count += batch.num_rows
    finally:
        if writer is not None:
            writer.close()
    return count


def _python_batches(conn: psycopg.Connection, query: sql.Composed, names: list[str]):
    """Record batches of BATCH rows built from Python values (pyarrow infers the types)."""
    import pyarrow as pa

    for rows in _batches(conn, query):
        columns = list(zip(*rows, strict=True))
        arrays = [pa.array([_plain(v) for v in col]) for col in columns]
        yield pa.RecordBatch.from_arrays(arrays, names=names)


# Output types read natively as exactly the values (and Arrow types) the Python path gives:
# type -> (SQL cast of the column, Arrow type). uuid and numeric become the text the Python
# path writes (str of the uuid; of the Decimal: see _decimal_text); real goes through its
# shortest text, as psycopg reads it.
_NATIVE = {
    "int2": ("", "int64"),
    "int4": ("", "int64"),
    "int8": ("", "int64"),
    "float8": ("", "float64"),
    "float4": ("::text::float8", "float64"),
    "bool": ("", "bool"),
    "text": ("", "string"),
    "varchar": ("", "string"),
    "bpchar": ("", "string"),
    "uuid": ("::text", "string"),
    "numeric": ("::text", "string"),
    "date": ("", "date32"),
    "timestamp": ("", "timestamp[us]"),
    "timestamptz": ("", "timestamp[us, tz=UTC]"),
    "time": ("", "time64[us]"),
    "bytea": ("", "binary"),
}
# What Python's date, datetime and time hold (psycopg refuses the rest, such as 'infinity'
# or 24:00): outside it the driver would wrap around to a wrong value, so those rows fail
# the export as they do row by row.
_RANGE = {
    "date": ("0001-01-01", "10000-01-01"),
    "timestamp": ("0001-01-01", "10000-01-01"),
    "timestamptz": ("0001-01-01 00:00:00+00", "10000-01-01 00:00:00+00"),
    "time": ("00:00:00", "24:00:00"),
}


def _native_column(name: str, typ: str) -> sql.Composable:
    col: sql.Composable = sql.Identifier("q", name)
    if typ in _RANGE:
        lo, hi = _RANGE[typ]
        col = sql.SQL(
            "CASE WHEN {c} IS NULL OR ({c} >= {lo}::{t} AND {c} < {hi}::{t}) THEN {c} "
            "ELSE ({msg} || {c}::text)::{t} END"
        ).format(
            c=col,
            lo=sql.Literal(lo),
            hi=sql.Literal(hi),
            t=sql.SQL(typ),
            msg=sql.Literal(f"column {name} is out of range for an export: "),
        )
    return sql.SQL("{}" + _NATIVE[typ][0] + " AS {}").format(col, sql.Identifier(name))


def _arrow_native(conn: psycopg.Connection, query: sql.Composed, names: list[str]):
    """The output columns' type names when all of them are in _NATIVE (and the ADBC driver
    is installed), else None."""
    try:
        import adbc_driver_postgresql  # noqa: F401
    except ImportError:
        return None
    cur = conn.execute(sql.SQL("SELECT * FROM ({}) q LIMIT 0").format(query))
    assert cur.description is not None  # (a SELECT has columns)
    oids = [d.type_code for d in cur.description]
    typname: dict[int, str] = dict(
        conn.execute(
            "SELECT oid::int, typname FROM pg_type WHERE oid = ANY(%s) "
            "AND typnamespace = 'pg_catalog'::regnamespace",
            (oids,),
        ).fetchall()
    )
    types = [typname.get(o) for o in oids]
    return types if len(types) == len(names) and all(t in _NATIVE for t in types) else None


def _arrow_batches(
    dsn: str,
    snapshot: str,
    conn: psycopg.Connection,
    query: sql.Composed,
    names: list[str],
    types: list[str],
):
    """Record batches of BATCH rows read by ADBC (COPY BINARY into Arrow columns, in C) in
    `snapshot`, cast to the types of the Python path. The driver's own objects, not its DB-API
    layer, which imports pandas (~2 s and ~100 MB per export)."""
    import adbc_driver_postgresql
    import pyarrow as pa
    from adbc_driver_manager import AdbcConnection, AdbcStatement
    from adbc_driver_manager import Error as AdbcError

    casts = sql.SQL(", ").join(_native_column(n, t) for n, t in zip(names, types, strict=True))
    select = sql.SQL("SELECT {} FROM ({}) q").format(casts, query).as_string(conn)
    special = {
        "timestamp[us]": pa.timestamp("us"),
        "time64[us]": pa.time64("us"),
        "timestamp[us, tz=UTC]": pa.timestamp("us", tz="UTC"),
    }
    arrow = [special.get(_NATIVE[t][1]) or pa.type_for_alias(_NATIVE[t][1]) for t in types]
    schema = pa.schema([pa.field(n, a) for n, a in zip(names, arrow, strict=True)])
    numeric = [i for i, t in enumerate(types) if t == "numeric"]
    opened: list = []
    try:
        opened.append(adbc_driver_postgresql.connect(dsn))
        opened.append(AdbcConnection(opened[0]))  # autocommit: the BEGIN below is ours
        opened.append(stmt := AdbcStatement(opened[1]))
        for statement in (
            "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
            f"SET TRANSACTION SNAPSHOT '{snapshot}'",
        ):  # pg_export_snapshot()'s
            stmt.set_sql_query(statement)
            stmt.execute_update()
        stmt.set_sql_query(select)
        stmt.set_options(**{"adbc.postgresql.batch_size_hint_bytes": str(ARROW_READ_BYTES)})
        handle, _ = stmt.execute_query()
        pending: list = []
        opened.append(reader := pa.RecordBatchReader._import_from_c(handle.address))
        for batch in reader:
            pending.append(_retype(batch, schema, numeric))
            while sum(b.num_rows for b in pending) >= BATCH:
                pending = _emit(pending, BATCH)
                yield pending.pop(0)
        if rest := [b for b in pending if b.num_rows]:
            yield pa.Table.from_batches(rest, schema).combine_chunks().to_batches()[0]
    except (AdbcError, OSError) as e:  # the driver's, or pyarrow's while reading from it
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        # one line, like a psycopg error: the server's message without libpq's prefix
        raise AirvaultError(f"export failed: {first.split('ERROR:')[-1].strip()}") from e
    finally:  # the stream, then the statement, the connection and the database
        for thing in reversed(opened):
            thing.close()


def _emit(pending: list, size: int) -> list:
    """The first `size` rows of `pending` as one batch, then the rest."""
    import pyarrow as pa

    table = pa.Table.from_batches(pending)
    head = table.slice(0, size).combine_chunks().to_batches()[0]
    tail = table.slice(size).to_batches()
    return [head, *tail]


def _retype(batch, schema, numeric: list[int]):
    import pyarrow as pa

    arrays = []
    for i, (array, want) in enumerate(zip(batch.columns, schema, strict=True)):
        if array.type != want.type:
            array = array.cast(want.type)
        if i in numeric:
            array = pa.array([_decimal_text(v) for v in array.to_pylist()], pa.string())
        arrays.append(array)
    return pa.RecordBatch.from_arrays(arrays, schema=schema)


def _decimal_text(text: str | None) -> str | None:
    """numeric's text as the Python path writes it: str() of the Decimal psycopg reads."""
    return None if text is None else str(Decimal(text))


def _xlsx(
    conn: psycopg.Connection,
    query: sql.Composed,
    names: list[str],
    sink: HashingSink,
    prone: set[str],
    readable: bool,
) -> int:
    """A spreadsheet for people: openpyxl's write-only mode streams rows to a temp file. The
    `prone` columns' text is neutralised (readable mode), and a value that still starts with
    `=` (raw mode) is written as the text it is: openpyxl would make it a formula."""
    import tempfile

    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet("export")

    def text(value):
        if isinstance(value, str) and value.startswith("="):
            value = WriteOnlyCell(sheet, value)
            value.data_type = "s"
        return value

    sheet.append([text(neutral(n) if readable else n) for n in names])
    positions = [i for i, n in enumerate(names) if n in prone]
    count = 0
    for rows in _batches(conn, query):
        for row in rows:
            cells = [_cell(v) for v in row]
            for i in positions:
                if isinstance(cells[i], str):
                    cells[i] = neutral(cells[i])
            sheet.append([text(c) for c in cells])
        count += len(rows)
    with tempfile.TemporaryFile() as tmp:
        book.save(tmp)
        tmp.seek(0)
        while chunk := tmp.read(1 << 20):
            sink.write(chunk)
    return count


def _pdf(
    conn: psycopg.Connection,
    query: sql.Composed,
    names: list[str],
    sink: HashingSink,
    table: str,
    count: int,
) -> int:
    """A report for people: the table, when, how many rows, then its first PDF_ROWS rows (at
    most PDF_COLUMNS columns, long values cut) as a table, landscape A4. Its fonts are
    Latin-1: other characters print as '?'. Returns the rows it shows."""
    from fpdf import FPDF

    def latin(text: object) -> str:
        text = "" if text is None else str(_plain(text))
        text = text if len(text) <= PDF_CELL else text[: PDF_CELL - 3] + "..."
        return text.encode("latin-1", "replace").decode("latin-1")

    shown = names[:PDF_COLUMNS]
    when = datetime.now(UTC).strftime("%d %b %Y %H:%M")
    notes = [f"{count:,} rows", f"made {when} UTC"]
    if count > PDF_ROWS:
        notes.append(f"the first {PDF_ROWS:,} shown (every row is in a CSV export)")
    if len(names) > len(shown):
        notes.append(f"{len(names) - len(shown)} more columns in a CSV export")
    pdf = FPDF(orientation="L", format="A4")
    pdf.set_auto_page_break(True, 12)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.cell(0, 8, latin(f"Export of {table}"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=9)
    pdf.multi_cell(
        0,
        5,
        "; ".join(notes).encode("latin-1", "replace").decode("latin-1"),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_font("Helvetica", size=7)
    done = 0
    with pdf.table(text_align="LEFT", first_row_as_headings=True, line_height=4) as grid:
        heading = grid.row()
        for name in shown:
            heading.cell(latin(name))
        for rows in _batches(conn, query):
            for row in rows[: PDF_ROWS - done]:
                line = grid.row()
                for value in row[: len(shown)]:
                    line.cell(latin(value))
            done += min(len(rows), PDF_ROWS - done)
            if done >= PDF_ROWS:
                break
    sink.write(bytes(pdf.output()))
    return done


def _cell(value):
    """Excel has no time zones, uuids or JSON: those become text."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).replace(tzinfo=None)
    return _plain(value)


def _plain(value):
    """Values pyarrow has no type for (uuid, Decimal of mixed scale, ...) as text."""
    if isinstance(value, uuid.UUID | Decimal | dict | list):
        return str(value) if not isinstance(value, dict | list) else json.dumps(value)
    return value
