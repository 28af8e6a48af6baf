"""Restores that cannot lose data: verified before the first write, planned, preceded by a
safety backup, applied in ONE transaction in dependency order, idempotent in merge mode
(see restore_apply for how a table is applied, new_database for the new-database mode).
"""

from __future__ import annotations

import logging
import secrets
import time
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict

from airvault.backup.run import BackupOptions, run_backup
from airvault.errors import AirvaultError, IntegrityError
from airvault.pg.app_version import check_app_version
from airvault.pg.catalog import Table, read_catalog, resolve_name
from airvault.pg.rows import one_row
from airvault.pg.scope import check_recorded_selections
from airvault.pg.session import connect
from airvault.progress import RESTORES, Progress, publishing
from airvault.restore.apply import (
    TablePlan,
    TriggersDenied,
    app_triggers,
    apply_backup,
    cascading_children,
    content_of,
    content_query,
)
from airvault.restore.new_database import (
    check_target_server,
    create_database,
    drop_database,
    load_new_database,
    outside_foreign_keys,
    prepare_build,
    publish_database,
    refuse_existing,
    schema_archive_file,
    stand_in_roles,
)
from airvault.storage.codec import codec_of
from airvault.storage.manifest import list_backups, read_manifest
from airvault.storage.models import BackupManifest, DataFile, RestoreOrigin, TableEntry
from airvault.storage.store import Store
from airvault.storage.uploads import open_backup
from airvault.verify import verify_backup

log = logging.getLogger("airvault.restore.run")
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
    notices: list[str] = field(default_factory=list)  # what it did not bring back, and why
    # replace / merge: sequences set past the backup's value ("schema.seq: from -> to"), as
    # the target's rows or sequence had gone further (apply.set_sequences)
    sequences_moved: list[str] = field(default_factory=list)
    owner_map: dict[str, str] = field(default_factory=dict)  # new-database: owner -> given to
    # a plan into a database at another app version, not accepted: applying it is refused
    app_version_mismatch: str | None = None

    def summary(self) -> str:
        head = f"{'table':<32} {'role':<8} {'backup':>9} {'target':>9} {'insert':>8} {'update':>8} {'delete':>8}"
        lines = [head]
        for t in self.tables:
            lines.append(
                f"{t.table:<32} {t.role:<8} {t.backup_rows:>9,} {t.target_rows:>9,} "
                f"{t.insert:>8,} {t.update:>8,} {t.delete:>8,}" + (f"  {t.how}" if t.how else "")
            )
        if self.sequences_moved:
            lines.append("sequences set past the backup's value (the target had gone further): "
                         + ", ".join(self.sequences_moved))  # fmt: skip
        lines += [f"note: {n}" for n in self.notices]
        lines += [f"owner {a} -> {b} (--owner-map)" for a, b in sorted(self.owner_map.items())]
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
    entries: list[TableEntry], targets: dict[str, Table], allow_drift: bool
) -> dict[str, list[str]]:
    """Columns to restore per table; one error listing every missing or incompatible thing."""
    problems: list[str] = []
    columns: dict[str, list[str]] = {}
    for entry in entries:
        name = entry.qualified
        target = targets.get(name)
        if target is None:
            problems.append(f"table {name} does not exist in the target")
            continue
        by_name = {c.name: c for c in target.columns}
        keep = []
        for col in entry.columns:
            have = by_name.get(col.name)
            if have is None:
                problems.append(f"{name}.{col.name} is missing in the target")
            elif have.generated:
                problems.append(f"{name}.{col.name} is a generated column in the target")
            elif not _compatible(col.type, have.type):
                problems.append(
                    f"{name}.{col.name} is {have.type} in the target, {col.type} in the backup"
                )
            else:
                keep.append(col.name)
        backup_cols = {c.name for c in entry.columns}
        for c in target.columns:
            if c.name not in backup_cols and c.not_null and not c.generated and not c.has_default:
                problems.append(
                    f"{name}.{c.name} is NOT NULL without a default in the target, and not in "
                    "the backup"
                )
        if not set(entry.match_key) <= set(keep):
            problems.append(f"{name}: primary key columns are missing in the target")
        columns[name] = keep
    if problems and not allow_drift:
        raise SchemaMismatch(
            "the target schema does not match the backup (use --allow-schema-drift to restore the "
            "common columns): " + "; ".join(problems)
        )
    return columns


def select_entries(
    manifest: BackupManifest, tables: list[str] | None
) -> tuple[list[TableEntry], dict[str, str]]:
    """The manifest entries to restore, in dependency order, and each one's role.

    Chosen tables are "selected"; the tables they reference (transitively) that are in the
    backup come along as "parent" and are only merged, never emptied.
    """
    entries = {e.qualified: e for e in manifest.tables}
    if not tables:
        roles = {name: "selected" for name in entries}
    else:
        wanted = set()
        for t in tables:
            name = resolve_name(list(entries), t)
            if name is None:
                raise AirvaultError(f"table '{t}' is not in this backup")
            wanted.add(name)
        roles = {name: "selected" for name in wanted}
        parents_of: dict[str, set[str]] = {}
        for fk in manifest.foreign_keys:
            parents_of.setdefault(fk.table, set()).add(fk.ref_table)
        todo = list(wanted)
        while todo:
            for parent in parents_of.get(todo.pop(), ()):
                if parent in entries and parent not in roles:
                    roles[parent] = "parent"
                    todo.append(parent)
    order = [n for n in manifest.dependency_order if n in roles]
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
    roles: str = "require",
    allow_cascade: bool = False,
    allow_unencrypted: bool = False,
    progress_root: Store | None = None,
    row_filters: Mapping[str, str] | None = None,
    owner_map: dict[str, str] | None = None,
    accept_app_version: bool = False,
    app_version_query: str | None = None,
) -> RestoreResult:
    """Restore the backup at `backup_url` into `dsn`; see the module docstring.
    `owner_map` (new-database, like pg_restore's owner options): objects the backup gives to
    a key's role are given to its value's instead (recorded in the result).

    verify_data=False skips the upfront pass over the data files for a caller that has just
    verified them (the DAG's verify task, the CLI's plan); every file is checked again anyway
    while it is staged or loaded, and a mismatch rolls back. `roles` (new-database): what to do
    about roles the backup's objects need that the server lacks (new_database.ROLE_MODES).
    `allow_cascade` lets a replace change rows of tables it does not restore through their
    ON DELETE actions (the dry run lists them). With `progress_root` (the storage root), how
    far it is (step, tables, rows, MB/s) is published in restores/<restore id>/writing.json
    while it runs, as a backup publishes its own (the Backups page's "Running now").
    `row_filters`: the installation's (config backup.row_filters): a filtered backup is
    restored only where its filters are these (pg.scope.installed_row_filters).
    A replace or merge into a database at another app version than the backup's (its
    migration head, pg.app_version; read with the config's `app_version_query` when the
    backup used one) is a warning in the plan and refused unless `accept_app_version`."""
    if mode not in MODES:
        raise AirvaultError(f"unknown mode '{mode}': use one of {', '.join(MODES)}")
    started = time.monotonic()
    store = open_backup(backup_url)
    manifest = read_manifest(store)
    new_database = mode == "new-database"
    if new_database and not (manifest.schema_archive or manifest.schema_sections):
        raise AirvaultError(f"{store.url} is too old for a new-database restore; use replace")
    selected, table_roles = select_entries(manifest, tables)
    result = RestoreResult(restore_id or secrets.token_hex(4), mode, dry_run,
                           safety_backup=safety_backup, owner_map=dict(owner_map or {}))  # fmt: skip
    into = conninfo_to_dict(dsn).get("dbname") or "?"
    progress = Progress("restore-plan" if dry_run else "restore", mode,
                        f"{manifest.label or manifest.id} into {into}", len(selected),
                        sum(e.content_bytes for e in selected), step="verifying")  # fmt: skip
    with publishing(progress_root, f"{RESTORES}/{result.restore_id}", progress):
        # A new database is dropped on any mismatch, so its data is verified while it loads.
        report = verify_backup(store, data=verify_data and not (new_database and not dry_run))
        if not report.ok:
            raise IntegrityError(
                f"{store.url} failed verification, nothing was written: "
                + "; ".join(report.problems)
            )
        check_encryption(manifest, store, allow_unencrypted)
        return _restore(store, manifest, dsn, selected, table_roles, result, progress, started,
                        safety_root=safety_root, allow_schema_drift=allow_schema_drift,
                        lock_timeout=lock_timeout, workers=workers, roles=roles,
                        allow_cascade=allow_cascade, tables=tables,
                        row_filters=row_filters or {},
                        app_version=(app_version_query, accept_app_version))  # fmt: skip


def _restore(
    store: Store,
    manifest: BackupManifest,
    dsn: str,
    selected: list[TableEntry],
    table_roles: dict[str, str],
    result: RestoreResult,
    progress: Progress,
    started: float,
    *,
    safety_root: Store | None,
    allow_schema_drift: bool,
    lock_timeout: str,
    workers: int,
    roles: str,
    allow_cascade: bool,
    tables: list[str] | None,
    row_filters: Mapping[str, str],
    app_version: tuple[str | None, bool],
) -> RestoreResult:
    """restore() once the backup is verified: plan, safety backup, apply (or load a new
    database), counting in `progress`."""
    mode, dry_run = result.mode, result.dry_run
    new_database = mode == "new-database"
    if new_database:
        owner_options = check_target_server(dsn, manifest, roles)
        result.notices += outside_foreign_keys(manifest)
        if dry_run:
            refuse_existing(dsn)
            result.tables = [TablePlan(e.qualified, table_roles[e.qualified], e.rows, 0, e.rows)
                             for e in selected]  # fmt: skip
        else:
            codec = codec_of(manifest, store.key)
            with schema_archive_file(store, manifest, codec) as archive:
                progress.step = "creating the database"
                build = prepare_build(dsn)  # renamed to the target's name once complete
                try:
                    with stand_in_roles(build, manifest, owner_options):
                        create_database(build, store, manifest, codec, owner_options, archive,
                                        result.owner_map)  # fmt: skip
                        progress.step = "loading"
                        result.tables = load_new_database(
                            build, store, manifest, selected, table_roles, workers,
                            owner_options, archive, progress,
                        )  # fmt: skip
                except BaseException:
                    drop_database(build)
                    raise
            publish_database(build, dsn)
        result.seconds = round(time.monotonic() - started, 3)
        log.info("restore %s (new-database%s) of %s:\n%s", result.restore_id,
                 ", dry run" if dry_run else "", store.url, result.summary())  # fmt: skip
        return result
    progress.step = "reading the target"
    with connect(dsn) as conn:
        conn.execute("SELECT set_config('lock_timeout', %s, false)", (lock_timeout,))
        catalog = read_catalog(conn, sorted({e.schema_name for e in manifest.tables}))
        check_recorded_selections(manifest, catalog, row_filters, store.url)
        columns = check_schema(selected, catalog.tables, allow_schema_drift)
        if version := check_app_version(conn, manifest.app_version, *app_version, dry_run):
            result.notices.append(version.notice)
            result.app_version_mismatch = None if version.accepted else version.mismatch
        names = [e.qualified for e in selected]
        check_triggers(conn, manifest, names)
        safety = None
        if not dry_run and safety_root is not None:
            # Of what the restore writes and of the tables an FK action could reach
            # from there; taken once every check has passed, right before the first write.
            touched = names + cascading_children(conn, names)

            def safety() -> None:
                result.safety_backup = take_safety_backup(
                    dsn, safety_root, touched, result.restore_id, store.url, mode
                )

        plans, result.sequences_moved = apply_backup(
            conn, store, manifest, selected, table_roles, columns, mode, dry_run,
            catalog.tables, allow_cascade=allow_cascade, whole=not tables, dsn=dsn,
            workers=workers, progress=progress, before_write=safety,
        )  # fmt: skip
        result.tables = plans
        if dry_run:
            conn.rollback()
        else:
            progress.step = "committing"
            conn.commit()
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


def check_triggers(conn: psycopg.Connection, manifest: BackupManifest, names: list[str]) -> None:
    """Refuse before anything is written (the safety backup too) when the login may not keep
    the app's triggers from firing on some of the tables, naming the GRANT and the --tables
    that would work: the tables whose foreign-key closure stays clear of those. Tables the
    target lacks are left to the schema check."""
    regs = [sql.Identifier(*n.split(".", 1)).as_string(conn) for n in names]
    (present,) = one_row(conn.execute(
        "SELECT array(SELECT n FROM unnest(%s::text[]) WITH ORDINALITY x(n, i) "
        "WHERE to_regclass(n) IS NOT NULL ORDER BY i)", (regs,)).fetchone())  # fmt: skip
    try:
        app_triggers(conn, [n for n, r in zip(names, regs, strict=True) if r in present])
    except TriggersDenied as e:
        clear = [n for n in names if n not in e.denied
                 and not set(select_entries(manifest, [n])[1]) & set(e.denied)]  # fmt: skip
        way_out = f"restore the others only: --tables {','.join(clear)}" if clear else ""
        raise TriggersDenied(e.login, e.denied, way_out) from None


def check_encryption(manifest: BackupManifest, store: Store, allow_unencrypted: bool) -> None:
    """Where backups are encrypted (a key is configured), an unencrypted backup is refused
    unless the caller says it is expected: data planted in storage must not pass for ours."""
    if store.key is not None and manifest.encryption is None and not allow_unencrypted:
        raise IntegrityError(
            f"{store.url} is not encrypted, but backups here are: refused (pass "
            "--allow-unencrypted if this backup is known to be unencrypted); nothing was written"
        )


def take_safety_backup(
    dsn: str, root: Store, tables: list[str], restore_id: str, source: str, mode: str
) -> str:
    """A `pre-restore` backup of exactly `tables`, linked to the restore in its manifest."""
    opts = BackupOptions(
        kind="pre-restore",
        scope=restore_id,
        schemas=sorted({t.split(".", 1)[0] for t in tables}),
        only=sorted(tables),
        restore=RestoreOrigin(id=restore_id, from_=source, mode=mode),
        encryption_key=root.key,  # encrypted like the backups kept there
    )
    safety = run_backup(dsn, root, opts)
    log.info(
        "safety backup of %d tables before restore %s: %s", len(tables), restore_id, safety.url
    )
    return safety.url


def check_restored(
    backup_url: str | Store,
    dsn: str,
    tables: list[str],
    large_objects: bool = False,
    row_filters: Mapping[str, str] | None = None,
) -> list[str]:
    """After a replace or new-database restore: every table's content sha256 and row count,
    read back from the database the way the backup read it (its columns, the same row
    selection for a tenant or filtered backup, with the installation's `row_filters`), must
    equal the backup's; with `large_objects`, the large objects' too."""
    from airvault.pg.objects import LARGE_OBJECTS_QUERY

    store = open_backup(backup_url)
    manifest = read_manifest(store)
    entries = {e.qualified: e for e in manifest.tables}
    with connect(dsn) as conn:
        catalog = read_catalog(conn, sorted({e.schema_name for e in manifest.tables}))
    check_recorded_selections(manifest, catalog, row_filters or {}, store.url)
    checks: list[tuple[str, DataFile, str, dict[str, str]]] = []
    for name in tables:
        entry, table = entries[name], catalog.tables[name]
        if entry.cap and entry.cap.newest:
            continue  # "the newest N" of the target may now include rows newer than the backup
        checks.append((name, entry, *content_query(table, entry)))
    if large_objects and manifest.large_objects:
        checks.append(("large objects", manifest.large_objects, LARGE_OBJECTS_QUERY, {}))
    problems = []
    for name, data_file, query, plan in checks:
        rows, sha = content_of(dsn, query, data_file.digest, planner=plan)
        if rows != data_file.rows:
            problems.append(
                f"{name}: {rows} rows after the restore, {data_file.rows} in the backup"
            )
        elif sha != data_file.content_sha256:
            problems.append(f"{name}: content differs from the backup after the restore")
    return problems


def find_safety_backup(root: Store, restore_id: str) -> str:
    """The URL of the pre-restore backup taken by restore `restore_id`."""

    for b in list_backups(root)[0]:
        if b.kind == "pre-restore" and b.restore and b.restore.id == restore_id:
            assert b.url is not None  # (listed from storage: set)
            return b.url
    raise AirvaultError(f"no safety backup of restore '{restore_id}' under {root.url}")
