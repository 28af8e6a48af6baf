"""Restores that cannot lose data: verified before the first write, planned, preceded by a
safety backup, applied in ONE transaction in dependency order, idempotent in merge mode
(see restore_apply for how a table is applied, new_database for the new-database mode).
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import time
from dataclasses import asdict, dataclass, field

from airvault.backup import BackupOptions, connect, run_backup
from airvault.catalog import Table, read_catalog
from airvault.errors import AirvaultError, IntegrityError
from airvault.filecodec import codec_of
from airvault.manifest import list_backups, read_manifest, table_name
from airvault.new_database import (
    create_database,
    drop_database,
    load_new_database,
    prepare_build,
    publish_database,
)
from airvault.restore_apply import TablePlan, apply_backup
from airvault.storage import Store
from airvault.uploads import open_backup
from airvault.verify import verify_backup

log = logging.getLogger("airvault.restore")
MODES = ("replace", "merge", "new-database")


class SchemaMismatch(AirvaultError):
    """The target's tables or columns do not match the backup's."""


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
        name = table_name(entry)
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
    entries = {table_name(e): e for e in manifest["tables"]}
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
    verify_data: bool = True,
) -> RestoreResult:
    """Restore the backup at `backup_url` into `dsn`; see the module docstring.

    verify_data=False skips the upfront pass over the data files for a caller that has just
    verified them (the DAG's verify task, the CLI's plan); every file is checked again anyway
    while it is staged or loaded, and a mismatch rolls back."""
    if mode not in MODES:
        raise AirvaultError(f"unknown mode '{mode}': use one of {', '.join(MODES)}")
    started = time.monotonic()
    store = open_backup(backup_url)
    manifest = read_manifest(store)
    sections = manifest.get("schema_sections")
    fast_new_database = mode == "new-database" and not dry_run and bool(sections)
    # A new database is dropped on any mismatch, so its data is verified while it loads.
    report = verify_backup(store, data=verify_data and not fast_new_database)
    if not report.ok:
        raise IntegrityError(
            f"{store.url} failed verification, nothing was written: " + "; ".join(report.problems)
        )
    selected, roles = select_entries(manifest, tables)
    result = RestoreResult(
        restore_id or secrets.token_hex(4), mode, dry_run, safety_backup=safety_backup
    )
    target = dsn
    if mode == "new-database" and not dry_run:
        dsn = prepare_build(target)  # renamed to the target's name once complete
    if fast_new_database:
        create_database(dsn, store, sections["pre-data"]["file"], codec_of(manifest, store.key))
        try:
            result.tables = load_new_database(dsn, store, manifest, selected, roles, workers)
        except BaseException:
            drop_database(dsn)
            raise
        publish_database(dsn, target)
        result.seconds = round(time.monotonic() - started, 3)
        log.info(
            "restore %s (new-database) of %s:\n%s", result.restore_id, store.url, result.summary()
        )
        return result
    created = False
    if mode == "new-database" and not dry_run:  # a backup older than schema sections
        create_database(dsn, store, manifest["schema_file"]["file"], codec_of(manifest, store.key))
        created = True
    try:
        with connect(dsn) as conn:
            conn.execute("SELECT set_config('lock_timeout', %s, false)", (lock_timeout,))
            catalog = read_catalog(conn, sorted({e["schema"] for e in selected}))
            columns = check_schema(selected, catalog.tables, allow_schema_drift)
            if not dry_run and mode != "new-database" and safety_root is not None:
                conn.rollback()  # the safety backup first, before any write
                touched = [table_name(e) for e in selected]
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
            drop_database(dsn)
        raise
    if created:
        publish_database(dsn, target)
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
        encryption_key=root.key,  # encrypted like the backups kept there
    )
    safety = run_backup(dsn, root, opts)
    log.info(
        "safety backup of %d tables before restore %s: %s", len(tables), restore_id, safety.url
    )
    return safety.url


def check_restored(backup_url: str | Store, dsn: str, tables: list[str]) -> list[str]:
    """After a replace or new-database restore: every table's content sha256 and row count,
    read back from the database the way the backup read it (the same row selection for a
    tenant or filtered backup), must equal the backup's."""
    from airvault.backup import SESSION_SETTINGS, copy_query
    from airvault.pgtools import copy_out

    store = open_backup(backup_url)
    manifest = read_manifest(store)
    entries = {table_name(e): e for e in manifest["tables"]}
    with connect(dsn) as conn:
        catalog = read_catalog(conn, sorted({t.split(".", 1)[0] for t in tables}))
    problems = []
    for name in tables:
        entry, table = entries[name], catalog.tables[name]
        if (entry.get("cap") or {}).get("newest"):
            continue  # "the newest N" of the target may now include rows newer than the backup
        sha, rows = hashlib.sha256(), 0
        query = copy_query(table, entry.get("where")).as_string(None)
        for chunk in copy_out(dsn, None, query, SESSION_SETTINGS):
            sha.update(chunk)
            rows += chunk.count(b"\n")
        if rows != entry["rows"]:
            problems.append(f"{name}: {rows} rows after the restore, {entry['rows']} in the backup")
        elif sha.hexdigest() != entry["content_sha256"]:
            problems.append(f"{name}: content differs from the backup after the restore")
    return problems


def find_safety_backup(root: Store, restore_id: str) -> str:
    """The URL of the pre-restore backup taken by restore `restore_id`."""

    for b in list_backups(root)[0]:
        if b["kind"] == "pre-restore" and b.get("restore", {}).get("id") == restore_id:
            return b["url"]
    raise AirvaultError(f"no safety backup of restore '{restore_id}' under {root.url}")
