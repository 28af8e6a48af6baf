"""The change segments after a base, folded into each table's net changes: for a table with
a primary key, the final image of each changed key (or its deletion) and whether the base
must hold that key; for a table without one, the net copies of each distinct row to add or
remove. That is what the merge (merge.py) writes into the base's key-ordered file.

Transactions committed before the base's capture LSN are in the base already and skipped,
as a replay skips them (capture/replay.py); every later one in the segments is applied.

Across migrations (`follow_migrations`), the recorded schema changes are collected in commit
order, and a table described with other columns than the base's is set aside (`reshaped`)
rather than refused: migrations.py rebuilds such tables, and refuses one no recorded change
explains."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from airvault.capture import ddl
from airvault.capture.pgoutput import UNCHANGED, Begin, Change, Commit, Relation, Truncate, decode
from airvault.errors import AirvaultError, IntegrityError
from airvault.storage.models import TableEntry

Row = list  # column texts as pgoutput sent them: str, None (NULL) or UNCHANGED (TOASTed)


class SyntheticRefused(AirvaultError):
    """A synthetic full backup cannot be built exactly; the message names the table and why."""


@dataclass
class TableChanges:
    """One table's net changes since the base, in the base file's column order."""

    entry: TableEntry
    key: list[int] | None  # indexes of the primary key's columns; None: no primary key
    rows: dict[tuple, Row | None] = field(default_factory=dict)  # key -> final image / deleted
    in_base: dict[tuple, bool] = field(default_factory=dict)  # key -> the base must hold it
    counts: Counter = field(default_factory=Counter)  # no key: row -> net copies to add
    truncated: bool = False  # the base's rows are gone: only what came after counts
    changes: int = 0

    @property
    def name(self) -> str:
        return self.entry.qualified

    def apply(self, change: Change) -> None:
        self.changes += 1
        if self.key is None:
            self._count(change)
            return
        old_key = self._key(change.old) if change.old is not None else None
        if change.op == "D":
            assert old_key is not None  # (a DELETE names its row's identity)
            self._set(old_key, None)
            return
        assert change.new is not None  # (an INSERT or UPDATE has the row after)
        new, key = change.new, self._key(change.new)
        was = key if old_key is None or change.op == "I" else old_key
        if UNCHANGED in new and self.rows.get(was) is not None:
            before = self.rows[was]
            assert before is not None
            new = [b if n is UNCHANGED else n for n, b in zip(new, before, strict=True)]
        if UNCHANGED in new and was != key:
            raise SyntheticRefused(
                f"{self.name}: a row changed its key ({was} -> {key}) and kept a large value "
                "only the base holds at the old key: a merge in key order cannot carry it"
            )
        if was != key:
            self._set(was, None)
        if (change.op == "I" or was != key) and key not in self.in_base:
            self.in_base[key] = False  # a new key: the base cannot hold it
        self._set(key, new)

    def _set(self, key: tuple, image: Row | None) -> None:
        self.in_base.setdefault(key, not self.truncated)  # first seen as existing before
        self.rows[key] = image

    def _count(self, change: Change) -> None:
        if change.old is not None:
            self.counts[tuple(change.old)] -= 1
        if change.new is not None:
            new = change.new
            if UNCHANGED in new:  # FULL identity: the old row has every value
                assert change.old is not None
                new = [o if n is UNCHANGED else n for n, o in zip(new, change.old, strict=True)]
            self.counts[tuple(new)] += 1

    def _key(self, values: Row) -> tuple:
        assert self.key is not None
        return tuple(values[i] for i in self.key)

    def truncate(self) -> None:
        self.changes += 1
        self.rows.clear()
        self.in_base.clear()
        self.counts.clear()
        self.truncated = True


@dataclass
class Folded:
    """Every table's net changes, and what was read."""

    tables: dict[str, TableChanges] = field(default_factory=dict)
    transactions: int = 0
    changes: int = 0
    skipped_before_base: int = 0
    schema_changes: list[Recorded] = field(default_factory=list)  # in commit order
    reshaped: set[str] = field(default_factory=set)  # base tables described with other columns


@dataclass(frozen=True)
class Recorded:
    """A schema change of capture's log (capture/ddl.py) and the transaction it ran in."""

    change: ddl.SchemaChange
    commit_lsn: int
    committed_at: str


class Folder:
    """Feed it the messages of consecutive segments after a base at `base_lsn`."""

    def __init__(
        self, entries: list[TableEntry], base_lsn: int, follow_migrations: bool = False
    ) -> None:
        self.entries = {e.qualified: e for e in entries}
        self.base_lsn = base_lsn
        self.follow_migrations = follow_migrations
        self.result = Folded()
        self._relations: dict[int, Relation] = {}
        self._begin: Begin | None = None
        self._columns: dict[str, list[int]] = {}  # table -> base column index of each sent
        self._skip = False

    def feed(self, messages: Iterable[bytes]) -> None:
        for data in messages:
            message = decode(data)
            if isinstance(message, Change):
                if not self._skip:
                    self._change(message)
            elif isinstance(message, Begin):
                self._begin = message
                self._skip = message.commit_lsn < self.base_lsn  # in the base already
            elif isinstance(message, Commit):
                if self._skip:
                    self.result.skipped_before_base += 1
                else:
                    self.result.transactions += 1
            elif isinstance(message, Relation):
                self._relation(message)
            elif isinstance(message, Truncate) and not self._skip:
                for rel_id in message.relations:
                    if (state := self._state(rel_id)) is not None:
                        state.truncate()
                        self.result.changes += 1

    def _relation(self, rel: Relation) -> None:
        self._relations[rel.id] = rel
        entry = self.entries.get(rel.qualified)
        if entry is None:
            return  # not in the backup (excluded, or airvault's own)
        names = [c.name for c in entry.columns]
        if sorted(rel.columns) != sorted(names) and self.follow_migrations:
            self.result.reshaped.add(rel.qualified)  # rebuilt by migrations.py, or refused
            self.result.tables.pop(rel.qualified, None)
            return
        if sorted(rel.columns) != sorted(names):
            added = sorted(set(rel.columns) - set(names))
            gone = sorted(set(names) - set(rel.columns))
            raise SyntheticRefused(
                f"{rel.qualified} changed its columns after the base was taken (new: "
                f"{', '.join(added) or '-'}; gone: {', '.join(gone) or '-'}): its file cannot "
                "be built from the base; take a real full backup"
            )
        if rel.identity == "i" and entry.primary_key:
            raise SyntheticRefused(
                f"{rel.qualified}: its replica identity is an index, not its primary key: its "
                "changes do not always name the primary key a merge in key order needs"
            )
        self._columns[rel.qualified] = [rel.columns.index(n) for n in names]

    def _state(self, rel_id: int) -> TableChanges | None:
        rel = self._relations.get(rel_id)
        if rel is None:
            raise IntegrityError(f"a change names relation {rel_id} before its description")
        entry = self.entries.get(rel.qualified)
        if entry is None or rel.qualified in self.result.reshaped:
            return None
        state = self.result.tables.get(rel.qualified)
        if state is None:
            names = [c.name for c in entry.columns]
            key = [names.index(c) for c in entry.primary_key] if entry.primary_key else None
            state = self.result.tables[rel.qualified] = TableChanges(entry, key)
        return state

    def _change(self, change: Change) -> None:
        rel = self._relations.get(change.relation)
        if rel is not None and rel.qualified == ddl.LOG_TABLE and change.op == "I":
            self._record(rel, change)
        state = self._state(change.relation)
        if state is None:
            return
        rel = self._relations[change.relation]
        order = self._columns[rel.qualified]
        reorder = lambda row: None if row is None else [row[i] for i in order]  # noqa: E731
        state.apply(Change(change.op, change.relation, reorder(change.old), reorder(change.new)))
        self.result.changes += 1

    def _record(self, rel: Relation, change: Change) -> None:
        assert self._begin is not None and change.new is not None  # (an INSERT, in a txn)
        recorded = ddl.SchemaChange.of_row(rel.columns, change.new)
        when = self._begin.commit_time.isoformat()
        self.result.schema_changes.append(Recorded(recorded, self._begin.commit_lsn, when))
