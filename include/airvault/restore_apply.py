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
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass

import psycopg
from psycopg import sql

from airvault.errors import AirvaultError, IntegrityError
from airvault.failpoints import failpoint
from airvault.filecodec import FileCodec, codec_of
from airvault.manifest import table_name
from airvault.storage import Store
from airvault.verify import stream_table


@dataclass
class TablePlan:
    table: str
    role: str  # "selected" or "parent" (pulled in for the foreign keys; never deletes)
    backup_rows: int
    target_rows: int = 0
    insert: int = 0
    update: int = 0
    delete: int = 0


def _ident(qualified: str) -> sql.Identifier:
    schema, name = qualified.split(".", 1)
    return sql.Identifier(schema, name)


def columns_sql(names: list[str], prefix: str | None = None) -> sql.Composable:
    if prefix:
        return sql.SQL(", ").join(sql.Identifier(prefix, n) for n in names)
    return sql.SQL(", ").join(map(sql.Identifier, names))


NO_EQUALITY = ("json", "xml", "point", "line", "lseg", "box", "path", "polygon", "circle")


def _row(names: list[str], alias: str, types: dict[str, str]) -> sql.Composable:
    """ROW(alias.c1, ...) for IS DISTINCT FROM; types without an equality operator (json, ...)
    are compared as text."""
    parts = []
    for n in names:
        col = sql.Identifier(alias, n)
        base = types.get(n, "").removesuffix("[]")
        parts.append(sql.SQL("{}::text").format(col) if base in NO_EQUALITY else col)
    return sql.SQL("ROW({})").format(sql.SQL(", ").join(parts))


def _stage(
    conn: psycopg.Connection,
    store: Store,
    entry: dict,
    name: str,
    cols: list[str],
    codec: FileCodec,
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
    all_cols = [c["name"] for c in entry["columns"]]
    for extra in (c for c in all_cols if c not in cols):
        conn.execute(
            sql.SQL("ALTER TABLE {} ADD COLUMN {} text").format(
                sql.Identifier(stage), sql.Identifier(extra)
            )
        )
    copy_sql = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(stage), columns_sql(all_cols)
    )
    with conn.cursor().copy(copy_sql) as copy:  # checked while read: a mismatch rolls back
        _rows, problems = stream_table(store, entry, copy.write, codec)
    if problems:
        raise IntegrityError("; ".join(problems))
    if entry.get("primary_key"):
        conn.execute(
            sql.SQL("CREATE INDEX ON {} ({})").format(
                sql.Identifier(stage), columns_sql(entry["primary_key"])
            )
        )
    conn.execute(sql.SQL("ANALYZE {}").format(sql.Identifier(stage)))
    return stage


# Statements carry the manifest's row selections (SQL text): prepared, so the extended
# protocol refuses a smuggled second statement instead of running it.
def _rowcount(conn: psycopg.Connection, query: sql.Composable) -> int:
    return conn.execute(query, prepare=True).rowcount


def _count(conn: psycopg.Connection, query: sql.Composable) -> int:
    return int(conn.execute(query, prepare=True).fetchone()[0])


def _selection(entry: dict, key: str) -> sql.Composable:
    """The entry's row selection ("where": rows the backup took, "replace_where": rows a
    replace may delete); TRUE for a backup of the whole table."""
    return sql.SQL(entry.get(key) or "TRUE")


@dataclass
class _Work:
    name: str
    entry: dict
    plan: TablePlan
    stage: str
    cols: list[str]
    pk: list[str]
    late: list[str]  # cycle-closing FK columns written in the second pass
    identity_always: bool
    deletes: bool  # replace empties this table of the rows the backup lacks

    @property
    def types(self) -> dict[str, str]:
        return {c["name"]: c["type"] for c in self.entry["columns"]}

    @property
    def target(self) -> sql.Identifier:
        return _ident(self.name)

    @property
    def scope(self) -> sql.Composable:
        """Target rows this restore may delete: the whole table, or a tenant's rows, ..."""
        return _selection(self.entry, "replace_where")

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
    t, s, on = w.target, w.staged, w.match
    w.plan.target_rows = _target_rows(conn, w)
    if not w.pk:
        w.plan.insert = w.plan.backup_rows
        if w.deletes:
            w.plan.delete = _count(
                conn, sql.SQL("SELECT count(*) FROM {} WHERE {}").format(t, w.scope)
            )
        return
    w.plan.insert = _count(
        conn,
        sql.SQL(
            "SELECT count(*) FROM {s} s WHERE NOT EXISTS (SELECT 1 FROM {t} t WHERE {on})"
        ).format(s=s, t=t, on=on),
    )
    w.plan.update = _count(
        conn,
        sql.SQL(
            "SELECT count(*) FROM {s} s JOIN {t} t ON {on} WHERE {a} IS DISTINCT FROM {b}"
        ).format(s=s, t=t, on=on, a=_row(w.cols, "t", w.types), b=_row(w.cols, "s", w.types)),
    )
    if w.deletes:
        w.plan.delete = _count(
            conn,
            sql.SQL(
                "SELECT count(*) FROM {t} t WHERE ({scope}) "
                "AND NOT EXISTS (SELECT 1 FROM {s} s WHERE {on})"
            ).format(s=s, t=t, on=on, scope=w.scope),
        )


def _target_rows(conn: psycopg.Connection, w: _Work) -> int:
    """Rows of the target in the backup's selection (all rows for a whole-table backup)."""
    query = sql.SQL("SELECT count(*) FROM {} WHERE {}")
    return _count(conn, query.format(w.target, _selection(w.entry, "where")))


def _apply_deletes(conn: psycopg.Connection, w: _Work) -> None:
    if not w.pk:
        query = sql.SQL("DELETE FROM {} WHERE {}").format(w.target, w.scope)
        w.plan.delete = _rowcount(conn, query)
        return
    w.plan.delete = _rowcount(
        conn,
        sql.SQL(
            "DELETE FROM {t} t WHERE ({scope}) AND NOT EXISTS (SELECT 1 FROM {s} s WHERE {on})"
        ).format(t=w.target, s=w.staged, on=w.match, scope=w.scope),
    )


def _update_differing(conn: psycopg.Connection, w: _Work, columns: list[str]) -> int:
    """Set `columns` from the staged rows, only in rows where they differ; return the count."""
    return _rowcount(
        conn,
        sql.SQL(
            "UPDATE {t} t SET ({c}) = ROW({v}) FROM {s} s WHERE {on} AND {a} IS DISTINCT FROM {b}"
        ).format(
            t=w.target,
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
    if not w.pk:
        w.plan.insert = _rowcount(
            conn,
            sql.SQL("INSERT INTO {t} ({c}) {o}SELECT {c} FROM {s}").format(
                t=w.target, c=columns_sql(w.cols), o=overriding, s=w.staged
            ),
        )
        return
    settable = [c for c in early if c not in w.pk]
    if settable:
        w.plan.update = _update_differing(conn, w, settable)
    w.plan.insert = _rowcount(
        conn,
        sql.SQL(
            "INSERT INTO {t} ({c}) {o}SELECT {v} FROM {s} s "
            "WHERE NOT EXISTS (SELECT 1 FROM {t} t WHERE {on})"
        ).format(
            t=w.target,
            c=columns_sql(early),
            o=overriding,
            v=columns_sql(early, "s"),
            s=w.staged,
            on=w.match,
        ),
    )


def _late_columns(manifest: dict, names: set[str]) -> dict[str, list[str]]:
    """FK columns that point forward inside a cycle: written after every table is loaded."""
    position = {n: i for i, n in enumerate(manifest.get("dependency_order", []))}
    in_cycle = {n for group in manifest.get("cycles", []) for n in group}
    late: dict[str, list[str]] = {}
    for fk in manifest.get("foreign_keys", []):
        child, parent = fk["table"], fk["ref_table"]
        if child in names and child in in_cycle and parent in in_cycle and child != parent:
            if position.get(parent, 0) >= position.get(child, 0):
                late.setdefault(child, []).extend(fk["columns"])
    return late


def set_sequences(conn: psycopg.Connection, manifest: dict, names: set[str]) -> None:
    """Every sequence owned by a restored column ends past the column's maximum, the backup's
    value and its current value: the app's next insert cannot collide."""
    for seq in manifest.get("sequences", []):
        owner = seq.get("owned_by")
        if not owner or owner.rsplit(".", 1)[0] not in names:
            continue
        table, column = owner.rsplit(".", 1)
        seq_ident = sql.Identifier(seq["schema"], seq["name"])
        conn.execute(
            sql.SQL(
                "SELECT setval({regclass}::regclass, GREATEST((SELECT max({c}) FROM {t}), {backup}, "
                "(SELECT last_value FROM {seq}), 1))"
            ).format(
                regclass=sql.Literal(seq_ident.as_string(conn)), c=sql.Identifier(column),
                t=_ident(table), backup=sql.Literal(seq.get("last_value") or 1), seq=seq_ident,
            )
        )  # fmt: skip


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
    budget = conn.execute("SELECT current_setting('lock_timeout')").fetchone()[0]
    seconds = conn.execute("SELECT extract(epoch FROM %s::interval)", (budget,)).fetchone()[0]
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


def apply_backup(
    conn: psycopg.Connection,
    store: Store,
    manifest: dict,
    selected: list[dict],
    roles: dict[str, str],
    columns: dict[str, list[str]],
    mode: str,
    dry_run: bool,
) -> list[TablePlan]:
    """Stage, plan and (unless dry_run) apply inside the caller's open transaction."""
    names = [table_name(e) for e in selected]
    _lock_tables(conn, names)
    late = _late_columns(manifest, set(names))
    codec = codec_of(manifest, store.key)
    work: list[_Work] = []
    for entry, name in zip(selected, names, strict=True):
        cols = columns[name]
        try:
            stage = _stage(conn, store, entry, name, cols, codec)
        except psycopg.Error as e:
            raise wrap_error(name, "loading the backup's rows", e) from e
        pk = entry.get("primary_key") or []
        if mode == "merge" and not pk:
            raise AirvaultError(
                f"{name} has no primary key: merge cannot match its rows; use replace"
            )
        w = _Work(
            name, entry, TablePlan(name, roles[name], entry["rows"]), stage, cols, pk,
            [c for c in late.get(name, []) if c in cols],
            _identity_always(conn, name),
            deletes=mode != "merge" and roles[name] == "selected"
            and entry.get("replace_where") != "FALSE",  # references, newest-N caps: upsert only
        )  # fmt: skip
        if dry_run:
            _plan_counts(conn, w)
        else:  # the other counts come from the statements themselves
            w.plan.target_rows = _target_rows(conn, w)
        work.append(w)
    if dry_run:
        return [w.plan for w in work]
    failpoint("restore:staged")
    if any(w.late for w in work):  # open the cycle: the late columns are rewritten at the end
        for w in work:
            if w.late and w.deletes:  # replace of a selected table
                nulls = sql.SQL(", ").join(
                    sql.SQL("{} = NULL").format(sql.Identifier(c)) for c in w.late
                )
                query = sql.SQL("UPDATE {} SET {} WHERE {}").format(w.target, nulls, w.scope)
                conn.execute(query, prepare=True)
    for w in reversed(work):
        if w.deletes:
            try:
                _apply_deletes(conn, w)
            except psycopg.Error as e:
                raise wrap_error(w.name, "deleting rows that are not in the backup", e) from e
    for w in work:
        try:
            _apply_upsert(conn, w)
        except psycopg.Error as e:
            raise wrap_error(w.name, "writing rows", e) from e
    for w in work:
        if w.late:
            try:
                _update_differing(conn, w, w.late)
            except psycopg.Error as e:
                raise wrap_error(w.name, "writing the cycle's foreign keys", e) from e
    set_sequences(conn, manifest, set(names))
    failpoint("restore:applied")  # written, not yet committed
    return [w.plan for w in work]


def _identity_always(conn: psycopg.Connection, name: str) -> bool:
    schema, table = name.split(".", 1)
    row = conn.execute(
        "SELECT bool_or(attidentity = 'a') FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
        "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = %s AND c.relname = %s",
        (schema, table),
    ).fetchone()
    return bool(row and row[0])
