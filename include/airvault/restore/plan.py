"""The plan a user confirms, and the result of applying it.

A `RestorePlan` is what a dry run found: per table the rows to insert, update and delete, the
backup it was made from (its manifest's digest) and a fingerprint of every table of the target
it would touch. It round-trips through JSON (XCom between the plan and apply tasks, or a file
with `airvault restore --plan-out` / `--plan`). Applying it re-reads the fingerprints once the
tables are locked against writers and refuses, listing what changed, when they differ: what
is applied is what was confirmed, or nothing.

The fingerprint of a table (`TableFingerprint`), chosen to be cheap and to miss nothing:
- its definition: every column (name, type, NOT NULL, default, generated, identity) as text,
  and a digest of its constraints and triggers (so an added column, a changed type, a new
  check or trigger is named);
- its rows: the count, and a sum of hashes of each row version's (tableoid, ctid, xmin). An
  INSERT, UPDATE or DELETE always makes or removes a row version with its own ctid and xmin,
  so any committed change to a row changes the sum, without reading (or de-TOASTing) a
  single value: one sequential pass over the heap, no sort, no memory. A VACUUM FULL or
  CLUSTER moves rows without changing them; that reads as changed too (refused, to be
  planned again: on the safe side).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Literal

import psycopg
from psycopg import sql
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from airvault.errors import AirvaultError
from airvault.restore.request import RestoreRequest


@dataclass
class TablePlan:
    table: str
    role: str  # "selected" or "parent" (pulled in for the foreign keys; never deletes)
    backup_rows: int
    target_rows: int = 0
    insert: int = 0
    update: int = 0
    delete: int = 0
    how: str = ""  # UNCHANGED or EMPTY when a shortcut applied (nothing staged), else ""


class TableFingerprint(BaseModel):
    model_config = ConfigDict(strict=True, frozen=True, extra="forbid")

    table: str
    columns: list[str]  # "name type [not null] [default ...] [generated] [identity]"
    definition: str  # sha256 of its constraints and triggers
    rows: int
    content: str  # sum of hashes of its row versions (see the module docstring)


_DEFINITIONS = """
SELECT x.n, c.relkind = 'p',
  array(SELECT a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
               || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
               || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
               || CASE WHEN a.attgenerated <> '' THEN ' generated' ELSE '' END
               || CASE WHEN a.attidentity <> '' THEN ' identity' ELSE '' END
        FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum),
  array(SELECT 'constraint ' || conname || ': ' || pg_get_constraintdef(oid) FROM pg_constraint
        WHERE conrelid = c.oid ORDER BY conname)
  || array(SELECT 'trigger ' || tgname || ' ' || tgenabled::text FROM pg_trigger
           WHERE tgrelid = c.oid AND NOT tgisinternal ORDER BY tgname)
FROM unnest(%s::text[], %s::text[]) x(n, reg) JOIN pg_class c ON c.oid = to_regclass(x.reg)
"""

_ROWS = (
    "SELECT count(*), coalesce(sum(hashtextextended("
    "tableoid::text || ':' || ctid::text || ':' || xmin::text, 0)::numeric), 0)::text FROM {}"
)


def target_fingerprints(conn: psycopg.Connection, names: list[str]) -> list[TableFingerprint]:
    """The fingerprints of tables `names` ("schema.table") as this transaction sees them; a
    table that does not exist has none (the schema check names it)."""
    regs = [sql.Identifier(*n.split(".", 1)).as_string(conn) for n in names]
    found = []
    for name, partitioned, columns, definition in conn.execute(_DEFINITIONS, (names, regs)):
        ident = sql.Identifier(*name.split(".", 1))
        rel = ident if partitioned else sql.SQL("ONLY {}").format(ident)
        row = conn.execute(sql.SQL(_ROWS).format(rel)).fetchone()
        assert row is not None  # (an aggregate: one row)
        digest = hashlib.sha256("\n".join(definition).encode()).hexdigest()
        found.append(
            TableFingerprint(
                table=name,
                columns=list(columns),
                definition=digest,
                rows=int(row[0]),
                content=str(row[1]),
            )
        )
    return sorted(found, key=lambda f: f.table)


def changes_since(planned: list[TableFingerprint], now: list[TableFingerprint]) -> list[str]:
    """What differs between the target as planned and as it is, one line per change."""
    current = {f.table: f for f in now}
    changes = []
    for was in planned:
        is_ = current.get(was.table)
        if is_ is None:
            changes.append(f"{was.table}: the table is gone")
            continue
        name = lambda c: c.split(" ", 1)[0]  # noqa: E731
        before, after = {name(c): c for c in was.columns}, {name(c): c for c in is_.columns}
        changes += [f"{was.table}: column {after[c]} added" for c in after if c not in before]
        changes += [f"{was.table}: column {c} dropped" for c in before if c not in after]
        changes += [
            f"{was.table}: column {before[c]} is now {after[c]}"
            for c in before
            if c in after and before[c] != after[c]
        ]
        if was.definition != is_.definition:
            changes.append(f"{was.table}: its constraints or triggers changed")
        if was.rows != is_.rows:
            changes.append(f"{was.table}: {was.rows:,} rows when planned, {is_.rows:,} now")
        elif was.content != is_.content:
            changes.append(f"{was.table}: rows were inserted, updated or deleted since the plan")
    return changes


class TargetChanged(AirvaultError):
    """The target is not what the confirmed plan was made against."""

    def __init__(self, changes: list[str]) -> None:
        self.changes = changes
        super().__init__(
            "the target changed since the plan was made, so it is not applied; nothing was "
            "written. Plan again and confirm the new plan. Changed: " + "; ".join(changes)
        )


def summary_lines(tables: list[TablePlan]) -> list[str]:
    head = f"{'table':<32} {'role':<8} {'backup':>9} {'target':>9} {'insert':>8} {'update':>8} {'delete':>8}"
    lines = [head]
    for t in tables:
        lines.append(
            f"{t.table:<32} {t.role:<8} {t.backup_rows:>9,} {t.target_rows:>9,} "
            f"{t.insert:>8,} {t.update:>8,} {t.delete:>8,}" + (f"  {t.how}" if t.how else "")
        )
    return lines


class RestorePlan(BaseModel):
    """A dry run's findings, to be applied exactly as confirmed (see the module docstring)."""

    model_config = ConfigDict(strict=True, frozen=True, extra="forbid")

    format: Literal["airvault-restore-plan"] = "airvault-restore-plan"
    id: str = Field(pattern=r"^[0-9a-f]{8}$")  # the restore's id (its safety backup's scope)
    made_at: str
    request: RestoreRequest
    backup_url: str  # as opened when planned
    backup_label: str
    backup_digest: str  # OpenedBackup.digest: applied only to this very backup
    database: str  # the target's database name (never its DSN)
    tables: list[TablePlan]
    notices: list[str] = Field(default_factory=list)
    fingerprints: list[TableFingerprint] = Field(default_factory=list)
    # the target is at another app version than the backup and the request does not accept it:
    # applying is refused (pg.app_version)
    app_version_mismatch: str | None = None
    # what this login lacks for the restore and the statements that would allow it (airvault
    # check --privileges), filled by the caller that may read them (ops.privileges)
    preflight: list[str] = Field(default_factory=list)

    @property
    def mode(self) -> str:
        return self.request.mode

    def summary(self) -> str:
        lines = [f"plan {self.id} ({self.mode}) of {self.backup_label} into {self.database}:"]
        lines += summary_lines(self.tables) + [f"note: {n}" for n in self.notices]
        lines += [f"privileges: {p}" for p in self.preflight]
        owners = sorted(self.request.owner_map.items())
        return "\n".join(lines + [f"owner {a} -> {b} (--owner-map)" for a, b in owners])

    def to_json(self) -> dict:
        return self.model_dump(mode="json")

    @classmethod
    def load(cls, document: str | bytes | dict, where: str) -> RestorePlan:
        """A plan from its JSON (a file, an XCom), or a clear error naming `where` and the
        field. Nothing in it is trusted beyond what it asks: applying re-opens and
        authenticates the backup, checks it is the planned one, and re-checks the target."""
        text = document if isinstance(document, str | bytes) else json.dumps(document)
        try:
            return cls.model_validate_json(text)
        except ValidationError as e:
            first = e.errors()[0]
            path = ".".join(str(p) for p in first["loc"]) or "(document)"
            raise AirvaultError(f"{where} is not a restore plan: {path}: {first['msg']}") from None

    @staticmethod
    def now() -> str:
        return datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclass
class RestoreResult:
    restore_id: str
    mode: str
    dry_run: bool
    tables: list[TablePlan] = field(default_factory=list)
    safety_backup: str | None = None
    seconds: float = 0.0
    notices: list[str] = field(default_factory=list)  # what it did not bring back, and why
    # replace / merge: sequences set past the backup's value ("schema.seq: from -> to"), as
    # the target's rows or sequence had gone further (apply.set_sequences)
    sequences_moved: list[str] = field(default_factory=list)
    owner_map: dict[str, str] = field(default_factory=dict)  # new-database: owner -> given to
    plan_id: str | None = None  # the confirmed plan that was applied (None: planned in-line)

    def summary(self) -> str:
        lines = summary_lines(self.tables)
        if self.sequences_moved:
            lines.append(
                "sequences set past the backup's value (the target had gone further): "
                + ", ".join(self.sequences_moved)
            )
        lines += [f"note: {n}" for n in self.notices]
        lines += [f"owner {a} -> {b} (--owner-map)" for a, b in sorted(self.owner_map.items())]
        return "\n".join(lines)

    def to_json(self) -> dict:
        return {**asdict(self), "tables": [asdict(t) for t in self.tables]}
