"""`airvault import`: validate and load a CSV into a table, all or nothing or skipping bad rows."""

from __future__ import annotations

import argparse
import sys

from airvault.cli.context import EXIT_PROBLEMS, CliContext, add_command


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = add_command(
        sub,
        "import",
        run,
        "validate and load a CSV into a table: all or nothing, or skip bad rows",
    )
    p.add_argument("file", help="the CSV file (path, file:// or s3:// URL)")
    p.add_argument("--table", required=True, help="the target table")
    p.add_argument("--dsn", help="the app database")
    p.add_argument("--mode", choices=["insert", "upsert", "update-only"], default="upsert")
    p.add_argument(
        "--policy",
        choices=["atomic", "skip"],
        default="atomic",
        help="atomic: any bad row rejects the file; skip: load the good rows",
    )
    p.add_argument("--max-errors", type=int, help="skip policy: fail beyond this many bad rows")
    p.add_argument("--map", action="append", metavar="FILE_COLUMN=TABLE_COLUMN", help="repeatable")
    p.add_argument("--template", help="a saved mapping of the config (import_mappings)")
    p.add_argument("--key", help="comma-separated key columns (default: the primary key)")
    p.add_argument("--encoding", help="e.g. latin-1 (default: UTF-8, a BOM is fine)")
    p.add_argument("--dry-run", action="store_true", help="validate and plan, write nothing")


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from airvault.exchange.exports import parse_filters
    from airvault.exchange.imports import ImportSpec, run_import
    from airvault.storage.store import open_store

    config = ctx.require_config()
    module = next((m for m in config.modules.values() if args.table in m.tables), None)
    spec = ImportSpec(
        table=args.table,
        mode=args.mode,
        policy=args.policy,
        mapping={
            **(config.import_mapping(args.template) if args.template else {}),
            **parse_filters(args.map or [], "--map"),
        },
        key=args.key.split(",") if args.key else None,
        max_errors=args.max_errors,
        encoding=args.encoding,
        dry_run=args.dry_run,
        user_columns=list(module.user_columns) if module else [],
    )
    parent, _, name = args.file.rstrip("/").rpartition("/")
    root = open_store(config.storage_root())
    with ctx.progress():
        report = run_import(
            ctx.dsn,
            open_store(parent or "."),
            name,
            spec,
            reports=root,
            triggered_by=ctx.who(),
            config=config,
        )
    print(
        f"{report.status}: {report.rows:,} rows, {report.inserted:,} inserted, "
        f"{report.updated:,} updated, {report.rejected:,} rejected. {report.message}"
    )
    shown = sorted({r.line for r in report.rejects})[:20]  # every problem of each row shown
    for r in report.rejects:
        if r.line in shown:
            print(f"  line {r.line}, {r.column}: {r.reason}", file=sys.stderr)
    if report.rejected > len(shown):
        print(
            f"  ... and {report.rejected - len(shown):,} more bad rows: every problem is in "
            f"{root.url_of('imports/rejects/')}",
            file=sys.stderr,
        )
    return 0 if report.status in ("success", "dry-run") else EXIT_PROBLEMS
