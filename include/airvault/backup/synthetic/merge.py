"""The streaming merge of a base's key-ordered table file with the table's net changes.

A backup writes each table in the order a real backup reads it (pg/session.copy_columns_query):
by primary key, else by the row's text in the "C" collation. The changes are sorted the same
way in Python, and the merge walks the base file a decompressed chunk at a time: a chunk no
change falls into is passed on as it is (no line of it parsed); where changes fall, a binary
search over the chunk's lines finds each one's place. Lines are written as COPY TO writes
them, so the file's content is byte for byte what a real backup at the same point holds.

Only key types whose order Python reproduces exactly are merged (integers, numeric, uuid,
boolean, dates and timestamps, text in a bytewise collation); the others are refused, naming
the table and the column."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from airvault.backup.synthetic.fold import Row, SyntheticRefused, TableChanges
from airvault.capture.pgoutput import UNCHANGED
from airvault.errors import IntegrityError
from airvault.storage.frames import Frame

# COPY TO's escapes (PostgreSQL's CopyAttributeOutText, tab delimiter) and their reverse
_ESCAPE = str.maketrans(
    {"\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v"}
)
_UNESCAPE = {b"\\": b"\\", b"b": b"\b", b"f": b"\f", b"n": b"\n", b"r": b"\r", b"t": b"\t"}
_UNESCAPE[b"v"] = b"\v"
_ESCAPED = re.compile(rb"\\(.)", re.DOTALL)
_RECORD_QUOTE = re.compile(r'["\\(), \t\n\v\f\r]')  # record_out quotes a value holding one

# Key column types whose text converts to a value Python orders as PostgreSQL does.
_INTEGER = {"smallint", "integer", "bigint", "oid"}
_TEXT = ("text", "character varying", "name")
BYTEWISE_COLLATIONS = {"C", "POSIX", "ucs_basic", "pg_c_utf8"}


def copy_line(values: Row) -> bytes:
    """One row as COPY TO writes it in text format."""
    return (
        "\t".join("\\N" if v is None else str(v).translate(_ESCAPE) for v in values) + "\n"
    ).encode()


def _unescape(field: bytes) -> str | None:
    if field == b"\\N":
        return None
    if b"\\" in field:
        field = _ESCAPED.sub(lambda m: _UNESCAPE[m.group(1)], field)
    return field.decode()


def parse_line(line: bytes) -> list[str | None]:
    return [_unescape(f) for f in line.rstrip(b"\n").split(b"\t")]


def record_text(values: Iterable[str | None]) -> str:
    """ROW(...)::text of these column texts, as record_out writes it (the order of a table
    without a primary key: that text in the "C" collation, which is code point order)."""
    parts = []
    for v in values:
        if v is None:
            parts.append("")
        elif v == "" or _RECORD_QUOTE.search(v):
            parts.append('"' + v.replace("\\", "\\\\").replace('"', '""') + '"')
        else:
            parts.append(v)
    return "(" + ",".join(parts) + ")"


_ISO_DATE = re.compile(r"\d{4}-\d\d-\d\d")  # DateStyle ISO, years 1..9999 AD
_NUMERIC_EDGES = {"-Infinity": 0, "Infinity": 2, "NaN": 3}  # PostgreSQL sorts NaN last


def _numeric(text: str) -> tuple:
    edge = _NUMERIC_EDGES.get(text)
    return (1, Decimal(text)) if edge is None else (edge, Decimal(0))


def _dates(table: str, column: str) -> Callable[[str], tuple]:
    """date and timestamp[tz] (printed in UTC): their ISO text sorts as they do, from year 1
    to 9999 AD; a value outside (BC, five-digit years) is refused when met."""

    def order(text: str) -> tuple:
        if text in ("-infinity", "infinity"):
            return (0 if text[0] == "-" else 2, "")
        if not _ISO_DATE.match(text) or text.endswith(" BC"):
            raise SyntheticRefused(
                f"{table}: its primary key column {column} holds {text!r}, whose order a merge "
                "outside the database does not reproduce; take a real full backup"
            )
        return (1, text)

    return order


def _converter(table: str, column: str, type_: str, collation: str | None) -> Callable:
    if type_ in _INTEGER:
        return int
    if type_ in ("uuid", "boolean"):  # lower-case hex / 'f' < 't': their text sorts right
        return str
    if type_.startswith(_TEXT) and collation in BYTEWISE_COLLATIONS:
        return str  # code point order: the "C" collation's byte order of UTF-8
    if type_ == "date" or type_.startswith("timestamp"):
        return _dates(table, column)
    if type_.startswith("numeric"):
        return _numeric
    why = f"collation {collation}" if type_.startswith(_TEXT) else f"type {type_}"
    raise SyntheticRefused(
        f"{table}: its primary key column {column} ({why}) is ordered by PostgreSQL in a way "
        "a merge outside the database cannot reproduce exactly, and the table changed since "
        "the base; take a real full backup"
    )


@dataclass(frozen=True)
class Edit:
    """What changes at one place of the file: `remove` base lines there (exactly, for a key;
    at least that many identical ones, without), then `lines` written."""

    order: Any
    remove: int
    lines: list[Row]


@dataclass(frozen=True)
class Order:
    """How the table's file is ordered: a line's (or a row's) place."""

    key: list[int] | None
    convert: list[Callable]

    def of_row(self, values: list) -> Any:
        if self.key is None:
            return record_text(values)
        return tuple(c(values[i]) for c, i in zip(self.convert, self.key, strict=True))

    def of_line(self, line: bytes) -> Any:
        if self.key is None:
            return record_text(parse_line(line))
        if self.key == [0]:  # (most keys) the first field: the line up to its tab or "\n"
            return (self.convert[0](_unescape(line[: line.find(b"\t")])),)
        fields = line.rstrip(b"\n").split(b"\t", max(self.key) + 1)
        return tuple(c(_unescape(fields[i])) for c, i in zip(self.convert, self.key, strict=True))


def order_of(changes: TableChanges, collations: dict[str, str | None]) -> Order:
    """The file's order for this table; refused where Python cannot reproduce it."""
    entry = changes.entry
    if changes.key is None:
        return Order(None, [])
    columns = [entry.columns[i] for i in changes.key]
    return Order(
        changes.key,
        [_converter(entry.qualified, c.name, c.type, collations.get(c.name)) for c in columns],
    )


def edits_of(changes: TableChanges, order: Order) -> list[Edit]:
    """The table's changes as edits in file order."""
    edits = []
    if changes.key is None:
        for row, n in changes.counts.items():
            if n:
                edits.append(Edit(order.of_row(list(row)), max(-n, 0), [list(row)] * max(n, 0)))
    else:
        for key, image in changes.rows.items():
            remove = 1 if changes.in_base.get(key) else 0
            if remove or image is not None:
                values = [None] * len(changes.entry.columns)
                for i, v in zip(changes.key, key, strict=True):
                    values[i] = v
                edits.append(Edit(order.of_row(values), remove, [] if image is None else [image]))
    edits.sort(key=lambda e: e.order)
    return edits


class Merge:
    """Streams a base file's content with `edits` (in file order) merged in."""

    def __init__(self, name: str, order: Order, edits: list[Edit], skip_base: bool) -> None:
        self.name, self.order, self.edits, self.skip_base = name, order, edits, skip_base
        self._next = 0  # the first edit not yet done
        self._removing = 0  # base lines the current edit still takes out (keyless only)
        self.rows_added = 0  # rows written by edits minus base rows they took out

    def run(self, chunks: Iterable[bytes | Frame]) -> Iterator[bytes | Frame]:
        """The merged content; a Frame of the base no change falls into is passed on as it
        is (its stored bytes are copied, not compressed again)."""
        pending = b""
        for chunk in chunks:
            whole = isinstance(chunk, Frame) and not pending
            data = pending + (chunk.content if isinstance(chunk, Frame) else chunk)
            end = data.rfind(b"\n") + 1
            pending = data[end:]
            if not end or self.skip_base:
                continue
            if not self._touches(data, end):
                yield chunk if whole and not pending else data[:end]
            else:  # one piece a region: fewer, bigger writes
                yield b"".join(self._region(data, end))
        if pending:
            raise IntegrityError(f"{self.name}: the base's file does not end with a whole row")
        if self._removing:  # identical rows to take out, and the file ended
            edit = self.edits[self._next]
            self._check_removed(edit, edit.remove - self._removing)
        yield b"".join(self._after_last())

    def _after_last(self) -> Iterator[bytes]:
        """The edits placed after the base's last row: rows added at the end."""
        for edit in self.edits[self._next :]:
            self._check_removed(edit, 0, exact=self.order.key is not None)
            if any(UNCHANGED in r for r in edit.lines):
                raise self._no_base_value(edit)
            self.rows_added += len(edit.lines)
            yield b"".join(copy_line(r) for r in edit.lines)

    def _touches(self, data: bytes, end: int) -> bool:
        """Whether an edit falls among the whole lines data[:end]."""
        edit = self._current()
        if edit is None:
            return False
        last = self.order.of_line(data[data.rfind(b"\n", 0, end - 1) + 1 : end])
        return bool(self._removing) or not last < edit.order

    def _current(self) -> Edit | None:
        return self.edits[self._next] if self._next < len(self.edits) else None

    def _region(self, data: bytes, end: int) -> Iterator[bytes]:
        """Whole lines data[:end]: passed on, with the edits falling among them done."""
        pos = 0
        last = self.order.of_line(data[data.rfind(b"\n", 0, end - 1) + 1 : end])
        while (edit := self._current()) is not None and pos < end:
            if self._removing:  # identical rows of a keyless table, continued from before
                pos = self._take(data, pos, end, edit)
                continue
            if last < edit.order:
                break  # the rest of this region comes before the next change
            at = self._find(data, pos, end, edit.order)
            yield data[pos:at]
            pos, line = self._write(data, at, end, edit)
            yield line
        yield data[pos:end]

    def _write(self, data: bytes, at: int, end: int, edit: Edit) -> tuple[int, bytes]:
        """Do `edit` at `at` (its place): where the next line is, and the lines written."""
        if self.order.key is None:
            self._removing = edit.remove
            self.rows_added += len(edit.lines)
            lines = b"".join(copy_line(r) for r in edit.lines)
            if not edit.remove:
                self._next += 1
            return self._take(data, at, end, edit) if edit.remove else at, lines
        stop = data.index(b"\n", at, end) + 1 if at < end else at
        found = at < end and self.order.of_line(data[at:stop]) == edit.order
        self._check_removed(edit, 1 if found else 0, exact=True)
        image = edit.lines[0] if edit.lines else None
        if image is not None and UNCHANGED in image:  # a TOASTed value the update kept
            if not found:
                raise self._no_base_value(edit)
            base = parse_line(data[at:stop])
            image = [b if v is UNCHANGED else v for v, b in zip(image, base, strict=True)]
        self._next += 1
        self.rows_added += (image is not None) - found
        return (stop if found else at), (copy_line(image) if image is not None else b"")

    def _take(self, data: bytes, pos: int, end: int, edit: Edit) -> int:
        """Take out the identical base lines the current (keyless) edit removes."""
        while self._removing and pos < end:
            stop = data.index(b"\n", pos, end) + 1
            if self.order.of_line(data[pos:stop]) != edit.order:
                self._check_removed(edit, edit.remove - self._removing)
            pos, self._removing = stop, self._removing - 1
            self.rows_added -= 1
        if not self._removing:
            self._next += 1
        return pos

    def _check_removed(self, edit: Edit, found: int, exact: bool = False) -> None:
        if found == edit.remove or (not exact and found > edit.remove):
            return
        raise IntegrityError(
            f"{self.name}: the base holds {found} row(s) at {edit.order!r} where its changes "
            f"expect {edit.remove}: the base and the change segments do not fit together"
        )

    def _no_base_value(self, edit: Edit) -> IntegrityError:
        return IntegrityError(
            f"{self.name}: the row at {edit.order!r} kept a large value the base does not "
            "hold: the base and the change segments do not fit together"
        )

    def _find(self, data: bytes, lo: int, hi: int, target: Any) -> int:
        """The start of the first line in data[lo:hi] placed at or after `target`."""
        while lo < hi:
            mid = (lo + hi) // 2
            start = max(lo, data.rfind(b"\n", lo, mid) + 1)
            stop = data.index(b"\n", start, hi) + 1
            if self.order.of_line(data[start:stop]) < target:
                lo = stop
            else:
                hi = start
        return lo
