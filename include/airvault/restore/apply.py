"""Applying a backup to an existing database inside the caller's transaction.

How a table is applied (replace and merge share it; replace also deletes the extra rows):
1. the backup's rows are COPY'd into a temp staging table;
2. rows of the target that the backup lacks are deleted (replace only), children first; for a
   partial backup (a tenant, filtered rows) only inside its `replace_where`, so another
   tenant's rows are never touched;
3. rows that differ are updated, new rows inserted (parents first); equal rows are not touched;
4. foreign-key columns that close a cycle between tables are written last, in a second pass,
   so no constraint has to be disabled or deferred (which would need a superuser).
Sequences end past the restored maximum.

Two shortcuts skip the staging, each only where it writes exactly what the steps above would:
a table whose rows in the target already are the backup's (same row count, then the same
content sha256 the manifest records, read back the way the backup read them) is neither staged
nor written ("unchanged, skipped"); a table empty in the target is COPY'd straight into it,
checked on the way ("empty, loaded directly").
"""

from __future__ import annotations

import logging
import secrets
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import psycopg
from psycopg import sql

from airvault.errors import AirvaultError, IntegrityError
from airvault.failpoints import failpoint
from airvault.pg.catalog import Table, key_order_plan
from airvault.pg.objects import LARGE_OBJECT_COLUMNS, apply_large_objects
from airvault.pg.rows import one_row
from airvault.progress import Progress
from airvault.restore.plan import (
    TableFingerprint,
    TablePlan,
    TargetChanged,
    changes_since,
    target_fingerprints,
)
from airvault.restore.request import RestoreRequest
from airvault.storage.codec import FileCodec
from airvault.storage.digest import new_hasher
from airvault.storage.models import BackupManifest, DataFile, TableEntry
from airvault.storage.opened import OpenedBackup
from airvault.storage.store import Store
from airvault.verify import stream_table

log = logging.getLogger("airvault.restore.run")


UNCHANGED = "unchanged, skipped"
EMPTY = "empty, loaded directly"


def _ident(qualified: str) -> sql.Identifier:
    schema, name = qualified.split(".", 1)
    return sql.Identifier(schema, name)


def columns_sql(names: list[str], prefix: str | None = None) -> sql.Composable:
    if prefix:
        return sql.SQL(", ").join(sql.Identifier(prefix, n) for n in names)
    return sql.SQL(", ").join(map(sql.Identifier, names))


def column_list(names: list[str]) -> sql.Composable:
    """` (a, b)` after a table in COPY or INSERT; nothing for a table of no columns (an
    empty list is a syntax error: pg_dump writes `COPY t FROM stdin` for one)."""
    return sql.SQL(" ({})").format(columns_sql(names)) if names else sql.SQL("")


def copy_in(target: sql.Composable, names: list[str], options: str = "") -> sql.Composed:
    """COPY `target` (`names`) FROM STDIN, with `options` (e.g. " WITH (FREEZE)")."""
    return sql.SQL("COPY {}{} FROM STDIN" + options).format(target, column_list(names))


# Types whose equality means the same text (compared natively, which is fast). Any other
# type is compared as text: 1.0 and 1.00 are equal numerics but not the same backup, and an
# extension's type (vector, citext, ...) may have no = operator on the search path.
NATIVE_EQUALITY = {
    "smallint",
    "integer",
    "bigint",
    "text",
    "boolean",
    "uuid",
    "date",
    "bytea",
    "character varying",
    "character",
    "timestamp with time zone",
    "timestamp without time zone",
    "time without time zone",
    "oid",
}


def _row(names: list[str], alias: str, types: dict[str, str]) -> sql.Composable:
    """ROW(alias.c1, ...) for IS DISTINCT FROM, each column native or as text (above)."""
    parts = []
    for n in names:
        col = sql.Identifier(alias, n)
        base = types.get(n, "").removesuffix("[]").split("(")[0]
        parts.append(col if base in NATIVE_EQUALITY else sql.SQL("{}::text").format(col))
    return sql.SQL("ROW({})").format(sql.SQL(", ").join(parts))


def copy_backup_file(
    conn: psycopg.Connection,
    copy_sql: sql.Composed,
    store: Store,
    entry: DataFile,
    codec: FileCodec,
    progress: Progress | None = None,
) -> None:
    """Run `copy_sql` (a COPY ... FROM STDIN) fed with the data file of manifest `entry`,
    checked while it is read: a checksum or row count mismatch raises, and rolls back.
    `progress` counts the rows and bytes read, and the table once done."""
    with conn.cursor().copy(copy_sql) as copy:
        _rows, problems = stream_table(store, entry, copy.write, codec, progress)
    if problems:
        raise IntegrityError("; ".join(problems))
    if progress is not None:
        progress.table_done()


def content_of(
    dsn: str,
    query: str,
    digest: str,
    lock_timeout: str | None = None,
    planner: dict[str, str] | None = None,
) -> tuple[int, str]:
    """Rows and `digest` of the COPY text `query` (a COPY ... TO STDOUT) produces, read with the
    backup's session settings: what a manifest records as `rows` and `content_sha256`.
    `planner`: settings that choose the plan (content_query's)."""
    from airvault.pg.session import SESSION_SETTINGS
    from airvault.pg.tools import copy_out

    settings = SESSION_SETTINGS | ({"lock_timeout": lock_timeout} if lock_timeout else {})
    settings |= planner or {}
    sha, rows = new_hasher(digest), 0
    for chunk in copy_out(dsn, None, query, settings):
        sha.update(chunk)
        rows += chunk.count(b"\n")  # text COPY escapes newlines inside values
    return rows, sha.hexdigest()


def content_query(table: Table, entry: DataFile) -> tuple[str, dict[str, str]]:
    """The COPY that reads `entry`'s rows of `table` back the way the backup read them (its
    columns, its row selection: a tenant's, a filter's; key order), and the plan settings
    it reads them with (pg.catalog.key_order_plan)."""
    from airvault.pg.session import copy_columns_query

    where = getattr(entry, "where", None)
    query = copy_columns_query(table, [c.name for c in entry.columns], where).as_string(None)
    return query, key_order_plan(table, where)


def _stage(
    conn: psycopg.Connection,
    store: Store,
    entry: TableEntry,
    name: str,
    cols: list[str],
    codec: FileCodec,
    progress: Progress | None = None,
) -> str:
    """COPY the backup's rows of one table into a temp staging table; return its name.

    Columns the target shares get the target's types; any other backup column (schema drift)
    is staged as text and then ignored.
    """
    stage = f"stage_{secrets.token_hex(6)}"
    conn.execute(
        sql.SQL("CREATE TEMP TABLE {} ON COMMIT DROP AS SELECT {} FROM {} WITH NO DATA").format(
            sql.Identifier(stage), columns_sql(cols), _ident(name)
        )
    )
    all_cols = [c.name for c in entry.columns]
    for extra in (c for c in all_cols if c not in cols):
        conn.execute(
            sql.SQL("ALTER TABLE {} ADD COLUMN {} text").format(
                sql.Identifier(stage), sql.Identifier(extra)
            )
        )
    copy_backup_file(conn, copy_in(sql.Identifier(stage), all_cols), store, entry, codec, progress)
    if entry.match_key:
        conn.execute(
            sql.SQL("CREATE INDEX ON {} ({})").format(
                sql.Identifier(stage), columns_sql(entry.match_key)
            )
        )
    conn.execute(sql.SQL("ANALYZE {}").format(sql.Identifier(stage)))
    return stage


def stage_large_objects(
    conn: psycopg.Connection, store: Store, entry: DataFile, codec: FileCodec
) -> str:
    """COPY the backup's large objects (oid, owner, contents) into a temp table, checking
    their checksums on the way; return its name."""
    stage = f"stage_lo_{secrets.token_hex(6)}"
    conn.execute(
        sql.SQL(
            "CREATE TEMP TABLE {} (oid oid PRIMARY KEY, owner name, acl text, comment text, "
            "data bytea) ON COMMIT DROP"
        ).format(sql.Identifier(stage))
    )
    copy_sql = copy_in(sql.Identifier(stage), [c.name for c in LARGE_OBJECT_COLUMNS])
    copy_backup_file(conn, copy_sql, store, entry, codec)
    return stage


# Statements carry the manifest's row selections (SQL text): prepared, so the extended
# protocol refuses a smuggled second statement instead of running it.
def _rowcount(conn: psycopg.Connection, query: sql.Composed) -> int:
    return conn.execute(query, prepare=True).rowcount


def _count(conn: psycopg.Connection, query: sql.Composed) -> int:
    return int(one_row(conn.execute(query, prepare=True).fetchone())[0])


def _selection(predicate: str | None) -> sql.Composable:
    """An entry's row selection (`where`: rows the backup took, `replace_where`: rows a
    replace may delete); TRUE for a backup of the whole table."""
    return sql.SQL(predicate or "TRUE")


@dataclass
class _Work:
    name: str
    entry: TableEntry
    plan: TablePlan
    stage: str
    cols: list[str]
    pk: list[str]
    late: list[str]  # cycle-closing FK columns written in the second pass
    identity_always: bool
    deletes: bool  # replace empties this table of the rows the backup lacks
    rel: sql.Composable  # the target in FROM/UPDATE/DELETE: ONLY t unless partitioned

    @property
    def types(self) -> dict[str, str]:
        return {c.name: c.type for c in self.entry.columns}

    @property
    def target(self) -> sql.Identifier:
        return _ident(self.name)

    @property
    def scope(self) -> sql.Composable:
        """Target rows this restore may delete: the whole table, or a tenant's rows, ..."""
        return _selection(self.entry.replace_where)

    @property
    def staged(self) -> sql.Identifier:
        return sql.Identifier(self.stage)

    @property
    def match(self) -> sql.Composable:
        """Target row t and staged row s have the same primary key."""
        return sql.SQL(" AND ").join(
            sql.SQL("t.{c} = s.{c}").format(c=sql.Identifier(c)) for c in self.pk
        )


def _plan_counts(conn: psycopg.Connection, w: _Work) -> None:
    t, s, on = w.rel, w.staged, w.match
    w.plan.target_rows = _target_rows(conn, w)
    if not w.pk:  # rows are their own key: count copies
        count = sql.SQL("SELECT count(*) FROM ({}) q")
        w.plan.insert = _count(conn, count.format(_missing_copies(w)))
        if w.deletes:
            w.plan.delete = _count(conn, count.format(_extra_copies(w)))
        return
    w.plan.insert = _count(
        conn,
        sql.SQL(
            "SELECT count(*) FROM {s} s WHERE NOT EXISTS (SELECT 1 FROM {t} t WHERE {on})"
        ).format(s=s, t=t, on=on),
    )
    w.plan.update = _differing(conn, w)
    if w.deletes:
        w.plan.delete = _count(conn, _doomed(w, "SELECT count(*) FROM {t} t"))


def _differing(conn: psycopg.Connection, w: _Work) -> int:
    """Rows of the target that differ from the backup's (by key) in some restored column."""
    return _count(
        conn,
        sql.SQL(
            "SELECT count(*) FROM {s} s JOIN {t} t ON {on} WHERE {a} IS DISTINCT FROM {b}"
        ).format(
            s=w.staged,
            t=w.rel,
            on=w.match,
            a=_row(w.cols, "t", w.types),
            b=_row(w.cols, "s", w.types),
        ),
    )


def _target_rows(conn: psycopg.Connection, w: _Work) -> int:
    """Rows of the target in the backup's selection (all rows for a whole-table backup)."""
    return _rows_in(conn, w.rel, w.entry.where)


def _rows_in(conn: psycopg.Connection, rel: sql.Composable, where: str | None) -> int:
    query = sql.SQL("SELECT count(*) FROM {} WHERE {}")
    return _count(conn, query.format(rel, _selection(where)))


_CHANGING_FKS = """
SELECT c.conrelid, c.confrelid FROM pg_constraint c
WHERE c.contype = 'f' AND c.conrelid = ANY(%(t)s::regclass[]) AND c.confrelid = ANY(%(t)s::regclass[])
  AND (c.confdeltype IN ('c', 'n', 'd') OR c.confupdtype IN ('c', 'n', 'd'))
"""


def _check_files(
    store: Store,
    entries: list[TableEntry],
    codec: FileCodec,
    workers: int,
    progress: Progress | None = None,
) -> None:
    """The files of tables left as they are are checked all the same (file and content digests,
    rows): a damaged or edited backup is refused, as it is when its rows are staged."""
    if not entries:
        return

    def check(entry: TableEntry) -> list[str]:
        problems = stream_table(store, entry, lambda _chunk: None, codec, progress)[1]
        if progress is not None:
            progress.table_done()
        return problems

    with ThreadPoolExecutor(max(1, workers)) as pool:
        problems = [p for one in pool.map(check, entries) for p in one]
    if problems:
        raise IntegrityError(
            f"{store.url} failed verification, nothing was written: " + "; ".join(problems)
        )


def _shortcuts(
    conn: psycopg.Connection,
    dsn: str,
    selected: list[TableEntry],
    columns: dict[str, list[str]],
    targets: dict[str, Table],
    late: dict[str, list[str]],
    deletes: dict[str, bool],
    workers: int,
) -> dict[str, str]:
    """Tables of the restore that need no staging: name -> UNCHANGED or EMPTY (see the module
    docstring). Called after the locks are taken and before any write, so what it reads (on
    other connections, like the backup) is what the restore would compare with.

    Only where the shortcut is exact: every backup column is in the target (no drift), no
    newest-N cap (its selection moves), and for UNCHANGED a replace deletes only inside the
    rows compared (`replace_where` is the selection) and no changed table of the restore can
    reach the table through an ON DELETE / ON UPDATE action. EMPTY: the whole table is empty
    and no cycle column of it waits for a table loaded later."""
    candidates: list[TableEntry] = []
    found: dict[str, str] = {}
    for entry in selected:
        name = entry.qualified
        rel = targets[name].relation
        if entry.cap is not None or not {c.name for c in entry.columns} <= set(columns[name]):
            continue
        if (
            not late.get(name)
            and not one_row(
                conn.execute(sql.SQL("SELECT EXISTS (SELECT 1 FROM {})").format(rel)).fetchone()
            )[0]
        ):
            found[name] = EMPTY
        elif (not deletes[name] or entry.replace_where == entry.where) and _rows_in(
            conn, rel, entry.where
        ) == entry.rows:
            candidates.append(entry)  # same count: worth reading back

    def same(entry: TableEntry) -> bool:
        query, plan = content_query(targets[entry.qualified], entry)
        try:  # bounded: an ACCESS EXCLUSIVE request queued behind our locks blocks this read
            found = content_of(dsn, query, entry.digest, "5s", plan)
            return found == (entry.rows, entry.content_sha256)
        except AirvaultError as e:  # not known to be unchanged: staged and compared as ever
            log.info("%s: not compared by checksum (%s)", entry.qualified, e)
            return False

    with ThreadPoolExecutor(max(1, workers)) as pool:  # psql reads; hashing frees the GIL
        same_rows = list(pool.map(same, candidates))
    unchanged = {e.qualified for e, ok in zip(candidates, same_rows, strict=True) if ok}
    # A changed table's deletes or updates can reach an unchanged one through an FK action:
    # that one is staged after all (and so changes too), until nothing more is reached.
    names = [e.qualified for e in selected]
    regs = [_ident(n).as_string(conn) for n in names]
    oids: dict[int, int] = dict(
        conn.execute(
            "SELECT n::regclass::oid, i FROM unnest(%s::text[]) WITH ORDINALITY x(n, i)", (regs,)
        ).fetchall()
    )
    edges = [
        (names[oids[c] - 1], names[oids[p] - 1])
        for c, p in conn.execute(_CHANGING_FKS, {"t": regs}).fetchall()
    ]
    reached = True
    while reached:
        reached = False
        for child, parent in edges:
            if child in unchanged and parent not in unchanged and found.get(parent) != EMPTY:
                unchanged.discard(child)
                reached = True
    return found | dict.fromkeys(unchanged, UNCHANGED)


def _apply_deletes(conn: psycopg.Connection, w: _Work) -> None:
    if not w.pk:
        query = sql.SQL("DELETE FROM {} t WHERE (t.tableoid, t.ctid) IN ({})")
        w.plan.delete = _rowcount(conn, query.format(w.rel, _extra_copies(w)))
        return
    w.plan.delete = _rowcount(conn, _doomed(w, "DELETE FROM {t} t"))


def _doomed(w: _Work, head: str) -> sql.Composed:
    """`head` over the target rows a replace deletes: in its scope, not in the backup."""
    return sql.SQL(
        head + " WHERE ({scope}) AND NOT EXISTS (SELECT 1 FROM {s} s WHERE {on})"
    ).format(t=w.rel, s=w.staged, on=w.match, scope=w.scope)


def _update_differing(conn: psycopg.Connection, w: _Work, columns: list[str]) -> int:
    """Set `columns` from the staged rows, only in rows where they differ; return the count."""
    return _rowcount(
        conn,
        sql.SQL(
            "UPDATE {t} t SET ({c}) = ROW({v}) FROM {s} s WHERE {on} AND {a} IS DISTINCT FROM {b}"
        ).format(
            t=w.rel,
            c=columns_sql(columns),
            v=columns_sql(columns, "s"),
            s=w.staged,
            on=w.match,
            a=_row(columns, "t", w.types),
            b=_row(columns, "s", w.types),
        ),
    )


def _apply_upsert(conn: psycopg.Connection, w: _Work) -> None:
    """Update rows that differ, insert the new ones; late columns stay as they are for now."""
    early = [c for c in w.cols if c not in w.late]
    overriding = sql.SQL("OVERRIDING SYSTEM VALUE ") if w.identity_always else sql.SQL("")
    if not w.pk:  # only the copies the target lacks: repeated restores add no duplicates
        query = sql.SQL("INSERT INTO {t}{c} {o}{rows}").format(
            t=w.target, c=column_list(w.cols), o=overriding, rows=_missing_copies(w)
        )
        w.plan.insert = _rowcount(conn, query)
        return
    settable = [c for c in early if c not in w.pk]
    if settable:
        w.plan.update = _update_differing(conn, w, settable)
    w.plan.insert = _rowcount(
        conn,
        sql.SQL(
            "INSERT INTO {t}{c} {o}SELECT {v} FROM {s} s "
            "WHERE NOT EXISTS (SELECT 1 FROM {r} t WHERE {on})"
        ).format(
            t=w.target,
            c=column_list(early),
            o=overriding,
            v=columns_sql(early, "s"),
            s=w.staged,
            r=w.rel,
            on=w.match,
        ),
    )


def _load_directly(
    conn: psycopg.Connection,
    store: Store,
    w: _Work,
    codec: FileCodec,
    progress: Progress | None = None,
) -> None:
    """COPY the backup's rows into the (empty) target itself, checked while they are read;
    its place in the table order keeps every foreign key satisfied as they arrive."""
    copy_sql = copy_in(w.target, [c.name for c in w.entry.columns])
    copy_backup_file(conn, copy_sql, store, w.entry, codec, progress)


def _missing_copies(w: _Work) -> sql.Composed:
    """The staged rows of a table without a key that the target lacks, counting copies: a row
    twice in the backup and once in the target (in the restore's scope) is missing once."""
    scope = w.scope if w.deletes else sql.SQL("TRUE")
    return _surplus(w, w.staged, sql.SQL("TRUE"), w.rel, scope, columns_sql(w.cols, "x"))


def _extra_copies(w: _Work) -> sql.Composed:
    """(tableoid, ctid) of the target rows in the scope beyond the copies the backup has."""
    return _surplus(
        w, w.rel, w.scope, w.staged, sql.SQL("TRUE"), sql.SQL("x.airvault_oid, x.airvault_ctid")
    )


def _surplus(
    w: _Work,
    rows: sql.Composable,
    rows_where: sql.Composable,
    other: sql.Composable,
    other_where: sql.Composable,
    pick: sql.Composable,
) -> sql.Composed:
    """`pick` of the rows of `rows` whose copy number (among equal rows) exceeds how many
    equal rows `other` has."""
    key = lambda alias: sql.SQL("{}::text").format(_row(w.cols, alias, w.types))  # noqa: E731
    return sql.SQL(
        "SELECT {pick} FROM (SELECT m.*, m.tableoid AS airvault_oid, m.ctid AS airvault_ctid, "
        "{mk} AS airvault_k, row_number() OVER (PARTITION BY {mk}) AS airvault_n "
        "FROM {rows} m WHERE {rw}) x LEFT JOIN (SELECT {ok} AS airvault_k, "
        "count(*) AS airvault_c FROM {other} o WHERE {ow} GROUP BY 1) other "
        "ON other.airvault_k = x.airvault_k WHERE x.airvault_n > coalesce(other.airvault_c, 0)"
    ).format(
        pick=pick,
        mk=key("m"),
        ok=key("o"),
        rows=rows,
        rw=rows_where,
        other=other,
        ow=other_where,
    )


def late_columns(
    foreign_keys: Iterable, order: list[str], cycles: list[list[str]], names: set[str]
) -> dict[str, list[str]]:
    """FK columns that point forward inside a cycle: written after every table is loaded.
    `foreign_keys` (a manifest's or a catalog's: table, columns, ref_table), `order`
    (parents first) and `cycles` describe the tables; `names` are the ones written."""
    position = {n: i for i, n in enumerate(order)}
    in_cycle = {n for group in cycles for n in group}
    late: dict[str, list[str]] = {}
    for fk in foreign_keys:
        child, parent = fk.table, fk.ref_table
        if child in names and child in in_cycle and parent in in_cycle and child != parent:
            if position.get(parent, 0) >= position.get(child, 0):
                late.setdefault(child, []).extend(fk.columns)
    return late


# A live database's owned sequence (replace, merge): its value v is the greatest of the
# column's maximum m (where the restore wrote rows), the backup's b and the target's own.
# It stays uncalled (nextval gives v itself) only where that is the backup's uncalled state
# and no row or earlier nextval of the target has used v.
_PAST_MAXIMUM = """
SELECT setval({r}::regclass, x.v, NOT (x.v = {b} AND NOT {called} AND coalesce(x.m < x.v, true)
                                     AND NOT (s.last_value = x.v AND s.is_called)))
FROM {s} s, LATERAL (SELECT m, GREATEST(m, {b}, s.last_value, 1) AS v
                     FROM (SELECT {m}::bigint AS m) y) x
"""


def set_sequences(
    conn: psycopg.Connection,
    manifest: BackupManifest,
    names: set[str],
    exact: bool = False,
    unchanged: frozenset[str] = frozenset(),
) -> list[str]:
    """exact (a new database): every sequence of the backup gets exactly the value it had
    (`setval(s, last_value, is_called)`, as pg_dump restores it), also one behind its column.
    Otherwise (replace, merge: a live database the app goes on writing to) every ascending
    sequence owned by a restored column ends at least at the backup's value and its current
    value, and past the column's maximum where the restore wrote rows (not in `unchanged`
    tables, whose rows it left as they were), so the app's next insert cannot collide.
    Returns what went past the backup's value, for the report."""
    moved = []
    for seq in manifest.sequences:
        regclass = sql.Literal(sql.Identifier(seq.schema_name, seq.name).as_string(conn))
        owner = seq.owned_by
        if exact:
            if seq.last_value is not None:  # None: never used, in a manifest before 28
                conn.execute(
                    sql.SQL("SELECT setval({}::regclass, {}, {})").format(
                        regclass, sql.Literal(seq.last_value), sql.Literal(seq.is_called)
                    )
                )
            continue
        if not owner or owner.rsplit(".", 1)[0] not in names or seq.increment < 0:
            continue
        table, column = owner.rsplit(".", 1)
        backup = seq.last_value if seq.last_value is not None else 1
        maximum = (
            sql.SQL("NULL")
            if table in unchanged
            else sql.SQL("(SELECT max({}) FROM {})").format(sql.Identifier(column), _ident(table))
        )
        (value,) = one_row(
            conn.execute(
                sql.SQL(_PAST_MAXIMUM).format(
                    r=regclass,
                    m=maximum,
                    b=sql.Literal(backup),
                    called=sql.Literal(seq.is_called),
                    s=sql.Identifier(seq.schema_name, seq.name),
                )
            ).fetchone()
        )
        if value != backup:
            moved.append(f"{seq.schema_name}.{seq.name}: {backup} -> {value}")
    return moved


def wrap_error(name: str, step: str, err: psycopg.Error) -> AirvaultError:
    detail = err.diag.message_detail if getattr(err, "diag", None) else None
    where = f" ({detail})" if detail else ""
    first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
    return AirvaultError(
        f"restore of {name} failed while {step}: {first}{where}; nothing was changed"
    )


def _lock_tables(conn: psycopg.Connection, names: list[str]) -> None:
    """EXCLUSIVE locks on every table: readers go on, writers wait for the commit, so no
    mixed state is ever visible. Taken all at once in short attempts (each rolled back,
    releasing what it got, when it waits 200 ms): an app transaction holding one of the tables
    while it needs another we hold would otherwise deadlock with us. The session's
    lock_timeout bounds the whole wait."""
    lock = sql.SQL("LOCK TABLE {} IN EXCLUSIVE MODE").format(
        sql.SQL(", ").join(_ident(n) for n in names)
    )
    budget = one_row(conn.execute("SELECT current_setting('lock_timeout')").fetchone())[0]
    seconds = one_row(
        conn.execute("SELECT extract(epoch FROM %s::interval)", (budget,)).fetchone()
    )[0]
    deadline = time.monotonic() + (float(seconds) or float("inf"))
    while True:
        conn.execute("SAVEPOINT airvault_lock")
        conn.execute("SET LOCAL lock_timeout = '200ms'")
        try:
            conn.execute(lock)
        except psycopg.errors.LockNotAvailable:
            conn.execute("ROLLBACK TO SAVEPOINT airvault_lock")  # releases every lock it took
            if time.monotonic() >= deadline:
                raise AirvaultError(
                    f"could not lock the {len(names)} tables to restore within lock_timeout "
                    f"{budget}: other sessions hold them (an open transaction?); nothing was "
                    "written"
                ) from None
            time.sleep(0.05)
            continue
        conn.execute("RELEASE SAVEPOINT airvault_lock")
        conn.execute("SELECT set_config('lock_timeout', %s, true)", (budget,))
        return


@dataclass
class ApplyJob:
    """Everything decided before a backup is applied to a live database, handed down once
    (like pgBackRest's RestoreJobData)."""

    backup: OpenedBackup
    request: RestoreRequest
    selected: list[TableEntry]  # in dependency order
    roles: dict[str, str]  # table -> "selected" or "parent"
    columns: dict[str, list[str]]  # table -> the columns restored (check_schema)
    targets: dict[str, Table]  # the target's catalog
    dsn: str | None = None  # to read unchanged tables back over other connections
    progress: Progress | None = None
    before_write: Callable[[], None] | None = None  # the safety backup
    # the confirmed plan's fingerprints: applied only if the target still has them
    expected: list[TableFingerprint] | None = None


@dataclass
class Applied:
    tables: list[TablePlan]
    sequences_moved: list[str]
    fingerprints: list[TableFingerprint]  # of the target before any write


def apply_backup(conn: psycopg.Connection, job: ApplyJob, dry_run: bool) -> Applied:
    """Stage, plan and (unless dry_run) apply inside the caller's open transaction.
    `job.before_write` (the safety backup) runs once every check has passed and the tables
    are locked against other writers, right before the first write: a refused restore leaves
    nothing behind, and nothing changes between the safety backup and the restore. With
    `job.expected` (a confirmed plan's fingerprints), the target's are compared first, at
    the same point: any difference refuses the restore (TargetChanged), nothing written.

    With the target's `dsn`, tables that need no staging are found first (`_shortcuts`), read
    back over up to `workers` connections. `progress` counts the tables staged, loaded or
    checked, their rows and bytes, and says which step runs.

    The app's triggers do not fire on restored rows (each enabled user trigger is disabled
    for the transaction and enabled again before it commits, as pg_restore
    --disable-triggers does); foreign-key actions stay on. A restore of the whole backup
    restores its large objects too (exactly, in replace mode)."""
    store, manifest, codec = job.backup.store, job.backup.manifest, job.backup.codec
    selected, roles, columns, targets = job.selected, job.roles, job.columns, job.targets
    mode, workers, progress = job.request.mode, job.request.workers, job.progress
    names = [e.qualified for e in selected]
    triggers = app_triggers(conn, names)  # refused here, before any write, if not allowed
    _lock_tables(conn, names)
    late = late_columns(
        manifest.foreign_keys, manifest.dependency_order, manifest.cycles, set(names)
    )
    deletes = {
        name: mode != "merge"
        and roles[name] == "selected"
        and entry.replace_where != "FALSE"  # references, newest-N caps: upsert only
        for entry, name in zip(selected, names, strict=True)
    }
    shortcuts = (
        _shortcuts(conn, job.dsn, selected, columns, targets, late, deletes, workers)
        if job.dsn
        else {}
    )
    _step(progress, "checking unchanged tables")
    _check_files(
        store,
        [e for e in selected if shortcuts.get(e.qualified) == UNCHANGED],
        codec,
        workers,
        progress,
    )
    _step(progress, "staging")
    work: list[_Work] = []
    for entry, name in zip(selected, names, strict=True):
        cols = columns[name]
        how = shortcuts.get(name, "")
        stage = ""
        if not how:
            try:
                stage = _stage(conn, store, entry, name, cols, codec, progress)
            except psycopg.Error as e:
                raise wrap_error(name, "loading the backup's rows", e) from e
        w = _Work(
            name,
            entry,
            TablePlan(name, roles[name], entry.rows, how=how),
            stage,
            cols,
            entry.match_key,
            [] if how else [c for c in late.get(name, []) if c in cols],
            _identity_always(conn, name),
            deletes=deletes[name] and not how,
            rel=targets[name].relation,
        )
        if how:  # nothing to compare: the counts are known
            w.plan.target_rows = entry.rows if how == UNCHANGED else 0
            w.plan.insert = entry.rows if how == EMPTY else 0
            log.info("%s: %s", name, how)
        elif dry_run:
            _plan_counts(conn, w)
        else:  # the other counts come from the statements themselves
            w.plan.target_rows = _target_rows(conn, w)
        work.append(w)
    cascades = _cascades(conn, [w for w in work if w.stage], set(names))
    # read for a plan (dry run) and to compare with a confirmed one; a restore planned and
    # applied in one transaction has nothing to compare (a scan of every table saved)
    prints = (
        target_fingerprints(conn, sorted({*names, *(c.table for c in cascades)}))
        if dry_run or job.expected is not None
        else []
    )
    if job.expected is not None and (changes := changes_since(job.expected, prints)):
        raise TargetChanged(changes)
    if cascades and not dry_run and not job.request.allow_cascade:
        raise cascade_refusal(cascades)
    if dry_run:
        return Applied([w.plan for w in work] + cascades, [], prints)
    if job.before_write is not None:
        _step(progress, "safety backup")
        job.before_write()
    moved = _write(conn, job, work, triggers)
    return Applied([w.plan for w in work] + cascades, moved, prints)


def _write(
    conn: psycopg.Connection, job: ApplyJob, work: list[_Work], triggers: list[Trigger]
) -> list[str]:
    """The writes of apply_backup, the app's triggers off: deletes (children first), upserts
    or direct loads (parents first), the cycles' late columns, large objects, sequences
    (returns those set past the backup's value)."""
    store, manifest, codec = job.backup.store, job.backup.manifest, job.backup.codec
    # A row of a cycle table is updated in two passes (its other columns, then the late
    # ones): counted once, as the plan counts it, before either pass.
    two_pass = {w.name: _differing(conn, w) for w in work if w.late and w.pk}
    _step(job.progress, "applying")
    failpoint("restore:staged")
    disable_triggers(conn, triggers)
    for w in work:  # open the cycles: their late columns are written at the end
        if w.late and w.deletes:  # replace of a selected table
            nulls = sql.SQL(", ").join(
                sql.SQL("{} = NULL").format(sql.Identifier(c)) for c in w.late
            )
            conn.execute(
                sql.SQL("UPDATE {} SET {} WHERE {}").format(w.rel, nulls, w.scope), prepare=True
            )
    for w in reversed(work):
        if w.deletes:
            try:
                _apply_deletes(conn, w)
            except psycopg.Error as e:
                raise wrap_error(w.name, "deleting rows that are not in the backup", e) from e
    for w in work:
        try:
            if w.plan.how == EMPTY:
                _load_directly(conn, store, w, codec, job.progress)
            elif not w.plan.how:
                _apply_upsert(conn, w)
        except psycopg.Error as e:
            raise wrap_error(w.name, "writing rows", e) from e
    for w in work:
        if w.late:
            try:
                _update_differing(conn, w, w.late)
            except psycopg.Error as e:
                raise wrap_error(w.name, "writing the cycle's foreign keys", e) from e
            w.plan.update = two_pass.get(w.name, w.plan.update)
    if job.request.whole and manifest.large_objects:
        stage = stage_large_objects(conn, store, manifest.large_objects, codec)
        counts = apply_large_objects(conn, stage, exact=job.request.mode == "replace")
        log.info("large objects: %s", counts)
    kept = frozenset(w.name for w in work if w.plan.how == UNCHANGED)
    moved = set_sequences(conn, manifest, {w.name for w in work}, unchanged=kept)
    enable_triggers(conn, triggers)
    failpoint("restore:applied")  # written, not yet committed
    return moved


CASCADE_ROLES = ("cascade", "set null", "set default")  # plan rows of tables reached


def cascade_refusal(cascades: list[TablePlan]) -> AirvaultError:
    return AirvaultError(
        "the restore would delete or change rows of tables it does not restore, through "
        "ON DELETE / ON UPDATE actions: "
        + "; ".join(f"{c.table}: {c.delete + c.update:,} rows ({c.role})" for c in cascades)
        + ". Include those tables, or allow it (--allow-cascade); nothing was written"
    )


def _step(progress: Progress | None, step: str) -> None:
    if progress is not None:
        progress.step = step


_TRIGGERS = """
SELECT n.nspname || '.' || c.relname, t.tgname, t.tgenabled, pg_has_role(c.relowner, 'USAGE'),
       pg_has_role(c.relowner, CASE WHEN current_setting('server_version_num')::int >= 160000
                                    THEN 'SET' ELSE 'MEMBER' END),
       pg_get_userbyid(c.relowner)
FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE NOT t.tgisinternal AND t.tgparentid = 0 AND t.tgenabled <> 'D'
  AND (c.oid = ANY(%(t)s::regclass[])
       OR EXISTS (SELECT 1 FROM pg_partition_ancestors(c.oid) a
                  WHERE a.relid = ANY(%(t)s::regclass[])))
ORDER BY 1, 2
"""


@dataclass(frozen=True)
class Trigger:
    """An enabled trigger of the app; `as_owner`: the login has the privileges of its table's
    owner only after SET ROLE (a membership without INHERIT), so it is switched as that role."""

    table: str
    name: str
    state: str  # tgenabled: O (origin), R (replica), A (always)
    owner: str
    as_owner: bool


class TriggersDenied(AirvaultError):
    """This login may not disable the app's triggers on some tables (owner -> tables)."""

    def __init__(self, login: str, denied: dict[str, str], way_out: str = "") -> None:
        self.login, self.denied = login, denied
        owners = sorted(set(denied.values()))
        super().__init__(
            "the restore must keep the app's triggers from firing on restored rows, but the "
            f"login {login} may not disable them on "
            + ", ".join(f"{t} (owned by {o})" for t, o in sorted(denied.items()))
            + "; nothing was written. Make the login a member of the owner ("
            + "; ".join(f"GRANT {o} TO {login}" for o in owners)
            + ", run by a role that may grant it)"
            + (f", or {way_out}" if way_out else "")
        )


def app_triggers(conn: psycopg.Connection, names: list[str]) -> list[Trigger]:
    """The app's enabled triggers on the tables to restore and their partitions; refuses
    (TriggersDenied) before any write when this login may not disable them, even as their
    owner (SET ROLE)."""
    regs = [_ident(n).as_string(conn) for n in names]
    rows = conn.execute(_TRIGGERS, {"t": regs}).fetchall()
    if denied := {t: owner for t, _g, _s, may, may_set, owner in rows if not (may or may_set)}:
        raise TriggersDenied(one_row(conn.execute("SELECT current_user").fetchone())[0], denied)
    return [Trigger(t, g, state, owner, not may) for t, g, state, may, _set, owner in rows]


def _as_owner(conn: psycopg.Connection, trigger: Trigger, statement: sql.Composed) -> None:
    """Run `statement` as the trigger table's owner where the login must SET ROLE for it."""
    if trigger.as_owner:
        conn.execute(sql.SQL("SET ROLE {}").format(sql.Identifier(trigger.owner)))
    conn.execute(statement)
    if trigger.as_owner:
        conn.execute("RESET ROLE")


def disable_triggers(conn: psycopg.Connection, triggers: list[Trigger]) -> None:
    """For the rest of the transaction: also ALWAYS and REPLICA triggers, which
    session_replication_role would not stop."""
    for t in triggers:
        _as_owner(
            conn,
            t,
            sql.SQL("ALTER TABLE {} DISABLE TRIGGER {}").format(
                _ident(t.table), sql.Identifier(t.name)
            ),
        )


def enable_triggers(conn: psycopg.Connection, triggers: list[Trigger]) -> None:
    for t in triggers:  # as they were: ENABLE, ENABLE REPLICA, ALWAYS
        how = {"O": "", "R": "REPLICA ", "A": "ALWAYS "}[t.state]
        _as_owner(
            conn,
            t,
            sql.SQL("ALTER TABLE {} ENABLE " + how + "TRIGGER {}").format(
                _ident(t.table), sql.Identifier(t.name)
            ),
        )


# The last column: the table itself, or for a partition with a foreign key of its own, the
# partitioned table at the top of its tree (backed up, and restored, through that one).
_CASCADING_FKS = """
SELECT con.conrelid::regclass::text, con.conname, con.confdeltype,
       array(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(n, p)
             JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.p),
       array(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(n, p)
             JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.p),
       n.nspname, c.relname,
       con.confupdtype,
       coalesce((SELECT rn.nspname || '.' || r.relname FROM pg_partition_ancestors(con.conrelid) x
                 JOIN pg_class r ON r.oid = x.relid JOIN pg_namespace rn ON rn.oid = r.relnamespace
                 WHERE NOT r.relispartition), n.nspname || '.' || c.relname)
FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE con.contype = 'f' AND con.confrelid = %s::regclass AND con.conparentid = 0
  AND (con.confdeltype IN ('c', 'n', 'd') OR con.confupdtype IN ('c', 'n', 'd'))
"""


def cascading_children(conn: psycopg.Connection, names: list[str]) -> list[str]:
    """Tables outside `names` whose rows an ON DELETE or ON UPDATE action changes when rows
    of `names` go or change, and so on down the ON DELETE CASCADE chains from there (what the
    safety backup must hold too); a partition as the top of its tree (backed up through it)."""
    found: set[str] = set()
    todo = list(names)
    while todo:
        for row in conn.execute(_CASCADING_FKS, (_ident(todo.pop()).as_string(conn),)):
            qualified = row[8]
            if qualified not in names and qualified not in found:
                found.add(qualified)
                if row[2] == "c":  # its rows go too: their children are reached in turn
                    todo.append(qualified)
    return sorted(found)


def _cascades(conn: psycopg.Connection, staged: list[_Work], names: set[str]) -> list[TablePlan]:
    """Rows of tables outside the restore that its writes would remove (ON DELETE CASCADE)
    or change (SET NULL / SET DEFAULT, ON UPDATE CASCADE), one directly referencing step
    deep: its deletes, and its in-place updates of referenced columns that are not the key."""
    plans: dict[str, TablePlan] = {}
    for w in staged:
        for _child, fk, on_delete, cols, ref_cols, schema, table, on_update, root in conn.execute(
            _CASCADING_FKS, (_ident(w.name).as_string(conn),)
        ):
            child = f"{schema}.{table}"
            if root in names:
                continue
            match = sql.SQL(" AND ").join(
                sql.SQL("c.{} = t.{}").format(sql.Identifier(a), sql.Identifier(b))
                for a, b in zip(cols, ref_cols, strict=True)
            )
            reached = []
            if w.deletes and on_delete in "cnd":
                reached.append((on_delete, _doomed(w, "SELECT 1 FROM {t} t"), True))
            if w.pk and on_update in "cnd" and set(ref_cols) - set(w.pk):
                changed = sql.SQL(
                    "SELECT 1 FROM {t} t JOIN {s} s ON {on} WHERE {a} IS DISTINCT FROM {b}"
                ).format(
                    t=w.rel,
                    s=w.staged,
                    on=w.match,
                    a=_row(ref_cols, "t", w.types),
                    b=_row(ref_cols, "s", w.types),
                )
                reached.append((on_update, changed, False))
            for action, rows, deleting in reached:
                n = _count(
                    conn,
                    sql.SQL("SELECT count(*) FROM {c} c WHERE EXISTS ({r} AND {m})").format(
                        c=sql.Identifier(schema, table), r=rows, m=match
                    ),
                )
                if not n:
                    continue
                role = CASCADE_ROLES["cnd".index(action)]
                plan = plans.setdefault(child, TablePlan(child, role, 0))
                if action == "c" and deleting:
                    plan.delete += n
                else:
                    plan.update += n
                log.info("%s: %d rows reached through %s (%s)", child, n, fk, role)
    return list(plans.values())


def _identity_always(conn: psycopg.Connection, name: str) -> bool:
    schema, table = name.split(".", 1)
    row = conn.execute(
        "SELECT bool_or(attidentity = 'a') FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
        "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = %s AND c.relname = %s",
        (schema, table),
    ).fetchone()
    return bool(row and row[0])
