"""Writing one table's folded changes during a replay, so that no foreign-key action can
fire on a row outside them (see Replayer._flush for the order across tables).

A table with a key gets two temp stages: the final image of every changed row that exists at
the end, and the keys whose final state is deleted. A changed row that still exists is
updated in place (only where it differs), a missing one inserted; deleted keys go early where
no row refers to them, the rest last, once the rows that referred to them have changed.
A table without a key (REPLICA IDENTITY FULL) gets a stage of the copies to add; surplus
copies are deleted one by one.

Every write is accounted in a digest that does not depend on row order, (rows, sum of a
64-bit hash of each row), so the replay can check afterwards that each table holds
exactly what the base and the changes give.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import psycopg
from psycopg import sql

from airvault.errors import AirvaultError, IntegrityError
from airvault.pg.catalog import Table
from airvault.pg.rows import one_row

Digest = tuple[int, int]  # rows, sum of their hashes
NOTHING: Digest = (0, 0)


class ReplayRefused(AirvaultError):
    """The replay cannot write a batch without firing a foreign-key action on other rows."""


def copy_text(value: str | None) -> str:
    if value is None:
        return "\\N"
    return (
        value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    )


def copy_line(values: list | tuple) -> str:
    """A row as a line of COPY text. Most rows have nothing to escape: that is checked on the
    joined line (its only backslashes are the NULLs', its only tabs the separators)."""
    texts = ["\\N" if v is None else v for v in values]
    line = "\t".join(texts)
    if (
        line.count("\\") == values.count(None)
        and line.count("\t") == len(texts) - 1
        and "\n" not in line
        and "\r" not in line
    ):
        return line + "\n"
    return "\t".join(map(copy_text, values)) + "\n"


@contextmanager
def key_lookups(conn: psycopg.Connection, on: bool = True) -> Iterator[None]:
    """The statements inside join a stage with its table on the key: make each look its
    staged keys up in the table's key index (a keyed table has one). The planner prefers a
    hash join, which reads the whole table, every batch: a batch's time would grow with the
    table instead of with its changes (at most FLUSH_ROWS lookups). Set back after (an error
    rolls the transaction and the setting back)."""
    if not on:
        yield
        return
    before = conn.execute(
        "SELECT current_setting('enable_hashjoin'), current_setting('enable_mergejoin'), "
        "set_config('enable_hashjoin', 'off', false), set_config('enable_mergejoin', 'off', false)"
    ).fetchone()
    assert before is not None  # (a SELECT without FROM returns its row)
    yield
    conn.execute(
        "SELECT set_config('enable_hashjoin', %s, false), set_config('enable_mergejoin', %s, false)",
        before[:2],
    )


@dataclass(frozen=True)
class RowHash:
    """A 64-bit hash of a row of `table` (its columns in the table's order): each column's own
    hash function (hash_record_extended: 4x cheaper than hashing the row's text), or the
    text's where a column's type has none (json, point, ...)."""

    table: Table
    by_text: bool

    @classmethod
    def of(cls, conn: psycopg.Connection, table: Table) -> RowHash:
        nulls = sql.SQL("SELECT {} FROM (SELECT) one LEFT JOIN {} t ON FALSE").format(
            RowHash(table, False).over("t"), table.relation
        )  # typed NULLs: looks the hashes up
        try:
            with conn.transaction():
                conn.execute(nulls)
            return cls(table, False)
        except psycopg.errors.UndefinedFunction:
            return cls(table, True)

    def over(self, alias: str) -> sql.Composed:
        row = sql.SQL(", ").join(sql.Identifier(alias, c) for c in self.table.copy_columns)
        if self.by_text:
            return sql.SQL("hashtextextended(ROW({})::text, 0)").format(row)
        return sql.SQL("hash_record_extended(ROW({}), 0)").format(row)


def _sum(conn: psycopg.Connection, query: sql.Composed) -> Digest:
    rows, total = one_row(conn.execute(query).fetchone())
    return int(rows), int(total or 0)


def digest(conn: psycopg.Connection, h: RowHash) -> Digest:
    """(rows, hash sum) of the table."""
    return _sum(
        conn, sql.SQL("SELECT count(*), sum({}) FROM {} t").format(h.over("t"), h.table.relation)
    )


def regclass(conn: psycopg.Connection, table: Table) -> str:
    return sql.Identifier(table.schema, table.name).as_string(conn)


# Foreign keys referring to a table: the child, its columns, the referenced columns.
INCOMING = """
SELECT con.conname, n.nspname, c.relname, c.relkind = 'p',
       array(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(n, p)
             JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.p),
       array(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(n, p)
             JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.p)
FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE con.contype = 'f' AND con.confrelid = %s::regclass AND con.conparentid = 0
ORDER BY 1
"""

# Tables whose rows an action (CASCADE, SET NULL, SET DEFAULT) of a foreign key into a table
# changes when that table's rows are deleted or their referenced columns updated.
ACTIONS = """
SELECT DISTINCT n.nspname || '.' || c.relname FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE con.contype = 'f' AND con.confrelid = %s::regclass AND con.conparentid = 0
  AND (con.confdeltype IN ('c', 'n', 'd') OR con.confupdtype IN ('c', 'n', 'd'))
"""


@dataclass(frozen=True)
class Reference:
    """A foreign key of `schema.table` (`columns`) to the staged table's `ref_columns`."""

    name: str
    schema: str
    table: str
    partitioned: bool
    columns: list[str]
    ref_columns: list[str]

    @property
    def qualified(self) -> str:
        return f"{self.schema}.{self.table}"

    @property
    def relation(self) -> sql.Composable:
        """The child in FROM: ONLY, as a foreign key of an inheritance parent holds its own
        rows only."""
        ident = sql.Identifier(self.schema, self.table)
        return ident if self.partitioned else sql.SQL("ONLY {}").format(ident)

    def refers(self, target: str) -> sql.Composable:
        """A row of the child (alias c) refers to the row `target` (an alias)."""
        return sql.SQL(" AND ").join(
            sql.SQL("c.{} = {}.{}").format(
                sql.Identifier(a), sql.Identifier(target), sql.Identifier(b)
            )
            for a, b in zip(self.columns, self.ref_columns, strict=True)
        )

    def rows_to(self, target: str) -> sql.Composable:
        """EXISTS: a row of the child (alias c) refers to the row `target` (an alias)."""
        return sql.SQL("EXISTS (SELECT 1 FROM {} c WHERE {})").format(
            self.relation, self.refers(target)
        )


Refuse = Callable[[str, str], ReplayRefused]


@dataclass
class Stage:
    """One table's batch, staged: `rows` (final images, or for a table without a key the
    copies to add), `gone` (keys deleted; None without a key), `moves` (rows whose key
    changed: the key now and the key before; None when none did), and for a table without a
    key `surplus` (row -> copies to delete)."""

    table: Table
    columns: list[str]
    key: list[str] | None
    rows: sql.Identifier
    gone: sql.Identifier | None
    moves: sql.Identifier | None
    truncated: bool
    surplus: dict[tuple, int]
    always: set[str]  # GENERATED ALWAYS columns: never updated (their rows' values stay)
    hash: RowHash
    late: list[str]  # FK columns closing a cycle: NULL on insert, written in a second pass
    staged: int = 0  # rows in `rows`
    existing: int | None = None  # of them, the keys the table held before (None: unknown)

    @classmethod
    def of(cls, conn: psycopg.Connection, state, n: int, h: RowHash, late: list[str]) -> Stage:
        """Stage `state` (a replay's _TableState) in temp tables numbered `n`."""
        rel, cols = state.table.relation, state.columns
        key = [cols[i] for i in state.key] if state.key is not None else None
        rows = sql.Identifier(f"airvault_replay_{n}_rows")
        gone = sql.Identifier(f"airvault_replay_{n}_gone") if key else None
        always = _always(conn, state.table)
        if key is None:
            images = [row for row, k in state.counts.items() for _ in range(max(k, 0))]
            surplus = {row: -k for row, k in state.counts.items() if k < 0}
        else:
            images = [row for row in state.rows.values() if row is not None]
            surplus = {}
        _fill(conn, rows, cols, rel, images, key)  # without a key: read whole, no index
        moves = None
        if key is not None and gone is not None:
            _fill(conn, gone, key, rel, [k for k, row in state.rows.items() if row is None], key)
            # a GENERATED ALWAYS key cannot be updated: its rows are deleted and inserted
            moved = [
                [*new, *old]
                for new, old in state.moved.items()
                if new != old and not always & set(key)
            ]
            if moved:
                moves = sql.Identifier(f"airvault_replay_{n}_moves")
                _fill(conn, moves, key, rel, moved, key, _old(key))
        nullable = {c.name for c in state.table.columns if not c.not_null}
        late = [c for c in late if c in nullable and c in cols and key and c not in key]
        return cls(
            state.table,
            cols,
            key,
            rows,
            gone,
            moves,
            state.truncated,
            surplus,
            always,
            h,
            late,
            staged=len(images),
        )

    @property
    def keyed(self) -> list[str]:
        """The key, in the steps only a table with one takes."""
        assert self.key is not None
        return self.key

    def _match(self, a: str, b: str) -> sql.Composed:
        return sql.SQL(" AND ").join(
            sql.SQL("{}.{} = {}.{}").format(
                sql.Identifier(a), sql.Identifier(k), sql.Identifier(b), sql.Identifier(k)
            )
            for k in self.keyed
        )

    def before(self, conn: psycopg.Connection) -> Digest:
        """What the batch replaces: the whole table if it was truncated, else the current
        rows of its changed keys (a table without a key: none, its deletes count)."""
        if self.truncated:
            return digest(conn, self.hash)
        if self.key is None:
            return NOTHING
        found = NOTHING
        for stage, alias in ((self.rows, "s"), (self.gone, "g")):  # keys in one or the other
            one = _sum(
                conn,
                sql.SQL("SELECT count(*), sum({h}) FROM {r} t JOIN {s} {a} ON {on}").format(
                    h=self.hash.over("t"),
                    r=self.table.relation,
                    s=stage,
                    a=sql.Identifier(alias),
                    on=self._match("t", alias),
                ),
            )
            found = (found[0] + one[0], found[1] + one[1])
            if stage is self.rows:  # each staged key matches at most one row (it is the key)
                self.existing = one[0]
        return found

    def remove_early(self, conn: psycopg.Connection, incoming: list[Reference]) -> Digest:
        """The truncation; the deleted keys no row refers to (with `incoming` empty: all);
        for a table without a key its surplus copies. Returns what went beyond the rows
        `before` counted (a table without a key: its deleted copies)."""
        rel = self.table.relation
        if self.truncated:
            conn.execute(sql.SQL("DELETE FROM {}").format(rel))
        if self.key is None:
            return self._delete_copies(conn)
        free = sql.SQL(" AND ").join(
            [sql.SQL("TRUE")] + [sql.SQL("NOT {}").format(ref.rows_to("t")) for ref in incoming]
        )
        conn.execute(
            sql.SQL("DELETE FROM {} t USING {} g WHERE {} AND {}").format(
                rel, self.gone, self._match("t", "g"), free
            )
        )
        return NOTHING

    def write(self, conn: psycopg.Connection, refuse: Refuse) -> Digest:
        """Update the rows that exist and differ, insert the others; returns the digest of
        what the table holds of the batch now (its staged rows)."""
        target = sql.Identifier(self.table.schema, self.table.name)
        cols = sql.SQL(", ").join(map(sql.Identifier, self.columns))
        values = sql.SQL(", ").join(
            sql.SQL("NULL") if c in self.late else sql.Identifier("s", c) for c in self.columns
        )
        insert = sql.SQL("INSERT INTO {} ({}) OVERRIDING SYSTEM VALUE SELECT {} FROM {} s").format(
            target, cols, values, self.rows
        )
        # which staged keys exist is known from `before` unless keys moved since: a batch of
        # updates only inserts nothing, one of inserts only updates nothing (a lookup saved)
        known = self.existing if self.moves is None else None
        try:
            if self.moves is not None:
                self._move(conn)
            if self.key is not None:
                if known != 0:
                    self._update(conn, [c for c in self.columns if c not in self.late])
                insert += sql.SQL(" WHERE NOT EXISTS (SELECT 1 FROM {} t WHERE {})").format(
                    self.table.relation, self._match("t", "s")
                )
            if known is None or known < self.staged:
                conn.execute(insert)
        except psycopg.errors.UniqueViolation as e:
            raise refuse(
                self.table.qualified,
                "a row's unique value is still held by a row "
                "deleted later in the same batch (a key changed)",
            ) from e
        return _sum(
            conn,
            sql.SQL("SELECT count(*), sum({}) FROM {} s").format(self.hash.over("s"), self.rows),
        )

    def _move(self, conn: psycopg.Connection) -> None:
        """Rows whose key changed get it in place, as in the source: an ON UPDATE action
        then changes the rows that refer to them as it did there (rows of the batch). Only
        to a key no row holds now (keys that swapped are updated in place instead)."""
        on = sql.SQL(" AND ").join(
            sql.SQL("t.{} = m.{}").format(sql.Identifier(k), old)
            for k, old in zip(self.keyed, _old(self.keyed), strict=True)
        )
        conn.execute(
            sql.SQL(
                "UPDATE {r} t SET ({k}) = ROW({new}) FROM {m} m WHERE {on} AND NOT EXISTS "
                "(SELECT 1 FROM {r} h WHERE {held})"
            ).format(
                r=self.table.relation,
                k=sql.SQL(", ").join(map(sql.Identifier, self.keyed)),
                new=sql.SQL(", ").join(sql.Identifier("m", k) for k in self.keyed),
                m=self.moves,
                on=on,
                held=self._match("h", "m"),
            )
        )

    def write_late(self, conn: psycopg.Connection) -> None:
        """The second pass: the cycle-closing columns, once every table's rows are in."""
        if self.late:
            self._update(conn, self.late)

    def open_cycle(self, conn: psycopg.Connection) -> None:
        """Rows about to be deleted let go of the rows their cycle-closing columns refer to
        (setting a referring column fires no action), so the cycle can be deleted."""
        if self.late:
            nulls = sql.SQL(", ").join(
                sql.SQL("{} = NULL").format(sql.Identifier(c)) for c in self.late
            )
            conn.execute(
                sql.SQL("UPDATE {} t SET {} FROM {} g WHERE {}").format(
                    self.table.relation, nulls, self.gone, self._match("t", "g")
                )
            )

    def _update(self, conn: psycopg.Connection, columns: list[str]) -> None:
        """Set `columns` (less the key's) of the rows that exist, where they differ."""
        settable = [c for c in columns if c not in (self.key or []) and c not in self.always]
        if not settable:
            return
        row = lambda alias: sql.SQL("ROW({})::text").format(  # noqa: E731
            sql.SQL(", ").join(sql.Identifier(alias, c) for c in settable)
        )
        conn.execute(
            sql.SQL(
                "UPDATE {rel} t SET ({c}) = ROW({v}) FROM {s} s WHERE {on} AND {a} IS DISTINCT FROM {b}"
            ).format(
                rel=self.table.relation,
                c=sql.SQL(", ").join(map(sql.Identifier, settable)),
                v=sql.SQL(", ").join(sql.Identifier("s", c) for c in settable),
                s=self.rows,
                on=self._match("t", "s"),
                a=row("t"),
                b=row("s"),
            )
        )

    def remove_late(
        self, conn: psycopg.Connection, incoming: list[Reference], refuse: Refuse
    ) -> None:
        """Delete the remaining deleted keys; refused where a row still refers to one."""
        if self.key is None:
            return
        doomed = sql.SQL("SELECT 1 FROM {} t JOIN {} g ON {}").format(
            self.table.relation, self.gone, self._match("t", "g")
        )
        if not one_row(conn.execute(sql.SQL("SELECT EXISTS ({})").format(doomed)).fetchone())[0]:
            return  # all gone early: no referring table to read
        for ref in incoming:
            query = sql.SQL("SELECT count(*) FROM {} c WHERE EXISTS ({} WHERE {})").format(
                ref.relation, doomed, ref.refers("t")
            )
            if ref.qualified == self.table.qualified:  # deleted in the same statement
                query += sql.SQL(" AND NOT EXISTS (SELECT 1 FROM {} g WHERE {})").format(
                    self.gone, self._match("c", "g")
                )
            if held := one_row(conn.execute(query).fetchone())[0]:
                raise refuse(
                    self.table.qualified,
                    f"rows it deletes are still referred to by "
                    f"{held:,} rows of {ref.qualified} ({ref.name})",
                )
        conn.execute(
            sql.SQL("DELETE FROM {} t USING {} g WHERE {}").format(
                self.table.relation, self.gone, self._match("t", "g")
            )
        )

    def _delete_copies(self, conn: psycopg.Connection) -> Digest:
        """Delete each surplus row's copies (a table without a key); their digest."""
        rel, cols = self.table.relation, self.columns
        cond = sql.SQL(" AND ").join(
            sql.SQL("{}::text IS NOT DISTINCT FROM %s").format(sql.Identifier(c)) for c in cols
        )
        rows, total = 0, 0
        for row, n in self.surplus.items():
            # (tableoid, ctid): a partitioned table's partitions each have a row (0,1)
            deleted = conn.execute(
                sql.SQL(
                    "WITH d AS (DELETE FROM {rel} t WHERE (tableoid, ctid) IN (SELECT tableoid, ctid "
                    "FROM {rel} WHERE {c} LIMIT {n}) RETURNING {h} AS h) SELECT count(*), sum(h) FROM d"
                ).format(rel=rel, c=cond, n=sql.Literal(n), h=self.hash.over("t")),
                list(row),
            ).fetchone()
            assert deleted is not None  # a count(*) always returns its row
            if deleted[0] != n:
                raise IntegrityError(
                    f"{self.table.qualified}: {n} copies of a deleted row were expected, "
                    f"{deleted[0]} found: the base and its changes do not fit together"
                )
            rows, total = rows + n, total + int(deleted[1])
        return rows, total

    def drop(self, conn: psycopg.Connection) -> None:
        for stage in (self.rows, self.gone, self.moves):
            if stage is not None:
                conn.execute(sql.SQL("DROP TABLE {}").format(stage))


def _always(conn: psycopg.Connection, table: Table) -> set[str]:
    """The table's GENERATED ALWAYS identity columns."""
    found = conn.execute(
        "SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass AND attidentity = 'a'",
        (regclass(conn, table),),
    )
    return {name for (name,) in found}


def _old(key: list[str]) -> list[sql.Identifier]:
    """The moves stage's columns for the key a row had (beside the key it has now)."""
    return [sql.Identifier(f"airvault_old_{i}") for i in range(len(key))]


def _fill(
    conn: psycopg.Connection,
    stage: sql.Identifier,
    columns: list[str],
    rel: sql.Composable,
    lines: list,
    index: list[str] | None,
    again: list[sql.Identifier] | None = None,
) -> None:
    """A temp table of `columns` typed as in `rel` (and the first columns typed again as
    `again`), holding `lines` (each a list of texts), indexed on `index` when big."""
    cols = sql.SQL(", ").join(map(sql.Identifier, columns))
    more = [
        sql.SQL("{} AS {}").format(sql.Identifier(c), a)
        for c, a in zip(columns[: len(again or [])], again or [], strict=True)
    ]
    conn.execute(
        sql.SQL("CREATE TEMP TABLE {} AS SELECT {} FROM {} WITH NO DATA").format(
            stage, sql.SQL(", ").join([cols, *more]), rel
        )
    )
    with conn.cursor().copy(sql.SQL("COPY {} FROM STDIN").format(stage)) as copy:
        for start in range(0, len(lines), 10_000):  # one write a block: a write is a round
            copy.write("".join(map(copy_line, lines[start : start + 10_000])))  # through libpq
    if len(lines) > 1000 and index:
        conn.execute(
            sql.SQL("CREATE INDEX ON {} ({})").format(
                stage, sql.SQL(", ").join(map(sql.Identifier, index))
            )
        )
        conn.execute(sql.SQL("ANALYZE {}").format(stage))
