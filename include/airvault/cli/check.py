"""`airvault check`: the config against the live database, or what this login may do."""

from __future__ import annotations

import argparse
import sys

from airvault.cli.context import EXIT_PROBLEMS, CliContext, add_command


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = add_command(sub, "check", run, "validate the config against the live database schema")
    p.add_argument("--dsn", help="the app database")
    p.add_argument(
        "--privileges",
        action="store_true",
        help="list what this login can do per operation, with the GRANTs it lacks",
    )


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from airvault.ops.check import check_config
    from airvault.ops.privileges import privilege_warnings

    if args.privileges:  # no config needed: what this login may do, and the GRANTs for the rest
        from airvault.ops.privileges import check_privileges

        found = check_privileges(ctx.dsn)
        print(found.report())
        return 0 if found.ok else EXIT_PROBLEMS
    config = ctx.require_config()
    _print_schedule_edits(config)  # first: they are read even when the database is not
    problems = check_config(config, ctx.dsn)
    warnings, roles_sql = privilege_warnings(ctx.dsn)
    for w in warnings:
        print(f"warning: {w}", file=sys.stderr)
    if roles_sql:
        print(roles_sql, file=sys.stderr)
    for p in problems:
        print(f"error: {p}", file=sys.stderr)
    if not problems:
        print(f"{ctx.config_file}: OK ({len(config.modules)} modules checked)")
    for name, copy in config.copies.items():  # where the second places are (docs/copies.md)
        own = "its own retention" if copy.retention is not None else "storage.root's retention"
        print(f"copy {name}: {config.resolve_url(copy.url)} ({own})")
    _print_size_caps(ctx)
    return EXIT_PROBLEMS if problems else 0


def _print_schedule_edits(config) -> None:
    """The Backups page's schedule edits in effect over the config, and those left out (the
    config's schedule runs instead: a warning, not an error, as the DAGs still load)."""
    if config.edits is None:
        return
    for dag_id, e in config.edits.edits.items():
        when = f"{e.edited_at:%Y-%m-%d %H:%M %Z}"
        print(
            f"schedule edit: {dag_id}: {e.cron or 'manual'} ({e.timezone}), by {e.edited_by} at {when}"
        )
    for dag_id, a in config.edits.added.items():  # jobs added on the page
        when = f"{a.added_at:%Y-%m-%d %H:%M %Z}"
        print(
            f"added schedule: {dag_id} ({a.what()}): {a.cron or 'manual'} ({a.timezone}), "
            f"by {a.added_by} at {when}"
        )
    for problem in config.edits.problems:
        print(f"warning: schedule edits: {problem}", file=sys.stderr)


def _print_size_caps(ctx: CliContext) -> None:
    """Each retention.max_size cap and what its kind takes in storage now."""
    from airvault.errors import AirvaultError
    from airvault.ops.retention import size_caps

    config = ctx.require_config()
    try:
        for line in size_caps(ctx.open_root(), config.retention):
            print(line)
    except (AirvaultError, OSError) as e:
        print(f"warning: retention.max_size: cannot read the storage root: {e}", file=sys.stderr)
