"""`airvault prune` and `airvault pin`: the config's retention, and the legal hold that
retention never overrides."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

from airvault.cli.context import CliContext, add_command


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = add_command(
        sub,
        "prune",
        run_prune,
        "apply the config's retention: keep/delete per backup, with the rule",
    )
    p.add_argument("url", nargs="?", help="storage root URL (default: the config's storage.root)")
    p.add_argument("--dry-run", action="store_true", help="print the plan, delete nothing")

    p = add_command(
        sub, "pin", run_pin, "put a backup or archive on legal hold (never deleted by retention)"
    )
    p.add_argument("backup_url", help="the backup or archive folder")
    p.add_argument("--reason", default="legal hold", help="why (kept in pinned.json)")
    p.add_argument("--unpin", action="store_true", help="take the hold off")


def run_prune(args: argparse.Namespace, ctx: CliContext) -> int:
    from airvault.ops.retention import prune

    config = ctx.require_config()
    root = ctx.open_root(args.url)
    now = datetime.now(UTC)
    plan = prune(root, config.retention, dry_run=args.dry_run, now=now)
    print(plan.summary(now))
    if config.copies and not args.url:
        from airvault.cli.copies import prune_copies

        prune_copies(args, config, root, now)
    if args.dry_run:
        print("dry run: nothing deleted")
    return 0


def run_pin(args: argparse.Namespace, ctx: CliContext) -> int:
    from airvault.ops.retention import pin
    from airvault.storage.store import open_store

    pin(open_store(args.backup_url), args.reason, unpin=args.unpin, by=ctx.who())
    print(f"{args.backup_url}: {'unpinned' if args.unpin else 'pinned (retention keeps it)'}")
    return 0
