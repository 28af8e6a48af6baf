"""`airvault verify`: every checksum and row count of a backup, or every file of an archive."""

from __future__ import annotations

import argparse
import sys

from airvault.cli.context import EXIT_PROBLEMS, CliContext, add_command


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = add_command(
        sub,
        "verify",
        run,
        "re-check every checksum and row count of a backup (result kept for `list`), or every "
        "file of an archive and that pg_restore can read its dump",
    )
    p.add_argument("backup_url", help="the backup folder (file://, s3:// or a path)")
    from airvault.cli.copies import add_copy_option

    add_copy_option(p, "verify the backup")


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from airvault.archive.run import is_archive, verify_archive
    from airvault.storage.store import open_store
    from airvault.verify import verify_backup

    store = open_store(args.backup_url)
    with ctx.progress():
        if is_archive(store):
            report = verify_archive(store)
        else:
            report = verify_backup(store, record=True)
    for p in report.problems:
        print(f"MISMATCH {report.url}/{p}", file=sys.stderr)
    for note in getattr(report, "notes", []):
        print(f"note: {note}", file=sys.stderr)
    status = "OK" if report.ok else f"FAILED ({len(report.problems)} problems)"
    print(f"{report.url}: {status}: {report.checked_files} files, {report.rows:,} rows checked")
    return 0 if report.ok else EXIT_PROBLEMS
