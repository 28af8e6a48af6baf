"""The Backups page: a FastAPI app the `airvault` plugin mounts at /airvault in Airflow's
api-server, shown in the Airflow navigation as "Backups".

Every endpoint needs an Airflow user (a bearer token or the UI's session cookie: 401 without
one). Listing needs read access to DAG runs; each action needs the right to trigger its DAG
(a viewer gets 403). Actions go through Airflow's REST API with the caller's own token, so
Airflow records who triggered the run and applies its own authorization too.
"""

from __future__ import annotations

import tempfile
import uuid
from pathlib import Path
from typing import Annotated

from airflow.api_fastapi.app import get_auth_manager
from airflow.api_fastapi.auth.managers.models.base_user import BaseUser
from airflow.api_fastapi.auth.managers.models.resource_details import DagAccessEntity, DagDetails
from airflow.api_fastapi.core_api.security import get_user
from fastapi import Depends, FastAPI, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse
from pydantic import BaseModel

from airvault.errors import AirvaultError

PAGE = Path(__file__).with_name("backups_page.html")
CONFIRM_WORD = "RESTORE"
BACKUP_DAG = "full_backup_daily"

app = FastAPI(title="airvault backups", docs_url=None, redoc_url=None, openapi_url=None)
User = Annotated[BaseUser, Depends(get_user)]


def _require(user: BaseUser, dag_id: str, method: str) -> None:
    allowed = get_auth_manager().is_authorized_dag(
        method=method, access_entity=DagAccessEntity.RUN, details=DagDetails(id=dag_id), user=user
    )
    if not allowed:
        verb = "trigger" if method == "POST" else "read"
        raise HTTPException(403, f"user '{user.get_name()}' may not {verb} runs of {dag_id}")


def _may_trigger(dag_id: str):
    """A route dependency: the role check runs before the body is read or validated, so a
    viewer gets 403 for an action whatever it sends."""

    def check(user: User) -> None:
        _require(user, dag_id, "POST")

    return Depends(check)


def _token(request: Request) -> str:
    """The caller's own token (header or the UI's cookie): actions run as the caller."""
    from airflow.api_fastapi.auth.managers.base_auth_manager import COOKIE_NAME_JWT_TOKEN

    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:]
    return request.cookies.get(COOKIE_NAME_JWT_TOKEN, "")


def _api(request: Request):
    from airflow.configuration import conf

    from airvault.jobs import AirflowAPI

    return AirflowAPI(url=conf.get("api", "base_url").rstrip("/"), token=_token(request))


def _root():
    from airvault.config import load_config
    from airvault.operators.connections import vault_store

    config = load_config()
    return config, vault_store(config)


def _run_link(api, dag_id: str, run_id: str) -> str:
    return f"{api.url}/dags/{dag_id}/runs/{run_id}"


def _trigger(request: Request, user: BaseUser, dag_id: str, conf: dict) -> dict:
    from airvault.jobs import schedule

    _require(user, dag_id, "POST")
    api = _api(request)
    try:
        run, notice = schedule(api, dag_id, conf, None)
    except AirvaultError as e:
        raise HTTPException(400, str(e)) from None
    link = _run_link(api, dag_id, run["dag_run_id"])
    return {"dag_id": dag_id, "run_id": run["dag_run_id"], "state": run["state"], "link": link,
            "notice": notice}  # fmt: skip


@app.get("/", response_class=HTMLResponse)
def page(user: User) -> str:
    return PAGE.read_text()


@app.get("/api/backups")
def backups(user: User, kind: str | None = None, scope: str | None = None) -> dict:
    from airvault.listing import inventory

    _require(user, "restore", "GET")
    _config, root = _root()
    rows, incomplete = inventory(root)
    kinds = sorted({r["kind"] for r in rows})
    scopes = sorted({r["scope"] for r in rows})
    rows = [
        r for r in rows if (not kind or r["kind"] == kind) and (not scope or r["scope"] == scope)
    ]
    return {"storage": root.url, "backups": rows, "incomplete": incomplete, "kinds": kinds,
            "scopes": scopes, "user": user.get_name()}  # fmt: skip


class Target(BaseModel):
    url: str


class RestoreRequest(BaseModel):
    url: str
    mode: str = "replace"
    tables: str = ""
    dry_run: bool = True
    confirm: str = ""


def _in_storage(root, url: str) -> str:
    """Only backups under the configured storage root (no arbitrary paths from a browser)."""
    if not url.startswith(root.url.rstrip("/") + "/"):
        raise HTTPException(400, f"{url} is not under the storage root {root.url}")
    return url


@app.post("/api/link")
def link(user: User, target: Target) -> dict:
    from airvault.manifest import MANIFEST

    _require(user, "restore", "GET")
    config, root = _root()
    rel = _in_storage(root, target.url).removeprefix(root.url.rstrip("/") + "/")
    try:
        files = [f for f in root.list_files(rel) if not f.endswith(MANIFEST)] + [
            f"{rel}/{MANIFEST}"
        ]
        seconds = config.archive.link_expires_minutes * 60
        return {"expires_s": seconds, "links": {f: root.signed_url(f, seconds) for f in files}}
    except AirvaultError as e:
        raise HTTPException(400, str(e)) from None


@app.post("/api/verify", dependencies=[_may_trigger("verify_backup")])
def verify(user: User, target: Target, request: Request) -> dict:
    _config, root = _root()
    return _trigger(request, user, "verify_backup", {"backup_url": _in_storage(root, target.url)})


@app.post("/api/backup", dependencies=[_may_trigger(BACKUP_DAG)])
def backup_now(user: User, request: Request) -> dict:
    return _trigger(request, user, BACKUP_DAG, {})


@app.post("/api/restore", dependencies=[_may_trigger("restore")])
def restore(user: User, body: RestoreRequest, request: Request) -> dict:
    """A dry run (the default) plans; applying needs confirm = RESTORE, as the DAG does."""
    _config, root = _root()
    if not body.dry_run and body.confirm != CONFIRM_WORD:
        raise HTTPException(400, f"type {CONFIRM_WORD} to confirm the restore")
    conf = {"backup_url": _in_storage(root, body.url), "mode": body.mode, "tables": body.tables,
            "dry_run": body.dry_run, "confirm": body.confirm}  # fmt: skip
    return _trigger(request, user, "restore", conf)


@app.get("/api/runs/{dag_id}/{run_id}")
def run(user: User, dag_id: str, run_id: str, request: Request) -> dict:
    """A run's state and, for restores, the plan (the `plan` task's result)."""
    _require(user, dag_id, "GET")
    api = _api(request)
    try:
        found = api.run(dag_id, run_id)
        result = {"state": found["state"], "link": _run_link(api, dag_id, run_id)}
        if dag_id == "restore":
            result["plan"] = _plan_of(api, run_id)
        return result
    except AirvaultError as e:
        raise HTTPException(404 if "404" in str(e) else 502, str(e)) from None


def _plan_of(api, run_id: str) -> dict | None:
    from urllib.parse import quote

    path = f"/api/v2/dags/restore/dagRuns/{quote(run_id, safe='')}/taskInstances/plan/xcomEntries/return_value"
    try:
        return api._call("GET", path)["value"]
    except AirvaultError:
        return None  # not planned yet


@app.post("/api/upload", dependencies=[_may_trigger("restore")])
def upload(user: User, file: UploadFile) -> dict:
    """An uploaded .tar of a backup folder: unpacked safely (no entry may leave the folder,
    no links), checked, and copied into storage under uploads/<id>/ to be restored from there."""
    from airvault.errors import IntegrityError
    from airvault.manifest import read_manifest
    from airvault.storage import open_store
    from airvault.uploads import safe_extract

    _require(user, "restore", "POST")
    if not (file.filename or "").endswith((".tar", ".tar.gz", ".tgz")):
        raise HTTPException(400, "upload a .tar or .tar.gz of a backup folder")
    _config, root = _root()
    with tempfile.TemporaryDirectory(prefix="airvault-upload-") as tmp:
        archive = Path(tmp) / "upload.tar"
        with archive.open("wb") as out:
            while chunk := file.file.read(1 << 20):
                out.write(chunk)
        try:
            folder = safe_extract(archive, (Path(tmp) / "x").resolve())
            manifest = read_manifest(open_store(folder))
        except (IntegrityError, OSError, ValueError) as e:
            raise HTTPException(400, f"{file.filename}: {e}") from None
        dest = f"uploads/{uuid.uuid4().hex[:8]}"
        files = [p for p in folder.rglob("*") if p.is_file()]
        for path in sorted(
            files, key=lambda p: (p.name == "manifest.json", str(p))
        ):  # manifest last
            with (
                path.open("rb") as src,
                root.open_write(f"{dest}/{path.relative_to(folder)}") as out,
            ):
                while chunk := src.read(1 << 20):
                    out.write(chunk)
    return {"url": root.url_of(dest), "label": manifest.get("label"), "id": manifest.get("id")}
