"""Sessions and COPY streams shared by every command that reads or writes the app database:
the fixed output settings that make the same data give the same bytes (and checksums), the
COPY that reads a table in key order as backups write it and checks re-read it, and the
read-only session at an exported snapshot that parallel backup workers share."""

from __future__ import annotations

from collections.abc import Generator, Iterator
from contextlib import contextmanager

import psycopg
from psycopg import sql

from airvault.pg.catalog import Table

# Fixed output settings so the same data always gives the same bytes (and checksums).
SESSION_SETTINGS = {
    "DateStyle": "ISO, YMD",
    "IntervalStyle": "postgres",
    "TimeZone": "UTC",
    "extra_float_digits": "1",
    "bytea_output": "hex",
    "client_encoding": "UTF8",
    "work_mem": "64MB",  # the ORDER BY of a big table sorts in memory, not on disk
    # Every row or an error, never only the rows a policy lets this role see.
    "row_security": "off",
}


def connect(dsn: str, **kwargs) -> psycopg.Connection:
    conn = psycopg.connect(dsn, **kwargs)
    for name, value in SESSION_SETTINGS.items():
        conn.execute("SELECT set_config(%s, %s, false)", (name, value))
    conn.commit()
    return conn


def copy_query(table: Table, where: sql.Composable | str | None = None) -> sql.Composed:
    """COPY of the table's rows (those matching `where`, if given) in primary-key order
    (whole-row text order when it has no key)."""
    return copy_columns_query(table, table.copy_columns, where)


def copy_columns_query(
    table: Table, columns: list[str], where: sql.Composable | str | None = None
) -> sql.Composed:
    """COPY of `columns` of the table's own rows (never an inheritance child's), in key order
    (whole-row text order when it has no key), as backups write and checks re-read them."""
    cols = sql.SQL(", ").join(sql.Identifier(c) for c in columns)
    if table.primary_key:
        order = sql.SQL(", ").join(sql.Identifier(c) for c in table.primary_key)
    else:
        order = sql.SQL('(ROW({}))::text COLLATE "C"').format(cols)
    if isinstance(where, str):
        where = sql.SQL(where)
    return sql.SQL("COPY (SELECT {} FROM {} t WHERE {} ORDER BY {}) TO STDOUT").format(
        cols, table.relation, where if where is not None else sql.SQL("TRUE"), order
    )


@contextmanager
def snapshot_session(dsn: str, snapshot: str) -> Iterator[psycopg.Connection]:
    """A connection with the backup's settings in a read-only transaction at `snapshot`."""
    with connect(dsn) as conn:
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        conn.read_only = True
        conn.execute(sql.SQL("SET TRANSACTION SNAPSHOT {}").format(sql.Literal(snapshot)))
        yield conn
        conn.rollback()


def copy_over(
    conn: psycopg.Connection, query: str, planner: dict[str, str], chunk: int = 1 << 20
) -> Generator[bytes]:
    """The output of `query` (a COPY ... TO STDOUT) on `conn`, in pieces of about `chunk`
    bytes; `planner` settings hold for this query only."""
    for name, value in planner.items():
        conn.execute("SELECT set_config(%s, %s, true)", (name, value))
    buffer = bytearray()
    with conn.cursor().copy(query) as copy:
        for row in copy:
            buffer += row
            if len(buffer) >= chunk:
                yield bytes(buffer)
                buffer.clear()
    if buffer:
        yield bytes(buffer)
    for name in planner:
        conn.execute(sql.SQL("RESET {}").format(sql.Identifier(name)))
