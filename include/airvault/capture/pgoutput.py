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
    return PG_EPOCH + timedelta(microseconds=micros)


@dataclass
class Begin:
    commit_lsn: int
    commit_time: datetime
    xid: int


@dataclass
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


@dataclass
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

    def tuple_data(self) -> list:
        data, pos = self.data, self.pos
        (n,) = _I16.unpack_from(data, pos)
        pos += 2
        values: list = []
        append = values.append
        for _ in range(n):
            kind = data[pos]
            pos += 1
            if kind == 116:  # 't': text
                (size,) = _I32.unpack_from(data, pos)
                pos += 4
                append(data[pos : pos + size].decode())
                pos += size
            elif kind == 110:  # 'n': NULL
                append(None)
            elif kind == 117:  # 'u': unchanged TOAST
                append(UNCHANGED)
            else:
                raise DecodeError(f"unexpected column kind {chr(kind)!r} in a pgoutput tuple")
        self.pos = pos
        return values


def decode(data: bytes) -> Begin | Commit | Relation | Change | Truncate | None:
    """One pgoutput message; None for the kinds a replay ignores (types, origins, messages)."""
    kind = chr(data[0])
    r = _Reader(data)
    if kind == "I":
        (rel,) = r.unpack(_U32)
        r.byte()  # 'N'
        return Change("I", rel, None, r.tuple_data())
    if kind == "U":
        (rel,) = r.unpack(_U32)
        old = None
        marker = r.byte()
        if marker in "KO":
            old = r.tuple_data()
            marker = r.byte()
        return Change("U", rel, old, r.tuple_data())
    if kind == "D":
        (rel,) = r.unpack(_U32)
        r.byte()  # 'K' or 'O'
        return Change("D", rel, r.tuple_data(), None)
    if kind == "B":
        lsn, ts, xid = r.unpack(_BEGIN)
        return Begin(lsn, pg_time(ts), xid)
    if kind == "C":
        _flags, lsn, end, ts = r.unpack(_COMMIT)
        return Commit(lsn, end, pg_time(ts))
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
