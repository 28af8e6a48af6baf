"""`airvault demo-db`: the deterministic demo CRM database."""

from __future__ import annotations

import argparse

from airvault.cli.context import CliContext, add_command


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = add_command(sub, "demo-db", run, "create or refresh the deterministic demo CRM database")
    p.add_argument("--dsn", help="target database")
    p.add_argument("--scale", type=int, default=1, help="size multiplier (1 = 4,402 contacts)")
    p.add_argument(
        "--least-privilege",
        action="store_true",
        help="then give the app's objects to an owner role and make airvault's login (not a "
        "superuser; password from AIRVAULT_LOGIN_PASSWORD)",
    )


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from airvault.demo.database import create_demo_db

    counts = create_demo_db(ctx.dsn, scale=args.scale)
    width = max(map(len, counts))
    for table, n in counts.items():
        print(f"{table:<{width}}  {n:>10,}")
    print(f"{'total':<{width}}  {sum(counts.values()):>10,}")
    if args.least_privilege:
        import os

        from airvault.demo.least_privilege import APP_LOGIN, APP_OWNER, least_privilege

        least_privilege(ctx.dsn, os.environ.get("AIRVAULT_LOGIN_PASSWORD"))
        print(f"objects owned by {APP_OWNER}; airvault's login {APP_LOGIN} is not a superuser")
    return 0
