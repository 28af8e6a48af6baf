"""What a change segment's manifest says of the messages in it, counted as they pass: the
drain (capture/drain.py) and the streamer (capture/stream.py) feed every message through one
SegmentCounter per segment."""

from __future__ import annotations

import hashlib
import struct
from datetime import datetime

from airvault.capture import ddl
from airvault.capture.pgoutput import Begin, Change, Commit, Relation, decode, lsn_text
from airvault.storage.models import LargeObjectsSeen, SchemaChangeNote

RELATION_ID = struct.Struct(">I")  # a row change's relation id, after its type byte


class SegmentCounter:
    """What a segment's manifest says of its messages: row changes are counted from their
    header only (they are most of the stream); the rest are decoded, and so are the rows of
    the schema-change log (`recorded`: the event trigger is installed). A relation described
    with other columns than before, with no command recorded since, is a schema change
    nobody recorded."""

    def __init__(
        self,
        relations: dict[str, str] | None = None,
        recorded: bool = True,
        large_objects: LargeObjectsSeen | None = None,
    ) -> None:
        self.names: dict[int, str] = {}
        self.tables: dict[str, int] = {}
        self.transactions = self.changes = self.messages = 0
        self.first_commit: datetime | None = None
        self.last_commit: datetime | None = None
        self.last_end: int | None = None
        self.relations = dict(relations or {})  # relation id -> digest of its columns
        self.recorded = recorded
        self.log: Relation | None = None  # the schema-change log's description
        self.described: dict[int, Relation] = {}  # in this drain
        self.pending: list[tuple[str, str | None]] = []  # this transaction's: what, why not
        self.schema_changes: list[SchemaChangeNote] = []
        self.large_objects = large_objects  # the last look before this segment's
        self.look_due = True  # look at the large objects when this segment is written

    def see(self, data: bytes) -> None:
        kind = data[0]
        self.messages += 1
        if kind in (73, 85, 68):  # I, U, D: the relation id follows the type
            rel = RELATION_ID.unpack_from(data, 1)[0]
            if self.log is not None and rel == self.log.id:
                self._logged(data)
                return
            self.changes += 1
            name = self.names.get(rel, "?")
            self.tables[name] = self.tables.get(name, 0) + 1
            return
        if kind == 84:  # T: a truncate counts as one change
            self.changes += 1
            return
        message = decode(data)
        if isinstance(message, Begin):
            self.first_commit = self.first_commit or message.commit_time
        elif isinstance(message, Commit):
            self.transactions += 1
            self.last_commit, self.last_end = message.commit_time, message.end_lsn
            self.schema_changes += [
                SchemaChangeNote(
                    commit_lsn=lsn_text(message.commit_lsn),
                    committed_at=message.commit_time.isoformat(),
                    what=what,
                    replayable=why is None,
                    reason=why,
                )
                for what, why in self.pending
            ]
            self.pending = []
        elif isinstance(message, Relation):
            self._described(message)

    def _described(self, rel: Relation) -> None:
        self.names[rel.id] = rel.qualified
        if rel.qualified == ddl.LOG_TABLE:
            self.log = rel
            return
        digest = hashlib.sha1(repr((rel.columns, rel.type_oids)).encode()).hexdigest()[:16]
        before = self.relations.get(str(rel.id))
        if before is not None and before != digest:  # changed, and no command was recorded since
            why = _UNRECORDED if not self.recorded else _MISSED
            self.pending.append((_columns_changed(self.described.get(rel.id), rel), why))
        self.relations[str(rel.id)] = digest
        self.described[rel.id] = rel

    def _logged(self, data: bytes) -> None:
        message = decode(data)
        assert isinstance(message, Change) and self.log is not None
        if message.op != "I" or message.new is None:
            return  # (the log is only appended to)
        change = ddl.SchemaChange.of_row(self.log.columns, message.new)
        statement, why = ddl.line_up(change)
        self.pending.append((change.what, None if statement is not None else why))
        # a relation described again from here on may have changed by it: compared no more
        self.relations.clear()


_UNRECORDED = (
    "schema changes are not recorded in the stream (no event trigger): the replay cannot "
    "know what it was"
)


_MISSED = (
    "it was not recorded (run by a role the event trigger does not fire for, or with the "
    "trigger disabled): the replay cannot know what it was"
)


def _columns_changed(before: Relation | None, now: Relation) -> str:
    """A schema change seen only in the relation's description: what it did to the columns
    where the description before is at hand."""
    if before is None:
        return f"{now.qualified} changed its columns (now {', '.join(now.columns)})"
    added = [c for c in now.columns if c not in before.columns]
    gone = [c for c in before.columns if c not in now.columns]
    what = [f"new columns {', '.join(added)}"] * bool(added)
    what += [f"columns gone {', '.join(gone)}"] * bool(gone)
    return f"{now.qualified} changed its columns ({'; '.join(what) or 'their types'})"
