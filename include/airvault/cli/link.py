"""`airvault link`: presigned S3 download links for a file or a backup or archive folder."""

from __future__ import annotations

import argparse
import sys

from airvault.cli.context import CliContext, add_command
from airvault.errors import AirvaultError


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = add_command(
        sub, "link", run, "presigned S3 download link(s) for a file or a backup/archive folder"
    )
    p.add_argument("url", help="s3://bucket/path of a file, or a backup or archive folder")
    p.add_argument("--expires", default="15m", help="lifetime: 900s, 15m, 2h, 1d (default 15m)")


def parse_duration(text: str) -> int:
    """'15m', '2h', '1d', '900s' or '900' -> seconds."""
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    number, unit = (text[:-1], text[-1]) if text and text[-1] in units else (text, "s")
    if not number.isdigit() or int(number) < 1:
        raise AirvaultError(f"--expires {text!r}: use a number with s, m, h or d, e.g. 15m")
    seconds = int(number) * units[unit]
    if seconds > 7 * 86400:
        raise AirvaultError(f"--expires {text!r}: S3 signed links last at most 7 days")
    return seconds


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from airvault.storage.store import open_store

    seconds = parse_duration(args.expires)
    url = args.url.rstrip("/")
    parent, _, name = url.rpartition("/")
    store = open_store(parent)
    if store.exists(f"{name}/manifest.json"):  # a backup or archive folder: every file
        folder = store.child(name)
        rels = [r for r in folder.list_files() if r != "manifest.json"] + ["manifest.json"]
        for rel in rels:
            print(f"{rel}\t{folder.signed_url(rel, seconds)}")
    else:
        print(store.signed_url(name, seconds))
    print(f"(links expire in {seconds // 60} min)", file=sys.stderr)
    return 0
