"""`airvault drill`: restore a backup into a scratch database, check it, keep the evidence."""

from __future__ import annotations

import argparse
import sys

from airvault.cli.context import EXIT_PROBLEMS, CliContext, add_command


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = add_command(
        sub,
        "drill",
        run,
        "restore a backup into a scratch database, check it, record evidence, drop it",
    )
    p.add_argument("backup_url", help="the backup folder")
    p.add_argument("--dsn", help="a database on the server where the scratch database is made")
    p.add_argument("--evidence-to", help="storage root for drills/<id>.json (default: config)")


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from airvault.ops.drill import run_drill
    from airvault.storage.store import open_store

    config = ctx.require_config() if (args.config or not args.evidence_to) else None
    evidence_root = open_store(
        args.evidence_to if args.evidence_to or config is None else config.storage_root()
    )
    invariants = config.drills.invariants if config else {}
    filters = config.backup.row_filters if config else {}
    with ctx.progress():
        evidence = run_drill(args.backup_url, ctx.dsn, evidence_root, invariants, filters)
    status = "PASSED" if evidence.ok else "FAILED"
    print(
        f"drill {status}: {evidence.label}: {evidence.tables} tables, {evidence.rows:,} "
        f"rows, restored in {evidence.rto_s}s (RTO), {len(evidence.invariants)} invariants"
    )
    for p in evidence.problems:
        print(f"  problem: {p}", file=sys.stderr)
    print(f"evidence: {evidence_root.url_of('drills/' + evidence.backup_id + '.json')}")
    return 0 if evidence.ok else EXIT_PROBLEMS
