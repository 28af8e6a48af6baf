"""Synthetic full backups across recorded migrations: the tables a migration reshaped are
rebuilt in a scratch database on the app's server, the others are merged as without one.

Why this way: a migration's effect on rows is PostgreSQL's to say. An added column's
default, a type changed with USING, a renamed or dropped column: rebuilding those values in
Python would mean reproducing PostgreSQL's casts and defaults one by one, and getting one
wrong would be a silent wrong result. So the server does it, on the base's rows, by the
same replay a point-in-time restore runs (capture/replay.py), and the files are written by
the normal backup writer: their content is a real backup's by construction.

The steps:
1. `plan_rebuild` (a dry run): the base's schema alone (no rows) in a scratch database,
   every recorded command run on it in commit order; each table's shape (name, columns,
   primary key, storage: a rewrite gets new files) is compared by oid before and after. A
   table whose shape changed, and one created since the base, is rebuilt; a dropped one is
   gone (one attached as a partition: its rows come along). Their foreign-key parents
   (transitively) come along too, so that the replay's checks and a constraint added with
   rows find theirs.
   The app's schema now must then be the scratch database's (owners and capture's own
   bookkeeping aside: `check_same_schema`), else the schema changed after the point.
2. `rebuild_across_migrations`: the base's schema again, with the rows of those tables
   only; the segments replayed onto it up to the newest durable point (every schema change
   at its place: `replay_rebuilt`); the rebuilt tables are dumped from it as a real backup
   dumps them (same COPY, same order). None to rebuild: no second database.
Every other table is merged from the base's file (merge.py): a migration that only added an
index, a constraint or an enum value leaves its rows and key as they were.

What cannot be built exactly is refused, naming the change and its table: a recorded change
the replay cannot repeat (capture's gaps: a default calling a function, USING f(), DDL run
from a function or DO block), a table described with other columns no recorded change
explains, a rename of an enum value or a composite type's attribute (the rows holding it
change text where no table changes shape), and a scratch database whose collation differs
from the app's (it would order text keys otherwise). The scratch databases are dropped
afterwards, also on a failure; they are never the app's, so no app table is read."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from airvault.backup.contents import Contents
from airvault.backup.dump import BackupSession, dump_table
from airvault.backup.synthetic.base import on_base
from airvault.backup.synthetic.fold import Folded, Recorded, SyntheticRefused
from airvault.capture import ddl
from airvault.capture.batch import ReplayRefused
from airvault.capture.pgoutput import parse_lsn
from airvault.capture.replay import Point, SchemaChanged, replay_session, run_command
from airvault.errors import AirvaultError, IntegrityError
from airvault.pg.app_version import QUERY_TOOL, read_app_version
from airvault.pg.objects import SYSTEM_SCHEMAS
from airvault.pg.tools import schema_archive
from airvault.restore.apply import copy_backup_file, copy_in
from airvault.restore.new_database import (
    check_target_server,
    create_database,
    drop_database,
    is_superuser,
    load_new_database,
    schema_archive_file,
    stand_in_roles,
)
from airvault.restore.point_in_time import replay_segments
from airvault.storage.models import ChangeSegment, CopiedData
from airvault.storage.opened import OpenedBackup
from airvault.storage.store import Store

log = logging.getLogger("airvault.backup.run")

SCRATCH_PREFIX = "airvault_synthetic_"

# Each app table's shape: what changes when a migration changes its rows or their order
_SHAPES = f"""
SELECT c.oid::bigint, n.nspname || '.' || c.relname,
       (SELECT array_agg(pg_relation_filenode(t.relid) ORDER BY t.relid)
        FROM pg_partition_tree(c.oid) t)::text,
       (SELECT array_agg(ROW(a.attnum, a.attname, format_type(a.atttypid, a.atttypmod),
                             a.attnotnull, a.attisdropped, a.attgenerated)::text
                         ORDER BY a.attnum)
        FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0)::text,
       (SELECT pg_get_constraintdef(k.oid) FROM pg_constraint k
        WHERE k.conrelid = c.oid AND k.contype = 'p'),
       (SELECT array_agg(DISTINCT k.confrelid::bigint) FROM pg_constraint k
        WHERE k.conrelid = c.oid AND k.contype = 'f'),
       c.relispartition
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND {SYSTEM_SCHEMAS}
"""


@dataclass(frozen=True)
class Shape:
    name: str
    files: str  # its storage (and its partitions'): new after a rewrite
    columns: str  # number, name, type, not null, dropped, generated of every column
    key: str | None  # the primary key
    parents: frozenset[int]  # the tables its foreign keys point at
    partition: bool  # its rows are in its partitioned table's file, not a file of its own

    def same_rows_as(self, other: Shape) -> bool:
        return (self.name, self.files, self.columns, self.key) == (
            other.name,
            other.files,
            other.columns,
            other.key,
        )


def shapes(conn: psycopg.Connection) -> dict[int, Shape]:
    """Every table of the database (partitions too), by oid."""
    return {
        int(oid): Shape(name, files or "", columns or "", key, frozenset(parents or ()), part)
        for oid, name, files, columns, key, parents, part in conn.execute(_SHAPES)
    }


@dataclass(frozen=True)
class Rebuild:
    """What the migrations since the base change: the tables built in a scratch database
    (named as now), the base tables they replace or that were dropped (not merged), and the
    base tables whose rows the scratch database is loaded with."""

    rebuilt: list[str]
    replaced: set[str]
    loaded: list[str]
    replica: bool  # the login writes with foreign-key triggers off (session_replication_role)
    # rebuilt (named as now) or attached (as then), from a table the base left out: no rows
    unbacked: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class AppSchema:
    """The app's schema now, as the backup holds it (schema.sql), and what pg_dump dumped."""

    text: bytes
    schemas: list[str] | None
    exclude: list[str]


@dataclass(frozen=True)
class Across:
    """What a synthetic full backup across migrations is built from."""

    dsn: str
    base: OpenedBackup
    root: Store
    segments: list[ChangeSegment]


def rebuild_across_migrations(
    job: Across, session: BackupSession, contents: Contents, folded: Folded, schema: AppSchema
) -> tuple[Contents, dict[str, CopiedData], Rebuild]:
    """The files of the tables the migrations since the base reshaped or created, dumped
    from a scratch database; `contents` checked against the base for the others, and
    `folded` left with the changes of the tables still to merge."""
    base, capture = job.base, job.base.manifest.capture
    assert capture is not None  # (newest_base chose a capture-aligned one)
    check_recorded(folded, job.segments, parse_lsn(capture.lsn))
    rebuild = plan_rebuild(job.dsn, base, folded.schema_changes, schema)
    _check_plan(rebuild, folded, contents)
    for name in rebuild.replaced:
        folded.tables.pop(name, None)  # rebuilt, or dropped
    contents = on_base(contents, base.manifest, rebuild.rebuilt, rebuild.replaced)
    version = base.manifest.app_version  # changed by a migration: read at the point
    if version is not None and version.tool == QUERY_TOOL:
        raise SyntheticRefused(
            "the app's migration head comes from backup.app_version_query, which only a read "
            "of the app's tables can run, and migrations ran since the base; take a real full "
            "backup"
        )
    reread = version is not None and version.source in set(folded.tables) | rebuild.replaced
    if version is not None and reread:
        rebuild = replace(rebuild, loaded=sorted({*rebuild.loaded, version.source}))
    if not rebuild.loaded and not rebuild.rebuilt:
        return contents, {}, rebuild  # indexes, constraints, enum values: every table merged
    with scratch_database(job.dsn, capture.database, "build") as scratch:
        replay_rebuilt(scratch, capture.database, base, job.root, job.segments, rebuild)
        if version is not None and reread:
            with psycopg.connect(scratch) as conn:
                head = read_app_version(conn, None, version.tool)
            contents = replace(contents, app_version=head)
        at_point = replace(session, dsn=scratch, snapshot="")
        rebuilt = set(rebuild.rebuilt)
        copied = {
            s.table.qualified: dump_table(at_point, s)
            for s in contents.selections
            if s.table.qualified in rebuilt
        }
    return contents, copied, rebuild


def _check_plan(rebuild: Rebuild, folded: Folded, contents: Contents) -> None:
    """Refuse what the plan cannot build from the base: a table the stream described with
    other columns that no recorded migration reshaped, and one whose rows the base lacks."""
    if unexplained := sorted(folded.reshaped - rebuild.replaced):
        raise SyntheticRefused(
            f"{unexplained[0]} changed its columns after the base and no recorded migration "
            "did it: its file cannot be built; take a real full backup"
        )
    wanted = {s.table.qualified for s in contents.selections}
    if unbacked := [n for n in rebuild.unbacked if n in wanted or n not in rebuild.rebuilt]:
        raise SyntheticRefused(
            f"{unbacked[0]}: a migration brought a table the base left out (excluded) into the "
            "backup; its rows are not in the base; take a real full backup"
        )


def check_recorded(folded: Folded, segments: list[ChangeSegment], base_lsn: int) -> None:
    """Refuse when a schema change after the base is one a replay cannot repeat (a gap of
    the capture), or when the segments name other schema changes than their rows hold."""
    notes = [n for s in segments for n in s.schema_changes if parse_lsn(n.commit_lsn) >= base_lsn]
    for note in notes:
        if not note.replayable:
            raise SyntheticRefused(
                f"{note.what}, committed at {note.committed_at}, cannot be replayed "
                f"({note.reason}): no synthetic full backup can hold what the app does after "
                "it; take a real full backup"
            )
    if len(notes) != len(folded.schema_changes):
        raise SyntheticRefused(
            f"the segments name {len(notes)} schema change(s) after the base and their rows "
            f"hold {len(folded.schema_changes)}: take a real full backup"
        )


def plan_rebuild(
    dsn: str, base: OpenedBackup, changes: list[Recorded], schema: AppSchema
) -> Rebuild:
    """The dry run: the recorded commands on the base's schema without rows (see above),
    which must give the app's schema now."""
    app_database = base.manifest.capture.database if base.manifest.capture else ""
    with scratch_database(dsn, app_database, "plan") as scratch:
        build_schema(scratch, base, [])
        with psycopg.connect(scratch) as conn:
            replica = replay_session(conn)  # as the replay will write: FK triggers off?
            conn.commit()
            before = shapes(conn)
            for recorded in changes:
                try:
                    run_command(conn, recorded.change, _statement(recorded))
                except SchemaChanged as e:
                    raise SyntheticRefused(f"{e}; take a real full backup") from e
                conn.commit()
            after = shapes(conn)
        check_same_schema(schema, scratch)
    return _classify(before, after, {e.qualified for e in base.manifest.tables}, replica)


def _statement(recorded: Recorded) -> str:
    statement, why = ddl.line_up(recorded.change)
    words = set(statement.words) if statement else set()
    if statement is not None and statement.head == "ALTER" and "TYPE" in statement.words[:2]:
        if "ATTRIBUTE" in words or {"RENAME", "VALUE"} <= words:
            why = "the rows holding the type change their text, in every table using it"
    if statement is None or why:
        raise SyntheticRefused(
            f"{recorded.change.what}, committed at {recorded.committed_at}, cannot be "
            f"rebuilt ({why}); take a real full backup"
        )
    return ddl.runnable(statement)


def _classify(
    shapes_before: dict[int, Shape],
    shapes_after: dict[int, Shape],
    in_base: set[str],
    replica: bool,
) -> Rebuild:
    """By oid: a table of its own whose shape changed, or that is new, is rebuilt; one gone
    (dropped, or attached as a partition: then loaded, its rows move) is not merged."""
    before = {o: s for o, s in shapes_before.items() if not s.partition}
    after = {o: s for o, s in shapes_after.items() if not s.partition}
    changed = {o for o, s in before.items() if o in after and not after[o].same_rows_as(s)}
    created = set(after) - set(before)
    replaced = {before[o].name for o in changed | (set(before) - set(after))}
    attached = {o for o in before if o in shapes_after and o not in after}
    rebuilt = changed | created
    loaded = changed | attached | _parents(rebuilt, before, after, replica)
    return Rebuild(
        rebuilt=sorted(after[o].name for o in rebuilt),
        replaced=replaced & in_base,
        loaded=sorted({before[o].name for o in loaded if o in before} & in_base),
        replica=replica,
        unbacked=sorted(
            {after[o].name for o in changed if before[o].name not in in_base}
            | {before[o].name for o in attached if before[o].name not in in_base}
        ),
    )


def _parents(
    rebuilt: set[int], before: dict[int, Shape], after: dict[int, Shape], replica: bool
) -> set[int]:
    """The tables whose rows the rebuilt ones' foreign keys need in the scratch database: the
    parents of a foreign key a migration added, and of every foreign key of a table it
    rewrote (a type change checks them again against the rows); without the replica role
    (the replay's writes are checked too) every parent, theirs, and so on."""
    if replica:
        needed: set[int] = set()
        for oid in rebuilt:
            then, now = before.get(oid), after[oid]
            rewritten = then is not None and then.files != now.files
            needed |= now.parents if rewritten or then is None else now.parents - then.parents
        return needed
    needed = set()
    todo = list(rebuilt)
    while todo:  # then and now
        oid = todo.pop()
        for shape in (before.get(oid), after.get(oid)):
            for parent in shape.parents if shape else ():
                if parent not in needed:
                    needed.add(parent)
                    todo.append(parent)
    return needed


@contextmanager
def scratch_database(dsn: str, app_database: str, what: str) -> Iterator[str]:
    """The DSN of a new database's name on the app's server, dropped after, on an error too.
    The name is the app database's own (hashed): a leftover of a killed run is dropped
    before (one synthetic full backup of a database at a time)."""
    digest = hashlib.sha256(app_database.encode()).hexdigest()[:12]
    name = f"{SCRATCH_PREFIX}{digest}_{what}"
    scratch = make_conninfo("", **{**conninfo_to_dict(dsn), "dbname": name})
    drop_database(scratch)
    try:
        yield scratch
    finally:
        drop_database(scratch)


def build_schema(scratch: str, base: OpenedBackup, loaded: list[str]) -> None:
    """The base's schema in the (new) database `scratch`, with the rows of `loaded` only,
    as a new-database restore builds it: as it was for a superuser; for another login with
    every object its own (roles "ignore"), so that it may run the recorded commands on them
    (owners are no part of the rows, and the schema check leaves them aside)."""
    manifest = base.manifest
    admin = make_conninfo(scratch, dbname="postgres")
    roles_mode = "auto" if is_superuser(admin) else "ignore"
    owner_options = check_target_server(scratch, manifest, roles_mode)
    entries = [e for e in manifest.tables if e.qualified in set(loaded)]
    roles = {e.qualified: "selected" for e in entries}
    try:
        with schema_archive_file(base) as archive, stand_in_roles(scratch, manifest, owner_options):
            create_database(scratch, base, owner_options, archive)
            load_new_database(scratch, base, entries, roles, 2, owner_options, archive)
    except IntegrityError:
        raise  # the base is damaged: said as such
    except (AirvaultError, psycopg.Error) as e:  # e.g. a login without CREATEDB
        raise SyntheticRefused(
            f"the base's schema could not be built in a scratch database ({e}): the tables "
            "migrations changed cannot be rebuilt; take a real full backup"
        ) from e


def replay_rebuilt(
    scratch: str,
    app_database: str,
    base: OpenedBackup,
    root: Store,
    segments: list[ChangeSegment],
    rebuild: Rebuild,
) -> None:
    """The base's schema and the loaded tables' rows in `scratch`, every segment replayed
    onto them, schema changes at their place: the rebuilt tables as they are at the end."""
    if rebuild.replica:  # rows after the constraints: no parent needs loading for them
        build_schema(scratch, base, [])
        _load_rows(scratch, base, rebuild.loaded)
    else:  # as a restore: every foreign-key parent loaded too (Rebuild.loaded has them)
        build_schema(scratch, base, rebuild.loaded)
    _same_collation(scratch, app_database)
    try:
        stats = replay_segments(
            scratch, base.manifest, set(rebuild.loaded), root, segments, Point(), base.store.key
        )
    except (SchemaChanged, ReplayRefused) as e:  # backup.synthetic: auto takes a real one
        raise SyntheticRefused(f"{e}; take a real full backup") from e
    log.info(
        "rebuilt %s in a scratch database: %d schema change(s), %s row changes replayed",
        ", ".join(rebuild.rebuilt),
        stats.schema_changes,
        f"{stats.changes:,}",
    )


def _load_rows(scratch: str, base: OpenedBackup, loaded: list[str]) -> None:
    """The base's rows of the `loaded` tables into the scratch database built without rows,
    foreign-key triggers off (the replica role): the constraints exist already, and the
    parents of the loaded tables stay empty. Each file is checked as it is read."""
    with psycopg.connect(scratch) as conn:
        if not replay_session(conn):
            raise SyntheticRefused("session_replication_role is no longer granted to this login")
        for entry in base.manifest.tables:
            if entry.qualified in loaded:
                target = sql.Identifier(entry.schema_name, entry.name)
                columns = [c.name for c in entry.columns]
                copy_backup_file(conn, copy_in(target, columns), base.store, entry, base.codec)
        conn.commit()


def _same_collation(scratch: str, app: str) -> None:
    """The scratch database orders text as the app's does: its locale is the server's
    default, which a database can have been created without."""
    query = (
        "SELECT datname, pg_encoding_to_char(encoding), datcollate, datctype, datlocprovider, "
        "coalesce(to_jsonb(d) ->> 'datlocale', to_jsonb(d) ->> 'daticulocale') "
        "FROM pg_database d WHERE datname = ANY(%s)"
    )
    with psycopg.connect(scratch) as conn:
        new = conn.info.dbname
        found = {r[0]: r[1:] for r in conn.execute(query, ([app, new],))}
    if found.get(app) != found.get(new):
        raise SyntheticRefused(
            f"database {app} has another encoding or collation ({found.get(app)}) than a new "
            f"database on its server ({found.get(new)}): the tables a migration changed "
            "cannot be rebuilt in the same order; take a real full backup"
        )


def check_same_schema(schema: AppSchema, scratch: str) -> None:
    """The app's schema now is the scratch database's after the recorded commands: the
    schema of the newest durable point (a change after it, not yet drained, makes them
    differ)."""
    _archive, text = schema_archive(scratch, None, schema.schemas, schema.exclude)
    now, built = _entries(schema.text), _entries(text)
    if now != built:
        first = sorted(set(now) ^ set(built))[0]
        raise SyntheticRefused(
            "the schema now is not the one the recorded migrations give (a change after the "
            f"newest durable point, or one not recorded); first difference: {first[:200]!r}; "
            "drain the changes and try again, or take a real full backup"
        )


def _entries(text: bytes) -> list[str]:
    """A schema dump's objects, each as its header and statements, in order of text: their
    owners aside (a migration's objects are owned by who ran it, a replay's by airvault), and
    capture's bookkeeping (its event trigger, its publication's tables, the replica identity
    it gives a table created without a key: the scratch database has none of it)."""
    blocks: list[list[str]] = [[]]
    for line in text.decode().splitlines():
        if line.startswith("-- Name: "):
            blocks.append([line.split("; Owner: ")[0]])
        elif line.strip() and line != "--" and not line.startswith(_SKIPPED):
            if not (line.startswith("ALTER ") and (" OWNER TO " in line or _IDENTITY in line)):
                blocks[-1].append(line)
    kept = [b for b in blocks if b and not any(t in b[0] for t in _BOOKKEEPING)]
    return sorted("\n".join(b) for b in kept)


_SKIPPED = ("\\restrict ", "\\unrestrict ", "-- ")  # pg_dump's comments but the headers
_BOOKKEEPING = ("; Type: PUBLICATION TABLE;", "; Type: EVENT TRIGGER;")
_IDENTITY = " REPLICA IDENTITY FULL;"  # capture's, on a table created without a key
