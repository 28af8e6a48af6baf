"""What changed between two backups: per table, rows added, removed and changed (matched by
primary key) and which columns changed; and the schema differences.

Both backups hold every table in primary-key order, so the diff is one streaming merge over
the two data files: memory stays flat and time is linear. Identical lines (the common case)
are skipped without being parsed. Tables without a primary key, or with a text key (whose order
depends on a collation), are compared as multisets of rows (in memory, by row hash: added and
removed only). Optional details go to a CSV as they are found.
"""

from __future__ import annotations

import csv
import hashlib
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO

from airvault.pg.parallel import run_biggest_first
from airvault.storage.codec import FileCodec, codec_of
from airvault.storage.manifest import read_manifest
from airvault.storage.models import TableEntry
from airvault.storage.store import Store

CHUNK = 1 << 20
INTEGERS = ("smallint", "integer", "bigint")


@dataclass
class TableDiff:
    added: int = 0
    removed: int = 0
    changed: int = 0
    columns_changed: Counter = field(default_factory=Counter)

    def to_json(self) -> dict:
        return {
            "added": self.added,
            "removed": self.removed,
            "changed": self.changed,
            "columns_changed": dict(self.columns_changed),
        }


@dataclass
class DiffResult:
    a: str
    b: str
    tables: dict[str, TableDiff] = field(default_factory=dict)
    schema: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "a": self.a,
            "b": self.b,
            "schema": self.schema,
            "tables": {t: d.to_json() for t, d in self.tables.items()},
        }

    def summary(self) -> str:
        lines = [f"{'table':<32} {'added':>9} {'removed':>9} {'changed':>9}  columns changed"]
        for name, d in self.tables.items():
            if d.added or d.removed or d.changed:
                cols = ", ".join(f"{c} ({n:,})" for c, n in d.columns_changed.most_common(5))
                lines.append(f"{name:<32} {d.added:>9,} {d.removed:>9,} {d.changed:>9,}  {cols}")
        if len(lines) == 1:
            lines.append("(no row differences)")
        lines += [f"schema: {s}" for s in self.schema] or ["schema: identical"]
        return "\n".join(lines)


def _lines(store: Store, entry: TableEntry, codec: FileCodec) -> Iterator[bytes]:
    rest = b""
    for chunk in _raw(store, entry, codec):
        lines = (rest + chunk).split(b"\n")
        rest = lines.pop()
        yield from lines
    if rest:
        yield rest


def _decimal(value: bytes) -> Decimal:
    return Decimal(value.decode())


ORDERED_KEYS = (*INTEGERS, "uuid", "date")  # Python orders these as PostgreSQL does


def _key_function(entry: TableEntry) -> Callable[[bytes], tuple] | None:
    """The primary key of a COPY line, typed so that Python orders it as PostgreSQL did; None
    when a key column's order may depend on a collation (text) or is not known."""
    names = [c.name for c in entry.columns]
    types = {c.name: c.type for c in entry.columns}
    pk = entry.primary_key
    if not pk or not all(
        types[k] in ORDERED_KEYS or types[k].startswith(("numeric", "timestamp")) for k in pk
    ):
        return None
    idx = [names.index(k) for k in pk]
    casts = [
        int if types[k] in INTEGERS else _decimal if types[k].startswith("numeric") else bytes
        for k in pk
    ]

    def key(line: bytes) -> tuple:
        fields = line.split(b"\t")
        return tuple(cast(fields[i]) for i, cast in zip(idx, casts, strict=True))

    return key


class _Cursor:
    """A position in a decompressed data file, with enough of the file buffered around it.
    One preallocated buffer, refilled in place with readinto (no new megabyte per refill);
    refills keep the current line's beginning, so a caller can always step back to it."""

    def __init__(self, reader) -> None:
        self.reader, self.buf = reader, bytearray(4 * CHUNK)
        self.pos = self.end = 0
        self.eof = False

    def left(self) -> int:
        return self.end - self.pos

    def fill(self, need: int) -> None:
        while not self.eof and self.end - self.pos < need:
            keep = self.buf.rfind(b"\n", 0, self.pos) + 1  # the current line's start
            tail = self.end - keep
            if keep:
                self.buf[:tail] = self.buf[keep : self.end]
            self.pos, self.end = self.pos - keep, tail
            if len(self.buf) - self.end < CHUNK:  # a line longer than the buffer: grow it
                self.buf.extend(bytes(len(self.buf)))
            got = self.reader.readinto(memoryview(self.buf)[self.end :])
            if not got:
                self.eof = True
            self.end += got or 0

    def line(self) -> bytes:
        """The line at pos (pos must be a line start); pos moves past it."""
        end = self.buf.find(b"\n", self.pos, self.end)
        while end < 0 and not self.eof:
            self.fill(self.left() + CHUNK)
            end = self.buf.find(b"\n", self.pos, self.end)
        end = self.end if end < 0 else end
        line, self.pos = bytes(self.buf[self.pos : end]), end + 1
        return line


WINDOW = 8192


def _diff_by_key(a, b, key, names, out: TableDiff, emit) -> None:
    """Merge two key-ordered files byte-wise: equal 8 KiB windows are skipped with one memcmp; at a difference both sides step back to the start of the line and only the
    differing lines are parsed and matched by key. Cost: reading plus the differences."""
    ca, cb = _Cursor(a), _Cursor(b)
    while True:
        if ca.end - ca.pos < WINDOW:
            ca.fill(WINDOW)
        if cb.end - cb.pos < WINDOW:
            cb.fill(WINDOW)
        n = min(ca.end - ca.pos, cb.end - cb.pos, WINDOW)
        if n == 0:
            break
        pa, pb = ca.pos, cb.pos
        # startswith with a view of the other buffer: one memcmp, no copy of either side
        with memoryview(cb.buf) as vb:
            if ca.buf.startswith(vb[pb : pb + n], pa):
                ca.pos += n
                cb.pos += n
                continue
            lo, step = 0, 256  # gallop to the difference: the cost follows its distance
            while lo + step < n and ca.buf.startswith(vb[pb + lo : pb + lo + step], pa + lo):
                lo, step = lo + step, step * 2
            hi = min(lo + step, n)  # bytes before lo are equal; the difference is in [lo, hi)
            while hi - lo > 128:
                mid = (lo + hi) // 2
                if ca.buf.startswith(vb[pb + lo : pb + mid], pa + lo):
                    lo = mid
                else:
                    hi = mid
            # the last <= 128 bytes: XOR as integers, the highest set bit is the first change
            x = int.from_bytes(ca.buf[pa + lo : pa + hi], "big")
            y = int.from_bytes(vb[pb + lo : pb + hi], "big")
            lo = hi - ((x ^ y).bit_length() + 7) // 8
        first = ca.pos + lo
        back = first - (ca.buf.rfind(b"\n", 0, first) + 1)  # into the (equal) line so far
        ca.pos, cb.pos = first - back, cb.pos + lo - back
        _step(ca, cb, key, names, out, emit)
    for cursor, change in ((ca, "removed"), (cb, "added")):  # one side ended: the rest is
        while True:  # gone (a) or new (b)
            cursor.fill(1)
            if not cursor.left():
                break
            k = key(cursor.line())
            setattr(out, change, getattr(out, change) + 1)
            emit(change, k, ())


def _step(ca: _Cursor, cb: _Cursor, key, names, out: TableDiff, emit) -> None:
    """Both cursors at the start of differing lines: one removed, added or changed row."""
    start_a, start_b = ca.pos, cb.pos
    la, lb = ca.line(), cb.line()
    ka, kb = key(la), key(lb)
    if ka < kb:
        cb.pos = start_b  # b's line is compared again with a's next one
        out.removed += 1
        emit("removed", ka, ())
    elif kb < ka:
        ca.pos = start_a
        out.added += 1
        emit("added", kb, ())
    else:
        changed = [
            n for n, x, y in zip(names, la.split(b"\t"), lb.split(b"\t"), strict=False) if x != y
        ]
        out.changed += 1
        out.columns_changed.update(changed)
        emit("changed", ka, changed)


def _raw(store: Store, entry: TableEntry, codec: FileCodec) -> Iterator[bytes]:
    with store.open_read(entry.file) as raw, codec.reader(raw, entry.file) as z:
        while chunk := z.read(CHUNK):
            yield chunk


def _diff_as_multisets(a: Iterator[bytes], b: Iterator[bytes], out: TableDiff, emit) -> None:
    count = Counter(hashlib.blake2b(line, digest_size=16).digest() for line in a)
    count.subtract(hashlib.blake2b(line, digest_size=16).digest() for line in b)
    out.removed = sum(n for n in count.values() if n > 0)
    out.added = -sum(n for n in count.values() if n < 0)


def diff_backups(
    a: Store, b: Store, details: IO[str] | None = None, workers: int = 2
) -> DiffResult:
    """Compare backup `a` (older) with `b` (newer); write row details to `details` (CSV).

    The tables whose content differs are compared on `workers` threads, biggest first: the
    decompression of one table's files runs while another's lines are matched (zstd and gzip
    let go of the GIL). Each table's details are spooled, then written in table order."""
    ma, mb = read_manifest(a), read_manifest(b)
    ca, cb = codec_of(ma, a.key), codec_of(mb, b.key)
    result = DiffResult(a.url, b.url)
    ea = {e.qualified: e for e in ma.tables}
    eb = {e.qualified: e for e in mb.tables}
    todo: list[tuple[str, TableEntry, TableEntry]] = []
    for name in sorted(ea.keys() | eb.keys()):
        if name not in eb:
            result.schema.append(f"table {name} removed")
            result.tables[name] = TableDiff(removed=ea[name].rows)
            continue
        if name not in ea:
            result.schema.append(f"table {name} added")
            result.tables[name] = TableDiff(added=eb[name].rows)
            continue
        x, y = ea[name], eb[name]
        result.schema += _column_changes(name, x, y)
        result.tables[name] = TableDiff()
        if x.content_sha256 != y.content_sha256:  # identical content: nothing to read
            todo.append((name, x, y))
    spools: dict[str, IO[str]] = {}

    def compare(_: None, job: tuple[str, TableEntry, TableEntry]) -> None:
        name, x, y = job
        spool = spools[name] = tempfile.SpooledTemporaryFile(1 << 20, "w+", newline="")
        _diff_table(a, b, x, y, ca, cb, result.tables[name], _emitter(name, details, spool))

    try:
        run_biggest_first(todo, lambda j: j[1].content_bytes + j[2].content_bytes, workers, compare)
        if details:
            csv.writer(details).writerow(["table", "change", "primary_key", "columns_changed"])
            for name, _x, _y in todo:
                spools[name].seek(0)
                shutil.copyfileobj(spools[name], details)
    finally:
        for spool in spools.values():
            spool.close()
    return result


def _emitter(name: str, details: IO[str] | None, spool: IO[str]) -> Callable:
    """emit(change, key, columns) writing one CSV row of table `name` to `spool` (nothing
    without `details`)."""
    writer = csv.writer(spool) if details else None

    def emit(change: str, key, columns) -> None:
        if writer:
            pk = "|".join(v.decode() if isinstance(v, bytes) else str(v) for v in key)
            writer.writerow([name, change, pk, ";".join(columns)])

    return emit


def _diff_table(
    a: Store,
    b: Store,
    x: TableEntry,
    y: TableEntry,
    ca: FileCodec,
    cb: FileCodec,
    out: TableDiff,
    emit: Callable,
) -> None:
    """One table's rows: merged by key when both files are in the same key order, else as
    multisets."""
    same_columns = [c.name for c in x.columns] == [c.name for c in y.columns]
    key = _key_function(x)
    if key and x.primary_key == y.primary_key and same_columns:
        names = [c.name for c in x.columns]
        with a.open_read(x.file) as raw_a, ca.reader(raw_a, x.file) as ra:
            with b.open_read(y.file) as raw_b, cb.reader(raw_b, y.file) as rb:
                _diff_by_key(ra, rb, key, names, out, emit)
        return
    _diff_as_multisets(_lines(a, x, ca), _lines(b, y, cb), out, emit)


def _column_changes(name: str, x: TableEntry, y: TableEntry) -> list[str]:
    cx = {c.name: c.type for c in x.columns}
    cy = {c.name: c.type for c in y.columns}
    changes = [f"{name}.{c} removed" for c in cx if c not in cy]
    changes += [f"{name}.{c} added ({cy[c]})" for c in cy if c not in cx]
    changes += [f"{name}.{c}: {cx[c]} -> {cy[c]}" for c in cx if c in cy and cx[c] != cy[c]]
    if x.primary_key != y.primary_key:
        changes.append(f"{name}: primary key {x.primary_key} -> {y.primary_key}")
    return changes
