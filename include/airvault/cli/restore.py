"""`airvault restore`: a backup into a database (replace, merge or a new database), verified
first, planned, confirmed, with a safety backup; `--until` for a point in time; `--undo`."""

from __future__ import annotations

import argparse
import sys

from airvault.cli.context import EXIT_PROBLEMS, CliContext, add_command
from airvault.errors import AirvaultError


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = add_command(
        sub, "restore", run, "restore a backup: atomic, verified first, safety backup taken"
    )
    p.add_argument("--from", dest="source", help="backup URL: file://, s3://, a folder or a .tar")
    p.add_argument("--dsn", help="the target database (the new one, in new-database mode)")
    p.add_argument(
        "--mode",
        choices=["replace", "merge", "new-database"],
        default="replace",
        help="replace: tables end equal to the backup; merge: upsert by primary key "
        "(or a NOT NULL unique index; a keyless table gets the copies it lacks), keep "
        "rows only in the target; new-database: create it from schema.sql",
    )
    p.add_argument("--tables", help="comma-separated tables (their parents come along, merged)")
    p.add_argument("--module", help="a module from the config")
    p.add_argument("--dry-run", action="store_true", help="print the plan, write nothing")
    p.add_argument("--yes", action="store_true", help="apply without asking")
    p.add_argument("--allow-schema-drift", action="store_true", help="restore the common columns")
    p.add_argument("--safety-to", help="where the safety backup goes (default: storage.root)")
    p.add_argument("--no-safety-backup", action="store_true", help="skip the pre-restore backup")
    p.add_argument("--undo", metavar="RESTORE_ID", help="restore the safety backup of a restore")
    p.add_argument(
        "--roles",
        choices=["require", "create", "ignore"],
        default="require",
        help="new-database: roles that own or are granted the backup's objects but "
        "are missing on the server: require (refuse, default), create (as the backup "
        "recorded them, no passwords) or ignore (objects owned by this login; grants to "
        "roles that exist kept)",
    )
    p.add_argument(
        "--owner-map",
        action="append",
        metavar="OLD=NEW",
        help="new-database: give the objects OLD owns to NEW instead (a role this "
        "login may become); repeatable, recorded in the result",
    )
    p.add_argument(
        "--allow-cascade",
        action="store_true",
        help="replace: allow ON DELETE CASCADE / SET NULL to change rows of tables "
        "the restore does not include (the plan lists them; the safety backup "
        "holds them)",
    )
    p.add_argument(
        "--allow-unencrypted",
        action="store_true",
        help="accept an unencrypted backup where a key is configured",
    )
    from airvault.cli.copies import add_copy_option

    add_copy_option(p, "restore the backup")
    p.add_argument(
        "--accept-app-version",
        action="store_true",
        help="replace/merge: restore although the target is at another app version "
        "(migration head) than the backup; the plan warns",
    )
    p.add_argument(
        "--until",
        metavar="ISO_TIME|LSN|latest",
        help="point in time: the base (--from, a backup taken while change capture "
        "ran) plus its captured changes up to this time (UTC unless given), LSN or "
        "the latest change",
    )
    p.add_argument(
        "--tenant",
        metavar="TENANT_ID",
        help="with --until, replace/merge: only this tenant's rows (tenant table and "
        "column from the config)",
    )
    p.add_argument(
        "--changes",
        metavar="URL",
        help="with --until: the storage root holding the change segments (default: "
        "the base's own root)",
    )


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from airvault.restore.run import find_safety_backup, restore
    from airvault.storage.store import open_store

    dsn = ctx.dsn
    source, mode = args.source, args.mode
    root = None  # where safety backups go and --undo looks: needless for a new database
    safety_needed = mode != "new-database" and not (args.no_safety_backup or args.dry_run)
    if args.safety_to or args.undo or safety_needed:
        config = None if args.safety_to else ctx.config
        if not args.safety_to and config is None:
            raise AirvaultError(
                "a safety backup needs a place: pass --safety-to URL (or a config), or "
                "--no-safety-backup"
            )
        root = open_store(
            args.safety_to if args.safety_to or config is None else config.storage_root()
        )
        root.key = ctx.key  # safety backups are encrypted when a key is set
    safety = None if args.no_safety_backup else root
    progress_root = root  # where the Backups page reads how far a restore is
    if progress_root is None and (config := ctx.config) is not None:
        progress_root = open_store(config.storage_root())
    if args.undo and root is not None:  # (root is set whenever --undo is)
        source, mode = find_safety_backup(root, args.undo), "replace"
    if not source:
        raise AirvaultError("nothing to restore: pass --from URL or --undo RESTORE_ID")
    tables = [t.strip() for t in args.tables.split(",") if t.strip()] if args.tables else None
    if args.module:
        module = ctx.require_config().modules.get(args.module)
        if module is None:
            raise AirvaultError(f"module '{args.module}' is not in the config")
        tables = (tables or []) + module.tables
    kwargs = dict(
        tables=tables,
        safety_root=safety,
        allow_schema_drift=args.allow_schema_drift,
        roles=args.roles,
        allow_cascade=args.allow_cascade,
        allow_unencrypted=args.allow_unencrypted,
        progress_root=progress_root,
        row_filters=ctx.row_filters,
        owner_map=_owner_map(args.owner_map),
        accept_app_version=args.accept_app_version,
        app_version_query=ctx.config.backup.app_version_query if ctx.config else None,
    )
    if args.until:
        return _restore_to_point(args, ctx, source, dsn, mode, kwargs)
    if args.tenant:
        raise AirvaultError("--tenant goes with --until (a tenant backup restores its tenant)")
    if mode != "new-database" and (args.dry_run or not args.yes):
        with ctx.progress():
            plan = restore(source, dsn, mode=mode, dry_run=True, **kwargs)
        print(f"Plan ({mode}) for {source}:\n{plan.summary()}")
        if (stop := _stop_after_plan(args)) is not None:
            return stop
        kwargs["verify_data"] = False  # the plan just verified every file
    with ctx.progress():
        result = restore(source, dsn, mode=mode, **kwargs)
    print(result.summary())
    print(f"restore {result.restore_id} done in {result.seconds:.1f}s")
    if result.safety_backup:
        print(
            f"safety backup: {result.safety_backup}  (undo: airvault restore --undo {result.restore_id})"
        )
    return 0


def _owner_map(pairs: list[str] | None) -> dict[str, str]:
    """--owner-map OLD=NEW (repeatable) as a dict."""
    found = {}
    for pair in pairs or []:
        old, sep, new = pair.partition("=")
        if not (sep and old and new):
            raise AirvaultError(f"--owner-map {pair!r}: give OLD=NEW (role names)")
        found[old] = new
    return found


def _stop_after_plan(args: argparse.Namespace) -> int | None:
    """After the plan was printed: the exit code when the restore stops here (a dry run, or a
    person who said no), None to apply."""
    if args.dry_run:
        return 0
    if not sys.stdin.isatty():
        raise AirvaultError("not applied: pass --yes to restore without a prompt")
    if input("Apply this restore? [y/N] ").strip().lower() not in ("y", "yes"):
        print("not applied")
        return EXIT_PROBLEMS
    return None


def _restore_to_point(
    args: argparse.Namespace, ctx: CliContext, source: str, dsn: str, mode: str, kwargs: dict
) -> int:
    """restore --until: the base plus its changes, planned first like any restore."""
    from airvault.pg.scope import RowRules
    from airvault.restore.point_in_time import point_in_time_restore

    rows = None
    if args.tenant:
        config = ctx.config
        tenancy = config.tenancy if config else None
        rows = RowRules(
            tenant_id=args.tenant,
            tenant_table=tenancy.table if tenancy else "public.organizations",
            tenant_column=tenancy.column if tenancy else "organization_id",
        )
    kwargs = {**kwargs, "rows": rows, "changes_root": args.changes}
    if args.dry_run or (mode != "new-database" and not args.yes):
        with ctx.progress():
            plan = point_in_time_restore(source, dsn, args.until, mode=mode, dry_run=True, **kwargs)
        print(f"Plan ({mode}, dry run):\n{plan.summary()}")
        if (stop := _stop_after_plan(args)) is not None:
            return stop
    with ctx.progress():
        result = point_in_time_restore(source, dsn, args.until, mode=mode, **kwargs)
    print(result.summary())
    print(f"point-in-time restore done in {result.seconds:.1f}s")
    done = result.restore
    if done and done.safety_backup:
        print(
            f"safety backup: {done.safety_backup}  (undo: airvault restore --undo "
            f"{done.restore_id})"
        )
    return 0
