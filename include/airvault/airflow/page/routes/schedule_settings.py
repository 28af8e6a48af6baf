"""The Backups page's schedule editor (issue 30.4): each DAG whose schedule the config sets
(full, module and tenant backups, the archive, recurring exports) with its schedule from the
config or as edited on the page (who, when), an editor (preset or cron, time, time zone,
retention, on/off) and a revert to the config; new scheduled jobs (a module or tenant
backup, an archive, a recurring export) added and removed; and Run now for a DAG whose Params
need values.

Edits and added jobs are an overlay the DAG files read when they are parsed
(airvault/schedule_edits.py, schedule_additions.py: one JSON file beside the config, its
problems reported, never fatal). Saving one asks Airflow to re-parse the DAG's file at once
(a new DAG's: through a DAG its file already makes). On/off pauses or unpauses the DAG through Airflow's REST API
as the user, as the page's switch does.

Who may: reading, whoever may read the DAG; editing, reverting and running with values,
whoever may trigger runs of the DAG (Admin and Op; a viewer gets 403, no user 401), and
on/off also what pausing takes; adding or removing a job, whoever may trigger runs of its DAG
(of the DAG id it gets). Same rules as every endpoint of the page (auth.py)."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, HTTPException
from fastapi.responses import Response
from pydantic import BaseModel, Field

from airvault.airflow.page.auth import User, allowed, require
from airvault.airflow.page.calls import as_caller, trigger
from airvault.airflow.page.models import Triggered
from airvault.airflow.page.routes.schedules import airvault_dag
from airvault.airflow.page.storage import ASSETS
from airvault.config import RetentionRule
from airvault.errors import AirvaultError
from airvault.schedule_additions import AddedKind, AddedSchedule
from airvault.schedule_edits import Preset, Schedulable

router = APIRouter()
SCRIPT = ASSETS / "schedules.js"

# what people call the DAGs that no config key schedules (the others: schedule_edits.py)
DAG_NAMES = {
    "restore": "Restore",
    "restore_point_in_time": "Restore to a point in time",
    "verify_backup": "Verify a backup",
    "backup_diff": "Compare two backups",
    "restore_drill": "Restore drill",
    "backup_health": "Backup health check",
    "retention_cleanup": "Retention cleanup",
    "change_capture": "Change capture",
    "export": "Export",
    "import": "Import a CSV",
    "import_incoming": "Import incoming files",
}


class ScheduleForm(BaseModel):
    """The editor's fields: a preset at a time, or a cron; both read in `timezone`. Checked
    by the config's rules when saved (400 naming the field), not by this model's types."""

    preset: Preset = "daily"
    time: str = "02:00"  # HH:MM (hourly: its minutes)
    weekday: int = Field(0, ge=0, le=6)  # weekly: 0 = Sunday
    day: int = Field(1, ge=1, le=28)  # monthly: a day every month has
    cron: str | None = None  # preset "cron"
    timezone: str = "UTC"
    # backups only, as retention.policies: keep_last, keep_days, daily ... minimum_good;
    # None: the config's
    retention: dict[str, Any] | None = None
    enabled: bool | None = None  # on / off (pause); None: as it is


class Setting(BaseModel):
    """One DAG's schedule: the config's, the one in effect and where it comes from."""

    dag_id: str
    name: str
    kind: str
    key: str  # the config key of its schedule
    config_cron: str | None
    config_retention: RetentionRule | None
    cron: str | None  # in effect
    timezone: str
    preset: str
    retention: RetentionRule | None  # in effect (None: not a backup, or no rule)
    retention_scope: str | None  # kind/scope: what the rule applies to
    source: str  # "config", "edit" (of the config's) or "added" (a job added on the page)
    edited_by: str | None = None
    edited_at: datetime | None = None
    added_by: str | None = None
    added_at: datetime | None = None
    may_edit: bool = False


class SettingSaved(BaseModel):
    """An edit or revert saved: the DAG's schedule now, and what Airflow was asked."""

    setting: Setting
    notes: list[str]


class RunParams(BaseModel):
    """What Run now asks for a DAG whose Params need values, and Airflow's own form."""

    dag_id: str
    params: list[dict[str, Any]]
    form: str


class Settings(BaseModel):
    settings: list[Setting]
    names: dict[str, str]  # every airvault DAG id -> its name on the page
    problems: list[str]  # what of the overlay is not in effect, and why
    editable: bool  # the config lets the page edit (schedule_edits is not null)
    path: str | None
    modules: list[str]  # what a new module backup may back up (the config's modules)
    may_add: bool  # this user may add jobs (the right to trigger backup DAGs)


class NewSchedule(ScheduleForm):
    """A job to add: its kind, a name for its DAG id (<kind's prefix><name>), the fields of
    its kind, and its schedule as the editor gives one."""

    kind: AddedKind
    name: str = Field(max_length=100)
    module: str | None = None  # module backup
    tenant: str | None = None  # tenant backup: the tenant's id
    dataset: str | None = None  # export: a module or a declared table
    format: str = "csv"  # export
    readable: bool = True  # export
    export_timezone: str = "UTC"  # export: its local times


class RunForm(BaseModel):
    conf: dict[str, Any] = {}


class ParamField(BaseModel):
    name: str
    value: Any = None
    schema_: dict = Field({}, alias="schema")
    description: str | None = None
    required: bool


def _configs():
    """The config in effect (edits applied) and the file's own."""
    from airvault.config import load_config

    try:
        return load_config(), load_config(edits=False)
    except AirvaultError as e:
        raise HTTPException(500, f"airvault's config cannot be used: {e}") from None


def _setting(target: Schedulable, config, plain, user) -> Setting:
    """`target` (a schedulable DAG) as the editor shows it in `config` (the config in effect,
    read again after a save), beside what the config file (`plain`) says of it."""
    from airvault.schedule_edits import schedulables

    edit = config.edits.edits.get(target.dag_id) if config.edits else None
    added: AddedSchedule | None = config.edits.added.get(target.dag_id) if config.edits else None
    own = {s.dag_id: s for s in schedulables(plain)}.get(target.dag_id)
    target = {s.dag_id: s for s in schedulables(config)}.get(target.dag_id, target)  # as now
    scope = target.retention_scope
    retention = config.retention.policy_for(target.kind, target.scope) if scope else None
    plain_rule = plain.retention.policy_for(target.kind, target.scope) if scope else None
    chosen = edit or added
    return Setting(
        dag_id=target.dag_id,
        name=target.name,
        kind=target.kind,
        key=target.key,
        config_cron=own.cron if own else None,
        config_retention=plain_rule,
        cron=target.cron,
        timezone=chosen.timezone if chosen else "UTC",
        preset=chosen.preset if chosen else ("cron" if target.cron else "manual"),
        retention=retention,
        retention_scope=scope,
        source="added" if added else "edit" if edit else "config",
        edited_by=edit.edited_by if edit else added.edited_by if added else None,
        edited_at=edit.edited_at if edit else added.edited_at if added else None,
        added_by=added.added_by if added else None,
        added_at=added.added_at if added else None,
        may_edit=bool(config.schedule_edits) and allowed(user, target.dag_id, "POST"),
    )


@router.get("/api/schedule-settings")
def schedule_settings(user: User) -> Settings:
    """Every schedulable DAG this user may read, as the config sets it and as in effect."""
    from airvault.schedule_edits import schedulables

    config, plain = _configs()
    targets = [t for t in schedulables(config) if allowed(user, t.dag_id, "GET")]
    return Settings(
        settings=[_setting(t, config, plain, user) for t in targets],
        names={**DAG_NAMES, **{t.dag_id: t.name for t in schedulables(config)}},
        problems=config.edits.problems if config.edits else [],
        editable=bool(config.schedule_edits),
        path=config.edits.path if config.edits else None,
        modules=sorted(config.modules),
        may_add=bool(config.schedule_edits) and allowed(user, "full_backup_daily", "POST"),
    )


def _target(dag_id: str, user: User) -> Schedulable:
    """The schedulable DAG `dag_id` (404 else), once the user may trigger its runs (403)."""
    from airvault.schedule_edits import schedulables

    require(user, dag_id, "POST", "change its schedule")
    config, _ = _configs()
    found = {t.dag_id: t for t in schedulables(config)}.get(dag_id)
    if found is None:
        raise HTTPException(404, f"'{dag_id[:100]}' is not a DAG whose schedule the config sets")
    return found


def _apply(user: User, dag_id: str, enabled: bool | None) -> list[str]:
    """Airflow's side of a saved edit, as the user: on / off, then a re-parse of the DAG's
    file now rather than at the dag-processor's next pass (a new DAG: `dag_id` is a DAG its
    file already makes). What failed is said, not raised: the edit is saved either way."""
    api = as_caller(user)
    notes = []
    if enabled is not None:
        if not allowed(user, dag_id, "PUT", entity=None):
            notes.append(f"user '{user.get_name()}' may not pause or unpause {dag_id}")
        else:
            try:
                api.set_paused(dag_id, not enabled)
            except AirvaultError as e:
                notes.append(str(e))
    try:
        token = api._call("GET", f"/api/v2/dags/{dag_id}/details")["file_token"]
        api._call("PUT", f"/api/v2/parseDagFile/{token}")
    except (AirvaultError, KeyError) as e:
        notes.append(f"Airflow will read the new schedule at its next parse ({e})")
    return notes


def _schedule_values(form: ScheduleForm, where: str) -> dict:
    """The editor's schedule as the overlay keeps it (preset, cron, time zone, retention);
    400 naming `where` and the field when the time or the cron is missing or not one."""
    from airvault.schedule_edits import preset_cron

    if not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", form.time):
        raise HTTPException(400, f"{where}: time: {form.time[:20]!r} is not HH:MM (00:00 to 23:59)")
    if form.preset == "cron" and not form.cron:
        raise HTTPException(400, f"{where}: cron: give a cron expression")
    return {
        "preset": form.preset,
        "cron": preset_cron(form.preset, form.time, form.weekday, form.day, form.cron),
        "timezone": form.timezone,
        "retention": form.retention,
    }


def _taken(config) -> set[str]:
    """The DAG ids a new job may not take: every schedulable DAG's and airvault's own."""
    from airvault.schedule_edits import schedulables

    return {t.dag_id for t in schedulables(config)} | set(DAG_NAMES)


def _resave_added(config, dag_id: str, values: dict) -> None:
    """A job added on the page with a new schedule (checked as when it was added)."""
    from airvault.schedule_additions import checked_added, save_added

    before = config.edits.added[dag_id].model_dump(exclude_none=True)
    checked = checked_added(config, before | values, _taken(config) - {dag_id})
    save_added(config, checked)


@router.post("/api/schedule-settings/{dag_id}", response_model=SettingSaved)
def edit_schedule(user: User, dag_id: str, form: ScheduleForm) -> dict:
    """Save an edit of `dag_id`'s schedule (400 naming the field and the config key when the
    cron, the time zone or the retention is not valid: the config's own rules)."""
    from airvault.schedule_edits import checked_edit, save_edit

    target = _target(dag_id, user)
    values = _schedule_values(form, f"{dag_id} ({target.key})")
    values |= {"edited_by": user.get_name(), "edited_at": datetime.now(UTC)}
    config, plain = _configs()
    try:
        if target.added:  # a job added on the page: its own entry takes the new schedule
            _resave_added(config, dag_id, values)
        else:
            save_edit(plain, dag_id, checked_edit(target, values))
    except AirvaultError as e:
        raise HTTPException(400, str(e)) from None
    notes = _apply(user, dag_id, form.enabled)
    config, plain = _configs()
    return {"setting": _setting(target, config, plain, user), "notes": notes}


@router.post("/api/schedule-settings/{dag_id}/revert", response_model=SettingSaved)
def revert_schedule(user: User, dag_id: str) -> dict:
    """Drop the page's edit of `dag_id`: the config's schedule and retention again."""
    from airvault.schedule_edits import save_edit

    target = _target(dag_id, user)
    if target.added:
        raise HTTPException(400, f"{dag_id} was added on the page: remove it instead")
    _, plain = _configs()
    try:
        save_edit(plain, dag_id, None)
    except AirvaultError as e:
        raise HTTPException(400, str(e)) from None
    notes = _apply(user, dag_id, None)
    config, plain = _configs()
    return {"setting": _setting(target, config, plain, user), "notes": notes}


# the DAG whose file makes a new job's DAG (its re-parse is asked through it)
def _sibling(config, added: AddedSchedule) -> str:
    if added.kind == "tenant":  # any tenant backup DAG of the config, else the next parse
        return next(iter(f"tenant_backup_{n}" for n in config.tenancy.backups), added.dag_id)
    return {"module": f"module_backup_{added.module}", "archive": "pg_dump_archive"}.get(
        added.kind, "export"
    )


@router.post("/api/schedule-settings", response_model=SettingSaved)
def add_schedule(user: User, form: NewSchedule) -> dict:
    """Add a new scheduled job (a module or tenant backup, an archive, a recurring export):
    400 naming the field when it is not valid by the config's rules (a cron, a time zone, a
    declared module, an exportable dataset, a DAG id not taken). Its DAG appears once
    Airflow has re-read its file (seconds), paused or not as Airflow's
    dags_are_paused_at_creation says (airvault's deployments: not paused)."""
    from airvault.schedule_additions import PREFIX

    dag_id = f"{PREFIX[form.kind]}{form.name}"
    require(user, dag_id, "POST", "add a schedule")
    values = _schedule_values(form, f"{dag_id[:100]} (added on the page)")
    fields = ("kind", "name", "module", "tenant", "dataset", "format", "readable")
    values |= form.model_dump(include=set(fields), exclude_none=True)
    if form.kind == "export":
        values["export_timezone"] = form.export_timezone
    else:  # an export's fields on another kind are not sent by the page: not refused either
        values = {k: v for k, v in values.items() if k not in ("format", "readable")}
    return add_job(user, dag_id, values)


def add_job(user: User, dag_id: str, values: dict) -> dict:
    """Add the job `values` describe (its DAG: `dag_id`, which the user may trigger), as the
    user, now; its DAG's file re-read. A SettingSaved, or 400 naming the field."""
    from airvault.schedule_additions import checked_added, save_added
    from airvault.schedule_edits import schedulables

    require(user, dag_id, "POST", "add a schedule")
    config, plain = _configs()
    values = values | {"added_by": user.get_name(), "added_at": datetime.now(UTC)}
    try:
        added = checked_added(config, values, _taken(config))
        save_added(plain, added)
    except AirvaultError as e:
        raise HTTPException(400, str(e)) from None
    notes = _apply(user, _sibling(config, added), None)
    config, plain = _configs()
    target = next(t for t in schedulables(config) if t.dag_id == dag_id)
    return {"setting": _setting(target, config, plain, user), "notes": notes}


@router.post("/api/schedule-settings/{dag_id}/remove", response_model=SettingSaved)
def remove_schedule(user: User, dag_id: str) -> dict:
    """Remove a job added on the page (a schedule of the config file is removed there: 400):
    its file is re-read, then its DAG is deleted from Airflow as the user, so it goes now
    rather than when Airflow finds it stale (minutes later). Its run history in Airflow goes
    with it; the backups it took stay in storage."""
    from airvault.schedule_additions import remove_added

    target = _target(dag_id, user)
    config, plain = _configs()
    before = _setting(target, config, plain, user)
    try:
        remove_added(config, dag_id)
    except AirvaultError as e:
        raise HTTPException(400, str(e)) from None
    notes = _apply(user, dag_id, None)  # through its own file token, while it still has one
    try:
        as_caller(user)._call("DELETE", f"/api/v2/dags/{dag_id}")
    except AirvaultError as e:
        notes.append(f"its DAG goes when Airflow finds it stale, in a minute or two ({e})")
    return {"setting": before, "notes": notes}


@router.get("/api/schedules/{dag_id}/params", response_model=RunParams)
def run_params(user: User, dag_id: str) -> dict:
    """The Params of an airvault DAG (its form): each one's default, schema and whether a run
    needs a value for it (its default does not satisfy its own schema)."""
    import jsonschema  # type: ignore[import-untyped]

    require(user, dag_id, "POST")
    api = as_caller(user)
    airvault_dag(api, dag_id)
    try:
        params = api._call("GET", f"/api/v2/dags/{dag_id}/details").get("params") or {}
    except AirvaultError as e:
        raise HTTPException(502, str(e)) from None
    fields = [
        ParamField(
            name=name,
            value=p.get("value"),
            schema=p.get("schema") or {},
            description=p.get("description"),
            required=not jsonschema.Draft7Validator(p.get("schema") or {}).is_valid(p.get("value")),
        )
        for name, p in params.items()
        if isinstance(p, dict)
    ]
    return {
        "dag_id": dag_id,
        "params": [f.model_dump(by_alias=True) for f in fields],
        "form": f"{api.url}/dags/{dag_id}",  # Airflow's own Trigger form
    }


@router.post("/api/schedules/{dag_id}/trigger", response_model=Triggered)
def run_with(user: User, dag_id: str, body: RunForm) -> dict:
    """Run an airvault DAG now with values for its Params (Airflow checks them against the
    Params' schemas, as its own form does); a name that is not a Param is refused."""
    require(user, dag_id, "POST")
    api = as_caller(user)
    airvault_dag(api, dag_id)
    try:
        known = set(api._call("GET", f"/api/v2/dags/{dag_id}/details").get("params") or {})
    except AirvaultError as e:
        raise HTTPException(502, str(e)) from None
    if unknown := sorted(set(body.conf) - known):
        raise HTTPException(400, f"{dag_id} has no Param {', '.join(unknown)[:200]}")
    return trigger(user, dag_id, body.conf)


@router.get("/schedules.js")
def schedules_script(user: User) -> Response:
    """The Schedules section's script, loaded by the page after its own (behind the login)."""
    return Response(SCRIPT.read_text(), media_type="text/javascript")
