"""`airvault delete URL|ID`: delete one backup or archive on purpose, with retention's
protections (ops/deletion.py), from the storage root and the config's copies; and `airvault
list --deleted`: the deletion log."""

from __future__ import annotations

import argparse
import json
import sys

from airvault.cli.context import CliContext, add_command
from airvault.errors import AirvaultError


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = add_command(
        sub,
        "delete",
        run,
        "delete one backup or archive on purpose (in the copies too): never a pinned one, "
        "nor the last good one of its scope unless --force; logged with who, when and why "
        "(airvault list --deleted)",
    )
    p.add_argument(
        "backup_url",
        metavar="URL|ID",
        help="the backup or archive: its id as `airvault list` shows it, its URL or its "
        "folder, under the storage root",
    )
    p.add_argument("--reason", required=True, help="why (kept in the deletion log)")
    p.add_argument(
        "--root",
        dest="url",
        metavar="URL",
        help="the storage root it is under (default: the config's storage.root)",
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="also when it is the last good (verified) backup of its kind and scope, "
        "or one its retention.minimum_good keeps",
    )
    p.add_argument("--yes", action="store_true", help="delete without asking")


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from airvault.cli.copies import list_sites
    from airvault.ops.deletion import DeletionRequest, delete_backup
    from airvault.storage.confine import confine

    config = ctx.config
    root = ctx.open_root(args.url)
    conn = config.connections.storage if config else None
    # never outside the root
    rel = confine(root, args.backup_url, ("backup", "archive"), "backup", conn)
    if not args.yes:
        if not sys.stdin.isatty():
            raise AirvaultError("not deleted: pass --yes to delete without a prompt")
        if input(f"Delete {root.url_of(rel)} for good? [y/N] ").strip().lower() not in ("y", "yes"):
            print("not deleted")
            return 1
    request = DeletionRequest(rel, args.reason, ctx.who(), args.force)
    retention = config.retention if config else None
    # the config's copies when it is the config's root (as `airvault list` shows them)
    record = delete_backup(root, request, retention, copies=list_sites(args, ctx, root))
    forced = " (forced: it was a good one its scope needed)" if record.forced else ""
    copies = f" and copies {', '.join(record.copies)}" if record.copies else ""
    print(
        f"deleted {record.label or record.backup_id} ({record.kind}/{record.scope}, "
        f"{record.bytes / 1e6:.1f} MB){forced}: {root.url_of(rel)}{copies}"
    )
    return 0


def print_deletions(root, as_json: bool) -> None:
    """`airvault list --deleted`: the deletion log, newest first."""
    from airvault.ops.deletion import deletion_log

    records, problems = deletion_log(root)
    if as_json:
        print(json.dumps([r.to_json() for r in records], indent=2))
    else:
        print(f"{'deleted at':<26} {'kind':<11} {'scope':<12} {'id':<8}  {'by':<28} reason")
        for r in records:
            print(
                f"{r.at:<26} {r.kind:<11} {r.scope[:12]:<12} {r.backup_id:<8}  "
                f"{r.by[:28]:<28} {r.reason}{' (forced)' if r.forced else ''}"
            )
        if not records:
            print("(no backup deleted on purpose)")
    for p in problems:
        print(f"warning: deletion log entry not shown: {p}", file=sys.stderr)
