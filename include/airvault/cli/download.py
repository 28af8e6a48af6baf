"""`airvault download`: a backup or archive as one .tar file, from any storage, with its sha256."""

from __future__ import annotations

import argparse
import hashlib
import os
from pathlib import Path

from airvault.cli.context import CliContext, add_command


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = add_command(
        sub,
        "download",
        run,
        "a backup or archive as one .tar file (encrypted files stay encrypted), with a .sha256 "
        "beside it",
    )
    p.add_argument(
        "backup_url", help="the backup or archive (its URL, folder, or the id `list` shows)"
    )
    p.add_argument("-o", "--output", help="the .tar to write (default: <folder name>.tar here)")


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from airvault.storage.download import backup_tar
    from airvault.storage.store import open_store

    tar = backup_tar(open_store(args.backup_url))
    out = Path(args.output or tar.filename)
    partial = out.with_name(f".{out.name}.partial")
    sha = hashlib.sha256()
    try:  # the .tar appears whole or not at all: a stopped download leaves nothing
        with partial.open("wb") as f:
            for chunk in tar.chunks():
                sha.update(chunk)
                f.write(chunk)
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)
    Path(f"{out}.sha256").write_text(f"{sha.hexdigest()}  {out.name}\n")
    print(f"{out} ({tar.size / 1e6:,.1f} MB, {len(tar.members)} files); sha256 {sha.hexdigest()}")
    print(f"check it: sha256sum -c {out}.sha256")
    return 0
