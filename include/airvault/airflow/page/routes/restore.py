"""The Backups page's restores and their wizard: what a backup offers to restore (its tables and the
config's modules), and how a `restore` run is getting on (each step's state, the plan, the
safety backup and the command that undoes the restore).

The run itself is started by POST /api/restore (below): a dry run (`dry_run`, the
restore DAG's Param) stops after `plan`, whose return value is the plan this module reads.
Same rules as every endpoint of the page: an Airflow user, the right to trigger `restore`
for the options (only a restorer needs them), the right to read its runs for the progress,
and Airflow's REST API as the caller."""

from __future__ import annotations

import shlex
from typing import Any

from fastapi import APIRouter, HTTPException
from fastapi.responses import Response
from pydantic import BaseModel, Field

from airvault.airflow.page.auth import User, may_see_values, may_trigger, require
from airvault.airflow.page.calls import as_caller, result_of, run_link, trigger
from airvault.airflow.page.models import RestoreOptions, RestoreProgress, Triggered
from airvault.airflow.page.runs import failed_step, task_instances
from airvault.airflow.page.storage import ASSETS, folder, in_copy, storage_root
from airvault.config import Config, load_config
from airvault.errors import AirvaultError
from airvault.restore.request import module_tables, restore_request

router = APIRouter()
SCRIPT = ASSETS / "restore_wizard.js"
RESTORE_DAG = "restore"
POINT_IN_TIME_DAG = "restore_point_in_time"
CONFIRM_WORD = "RESTORE"
STEPS = ("verify", "plan", "safety_backup", "apply", "check")
MODES = ("replace", "merge", "new-database")  # the restore DAG's `mode` Param


class RestoreForm(BaseModel):
    """The wizard's choices; checked as a RestoreRequest (restore/request.py), as the CLI's
    flags and the operators' arguments are, before any run is made."""

    url: str
    mode: str = "replace"
    tables: str = ""
    module: str = ""
    owner_map: str = ""  # new-database: OLD=NEW pairs, comma-separated
    allow_cascade: bool = False
    target_conn_id: str = ""  # empty: connections.app_db
    dry_run: bool = True
    confirm: str = ""
    until: str = ""  # a point in time after the backup (restore_point_in_time); empty: none
    tenant: str = ""  # with until: only this tenant's rows
    # "copy": read the backup from this copy of the config (`copies`); empty: the root
    from_copy: str = Field("", alias="copy")


@router.post("/api/restore", response_model=Triggered, dependencies=[may_trigger(RESTORE_DAG)])
def restore(user: User, body: RestoreForm) -> dict:
    """A dry run (the default) plans; applying needs confirm = RESTORE, as the DAG does."""
    config, root = storage_root()
    if not body.dry_run and body.confirm != CONFIRM_WORD:
        raise HTTPException(400, f"type {CONFIRM_WORD} to confirm the restore")
    if body.from_copy and body.until:
        raise HTTPException(400, "a point in time restores from the storage root, not a copy")
    source = (
        in_copy(config, body.url, body.from_copy).url
        if body.from_copy
        else root.url_of(folder(config, root, body.url, ("backup", "upload")))
    )
    target = body.target_conn_id or config.connections.app_db
    targets = config.restore_targets()
    if target not in targets:
        raise HTTPException(
            400, f"'{target[:100]}' is not a restore target of the config: {', '.join(targets)}"
        )
    if body.module and body.module not in config.modules:
        raise HTTPException(400, f"'{body.module[:100]}' is not a module of the config")
    try:
        chosen = [t.strip() for t in body.tables.split(",") if t.strip()]  # as the DAG splits
        request = restore_request(
            source,
            body.mode,
            chosen,
            module_tables(config, body.module),
            body.owner_map,
            allow_cascade=body.allow_cascade,
            until=body.until or None,
            tenant=body.tenant or None,
        )
    except AirvaultError as e:
        raise HTTPException(400, str(e)) from None
    conf = {
        "backup_url": request.source,
        "mode": request.mode,
        "tables": body.tables,
        "module": body.module,
        "allow_cascade": request.allow_cascade,
        "target_conn_id": target,
        "dry_run": body.dry_run,
        "confirm": body.confirm,
    }
    if body.from_copy:  # (a Param of the restore DAG only)
        conf["copy"] = body.from_copy
    if request.owner_map:  # (a Param of both restore DAGs)
        conf["owner_map"] = ",".join(f"{a}={b}" for a, b in request.owner_map.items())
    if body.until:  # the base plus its captured changes: a DAG of its own, the same rules
        from airvault.capture.replay import parse_point

        try:
            parse_point(body.until)
        except AirvaultError as e:
            raise HTTPException(400, str(e)) from None
        conf.update(until=body.until, tenant=body.tenant)
        return {**trigger(user, POINT_IN_TIME_DAG, conf), "dag_id": POINT_IN_TIME_DAG}
    if body.tenant:
        raise HTTPException(
            400, "a tenant goes with a point in time (a tenant backup restores its tenant)"
        )
    return {**trigger(user, "restore", conf), "dag_id": "restore"}


@router.get("/restore_wizard.js")
def wizard_script(user: User) -> Response:
    """The wizard's script, which the page loads after its own (behind the same login)."""
    return Response(SCRIPT.read_text(), media_type="text/javascript")


@router.get(
    "/api/restore/options",
    response_model=RestoreOptions,
    dependencies=[may_trigger(RESTORE_DAG, "plan a restore")],
)
def restore_options(user: User, url: str, copy: str = "") -> dict:
    """What the wizard offers for one backup (read from the config's copy `copy` if named):
    its tables with their rows, the config's modules whose tables it holds, the modes, the
    targets and the copies (the restore DAG's Params)."""
    from airvault.storage.manifest import read_manifest

    config, root = storage_root()
    if copy:
        source = in_copy(config, url, copy)
    else:
        source = root.child(folder(config, root, url, ("backup", "upload")))
    try:
        manifest = read_manifest(source)
    except AirvaultError as e:
        raise HTTPException(400, str(e)) from None
    tables: list[dict[str, Any]] = [{"table": t.qualified, "rows": t.rows} for t in manifest.tables]
    held = {t["table"] for t in tables} | {t["table"].split(".", 1)[1] for t in tables}
    modules = [
        {"module": name, "tables": m.tables}
        for name, m in config.modules.items()
        if set(m.tables) <= held
    ]
    return {
        "url": source.url,
        "label": manifest.label,
        "kind": manifest.kind,
        "scope": manifest.scope,
        "tables": tables,
        "modules": modules,
        "modes": list(MODES),
        "targets": config.restore_targets(),
        "copies": sorted(config.copies),  # what `copy` may name
        "copy": copy,
        "confirm_word": CONFIRM_WORD,
        "point_in_time": None if copy else _reach(root, manifest),
    }


def _reach(root, manifest) -> dict | None:
    """How far point-in-time restores from this backup reach (storage only), or why they
    cannot; None for a backup taken without change capture."""
    from airvault.capture.segments import read_chain

    capture = manifest.capture
    if capture is None:
        return None
    try:
        segments = read_chain(root, capture.slot).for_base(capture.lsn)
    except AirvaultError as e:
        return {"slot": capture.slot, "problem": str(e)}
    return {
        "slot": capture.slot,
        "from": manifest.started_at,
        "segments": len(segments),
        "covered_until": segments[-1].covered_until if segments else None,
    }


def undo_command(safety_url: str, config: Config) -> str:
    """What puts the target back as it was before the restore: its safety backup restored
    with replace, by the CLI (which works with Airflow down), from any folder: the config
    (storage root, where the undo's own safety backup goes) named by its full path."""
    source = f"AIRVAULT_CONFIG={shlex.quote(str(config.source))} " if config.source else ""
    return (
        f"{source}airvault restore --from {shlex.quote(safety_url)} --mode replace "
        '--dsn "$TARGET_DSN"'
    )


def undo_script(safety_url: str, target: str, config: Config) -> str:
    """The undo as a shell runs it, from any folder, where Airflow's CLI reads this
    installation's connections (its api-server and scheduler need not run): the target
    database and the keys taken from their Airflow connections, named by id, then
    undo_command. Without a terminal the restore asks for --yes (or --dry-run)."""
    from airvault.storage.signing import SIGNING_CONNECTION, SIGNING_ENV

    lines = [f'TARGET_DSN="$({_from_connection(target, "get_uri")})"']
    lines.append(f'export {SIGNING_ENV}="$({_from_connection(SIGNING_CONNECTION, "password")})"')
    if config.encryption.enabled:
        key = _from_connection(config.encryption.key_connection, "password")
        lines.append(f'export AIRVAULT_ENCRYPTION_KEY="$({key})"')
    return "\n".join([*lines, undo_command(safety_url, config)])


def _from_connection(conn_id: str, field: str) -> str:
    """A shell command printing one field of an Airflow connection (`airflow connections get`
    reads it wherever Airflow keeps it: environment, secrets backend or metadata database)."""
    pick = f'import json, sys; print(json.load(sys.stdin)[0]["{field}"])'  # (no ' to quote)
    return (
        f"airflow connections get {shlex.quote(conn_id)} -o json | python3 -c {shlex.quote(pick)}"
    )


def undo_keys(config: Config) -> str:
    """Where the keys the CLI needs for the undo come from, in words."""
    from airvault.storage.signing import SIGNING_CONNECTION, SIGNING_ENV

    keys = [
        f"the signing key in ${SIGNING_ENV} (or a file named by ${SIGNING_ENV}_FILE): the "
        f"password of the Airflow connection '{SIGNING_CONNECTION}'"
    ]
    if config.encryption.enabled:
        keys.append(
            "the encryption key in $AIRVAULT_ENCRYPTION_KEY: the password of the "
            f"Airflow connection '{config.encryption.key_connection}'"
        )
    return "; ".join(keys)


@router.get("/api/restore/{run_id}", response_model=RestoreProgress)
def restore_progress(user: User, run_id: str, dag: str = RESTORE_DAG) -> dict:
    """A restore run as the wizard follows it: its state and each step's, the plan once
    planned, then the safety backup (with the undo command) and what was applied and checked;
    for a failed run, the step that failed and why (the error text, which may quote rows,
    only for who may trigger the DAG). `dag`: restore or restore_point_in_time."""
    if dag not in (RESTORE_DAG, POINT_IN_TIME_DAG):
        raise HTTPException(404, f"not a restore DAG: {dag[:100]}")
    require(user, dag, "GET")
    api, values, config = as_caller(user), may_see_values(user, dag), load_config()
    if dag == POINT_IN_TIME_DAG:
        return _point_in_time_progress(api, run_id, values, config)
    try:
        run = api.run(RESTORE_DAG, run_id)
        tasks = task_instances(api, RESTORE_DAG, run_id)
    except AirvaultError as e:
        raise HTTPException(404 if "404" in str(e) else 502, str(e)) from None
    states = {t["task_id"]: t["state"] for t in tasks}
    in_order = sorted(
        tasks, key=lambda t: STEPS.index(t["task_id"]) if t["task_id"] in STEPS else 99
    )
    # a step's result only once it succeeded (XComs of a skipped step do not exist)
    done = {s: result_of(api, RESTORE_DAG, run_id, s) for s in STEPS if states.get(s) == "success"}
    conf = run.get("conf") or {}
    safety = done.get("safety_backup") or {}
    return {
        "run_id": run_id,
        "state": run["state"],
        "link": run_link(api, RESTORE_DAG, run_id),
        "dry_run": bool(conf.get("dry_run", True)),
        "mode": conf.get("mode", "replace"),
        "target": conf.get("target_conn_id"),
        "steps": [{"step": s, "state": states.get(s) or "none"} for s in STEPS],
        "plan": done.get("plan"),
        "restore_id": safety.get("restore_id"),
        "safety_backup": safety.get("url"),
        "undo": undo_command(safety["url"], config) if safety.get("url") else None,
        "undo_script": undo_script(
            safety["url"], conf.get("target_conn_id") or config.connections.app_db, config
        )
        if safety.get("url")
        else None,
        "undo_keys": undo_keys(config),
        "applied": done.get("apply"),
        "check": done.get("check"),
        "failure": failed_step(api, RESTORE_DAG, run_id, in_order, values)
        if run["state"] == "failed"
        else None,
    }


def _point_in_time_progress(api, run_id: str, values: bool, config: Config) -> dict:
    """The same shape for a restore_point_in_time run (one task, `restore`): the replay of the
    changes, and the plan or what was applied (the restore of the point)."""
    try:
        run = api.run(POINT_IN_TIME_DAG, run_id)
        tasks = task_instances(api, POINT_IN_TIME_DAG, run_id)
    except AirvaultError as e:
        raise HTTPException(404 if "404" in str(e) else 502, str(e)) from None
    state = next((t["state"] for t in tasks if t["task_id"] == "restore"), None) or "none"
    result = result_of(api, POINT_IN_TIME_DAG, run_id, "restore") if state == "success" else None
    conf = run.get("conf") or {}
    dry_run = bool(conf.get("dry_run", True))
    restored = (result or {}).get("restore")
    safety = (restored or {}).get("safety_backup")
    return {
        "run_id": run_id,
        "state": run["state"],
        "link": run_link(api, POINT_IN_TIME_DAG, run_id),
        "dry_run": dry_run,
        "mode": conf.get("mode", "replace"),
        "target": conf.get("target_conn_id"),
        "until": conf.get("until"),
        "steps": [{"step": "restore", "state": state}],
        "replay": (result or {}).get("replay"),
        "plan": restored if dry_run else None,
        "restore_id": (restored or {}).get("restore_id"),
        "safety_backup": safety,
        "undo": undo_command(safety, config) if safety else None,
        "undo_script": undo_script(
            safety, conf.get("target_conn_id") or config.connections.app_db, config
        )
        if safety
        else None,
        "undo_keys": undo_keys(config),
        "applied": None if dry_run else restored,
        "check": None,
        "failure": failed_step(api, POINT_IN_TIME_DAG, run_id, tasks, values)
        if run["state"] == "failed"
        else None,
    }
