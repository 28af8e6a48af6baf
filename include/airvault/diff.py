"""What changed between two backups: per table, rows added, removed and changed (matched by
primary key) and which columns changed; and the schema differences.

Both backups hold every table in primary-key order, so the diff is one streaming merge over
the two data files: memory stays flat and time is linear. Identical lines (the common case)
are skipped without being parsed. Tables without a primary key are compared as multisets of
rows (in memory, by row hash). Optional details go to a CSV as they are found.
"""

from __future__ import annotations

import csv
import hashlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO

from airvault.filecodec import FileCodec, codec_of
from airvault.manifest import read_manifest, table_name
from airvault.storage import Store

CHUNK = 1 << 20
INTEGERS = ("smallint", "integer", "bigint")


@dataclass
class TableDiff:
    added: int = 0
    removed: int = 0
    changed: int = 0
    columns_changed: Counter = field(default_factory=Counter)

    def to_json(self) -> dict:
        return {"added": self.added, "removed": self.removed, "changed": self.changed,
                "columns_changed": dict(self.columns_changed)}  # fmt: skip


@dataclass
class DiffResult:
    a: str
    b: str
    tables: dict[str, TableDiff] = field(default_factory=dict)
    schema: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"a": self.a, "b": self.b, "schema": self.schema,
                "tables": {t: d.to_json() for t, d in self.tables.items()}}  # fmt: skip

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


def _lines(store: Store, entry: dict, codec: FileCodec) -> Iterator[bytes]:
    """The COPY lines of a table's data file, one by one."""
    with store.open_read(entry["file"]) as raw, codec.reader(raw, entry["file"]) as z:
        rest = b""
        while chunk := z.read(CHUNK):
            parts = (rest + chunk).split(b"\n")
            rest = parts.pop()
            yield from parts
        if rest:
            yield rest


def _key_function(entry: dict) -> Callable[[bytes], tuple]:
    """The primary key of a COPY line, typed so that Python orders it as PostgreSQL did
    (integers and numerics by value; uuid, dates and C-collated text by their bytes)."""
    names = [c["name"] for c in entry["columns"]]
    types = {c["name"]: c["type"] for c in entry["columns"]}
    idx = [names.index(k) for k in entry["primary_key"]]
    casts = [
        int if types[k] in INTEGERS else Decimal if types[k].startswith("numeric") else bytes
        for k in entry["primary_key"]
    ]

    def key(line: bytes) -> tuple:
        fields = line.split(b"\t")
        return tuple(cast(fields[i]) for i, cast in zip(idx, casts, strict=True))

    return key


def _diff_by_key(a: Iterator[bytes], b: Iterator[bytes], entry: dict, out: TableDiff, emit) -> None:
    key = _key_function(entry)
    names = [c["name"] for c in entry["columns"]]
    la, lb = next(a, None), next(b, None)
    last_a = last_b = None
    while la is not None or lb is not None:
        if la is not None and la == lb:  # the common case: the same row, unparsed
            la, lb = next(a, None), next(b, None)
            continue
        ka = key(la) if la is not None else None
        kb = key(lb) if lb is not None else None
        for k, last in ((ka, last_a), (kb, last_b)):
            if k is not None and last is not None and k < last:
                raise _OutOfOrder
        if lb is None or (ka is not None and ka < kb):
            out.removed += 1
            emit("removed", ka, ())
            last_a, la = ka, next(a, None)
        elif la is None or kb < ka:
            out.added += 1
            emit("added", kb, ())
            last_b, lb = kb, next(b, None)
        else:
            changed = [
                n
                for n, x, y in zip(names, la.split(b"\t"), lb.split(b"\t"), strict=False)
                if x != y
            ]
            out.changed += 1
            out.columns_changed.update(changed)
            emit("changed", ka, changed)
            last_a, last_b = ka, kb
            la, lb = next(a, None), next(b, None)


class _OutOfOrder(Exception):
    """The file is not in the order the key function assumes (e.g. a non-C text collation)."""


def _diff_as_multisets(a: Iterator[bytes], b: Iterator[bytes], out: TableDiff, emit) -> None:
    count = Counter(hashlib.blake2b(line, digest_size=16).digest() for line in a)
    count.subtract(hashlib.blake2b(line, digest_size=16).digest() for line in b)
    out.removed = sum(n for n in count.values() if n > 0)
    out.added = -sum(n for n in count.values() if n < 0)


def diff_backups(a: Store, b: Store, details: IO[str] | None = None) -> DiffResult:
    """Compare backup `a` (older) with `b` (newer); write row details to `details` (CSV)."""
    ma, mb = read_manifest(a), read_manifest(b)
    ca, cb = codec_of(ma, a.key), codec_of(mb, b.key)
    result = DiffResult(a.url, b.url)
    ea = {table_name(e): e for e in ma["tables"]}
    eb = {table_name(e): e for e in mb["tables"]}
    writer = csv.writer(details) if details else None
    if writer:
        writer.writerow(["table", "change", "primary_key", "columns_changed"])
    for name in sorted(ea.keys() | eb.keys()):
        if name not in eb:
            result.schema.append(f"table {name} removed")
            result.tables[name] = TableDiff(removed=ea[name]["rows"])
            continue
        if name not in ea:
            result.schema.append(f"table {name} added")
            result.tables[name] = TableDiff(added=eb[name]["rows"])
            continue
        x, y = ea[name], eb[name]
        result.schema += _column_changes(name, x, y)
        out = result.tables[name] = TableDiff()
        if x["content_sha256"] == y["content_sha256"]:
            continue  # identical content: nothing to read

        def emit(change: str, key, columns, name=name) -> None:
            if writer:
                pk = "|".join(v.decode() if isinstance(v, bytes) else str(v) for v in key)
                writer.writerow([name, change, pk, ";".join(columns)])

        same_columns = [c["name"] for c in x["columns"]] == [c["name"] for c in y["columns"]]
        if x.get("primary_key") and x["primary_key"] == y.get("primary_key") and same_columns:
            try:
                _diff_by_key(_lines(a, x, ca), _lines(b, y, cb), x, out, emit)
                continue
            except _OutOfOrder:
                out = result.tables[name] = TableDiff()
        _diff_as_multisets(_lines(a, x, ca), _lines(b, y, cb), out, emit)
    return result


def _column_changes(name: str, x: dict, y: dict) -> list[str]:
    cx = {c["name"]: c["type"] for c in x["columns"]}
    cy = {c["name"]: c["type"] for c in y["columns"]}
    changes = [f"{name}.{c} removed" for c in cx if c not in cy]
    changes += [f"{name}.{c} added ({cy[c]})" for c in cy if c not in cx]
    changes += [f"{name}.{c}: {cx[c]} -> {cy[c]}" for c in cx if c in cy and cx[c] != cy[c]]
    if x.get("primary_key") != y.get("primary_key"):
        changes.append(f"{name}: primary key {x.get('primary_key')} -> {y.get('primary_key')}")
    return changes
