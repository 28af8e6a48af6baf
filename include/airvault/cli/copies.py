"""`airvault copy` and the `--copy NAME` of list, verify and restore (ops/copies.py).

The CLI opens every copy from its URL with the environment's credentials (AWS_* variables,
AWS_ENDPOINT_URL), as it opens the storage root; inside Airflow a copy's `conn_id` applies.
"""

from __future__ import annotations

import argparse
import sys

from airvault.cli.context import CliContext, add_command
from airvault.errors import AirvaultError


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = add_command(
        sub,
        "copy",
        run,
        "copy backups, archives and change segments to the config's copies (or resume a copy "
        "cut short: only what is missing or wrong is copied); every file checked there",
    )
    p.add_argument(
        "backup_url",
        nargs="?",
        help="one backup or archive (URL, folder or id); default: every backup the "
        "copy's retention keeps, every archive and the change segments",
    )
    p.add_argument("--copy", dest="only", metavar="NAME", help="only this copy of the config")
    p.add_argument("--url", help="the storage root (default: the config's storage.root)")


def add_copy_option(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument(
        "--copy",
        metavar="NAME",
        help=f"{what} in this copy of the config (copies.NAME) instead of the storage "
        "root: a backup id or a URL under the root names the same backup there",
    )


def _primary(ctx: CliContext):
    config = ctx.require_config()
    return config, ctx.open_root(getattr(ctx.args, "url", None))


def sites_of(config, primary, only: str | None = None) -> list:
    """The config's copies opened as the CLI opens storage (ops.copies.CopySite each)."""
    from airvault.ops.copies import open_sites
    from airvault.storage.store import open_store

    return open_sites(config, primary, lambda url, _conn: open_store(url), only)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from airvault.ops.copies import relative_to, sync
    from airvault.storage.store import store_url

    config, primary = _primary(ctx)
    if not config.copies:
        raise AirvaultError("the config has no copies: add `copies:` (docs/copies.md)")
    sites = sites_of(config, primary, args.only)
    rels = None
    if args.backup_url:
        rels = [relative_to(primary, store_url(args.backup_url))]
    for result in sync(primary, sites, rels):
        print(result.line())
    return 0


def copy_after_backup(config, primary, url: str) -> None:
    """`airvault backup` with copies configured: the new backup and the change segments go
    to every copy; a failed copy is an error after the backup is safe in the root."""
    from airvault.ops.copies import relative_to, sync

    for result in sync(primary, sites_of(config, primary), [relative_to(primary, url)]):
        print(f"copied: {result.line()}", file=sys.stderr)


def resolve_in_copy(args: argparse.Namespace, ctx: CliContext) -> None:
    """--copy NAME: a backup id is looked up in that copy, a URL under the storage root
    becomes the same folder in the copy (what restores when the root is lost)."""
    import re

    from airvault.ops.copies import relative_to
    from airvault.ops.inventory import inventory
    from airvault.storage.store import store_url

    config = ctx.require_config()
    primary = ctx.open_root()
    site = sites_of(config, primary, args.copy)[0]
    for attr in ("backup_url", "source"):
        given = getattr(args, attr, None)
        if not isinstance(given, str):
            continue
        if re.fullmatch(r"[0-9a-f]{8}", given):
            found = [r.url for r in inventory(site.store)[0] if r.id == given and r.url]
            if not found:
                raise AirvaultError(
                    f"no backup or archive with id {given} in copy {args.copy} ({site.store.url})"
                )
            setattr(args, attr, found[0])
        elif store_url(given).startswith(primary.url + "/"):
            setattr(args, attr, site.store.url_of(relative_to(primary, store_url(given))))
    if getattr(args, "command", None) == "list" and not args.url:
        args.url = site.store.url


def list_sites(args: argparse.Namespace, ctx: CliContext, root) -> list:
    """The copies `airvault list` shows a column for: those of the config when the listing
    is of its storage root (none for another root, a copy, or without a config)."""
    config = None if args.url else ctx.config
    if config is None or not config.copies:
        return []
    return sites_of(config, root)


def prune_copies(args: argparse.Namespace, config, primary, now) -> None:
    from airvault.ops.copies import prune_sites

    for name, plan in prune_sites(sites_of(config, primary), args.dry_run, now).items():
        print(f"\ncopy {name}:\n{plan.summary(now)}")
