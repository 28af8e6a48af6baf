"""The Backups page's schedule editor (issue 30.4): each DAG whose schedule the config sets
(full, module and tenant backups, the archive, recurring exports) with its schedule from the
config or as edited on the page (who, when), an editor (preset or cron, time, time zone,
retention, on/off) and a revert to the config; and Run now for a DAG whose Params need values.

Edits are an overlay the DAG files read when they are parsed (airvault/schedule_edits.py: one
JSON file beside the config, its problems reported, never fatal). Saving one asks Airflow to
re-parse the DAG's file at once. On/off pauses or unpauses the DAG through Airflow's REST API
as the user, as the page's switch does.

Who may: reading, whoever may read the DAG; editing, reverting and running with values,
whoever may trigger runs of the DAG (Admin and Op; a viewer gets 403, no user 401), and
on/off also what pausing takes. Same rules as every endpoint of the page (auth.py)."""

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
    source: str  # "config" or "edit"
    edited_by: str | None = None
    edited_at: datetime | None = None
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
    from airvault.schedule_edits import schedulables

    edit = config.edits.edits.get(target.dag_id) if config.edits else None
    now = {s.dag_id: s for s in schedulables(config)}[target.dag_id]
    scope = target.retention_scope
    retention = config.retention.policy_for(target.kind, target.scope) if scope else None
    plain_rule = plain.retention.policy_for(target.kind, target.scope) if scope else None
    return Setting(
        dag_id=target.dag_id,
        name=target.name,
        kind=target.kind,
        key=target.key,
        config_cron=target.cron,
        config_retention=plain_rule,
        cron=now.cron,
        timezone=edit.timezone if edit else "UTC",
        preset=edit.preset if edit else ("cron" if target.cron else "manual"),
        retention=retention,
        retention_scope=scope,
        source="edit" if edit else "config",
        edited_by=edit.edited_by if edit else None,
        edited_at=edit.edited_at if edit else None,
        may_edit=bool(config.schedule_edits) and allowed(user, target.dag_id, "POST"),
    )


@router.get("/api/schedule-settings")
def schedule_settings(user: User) -> Settings:
    """Every schedulable DAG this user may read, as the config sets it and as in effect."""
    from airvault.schedule_edits import schedulables

    config, plain = _configs()
    targets = [t for t in schedulables(plain) if allowed(user, t.dag_id, "GET")]
    return Settings(
        settings=[_setting(t, config, plain, user) for t in targets],
        names={**DAG_NAMES, **{t.dag_id: t.name for t in schedulables(plain)}},
        problems=config.edits.problems if config.edits else [],
        editable=bool(config.schedule_edits),
        path=config.edits.path if config.edits else None,
    )


def _target(dag_id: str, user: User) -> Schedulable:
    """The schedulable DAG `dag_id` (404 else), once the user may trigger its runs (403)."""
    from airvault.schedule_edits import schedulables

    require(user, dag_id, "POST", "change its schedule")
    _, plain = _configs()
    found = {t.dag_id: t for t in schedulables(plain)}.get(dag_id)
    if found is None:
        raise HTTPException(404, f"'{dag_id[:100]}' is not a DAG whose schedule the config sets")
    return found


def _apply(user: User, dag_id: str, enabled: bool | None) -> list[str]:
    """Airflow's side of a saved edit, as the user: on / off, then a re-parse of the DAG's
    file now rather than at the dag-processor's next pass. What failed is said, not raised:
    the edit is saved either way."""
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


@router.post("/api/schedule-settings/{dag_id}", response_model=SettingSaved)
def edit_schedule(user: User, dag_id: str, form: ScheduleForm) -> dict:
    """Save an edit of `dag_id`'s schedule (400 naming the field and the config key when the
    cron, the time zone or the retention is not valid: the config's own rules)."""
    from airvault.schedule_edits import checked_edit, preset_cron, save_edit

    target = _target(dag_id, user)
    if not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", form.time):
        raise HTTPException(
            400, f"{dag_id}: time: {form.time[:20]!r} is not HH:MM (00:00 to 23:59)"
        )
    _, plain = _configs()
    values = {
        "preset": form.preset,
        "cron": preset_cron(form.preset, form.time, form.weekday, form.day, form.cron),
        "timezone": form.timezone,
        "retention": form.retention,
        "edited_by": user.get_name(),
        "edited_at": datetime.now(UTC),
    }
    if form.preset == "cron" and not form.cron:
        raise HTTPException(400, f"{dag_id} ({target.key}): cron: give a cron expression")
    try:
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
    _, plain = _configs()
    try:
        save_edit(plain, dag_id, None)
    except AirvaultError as e:
        raise HTTPException(400, str(e)) from None
    notes = _apply(user, dag_id, None)
    config, plain = _configs()
    return {"setting": _setting(target, config, plain, user), "notes": notes}


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
