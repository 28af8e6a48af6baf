"""`airvault diff`: rows added, removed and changed per table between two backups."""

from __future__ import annotations

import argparse
import json

from airvault.cli.context import CliContext, add_command


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = add_command(
        sub, "diff", run, "rows added, removed and changed per table between two backups"
    )
    p.add_argument("a", help="the older backup")
    p.add_argument("b", help="the newer backup")
    p.add_argument("--json", action="store_true", help="the summary as JSON")
    p.add_argument("--details", metavar="FILE.csv", help="one line per changed row")


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from airvault.exchange.diff import diff_backups
    from airvault.storage.uploads import open_backup

    if args.details:
        with open(args.details, "w", newline="") as details:
            result = diff_backups(open_backup(args.a), open_backup(args.b), details)
    else:
        result = diff_backups(open_backup(args.a), open_backup(args.b))
    print(json.dumps(result.to_json(), indent=2) if args.json else result.summary())
    return 0
