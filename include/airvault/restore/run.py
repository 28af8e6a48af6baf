"""Restores that cannot lose data: request -> plan -> result.

A `RestoreRequest` (restore/request.py) says what to restore; the backup is opened once
(`OpenedBackup`: authenticated manifest, codec, verification) and handed down. `plan_restore`
verifies it and makes the `RestorePlan` a user confirms (restore/plan.py), without writing;
`apply_plan` applies exactly that plan, refusing if the backup or the target changed since.
`restore()` does both in one transaction for a caller with nobody to confirm (a script, a
drill). Before any write: the checks, then a safety backup; then ONE transaction in
dependency order, idempotent in merge mode (restore/apply.py says how a table is applied,
restore/new_database.py how a new database is built).
"""

from __future__ import annotations

import logging
import secrets
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict

from airvault.backup.run import BackupOptions, run_backup
from airvault.capture.ddl import SCHEMA as CAPTURE_SCHEMA
from airvault.errors import AirvaultError, IntegrityError
from airvault.pg.app_version import VersionCheck, check_app_version
from airvault.pg.catalog import Table, read_catalog, resolve_name
from airvault.pg.rows import one_row
from airvault.pg.scope import check_recorded_selections
from airvault.pg.session import connect
from airvault.progress import RESTORES, Progress, publishing
from airvault.restore.apply import (
    ApplyJob,
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
from airvault.restore.plan import RestorePlan, RestoreResult, TablePlan
from airvault.restore.request import (
    MODES,
    RestoreRequest,
    RestoreTarget,
    restore_request,
)
from airvault.storage.manifest import list_backups
from airvault.storage.models import BackupManifest, DataFile, RestoreOrigin, TableEntry
from airvault.storage.opened import OpenedBackup
from airvault.storage.store import Store
from airvault.verify import verify_opened

log = logging.getLogger("airvault.restore.run")
__all__ = [
    "MODES",
    "RestorePlan",
    "RestoreResult",
    "TablePlan",
    "apply_plan",
    "plan_restore",
    "restore",
    "run_restore",
]


class SchemaMismatch(AirvaultError):
    """The target's tables or columns do not match the backup's."""


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
    if not tables:  # the whole backup: the app's tables, not capture's own log (capture/ddl)
        entries = {n: e for n, e in entries.items() if e.schema_name != CAPTURE_SCHEMA}
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
    source: str | Store | OpenedBackup,
    dsn: str,
    dry_run: bool = False,
    verify_data: bool = True,
    restore_id: str | None = None,
    **options: Any,
) -> RestoreResult:
    """Restore the backup at `source` into `dsn` in one call, with nobody to confirm a plan
    in between (a script, a drill): planned and applied in the
    same transaction, so nothing can change between the two. `options` are the request's
    fields (RestoreRequest: mode, tables, roles, owner_map, allow_cascade, ...) and the
    target's (RestoreTarget: safety_root, progress_root, row_filters). dry_run: the plan
    only, as a result.

    verify_data=False skips the upfront pass over the data files for a caller that has just
    verified them; every file is checked again anyway while it is staged or loaded, and a
    mismatch rolls back."""
    request, target, backup = from_options(source, dsn, options)
    return run_restore(
        request, target, backup, dry_run=dry_run, verify_data=verify_data, restore_id=restore_id
    )


def from_options(
    source: str | Store | OpenedBackup, dsn: str, options: dict[str, Any], **fixed: Any
) -> tuple[RestoreRequest, RestoreTarget, OpenedBackup]:
    """What a one-call convenience (restore(), point_in_time_restore()) was given, as the
    request, the target (its fields popped from `options`: safety_root, progress_root,
    row_filters) and the backup opened once; `fixed`: request fields of the caller's own."""
    found = {
        k: options.pop(k)
        for k in ("safety_root", "progress_root", "row_filters", "app_version_query")
        if k in options
    }
    target = RestoreTarget(dsn, **found)
    target.row_filters = target.row_filters or {}
    backup = OpenedBackup.open(source)
    url = source if isinstance(source, str) else backup.url
    return restore_request(url, **fixed, **options), target, backup


def run_restore(
    request: RestoreRequest,
    target: RestoreTarget,
    backup: OpenedBackup | None = None,
    *,
    dry_run: bool = False,
    verify_data: bool = True,
    restore_id: str | None = None,
) -> RestoreResult:
    """`request` planned and applied in one transaction (restore()); dry_run: the plan only."""
    _not_to_a_point(request)
    backup = OpenedBackup.open(backup or request.source)
    if dry_run:
        plan = plan_restore(request, target, backup, verify_data=verify_data, restore_id=restore_id)
        return RestoreResult(
            plan.id,
            plan.mode,
            True,
            plan.tables,
            notices=plan.notices,
            owner_map=dict(request.owner_map),
            plan_id=plan.id,
        )
    # A new database is dropped on any mismatch, so its data is verified while it loads.
    data = verify_data and request.mode != "new-database"
    return _apply(request, target, backup, restore_id or secrets.token_hex(4), data=data)


def plan_restore(
    request: RestoreRequest,
    target: RestoreTarget,
    backup: OpenedBackup | None = None,
    *,
    verify_data: bool = True,
    restore_id: str | None = None,
) -> RestorePlan:
    """The plan of `request` against `target`, nothing written: the backup verified (its
    data too unless `verify_data` is off), every check a restore makes, the rows per table,
    the target's fingerprints. `backup`: already opened by the caller (with its own keys)."""
    started = time.monotonic()
    _not_to_a_point(request)
    backup = OpenedBackup.open(backup or request.source)
    selected, roles = select_entries(backup.manifest, request.tables)
    plan_id = restore_id or secrets.token_hex(4)
    mismatch = None
    with _progress("restore-plan", plan_id, request, target, backup, selected) as progress:
        _check_backup(request, backup, verify_data)
        if request.mode == "new-database":
            check_target_server(target.dsn, backup.manifest, request.roles)
            refuse_existing(target.dsn)
            tables = [
                TablePlan(e.qualified, roles[e.qualified], e.rows, 0, e.rows) for e in selected
            ]
            notices, prints = outside_foreign_keys(backup.manifest), []
        else:
            with connect(target.dsn) as conn:
                job = _job(conn, backup, request, target, selected, roles, progress)
                version = _app_version(conn, backup, request, target, dry_run=True)
                applied = apply_backup(conn, job, dry_run=True)
                conn.rollback()
            tables, prints = applied.tables, applied.fingerprints
            notices = [version.notice] if version else []
            if version and not version.accepted:
                mismatch = version.mismatch
    plan = RestorePlan(
        id=plan_id,
        made_at=RestorePlan.now(),
        request=request,
        backup_url=backup.url,
        backup_label=backup.manifest.label or backup.manifest.id,
        backup_digest=backup.digest,
        database=_database(target.dsn),
        tables=tables,
        notices=notices,
        fingerprints=prints,
        app_version_mismatch=mismatch,
    )
    log.info("%s\n(planned in %.1fs)", plan.summary(), time.monotonic() - started)
    return plan


def _not_to_a_point(request: RestoreRequest) -> None:
    if request.until or request.tenant:
        raise AirvaultError(
            "a point-in-time request (until, tenant) is restored by restore_to_point "
            "(restore/point_in_time.py), not as a plain restore"
        )


def apply_plan(
    plan: RestorePlan,
    target: RestoreTarget,
    backup: OpenedBackup | None = None,
    *,
    verify_data: bool = False,
    safety_backup: str | None = None,
) -> RestoreResult:
    """Apply the confirmed `plan` to `target`, exactly: refused, nothing written, if the
    backup is not the one planned, the target is another database, or its tables changed
    since (their fingerprints, compared once they are locked against writers).
    `safety_backup`: the URL of one the caller took already (the restore DAG's own step);
    else one is taken into `target.safety_root` when it is set."""
    _not_to_a_point(plan.request)
    backup = OpenedBackup.open(backup or plan.request.source)
    if backup.digest != plan.backup_digest:
        raise AirvaultError(
            f"{backup.url} is not the backup plan {plan.id} was made from ({plan.backup_url}): "
            "refused, nothing was written; plan again"
        )
    if _database(target.dsn) != plan.database:
        raise AirvaultError(
            f"plan {plan.id} was made for database {plan.database}, not "
            f"{_database(target.dsn)}: refused, nothing was written"
        )
    data = verify_data and plan.mode != "new-database"
    return _apply(
        plan.request, target, backup, plan.id, data=data, plan=plan, safety_backup=safety_backup
    )


def _apply(
    request: RestoreRequest,
    target: RestoreTarget,
    backup: OpenedBackup,
    restore_id: str,
    *,
    data: bool,
    plan: RestorePlan | None = None,
    safety_backup: str | None = None,
) -> RestoreResult:
    """Verify (the data too with `data`), check, take the safety backup, write: a new
    database, or ONE transaction into a live one (compared first with `plan`'s fingerprints)."""
    started = time.monotonic()
    selected, roles = select_entries(backup.manifest, request.tables)
    result = RestoreResult(
        restore_id,
        request.mode,
        False,
        safety_backup=safety_backup,
        owner_map=dict(request.owner_map),
        plan_id=plan.id if plan else None,
    )
    with _progress("restore", restore_id, request, target, backup, selected) as progress:
        _check_backup(request, backup, data)
        if request.mode == "new-database":
            _new_database(request, target, backup, selected, roles, result, progress)
        else:
            with connect(target.dsn) as conn:
                job = _job(conn, backup, request, target, selected, roles, progress)
                if version := _app_version(conn, backup, request, target, dry_run=False):
                    result.notices.append(version.notice)  # accepted: else refused here
                job.expected = plan.fingerprints if plan else None
                if target.safety_root is not None and safety_backup is None:
                    job.before_write = _safety(conn, target, job, result)
                applied = apply_backup(conn, job, dry_run=False)
                result.tables, result.sequences_moved = applied.tables, applied.sequences_moved
                progress.step = "committing"
                conn.commit()
    result.seconds = round(time.monotonic() - started, 3)
    log.info(
        "restore %s (%s) of %s:\n%s", result.restore_id, request.mode, backup.url, result.summary()
    )
    return result


def _check_backup(request: RestoreRequest, backup: OpenedBackup, data: bool) -> None:
    """What is refused before the target is even read: a backup that fails verification (its
    data files' content too with `data`), or an unencrypted one where backups are encrypted."""
    if request.mode == "new-database" and not (
        backup.manifest.schema_archive or backup.manifest.schema_sections
    ):
        raise AirvaultError(f"{backup.url} is too old for a new-database restore; use replace")
    if backup.verified != "data" and not (backup.verified == "files" and not data):
        report = verify_opened(backup, data=data)
        if not report.ok:
            raise IntegrityError(
                f"{backup.url} failed verification, nothing was written: "
                + "; ".join(report.problems)
            )
    check_encryption(backup.manifest, backup.store, request.allow_unencrypted)


@contextmanager
def _progress(
    kind: str,
    restore_id: str,
    request: RestoreRequest,
    target: RestoreTarget,
    backup: OpenedBackup,
    selected: list[TableEntry],
) -> Iterator[Progress]:
    """How far it is, in restores/<restore id>/writing.json under the progress root while it
    runs (the Backups page's "Running now"), as a backup publishes its own."""
    label = f"{backup.manifest.label or backup.manifest.id} into {_database(target.dsn)}"
    progress = Progress(
        kind,
        request.mode,
        label,
        len(selected),
        sum(e.content_bytes for e in selected),
        step="verifying",
    )
    with publishing(target.progress_root, f"{RESTORES}/{restore_id}", progress):
        yield progress


def _database(dsn: str) -> str:
    return str(conninfo_to_dict(dsn).get("dbname") or "?")


def _job(
    conn: psycopg.Connection,
    backup: OpenedBackup,
    request: RestoreRequest,
    target: RestoreTarget,
    selected: list[TableEntry],
    roles: dict[str, str],
    progress: Progress,
) -> ApplyJob:
    """Read the target and check it against the backup (selections, columns, triggers):
    what applying needs, decided once, before anything is written."""
    progress.step = "reading the target"
    manifest = backup.manifest
    conn.execute("SELECT set_config('lock_timeout', %s, false)", (request.lock_timeout,))
    catalog = read_catalog(conn, sorted({e.schema_name for e in manifest.tables}))
    check_recorded_selections(manifest, catalog, target.row_filters, backup.url)
    columns = check_schema(selected, catalog.tables, request.allow_schema_drift)
    check_triggers(conn, manifest, [e.qualified for e in selected])
    return ApplyJob(
        backup, request, selected, roles, columns, catalog.tables, dsn=target.dsn, progress=progress
    )


def _app_version(
    conn: psycopg.Connection,
    backup: OpenedBackup,
    request: RestoreRequest,
    target: RestoreTarget,
    dry_run: bool,
) -> VersionCheck | None:
    """The target's app version against the backup's (pg.app_version): None when equal; a
    mismatch is a notice of the plan, and refused when applied unless the request accepts it."""
    return check_app_version(
        conn,
        backup.manifest.app_version,
        target.app_version_query,
        request.accept_app_version,
        dry_run,
    )


def _safety(
    conn: psycopg.Connection, target: RestoreTarget, job: ApplyJob, result: RestoreResult
) -> Callable[[], None]:
    """The safety backup, to be taken right before the first write: of what the restore
    writes and of the tables an FK action could reach from there."""
    names = [e.qualified for e in job.selected]
    touched = names + cascading_children(conn, names)
    assert target.safety_root is not None  # (asked only when there is one)
    root, url, mode = target.safety_root, job.backup.url, job.request.mode

    def take() -> None:
        result.safety_backup = take_safety_backup(
            target.dsn, root, touched, result.restore_id, url, mode
        )

    return take


def _new_database(
    request: RestoreRequest,
    target: RestoreTarget,
    backup: OpenedBackup,
    selected: list[TableEntry],
    roles: dict[str, str],
    result: RestoreResult,
    progress: Progress,
) -> None:
    """Build the database under a scratch name, load it, then give it the target's name."""
    owner_options = check_target_server(target.dsn, backup.manifest, request.roles)
    result.notices += outside_foreign_keys(backup.manifest)
    with schema_archive_file(backup) as archive:
        progress.step = "creating the database"
        build = prepare_build(target.dsn)  # renamed to the target's name once complete
        try:
            with stand_in_roles(build, backup.manifest, owner_options):
                create_database(build, backup, owner_options, archive, result.owner_map)
                progress.step = "loading"
                result.tables = load_new_database(
                    build,
                    backup,
                    selected,
                    roles,
                    request.workers,
                    owner_options,
                    archive,
                    progress,
                )
        except BaseException:
            drop_database(build)
            raise
    publish_database(build, target.dsn)


def check_triggers(conn: psycopg.Connection, manifest: BackupManifest, names: list[str]) -> None:
    """Refuse before anything is written (the safety backup too) when the login may not keep
    the app's triggers from firing on some of the tables, naming the GRANT and the --tables
    that would work: the tables whose foreign-key closure stays clear of those. Tables the
    target lacks are left to the schema check."""
    regs = [sql.Identifier(*n.split(".", 1)).as_string(conn) for n in names]
    (present,) = one_row(
        conn.execute(
            "SELECT array(SELECT n FROM unnest(%s::text[]) WITH ORDINALITY x(n, i) "
            "WHERE to_regclass(n) IS NOT NULL ORDER BY i)",
            (regs,),
        ).fetchone()
    )
    try:
        app_triggers(conn, [n for n, r in zip(names, regs, strict=True) if r in present])
    except TriggersDenied as e:
        clear = [
            n
            for n in names
            if n not in e.denied and not set(select_entries(manifest, [n])[1]) & set(e.denied)
        ]
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
    backup_url: str | Store | OpenedBackup,
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

    backup = OpenedBackup.open(backup_url)
    store, manifest = backup.store, backup.manifest
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
