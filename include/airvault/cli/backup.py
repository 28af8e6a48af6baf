"""`airvault backup`: a consistent logical backup (full, module or tenant)."""

from __future__ import annotations

import argparse
import sys

from airvault.cli.context import CliContext, add_command
from airvault.errors import AirvaultError


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = add_command(sub, "backup", run, "take a consistent logical backup (full, module or tenant)")
    p.add_argument("--dsn", help="the database to back up")
    p.add_argument("--to", help="storage root URL (default: the config's storage.root)")
    p.add_argument(
        "--kind", choices=["full", "manual"], help="default: manual (full with --synthetic)"
    )
    p.add_argument(
        "--synthetic",
        nargs="?",
        const="yes",
        choices=["yes", "auto"],
        help="build the full backup from the newest base and its change segments, reading "
        "no app table (needs change capture); refused, naming the table, where it cannot be "
        "exact; --synthetic=auto takes a real full backup then",
    )
    p.add_argument("--label", help="what to call it (default: kind, scope, time and id)")
    p.add_argument("--note", help="a note kept with it, e.g. 'before the v42 migration'")
    p.add_argument("--schema", action="append", help="schema to include (repeatable)")
    p.add_argument("--exclude", action="append", help="table name or pattern to skip (repeatable)")
    p.add_argument("--workers", type=int, help="parallel COPY connections")
    p.add_argument("--exclude-schema", action="append", help="schema to skip (repeatable)")
    p.add_argument("--module", help="back up only this module of the config (kind 'module')")
    p.add_argument(
        "--tenant",
        metavar="TENANT_ID",
        help="only this tenant's rows and the rows "
        "they reference (kind 'tenant'; tenant table/column from the config)",
    )
    p.add_argument(
        "--filter",
        action="append",
        metavar="TABLE:PREDICATE",
        help="keep only matching rows, e.g. 'contacts:is_demo = false' (repeatable)",
    )
    p.add_argument("--compression", choices=["zstd", "gzip"], help="default: the config's (zstd)")
    p.add_argument("--level", type=int, help="compression level (zstd 1-19, gzip 1-9)")
    p.add_argument(
        "--encrypt",
        action="store_true",
        help="AES-256-GCM with the key in $AIRVAULT_ENCRYPTION_KEY (also: config "
        "encryption.enabled); restore and verify decrypt with the same variable",
    )
    p.add_argument(
        "--cap",
        action="append",
        metavar="TABLE:newest=N|days=D[:COLUMN]",
        help="cap an append-only log, e.g. audit_logs:days=90 (repeatable)",
    )
    p.add_argument(
        "--no-copy",
        action="store_true",
        help="do not copy the backup to the config's copies now (`airvault copy` later)",
    )


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from airvault.backup.run import scoped_options
    from airvault.backup.synthetic.command import run_full_backup
    from airvault.storage.store import open_store

    _refuse_partial_synthetic(args)
    config = ctx.config if args.to else ctx.require_config()
    if args.module and config is None:
        config = ctx.require_config()
    opts = scoped_options(
        config,
        kind=args.kind or ("full" if args.synthetic else "manual"),
        module=args.module,
        tenant=args.tenant,
        filters=args.filter,
        caps=args.cap,
    )
    opts.schemas = args.schema or opts.schemas
    opts.exclude_schemas += args.exclude_schema or []
    opts.exclude += args.exclude or []
    opts.workers = args.workers or opts.workers
    opts.compression = args.compression or opts.compression
    opts.compression_level = args.level or opts.compression_level
    opts.label, opts.note = args.label, args.note
    if args.encrypt or (config and config.encryption.enabled):
        opts.encryption_key = ctx.require_key()
    root = open_store(ctx.storage_root(args.to))
    with ctx.progress():
        result = run_full_backup(ctx.dsn, root, opts, args.synthetic or "no")
    print(f"{result.manifest.label}: {result.rows:,} rows in {len(result.manifest.tables)} tables")
    for name, module in result.manifest.modules.items():
        print(f"  {name:<20} {module.rows:>12,} rows")
    for d in result.manifest.dangling_references:
        print(
            f"warning: {d.rows:,} rows of {d.table} point ({d.foreign_key}) at "
            f"{d.ref_table} rows this backup does not hold",
            file=sys.stderr,
        )
    for r in result.manifest.outside_references:
        print(
            f"note: {r.table} references {r.ref_table}, outside the schemas backed up: a "
            "restore into an empty database needs it there",
            file=sys.stderr,
        )
    if result.manifest.synthetic:
        origin = result.manifest.synthetic
        print(
            f"synthetic: base {origin.base_id} + changes {origin.from_lsn} .. {origin.to_lsn} "
            f"({origin.changes:,} row changes in {len(origin.tables_changed)} tables)"
        )
        if origin.schema_changes:
            print(
                f"across {origin.schema_changes} schema change(s): rebuilt "
                f"{', '.join(origin.tables_rebuilt) or 'no table'} in a scratch database"
            )
    print(result.url)
    if config is not None and config.copies and not (args.no_copy or args.to):
        from airvault.cli.copies import copy_after_backup

        copy_after_backup(config, root, result.url)
    return 0


def _refuse_partial_synthetic(args: argparse.Namespace) -> None:
    """A synthetic backup is a whole one, as its base: no module, tenant or narrowing."""
    narrowing = ("module", "tenant", "filter", "cap", "schema", "exclude", "exclude_schema")
    given = [f"--{n.replace('_', '-')}" for n in narrowing if getattr(args, n)]
    if args.synthetic and given:
        raise AirvaultError(
            f"--synthetic builds a whole full backup: {', '.join(given)} cannot narrow it "
            "(the config's backup settings apply, as to its base)"
        )
