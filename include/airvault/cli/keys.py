"""`airvault keys show`: the public key that verifies this installation's backups."""

from __future__ import annotations

import argparse
import sys

from airvault.cli.context import EXIT_PROBLEMS, CliContext, add_command
from airvault.errors import AirvaultError


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = add_command(
        sub,
        "keys",
        run,
        "show the public key that verifies this installation's backups (give it to the "
        "machines that restore them: $AIRVAULT_PUBLIC_KEY or --public-key)",
    )
    p.add_argument("action", choices=["show"], help="show: the public key(s), PEM, and ids")
    p.add_argument(
        "--storage",
        metavar="URL",
        help="also compare with the copy stored there (default: the config's "
        "storage.root when there is a config)",
    )


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from airvault.storage.signing import (
        PUBLIC_ENV,
        PUBLIC_KEY_FILE,
        SIGNING_ENV,
        keys_from_env,
        parse_public_keys,
        public_keys_text,
    )
    from airvault.storage.store import open_store

    keys = keys_from_env()
    if keys is None:
        raise AirvaultError(f"no key: set {SIGNING_ENV} (the installation) or {PUBLIC_ENV}")
    print(public_keys_text(keys))
    role = "signs and verifies" if keys.keys else "verifies only (no secret here)"
    print(f"key id {keys.verifiers[0].id}: {role}", file=sys.stderr)
    config = None if args.storage else ctx.config
    url = args.storage or (config.storage_root() if config else None)
    if url is None:
        return 0
    root = open_store(url)
    if not root.exists(PUBLIC_KEY_FILE):
        print(
            f"{root.url_of(PUBLIC_KEY_FILE)}: not there yet (the next backup stores it)",
            file=sys.stderr,
        )
        return 0
    where = root.url_of(PUBLIC_KEY_FILE)
    stored = {k.id for k in parse_public_keys(root.read_bytes(PUBLIC_KEY_FILE).decode(), where)}
    if stored & {k.id for k in keys.verifiers}:
        print(f"{where}: holds key {', '.join(sorted(stored))}: matches", file=sys.stderr)
        return 0
    print(
        f"{where}: holds key {', '.join(sorted(stored))}, NOT one of these: trust the key "
        "you were given, never the stored copy",
        file=sys.stderr,
    )
    return EXIT_PROBLEMS
