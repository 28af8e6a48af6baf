"""`airvault list`: the complete backups and archives under a storage root, with their ids."""

from __future__ import annotations

import argparse
import json

from airvault.cli.context import CliContext, add_command


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = add_command(sub, "list", run, "list complete backups under a storage root")
    p.add_argument("url", nargs="?", help="storage root URL (default: the config's storage.root)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument(
        "--deleted",
        action="store_true",
        help="the backups deleted on purpose instead: who, when and why",
    )
    from airvault.cli.copies import add_copy_option

    add_copy_option(p, "list the backups")


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from airvault.ops.inventory import inventory

    root = ctx.open_root(args.url)
    if args.deleted:
        from airvault.cli.delete import print_deletions

        print_deletions(root, args.json)
        return 0
    from airvault.cli.copies import list_sites

    sites = list_sites(args, ctx, root)
    rows, incomplete = inventory(root, copies=sites)
    if args.json:
        keys = (
            "id",
            "type",
            "kind",
            "scope",
            "label",
            "note",
            "started_at",
            "url",
            "verification",
            "app_version",
            "copies",
        )
        print(json.dumps([{k: r.to_json()[k] for k in keys} for r in rows], indent=2))
        return 0
    names = "".join(f" {s.name[:10]:<10}" for s in sites)  # a column per copy
    print(
        f"{'label':<44} {'kind':<11} {'scope':<12} {'when':<16} {'tables':>6} {'rows':>11} "
        f"{'MB':>8}  {'verified':<8}{names}  id        app version"
    )
    for r in rows:  # archives: tables '-', rows = auth users
        tables = "-" if r.tables is None else r.tables
        states = "".join(f" {r.copies.get(s.name, '?'):<10}" for s in sites)
        print(
            f"{(r.label or '')[:44]:<44} {r.kind:<11} {r.scope[:12]:<12} {r.age:<16} "
            f"{tables:>6} {r.rows:>11,} {r.bytes / 1e6:>8.1f}  {r.verified:<8}{states}  {r.id}"
            + (f"  {r.app_version}" if r.app_version else "")
        )
        if r.note:
            print(f"    note: {r.note}")
    if not rows:
        print("(no complete backups)")
    if incomplete:
        print(
            f"{len(incomplete)} folder(s) not restorable (incomplete: no manifest yet; or a "
            "manifest that cannot be used, kept by retention):"
        )
        for url in incomplete:
            print(f"  {url}")
    if deleted := len(root.glob("deletions/*.json")):
        print(
            f"{deleted} backup(s) deleted on purpose: `airvault list --deleted` says who, "
            "when and why"
        )
    return 0
