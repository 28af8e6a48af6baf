"""Replaying change segments onto a restored base, in commit order, up to a point in time.

A replay runs in a database airvault just built from the base (never the app's own), inside
one transaction. Changes are folded per table before they are written: for a table with a key,
the last image of each changed row (or its deletion) is what counts, whatever happened in
between; for a table without a key (REPLICA IDENTITY FULL) the count of each distinct row goes
up and down. That is the same state as applying every change one by one, in a few set-wise
statements a batch (capture/batch.py). They are ordered so that no foreign-key action fires on
a row outside the changes, with or without session_replication_role (managed services grant
it to nobody by default), and the result is checked (Replayer.check). Folding happens per
transaction, and a batch is written only between transactions, so every batch leaves a state
the source really had.

Transactions committed before the base's capture LSN are in the base already and skipped; the
first transaction committed after the point stops the replay.

Schema changes come in the stream as rows of capture's log (capture/ddl.py), at their place:
the replay writes what it folded so far, runs the recorded command (one statement, with the
search_path and settings it ran with), reads the tables again (SchemaSource) and goes on with
the descriptions the server sends after it. A source transaction that changed the schema ends
with a commit of the replay's, as it did in the source (a new enum value is usable only after
one). A recorded command that cannot be replayed, or a table described with columns its table
does not have (a change nobody recorded), stops the replay: SchemaChanged, naming it.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Protocol

import psycopg
from psycopg import sql

from airvault.capture import ddl
from airvault.capture.batch import (
    ACTIONS,
    INCOMING,
    Digest,
    Reference,
    ReplayRefused,
    RowHash,
    Stage,
    digest,
    key_lookups,
    regclass,
)
from airvault.capture.pgoutput import (
    PG_EPOCH,
    ROW_CHANGES,
    UNCHANGED,
    Relation,
    Truncate,
    begin_fields,
    decode,
    lsn_text,
    parse_lsn,
    pg_time,
    row_change,
)
from airvault.capture.sequences import set_at_point
from airvault.errors import AirvaultError, IntegrityError
from airvault.pg.catalog import Table
from airvault.pg.rows import one_row
from airvault.pg.session import SESSION_SETTINGS

log = logging.getLogger("airvault.capture")

FLUSH_ROWS = 100_000  # changed rows held in memory before a batch is written


class SchemaChanged(AirvaultError):
    pass


Schema = tuple[dict[str, Table], list[str], dict[str, list[str]]]  # tables, order, late columns


class SchemaSource(Protocol):
    """What a replay that runs schema changes needs of its caller: put what is held for the
    replay's writes aside before a command (triggers disabled), and afterwards the tables to
    write (a renamed one under its new name, a created one), their order and late columns."""

    def before_change(self, conn: psycopg.Connection) -> None: ...

    def after_change(self, conn: psycopg.Connection) -> Schema: ...


@dataclass(frozen=True)
class Point:
    """Where a replay stops: after the last transaction committed at or before `time` or
    `lsn`; neither means every change captured ("latest")."""

    time: datetime | None = None
    lsn: int | None = None

    def bounds(self) -> tuple[int | None, int | None]:
        """The last commit LSN and commit time (as pgoutput times it, pg_time) it takes."""
        time = (self.time - PG_EPOCH) // timedelta(microseconds=1) if self.time else None
        return self.lsn, time

    def __str__(self) -> str:
        if self.time:
            return self.time.isoformat()
        return lsn_text(self.lsn) if self.lsn is not None else "latest"


def parse_point(text: str) -> Point:
    """'latest', an LSN ('16/B374D848') or an ISO time (without a zone: UTC)."""
    text = str(text).strip()
    if text.lower() == "latest":
        return Point()
    if "/" in text:
        return Point(lsn=parse_lsn(text))
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        raise AirvaultError(
            f"--until {text!r}: give 'latest', an LSN (16/B374D848) or an ISO time "
            "(2026-12-01T14:05:00Z)"
        ) from None
    return Point(time=when if when.tzinfo else when.replace(tzinfo=UTC))


@dataclass
class _TableState:
    table: Table
    columns: list[str]  # as the relation message names them (no generated columns)
    key: list[int] | None  # column indexes of the row key; None: no key (count rows)
    rows: dict[tuple, list | None] = field(default_factory=dict)  # key -> final image / deleted
    fetch_from: dict[tuple, tuple] = field(default_factory=dict)  # key -> where its old value is
    counts: Counter = field(default_factory=Counter)  # keyless: row -> net copies to add
    moved: dict[tuple, tuple] = field(default_factory=dict)  # new key -> key it had before
    truncated: bool = False
    described: Relation | None = None  # the description its columns come from
    replayed: int = 0  # changes folded into it, not yet in the stats

    def size(self) -> int:
        return len(self.rows) + len(self.counts)

    def apply(self, op: str, old: list | None, new: list | None) -> None:
        """One row change (as pgoutput.row_change gives it) folded in."""
        if self.key is None:
            if old is not None:
                self.counts[tuple(old)] -= 1
            if new is not None:
                if UNCHANGED in new:  # FULL identity: the old row has every value
                    assert old is not None  # (an UPDATE of a FULL identity has it)
                    new = [o if n is UNCHANGED else n for n, o in zip(new, old, strict=True)]
                self.counts[tuple(new)] += 1
            return
        if op == "D":
            assert old is not None  # (a DELETE names its row's identity)
            key = self._key(old)
            self.rows[key] = None
            self.moved.pop(key, None)
            return
        assert new is not None  # (an INSERT or UPDATE has the row after)
        key = self._key(new)
        previous_key = self._key(old) if old is not None else key
        unchanged = UNCHANGED in new
        if unchanged:
            before = self.rows.get(previous_key)
            if before is not None:
                new = [b if n is UNCHANGED else n for n, b in zip(new, before, strict=True)]
                unchanged = UNCHANGED in new
            elif previous_key not in self.rows:  # only the restored table has the value
                self.fetch_from[key] = self.fetch_from.get(previous_key, previous_key)
        if previous_key != key:
            self.rows[previous_key] = None
            self.fetch_from.pop(previous_key, None)
            # replayed as a key update too: its ON UPDATE actions are the source's
            self.moved[key] = self.moved.pop(previous_key, previous_key)
        self.rows[key] = new
        if not unchanged and self.fetch_from:
            self.fetch_from.pop(key, None)

    def _key(self, values: list) -> tuple:
        assert self.key is not None  # (only keyed tables are folded by key)
        return tuple(map(values.__getitem__, self.key))

    def truncate(self) -> None:
        self.clear()
        self.truncated = True

    def clear(self) -> None:
        self.rows.clear()
        self.fetch_from.clear()
        self.counts.clear()
        self.moved.clear()
        self.truncated = False


@dataclass
class ReplayStats:
    transactions: int = 0
    changes: int = 0
    skipped_before_base: int = 0
    last_commit_lsn: str | None = None
    last_commit_at: str | None = None
    tables: dict[str, int] = field(default_factory=dict)  # table -> row changes replayed
    stopped_at_point: bool = False
    schema_changes: int = 0  # recorded commands run at their place


class Replayer:
    """Feed it the messages of consecutive segments; `finish()` writes what is left."""

    def __init__(
        self,
        conn: psycopg.Connection,
        tables: dict[str, Table],
        base_lsn: str,
        point: Point,
        order: list[str] | None = None,
        replica: bool = False,
        late: dict[str, list[str]] | None = None,
        schema: SchemaSource | None = None,
    ) -> None:
        self.conn = conn
        self.schema = schema  # None: a schema change stops the replay
        self.tables = tables  # the restored tables to replay into, by qualified name
        self.replica = replica  # session_replication_role = replica: no FK trigger fires
        self._position = {n: i for i, n in enumerate(order or [])}  # parents first
        # FK columns closing a cycle, written in a second pass (replica mode: no check fires)
        self._late = {} if replica else (late or {})
        self._stages = itertools.count()
        self._references: dict[str, list[Reference]] = {}
        self._expected: dict[str, Digest] = {}  # watched table -> what it must hold
        self._hashes: dict[str, RowHash] = {}
        self.base_lsn = parse_lsn(base_lsn)
        self.point = point
        self.relations: dict[int, Relation] = {}
        self.states: dict[str, _TableState] = {}
        self.stats = ReplayStats()
        self.sequences: dict[str, int] = {}
        self._by_relation: dict[int, _TableState | None] = {}  # relation id -> its state
        self._until_lsn, self._until_time = point.bounds()
        self._open = False  # between a Begin and its Commit
        self._current = (0, 0)  # the transaction's commit LSN and time (pg_time)
        self._last_commit: tuple[int, int] | None = None  # the last one replayed
        self._size_at = FLUSH_ROWS // 2  # changes replayed when the batch is measured next
        self._writer: threading.Thread | None = None  # writing the batch before, if any
        self._write_error: BaseException | None = None  # how that write failed
        self._skip = False
        self.done = False
        self._ignored: set[str] = set()
        self._log: Relation | None = None  # the schema-change log's description
        self._changed_schema = False  # this source transaction ran a schema change

    # -- reading ---------------------------------------------------------------------------

    def feed(self, messages: Iterable[bytes]) -> bool:
        """Replay `messages`; False once the point is passed (read no further)."""
        try:
            return self._feed(messages)
        except BaseException:
            self._writer_done()  # the connection is the writer's until it ends
            raise

    def _feed(self, messages: Iterable[bytes]) -> bool:
        """Each message is folded at its place (a batch is written only at a Commit); row
        changes, most of the stream, are dispatched on their first byte and decoded without a
        Change."""
        for data in messages:
            if self.done:
                continue  # read to the end all the same: that checks the segment's checksum
            kind = data[0]
            if kind in ROW_CHANGES:
                if not self._skip:
                    self._change(*row_change(data))
            elif kind == 66:  # B
                self._begin(*begin_fields(data))
            elif kind == 67:  # C
                self._commit()
            else:
                message = decode(data)
                if isinstance(message, Relation):
                    self._relation(message)  # at its place: after a schema change it describes
                elif isinstance(message, Truncate) and not self._skip:
                    self._truncate(message)
        if self._last_commit is not None:
            self.stats.last_commit_lsn = lsn_text(self._last_commit[0])
            self.stats.last_commit_at = pg_time(self._last_commit[1]).isoformat()
        return not self.done

    def _begin(self, commit_lsn: int, committed_at: int) -> None:
        if (self._until_lsn is not None and commit_lsn > self._until_lsn) or (
            self._until_time is not None and committed_at > self._until_time
        ):
            self.stats.stopped_at_point = self.done = True
            return
        self._open, self._current = True, (commit_lsn, committed_at)
        self._skip = commit_lsn < self.base_lsn  # already in the base

    def _at(self) -> str:
        """The current transaction's commit time, for messages."""
        return pg_time(self._current[1]).isoformat() if self._open else "?"

    def _relation(self, rel: Relation) -> None:
        self.relations[rel.id] = rel
        self._by_relation.clear()  # looked up again: described anew where it changed
        if rel.qualified == ddl.LOG_TABLE:
            self._log = rel

    def _change(self, op: str, rel_id: int, old: list | None, new: list | None) -> None:
        if op == "I" and self._log and rel_id == self._log.id:
            self._schema_change(new)  # and its row, as any table's
        try:
            state = self._by_relation[rel_id]
        except KeyError:
            state = self._by_relation[rel_id] = self._state(rel_id)
        if state is not None:
            state.apply(op, old, new)
            state.replayed += 1
            self.stats.changes += 1

    def _truncate(self, message: Truncate) -> None:
        for rel_id in message.relations:
            state = self._state(rel_id)
            if state is not None:
                state.truncate()
                state.replayed += 1
                self.stats.changes += 1

    def _describe(self, rel: Relation) -> _TableState | None:
        """The state a change of `rel` is folded into, made anew when the relation was
        described again (other columns, or their order)."""
        table = self.tables.get(rel.qualified)
        if table is None:
            return None
        state = self.states.get(rel.qualified)
        if state is not None and state.columns == rel.columns:
            state.described = rel
            return state
        expected = set(table.copy_columns)
        if set(rel.columns) != expected:
            added = sorted(set(rel.columns) - expected)
            dropped = sorted(expected - set(rel.columns))
            what = "; ".join(
                filter(
                    None,
                    [
                        f"new columns {', '.join(added)}" if added else None,
                        f"columns gone {', '.join(dropped)}" if dropped else None,
                    ],
                )
            )
            at = self._at()
            raise SchemaChanged(
                f"{rel.qualified} changed its columns after this base was taken ({what}; "
                f"first seen in a transaction committed at {at}) and the change was not "
                "recorded: its changes from then on cannot be replayed onto this base. Take a "
                "new base backup (airvault backup) and restore from it, or restore to a point "
                "before that time"
            )
        if state is not None:
            self._flush()  # same columns, other order: write what was folded so far
            self._retire(state)
        state = _TableState(table, rel.columns, self._key_of(rel, table), described=rel)
        self.states[rel.qualified] = state
        self._by_relation.clear()  # none may point at the state it replaces
        return state

    @staticmethod
    def _key_of(rel: Relation, table: Table) -> list[int] | None:
        if rel.identity == "f":
            if not table.primary_key:
                return None
            return [rel.columns.index(c) for c in table.primary_key]
        # No identity: the server refuses its UPDATEs and DELETEs, so only inserts come (counted)
        return rel.key or None

    def _commit(self) -> None:
        self._open = False
        if self._skip:
            self.stats.skipped_before_base += 1
            return
        self.stats.transactions += 1
        self._last_commit = self._current
        if self._changed_schema:  # as the source did: its next transactions see it committed
            self._flush()
            self.conn.commit()
            if not self.replica:
                self.conn.execute("SET CONSTRAINTS ALL DEFERRED")
            self._changed_schema = False
        elif self.stats.changes >= self._size_at:
            # a change adds at most 2 rows to the batch (a key update): until the batch could
            # reach FLUSH_ROWS, its size need not be summed again
            size = sum(s.size() for s in self.states.values())
            if size >= FLUSH_ROWS:
                self._flush_behind()
                size = 0
            self._size_at = self.stats.changes + max(1, (FLUSH_ROWS - size) // 2)

    def _state(self, rel_id: int) -> _TableState | None:
        rel = self.relations.get(rel_id)
        if rel is None:
            raise IntegrityError(f"a change names relation {rel_id} before its description")
        state = self.states.get(rel.qualified)
        if state is None or state.described is not rel:
            state = self._describe(rel)
        if state is None and rel.qualified not in self._ignored:
            self._ignored.add(rel.qualified)
            log.info("%s: not in this restore, its changes are skipped", rel.qualified)
        return state

    def _schema_change(self, row: list | None) -> None:
        """Run the recorded command at its place: after the changes before it are written,
        on tables read again after it."""
        assert self._log is not None and row is not None  # (the log is appended to)
        change = ddl.SchemaChange.of_row(self._log.columns, row)
        statement, why = ddl.line_up(change)
        at = self._at()
        if statement is None or self.schema is None:
            raise SchemaChanged(
                f"{change.what}, committed at {at}, cannot be replayed "
                f"({why or 'this replay does not follow schema changes'}): restore from a base "
                "taken after it (capture takes one when it finds such a change), or to a point "
                "before it"
            )
        self._flush()
        self.check()  # what the replay wrote up to here is exact
        self._expected.clear()
        self.schema.before_change(self.conn)
        if not self.replica:  # ALTER TABLE refuses a table with checks still pending
            self.conn.execute("SET CONSTRAINTS ALL IMMEDIATE")
        run_command(self.conn, change, ddl.runnable(statement))
        if not self.replica:
            self.conn.execute("SET CONSTRAINTS ALL DEFERRED")
        self.tables, order, late = self.schema.after_change(self.conn)
        self._position = {n: i for i, n in enumerate(order)}
        self._late = {} if self.replica else late
        for state in self.states.values():
            self._retire(state)
        self.states.clear()  # described again by the next Relation messages
        self._by_relation.clear()
        self._references.clear()
        self._hashes.clear()
        self._changed_schema = True
        self.stats.schema_changes += 1
        log.info("replayed %s (committed at %s)", change.what, at)

    def _retire(self, state: _TableState) -> None:
        """A state no longer folded into: its count of changes goes to the stats."""
        name = state.table.qualified
        self.stats.tables[name] = self.stats.tables.get(name, 0) + state.replayed
        state.replayed = 0

    # -- writing ---------------------------------------------------------------------------

    def finish(self) -> ReplayStats:
        self._wait()
        if self._open and not self._skip:
            raise IntegrityError(
                "the change segments end inside a transaction (committed at "
                f"{self._at()}): they are damaged; nothing was restored"
            )
        for state in self.states.values():
            self._retire(state)
        self._flush()
        self.check()
        self._set_sequences()
        return self.stats

    def _flush(self) -> None:
        """Write what is folded, once the batch before is written."""
        self._wait()
        self._write(list(self.states.values()))

    def _flush_behind(self) -> None:
        """Hand the folded batch to a thread that writes it while the next one is folded: the
        replay's decoding and folding (Python) and the server's writing overlap, where they
        took turns. One batch is written at a time, in order; whatever else uses the
        connection waits for it (_flush, check, a schema change)."""
        self._wait()
        batch = list(self.states.values())
        self.states = {
            name: _TableState(s.table, s.columns, s.key, described=s.described, replayed=s.replayed)
            for name, s in self.states.items()
        }
        self._by_relation.clear()  # (it points at the states written now)
        self._writer = threading.Thread(
            target=self._write_behind, args=(batch,), name="airvault-replay-write", daemon=True
        )
        self._writer.start()

    def _write_behind(self, batch: list[_TableState]) -> None:
        try:
            self._write(batch)
        except BaseException as e:  # noqa: BLE001 - raised in the replay's thread by _wait
            self._write_error = e

    def _writer_done(self) -> BaseException | None:
        """Wait for the batch being written; how its write failed, if it did."""
        writer, self._writer = self._writer, None
        if writer is not None:
            writer.join()
        error, self._write_error = self._write_error, None
        return error

    def _wait(self) -> None:
        if error := self._writer_done():
            raise error

    def _write(self, batch: list[_TableState]) -> None:
        """Write every table's folded changes so that no foreign-key action can fire on a row
        outside them (without session_replication_role such actions are live): a changed row
        that still exists is updated in place, never deleted and inserted again;
        1. deletes no row refers to, children first (they free unique values for step 2);
        2. key changes (as the UPDATE they were), updates and inserts, parents first; the
           columns closing a foreign-key cycle after all of them;
        3. the other deletes, children first, once nothing refers to them any more (refused
           when something still would: an action would change a row the changes do not hold).
        Every table an action could reach is watched: `check` finds any row changed besides."""
        last = len(self._position)
        states = sorted(
            (s for s in batch if s.size() or s.truncated),
            key=lambda s: self._position.get(s.table.qualified, last),
        )
        if not states:
            return
        for state in states:
            if state.fetch_from:
                self._fill_unchanged(state)  # read before anything is written
            if self.replica:  # no ON UPDATE action fires: a changed key is a delete + insert
                state.moved.clear()
        self._watch([s.table.qualified for s in states])
        stages = [
            Stage.of(
                self.conn,
                s,
                next(self._stages),
                self._hash(s.table.qualified),
                self._late.get(s.table.qualified, []),
            )
            for s in states
        ]
        with key_lookups(self.conn):
            for stage in stages:
                self._account(stage, stage.before(self.conn), -1)
        for stage in reversed(stages):
            incoming = self._incoming(stage)  # joined too, on columns perhaps not indexed
            with key_lookups(self.conn, on=not incoming and stage.key is not None):
                self._account(stage, stage.remove_early(self.conn, incoming), -1)
        with key_lookups(self.conn):
            for stage in stages:
                self._account(stage, stage.write(self.conn, self._refusal), 1)
        for stage in stages:
            stage.write_late(self.conn)
            stage.open_cycle(self.conn)
        for stage in reversed(stages):
            stage.remove_late(self.conn, self._incoming(stage), self._refusal)
            stage.drop(self.conn)
        for state in states:
            state.clear()

    def _refusal(self, table: str, why: str) -> ReplayRefused:
        login = self.conn.info.user  # (the transaction may be aborted: nothing is asked)
        return ReplayRefused(
            f"{table}: {why}, so a foreign-key action would change rows the captured changes "
            "do not hold; nothing was restored. Let the replay write with foreign-key actions "
            f"off: GRANT SET ON PARAMETER session_replication_role TO {login} (PostgreSQL 15+; "
            "on RDS / Aurora rds_superuser has it), or restore as a superuser"
        )

    def _incoming(self, stage: Stage) -> list[Reference]:
        """The foreign keys referring to the stage's table (none matter where the session
        switches foreign-key triggers off)."""
        name = stage.table.qualified
        if self.replica:
            return []
        if name not in self._references:
            found = self.conn.execute(INCOMING, (regclass(self.conn, stage.table),))
            self._references[name] = [Reference(*row) for row in found]
        return self._references[name]

    def _watch(self, names: list[str]) -> None:
        """Take the digest of each restored table these changes or their foreign-key actions
        (none fire in replica mode) can reach, the first time it can be reached (until then
        nothing has written it)."""
        todo = [n for n in names if n in self.tables]
        while todo:
            name = todo.pop()
            if name in self._expected:
                continue
            table = self.tables[name]
            self._expected[name] = digest(self.conn, self._hash(name))
            if not self.replica:
                found = self.conn.execute(ACTIONS, (regclass(self.conn, table),)).fetchall()
                todo += [child for (child,) in found if child in self.tables]

    def _hash(self, name: str) -> RowHash:
        if name not in self._hashes:
            self._hashes[name] = RowHash.of(self.conn, self.tables[name])
        return self._hashes[name]

    def _account(self, stage: Stage, change: Digest, sign: int) -> None:
        name = stage.table.qualified
        rows, total = self._expected[name]
        self._expected[name] = (rows + sign * change[0], total + sign * change[1])

    def check(self) -> None:
        """Every watched table holds what the base and the replayed changes make: a row that
        something else (a foreign-key action, a trigger) changed, added or removed is found."""
        for name, expected in sorted(self._expected.items()):
            found = digest(self.conn, self._hash(name))
            if found != expected:
                raise IntegrityError(
                    f"{name}: after the replay it holds {found[0]:,} rows, where the base and "
                    f"the changes give {expected[0]:,} (or other content): something else "
                    "changed its rows (a foreign-key action or a trigger); nothing was restored"
                )

    def _fill_unchanged(self, state: _TableState) -> None:
        """Rows an UPDATE changed without touching a TOASTed value: read that value from the
        restored row before it is replaced."""
        assert state.key is not None  # (only keyed tables have unchanged values to fetch)
        keys = [state.columns[i] for i in state.key]
        wanted = {state.fetch_from[k]: k for k in state.fetch_from}
        cond = sql.SQL(" AND ").join(
            sql.SQL("{}::text = %s").format(sql.Identifier(k)) for k in keys
        )
        query = sql.SQL("SELECT {} FROM {} WHERE {}").format(
            sql.SQL(", ").join(
                sql.SQL("{}::text").format(sql.Identifier(c)) for c in state.columns
            ),
            state.table.relation,
            cond,
        )
        for source, key in wanted.items():
            found = self.conn.execute(query, list(source)).fetchone()
            row = state.rows.get(key)
            if found is None or row is None:
                if row is None:
                    continue
                raise IntegrityError(
                    f"{state.table.qualified}: an update of the row with key {source} kept a "
                    "large value the base does not hold"
                )
            state.rows[key] = [f if v is UNCHANGED else v for v, f in zip(row, found, strict=True)]
        state.fetch_from.clear()

    def _set_sequences(self) -> None:
        """Sequences are not in the change stream: each is set past every value used by the
        point (capture/sequences.py), from `sequences` (the bounds of the drains before it)."""
        set_at_point(self.conn, self.sequences, set(self.tables))


def run_command(conn: psycopg.Connection, change: ddl.SchemaChange, statement: str) -> None:
    """One recorded statement (the extended protocol refuses a second one), with the
    search_path and the settings it ran with, set back after."""
    names = ["search_path", *(n for n in ddl.SETTINGS if n in change.settings)]
    values = [change.search_path, *(change.settings[n] for n in names[1:])]
    before = [
        one_row(conn.execute("SELECT current_setting(%s)", (n,)).fetchone())[0] for n in names
    ]
    for name, value in zip(names, values, strict=True):
        conn.execute("SELECT set_config(%s, %s, false)", (name, value))
    try:
        conn.execute(statement, prepare=True)
    except psycopg.Error as e:
        raise SchemaChanged(
            f"{change.what} could not be replayed: {str(e).strip().splitlines()[0]}"
        ) from e
    for name, value in zip(names, before, strict=True):
        conn.execute("SELECT set_config(%s, %s, false)", (name, value))


def replay_session(conn: psycopg.Connection) -> bool:
    """Settings that read values as the drain printed them; no trigger or foreign-key check of
    the restored database fires where allowed (a superuser, or a login granted SET on
    session_replication_role). True when that was allowed."""
    for name, value in SESSION_SETTINGS.items():
        conn.execute("SELECT set_config(%s, %s, false)", (name, value))
    try:
        with conn.transaction():
            conn.execute("SET session_replication_role = replica")
        return True
    except psycopg.errors.InsufficientPrivilege:
        return False
