"""CSV imports that cannot half-apply: every row is validated before anything is written, the
good rows are applied with one statement per kind of change, in one transaction.

Python parses the file (dialect, encoding, field counts, line numbers) and streams the fields
as text into a staging table with COPY. PostgreSQL then validates every row set-based, naming
every problem of a row (the first of each column) with its line number, column and reason:
required columns, the
column's own type (`pg_input_is_valid`: integers, numerics, booleans, uuids, enums, ...; dates
and times must be ISO), e-mail columns, display names of users turned back into their ids,
duplicates inside the file, foreign keys and the mode's key rules. `atomic` rejects the whole file on
any bad row; `skip` loads the good rows (up to `max_errors` bad rows). Rejected rows go to a
rejects CSV, one line per problem: line, column, reason, then the row's own fields. (One line
per problem rather than a column per problem: every line has the same columns, so a
spreadsheet filters and sorts by column or reason, and the row's fields, appended after, stay
under their own header whatever the number of problems.) The report goes beside it.

A clean file in insert mode takes a faster path first (_insert_typed): COPY into a stage typed
where PostgreSQL's input gives the import's value, one set-based check, one INSERT. Anything
it refuses undoes it and the text stage runs as above, so it decides nothing on its own.

Files as people have them: a UTF-8 BOM, `,` `;` or tab separators (detected), quoted newlines,
Windows line endings, UTF-8 or Latin-1 (declared; undeclared non-UTF-8 is a clear error), and
empty strings read as NULL. Only a truly empty line is skipped (not a row, but it keeps its
number); a line holding anything, if only a space, a tab or separators, is a row: imported or
rejected with its line and reason, never dropped.

Only a declared dataset is imported into, never a secret column (see datasets.py): the table,
mapping and key are checked before the file is opened, the file's columns before any row is
staged.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import itertools
import re
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import IO, Any

import psycopg
from psycopg import sql

from airvault.config import Config
from airvault.errors import AirvaultError
from airvault.exchange.datasets import declared_table, qualified, refuse_secrets
from airvault.pg.catalog import Table, read_catalog
from airvault.pg.rows import one_row
from airvault.progress import Progress, publishing_job
from airvault.storage.manifest import encode
from airvault.storage.store import Store

MODES = ("insert", "upsert", "update-only")


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
    """One problem of a rejected row (a row with three problems has three)."""

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
    rejected: int = 0  # rows
    problems: int = 0  # of those rows: rejects, one per problem
    rejects: list[Reject] = field(default_factory=list)
    message: str = ""
    seconds: float = 0.0

    def bad_rows(self) -> int:
        return len({r.line for r in self.rejects})

    def to_json(self) -> dict:
        data = asdict(self)
        data["rejects"] = [asdict(r) for r in self.rejects[:100]]
        return data


def _codec(encoding: str | None) -> str:
    """Python's codec for a declared encoding; UTF-8 (a BOM is fine) by default."""
    name = (encoding or "utf-8").lower().replace("_", "-")
    try:
        codecs.lookup(name)
    except (LookupError, ValueError):  # ValueError: a NUL in the name
        raise AirvaultError(f"unknown encoding {encoding!r}: use e.g. utf-8 or latin-1") from None
    return "utf-8-sig" if name in ("utf-8", "utf8") else name


def _reader(source: Store, rel: str, encoding: str | None) -> tuple[IO[str], Any]:
    """(text stream, csv dialect) of `rel`: decoded as it is read, the dialect (see _dialect)
    read from its first 64 KiB."""
    codec = _codec(encoding)
    with source.open_read(rel) as raw:
        head = raw.read(65536)
    sample = head.decode(codec, errors="ignore")
    dialect = _dialect(sample)
    text = io.TextIOWrapper(source.open_read(rel), encoding=codec, newline="")
    return text, dialect


def preview(source: Store, rel: str, encoding: str | None = None, rows: int = 3) -> dict:
    """The header and first `rows` rows of a CSV, read as the import will read it (the same
    encoding and separator): what a person maps the columns from."""
    text, dialect = _reader(source, rel, encoding)
    with text:
        reader = csv_rows(text, dialect, rel)
        header = [h.strip() for h in next(reader, [])]
        sample = list(itertools.islice(reader, rows))
    if not header:
        raise AirvaultError(f"{rel}: empty file, no header line")
    return {"columns": header, "sample": sample}


# Python's csv module reads no longer field (its field_size_limit): a longer one is refused
# with its line and column, never a 500 (the COPY of the fast path takes it as it is).
MAX_FIELD = csv.field_size_limit()


def csv_rows(text: IO[str], dialect: Any, rel: str) -> Iterator[list[str]]:
    """The records of `text` as csv.reader reads them; what it cannot read is an
    AirvaultError naming the line (numbered as rejects are: the header is line 1) and, for a
    field over MAX_FIELD characters, the column; a byte the encoding cannot have too."""
    reader = csv.reader(text, dialect)
    line, first = 0, 1  # the records read, the physical line the next one starts on
    try:
        for row in reader:
            line, first = line + 1, reader.line_num + 1
            yield row
    except UnicodeDecodeError as e:
        raise _not_utf8(rel, reader.line_num + 1, e) from None
    except csv.Error as e:
        raise _unreadable(rel, line + 1, text, dialect, (first, reader.line_num), e) from None


def _unreadable(
    rel: str, line: int, text: IO[str], dialect: Any, lines: tuple[int, int], error: csv.Error
) -> AirvaultError:
    """The error for the record on physical `lines` of `text` that csv could not read: which
    column's field is too long, read again from the start (only now: no cost per row)."""
    try:
        text.seek(0)
        header = next(csv.reader(itertools.islice(text, 1), dialect), []) if lines[0] > 1 else []
        text.seek(0)
        column = _long_field("".join(itertools.islice(text, lines[0] - 1, lines[1])), dialect)
    except (OSError, ValueError, csv.Error):  # not seekable, or the header too long itself
        header, column = [], None
    if column is None:
        return AirvaultError(f"{rel}: line {line} is not readable as CSV ({error})")
    named = f" ('{header[column - 1].strip()[:60]}')" if column <= len(header) else ""
    return AirvaultError(
        f"{rel}: line {line}, column {column}{named}: a field longer than the "
        f"{MAX_FIELD:,} characters a CSV field may hold"
    )


def _long_field(record: str, dialect: Any) -> int | None:
    """The column (from 1) of the first field of `record` that reaches MAX_FIELD characters
    as the csv module counts them (quotes left out), or None."""
    column, length, quoted = 1, 0, False
    for char in record:
        if char == dialect.quotechar:
            quoted = not quoted  # a doubled quote toggles twice
        elif char == dialect.delimiter and not quoted:
            column, length = column + 1, 0
        elif (length := length + 1) >= MAX_FIELD:
            return column
    return None


def _dialect(sample: str) -> Any:
    """CSV as spreadsheets write it (RFC 4180: quote `"`, doubled inside a quoted field) with
    the separator (`,` `;` or tab) that splits the header and the next rows (outside quotes)
    into the same number of fields, the one giving the header most fields on a tie; `,` for a
    single column. Not csv.Sniffer: a blank line, a quoted newline or `Doe, Jane` in every row
    of a `;` file made it pick the wrong separator (the whole file refused), and a name like
    `'t Hooft` made it take `'` for the quote (rows merged, no error)."""
    unquoted = re.sub(r'"[^"]*"', "", sample)  # a quoted field may hold newlines too
    lines = [line for line in unquoted.split("\n")[:21] if line.rstrip("\r")]  # not blank
    header, rows = (lines[0] if lines else ""), lines[1:-1] or lines[1:]  # the last may be cut

    def fit(d: str) -> tuple[float, int]:
        same = sum(row.count(d) == header.count(d) for row in rows) / len(rows) if rows else 1
        return (same if header.count(d) else -1, header.count(d))

    delimiter = max(",;\t", key=fit)  # no separator anywhere: the first, `,`
    return type("airvault_csv", (csv.excel,), {"delimiter": delimiter})


def _utf8_pieces(source: Store, rel: str, encoding: str | None) -> Iterator[bytes]:
    """The file as UTF-8 without a BOM, 1 MiB at a time; a byte the encoding cannot have is
    a clear error naming its line."""
    codec = _codec(encoding)
    decoder = codecs.getincrementaldecoder(codec)()
    lines = 0
    with source.open_read(rel) as raw:
        first = True
        while chunk := raw.read(1 << 20):
            try:
                text = decoder.decode(chunk)
            except UnicodeDecodeError as e:
                raise _not_utf8(rel, lines + chunk[: e.start].count(b"\n") + 1, e) from None
            if "\x00" in text:  # PostgreSQL text cannot hold it: not a text file
                line = lines + text[: text.index("\x00")].count("\n") + 1
                raise AirvaultError(f"{rel}: a NUL byte near line {line}: not a text CSV file")
            lines += chunk.count(b"\n")
            if codec == "utf-8-sig":  # valid UTF-8 already: pass the bytes on as they are
                yield chunk[3:] if first and chunk.startswith(codecs.BOM_UTF8) else chunk
            else:
                yield text.encode()
            first = False
    decoder.decode(b"", final=True)


def _raw_pieces(source: Store, rel: str, encoding: str | None) -> Iterator[bytes]:
    """The file for the typed COPY, 1 MiB at a time: a UTF-8 file's bytes as they are (no BOM)
    without decoding them here. PostgreSQL checks them (no NUL, valid UTF-8) and refuses the
    COPY, and the text stage's _utf8_pieces then names the line; other encodings are
    converted by _utf8_pieces."""
    if _codec(encoding) != "utf-8-sig":
        yield from _utf8_pieces(source, rel, encoding)
        return
    with source.open_read(rel) as raw:
        chunk = raw.read(1 << 20)
        yield chunk.removeprefix(codecs.BOM_UTF8)
        while chunk := raw.read(1 << 20):
            yield chunk


def _not_utf8(rel: str, line: int, e: UnicodeDecodeError) -> AirvaultError:
    return AirvaultError(
        f"{rel}: not {e.encoding.removesuffix('-sig').upper()} (near line {line}, byte "
        f"0x{e.object[e.start]:02x}); declare the encoding, e.g. latin-1"
    )


def run_import(
    dsn: str,
    source: Store,
    rel: str,
    spec: ImportSpec,
    reports: Store | None = None,
    run_id: str | None = None,
    triggered_by: str | None = None,
    *,
    config: Config | None = None,
) -> ImportReport:
    """Import `rel` of `source` into spec.table; see the module docstring. The file streams
    into the staging table and is checked there: memory holds the rejects, not the file.
    Rows are numbered as a spreadsheet shows them: the header is row 1. `config` says what
    may be imported into (None: the defaults, as without a config file)."""
    if spec.mode not in MODES:
        raise AirvaultError(f"import mode '{spec.mode}': use {', '.join(MODES)}")
    if spec.policy not in ("atomic", "skip"):
        raise AirvaultError(f"import policy '{spec.policy}': use atomic or skip")
    config = config or Config()
    target = check_import(config, spec)
    t0 = time.monotonic()
    run_id = run_id or datetime.now(UTC).strftime("%Y-%m-%dT%H%M%SZ")
    text, dialect = _reader(source, rel, spec.encoding)
    report = ImportReport()
    size = source.size(rel)
    progress = Progress("import", spec.mode, f"{rel} into {target}", 1, size, step="loading")
    with text, psycopg.connect(dsn) as conn, contextlib.ExitStack() as shown:
        # The stages are temp tables: let a big file's stay in memory (only what is used is
        # allocated; the 8 MB default writes them out to disk and reads them back each pass).
        # The text stage takes about the file's size: 1M contacts (331 MB) spilled at 256 MB.
        conn.execute(
            sql.SQL("SET temp_buffers = {}").format(sql.Literal(f"{_temp_buffers_mb(size)}MB"))
        )
        reader = csv_rows(text, dialect, rel)
        header = [h.strip() for h in next(reader, [])]
        if not header:
            raise AirvaultError(f"{rel}: empty file, no header line")
        refuse_secrets(config, target, "import", {"file column": spec_targets(spec, header)})
        plan = _plan(conn, spec, header, rel)
        # checked: shown on the Backups page while it runs (beside the reports: the root)
        shown.enter_context(publishing_job(reports, "import", progress))
        bad = {}
        if not _insert_typed(conn, plan, spec, source, rel, dialect, report):
            text_stage = _text_stage(conn, len(header))
            _load(
                conn, text_stage, len(header), source, rel, spec.encoding, dialect, reader, report
            )
            direct = _conversions(plan, spec, text_stage, direct=True)
            if not _insert_directly(conn, plan, spec, direct, report):
                conversions = _conversions(plan, spec, text_stage)
                conn.execute(sql.SQL("ANALYZE {}").format(text_stage))
                stage = _stage(conn, plan.table, plan.targets)
                progress.step = "validating"
                problems = _validate(conn, plan, conversions, stage)
                # A temp table has no statistics until analysed: without them the planner may
                # probe the target with a nested loop over the rows the same INSERT is adding.
                conn.execute(sql.SQL("ANALYZE {}").format(stage))
                bad = {**problems, **_apply(conn, plan, stage, spec, report)}
        if bad:  # rows SQL rejected: read their original fields back from the file
            originals = _rows_at(source, rel, spec.encoding, set(bad))
            report.rejects += [
                Reject(n, c, r, originals.get(n, [])) for n, found in bad.items() for c, r in found
            ]
            report.rejects.sort(key=lambda r: r.line)  # stable: a row's problems in column order
        bad_rows = report.bad_rows()
        if bad_rows and (
            spec.policy == "atomic" or (spec.max_errors is not None and bad_rows > spec.max_errors)
        ):
            conn.rollback()
            report.status, report.inserted, report.updated = "failed", 0, 0
            report.message = (
                f"{bad_rows} bad rows: nothing was imported"
                if spec.policy == "atomic"
                else f"{bad_rows} bad rows, more than max_errors {spec.max_errors}"
            )
        elif spec.dry_run:
            conn.rollback()
            report.status, report.message = "dry-run", "validated and planned; nothing written"
        else:
            conn.commit()
    progress.add(report.rows, size)
    progress.table_done()
    report.rejected, report.problems = report.bad_rows(), len(report.rejects)
    report.seconds = round(time.monotonic() - t0, 3)
    if reports is not None:
        _write_reports(reports, run_id, header, report, spec, triggered_by)
    if report.status == "success" and not spec.dry_run and rel.startswith("imports/incoming/"):
        source.move(rel, rel.replace("imports/incoming/", "imports/processed/", 1))
    return report


def check_import(config: Config, spec: ImportSpec) -> str:
    """The qualified target table of `spec` if the config lets it be imported into: a
    declared dataset, no secret column as a mapping target or key. Names only: runs before
    the file is opened."""
    table = declared_table(config, spec.table, "import")
    refuse_secrets(
        config,
        table,
        "import",
        {"mapping target": spec.mapping.values(), "key column": spec.key or []},
    )
    return table


def spec_targets(spec: ImportSpec, header: list[str]) -> list[str]:
    """The table column each file column goes to."""
    return [spec.mapping.get(h, h) for h in header]


def _temp_buffers_mb(file_bytes: int) -> int:
    """temp_buffers for an import of a `file_bytes` file: 1.5x the file (its text stage, some
    of the typed one), at least the former 256 MB, at most 1 GB (beyond, the stages spill)."""
    return min(max(256, int(file_bytes * 1.5) >> 20), 1024)


def _load(
    conn: psycopg.Connection,
    stage: sql.Identifier,
    width: int,
    source: Store,
    rel: str,
    encoding: str | None,
    dialect: Any,
    reader: Any,
    report: ImportReport,
) -> None:
    """Fill the text stage. Fast path: PostgreSQL parses the CSV itself (COPY with the sniffed
    delimiter and quote). A file it cannot take whole (a row with the wrong number of fields,
    a blank line) goes through Python's csv module instead, which rejects such rows one by one.

    Only a truly empty line (nothing between two line ends) is skipped, and not counted as a
    row: it is what the csv module reads as no fields at all and COPY (which only takes it in a
    one-column file) as a NULL. A line holding anything else, if only a space, a tab, a
    separator or a quoted "", is a record: imported or rejected with its line and reason."""
    columns = sql.SQL(", ").join(sql.Identifier(f"c{i}") for i in range(width))
    if _copyable(dialect):
        try:
            with conn.transaction(), conn.cursor() as cur:
                with cur.copy(_copy_sql(stage, width, dialect)) as copy:
                    for piece in _utf8_pieces(source, rel, encoding):
                        copy.write(piece)
                report.rows = cur.rowcount
                if width == 1:  # an empty line: unquoted nothing, NULL (a quoted "" is '')
                    report.rows -= cur.execute(
                        sql.SQL("DELETE FROM {} WHERE c0 IS NULL").format(stage)
                    ).rowcount
            return
        except psycopg.errors.BadCopyFileFormat:
            pass  # ragged rows or blank lines: per-row handling below
    with conn.cursor().copy(
        sql.SQL("COPY {} ({}, _line) FROM STDIN").format(stage, columns)
    ) as copy:
        for line, row in enumerate(reader, start=2):
            if not row:  # a truly empty line (see above): not a row
                continue
            if len(row) != width:
                report.rows += 1
                reason = f"{len(row)} fields, the header has {width}"
                report.rejects.append(Reject(line, "*", reason, row))
                continue
            if any("\x00" in cell for cell in row):
                raise AirvaultError(f"{rel}: a NUL byte on line {line}: not a text CSV file")
            report.rows += 1
            row.append(line)
            copy.write_row(row)


def _rows_at(source: Store, rel: str, encoding: str | None, lines: set[int]) -> dict:
    """{row number: fields} of the rows numbered `lines` (a second pass, for rejects only)."""
    text, dialect = _reader(source, rel, encoding)
    with text:
        rows = enumerate(csv_rows(text, dialect, rel), start=1)
        return {n: row for n, row in rows if n in lines}


@dataclass
class _Plan:
    table: Table
    targets: list[str]  # the table column of each file column
    types: list[str]  # format_type() of each target: from the catalog, safe as SQL
    required: list[bool]  # NOT NULL, per file column: in any mode an empty value there would
    # be written as NULL (a default applies only to a column the file leaves out)
    key: list[str]
    users: Table | None  # display names in user columns are resolved against it


def _user_columns(plan: _Plan, spec: ImportSpec) -> set[str]:
    """The columns whose values may be users' display names (resolved to their ids)."""
    return set(spec.user_columns) if plan.users is not None else set()


def _is_email(column: str) -> bool:
    """A column the e-mail rule applies to."""
    return "email" in column


def _plan(conn: psycopg.Connection, spec: ImportSpec, header: list[str], rel: str):
    """Check every name against the catalog before any SQL is built from it."""
    if conn.info.server_version < 160000:
        raise AirvaultError("imports validate with pg_input_is_valid: PostgreSQL 16 or newer")
    name = qualified(spec.table)
    users_schema = spec.users_table.split(".")[0]
    tables = read_catalog(conn, sorted({name.split(".")[0], users_schema})).tables
    if name not in tables:
        raise AirvaultError(f"import: no table '{spec.table}'")
    table = tables[name]
    columns = {c.name: c for c in table.columns if not c.generated}
    targets = []
    for h, target in zip(header, spec_targets(spec, header), strict=True):
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
    defaults = {
        r[0]
        for r in conn.execute(
            "SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass AND (atthasdef OR "
            "attidentity <> '')",
            (sql.Identifier(table.schema, table.name).as_string(conn),),
        )
    }
    if spec.mode != "update-only":
        missing = [
            c.name
            for c in columns.values()
            if c.not_null and c.name not in targets and c.name not in defaults
        ]
        if missing:
            raise AirvaultError(f"{rel}: required columns missing: {', '.join(missing)}")
    types = [columns[c].type for c in targets]
    required = [columns[c].not_null for c in targets]
    users = None
    if spec.user_columns and set(spec.user_columns) & set(targets):
        users = tables.get(spec.users_table)
        if users is None:
            raise AirvaultError(f"import: no users table '{spec.users_table}'")
        if spec.display_column not in {c.name for c in users.columns}:
            raise AirvaultError(f"import: {users.qualified} has no column '{spec.display_column}'")
    return _Plan(table, targets, types, required, key, users)


def _text_stage(conn: psycopg.Connection, width: int) -> sql.Identifier:
    """The file's fields as text (c0, c1, ...) and the row number of each record. The per-row
    path writes `_line` itself; COPY's fast path leaves it to the identity, which numbers the
    records in file order from 2 (the header is row 1)."""
    stage = sql.Identifier("airvault_import_text")
    columns = sql.SQL(", ").join(
        sql.SQL("{} text").format(sql.Identifier(f"c{i}")) for i in range(width)
    )
    conn.execute(
        sql.SQL(
            "CREATE TEMP TABLE {} ({}, _line int GENERATED BY DEFAULT AS IDENTITY (START WITH 2)) "
            "ON COMMIT DROP"
        ).format(stage, columns)
    )
    return stage


ISO_DATE = r"^\d{4}-?\d{2}-?\d{2}"  # PostgreSQL would also take 'yesterday' or 'Jan 5'
EMAIL_SQL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
# The same rules over a column's values joined, each ended by chr(31) (see _checked). ISO: a
# value starts after each chr(31), so each starts as ISO_DATE says. E-mail: no value may hold
# a chr(31) (one that does fails here, and the per-row checks judge it), so each is one
# EMAIL_SQL match.
ISO_DATES = r"^(?:\d{4}-?\d{2}-?\d{2}[^\x1f]*\x1f)*$"
EMAILS = r"^(?:[^@\s\x1f]+@[^@\s\x1f]+\.[^@\s\x1f]+\x1f)*$"


@dataclass
class _Conversions:
    """The SQL that turns the text stage's fields into the table's values, and its checks."""

    source: sql.Composable  # FROM: the trimmed fields (alias s) and the user-name lookups
    casts: Sequence[sql.Composable]  # the typed value of each file column
    constraints: Sequence[sql.Composable]  # for the typed stage: NOT NULL, e-mail CHECKs
    checks: Sequence[sql.Composable]  # the e-mail conditions the trimmed fields must meet
    problems: Sequence[sql.Composable]  # per column, a CASE naming its first problem (or NULL)
    # `aggregate`: (field, pattern) instead of the per-row ISO and e-mail checks, see _checked
    patterns: list[tuple[sql.Composable, str]] = field(default_factory=list)


# Types whose input refuses a value with blanks around it (uuid) or ignores them (the others):
# a value of theirs cast untrimmed either fails or is the value of the trimmed one.
_BLANKS_IGNORED = re.compile(
    r"uuid|boolean|smallint|integer|bigint|real|double precision|numeric(\(.*\))?|date"
    r"|timestamp(\(\d+\))? with(out)? time zone"
)


def _trimmed(i: int, typ: str, user: bool, direct: bool) -> sql.Composable:
    """Field `ci` trimmed of spaces, empty as NULL. The direct insert spares the btrim (a new
    copy of every value): a type above is cast as it is (one with blanks fails the insert and
    the stage path trims it), any other value is trimmed only when it starts or ends with a
    space. A user name is compared, so it is always trimmed when it needs to be."""
    c = sql.Identifier(f"c{i}")
    if not direct:
        return sql.SQL("nullif(btrim({c}), '') AS {c}").format(c=c)
    if _BLANKS_IGNORED.fullmatch(typ) and not user:
        return sql.SQL("nullif({c}, '') AS {c}").format(c=c)
    return sql.SQL(
        "CASE WHEN {c} LIKE ' %' OR {c} LIKE '% ' THEN nullif(btrim({c}), '') "
        "ELSE nullif({c}, '') END AS {c}"
    ).format(c=c)


def _conversions(
    plan: _Plan,
    spec: ImportSpec,
    text: sql.Identifier,
    direct: bool = False,
    typed: frozenset[int] = frozenset(),
    aggregate: bool = False,
) -> _Conversions:
    """Build the casts and checks of every file column once, for the direct insert or for the
    typed stage. The fields are trimmed (empty: NULL) once per row, in a subquery the
    planner keeps (OFFSET 0): each is used by a cast, a check and maybe a user lookup.
    `direct`: trimmed only where a value needs it (see _trimmed); the direct insert fails
    on any value it cannot take as it is and the exact path takes over. `typed`: the
    columns COPY has already given their type (see _insert_typed). `aggregate`: the ISO and
    e-mail checks go to `patterns` (one query, see _checked), not into every row's cast."""
    casts, joins, constraints, checks, problems = [], [], [], [], []
    patterns: list[tuple[sql.Composable, str]] = []
    users = _user_columns(plan, spec)
    trimmed = [
        sql.SQL("{c} AS {c}").format(c=sql.Identifier(f"c{i}"))
        if i in typed
        else _trimmed(i, typ, column in users, direct)
        for i, (column, typ) in enumerate(zip(plan.targets, plan.types, strict=True))
    ]
    for i, (column, typ) in enumerate(zip(plan.targets, plan.types, strict=True)):
        raw = sql.SQL("s.{}").format(sql.Identifier(f"c{i}"))
        name, t, col = sql.Literal(column), sql.Literal(typ), sql.Identifier(column)
        value = raw
        if i in typed:  # its own type already: nothing of the below applies (_typed_columns)
            casts.append(raw)
            continue
        branches: list[sql.Composable] = []  # this column's checks, the first true one named

        def problem(
            condition: sql.Composable, reason: sql.Composable, name=name, branches=branches
        ) -> None:
            branches.append(
                sql.SQL("WHEN {} THEN {} || chr(31) || {}").format(condition, name, reason)
            )

        if plan.required[i]:
            problem(
                sql.SQL("{} IS NULL").format(raw), sql.Literal("empty, but the column is required")
            )
            constraints.append(sql.SQL("ALTER COLUMN {} SET NOT NULL").format(col))
        if plan.users is not None and column in spec.user_columns:
            u = sql.Identifier(f"u{i}")
            joins.append(
                sql.SQL(
                    "LEFT JOIN (SELECT {d} AS name, min({k}::text) AS id, count(*) AS n FROM {users} "
                    "GROUP BY 1) {u} ON {u}.name = {raw}"
                ).format(
                    d=sql.Identifier(plan.users.name, spec.display_column),
                    k=sql.Identifier(plan.users.name, plan.users.primary_key[0]),
                    users=sql.Identifier(plan.users.schema, plan.users.name),
                    u=u,
                    raw=raw,
                )
            )
            problem(
                sql.SQL("{}.n > 1").format(u),
                sql.SQL("format('user name %L is ambiguous: use the id', {})").format(raw),
            )
            problem(
                sql.SQL(
                    "{raw} IS NOT NULL AND {u}.id IS NULL AND NOT pg_input_is_valid({raw}, 'uuid')"
                ).format(raw=raw, u=u),
                sql.SQL("format('unknown user %L', {})").format(raw),
            )
            # an ambiguous name stays a name, which the uuid cast refuses
            value = sql.SQL("coalesce(CASE WHEN {u}.n = 1 THEN {u}.id END, {raw})").format(
                u=u, raw=raw
            )
        if typ == "date" or typ.startswith("timestamp"):
            problem(
                sql.SQL("{} !~ {}").format(raw, sql.Literal(ISO_DATE)),
                sql.SQL("format('%L: not an ISO date or time (YYYY-MM-DD ...)', {})").format(raw),
            )
            if aggregate and column not in users:
                patterns.append((raw, ISO_DATES))
            else:
                # the cast alone would take 'yesterday': a non-ISO value becomes one it refuses
                # (an empty value stays NULL: `NULL !~ iso` is not true; it may be nullable)
                value = sql.SQL("CASE WHEN {v} !~ {iso} THEN 'not ISO' ELSE {v} END").format(
                    v=value, iso=sql.Literal(ISO_DATE)
                )
        if typ != "text":  # any text is valid text
            problem(
                sql.SQL("NOT pg_input_is_valid({}, {})").format(value, t),
                sql.SQL("format('%L: %s', {}, (pg_input_error_info({}, {})).message)").format(
                    raw, value, t
                ),
            )
        if _is_email(column):
            problem(
                sql.SQL("{} !~ {}").format(raw, sql.Literal(EMAIL_SQL)),
                sql.SQL("format('%L: not an e-mail address', {})").format(raw),
            )
            constraints.append(sql.SQL("ADD CHECK ({} ~ {})").format(col, sql.Literal(EMAIL_SQL)))
            if aggregate:
                patterns.append((raw, EMAILS))
            else:
                checks.append(sql.SQL("({} ~ {}) IS NOT FALSE").format(raw, sql.Literal(EMAIL_SQL)))
        casts.append(sql.SQL("CAST({} AS {})").format(value, sql.SQL(typ)))
        if branches:
            problems.append(sql.SQL("CASE {} END").format(sql.SQL(" ").join(branches)))
    # OFFSET 0 keeps the subquery (each field trimmed once for its cast, checks and lookup);
    # when the cast is a field's only use, the planner may as well fold it into the scan
    keep = sql.SQL(" OFFSET 0" if joins or not aggregate else "")
    source = sql.SQL("(SELECT {}, _line FROM {}{}) s {}").format(
        sql.SQL(", ").join(trimmed), text, keep, sql.SQL(" ").join(joins)
    )
    return _Conversions(source, casts, constraints, checks, problems, patterns)


class _NotClean(Exception):
    """The direct insert met a row it must not write: the checks name it."""


def _copyable(dialect: Any) -> bool:
    """Can COPY parse the file itself (see _load)?"""
    return (
        dialect.doublequote and len(dialect.delimiter) == 1 and len(dialect.quotechar or '"') == 1
    )


def _copy_sql(
    stage: sql.Identifier,
    width: int,
    dialect: Any,
    force_null: sql.Composable | None = None,
    freeze: bool = False,
) -> sql.Composed:
    """COPY of the file's CSV (the sniffed delimiter and quote, the header skipped) into
    `stage`'s c0, c1, ...; FORCE_NULL: those columns read a quoted "" as NULL too; FREEZE
    (a stage created in this transaction): its rows need no visibility check when read."""
    return sql.SQL(
        "COPY {} ({}) FROM STDIN (FORMAT csv, HEADER true, DELIMITER {}, QUOTE {}{}{})"
    ).format(
        stage,
        sql.SQL(", ").join(sql.Identifier(f"c{i}") for i in range(width)),
        sql.Literal(dialect.delimiter),
        sql.Literal(dialect.quotechar or '"'),
        sql.SQL(", FORCE_NULL ({})").format(force_null) if force_null else sql.SQL(""),
        sql.SQL(", FREEZE") if freeze else sql.SQL(""),
    )


def _typed_columns(
    conn: psycopg.Connection, plan: _Plan, spec: ImportSpec, sample: list[list[str]]
) -> frozenset[int]:
    """The file columns COPY can type itself: where PostgreSQL's input of the field as it is
    either refuses it (the typed COPY fails, the text stage takes over) or gives the value
    the import would give the trimmed field (see _BLANKS_IGNORED; FORCE_NULL makes a quoted
    "" NULL, as the import reads it). Not dates and times (the ISO rule reads their text),
    not e-mail columns (their rule reads it too), not user columns unless every sampled
    value is an id and no display name reads as one (then no name lookup could match)."""
    users = _user_columns(plan, spec)
    names_are_ids = None
    typed = set()
    for i, (column, typ) in enumerate(zip(plan.targets, plan.types, strict=True)):
        if not _BLANKS_IGNORED.fullmatch(typ) or typ == "date" or typ.startswith("timestamp"):
            continue
        if _is_email(column):
            continue
        if column in users:
            assert plan.users is not None  # (users is empty without it)
            values = [row[i].strip(" ") for row in sample if len(row) > i and row[i].strip(" ")]
            if typ != "uuid" or not values or not all(_looks_like_uuid(v) for v in values):
                continue
            if names_are_ids is None:
                names_are_ids = one_row(
                    conn.execute(
                        sql.SQL(
                            "SELECT EXISTS (SELECT 1 FROM {} WHERE pg_input_is_valid({}::text, 'uuid'))"
                        ).format(
                            sql.Identifier(plan.users.schema, plan.users.name),
                            sql.Identifier(spec.display_column),
                        )
                    ).fetchone()
                )[0]
            if names_are_ids:
                continue
        typed.add(i)
    return frozenset(typed)


def _looks_like_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def _sample(source: Store, rel: str, encoding: str | None, dialect: Any) -> list[list[str]]:
    """The rows in the file's first 64 KiB but the last (it may be cut), header left out."""
    with source.open_read(rel) as raw:
        head = raw.read(65536).decode(_codec(encoding), errors="ignore")
    try:
        rows = list(csv.reader(io.StringIO(head, newline=""), dialect))
    except csv.Error:  # e.g. a NUL: no sample (the COPY refuses such a file, and says why)
        return []
    return rows[1:-1]


def _insert_typed(
    conn: psycopg.Connection,
    plan: _Plan,
    spec: ImportSpec,
    source: Store,
    rel: str,
    dialect: Any,
    report: ImportReport,
) -> bool:
    """A clean file in insert mode in one pass of COPY, one check and one INSERT. COPY parses
    the CSV straight into a stage typed like the table where PostgreSQL's own input gives the
    value the checks would (_typed_columns; the rest stays text), one query checks each ISO
    and e-mail column's values with one regular expression over all of them (_checked: one
    match per value cost more than the COPY of the column), the INSERT converts the rest as
    _insert_directly does. Anything refused (a value the typed COPY or a cast refuses, a
    check, a key the table has, a ragged row, ...) undoes all of it and returns False: the
    text stage then finds and names every problem as before. The table's own constraints,
    triggers and foreign keys (made immediate) see the same INSERT as on the other paths."""
    width = len(plan.targets)
    if spec.mode != "insert" or not plan.key or plan.key != plan.table.primary_key:
        return False  # another key rule than the primary key's: only the stage checks it
    if width == 1 or not _copyable(dialect):
        return False  # a one-column file's empty lines: see _load
    typed = _typed_columns(conn, plan, spec, _sample(source, rel, spec.encoding, dialect))
    stage = sql.Identifier("airvault_import_typed")
    columns = sql.SQL(", ").join(
        sql.SQL("{} {}").format(sql.Identifier(f"c{i}"), sql.SQL(typ if i in typed else "text"))
        for i, typ in enumerate(plan.types)
    )
    force_null = sql.SQL(", ").join(sql.Identifier(f"c{i}") for i in sorted(typed))
    conv = _conversions(plan, spec, stage, direct=True, typed=typed, aggregate=True)
    insert = sql.SQL("INSERT INTO {} ({}) SELECT {} FROM {}").format(
        sql.Identifier(plan.table.schema, plan.table.name),
        sql.SQL(", ").join(map(sql.Identifier, plan.targets)),
        sql.SQL(", ").join(conv.casts),
        conv.source,
    )
    try:
        with conn.transaction():
            # _line only groups the check's values (no row is named here): cached, no
            # catalog write per row
            conn.execute(
                sql.SQL(
                    "CREATE TEMP TABLE {} ({}, _line int GENERATED BY DEFAULT AS IDENTITY "
                    "(START WITH 2 CACHE 10000)) ON COMMIT DROP"
                ).format(stage, columns)
            )
            with conn.cursor() as cur:
                copy_sql = _copy_sql(stage, width, dialect, force_null if typed else None, True)
                with cur.copy(copy_sql) as copy:
                    for piece in _raw_pieces(source, rel, spec.encoding):
                        copy.write(piece)
                rows = cur.rowcount
            if conv.patterns:
                # the joined values of all groups are held at once: room for a big file's
                # (1M rows: ~60 MB; beyond hash_mem the aggregate spills to disk)
                work_mem = one_row(conn.execute("SHOW work_mem").fetchone())[0]
                conn.execute("SET LOCAL work_mem = '64MB'")
                clean = one_row(conn.execute(_checked(conv)).fetchone())[0]
                conn.execute("SELECT set_config('work_mem', %s, true)", (work_mem,))
                if not clean:
                    raise _NotClean
            conn.execute("SET CONSTRAINTS ALL IMMEDIATE")
            inserted = conn.execute(insert).rowcount
            if inserted != rows:
                raise _NotClean
    except _NotClean:
        return False
    except psycopg.Error:  # a value COPY refused, a key, a trigger's error, ...
        if conn.broken:
            raise
        return False
    report.rows = report.inserted = inserted
    return True


def _checked(conv: _Conversions) -> sql.Composed:
    """One query: do all values of each column in conv.patterns match its rule? Per column,
    the values of 65,536 rows joined (NULLs left out), each ended by chr(31), matched once
    (ISO_DATES, EMAILS): a match per value costs ~0.4 us, most of it setting the match up."""
    each = sql.SQL(" AND ").join(
        sql.SQL("coalesce((string_agg({}, chr(31)) || chr(31)) ~ {}, true)").format(
            v, sql.Literal(p)
        )
        for v, p in conv.patterns
    )
    return sql.SQL(
        "SELECT coalesce(bool_and(ok), true) FROM (SELECT {} AS ok FROM {} GROUP BY s._line >> 16) q"
    ).format(each, conv.source)


def _insert_directly(
    conn: psycopg.Connection,
    plan: _Plan,
    spec: ImportSpec,
    conv: _Conversions,
    report: ImportReport,
) -> bool:
    """A clean file in insert mode pays for its checks once: one INSERT of the converted rows
    straight into the table, in a savepoint. Everything the checks look for makes it fail:
    a value its cast refuses (types, ISO dates, ambiguous user names), NOT NULL, CHECKs and
    foreign keys (made immediate), a key already in the table or twice in the file (the
    primary key), an e-mail that is not one (the row is left out: the count differs). Then
    the savepoint is undone and False returned: the typed stage finds and names each problem
    (and any other error, e.g. a trigger's, comes back from the stage path as it did before)."""
    if spec.mode != "insert" or not plan.key or plan.key != plan.table.primary_key:
        return False  # another key rule than the primary key's: only the stage checks it
    if report.rejects:
        return False  # ragged rows: the stage path reports them with the rest
    where = (
        sql.SQL(" WHERE {}").format(sql.SQL(" AND ").join(conv.checks))
        if conv.checks
        else sql.SQL("")
    )
    insert = sql.SQL("INSERT INTO {} ({}) SELECT {} FROM {}{}").format(
        sql.Identifier(plan.table.schema, plan.table.name),
        sql.SQL(", ").join(map(sql.Identifier, plan.targets)),
        sql.SQL(", ").join(conv.casts),
        conv.source,
        where,
    )
    try:
        with conn.transaction():
            conn.execute("SET CONSTRAINTS ALL IMMEDIATE")
            inserted = conn.execute(insert).rowcount
            if inserted != report.rows:
                raise _NotClean
    except _NotClean:
        return False
    except psycopg.Error:  # also a trigger's own error on a row the checks would have kept
        if conn.broken:  # out: the stage path would fail the same way
            raise
        return False
    report.inserted = inserted
    return True


def _validate(
    conn: psycopg.Connection, plan: _Plan, conv: _Conversions, stage: sql.Identifier
) -> dict[int, list[tuple[str, str]]]:
    """Check every staged text row in SQL; move the good ones, typed, into `stage`; return
    {line: [(column, reason), ...]} of each bad row: every column's first problem.

    Optimistic first: one INSERT whose casts, NOT NULL and CHECK constraints on the stage
    refuse any bad value (a clean file pays for its checks once). If it is refused, the
    savepoint is undone and every row is checked value by value to name each problem."""
    insert = sql.SQL("INSERT INTO {} ({}, _line) SELECT {}, s._line FROM {}").format(
        stage,
        sql.SQL(", ").join(map(sql.Identifier, plan.targets)),
        sql.SQL(", ").join(conv.casts),
        conv.source,
    )
    try:
        with conn.transaction():
            if conv.constraints:
                conn.execute(
                    sql.SQL("ALTER TABLE {} {}").format(stage, sql.SQL(", ").join(conv.constraints))
                )
            conn.execute(insert)
            return {}
    except (psycopg.errors.DataError, psycopg.errors.IntegrityError):
        pass
    # One CASE per column (it stops at that column's first true WHEN), all of them kept: a
    # row's problems in column order.
    found = conn.execute(
        sql.SQL(
            "SELECT _line, problems FROM (SELECT s._line, array_remove(ARRAY[{}]::text[], NULL) "
            "AS problems FROM {}) q WHERE cardinality(problems) > 0"
        ).format(sql.SQL(", ").join(conv.problems), conv.source)
    ).fetchall()
    bad = {line: [tuple(p.split("\x1f", 1)) for p in problems] for line, problems in found}
    conn.execute(sql.SQL("{} WHERE s._line <> ALL(%s)").format(insert), (list(bad),))
    return bad


def _stage(conn: psycopg.Connection, table: Table, targets: list[str]) -> sql.Identifier:
    """A temp table with the file's columns (the table's types) and the source line."""
    stage = sql.Identifier("airvault_import_stage")
    cols = sql.SQL(", ").join(map(sql.Identifier, targets))
    conn.execute(
        sql.SQL("CREATE TEMP TABLE {} ON COMMIT DROP AS SELECT {} FROM {} WITH NO DATA").format(
            stage, cols, sql.Identifier(table.schema, table.name)
        )
    )
    conn.execute(sql.SQL("ALTER TABLE {} ADD COLUMN _line int").format(stage))
    return stage


def _apply(
    conn: psycopg.Connection,
    plan: _Plan,
    stage: sql.Identifier,
    spec: ImportSpec,
    report: ImportReport,
) -> dict[int, list[tuple[str, str]]]:
    """Find the staged rows that repeat a key, break a foreign key or the mode's key rule;
    drop them from the stage, write the rest; return {line: [(column, reason), ...]} of those
    found, every problem of each."""
    table, key = plan.table, plan.key
    target = sql.Identifier(table.schema, table.name)
    keys = sql.SQL(", ").join(map(sql.Identifier, key))
    match = sql.SQL(" AND ").join(sql.SQL("t.{c} = s.{c}").format(c=sql.Identifier(k)) for k in key)
    bad: dict[int, list[tuple[str, str]]] = {}
    dup_match = sql.SQL(" AND ").join(
        sql.SQL("d.{c} = s.{c}").format(c=sql.Identifier(k)) for k in key
    )
    for line, first in conn.execute(
        sql.SQL(  # hash aggregate: no sort of the whole file
            "SELECT s._line, d.first FROM {s} s JOIN (SELECT {k}, min(_line) AS first FROM {s} "
            "GROUP BY {k} HAVING count(*) > 1) d ON {m} WHERE s._line <> d.first"
        ).format(k=keys, s=stage, m=dup_match)
    ):
        bad.setdefault(line, []).append((",".join(key), f"duplicate key, first on line {first}"))
    for fk in table.foreign_keys:
        if not set(fk.columns) <= set(plan.targets):
            continue
        parent = sql.Identifier(*fk.ref_table.split(".", 1))
        on = sql.SQL(" AND ").join(
            sql.SQL("p.{} = s.{}").format(sql.Identifier(r), sql.Identifier(c))
            for c, r in zip(fk.columns, fk.ref_columns, strict=True)
        )
        not_null = sql.SQL(" AND ").join(
            sql.SQL("s.{} IS NOT NULL").format(sql.Identifier(c)) for c in fk.columns
        )
        for (line,) in conn.execute(
            sql.SQL(
                "SELECT s._line FROM {s} s WHERE {nn} AND NOT EXISTS (SELECT 1 FROM {p} p WHERE {on})"
            ).format(s=stage, nn=not_null, p=parent, on=on)
        ):
            bad.setdefault(line, []).append(
                (",".join(fk.columns), f"no such row in {fk.ref_table}")
            )
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
            bad.setdefault(line, []).append((",".join(key), reason))
    if bad:
        conn.execute(sql.SQL("DELETE FROM {} WHERE _line = ANY(%s)").format(stage), (list(bad),))
    settable = [c for c in plan.targets if c not in key]
    cols = sql.SQL(", ").join(map(sql.Identifier, plan.targets))
    if spec.mode != "insert" and settable:
        differs = sql.SQL("ROW({}) IS DISTINCT FROM ROW({})").format(
            sql.SQL(", ").join(sql.SQL("t.{}").format(sql.Identifier(c)) for c in settable),
            sql.SQL(", ").join(sql.SQL("s.{}").format(sql.Identifier(c)) for c in settable),
        )
        report.updated = conn.execute(
            sql.SQL("UPDATE {t} t SET ({c}) = ROW({v}) FROM {s} s WHERE {m} AND {d}").format(
                t=target,
                c=sql.SQL(", ").join(map(sql.Identifier, settable)),
                v=sql.SQL(", ").join(sql.SQL("s.{}").format(sql.Identifier(c)) for c in settable),
                s=stage,
                m=match,
                d=differs,
            )
        ).rowcount
    if spec.mode != "update-only":
        # insert mode: rows whose key exists were rejected above, so no probe is needed
        new_only = sql.SQL("WHERE NOT EXISTS (SELECT 1 FROM {} t WHERE {})").format(target, match)
        report.inserted = conn.execute(
            sql.SQL("INSERT INTO {t} ({c}) SELECT {c} FROM {s} s {w}").format(
                t=target, c=cols, s=stage, w=new_only if spec.mode == "upsert" else sql.SQL("")
            )
        ).rowcount
    return bad


def _write_reports(
    store: Store,
    run_id: str,
    header,
    report: ImportReport,
    spec: ImportSpec,
    triggered_by: str | None,
) -> None:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["line", "column", "reason", *header])
    for r in sorted(report.rejects, key=lambda r: r.line):
        writer.writerow([r.line, r.column, r.reason, *r.row])
    store.write_bytes_atomic(f"imports/rejects/{run_id}.csv", out.getvalue().encode())
    data = {
        **report.to_json(),
        "parameters": asdict(spec),
        "run_id": run_id,
        "triggered_by": triggered_by,
    }
    store.write_bytes_atomic(f"imports/reports/{run_id}.json", encode(data))
