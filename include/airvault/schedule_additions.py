"""Scheduled jobs added on the Backups page (issue 30.4): a module backup (of a module the
config declares), a tenant backup (a tenant id), a pg_dump archive or a recurring export, each
a new DAG on its own schedule, kept with who added it and when in the same overlay file as
the schedule edits (schedule_edits.py), under "added".

load_config merges them into the config the way the config file's own entries become DAGs: a
tenant backup joins `tenancy.backups` and a recurring export `exports` (their DAG files make
`tenant_backup_<name>` and `export_<name>` from there); a module backup and an archive are
second DAGs of something the config has once (`module_backup_<name>` of a declared module,
`pg_dump_archive_<name>`), which their DAG files read from `config.edits.added`. Every entry is
checked by the config's own rules (cron, time zone, retention) and as `airvault check` checks
the config's (a declared module, an exportable dataset, a DAG id not taken); one that fails is
left out and reported, never an import error."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import AwareDatetime, Field, ValidationError, model_validator

from airvault.config import (
    CRON,
    IDENTIFIER,
    TIMEZONE,
    Config,
    RecurringExport,
    RetentionRule,
    Strict,
    TenantBackup,
    _describe,
)
from airvault.errors import ConfigError
from airvault.schedule_edits import Preset, rewrite

AddedKind = Literal["module", "tenant", "archive", "export"]
PREFIX = {
    "module": "module_backup_",
    "tenant": "tenant_backup_",
    "archive": "pg_dump_archive_",
    "export": "export_",
}
# the part of the DAG id people choose: short, lower case, as DAG ids and config keys are
NAME = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,39}$")]


class AddedSchedule(Strict):
    """One job added on the page: what it is (the fields of its kind) and its schedule."""

    kind: AddedKind
    name: NAME
    module: IDENTIFIER | None = None  # module backup: a module of the config
    tenant: str | None = Field(None, min_length=1, max_length=200)  # tenant backup: its id
    dataset: IDENTIFIER | None = None  # export: a module or a declared table
    format: Literal["csv", "json", "parquet", "xlsx", "pdf"] = "csv"  # export
    readable: bool = True  # export: display names and local times
    export_timezone: TIMEZONE = "UTC"  # export: the zone of its local times
    preset: Preset = "cron"
    cron: CRON | None = None  # None: manual (backups and archives only)
    timezone: TIMEZONE = "UTC"  # the cron's wall clock
    retention: RetentionRule | None = None  # backups: their kind/scope's rule
    added_by: str = Field(min_length=1, max_length=200)
    added_at: AwareDatetime
    edited_by: str | None = Field(None, max_length=200)
    edited_at: AwareDatetime | None = None

    @property
    def dag_id(self) -> str:
        return PREFIX[self.kind] + self.name

    @property
    def scope(self) -> str:
        """The scope of what it takes: the module, the tenant backup's name, all, the export."""
        if self.kind == "module":
            return str(self.module)
        return "all" if self.kind == "archive" else self.name

    @property
    def retention_scope(self) -> str | None:
        return f"{self.kind}/{self.scope}" if self.kind in ("module", "tenant") else None

    def what(self) -> str:
        """What it takes, in a few words (module contacts, tenant <id>, export of x as csv)."""
        return {
            "module": f"module {self.module}",
            "tenant": f"tenant {self.tenant}",
            "archive": "pg_dump archive",
        }.get(self.kind, f"export of {self.dataset} as {self.format}")

    @model_validator(mode="after")
    def _fields_of_its_kind(self) -> AddedSchedule:
        """Each kind's own fields given, no other kind's: nothing silently ignored."""
        needs = {"module": "module", "tenant": "tenant", "export": "dataset"}.get(self.kind)
        if needs and getattr(self, needs) is None:
            raise ValueError(f"{needs}: a {self.kind} schedule needs one")
        for field in ("module", "tenant", "dataset"):
            if field != needs and getattr(self, field) is not None:
                raise ValueError(f"{field}: only a {_owner(field)} takes one, not a {self.kind}")
        if self.kind == "export" and self.cron is None:
            raise ValueError("cron: a recurring export needs a schedule")
        if self.retention is not None and self.retention_scope is None:
            raise ValueError(f"retention: only backups have a retention ({self.kind} has none)")
        return self


def _owner(field: str) -> str:
    return {"module": "module backup", "tenant": "tenant backup", "dataset": "export"}[field]


def checked_added(config: Config, values: dict, taken: set[str]) -> AddedSchedule:
    """`values` as a new job of `config`, or ConfigError naming its DAG id and the field: the
    config's rules, the config's modules, an exportable dataset, a DAG id not in `taken`."""
    kind, name = values.get("kind"), values.get("name")
    where = f"{PREFIX.get(str(kind), '')}{str(name)[:60]} (added on the page)"
    try:
        added = AddedSchedule.model_validate(values)
    except ValidationError as e:
        raise ConfigError(_describe(e, where)) from None
    if added.dag_id in taken:
        raise ConfigError(f"{where}: name: {added.dag_id} already exists: choose another name")
    if added.kind == "module" and added.module not in config.modules:
        known = ", ".join(sorted(config.modules)) or "none"
        raise ConfigError(
            f"{where}: module: '{added.module}' is not a module of the config ({known})"
        )
    if added.kind == "export":
        from airvault.exchange.datasets import DatasetRefused
        from airvault.exchange.exports import specs_for

        try:
            specs_for(config, str(added.dataset))  # what `airvault check` checks of exports:
        except DatasetRefused as e:
            raise ConfigError(f"{where}: dataset: {e}") from None
    return added


def read_added(
    raw: object, config: Config, taken: set[str], path: object
) -> tuple[dict[str, AddedSchedule], list[str]]:
    """The valid jobs of the overlay's "added" mapping (DAG id -> job), and a line for each
    left out. Each is checked against the DAG ids taken before it (the config's first)."""
    if raw is None:
        return {}, []
    if not isinstance(raw, dict):
        return {}, [f"{path}: 'added' is not a mapping of DAG ids: no added schedule is in effect"]
    found: dict[str, AddedSchedule] = {}
    problems = []
    for dag_id, values in raw.items():
        try:
            added = checked_added(config, values if isinstance(values, dict) else {}, taken)
        except ConfigError as e:
            problems.append(f"{path}: {e}: left out, its DAG is not made")
            continue
        if added.dag_id != dag_id:
            problems.append(f"{path}: added.{str(dag_id)[:100]}: names {added.dag_id}: left out")
            continue
        found[dag_id] = added
        taken = taken | {dag_id}
    return found, problems


def with_added(config: Config, added: dict[str, AddedSchedule]) -> Config:
    """A copy of the config with the added tenant backups and exports among its own, and each
    added backup's retention by scope (module backups and archives stay in config.edits)."""
    tenants, exports = dict(config.tenancy.backups), dict(config.exports)
    scopes = dict(config.retention.scopes)
    for a in added.values():
        if a.kind == "tenant":
            tenants[a.name] = TenantBackup(id=str(a.tenant), schedule=a.cron)
        elif a.kind == "export":
            exports[a.name] = RecurringExport(
                dataset=str(a.dataset),
                schedule=str(a.cron),
                format=a.format,
                readable=a.readable,
                timezone=a.export_timezone,
            )
        if a.retention is not None and a.retention_scope:
            scopes[a.retention_scope] = a.retention
    return config.model_copy(
        update={
            "tenancy": config.tenancy.model_copy(update={"backups": tenants}),
            "exports": exports,
            "retention": config.retention.model_copy(update={"scopes": scopes}),
        }
    )


def added_of_kind(config: Config, kind: AddedKind) -> list[AddedSchedule]:
    """The jobs of `kind` added on the page and in effect (what a DAG file makes of them)."""
    if config.edits is None:
        return []
    return [a for a in config.edits.added.values() if a.kind == kind]


def save_added(config: Config, added: AddedSchedule) -> Path:
    """Record `added` (a new job, or a new schedule of one added before) in the overlay."""

    def change(raw: dict) -> None:
        if not isinstance(raw.get("added"), dict):
            raw["added"] = {}  # none yet (or not a mapping: reported, and never in effect)
        raw["added"][added.dag_id] = added.model_dump(mode="json", exclude_none=True)

    return rewrite(config, change)


def remove_added(config: Config, dag_id: str) -> Path:
    """Remove a job added on the page (its DAG goes at the next parse of its file)."""
    known = config.edits.added if config.edits is not None else {}
    if dag_id not in known:
        raise ConfigError(
            f"'{dag_id[:100]}' is not a schedule added on the page (the config file's own "
            "schedules are removed in the config file)"
        )

    def change(raw: dict) -> None:
        raw.get("added", {}).pop(dag_id, None)
        raw["edits"].pop(dag_id, None)

    return rewrite(config, change)
