"""The Backups page's jobs: one list of the import, export, restore, compare (backup_diff) and
archive runs (pending, running, done, failed, cancelled) with their record counts, who asked,
the results to download, and Cancel for a pending import or export. Exports are started by
routes/exports.py.

A job is a DAG run (see airvault.airflow.rest_client): a run with a future `run_after`
waits queued, and cancelling sets its state to failed with a note saying who cancelled it,
which the list reads back as "cancelled". Same rules as every endpoint of the page: an Airflow user; the
right to read the runs to list them, to trigger `export` to export or download a result, to
edit a run to cancel it (as Airflow's PATCH itself requires); REST calls as the caller."""

from __future__ import annotations

import json
import re

from fastapi import APIRouter, HTTPException
from fastapi.responses import Response, StreamingResponse

from airvault.airflow.page.auth import User, allowed, require
from airvault.airflow.page.calls import as_caller, result_of, run_link
from airvault.airflow.page.models import Cancelled, JobList
from airvault.airflow.page.storage import ASSETS, JOB_RESULT, storage_root
from airvault.errors import AirvaultError

router = APIRouter()
EXPORT_DAG = "export"
IMPORT_DAG = "import"
STATES = {"queued": "pending", "running": "running", "success": "done", "failed": "failed"}
CANCELLED = "cancelled by "  # the start of the note a cancel leaves on the run
SHOWN = 30  # newest jobs listed
_NAME = re.compile(r"[^A-Za-z0-9_.-]")
_STORED = re.compile(r"^\d{8}T\d{6}Z-[0-9a-f]{8}-")  # the prefix an upload is stored with


# listed beside imports and exports (never cancelled here: they start when asked)
OTHER_JOBS = ("restore", "restore_point_in_time", "backup_diff", "pg_dump_archive")


def _job_dags(config) -> list[str]:
    """The DAGs whose pending runs the page cancels: imports and exports."""
    return ["import", EXPORT_DAG, *(f"export_{name}" for name in config.exports)]


def _tail(url: object, parts: int = 3) -> str:
    """A backup URL by its last folders (kind/scope/id): the rest is the storage root."""
    return "/".join(str(url or "?").rstrip("/").split("/")[-parts:])


@router.get("/jobs.js")
def jobs_script(user: User) -> Response:
    """The jobs section's script, loaded by the page after its own (behind the login)."""
    return Response((ASSETS / "jobs.js").read_text(), media_type="text/javascript")


def _what(run: dict) -> str:
    """The job in words: what is imported into what (the file as it was uploaded), or exported."""
    conf = run.get("conf") or {}
    dry = " (dry run)" if conf.get("dry_run") else ""
    if run["dag_id"] == "import":
        file = _STORED.sub("", str(conf.get("file", "")).rsplit("/", 1)[-1])
        return f"import {file} into {conf.get('table', '?')}{dry}"
    if run["dag_id"] == EXPORT_DAG:
        return f"export {conf.get('dataset', '?')} as {conf.get('format', 'csv')}"
    if run["dag_id"] in ("restore", "restore_point_in_time"):
        plan = " (plan only)" if conf.get("dry_run", True) else ""
        into = conf.get("target_conn_id") or "the app database"
        at = f" at {conf['until']}" if conf.get("until") else ""
        return f"restore {_tail(conf.get('backup_url'))}{at} into {into}{plan}"
    if run["dag_id"] == "backup_diff":
        return f"compare {_tail(conf.get('a'))} with {_tail(conf.get('b'))}"
    if run["dag_id"] == "pg_dump_archive":
        return "pg_dump archive"
    return f"{run['dag_id']} (scheduled)"


def _outcome(api, root, run: dict) -> tuple[int | None, list[dict]]:
    """(records, result files) of a run that ended: the import's report (rows read, and its
    rejects when there are any), the export's files (from its return value); other jobs'
    result is their run's page."""
    if run["dag_id"] in OTHER_JOBS:
        return None, []
    name = _NAME.sub("_", run["dag_run_id"])  # the folder name the operators give the run
    if run["dag_id"] == "import":
        rel = f"imports/reports/{name}.json"
        if not root.exists(rel):
            return None, []
        report = json.loads(root.read_bytes(rel))
        files = [{"name": "report.json", "file": rel}]
        if report.get("rejected"):
            files.append({"name": "rejects.csv", "file": f"imports/rejects/{name}.csv"})
        return report.get("rows"), files
    reports = result_of(api, run["dag_id"], run["dag_run_id"], "export") or []
    files = [
        {"name": r["file"].rsplit("/", 1)[-1], "file": r["file"].removeprefix(root.url + "/")}
        for r in reports
    ]
    return (sum(r.get("rows", 0) for r in reports) if reports else None), files


@router.get("/api/jobs", response_model=JobList)
def jobs(user: User) -> dict:
    """The newest import, export, restore, compare and archive runs the user may read, one
    list, newest first (a run queued for later first of all)."""
    config, root = storage_root()
    api = as_caller(user)
    cancellable = _job_dags(config)
    readable = [d for d in [*cancellable, *OTHER_JOBS] if allowed(user, d, "GET")]
    if not readable:
        require(user, EXPORT_DAG, "GET")  # 403 naming what is missing
    try:
        dags = {d["dag_id"] for d in api.dags()}
        runs = [r for d in readable if d in dags for r in api.runs(d, limit=SHOWN)]
    except AirvaultError as e:
        raise HTTPException(502, str(e)) from None
    runs.sort(key=lambda r: r.get("run_after") or "", reverse=True)
    rows = []
    for r in runs[:SHOWN]:
        state = STATES.get(r["state"], r["state"])
        if state == "failed" and (r.get("note") or "").startswith(CANCELLED):
            state = "cancelled"
        records, files = _outcome(api, root, r) if state in ("done", "failed") else (None, [])
        rows.append(
            {
                "dag_id": r["dag_id"],
                "run_id": r["dag_run_id"],
                "what": _what(r),
                "link": run_link(api, r["dag_id"], r["dag_run_id"]),
                "state": state,
                "run_after": r.get("run_after"),
                "ended": r.get("end_date"),
                "asked_by": r.get("triggering_user_name") or r.get("run_type"),
                "note": r.get("note"),
                "records": records,
                "files": files,
                "may_cancel": state == "pending"
                and r["dag_id"] in cancellable
                and allowed(user, r["dag_id"], "PUT"),
            }
        )
    return {
        "jobs": rows,
        "may_download": allowed(user, EXPORT_DAG, "POST"),
        "datasets": sorted(config.modules),
    }


@router.post("/api/jobs/{dag_id}/{run_id}/cancel", response_model=Cancelled)
def cancel(user: User, dag_id: str, run_id: str) -> dict:
    """Cancel a pending job: its run set to failed (it never starts), with a note of who did."""
    config, _ = storage_root()
    if dag_id not in _job_dags(config):
        raise HTTPException(404, f"'{dag_id[:100]}' is not an import or export DAG")
    if not allowed(user, dag_id, "PUT"):
        raise HTTPException(403, f"user '{user.get_name()}' may not cancel runs of {dag_id}")
    api = as_caller(user)
    try:
        run = api.run(dag_id, run_id)
        if run["state"] != "queued":
            raise HTTPException(
                409, f"run {run_id[:100]} is {run['state']}: only a pending job is cancelled here"
            )
        done = api.cancel(dag_id, run_id, note=f"{CANCELLED}{user.get_name()} on the Backups page")
    except AirvaultError as e:
        raise HTTPException(404 if "404" in str(e) else 502, str(e)) from None
    return {
        "dag_id": dag_id,
        "run_id": run_id,
        "state": "cancelled" if done["state"] == "failed" else done["state"],
    }


@router.get("/api/jobs/download")
def download(user: User, file: str) -> StreamingResponse:
    """One result file of a job, streamed from the storage: an export's file or report (for
    who may run exports), an import's rejects or report (for who may run imports); nothing
    else under the root."""
    # the right first: whatever a viewer sends, the answer is 403
    require(
        user,
        IMPORT_DAG if file.startswith("imports/") else EXPORT_DAG,
        "POST",
        "download job results",
    )
    if not JOB_RESULT.fullmatch(file) or ".." in file.split("/"):
        raise HTTPException(400, "not a result of an import or export job")
    _, root = storage_root()
    if not root.exists(file):
        raise HTTPException(404, f"{file[:200]} is not in the storage")
    name = file.rsplit("/", 1)[-1]

    def chunks():
        with root.open_read(file) as f:
            while chunk := f.read(1 << 20):
                yield chunk

    return StreamingResponse(
        chunks(),
        media_type="application/octet-stream",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
