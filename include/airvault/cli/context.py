"""What every command may need, resolved once and only when asked: the config, the database,
the encryption key; ids from `airvault list` turned into URLs; and what a command was writing
when Ctrl-C stopped it."""

from __future__ import annotations

import argparse
import contextlib
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from airvault.errors import AirvaultError

# Nothing heavy at module level (see main.py): the types below are for the type checker only.
if TYPE_CHECKING:
    from airvault.config import Config
    from airvault.progress import Progress
    from airvault.storage.store import Store

EXIT_PROBLEMS = 1  # verify or check found problems
EXIT_ERROR = 2  # bad input, unreachable database, ...
EXIT_INTERRUPTED = 130  # Ctrl-C, as a shell reports SIGINT

_ID = re.compile(r"[0-9a-f]{8}")
ID_ARGUMENTS = ("backup_url", "source", "a", "b")  # the arguments that name a backup or archive


@dataclass
class CliContext:
    """One command's run: handlers ask it for the config, DSN and key instead of reading the
    arguments and the environment themselves, so each is resolved once."""

    args: argparse.Namespace
    seen: list[Progress] = field(default_factory=list)  # every long operation the command ran

    @cached_property
    def config(self) -> Config | None:
        """The config, whenever there is one (--config, $AIRVAULT_CONFIG or ./airvault.yaml):
        it applies to every command, also when --to names another storage root."""
        from airvault.config import config_path, load_config

        if self.args.config or config_path().exists():
            return load_config(self.args.config)
        return None

    @property
    def config_file(self) -> Path:
        """Where the config is (or would be) read from."""
        from airvault.config import config_path

        return config_path(self.args.config)

    def require_config(self) -> Config:
        """The config; without one, the error says where it was looked for."""
        from airvault.config import load_config

        return self.config or load_config(self.args.config)

    @cached_property
    def dsn(self) -> str:
        dsn = getattr(self.args, "dsn", None) or os.environ.get("AIRVAULT_DSN")
        if not dsn:
            raise AirvaultError("no database given: pass --dsn or set AIRVAULT_DSN")
        return dsn

    @cached_property
    def key(self) -> Any:
        """The keys in $AIRVAULT_ENCRYPTION_KEY (a KeyRing), None when it is not set."""
        from airvault.storage.crypto import key_from_env

        return key_from_env()

    def require_key(self) -> Any:
        from airvault.storage.crypto import KEY_ENV

        if self.key is None:
            raise AirvaultError(
                f"encryption is on but {KEY_ENV} is not set (airvault keygen makes one)"
            )
        return self.key

    def storage_root(self, given: str | None = None) -> str:
        """`given` (a --to or URL argument), else the config's storage root."""
        return given or self.require_config().storage_root()

    def open_root(self, given: str | None = None) -> Store:
        from airvault.storage.store import open_store

        return open_store(self.storage_root(given))

    @cached_property
    def row_filters(self) -> dict[str, str]:
        """The installation's row filters (the config's backup.row_filters; none without a
        config): the only SQL a filtered backup's restore runs (pg.scope.installed_row_filters)."""
        return dict(self.config.backup.row_filters) if self.config else {}

    @staticmethod
    def who() -> str:
        import getpass

        return f"{getpass.getuser()} (airvault CLI)"

    def resolve_ids(self) -> None:
        """A backup or archive named by the id `airvault list` shows (8 hex digits) is looked
        up under the config's storage root: `airvault restore --from 3fa2c1d9` works as listed."""
        if getattr(self.args, "copy", None):  # --copy NAME: the id or URL names one there
            from airvault.cli.copies import resolve_in_copy

            return resolve_in_copy(self.args, self)
        for attr in ID_ARGUMENTS:
            given = getattr(self.args, attr, None)
            if isinstance(given, str) and _ID.fullmatch(given) and not Path(given).exists():
                setattr(self.args, attr, self._url_of_id(given))

    def _url_of_id(self, backup_id: str) -> str:
        from airvault.ops.inventory import inventory

        if self.config is None:
            raise AirvaultError(
                f"{backup_id} is taken for a backup id, which is looked up under the config's "
                "storage root, and there is no config (--config, $AIRVAULT_CONFIG or "
                "./airvault.yaml): give the backup's URL or folder instead"
            )
        root = self.open_root(getattr(self.args, "url", None))
        # (listed from storage: every row has its url)
        found = [r.url for r in inventory(root)[0] if r.id == backup_id and r.url is not None]
        if not found:
            raise AirvaultError(
                f"no backup or archive with id {backup_id} under {root.url} (`airvault list` "
                "shows the ids; or give the backup's URL or folder)"
            )
        return found[0]

    @contextlib.contextmanager
    def progress(self) -> Iterator[None]:
        """Show how far the block's long operations are (a bar on a terminal, plain lines
        otherwise), from the Progress each publishes; remembered for `left_behind`."""
        from airvault.cli.display import ProgressDisplay

        with ProgressDisplay.for_stderr(self.seen):
            yield

    def left_behind(self) -> list[str]:
        """The folders the interrupted operations were writing that are still in storage."""
        left = []
        for p in self.seen:
            with contextlib.suppress(Exception):  # storage gone too: nothing known to be left
                if p.folder is not None and p.folder.list_files():
                    left.append(p.folder.url)
        return left


def interrupted_line(ctx: CliContext) -> str:
    """The one line Ctrl-C ends a command with: what it left in storage, if anything."""
    left = ctx.left_behind()
    if not left:
        return (
            "interrupted: nothing was left behind (an unfinished backup is removed, a restore "
            "or import rolled back)"
        )
    return (
        f"interrupted: left {', '.join(left)} unfinished; it is never listed or restored, "
        "and retention removes it once its heartbeat is stale"
    )


Handler = Callable[[argparse.Namespace, CliContext], int]


def add_command(subparsers: Any, name: str, run: Handler, help: str) -> argparse.ArgumentParser:
    """Register `airvault NAME`, run by `run(args, ctx)`; its options are added next to it."""
    p = subparsers.add_parser(name, help=help, description=help)
    p.set_defaults(run=run)
    return p
