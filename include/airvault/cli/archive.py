"""`airvault archive` and `airvault archive-restore`: a pg_dump archive of the database with its
auth users and storage bucket files, and its restore into a new database."""

from __future__ import annotations

import argparse
import sys

from airvault.cli.context import CliContext, add_command
from airvault.errors import AirvaultError


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = add_command(
        sub,
        "archive",
        run,
        "pg_dump archive of the database + auth users as JSON + storage bucket files",
    )
    p.add_argument("--dsn", help="the database to archive")
    p.add_argument("--to", help="storage root URL (default: the config's storage.root)")
    p.add_argument(
        "--bucket",
        action="append",
        metavar="NAME=URL",
        help="a storage bucket's files to include (repeatable; also config archive.buckets)",
    )
    p.add_argument(
        "--include-secrets",
        action="store_true",
        help="keep password hashes in auth/users.json also when the archive is not "
        "encrypted (default: kept when encrypted, left out otherwise)",
    )
    p.add_argument("--no-auth", action="store_true", help="no separate auth users table")
    p.add_argument(
        "--encrypt", action="store_true", help="encrypt every file ($AIRVAULT_ENCRYPTION_KEY)"
    )

    p = add_command(
        sub,
        "archive-restore",
        run_restore,
        "restore an archive into a new database with pg_restore, then its users and files",
    )
    p.add_argument("--from", dest="source", required=True, help="the archive folder URL")
    p.add_argument("--dsn", help="the database to create")
    p.add_argument(
        "--storage-to", help="copy bucket files to URL/<bucket>/ (default: where they came from)"
    )
    p.add_argument(
        "--clean", action="store_true", help="drop and recreate the database if it exists"
    )
    p.add_argument(
        "--jobs", type=int, default=2, help="parallel pg_restore jobs for data and indexes"
    )
    p.add_argument(
        "--roles",
        choices=["require", "create", "ignore"],
        default="require",
        help="roles the archive's objects need that the server lacks: require "
        "(refuse), create, or ignore (objects owned by this login, grants to roles that "
        "exist kept)",
    )


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from airvault.archive.run import ArchiveOptions, archive_options, run_archive
    from airvault.storage.store import open_store

    config = ctx.config if args.to else ctx.require_config()
    opts = archive_options(config) if config else ArchiveOptions()
    for spec in args.bucket or []:
        name, sep, url = spec.partition("=")
        if not sep or not name or not url:
            raise AirvaultError(f"--bucket {spec!r}: use NAME=URL (a folder or s3://bucket/prefix)")
        opts.buckets[name] = url
    if args.no_auth:
        opts.auth_table = None
    opts.include_secrets = True if args.include_secrets else opts.include_secrets
    if args.encrypt or (config and config.encryption.enabled):
        opts.encryption_key = ctx.require_key()
    with ctx.progress():
        root = open_store(ctx.storage_root(args.to))
        manifest = run_archive(ctx.dsn, root, opts)
    auth = manifest.auth
    print(
        f"{manifest.label}: {len(manifest.files)} files, "
        f"{sum(f.bytes for f in manifest.files) / 1e6:.1f} MB"
        + (f", {auth.rows} auth users" if auth else "")
        + (" with their password hashes" if auth and auth.secrets_included else "")
    )
    if auth and auth.columns_left_out:
        print(
            f"note: {', '.join(auth.columns_left_out)} left out (not encrypted): restored "
            "users must reset their passwords (--encrypt keeps them)",
            file=sys.stderr,
        )
    print(manifest.url)
    if config is not None and config.copies and not args.to:  # as a backup goes
        from airvault.cli.copies import copy_after_backup

        copy_after_backup(config, root, manifest.url or "")
    return 0


def run_restore(args: argparse.Namespace, ctx: CliContext) -> int:
    from airvault.archive.run import restore_archive

    result = restore_archive(
        args.source, ctx.dsn, args.storage_to, args.clean, args.jobs, roles=args.roles
    )
    print(
        f"restored {result.archive} into {result.database}: {result.auth_users} auth "
        f"users, {result.files} files, {result.seconds:.1f}s"
    )
    for notice in result.notices:
        print(f"note: {notice}", file=sys.stderr)
    return 0
