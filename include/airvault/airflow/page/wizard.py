"""The Backups page's restore wizard: what a backup offers to restore (its tables and the
config's modules), and how a `restore` run is getting on (each step's state, the plan, the
safety backup and the command that undoes the restore).

The run itself is started by POST /api/restore (backups_page.py): a dry run (`dry_run`, the
restore DAG's Param) stops after `plan`, whose return value is the plan this module reads.
Same rules as every endpoint of the page: an Airflow user, the right to trigger `restore`
for the options (only a restorer needs them), the right to read its runs for the progress,
and Airflow's REST API as the caller."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException
from fastapi.responses import Response

from airvault.airflow.page.backups_page import (
    CONFIRM_WORD,
    POINT_IN_TIME_DAG,
    User,
    _api,
    _folder,
    _in_copy,
    _may_see_values,
    _may_trigger,
    _require,
    _result_of,
    _root,
    _run_link,
)
from airvault.airflow.page.runs import failed_step, task_instances
from airvault.config import Config, load_config
from airvault.errors import AirvaultError

router = APIRouter()
SCRIPT = Path(__file__).with_name("restore_wizard.js")
RESTORE_DAG = "restore"
STEPS = ("verify", "plan", "safety_backup", "apply", "check")
MODES = ("replace", "merge", "new-database")  # the restore DAG's `mode` Param


@router.get("/restore_wizard.js")
def wizard_script(user: User) -> Response:
    """The wizard's script, which the page loads after its own (behind the same login)."""
    return Response(SCRIPT.read_text(), media_type="text/javascript")


@router.get("/api/restore/options", dependencies=[_may_trigger(RESTORE_DAG, "plan a restore")])
def restore_options(user: User, url: str, copy: str = "") -> dict:
    """What the wizard offers for one backup (read from the config's copy `copy` if named):
    its tables with their rows, the config's modules whose tables it holds, the modes, the
    targets and the copies (the restore DAG's Params)."""
    from airvault.storage.manifest import read_manifest

    config, root = _root()
    if copy:
        source = _in_copy(config, url, copy)
    else:
        source = root.child(_folder(config, root, url, ("backup", "upload")))
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


@router.get("/api/restore/{run_id}")
def restore_progress(user: User, run_id: str, dag: str = RESTORE_DAG) -> dict:
    """A restore run as the wizard follows it: its state and each step's, the plan once
    planned, then the safety backup (with the undo command) and what was applied and checked;
    for a failed run, the step that failed and why (the error text, which may quote rows,
    only for who may trigger the DAG). `dag`: restore or restore_point_in_time."""
    if dag not in (RESTORE_DAG, POINT_IN_TIME_DAG):
        raise HTTPException(404, f"not a restore DAG: {dag[:100]}")
    _require(user, dag, "GET")
    api, values, config = _api(user), _may_see_values(user, dag), load_config()
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
    done = {s: _result_of(api, RESTORE_DAG, run_id, s) for s in STEPS if states.get(s) == "success"}
    conf = run.get("conf") or {}
    safety = done.get("safety_backup") or {}
    return {
        "run_id": run_id,
        "state": run["state"],
        "link": _run_link(api, RESTORE_DAG, run_id),
        "dry_run": bool(conf.get("dry_run", True)),
        "mode": conf.get("mode", "replace"),
        "target": conf.get("target_conn_id"),
        "steps": [{"step": s, "state": states.get(s) or "none"} for s in STEPS],
        "plan": done.get("plan"),
        "restore_id": safety.get("restore_id"),
        "safety_backup": safety.get("url"),
        "undo": undo_command(safety["url"], config) if safety.get("url") else None,
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
    result = _result_of(api, POINT_IN_TIME_DAG, run_id, "restore") if state == "success" else None
    conf = run.get("conf") or {}
    dry_run = bool(conf.get("dry_run", True))
    restored = (result or {}).get("restore")
    safety = (restored or {}).get("safety_backup")
    return {
        "run_id": run_id,
        "state": run["state"],
        "link": _run_link(api, POINT_IN_TIME_DAG, run_id),
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
        "undo_keys": undo_keys(config),
        "applied": None if dry_run else restored,
        "check": None,
        "failure": failed_step(api, POINT_IN_TIME_DAG, run_id, tasks, values)
        if run["state"] == "failed"
        else None,
    }
