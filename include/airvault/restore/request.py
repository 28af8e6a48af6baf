"""What a user asks a restore to do, built alike by the CLI, the operators and the page
(`restore_request`), and where the installation restores it (`RestoreTarget`).

The request is only the user's choices: serialisable (it travels in a plan, through XCom or
a file) and strict. What must never travel with it stays in the target: the DSN (it may hold
a password), the stores, and the installation's row filters (SQL text: ours, from the config,
never from a document a user could hand us)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from airvault.config import Config
from airvault.errors import AirvaultError
from airvault.storage.store import Store

MODES = ("replace", "merge", "new-database")
Mode = Literal["replace", "merge", "new-database"]
Roles = Literal["require", "create", "ignore", "auto"]


class RestoreRequest(BaseModel):
    """A restore as asked: from which backup, how, of what."""

    model_config = ConfigDict(strict=True, frozen=True, extra="forbid")

    source: str = Field(min_length=1)  # the backup as given: URL, folder, .tar, uploads/<id>
    mode: Mode = "replace"
    tables: list[str] | None = None  # None: every table; a module's tables are included
    allow_schema_drift: bool = False  # restore the columns the target shares with the backup
    allow_cascade: bool = False  # replace: ON DELETE / ON UPDATE actions may reach other tables
    allow_unencrypted: bool = False  # an unencrypted backup where backups are encrypted
    roles: Roles = "require"  # new-database: roles the backup's objects need (ROLE_MODES)
    owner_map: dict[str, str] = Field(default_factory=dict)  # new-database: owner -> given to
    lock_timeout: str = Field(default="30s", pattern=r"^\d+\s*(ms|s|min)?$")
    workers: int = Field(default=2, ge=1, le=64)
    until: str | None = None  # point in time: 'latest', an ISO time or an LSN
    tenant: str | None = None  # point in time, replace / merge: only this tenant's rows
    # replace / merge into a database at another app version (migration head) than the backup
    accept_app_version: bool = False

    @property
    def whole(self) -> bool:
        """Every table of the backup (its large objects come along)."""
        return not self.tables


@dataclass
class RestoreTarget:
    """Where and with what the installation restores (never serialised)."""

    dsn: str
    safety_root: Store | None = None  # where the pre-restore backup goes (None: none)
    progress_root: Store | None = None  # where the Backups page reads how far it is
    row_filters: Mapping[str, str] = field(default_factory=dict)  # config backup.row_filters
    app_version_query: str | None = None  # config backup.app_version_query (never a manifest's)


def parse_owner_map(pairs: Mapping[str, str] | Iterable[str] | str | None) -> dict[str, str]:
    """`OLD=NEW` pairs (a list, or comma-separated text from a template or a form; or a
    mapping) as owner -> new owner; a pair that is not two role names is refused, naming it."""
    if isinstance(pairs, Mapping):
        items = [f"{old}={new}" for old, new in pairs.items()]
    elif isinstance(pairs, str):
        items = pairs.split(",")
    else:
        items = list(pairs or [])
    found: dict[str, str] = {}
    for pair in (str(p).strip() for p in items):
        if not pair:
            continue
        old, sep, new = (part.strip() for part in pair.partition("="))
        if not (sep and old and new) or "=" in new:
            raise AirvaultError(f"owner map {pair[:100]!r}: give OLD=NEW (role names)")
        if old in found and found[old] != new:
            raise AirvaultError(f"owner map: {old} is given to both {found[old]} and {new}")
        found[old] = new
    return found


def restore_request(
    source: str,
    mode: str = "replace",
    tables: Iterable[str] | None = None,
    module_tables: Iterable[str] = (),
    owner_map: Mapping[str, str] | Iterable[str] | str | None = None,
    **choices: object,
) -> RestoreRequest:
    """The request from a caller's loose inputs (flags, templated arguments, a form): the
    module's tables added to the chosen ones, the owner map parsed, every field checked, and
    a clear error naming the field otherwise."""
    # taken as given: a blank or odd name is refused by name when the backup is read, never
    # dropped (a list of only blank names must not become "every table")
    chosen = list(tables or ()) + list(module_tables)
    if mode not in MODES:
        raise AirvaultError(f"unknown mode '{str(mode)[:40]}': use one of {', '.join(MODES)}")
    try:
        return RestoreRequest.model_validate(
            {
                "source": source,
                "mode": mode,
                "tables": chosen or None,
                "owner_map": parse_owner_map(owner_map),
                **choices,
            }
        )
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(request)"
        raise AirvaultError(f"restore request: {where}: {first['msg']}") from None


def module_tables(config: Config | None, module: str | None) -> list[str]:
    """The tables of the config's `module` (none without one); an unknown one is refused."""
    if not module:
        return []
    found = config.modules.get(module) if config is not None else None
    if found is None:
        raise AirvaultError(f"module '{str(module)[:100]}' is not in the config")
    return list(found.tables)
