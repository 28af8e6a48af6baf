"""Parsing PostgreSQL's `pgoutput` logical replication messages (protocol version 1).

Only what a replay needs: transactions (Begin/Commit with their LSNs and commit times),
relations (the columns and which of them identify a row), and row changes with their values
in text form. Values are kept as the text the server printed (None for NULL, UNCHANGED for a
TOASTed value an UPDATE did not touch), so a replay sends them back through COPY unchanged.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from airvault.errors import AirvaultError

PG_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
UNCHANGED = object()  # a TOASTed column an UPDATE left as it was: keep the current value

_I16 = struct.Struct(">h")
_I32 = struct.Struct(">i")
_U32 = struct.Struct(">I")
_BEGIN = struct.Struct(">QqI")  # final (commit) LSN, commit time, xid
_COMMIT = struct.Struct(">BQQq")  # flags, commit LSN, end LSN, commit time


class DecodeError(AirvaultError):
    pass


def lsn_text(lsn: int) -> str:
    return f"{lsn >> 32:X}/{lsn & 0xFFFFFFFF:X}"


def parse_lsn(text: str) -> int:
    """'16/B374D848' -> int; a clear error for anything else."""
    high, sep, low = str(text).partition("/")
    try:
        if not sep:
            raise ValueError
        return (int(high, 16) << 32) | int(low, 16)
    except ValueError:
        raise AirvaultError(f"not an LSN: {text!r} (expected the form 16/B374D848)") from None


def pg_time(micros: int) -> datetime:
    return PG_EPOCH + timedelta(0, 0, micros)  # (positional: cheaper, once a transaction)


@dataclass(slots=True)
class Begin:
    commit_lsn: int
    commit_time: datetime
    xid: int


@dataclass(slots=True)
class Commit:
    commit_lsn: int
    end_lsn: int
    commit_time: datetime


@dataclass
class Relation:
    id: int
    schema: str
    name: str
    identity: str  # replica identity: d(efault), n(othing), f(ull), i(ndex)
    columns: list[str]
    type_oids: list[int]
    key: list[int]  # indexes of the columns that identify a row

    @property
    def qualified(self) -> str:
        return f"{self.schema}.{self.name}"


@dataclass(slots=True)
class Change:
    """One row change. `old` is the row's identity before (key columns, or every column with
    REPLICA IDENTITY FULL) when the server sent it; `new` the row after."""

    op: str  # "I", "U" or "D"
    relation: int
    old: list | None
    new: list | None


@dataclass
class Truncate:
    relations: list[int]


class _Reader:
    __slots__ = ("data", "pos")

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 1  # past the message type

    def unpack(self, st: struct.Struct) -> tuple:
        values = st.unpack_from(self.data, self.pos)
        self.pos += st.size
        return values

    def byte(self) -> str:
        b = self.data[self.pos]
        self.pos += 1
        return chr(b)

    def string(self) -> str:
        end = self.data.index(b"\x00", self.pos)
        text = self.data[self.pos : end].decode()
        self.pos = end + 1
        return text


def tuple_at(data: bytes, pos: int) -> tuple[list, int]:
    """The column values of a TupleData at `pos`, and the position after it."""
    (n,) = _I16.unpack_from(data, pos)
    pos += 2
    values: list = []
    append, length = values.append, _I32.unpack_from
    for _ in range(n):
        kind = data[pos]
        if kind == 116:  # 't': text
            (size,) = length(data, pos + 1)
            pos += 5 + size
            append(data[pos - size : pos].decode())
        elif kind == 110:  # 'n': NULL
            pos += 1
            append(None)
        elif kind == 117:  # 'u': unchanged TOAST
            pos += 1
            append(UNCHANGED)
        else:
            raise DecodeError(f"unexpected column kind {chr(kind)!r} in a pgoutput tuple")
    return values, pos


ROW_CHANGES = frozenset(b"IUD")  # the message types of row changes, as their first byte


def row_change(data: bytes) -> tuple[str, int, list | None, list | None]:
    """An Insert, Update or Delete message as (op, relation id, old, new), as Change holds
    them: without building a Change, for a replay that reads millions of them."""
    kind = data[0]
    (rel,) = _U32.unpack_from(data, 1)
    if kind == 73:  # I: 'N' and the new row
        return "I", rel, None, tuple_at(data, 6)[0]
    if kind == 85:  # U: ['K' or 'O' and the old row's identity], 'N' and the new row
        old, pos = None, 5
        if data[pos] in (75, 79):
            old, pos = tuple_at(data, pos + 1)
        return "U", rel, old, tuple_at(data, pos + 1)[0]
    return "D", rel, tuple_at(data, 6)[0], None  # D: 'K' or 'O' and the old row's identity


def begin_fields(data: bytes) -> tuple[int, int]:
    """A Begin message's commit LSN and commit time (microseconds since 2000: pg_time)."""
    lsn, ts, _xid = _BEGIN.unpack_from(data, 1)
    return lsn, ts


def commit_fields(data: bytes) -> tuple[int, int, int]:
    """A Commit message's commit LSN, end LSN and commit time (microseconds since 2000)."""
    _flags, lsn, end, ts = _COMMIT.unpack_from(data, 1)
    return lsn, end, ts


def decode(data: bytes) -> Begin | Commit | Relation | Change | Truncate | None:
    """One pgoutput message; None for the kinds a replay ignores (types, origins, messages)."""
    if data[0] in ROW_CHANGES:
        return Change(*row_change(data))
    kind = chr(data[0])
    if kind == "B":
        lsn, ts, xid = _BEGIN.unpack_from(data, 1)
        return Begin(lsn, pg_time(ts), xid)
    if kind == "C":
        lsn, end, ts = commit_fields(data)
        return Commit(lsn, end, pg_time(ts))
    r = _Reader(data)
    if kind == "R":
        (rel,) = r.unpack(_U32)
        schema, name = r.string(), r.string()
        identity = r.byte()
        (n,) = r.unpack(_I16)
        columns, oids, key = [], [], []
        for i in range(n):
            flags = r.data[r.pos]
            r.pos += 1
            columns.append(r.string())
            oid, _typmod = r.unpack(struct.Struct(">Ii"))
            oids.append(oid)
            if flags & 1:
                key.append(i)
        return Relation(rel, schema, name, identity, columns, oids, key)
    if kind == "T":
        (n,) = r.unpack(_U32)
        r.byte()  # options: CASCADE / RESTART IDENTITY (the cascaded tables are listed too)
        return Truncate([r.unpack(_U32)[0] for _ in range(n)])
    if kind in "YOM":  # type, origin, logical message
        return None
    raise DecodeError(f"unexpected pgoutput message type {kind!r}")
