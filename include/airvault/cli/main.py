"""The `airvault` command: works with Airflow down (the disaster-recovery path).

Each command is a module of this package with its options next to its handler
(`add_parser(subparsers)`, `run(args, ctx)`); this one assembles them, and turns errors and
Ctrl-C into one line and an exit code. docs/cli.md lists the commands."""

from __future__ import annotations

import argparse
import logging
import os
import sys

from airvault.cli import (
    archive,
    backup,
    capture,
    check,
    copies,
    delete,
    demo,
    diff,
    download,
    drill,
    export,
    import_,
    jobs,
    keygen,
    keys,
    link,
    restore,
    retention,
    verify,
)
from airvault.cli import list as list_
from airvault.cli.context import EXIT_ERROR, EXIT_INTERRUPTED, CliContext, interrupted_line
from airvault.errors import AirvaultError

# Nothing heavy at module level: `airvault --help` and the start of every command import only
# the standard library (tests/cli/test_cli_and_config.py checks); each handler imports what it uses.

# In `airvault --help` order.
COMMANDS = (
    demo,
    check,
    backup,
    restore,
    capture,
    archive,
    link,
    download,
    retention,
    copies,
    delete,
    drill,
    diff,
    export,
    import_,
    jobs,
    keygen,
    keys,
    list_,
    verify,
)


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
    parser.add_argument(
        "--trust-unsigned",
        action="store_true",
        help="accept backup manifests this installation did not sign (from before signing, or "
        "another installation whose key is not in $AIRVAULT_SIGNING_KEY); a manifest that "
        "fails its signature is refused even so",
    )
    parser.add_argument(
        "--public-key",
        metavar="FILE",
        help="verify manifests with this public key (PEM, as `airvault keys show` prints; "
        "also $AIRVAULT_PUBLIC_KEY): a machine without the installation's secret",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.add_parser(sub)
    return parser


def _database_error(e: Exception) -> str | None:
    """The one line for a psycopg error, None for any other exception. psycopg is imported
    only if a handler already did (an error of it cannot be raised otherwise)."""
    psycopg = sys.modules.get("psycopg")
    if psycopg is None or not isinstance(e, psycopg.Error):
        return None
    if isinstance(e, psycopg.OperationalError):
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        if first.startswith(("connection failed", "connection to server")):
            return f"cannot connect to the database: {first}"
        return f"the database connection was lost: {first}"  # nothing was committed
    return f"database error: {str(e).strip().splitlines()[0]}"


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    ctx = CliContext(args)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(message)s",
        stream=sys.stderr,
    )
    if args.trust_unsigned:
        import airvault.storage.store

        airvault.storage.store.TRUST_UNSIGNED = True
    if args.public_key:  # read by signing.keys_from_env, in this process only
        os.environ.pop("AIRVAULT_PUBLIC_KEY", None)
        os.environ["AIRVAULT_PUBLIC_KEY_FILE"] = args.public_key
    try:
        ctx.resolve_ids()
        return args.run(args, ctx)
    except KeyboardInterrupt:
        # One line: what the command was writing that is still in storage, if anything (a
        # backup's manifest is written last, so an unfinished one is never listed).
        print(interrupted_line(ctx), file=sys.stderr)
        return EXIT_INTERRUPTED
    except AirvaultError as e:
        message = str(e)
    except OSError as e:  # a full disk, a missing file, storage unreachable: no traceback
        where = f": {e.filename}" if e.filename else ""
        message = f"{e.strerror or e}{where}"
    except Exception as e:
        database_message = _database_error(e)
        if database_message is None:
            raise
        message = database_message
    from airvault.pg.tools import redact

    # libpq quotes the bad part of a DSN it cannot parse, which can be the password
    dsn = getattr(args, "dsn", None)
    print(f"error: {redact(message, dsn, os.environ.get('AIRVAULT_DSN'))}", file=sys.stderr)
    return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
