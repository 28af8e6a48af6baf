"""The Backups page itself and its history: the page (HTML), the list of backups, archives and
exports, and what is done to one backup from the list (download links, verify, compare two,
back up now) and how such a run is getting on."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException
from fastapi.responses import HTMLResponse
from pydantic import BaseModel

from airvault.airflow.page.auth import User, allowed, may_trigger, require
from airvault.airflow.page.calls import as_caller, result_of, run_link, trigger
from airvault.airflow.page.models import (
    BackupList,
    BackupNaming,
    Links,
    RunState,
    Target,
    Triggered,
)
from airvault.airflow.page.storage import ASSETS, JOB_RESULT, folder, storage_root
from airvault.errors import AirvaultError

router = APIRouter()
PAGE = ASSETS / "backups_page.html"
BACKUP_DAG = "full_backup_daily"
DIFF_DAG = "backup_diff"


@router.get("/", response_class=HTMLResponse)
def page(user: User) -> str:
    return PAGE.read_text()


@router.get("/api/backups", response_model=BackupList)
def backups(user: User, kind: str | None = None, scope: str | None = None) -> dict:
    from airvault.airflow.hook import AirvaultHook
    from airvault.exchange.datasets import is_declared
    from airvault.exchange.exports import list_exports
    from airvault.ops.health import drill_summaries
    from airvault.ops.inventory import inventory

    require(user, "restore", "GET")
    config, root = storage_root()
    # each row's `copies`: copy name -> ok / incomplete / missing (ops/copies.py)
    found, incomplete = inventory(root, copies=AirvaultHook(config=config).copy_sites())
    kinds = sorted({r.kind for r in found})
    scopes = sorted({r.scope for r in found})
    drills: dict[str, dict] = {}
    for d in drill_summaries(root):  # newest first: a backup's last drill (ok, RTO, when)
        drills.setdefault(
            d.backup_id or "",
            {"ok": d.ok, "rto_s": d.rto_s, "drilled_at": (d.drilled_at or "")[:40] or None},
        )
    rows = [
        {**r.to_json(), "drill": drills.get(r.id) if r.type == "backup" else None}
        for r in found
        if (not kind or r.kind == kind) and (not scope or r.scope == scope)
    ]
    exports = [
        # an export of what is no longer (or never was) a declared dataset: no file link
        {
            **e,
            "declared": (ok := is_declared(config, e["table"])),
            "file": e["file"] if ok and e["file"] and JOB_RESULT.fullmatch(e["file"]) else None,
        }
        for e in list_exports(root)
        if JOB_RESULT.fullmatch(e["report"])  # what /api/jobs/download serves
    ]
    targets = config.restore_targets()
    return {
        "storage": root.url,
        "backups": rows,
        "incomplete": incomplete,
        "kinds": kinds,
        "copies": sorted(config.copies),
        "exports": exports,
        "scopes": scopes,
        "user": user.get_name(),
        "restore_targets": targets,
        "upload_max_mb": config.uploads.max_mb,
        # which action controls the page shows this user (each action checks again)
        "may": {
            "restore": allowed(user, "restore", "POST"),
            "backup": allowed(user, BACKUP_DAG, "POST"),
            "verify": allowed(user, "verify_backup", "POST"),
            "diff": allowed(user, DIFF_DAG, "POST"),
            "import": allowed(user, "import", "POST"),
            "export": allowed(user, "export", "POST"),
            "delete": allowed(user, "retention_cleanup", "POST"),
        },
    }


@router.post(
    "/api/link",
    response_model=Links,
    dependencies=[may_trigger("restore", "download backups")],
)
def link(user: User, target: Target) -> dict:
    """Signed links to the files of ONE backup or archive folder (not the root, not a
    parent of several): the same right as a restore, which could read them anyway."""
    from airvault.storage.manifest import MANIFEST

    config, root = storage_root()
    rel = folder(config, root, target.url, ("backup", "archive"))
    if not root.exists(f"{rel}/{MANIFEST}"):
        raise HTTPException(
            400, f"{root.url_of(rel)} has no {MANIFEST}: not a complete backup or archive"
        )
    try:
        files = [f for f in root.list_files(rel) if f != f"{rel}/{MANIFEST}"] + [
            f"{rel}/{MANIFEST}"  # last: whoever fetches in order gets the manifest last
        ]
        seconds = config.archive.link_expires_minutes * 60
        return {"expires_s": seconds, "links": {f: root.signed_url(f, seconds) for f in files}}
    except AirvaultError as e:
        raise HTTPException(400, str(e)) from None


@router.post("/api/verify", response_model=Triggered, dependencies=[may_trigger("verify_backup")])
def verify(user: User, target: Target) -> dict:
    config, root = storage_root()
    rel = folder(config, root, target.url, ("backup", "archive", "upload"))
    return trigger(user, "verify_backup", {"backup_url": root.url_of(rel)})


@router.post("/api/backup", response_model=Triggered, dependencies=[may_trigger(BACKUP_DAG)])
def backup_now(user: User, body: BackupNaming | None = None) -> dict:
    return trigger(user, BACKUP_DAG, body.conf() if body else {})


@router.get("/api/runs/{dag_id}/{run_id}", response_model=RunState)
def run(user: User, dag_id: str, run_id: str) -> dict:
    """A run's state and, for restores, the plan (the `plan` task's result); for diffs, the
    summary (the `diff` task's)."""
    require(user, dag_id, "GET")
    api = as_caller(user)
    try:
        found = api.run(dag_id, run_id)
        result = {"state": found["state"], "link": run_link(api, dag_id, run_id)}
        if dag_id == "restore":
            result["plan"] = result_of(api, dag_id, run_id, "plan")
        if dag_id == DIFF_DAG and found["state"] == "success":
            result["diff"] = result_of(api, dag_id, run_id, "diff")
        return result
    except AirvaultError as e:
        raise HTTPException(404 if "404" in str(e) else 502, str(e)) from None


class DiffRequest(BaseModel):
    a: str  # the older backup
    b: str  # the newer one


@router.post("/api/diff", response_model=Triggered, dependencies=[may_trigger(DIFF_DAG)])
def diff(user: User, body: DiffRequest) -> dict:
    """Compare two backups (the `backup_diff` DAG): each one backup folder under the root."""
    config, root = storage_root()
    a, b = (folder(config, root, url, ("backup",)) for url in (body.a, body.b))
    return trigger(user, DIFF_DAG, {"a": root.url_of(a), "b": root.url_of(b)})
