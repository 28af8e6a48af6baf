"""`airvault restore`: a backup into a database (replace, merge or a new database), verified
first, planned, confirmed, with a safety backup; `--until` for a point in time; `--undo`."""

from __future__ import annotations

import argparse
import json
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
    p.add_argument(
        "--plan-out",
        metavar="FILE",
        help="save the plan (JSON) to FILE; with --dry-run, stop there",
    )
    p.add_argument(
        "--plan",
        metavar="FILE",
        help="apply the plan saved in FILE (--plan-out), exactly: refused if the "
        "backup or the target changed since it was made",
    )
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
    _add_point_options(p)


def _add_point_options(p: argparse.ArgumentParser) -> None:
    """--accept-app-version, and a point in time: --until, --tenant, --changes."""
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
    from airvault.restore.request import RestoreTarget, module_tables, restore_request
    from airvault.restore.run import apply_plan, find_safety_backup, run_restore
    from airvault.storage.opened import OpenedBackup
    from airvault.storage.store import open_store

    saved = _saved_plan(args)
    source, mode = args.source, saved.mode if saved else args.mode
    root = _safety_root(args, ctx, mode)
    progress_root = root  # where the Backups page reads how far a restore is
    if progress_root is None and (config := ctx.config) is not None:
        progress_root = open_store(config.storage_root())
    target = RestoreTarget(
        ctx.dsn,
        None if args.no_safety_backup else root,
        progress_root,
        ctx.row_filters,
        ctx.config.backup.app_version_query if ctx.config else None,
    )
    if args.undo and root is not None:  # (root is set whenever --undo is)
        source, mode = find_safety_backup(root, args.undo), "replace"
    if not (source or saved):
        raise AirvaultError("nothing to restore: pass --from URL, --plan FILE or --undo RESTORE_ID")
    tables = [t.strip() for t in args.tables.split(",") if t.strip()] if args.tables else None
    modules = module_tables(ctx.config, args.module)
    choices = dict(
        roles=args.roles,
        allow_schema_drift=args.allow_schema_drift,
        allow_cascade=args.allow_cascade,
        allow_unencrypted=args.allow_unencrypted,
        accept_app_version=args.accept_app_version,
    )
    if args.until:
        if args.plan_out:
            raise AirvaultError("--plan-out does not go with --until (a point is built anew)")
        point = restore_request(
            source,
            mode,
            tables,
            modules,
            args.owner_map,
            until=args.until,
            tenant=args.tenant,
            **choices,
        )
        return _restore_to_point(args, ctx, point, target)
    if args.tenant:
        raise AirvaultError("--tenant goes with --until (a tenant backup restores its tenant)")
    backup = OpenedBackup.open(source or saved.request.source)  # once, for plan and apply
    if saved is None:
        request = restore_request(source, mode, tables, modules, args.owner_map, **choices)
    asks = args.dry_run or not (args.yes or mode == "new-database")  # a new one loses nothing
    if saved is None and not (asks or args.plan_out):
        with ctx.progress():
            result = run_restore(request, target, backup)  # --yes: planned and applied at once
    else:
        plan = saved or _plan(args, ctx, request, target, backup)
        if saved:
            print(plan.summary())
        if (args.dry_run or not args.yes) and (stop := _stop_after_plan(args)) is not None:
            return stop
        with ctx.progress():
            result = apply_plan(plan, target, backup)  # exactly this plan, or refused if changed
    print(result.summary())
    print(f"restore {result.restore_id} done in {result.seconds:.1f}s")
    if result.safety_backup:
        print(
            f"safety backup: {result.safety_backup}  (undo: airvault restore --undo {result.restore_id})"
        )
    return 0


def _plan(args: argparse.Namespace, ctx: CliContext, request, target, backup):
    """The plan, printed (and saved with --plan-out); refused first, naming the GRANTs, when
    this login cannot do the restore (ops.privileges.restore_preflight)."""
    from airvault.ops.privileges import restore_preflight
    from airvault.restore.run import plan_restore

    with ctx.progress():
        lacks = restore_preflight(target.dsn, request.mode)
        plan = plan_restore(request, target, backup).model_copy(update={"preflight": lacks})
    print(plan.summary())
    if args.plan_out:
        with open(args.plan_out, "w") as f:
            json.dump(plan.to_json(), f, indent=2)
        print(
            f"plan {plan.id} saved to {args.plan_out} (to apply it as it is: "
            f"airvault restore --plan {args.plan_out})"
        )
    return plan


def _safety_root(args: argparse.Namespace, ctx: CliContext, mode: str):
    """Where safety backups go and --undo looks (None: needless, as for a new database)."""
    from airvault.storage.store import open_store

    safety_needed = mode != "new-database" and not (args.no_safety_backup or args.dry_run)
    if not (args.safety_to or args.undo or safety_needed):
        return None
    config = None if args.safety_to else ctx.config
    if not args.safety_to and config is None:
        raise AirvaultError(
            "a safety backup needs a place: pass --safety-to URL (or a config), or "
            "--no-safety-backup"
        )
    root = open_store(args.safety_to if args.safety_to or config is None else config.storage_root())
    root.key = ctx.key  # safety backups are encrypted when a key is set
    return root


def _saved_plan(args: argparse.Namespace):
    """--plan FILE: the plan a user saved (--plan-out) and confirms; the choices are its own,
    so none may be given beside it."""
    from airvault.restore.plan import RestorePlan

    if not args.plan:
        return None
    beside = {
        "--from": args.source,
        "--tables": args.tables,
        "--module": args.module,
        "--until": args.until,
        "--undo": args.undo,
        "--owner-map": args.owner_map,
        "--allow-cascade": args.allow_cascade,
        "--allow-schema-drift": args.allow_schema_drift,
        "--allow-unencrypted": args.allow_unencrypted,
        "--accept-app-version": args.accept_app_version,
    }
    given = [flag for flag, value in beside.items() if value]
    if given:
        raise AirvaultError(
            f"--plan FILE holds what to restore: {', '.join(given)} cannot go with it"
        )
    try:
        with open(args.plan, "rb") as f:
            text = f.read(1 << 24)  # a plan is a few KB per table
    except OSError as e:
        raise AirvaultError(f"--plan {args.plan}: {e.strerror or e}") from None
    return RestorePlan.load(text, args.plan)


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


def _restore_to_point(args: argparse.Namespace, ctx: CliContext, request, target) -> int:
    """restore --until: the base plus its changes, planned first like any restore."""
    from airvault.pg.scope import RowRules
    from airvault.restore.point_in_time import restore_to_point

    rows = None
    if request.tenant:
        config = ctx.config
        tenancy = config.tenancy if config else None
        rows = RowRules(
            tenant_id=request.tenant,
            tenant_table=tenancy.table if tenancy else "public.organizations",
            tenant_column=tenancy.column if tenancy else "organization_id",
        )
    if args.dry_run or (request.mode != "new-database" and not args.yes):
        with ctx.progress():
            plan = restore_to_point(
                request, target, rows=rows, changes_root=args.changes, dry_run=True
            )
        print(f"Plan ({request.mode}, dry run):\n{plan.summary()}")
        if (stop := _stop_after_plan(args)) is not None:
            return stop
    with ctx.progress():
        result = restore_to_point(request, target, rows=rows, changes_root=args.changes)
    print(result.summary())
    print(f"point-in-time restore done in {result.seconds:.1f}s")
    done = result.restore
    if done and done.safety_backup:
        print(
            f"safety backup: {done.safety_backup}  (undo: airvault restore --undo "
            f"{done.restore_id})"
        )
    return 0
