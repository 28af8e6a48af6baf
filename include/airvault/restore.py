"""Restores that cannot lose data: verified before the first write, planned, preceded by a
safety backup, applied in ONE transaction in dependency order, idempotent in merge mode.

How a table is applied (replace and merge share it; replace also deletes the extra rows):
1. the backup's rows are COPY'd into a temp staging table;
2. rows of the target that the backup lacks are deleted (replace only), children first;
3. rows that differ are updated, new rows inserted (parents first); equal rows are not touched;
4. foreign-key columns that close a cycle between tables are written last, in a second pass,
   so no constraint has to be disabled or deferred (which would need a superuser).
Sequences end past the restored maximum. Any error rolls everything back.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import subprocess
import tarfile
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import psycopg
import zstandard
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from airvault.backup import BackupOptions, connect, run_backup
from airvault.catalog import Table, read_catalog
from airvault.embedded import pg_tool
from airvault.errors import AirvaultError, IntegrityError
from airvault.manifest import read_manifest
from airvault.pgtools import client_args
from airvault.storage import Store, open_store
from airvault.verify import stream_table, verify_backup

log = logging.getLogger("airvault.restore")
MODES = ("replace", "merge", "new-database")
CHUNK = 1 << 20


class SchemaMismatch(AirvaultError):
    """The target's tables or columns do not match the backup's."""


@dataclass
class TablePlan:
    table: str
    role: str  # "selected" or "parent" (pulled in for the foreign keys; never deletes)
    backup_rows: int
    target_rows: int = 0
    insert: int = 0
    update: int = 0
    delete: int = 0


@dataclass
class RestoreResult:
    restore_id: str
    mode: str
    dry_run: bool
    tables: list[TablePlan] = field(default_factory=list)
    safety_backup: str | None = None
    seconds: float = 0.0

    def summary(self) -> str:
        head = f"{'table':<32} {'role':<8} {'backup':>9} {'target':>9} {'insert':>8} {'update':>8} {'delete':>8}"
        lines = [head]
        for t in self.tables:
            lines.append(
                f"{t.table:<32} {t.role:<8} {t.backup_rows:>9,} {t.target_rows:>9,} "
                f"{t.insert:>8,} {t.update:>8,} {t.delete:>8,}"
            )
        return "\n".join(lines)

    def to_json(self) -> dict:
        return {**asdict(self), "tables": [asdict(t) for t in self.tables]}


# ---------------------------------------------------------------- opening a backup


def safe_extract(archive: Path, dest: Path) -> Path:
    """Unpack a tar of a backup folder, refusing any entry that could land outside `dest`."""
    with tarfile.open(archive) as tar:
        for member in tar.getmembers():
            name = member.name
            target = (dest / name).resolve()
            if name.startswith("/") or ".." in Path(name).parts or not target.is_relative_to(dest):
                raise IntegrityError(f"{archive}: entry '{name}' escapes the backup folder")
            if not (member.isfile() or member.isdir()):
                raise IntegrityError(f"{archive}: entry '{name}' is a link or device, refused")
        tar.extractall(dest, filter="data")
    manifests = sorted(dest.rglob("manifest.json"))
    if not manifests:
        raise IntegrityError(f"{archive}: no manifest.json inside: not a complete backup")
    return manifests[0].parent


def open_backup(url: str | Store, workdir: Path | None = None) -> Store:
    """A Store for a backup given as file://, s3://, a folder, or a .tar/.tar.gz of a folder
    (a Store built elsewhere, e.g. from an Airflow connection, is taken as it is)."""
    if isinstance(url, Store):
        return url
    text = str(url)
    if text.endswith((".tar", ".tar.gz", ".tgz")) and "://" not in text.replace("file://", ""):
        dest = Path(tempfile.mkdtemp(prefix="airvault-upload-", dir=workdir)).resolve()
        return open_store(safe_extract(Path(text.removeprefix("file://")), dest))
    return open_store(text)


# ---------------------------------------------------------------- checks before writing


def _compatible(backup_type: str, target_type: str) -> bool:
    if backup_type == target_type:
        return True
    widen = {("integer", "bigint"), ("smallint", "integer"), ("smallint", "bigint")}
    if (backup_type, target_type) in widen or target_type == "text":
        return True
    base = lambda t: t.split("(")[0]  # noqa: E731 - varchar(50) -> varchar(100) is fine
    return base(backup_type) == base(target_type) and base(target_type) in (
        "character varying",
        "numeric",
        "timestamp with time zone",
        "timestamp without time zone",
    )


def check_schema(
    entries: list[dict], targets: dict[str, Table], allow_drift: bool
) -> dict[str, list[str]]:
    """Columns to restore per table; one error listing every missing or incompatible thing."""
    problems: list[str] = []
    columns: dict[str, list[str]] = {}
    for entry in entries:
        name = f"{entry['schema']}.{entry['name']}"
        target = targets.get(name)
        if target is None:
            problems.append(f"table {name} does not exist in the target")
            continue
        by_name = {c.name: c for c in target.columns}
        keep = []
        for col in entry["columns"]:
            have = by_name.get(col["name"])
            if have is None:
                problems.append(f"{name}.{col['name']} is missing in the target")
            elif have.generated:
                problems.append(f"{name}.{col['name']} is a generated column in the target")
            elif not _compatible(col["type"], have.type):
                problems.append(
                    f"{name}.{col['name']} is {have.type} in the target, {col['type']} in the backup"
                )
            else:
                keep.append(col["name"])
        backup_cols = {c["name"] for c in entry["columns"]}
        for c in target.columns:
            if c.name not in backup_cols and c.not_null and not c.generated:
                problems.append(f"{name}.{c.name} is NOT NULL in the target but not in the backup")
        if entry.get("primary_key") and not set(entry["primary_key"]) <= set(keep):
            problems.append(f"{name}: primary key columns are missing in the target")
        columns[name] = keep
    if problems and not allow_drift:
        raise SchemaMismatch(
            "the target schema does not match the backup (use --allow-schema-drift to restore the "
            "common columns): " + "; ".join(problems)
        )
    return columns


def select_entries(manifest: dict, tables: list[str] | None) -> tuple[list[dict], dict[str, str]]:
    """The manifest entries to restore, in dependency order, and each one's role.

    Chosen tables are "selected"; the tables they reference (transitively) that are in the
    backup come along as "parent" and are only merged, never emptied.
    """
    entries = {f"{e['schema']}.{e['name']}": e for e in manifest["tables"]}
    if not tables:
        roles = {name: "selected" for name in entries}
    else:
        wanted = set()
        for t in tables:
            name = t if "." in t else next((n for n in entries if n.split(".", 1)[1] == t), t)
            if name not in entries:
                raise AirvaultError(f"table '{t}' is not in this backup")
            wanted.add(name)
        roles = {name: "selected" for name in wanted}
        parents_of: dict[str, set[str]] = {}
        for fk in manifest.get("foreign_keys", []):
            parents_of.setdefault(fk["table"], set()).add(fk["ref_table"])
        todo = list(wanted)
        while todo:
            for parent in parents_of.get(todo.pop(), ()):
                if parent in entries and parent not in roles:
                    roles[parent] = "parent"
                    todo.append(parent)
    order = [n for n in manifest.get("dependency_order", []) if n in roles]
    order += sorted(n for n in roles if n not in order)
    return [entries[n] for n in order], roles


# ---------------------------------------------------------------- applying


def _ident(qualified: str) -> sql.Identifier:
    schema, name = qualified.split(".", 1)
    return sql.Identifier(schema, name)


def _cols(names: list[str], prefix: str | None = None) -> sql.Composable:
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


def _stage(conn: psycopg.Connection, store: Store, entry: dict, name: str, cols: list[str]) -> str:
    """COPY the backup's rows of one table into a temp staging table; return its name.

    Columns the target shares get the target's types; any other backup column (schema drift)
    is staged as text and then ignored.
    """
    stage = f"stage_{secrets.token_hex(6)}"
    conn.execute(
        sql.SQL("CREATE TEMP TABLE {} ON COMMIT DROP AS SELECT {} FROM {} WITH NO DATA").format(
            sql.Identifier(stage), _cols(cols), _ident(name)
        )
    )
    all_cols = [c["name"] for c in entry["columns"]]
    for extra in (c for c in all_cols if c not in cols):
        conn.execute(
            sql.SQL("ALTER TABLE {} ADD COLUMN {} text").format(
                sql.Identifier(stage), sql.Identifier(extra)
            )
        )
    copy_sql = sql.SQL("COPY {} ({}) FROM STDIN").format(sql.Identifier(stage), _cols(all_cols))
    with store.open_read(entry["file"]) as raw, conn.cursor().copy(copy_sql) as copy:
        reader = zstandard.ZstdDecompressor().stream_reader(raw, read_across_frames=True)
        while chunk := reader.read(CHUNK):
            copy.write(chunk)
    if entry.get("primary_key"):
        conn.execute(
            sql.SQL("CREATE INDEX ON {} ({})").format(
                sql.Identifier(stage), _cols(entry["primary_key"])
            )
        )
    conn.execute(sql.SQL("ANALYZE {}").format(sql.Identifier(stage)))
    return stage


def _rowcount(conn: psycopg.Connection, query: sql.Composable) -> int:
    return conn.execute(query).rowcount


def _count(conn: psycopg.Connection, query: sql.Composable) -> int:
    return int(conn.execute(query).fetchone()[0])


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

    @property
    def types(self) -> dict[str, str]:
        return {c["name"]: c["type"] for c in self.entry["columns"]}


def _plan_counts(conn: psycopg.Connection, w: _Work, deletes: bool) -> None:
    t, s = _ident(w.name), sql.Identifier(w.stage)
    w.plan.target_rows = _count(conn, sql.SQL("SELECT count(*) FROM {}").format(t))
    if not w.pk:
        w.plan.insert = w.plan.backup_rows
        w.plan.delete = w.plan.target_rows if deletes else 0
        return
    on = sql.SQL(" AND ").join(sql.SQL("t.{c} = s.{c}").format(c=sql.Identifier(c)) for c in w.pk)
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
    if deletes:
        w.plan.delete = _count(
            conn,
            sql.SQL(
                "SELECT count(*) FROM {t} t WHERE NOT EXISTS (SELECT 1 FROM {s} s WHERE {on})"
            ).format(s=s, t=t, on=on),
        )


def _apply_deletes(conn: psycopg.Connection, w: _Work) -> None:
    t, s = _ident(w.name), sql.Identifier(w.stage)
    if not w.pk:
        w.plan.delete = _rowcount(conn, sql.SQL("DELETE FROM {}").format(t))
        return
    on = sql.SQL(" AND ").join(sql.SQL("t.{c} = s.{c}").format(c=sql.Identifier(c)) for c in w.pk)
    w.plan.delete = _rowcount(
        conn,
        sql.SQL("DELETE FROM {t} t WHERE NOT EXISTS (SELECT 1 FROM {s} s WHERE {on})").format(
            t=t, s=s, on=on
        ),
    )


def _apply_upsert(conn: psycopg.Connection, w: _Work) -> None:
    """Update rows that differ, insert the new ones; late columns stay as they are for now."""
    t, s = _ident(w.name), sql.Identifier(w.stage)
    early = [c for c in w.cols if c not in w.late]
    overriding = sql.SQL("OVERRIDING SYSTEM VALUE ") if w.identity_always else sql.SQL("")
    if not w.pk:
        w.plan.insert = _rowcount(
            conn,
            sql.SQL("INSERT INTO {t} ({c}) {o}SELECT {c} FROM {s}").format(
                t=t, c=_cols(w.cols), o=overriding, s=s
            ),
        )
        return
    on = sql.SQL(" AND ").join(sql.SQL("t.{c} = s.{c}").format(c=sql.Identifier(c)) for c in w.pk)
    settable = [c for c in early if c not in w.pk]
    if settable:
        w.plan.update = _rowcount(
        conn,
            sql.SQL("UPDATE {t} t SET ({c}) = ROW({v}) FROM {s} s WHERE {on} AND {a} IS DISTINCT FROM {b}").format(
                t=t, c=_cols(settable), v=_cols(settable, "s"), s=s, on=on,
                a=_row(settable, "t", w.types), b=_row(settable, "s", w.types),
            )
        )  # fmt: skip
    w.plan.insert = _rowcount(
        conn,
        sql.SQL(
            "INSERT INTO {t} ({c}) {o}SELECT {v} FROM {s} s WHERE NOT EXISTS (SELECT 1 FROM {t} t WHERE {on})"
        ).format(t=t, c=_cols(early), o=overriding, v=_cols(early, "s"), s=s, on=on),
    )


def _apply_late(conn: psycopg.Connection, w: _Work) -> None:
    t, s = _ident(w.name), sql.Identifier(w.stage)
    on = sql.SQL(" AND ").join(sql.SQL("t.{c} = s.{c}").format(c=sql.Identifier(c)) for c in w.pk)
    conn.execute(
        sql.SQL(
            "UPDATE {t} t SET ({c}) = ROW({v}) FROM {s} s WHERE {on} AND {a} IS DISTINCT FROM {b}"
        ).format(
            t=t,
            c=_cols(w.late),
            v=_cols(w.late, "s"),
            s=s,
            on=on,
            a=_row(w.late, "t", w.types),
            b=_row(w.late, "s", w.types),
        )
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


def _set_sequences(conn: psycopg.Connection, manifest: dict, names: set[str]) -> None:
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


def _wrap(name: str, step: str, err: psycopg.Error) -> AirvaultError:
    detail = err.diag.message_detail if getattr(err, "diag", None) else None
    where = f" ({detail})" if detail else ""
    first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
    return AirvaultError(
        f"restore of {name} failed while {step}: {first}{where}; nothing was changed"
    )


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
    names = [f"{e['schema']}.{e['name']}" for e in selected]
    lock_list = sql.SQL(", ").join(_ident(n) for n in names)
    # Readers go on; writers wait for us (or we time out cleanly): no mixed state is visible.
    conn.execute(sql.SQL("LOCK TABLE {} IN EXCLUSIVE MODE").format(lock_list))
    late = _late_columns(manifest, set(names))
    work: list[_Work] = []
    for entry, name in zip(selected, names, strict=True):
        cols = columns[name]
        try:
            stage = _stage(conn, store, entry, name, cols)
        except psycopg.Error as e:
            raise _wrap(name, "loading the backup's rows", e) from e
        pk = entry.get("primary_key") or []
        if mode == "merge" and not pk:
            raise AirvaultError(
                f"{name} has no primary key: merge cannot match its rows; use replace"
            )
        w = _Work(
            name, entry, TablePlan(name, roles[name], entry["rows"]), stage, cols, pk,
            [c for c in late.get(name, []) if c in cols],
            _identity_always(conn, name),
        )  # fmt: skip
        deletes = mode != "merge" and roles[name] == "selected"
        if dry_run:
            _plan_counts(conn, w, deletes)
        else:  # the counts come from the statements themselves
            w.plan.target_rows = _count(
                conn, sql.SQL("SELECT count(*) FROM {}").format(_ident(name))
            )
            w.plan.delete = int(deletes)  # a flag until _apply_deletes counts them
        work.append(w)
    if dry_run:
        return [w.plan for w in work]
    if any(w.late for w in work):  # open the cycle: the late columns are rewritten at the end
        for w in work:
            if w.late and mode != "merge" and w.plan.role == "selected":
                nulls = sql.SQL(", ").join(
                    sql.SQL("{} = NULL").format(sql.Identifier(c)) for c in w.late
                )
                conn.execute(sql.SQL("UPDATE {} SET {}").format(_ident(w.name), nulls))
    for w in reversed(work):
        if w.plan.delete:  # set for the tables that replace empties of extra rows
            try:
                _apply_deletes(conn, w)
            except psycopg.Error as e:
                raise _wrap(w.name, "deleting rows that are not in the backup", e) from e
    for w in work:
        try:
            _apply_upsert(conn, w)
        except psycopg.Error as e:
            raise _wrap(w.name, "writing rows", e) from e
    for w in work:
        if w.late:
            try:
                _apply_late(conn, w)
            except psycopg.Error as e:
                raise _wrap(w.name, "writing the cycle's foreign keys", e) from e
    _set_sequences(conn, manifest, set(names))
    return [w.plan for w in work]


def _identity_always(conn: psycopg.Connection, name: str) -> bool:
    schema, table = name.split(".", 1)
    row = conn.execute(
        "SELECT bool_or(attidentity = 'a') FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
        "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = %s AND c.relname = %s",
        (schema, table),
    ).fetchone()
    return bool(row and row[0])


# ---------------------------------------------------------------- entry point


def _create_database(dsn: str, store: Store, schema_rel: str) -> None:
    """Create the target database and its schema from `schema_rel`; refuse an existing one."""
    info = conninfo_to_dict(dsn)
    name = info.get("dbname")
    if not name:
        raise AirvaultError("new-database mode needs a database name in --dsn")
    admin = make_conninfo(**{**info, "dbname": "postgres"})
    with psycopg.connect(admin, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            raise AirvaultError(
                f"database '{name}' already exists: new-database mode never overwrites one"
            )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        if b"\nCREATE SCHEMA public;" in store.read_bytes(schema_rel):  # make room for it
            with psycopg.connect(dsn, autocommit=True) as conn:
                conn.execute("DROP SCHEMA public")
        _run_sql_file(dsn, store, schema_rel)
    except BaseException:
        _drop_database(dsn)
        raise


def _run_sql_file(dsn: str, store: Store, rel: str, settings: dict | None = None) -> None:
    """Run one of the backup's SQL files with psql, in a single transaction."""
    conninfo, env = client_args(dsn, settings)
    with tempfile.NamedTemporaryFile(suffix=".sql") as f:
        f.write(store.read_bytes(rel))
        f.flush()
        result = subprocess.run(
            [pg_tool("psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-1", "-d", conninfo, "-f", f.name],
            capture_output=True, text=True, env=env,
        )  # fmt: skip
    if result.returncode != 0:
        raise AirvaultError(
            f"{rel} failed in the new database: {result.stderr.strip().splitlines()[-1:]}"
        )


def _copy_into(conn: psycopg.Connection, store: Store, entry: dict) -> None:
    """COPY a table's backup file straight into the (empty, unindexed) target table,
    verifying its checksums and row count on the way (a mismatch drops the new database)."""
    cols = [c["name"] for c in entry["columns"]]
    target = sql.Identifier(entry["schema"], entry["name"])
    # Truncating the (new, empty) table in this transaction allows COPY FREEZE: rows are
    # written already frozen, so the new database needs no vacuum pass to set hint bits.
    conn.execute(sql.SQL("TRUNCATE {}").format(target))
    copy_sql = sql.SQL("COPY {} ({}) FROM STDIN WITH (FREEZE)").format(target, _cols(cols))
    with conn.cursor().copy(copy_sql) as copy:
        _rows, problems = stream_table(store, entry, copy.write)
    if problems:
        raise IntegrityError("; ".join(problems))


def _load_new_database(
    dsn: str,
    store: Store,
    manifest: dict,
    selected: list[dict],
    roles: dict[str, str],
    workers: int,
) -> list[TablePlan]:
    """Like pg_restore: tables first, data in parallel, then indexes and constraints in bulk.

    The database is new, so atomicity comes from dropping it on any error (the caller does).
    """
    import queue
    import threading

    work: queue.Queue = queue.Queue()
    for entry in sorted(selected, key=lambda e: e.get("content_bytes", 0), reverse=True):
        work.put(entry)
    errors: list[BaseException] = []

    def load() -> None:
        with connect(dsn) as conn:
            # Durability comes at the end: a crash before post-data leaves no usable database.
            conn.execute("SET synchronous_commit = off")
            while not errors:
                try:
                    entry = work.get_nowait()
                except queue.Empty:
                    break
                try:
                    _copy_into(conn, store, entry)
                except psycopg.Error as e:
                    errors.append(_wrap(f"{entry['schema']}.{entry['name']}", "loading rows", e))
                    return
                except IntegrityError as e:
                    errors.append(e)
                    return
            conn.commit()

    threads = [threading.Thread(target=load) for _ in range(max(1, min(workers, len(selected))))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    # Indexes and foreign keys are built once over the loaded data: give the sorts memory.
    post_data = manifest["schema_sections"]["post-data"]["file"]
    _run_sql_file(dsn, store, post_data, {"maintenance_work_mem": "256MB"})
    names = {f"{e['schema']}.{e['name']}" for e in selected}
    with connect(dsn) as conn:
        _set_sequences(conn, manifest, names)
        conn.commit()
    return [
        TablePlan(
            f"{e['schema']}.{e['name']}",
            roles[f"{e['schema']}.{e['name']}"],
            e["rows"],
            0,
            e["rows"],
        )
        for e in selected
    ]


def _drop_database(dsn: str) -> None:
    info = conninfo_to_dict(dsn)
    admin = make_conninfo(**{**info, "dbname": "postgres"})
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(info["dbname"])
            )
        )


def restore(
    backup_url: str | Store,
    dsn: str,
    mode: str = "replace",
    tables: list[str] | None = None,
    dry_run: bool = False,
    safety_root: Store | None = None,
    allow_schema_drift: bool = False,
    lock_timeout: str = "30s",
    restore_id: str | None = None,
    safety_backup: str | None = None,
    workers: int = 2,
) -> RestoreResult:
    """Restore the backup at `backup_url` into `dsn`; see the module docstring."""
    if mode not in MODES:
        raise AirvaultError(f"unknown mode '{mode}': use one of {', '.join(MODES)}")
    started = time.monotonic()
    store = open_backup(backup_url)
    manifest = read_manifest(store)
    sections = manifest.get("schema_sections")
    fast_new_database = mode == "new-database" and not dry_run and bool(sections)
    # A new database is dropped on any mismatch, so its data is verified while it loads.
    report = verify_backup(store, data=not fast_new_database)
    if not report.ok:
        raise IntegrityError(
            f"{store.url} failed verification, nothing was written: " + "; ".join(report.problems)
        )
    selected, roles = select_entries(manifest, tables)
    result = RestoreResult(
        restore_id or secrets.token_hex(4), mode, dry_run, safety_backup=safety_backup
    )
    if fast_new_database:
        _create_database(dsn, store, sections["pre-data"]["file"])
        try:
            result.tables = _load_new_database(dsn, store, manifest, selected, roles, workers)
        except BaseException:
            _drop_database(dsn)
            raise
        result.seconds = round(time.monotonic() - started, 3)
        log.info(
            "restore %s (new-database) of %s:\n%s", result.restore_id, store.url, result.summary()
        )
        return result
    created = False
    if mode == "new-database" and not dry_run:  # a backup older than schema sections
        _create_database(dsn, store, manifest["schema_file"]["file"])
        created = True
    try:
        with connect(dsn) as conn:
            conn.execute("SELECT set_config('lock_timeout', %s, false)", (lock_timeout,))
            catalog = read_catalog(conn, sorted({e["schema"] for e in selected}))
            columns = check_schema(selected, catalog.tables, allow_schema_drift)
            if not dry_run and mode != "new-database" and safety_root is not None:
                conn.rollback()  # the safety backup first, before any write
                touched = [f"{e['schema']}.{e['name']}" for e in selected]
                result.safety_backup = take_safety_backup(
                    dsn, safety_root, touched, result.restore_id, store.url, mode
                )
            plans = apply_backup(conn, store, manifest, selected, roles, columns, mode, dry_run)
            result.tables = plans
            if dry_run:
                conn.rollback()
            else:
                conn.commit()
    except BaseException:
        if created:
            _drop_database(dsn)
        raise
    result.seconds = round(time.monotonic() - started, 3)
    log.info(
        "restore %s (%s%s) of %s:\n%s",
        result.restore_id,
        mode,
        ", dry run" if dry_run else "",
        store.url,
        result.summary(),
    )
    return result


def take_safety_backup(
    dsn: str, root: Store, tables: list[str], restore_id: str, source: str, mode: str
) -> str:
    """A `pre-restore` backup of exactly `tables`, linked to the restore in its manifest."""
    opts = BackupOptions(
        kind="pre-restore",
        scope=restore_id,
        schemas=sorted({t.split(".", 1)[0] for t in tables}),
        only=sorted(tables),
        extra={"restore": {"id": restore_id, "from": source, "mode": mode}},
    )
    safety = run_backup(dsn, root, opts)
    log.info(
        "safety backup of %d tables before restore %s: %s", len(tables), restore_id, safety.url
    )
    return safety.url


def check_restored(backup_url: str | Store, dsn: str, tables: list[str]) -> list[str]:
    """After a replace or new-database restore: every table's content sha256 and row count,
    read back from the database the way a backup reads it, must equal the backup's."""
    from airvault.backup import SESSION_SETTINGS, copy_query
    from airvault.pgtools import copy_out

    store = open_backup(backup_url)
    manifest = read_manifest(store)
    entries = {f"{e['schema']}.{e['name']}": e for e in manifest["tables"]}
    with connect(dsn) as conn:
        catalog = read_catalog(conn, sorted({t.split(".", 1)[0] for t in tables}))
    problems = []
    for name in tables:
        entry, table = entries[name], catalog.tables[name]
        sha, rows = hashlib.sha256(), 0
        for chunk in copy_out(dsn, None, copy_query(table).as_string(None), SESSION_SETTINGS):
            sha.update(chunk)
            rows += chunk.count(b"\n")
        if rows != entry["rows"]:
            problems.append(f"{name}: {rows} rows after the restore, {entry['rows']} in the backup")
        elif sha.hexdigest() != entry["content_sha256"]:
            problems.append(f"{name}: content differs from the backup after the restore")
    return problems


def find_safety_backup(root: Store, restore_id: str) -> str:
    """The URL of the pre-restore backup taken by restore `restore_id`."""
    from airvault.manifest import list_backups

    for b in list_backups(root)[0]:
        if b["kind"] == "pre-restore" and b.get("restore", {}).get("id") == restore_id:
            return b["url"]
    raise AirvaultError(f"no safety backup of restore '{restore_id}' under {root.url}")
