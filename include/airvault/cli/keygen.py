"""`airvault keygen`: a new random encryption key, or a manifest signing key."""

from __future__ import annotations

import argparse
import sys

from airvault.cli.context import CliContext, add_command


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = add_command(sub, "keygen", run, "print a new random encryption key (64 hex digits)")
    p.add_argument(
        "--signing",
        action="store_true",
        help="a manifest signing key instead (for $AIRVAULT_SIGNING_KEY)",
    )


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from airvault.storage.crypto import new_key_text, parse_key

    if args.signing:
        from airvault.storage.signing import SIGNING_ENV, new_signing_key_text, parse_signing_keys

        text = new_signing_key_text()
        print(text)
        print(
            f"key id {parse_signing_keys(text).writer.id}: put it in {SIGNING_ENV} (CLI) or the "
            "password of the airvault_signing connection (Airflow), never in storage; to rotate, "
            "put the new key first and keep the old ones after it. Machines that only restore "
            "get the public key instead: `airvault keys show`",
            file=sys.stderr,
        )
        return 0

    text = new_key_text()
    print(text)
    print(
        f"fingerprint {parse_key(text).fingerprint}: keep the key in a password manager and in "
        "AIRVAULT_ENCRYPTION_KEY or the password of the airvault_encryption connection; "
        "without it, backups made with it cannot be read. To rotate, put the new key first: "
        "AIRVAULT_ENCRYPTION_KEY=NEW,OLD (older backups stay readable)",
        file=sys.stderr,
    )
    return 0
