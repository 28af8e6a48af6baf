"""Schedule edits made on the Backups page: an overlay over the config's schedules, kept in one
JSON file beside the config (the config's `schedule_edits`, by default
.airvault/schedule-edits.json), each edit with who made it and when.

The config file stays the default and what a GitOps deployment reviews; an edit replaces one
DAG's cron (with its time zone, and the retention of the backups it takes) until it is
reverted. load_config applies the overlay, so every DAG file reads it when it is parsed: one
small local file (no database, no network), and never fatal: no file is no edit; a file or an
edit that cannot be read or is not valid leaves the config's schedule in effect and says why
in `config.edits.problems` (the page and `airvault check` show them). A bad edit can never
make a DAG vanish. The same file holds the jobs added on the page ("added":
schedule_additions.py), merged first, so an edit's checks see the DAG ids they take."""

from __future__ import annotations

import contextlib
import json
import logging
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import AwareDatetime, BaseModel, Field, ValidationError

from airvault.config import CRON, TIMEZONE, Config, RetentionRule, Strict, _describe
from airvault.errors import ConfigError

if TYPE_CHECKING:
    from airvault.schedule_additions import AddedSchedule

log = logging.getLogger("airvault.schedule_edits")
VERSION = 1
MAX_BYTES = 1 << 20  # an overlay is a few KB: a bigger file is not one
Preset = Literal["manual", "hourly", "daily", "weekly", "monthly", "cron"]
BACKUP_KINDS = ("full", "module", "tenant")  # whose retention an edit may set (per scope)


@dataclass(frozen=True)
class Schedulable:
    """A DAG whose schedule the config sets, and so the page may edit."""

    dag_id: str
    name: str  # what people call it on the page
    kind: str  # full, module, tenant, archive or export
    scope: str
    key: str  # the config key of its schedule
    cron: str | None  # the config file's (None: manual / REST only)
    added: bool = False  # added on the page (schedule_additions.py), not in the config file

    @property
    def retention_scope(self) -> str | None:
        """The retention.scopes key of the backups it takes (None: not a backup DAG)."""
        return f"{self.kind}/{self.scope}" if self.kind in BACKUP_KINDS else None


def schedulables(config: Config) -> list[Schedulable]:
    """Every DAG of the config with a schedule key: backups, the archive, recurring exports."""
    from airvault.ops.health import backup_dags  # imports the config module

    names = {"full": "Full backup", "module": "Module backup", "tenant": "Tenant backup"}
    found = [
        Schedulable(
            d.dag_id,
            f"{names[d.kind]}, {d.dag_id.rsplit('_', 1)[-1]}"
            if d.kind == "full"
            else f"{names[d.kind]}: {d.scope}",
            d.kind,
            d.scope,
            d.key,
            d.schedule,
        )
        for d in backup_dags(config)
    ]
    archive = config.archive.schedule
    found.append(
        Schedulable(
            "pg_dump_archive", "Archive (pg_dump)", "archive", "all", "archive.schedule", archive
        )
    )
    for n, e in config.exports.items():
        name = f"Recurring export: {n} ({e.dataset}, {e.format})"
        found.append(
            Schedulable(f"export_{n}", name, "export", n, f"exports.{n}.schedule", e.schedule)
        )
    return _marked_added(config, found)


def _marked_added(config: Config, found: list[Schedulable]) -> list[Schedulable]:
    """`found` with the jobs added on the page marked (their key: added.<DAG id>), named
    apart from the config's own of the same module, and the added archives."""
    from dataclasses import replace

    added: dict[str, AddedSchedule] = config.edits.added if config.edits is not None else {}
    marked = [
        replace(
            s,
            key=f"added.{s.dag_id}",
            added=True,
            name=f"{s.name} ({added[s.dag_id].name})" if s.kind == "module" else s.name,
        )
        if s.dag_id in added
        else s
        for s in found
    ]
    marked += [
        Schedulable(
            a.dag_id,
            f"Archive (pg_dump): {a.name}",
            "archive",
            "all",
            f"added.{a.dag_id}",
            a.cron,
            added=True,
        )
        for a in added.values()
        if a.kind == "archive"
    ]
    return marked


class ScheduleEdit(Strict):
    """One DAG's schedule as edited on the page: the same cron rules as the config's."""

    preset: Preset = "cron"  # how it was entered (the editor shows it again)
    cron: CRON | None = None  # None: manual / REST only
    timezone: TIMEZONE = "UTC"  # the cron's wall clock
    retention: RetentionRule | None = None  # a backup DAG's: its kind/scope's rule
    edited_by: str = Field(min_length=1, max_length=200)
    edited_at: AwareDatetime


class AppliedEdits(BaseModel):
    """What load_config found in the overlay: the edits in effect and what was left out."""

    path: str | None = None
    edits: dict[str, ScheduleEdit] = {}
    added: dict[str, Any] = {}  # DAG id -> schedule_additions.AddedSchedule
    problems: list[str] = []

    def timezone(self, dag_id: str) -> str:
        edit = self.edits.get(dag_id) or self.added.get(dag_id)
        return edit.timezone if edit else "UTC"


def edits_path(config: Config) -> Path | None:
    """Where the config keeps its page edits (None: `schedule_edits: null`, no page edits)."""
    if not config.schedule_edits:
        return None
    return config.base_dir / config.schedule_edits  # an absolute path stays itself


def preset_cron(preset: Preset, time: str, weekday: int, day: int, cron: str | None) -> str | None:
    """The cron of a preset at `time` (HH:MM; hourly: its minutes), `weekday` (0 = Sunday)
    and month `day`; `cron` itself for "cron"; None for "manual"."""
    hour, minute = (int(p) for p in time.split(":"))
    return {
        "manual": None,
        "hourly": f"{minute} * * * *",
        "daily": f"{minute} {hour} * * *",
        "weekly": f"{minute} {hour} * * {weekday}",
        "monthly": f"{minute} {hour} {day} * *",
        "cron": cron,
    }[preset]


def checked_edit(target: Schedulable, values: dict) -> ScheduleEdit:
    """`values` as an edit of `target`, or ConfigError naming the DAG, its config key and the
    field (the one-line form of the config's own errors)."""
    try:
        edit = ScheduleEdit.model_validate(values)
    except ValidationError as e:
        raise ConfigError(_describe(e, f"{target.dag_id} ({target.key})")) from None
    if edit.cron is None and target.kind == "export":
        raise ConfigError(
            f"{target.dag_id} ({target.key}): cron: a recurring export needs a schedule "
            "(switch it off to stop it)"
        )
    if edit.retention is not None and target.retention_scope is None:
        raise ConfigError(
            f"{target.dag_id}: retention: only backups have a retention ({target.kind} has none)"
        )
    return edit


def _read_raw(path: Path) -> dict:
    """The overlay file's content: {"version": 1, "edits": {dag_id: edit}} (ValueError else)."""
    with path.open("rb") as f:
        text = f.read(MAX_BYTES + 1)
    if len(text) > MAX_BYTES:
        raise ValueError(f"larger than {MAX_BYTES} bytes")
    raw = json.loads(text)
    if not (isinstance(raw, dict) and raw.get("version") == VERSION):
        raise ValueError(f'not a schedule edits file ({{"version": {VERSION}, "edits": ...}})')
    if not isinstance(raw.get("edits"), dict):
        raise ValueError("'edits' is not a mapping of DAG ids")
    return raw


def read_overlay(path: Path | None) -> tuple[dict, list[str]]:
    """The overlay file's content ({} when there is none), or {} and why it cannot be used."""
    if path is None or not path.exists():
        return {}, []
    try:
        return _read_raw(path), []
    except (OSError, ValueError) as e:
        return {}, [f"{path}: cannot be used ({str(e)[:200]}): every schedule is the config's"]


def read_edits(
    path: Path | None, known: dict[str, Schedulable], raw: dict | None = None
) -> tuple[dict[str, ScheduleEdit], list[str]]:
    """The valid edits of the overlay at `path` (or its content `raw`, already read), and a
    line for each thing left out."""
    problems: list[str] = []
    if raw is None:
        raw, problems = read_overlay(path)
    found = {}
    for dag_id, values in raw.get("edits", {}).items():
        target = known.get(dag_id)
        if target is None:
            problems.append(f"{path}: edits.{dag_id[:100]}: not a schedulable DAG of the config")
            continue
        try:
            found[dag_id] = checked_edit(target, values if isinstance(values, dict) else {})
        except ConfigError as e:
            problems.append(f"{path}: {e}: the config's schedule ({target.cron}) is in effect")
    return found, problems


def _with_edits(config: Config, edits: list[tuple[Schedulable, ScheduleEdit]]) -> Config:
    """A copy of the config with each edit's cron at its key and its retention by scope."""
    schedules = config.schedules.model_dump()
    modules, tenants = dict(config.modules), dict(config.tenancy.backups)
    exports, archive, scopes = dict(config.exports), config.archive, dict(config.retention.scopes)
    for target, edit in edits:
        cron = {"schedule": edit.cron}
        if target.kind == "full":
            schedules[target.dag_id] = edit.cron
        elif target.kind == "module":
            modules[target.scope] = modules[target.scope].model_copy(update=cron)
        elif target.kind == "tenant":
            tenants[target.scope] = tenants[target.scope].model_copy(update=cron)
        elif target.kind == "export":
            exports[target.scope] = exports[target.scope].model_copy(update=cron)
        else:
            archive = archive.model_copy(update=cron)
        if edit.retention is not None and target.retention_scope:
            scopes[target.retention_scope] = edit.retention
    return config.model_copy(
        update={
            "schedules": config.schedules.model_copy(update=schedules),
            "modules": modules,
            "tenancy": config.tenancy.model_copy(update={"backups": tenants}),
            "exports": exports,
            "archive": archive,
            "retention": config.retention.model_copy(update={"scopes": scopes}),
        }
    )


def apply_edits(config: Config) -> Config:
    """The config with the jobs added on the page and the page's edits over it;
    `config.edits` says which and what was left out. Never raises: a DAG file calls this
    when it is parsed."""
    from airvault.schedule_additions import read_added, with_added

    path = edits_path(config)
    where = str(path) if path else None
    try:
        raw, problems = read_overlay(path)
        taken = {s.dag_id for s in schedulables(config)}
        added, more = read_added(raw.get("added"), config, taken, path)
        merged = with_added(config, added).model_copy(
            update={"edits": AppliedEdits(path=where, added=added)}
        )
        known = {s.dag_id: s for s in schedulables(merged) if not s.added}
        found, even_more = read_edits(path, known, raw)
        problems += more + even_more
        edited = _with_edits(merged, [(known[d], e) for d, e in found.items()])
    except Exception as e:  # noqa: BLE001 (whatever it is, the config's schedules stand)
        added, found, edited = {}, {}, config
        problems = [f"{path}: cannot be applied: {str(e)[:200]}"]
    for problem in problems:
        log.warning("schedule edits: %s", problem)
    applied = AppliedEdits(path=where, edits=found, added=added, problems=problems)
    return edited.model_copy(update={"edits": applied})


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """One writer at a time (two api-server workers saving at once lose no edit)."""
    import fcntl

    with open(path.with_name(path.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def save_edit(config: Config, dag_id: str, edit: ScheduleEdit | None) -> Path:
    """Record `edit` of `dag_id` in the overlay (None: revert it to the config)."""
    if dag_id not in {s.dag_id for s in schedulables(config)}:
        raise ConfigError(f"'{dag_id[:100]}' is not a DAG whose schedule the config sets")

    def change(raw: dict) -> None:
        if edit is None:
            raw["edits"].pop(dag_id, None)
        else:
            raw["edits"][dag_id] = edit.model_dump(mode="json", exclude_none=True)

    return rewrite(config, change)


def rewrite(config: Config, change: Callable[[dict], None]) -> Path:
    """The overlay file changed by `change` (of its content), atomically: a reader sees the
    old file or the new one. An overlay that cannot be read is moved aside
    (…json.unreadable-<time>) rather than overwritten."""
    path = edits_path(config)
    if path is None:
        raise ConfigError(
            "schedule_edits is null in the config: schedules are changed in the config file only"
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    with _locked(path):
        raw: dict = {"version": VERSION, "edits": {}}
        if path.exists():
            try:
                raw = _read_raw(path)
            except (OSError, ValueError):
                stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
                os.replace(path, path.with_name(f"{path.name}.unreadable-{stamp}"))
        change(raw)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        with tmp.open("w") as f:
            json.dump(raw, f, indent=2, sort_keys=True)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    return path
