"""The `airvault` command: works with Airflow down (the disaster-recovery path)."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable
from datetime import UTC, datetime

import psycopg

from airvault.errors import AirvaultError

EXIT_PROBLEMS = 1  # verify or check found problems
EXIT_ERROR = 2  # bad input, unreachable database, ...


def _dsn(args: argparse.Namespace) -> str:
    dsn = args.dsn or os.environ.get("AIRVAULT_DSN")
    if not dsn:
        raise AirvaultError("no database given: pass --dsn or set AIRVAULT_DSN")
    return dsn


def _root(args: argparse.Namespace, attr: str = "to") -> str:
    from airvault.config import load_config

    return getattr(args, attr, None) or load_config(args.config).storage_root()


def cmd_demo_db(args: argparse.Namespace) -> int:
    from airvault.demo_db import create_demo_db

    counts = create_demo_db(_dsn(args), scale=args.scale)
    width = max(map(len, counts))
    for table, n in counts.items():
        print(f"{table:<{width}}  {n:>10,}")
    print(f"{'total':<{width}}  {sum(counts.values()):>10,}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from airvault.check import check_config
    from airvault.config import config_path, load_config

    config = load_config(args.config)
    problems = check_config(config, _dsn(args))
    for p in problems:
        print(f"error: {p}", file=sys.stderr)
    if not problems:
        print(f"{config_path(args.config)}: OK ({len(config.modules)} modules checked)")
    return EXIT_PROBLEMS if problems else 0


def _parse_filter(text: str) -> tuple[str, str]:
    table, sep, predicate = text.partition(":")
    if not sep or not table.strip() or not predicate.strip():
        raise AirvaultError(
            f"--filter {text!r}: use TABLE:PREDICATE, e.g. 'contacts:is_demo = false'"
        )
    return table.strip(), predicate.strip()


def _parse_cap(text: str):
    """TABLE:newest=N or TABLE:days=D, optionally :COLUMN (default created_at)."""
    from airvault.scope import Cap

    parts = text.split(":")
    limit = parts[1].split("=", 1) if len(parts) in (2, 3) else []
    if len(limit) != 2 or limit[0] not in ("newest", "days") or not limit[1].isdigit():
        raise AirvaultError(f"--cap {text!r}: use TABLE:newest=N or TABLE:days=D[:COLUMN]")
    column = parts[2] if len(parts) == 3 else "created_at"
    return parts[0], Cap(column, **{limit[0]: int(limit[1])})


def cmd_backup(args: argparse.Namespace) -> int:
    from airvault.backup import BackupOptions, options_from_config, run_backup
    from airvault.config import load_config
    from airvault.storage import open_store

    config = load_config(args.config) if (args.config or not args.to) else None
    opts = options_from_config(config) if config else BackupOptions()
    opts.kind = args.kind
    opts.schemas = args.schema or opts.schemas
    opts.exclude_schemas += args.exclude_schema or []
    opts.exclude += args.exclude or []
    opts.workers = args.workers or opts.workers
    opts.rows.row_filters.update(_parse_filter(f) for f in args.filter or [])
    opts.rows.caps.update(_parse_cap(c) for c in args.cap or [])
    if args.module:  # a module backup: the module's tables, scoped and labelled as such
        config = config or load_config(args.config)
        module = config.modules.get(args.module)
        if module is None:
            raise AirvaultError(f"module '{args.module}' is not in the config")
        opts.kind, opts.scope, opts.only = "module", args.module, module.tables
    if args.tenant:  # one tenant's rows and what they reference
        opts.kind, opts.scope, opts.rows.tenant_id = "tenant", args.tenant, args.tenant
    root = args.to or config.storage_root()
    result = run_backup(_dsn(args), open_store(root), opts)
    print(
        f"{result.manifest['label']}: {result.rows:,} rows in {len(result.manifest['tables'])} tables"
    )
    for name, module in result.manifest["modules"].items():
        print(f"  {name:<20} {module['rows']:>12,} rows")
    for d in result.manifest["dangling_references"]:
        print(
            f"warning: {d['rows']:,} rows of {d['table']} point ({d['foreign_key']}) at "
            f"{d['ref_table']} rows this backup does not hold",
            file=sys.stderr,
        )
    print(result.url)
    return 0


def _age(now: datetime, started: str | None) -> str:
    if not started:
        return "?"
    seconds = (now - datetime.fromisoformat(started)).total_seconds()
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size:
            return f"{int(seconds // size)}{unit} ago"
    return "just now"


def cmd_list(args: argparse.Namespace) -> int:
    from airvault.manifest import list_backups
    from airvault.storage import open_store

    backups, incomplete = list_backups(open_store(args.url or _root(args, "url")))
    if args.json:
        keys = ("id", "kind", "scope", "label", "started_at", "url", "verification")
        print(json.dumps([{k: b.get(k) for k in keys} for b in backups], indent=2))
        return 0
    now = datetime.now(UTC)
    print(
        f"{'label':<44} {'kind':<11} {'scope':<12} {'when':<16} {'tables':>6} {'rows':>11} "
        f"{'MB':>8}  {'verified':<8}  id"
    )
    for b in backups:
        rows = sum(t["rows"] for t in b["tables"])
        size = sum(t["file_bytes"] for t in b["tables"]) / 1e6
        when = _age(now, b.get("started_at"))
        v = b.get("verification")
        verified = "-" if v is None else ("yes" if v["ok"] else "FAILED")
        print(
            f"{b['label'][:44]:<44} {b['kind']:<11} {b['scope'][:12]:<12} {when:<16} "
            f"{len(b['tables']):>6} {rows:>11,} {size:>8.1f}  {verified:<8}  {b['id']}"
        )
    if not backups:
        print("(no complete backups)")
    if incomplete:
        print(f"{len(incomplete)} incomplete folder(s) without a manifest (not restorable):")
        for url in incomplete:
            print(f"  {url}")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from airvault.storage import open_store
    from airvault.verify import verify_backup

    report = verify_backup(open_store(args.backup_url), record=True)
    for p in report.problems:
        print(f"MISMATCH {report.url}/{p}", file=sys.stderr)
    status = "OK" if report.ok else f"FAILED ({len(report.problems)} problems)"
    print(f"{report.url}: {status}: {report.checked_files} files, {report.rows:,} rows checked")
    return 0 if report.ok else EXIT_PROBLEMS


def cmd_restore(args: argparse.Namespace) -> int:
    from airvault.config import load_config
    from airvault.restore import find_safety_backup, restore
    from airvault.storage import open_store

    dsn = _dsn(args)
    root = open_store(args.safety_to or _root(args, "safety_to"))
    safety = None if args.no_safety_backup else root
    source, mode = args.source, args.mode
    if args.undo:
        source, mode = find_safety_backup(root, args.undo), "replace"
    if not source:
        raise AirvaultError("nothing to restore: pass --from URL or --undo RESTORE_ID")
    tables = [t.strip() for t in args.tables.split(",") if t.strip()] if args.tables else None
    if args.module:
        module = load_config(args.config).modules.get(args.module)
        if module is None:
            raise AirvaultError(f"module '{args.module}' is not in the config")
        tables = (tables or []) + module.tables
    kwargs = dict(
        tables=tables,
        safety_root=safety,
        allow_schema_drift=args.allow_schema_drift,
    )
    if mode != "new-database" and (args.dry_run or not args.yes):
        plan = restore(source, dsn, mode=mode, dry_run=True, **kwargs)
        print(f"Plan ({mode}) for {source}:\n{plan.summary()}")
        if args.dry_run:
            return 0
        if not sys.stdin.isatty():
            raise AirvaultError("not applied: pass --yes to restore without a prompt")
        if input("Apply this restore? [y/N] ").strip().lower() not in ("y", "yes"):
            print("not applied")
            return EXIT_PROBLEMS
        kwargs["verify_data"] = False  # the plan just verified every file
    result = restore(source, dsn, mode=mode, **kwargs)
    print(result.summary())
    print(f"restore {result.restore_id} done in {result.seconds:.1f}s")
    if result.safety_backup:
        print(
            f"safety backup: {result.safety_backup}  (undo: airvault restore --undo {result.restore_id})"
        )
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="airvault",
        description="Consistent, checksummed PostgreSQL backups. Works with Airflow down.",
        epilog="Database: --dsn or $AIRVAULT_DSN. Config: --config, $AIRVAULT_CONFIG or "
        "./airvault.yaml. S3: s3://bucket/prefix with AWS_* variables (AWS_ENDPOINT_URL for "
        "S3-compatible servers).",
    )
    parser.add_argument("--config", help="config file (default $AIRVAULT_CONFIG or airvault.yaml)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress per table")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, func: Callable, help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help)
        p.set_defaults(func=func)
        return p

    p = add("demo-db", cmd_demo_db, "create or refresh the deterministic demo CRM database")
    p.add_argument("--dsn", help="target database")
    p.add_argument("--scale", type=int, default=1, help="size multiplier (1 = 4,402 contacts)")

    p = add("check", cmd_check, "validate the config against the live database schema")
    p.add_argument("--dsn", help="the app database")

    p = add("backup", cmd_backup, "take a consistent logical backup (full, module or tenant)")
    p.add_argument("--dsn", help="the database to back up")
    p.add_argument("--to", help="storage root URL (default: the config's storage.root)")
    p.add_argument("--kind", default="manual", choices=["full", "manual"], help="default: manual")
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
    p.add_argument(
        "--cap",
        action="append",
        metavar="TABLE:newest=N|days=D[:COLUMN]",
        help="cap an append-only log, e.g. audit_logs:days=90 (repeatable)",
    )

    p = add("restore", cmd_restore, "restore a backup: atomic, verified first, safety backup taken")
    p.add_argument("--from", dest="source", help="backup URL: file://, s3://, a folder or a .tar")
    p.add_argument("--dsn", help="the target database (the new one, in new-database mode)")
    p.add_argument("--mode", choices=["replace", "merge", "new-database"], default="replace",
                   help="replace: tables end equal to the backup; merge: upsert by primary key, "
                   "keep rows only in the target; new-database: create it from schema.sql")  # fmt: skip
    p.add_argument("--tables", help="comma-separated tables (their parents come along, merged)")
    p.add_argument("--module", help="a module from the config")
    p.add_argument("--dry-run", action="store_true", help="print the plan, write nothing")
    p.add_argument("--yes", action="store_true", help="apply without asking")
    p.add_argument("--allow-schema-drift", action="store_true", help="restore the common columns")
    p.add_argument("--safety-to", help="where the safety backup goes (default: storage.root)")
    p.add_argument("--no-safety-backup", action="store_true", help="skip the pre-restore backup")
    p.add_argument("--undo", metavar="RESTORE_ID", help="restore the safety backup of a restore")

    p = add("list", cmd_list, "list complete backups under a storage root")
    p.add_argument("url", nargs="?", help="storage root URL (default: the config's storage.root)")
    p.add_argument("--json", action="store_true", help="machine-readable output")

    p = add(
        "verify",
        cmd_verify,
        "re-check every checksum and row count of a backup (result kept for `list`)",
    )
    p.add_argument("backup_url", help="the backup folder (file://, s3:// or a path)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(message)s",
        stream=sys.stderr,
    )
    try:
        return args.func(args)
    except AirvaultError as e:
        print(f"error: {e}", file=sys.stderr)
    except psycopg.OperationalError as e:
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        print(f"error: cannot connect to the database: {first}", file=sys.stderr)
    except psycopg.Error as e:
        print(f"error: database error: {str(e).strip().splitlines()[0]}", file=sys.stderr)
    except (FileNotFoundError, PermissionError) as e:
        print(f"error: {e.strerror}: {e.filename}", file=sys.stderr)
    return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
