"""The Backups page: a FastAPI app the `airvault` plugin mounts at /airvault in Airflow's
api-server, shown in the Airflow navigation as "Backups".

Who may do what (the Airflow role decides, asked of the auth manager, never by role name; see
docs/api.md, "The Backups page's endpoints", and docs/security.md, "Roles"):
- every endpoint needs an Airflow user: a bearer token or the UI's session cookie, read on
  every request (401 without one, or once it expired; Airflow's 403 for a bad one); only
  /metrics also takes the scraper token of monitoring.metrics (see `metrics`);
- listing needs read access to runs of `restore`; a viewer may list, never download;
- download links need the right to trigger `restore` (what a restore could read anyway);
  every other action the right to trigger its DAG: a viewer gets 403 for all of them;
- values (an import's rejected rows, a failed task's error text, which may quote data) need
  the same right as downloading them: a viewer reads counts and states only;
- a state-changing request (POST) must come from this Airflow: an Origin or Referer naming
  another site is refused (403), and one authenticated by the session cookie must carry an
  `X-Requested-With` header, which the page sends and a cross-site form cannot (403 without).
- Only one backup, archive or upload folder under the storage root is accepted (400 else).

The restore wizard (wizard.py), imports (imports_page.py), exports and jobs (jobs_page.py)
and deletions (deletions.py: the right to trigger `retention_cleanup`) are routers of this
app, under the same rules.

Actions go through Airflow's REST API as the caller (a short-lived token of the same user),
so Airflow records who triggered the run and applies its own authorization too.
"""

from __future__ import annotations

import logging
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any
from urllib.parse import urlsplit

from airflow.api_fastapi.app import get_auth_manager
from airflow.api_fastapi.auth.managers.models.base_user import BaseUser
from airflow.api_fastapi.auth.managers.models.resource_details import DagAccessEntity, DagDetails
from airflow.api_fastapi.core_api.security import get_user
from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, PlainTextResponse, Response
from pydantic import BaseModel, Field

from airvault.errors import AirvaultError
from airvault.restore.request import module_tables, restore_request

if TYPE_CHECKING:
    from airflow.api_fastapi.auth.managers.base_auth_manager import ResourceMethod

log = logging.getLogger("airvault.page")
PAGE = Path(__file__).with_name("backups_page.html")
CONFIRM_WORD = "RESTORE"
BACKUP_DAG = "full_backup_daily"
DIFF_DAG = "backup_diff"
POINT_IN_TIME_DAG = "restore_point_in_time"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
PAGE_HEADER = "X-Requested-With"  # sent by the page's fetch(); a cross-site form cannot send it
FORWARDED_TOKEN_S = 300  # life of the token an action uses to call Airflow's REST API

User = Annotated[BaseUser, Depends(get_user)]


def _origin(url: str | None) -> str | None:
    """scheme://host[:port] of a URL; 'null' (an opaque origin) stays 'null'."""
    if not url:
        return None
    if url == "null":
        return url
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower() if parts.scheme and parts.netloc else url


def _same_origin(request: Request, user: User) -> None:
    """Cross-site request protection beyond the browser's SameSite default (a sibling
    subdomain is "same site" and gets the cookie): state-changing requests must come from
    this Airflow and, when the session cookie authenticates them, carry PAGE_HEADER."""
    if request.method in SAFE_METHODS:
        return
    from airflow.configuration import conf

    source = _origin(request.headers.get("origin")) or _origin(request.headers.get("referer"))
    own = {_origin(conf.get("api", "base_url", fallback="") or None)}
    own |= {f"{scheme}://{request.headers.get('host', '')}".lower() for scheme in ("http", "https")}
    if source is not None and source not in own:
        raise HTTPException(
            403, f"cross-site request refused: it comes from {source[:100]}, not this Airflow"
        )
    bearer = request.headers.get("authorization", "").lower().startswith("bearer ")
    if not bearer and not request.headers.get(PAGE_HEADER):
        raise HTTPException(
            403,
            f"request refused: a request with the session cookie must carry the {PAGE_HEADER} "
            "header the Backups page sends (a cross-site form cannot); scripts use a bearer token",
        )


app = FastAPI(
    title="airvault backups",
    docs_url=None,
    redoc_url=None,
    openapi_url=None,
    dependencies=[Depends(_same_origin)],
)


def _allowed(
    user: BaseUser,
    dag_id: str,
    method: ResourceMethod,
    entity: DagAccessEntity | None = DagAccessEntity.RUN,
) -> bool:
    """Whether the user's role allows `method` on the runs of `dag_id` (entity None: on the
    DAG itself, e.g. PUT to pause it)."""
    return get_auth_manager().is_authorized_dag(
        method=method, access_entity=entity, details=DagDetails(id=dag_id), user=user
    )


def _require(user: BaseUser, dag_id: str, method: ResourceMethod, doing: str | None = None) -> None:
    if not _allowed(user, dag_id, method):
        verb = "trigger" if method == "POST" else "read"
        why = f"{doing}: that needs the right to {verb} runs of {dag_id}" if doing else ""
        raise HTTPException(
            403, f"user '{user.get_name()}' may not {why or f'{verb} runs of {dag_id}'}"
        )


def _may_see_values(user: BaseUser, dag_id: str) -> bool:
    """Whether the user may read what a run of `dag_id` read or wrote: rows, rejects, error
    text that may quote them. That takes what downloading the result takes, the right to
    trigger the DAG; a reader of its runs gets counts and states only."""
    return _allowed(user, dag_id, "POST")


def _may_trigger(dag_id: str, doing: str | None = None):
    """A route dependency: the role check runs before the body is validated, so a viewer
    gets 403 for an action whatever it sends."""

    def check(user: User) -> None:
        _require(user, dag_id, "POST", doing)

    return Depends(check)


def _api(user: BaseUser):
    """Airflow's REST API as the caller: a short-lived token of the user this request
    authenticated, so an action works whatever the state of the cookie the browser sent
    (refreshed by Airflow on this very response, or about to expire)."""
    from airflow.configuration import conf

    from airvault.airflow.rest_client import AirflowAPI

    token = get_auth_manager().generate_jwt(user, expiration_time_in_seconds=FORWARDED_TOKEN_S)
    return AirflowAPI(url=conf.get("api", "base_url").rstrip("/"), token=token)


def _root():
    from airvault.airflow.hook import AirvaultHook
    from airvault.config import load_config

    config = load_config()
    return config, AirvaultHook(config=config).get_store()


def _folder(config, root, url: str, kinds: tuple[str, ...]) -> str:
    """One backup / archive / upload folder under the storage root, relative to it (400 else)."""
    from airvault.storage.confine import NotInStorage, confine

    try:
        return confine(root, url, kinds, "url", config.connections.storage, absolute_paths=False)
    except NotInStorage as e:
        raise HTTPException(400, str(e)) from None


def _in_copy(config, url: str, copy: str):
    """The backup `url` names in the config's copy `copy` (a URL under the copy's root, or
    the storage root's URL of the same folder), as a Store; 400 for a copy the config does
    not name or a location under neither root."""
    from airvault.airflow.hook import AirvaultHook
    from airvault.storage.confine import NotInStorage

    if copy not in config.copies:
        named = ", ".join(sorted(config.copies)) or "none configured"
        raise HTTPException(400, f"copy: '{copy[:100]}' is not a copy of the config ({named})")
    try:
        return AirvaultHook(config=config).backup_source(url, ("backup",), copy=copy)
    except NotInStorage as e:
        raise HTTPException(400, str(e)) from None


def _run_link(api, dag_id: str, run_id: str) -> str:
    return f"{api.url}/dags/{dag_id}/runs/{run_id}"


def _trigger(user: BaseUser, dag_id: str, conf: dict, at: datetime | None = None) -> dict:
    """A run of `dag_id` as the user, now or at `at` (a naive time is UTC): a later run
    waits queued until then."""
    from airvault.airflow.rest_client import schedule

    _require(user, dag_id, "POST")
    api = _api(user)
    if at is not None and at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    try:
        run, notice = schedule(api, dag_id, conf, at)
    except AirvaultError as e:
        raise HTTPException(400, str(e)) from None
    link = _run_link(api, dag_id, run["dag_run_id"])
    return {
        "dag_id": dag_id,
        "run_id": run["dag_run_id"],
        "state": run["state"],
        "link": link,
        "run_after": run.get("run_after"),
        "notice": notice,
    }


@app.get("/", response_class=HTMLResponse)
def page(user: User) -> str:
    return PAGE.read_text()


@app.get("/api/backups")
def backups(user: User, kind: str | None = None, scope: str | None = None) -> dict:
    from airvault.airflow.page.jobs_page import _RESULT
    from airvault.exchange.datasets import is_declared
    from airvault.exchange.exports import list_exports
    from airvault.ops.health import drill_summaries
    from airvault.ops.inventory import inventory

    _require(user, "restore", "GET")
    config, root = _root()
    from airvault.airflow.hook import AirvaultHook

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
            "file": e["file"] if ok and e["file"] and _RESULT.fullmatch(e["file"]) else None,
        }
        for e in list_exports(root)
        if _RESULT.fullmatch(e["report"])  # what /api/jobs/download serves
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
            "restore": _allowed(user, "restore", "POST"),
            "backup": _allowed(user, BACKUP_DAG, "POST"),
            "verify": _allowed(user, "verify_backup", "POST"),
            "diff": _allowed(user, DIFF_DAG, "POST"),
            "import": _allowed(user, "import", "POST"),
            "export": _allowed(user, "export", "POST"),
            "delete": _allowed(user, "retention_cleanup", "POST"),
        },
    }


@app.get("/api/status")
def safety_status(user: User) -> dict:
    """Am I safe? Freshness per kind and scope, failing and running runs, the last drill,
    storage used (see safety.status)."""
    from airvault.airflow.page.safety import status

    _require(user, "restore", "GET")
    config, root = _root()
    api = _api(user)
    try:
        return status(api, config, root, lambda d, r: _run_link(api, d, r))
    except AirvaultError as e:
        raise HTTPException(502, str(e)) from None


@app.get("/api/running")
def running_now(user: User) -> dict:
    """Backups being written, restores, exports, imports and archives running now, and how
    far each is (from the heartbeat each publishes while it runs)."""
    from airvault.airflow.page.safety import running_backups, running_jobs, running_restores

    _require(user, "restore", "GET")
    _, root = _root()
    return {"running": running_backups(root) + running_restores(root) + running_jobs(root)}


@app.get("/api/modules")
def module_cards(user: User) -> dict:
    """Each module's tables and record counts from its newest backup, and whether this user
    may back it up now."""
    from airvault.airflow.page.safety import modules

    _require(user, "restore", "GET")
    config, root = _root()
    cards = modules(config, root)
    for c in cards:
        c["may_backup"] = _allowed(user, c["dag_id"], "POST")
    return {"modules": cards}


@app.get("/api/schedules")
def schedule_list(user: User) -> dict:
    """Every airvault DAG the user may read: schedule in words, on/off, next and last run,
    and whether this user may switch it and run it."""
    from airvault.airflow.page.safety import schedules

    api = _api(user)
    try:
        rows = schedules(api, lambda d, r: _run_link(api, d, r))
    except AirvaultError as e:
        raise HTTPException(502, str(e)) from None
    for row in rows:
        row["may_switch"] = _allowed(user, row["dag_id"], "PUT", entity=None)
        row["may_run"] = _allowed(user, row["dag_id"], "POST")
    return {"schedules": rows}


class Switch(BaseModel):
    paused: bool


def _airvault_dag(api, dag_id: str) -> None:
    """Only airvault's DAGs are switched or run from this page (404 else)."""
    if dag_id not in {d["dag_id"] for d in api.dags()}:
        raise HTTPException(404, f"'{dag_id[:100]}' is not an airvault DAG")


@app.post("/api/schedules/{dag_id}/paused")
def switch_schedule(user: User, dag_id: str, body: Switch) -> dict:
    """Pause or unpause a DAG through the REST API, as the user (Airflow checks it too)."""
    if not _allowed(user, dag_id, "PUT", entity=None):
        raise HTTPException(403, f"user '{user.get_name()}' may not pause or unpause {dag_id}")
    api = _api(user)
    _airvault_dag(api, dag_id)
    try:
        dag = api.set_paused(dag_id, body.paused)
    except AirvaultError as e:
        raise HTTPException(502, str(e)) from None
    return {"dag_id": dag_id, "paused": dag["is_paused"]}


class BackupNaming(BaseModel):
    """A label and a note for a backup started from the page (empty: none)."""

    label: str = ""
    note: str = ""

    def conf(self) -> dict:
        """The backup DAGs' Params, checked here first (400 naming the problem): the text is
        people's, and shown to others in lists and comparisons."""
        from airvault.backup.labels import checked_label, checked_note

        try:
            return {"label": checked_label(self.label) or "", "note": checked_note(self.note) or ""}
        except AirvaultError as e:
            raise HTTPException(400, str(e)) from None


@app.post("/api/schedules/{dag_id}/run")
def run_now(user: User, dag_id: str, body: BackupNaming | None = None) -> dict:
    """Run a DAG now (a paused DAG with its own schedule is refused, saying so); a backup DAG
    with the label and note given."""
    from airvault.config import load_config
    from airvault.ops.health import backup_dags

    _require(user, dag_id, "POST")
    api = _api(user)
    _airvault_dag(api, dag_id)
    if needed := api.required_params(dag_id):  # Airflow's answer is a raw schema error
        raise HTTPException(
            400,
            f"{dag_id} needs values for {', '.join(needed)}: trigger it "
            f"from its page in Airflow, which shows its form ({api.url}/dags/{dag_id})",
        )
    takes_backups = dag_id in {d.dag_id for d in backup_dags(load_config())}
    return _trigger(user, dag_id, body.conf() if body and takes_backups else {})


class Target(BaseModel):
    url: str


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


@app.post("/api/link", dependencies=[_may_trigger("restore", "download backups")])
def link(user: User, target: Target) -> dict:
    """Signed links to the files of ONE backup or archive folder (not the root, not a
    parent of several): the same right as a restore, which could read them anyway."""
    from airvault.storage.manifest import MANIFEST

    config, root = _root()
    rel = _folder(config, root, target.url, ("backup", "archive"))
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


@app.post("/api/verify", dependencies=[_may_trigger("verify_backup")])
def verify(user: User, target: Target) -> dict:
    config, root = _root()
    rel = _folder(config, root, target.url, ("backup", "archive", "upload"))
    return _trigger(user, "verify_backup", {"backup_url": root.url_of(rel)})


@app.post("/api/backup", dependencies=[_may_trigger(BACKUP_DAG)])
def backup_now(user: User, body: BackupNaming | None = None) -> dict:
    return _trigger(user, BACKUP_DAG, body.conf() if body else {})


@app.post("/api/restore", dependencies=[_may_trigger("restore")])
def restore(user: User, body: RestoreForm) -> dict:
    """A dry run (the default) plans; applying needs confirm = RESTORE, as the DAG does."""
    config, root = _root()
    if not body.dry_run and body.confirm != CONFIRM_WORD:
        raise HTTPException(400, f"type {CONFIRM_WORD} to confirm the restore")
    if body.from_copy and body.until:
        raise HTTPException(400, "a point in time restores from the storage root, not a copy")
    source = (
        _in_copy(config, body.url, body.from_copy).url
        if body.from_copy
        else root.url_of(_folder(config, root, body.url, ("backup", "upload")))
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
        return {**_trigger(user, POINT_IN_TIME_DAG, conf), "dag_id": POINT_IN_TIME_DAG}
    if body.tenant:
        raise HTTPException(
            400, "a tenant goes with a point in time (a tenant backup restores its tenant)"
        )
    return {**_trigger(user, "restore", conf), "dag_id": "restore"}


@app.get("/api/runs/{dag_id}/{run_id}")
def run(user: User, dag_id: str, run_id: str) -> dict:
    """A run's state and, for restores, the plan (the `plan` task's result); for diffs, the
    summary (the `diff` task's)."""
    _require(user, dag_id, "GET")
    api = _api(user)
    try:
        found = api.run(dag_id, run_id)
        result = {"state": found["state"], "link": _run_link(api, dag_id, run_id)}
        if dag_id == "restore":
            result["plan"] = _result_of(api, dag_id, run_id, "plan")
        if dag_id == DIFF_DAG and found["state"] == "success":
            result["diff"] = _result_of(api, dag_id, run_id, "diff")
        return result
    except AirvaultError as e:
        raise HTTPException(404 if "404" in str(e) else 502, str(e)) from None


def _result_of(api, dag_id: str, run_id: str, task_id: str) -> Any:
    """A task's return value (XCom: a dict, or a list for an export), read as the user; None
    until it has one."""
    from urllib.parse import quote

    path = (
        f"/api/v2/dags/{dag_id}/dagRuns/{quote(run_id, safe='')}/taskInstances/{task_id}"
        "/xcomEntries/return_value"
    )
    try:
        return api._call("GET", path)["value"]
    except AirvaultError:
        return None  # not there yet


class DiffRequest(BaseModel):
    a: str  # the older backup
    b: str  # the newer one


@app.post("/api/diff", dependencies=[_may_trigger(DIFF_DAG)])
def diff(user: User, body: DiffRequest) -> dict:
    """Compare two backups (the `backup_diff` DAG): each one backup folder under the root."""
    config, root = _root()
    a, b = (_folder(config, root, url, ("backup",)) for url in (body.a, body.b))
    return _trigger(user, DIFF_DAG, {"a": root.url_of(a), "b": root.url_of(b)})


@app.post("/api/upload", dependencies=[_may_trigger("restore")])
async def upload(request: Request, filename: str = "") -> dict:
    """A .tar (or .tar.gz) of a backup folder, sent as the request body (Content-Type
    application/x-tar, the file's name in ?filename=): at most uploads.max_mb, and only while
    fewer than uploads.max_stored uploads are kept (older than uploads.keep_days are deleted
    first). Nothing is read before the caller's role is checked. Unpacked safely (no entry
    may leave the folder, no links, no bombs), checked, and copied into storage under
    uploads/<time>-<id>/ to be restored from there."""
    from airvault.storage.uploads import TARS

    name = filename or request.headers.get("x-filename", "")
    if request.headers.get("content-type", "").startswith("multipart/"):
        raise HTTPException(
            415, "send the .tar itself as the request body (Content-Type: application/x-tar)"
        )
    if not name.endswith(TARS):
        raise HTTPException(400, "upload a .tar or .tar.gz of a backup folder (?filename=...)")
    config, root = _root()
    limit = config.uploads.max_mb << 20
    too_big = f"{name[:100]}: more than uploads.max_mb ({config.uploads.max_mb} MiB), refused"
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, too_big)
    expired = await run_in_threadpool(_room_for_one, config, root)
    with tempfile.TemporaryDirectory(prefix="airvault-upload-") as tmp:
        archive = Path(tmp) / "upload.tar"
        size = 0
        with archive.open("wb") as out:
            async for chunk in request.stream():
                size += len(chunk)
                if size > limit:
                    raise HTTPException(413, too_big)
                await run_in_threadpool(out.write, chunk)
        result = await run_in_threadpool(_store_upload, config, root, archive, name)
    for rel in expired:  # only once a new upload is stored: a refused one changes nothing
        await run_in_threadpool(root.remove_tree, rel)
    return {**result, "pruned": expired}


def _room_for_one(config, root) -> list[str]:
    """The uploads older than uploads.keep_days (deleted once the new one is stored); 409 if
    uploads.max_stored others are kept already."""
    from airvault.storage.uploads import UPLOADS, expired_uploads

    expired, kept = expired_uploads(root, config.uploads.keep_days)
    if len(kept) >= config.uploads.max_stored:
        raise HTTPException(
            409,
            f"{len(kept)} uploads are stored already (uploads.max_stored is "
            f"{config.uploads.max_stored}): restore from one or delete one in "
            f"{root.url_of(UPLOADS)}/ first; uploads older than {config.uploads.keep_days:g} "
            "days are deleted when a new one is stored",
        )
    return expired


def _store_upload(config, root, archive: Path, name: str) -> dict:
    """Unpack the upload in its temp folder, authenticate its manifest, and copy into
    storage only the files that manifest lists (manifest last): whatever else the archive
    held stays behind and goes with the temp folder."""
    from airvault.errors import IntegrityError
    from airvault.storage.manifest import MANIFEST, listed_entries, read_manifest
    from airvault.storage.store import open_store
    from airvault.storage.uploads import new_upload_folder, safe_extract

    unpacked_to = (archive.parent / "x").resolve()
    try:
        folder = safe_extract(archive, unpacked_to, config.uploads.max_unpacked_mb << 20)
        unpacked = open_store(folder)
        unpacked.key, unpacked.signing = root.key, root.signing  # this installation's keys
        manifest = read_manifest(unpacked)
    except (IntegrityError, OSError, ValueError) as e:
        raise HTTPException(400, _as_sent(e, archive, name)) from None
    listed = sorted({e.file for e in listed_entries(manifest) if (folder / e.file).is_file()})
    dest = new_upload_folder()
    try:
        for rel in [*listed, MANIFEST]:
            with (folder / rel).open("rb") as src, root.open_write(f"{dest}/{rel}") as out:
                while chunk := src.read(1 << 20):
                    out.write(chunk)
    except BaseException:
        root.remove_tree(dest)  # no half-copied upload is left behind
        raise
    unpacked_files = sum(1 for p in unpacked_to.rglob("*") if p.is_file())
    return {
        "url": root.url_of(dest),
        "label": manifest.label,
        "id": manifest.id,
        "left_out": unpacked_files - len(listed) - 1,
    }


def _as_sent(error: Exception, archive: Path, name: str) -> str:
    """An error about an upload as its sender knows it: the archive by the name it was sent
    with, a file by its path inside it; never the api-server's temp folder."""
    text = str(error).replace(str(archive), name[:100])
    for temp in dict.fromkeys([archive.parent, archive.parent.resolve()]):
        for form in (f"{temp.as_uri()}/x/", f"{temp}/x/", temp.as_uri(), str(temp)):
            text = text.replace(form, "")
    return text if text.startswith(name[:100]) else f"{name[:100]}: {text}"


async def metrics(request: Request) -> Response:
    """Prometheus metrics (ops/metrics.py) for a scraper: the bearer token of
    monitoring.metrics (token_file or token_env), or an Airflow user who may list backups
    (a JWT or the UI's session), or anyone when monitoring.metrics.anonymous. A plain
    Starlette route, so the app's own dependencies (an Airflow user) do not apply to it; a
    GET changes nothing, so the cross-site check has nothing to guard."""
    from airvault.airflow.hook import AirvaultHook
    from airvault.ops.metrics import CONTENT_TYPE, metrics_text

    try:
        config, root = await run_in_threadpool(_root)
        token = config.metrics_token()
    except AirvaultError as e:  # told to the log, not to a caller not yet authenticated
        log.error("/metrics: %s", e)
        return PlainTextResponse(
            "airvault's config cannot be used: see the api-server's log\n", status_code=500
        )
    denied = await _scraper_denied(request, config.monitoring.metrics.anonymous, token)
    if denied is not None:
        return denied
    try:
        copies = await run_in_threadpool(AirvaultHook(config=config).copy_sites)
        text = await run_in_threadpool(metrics_text, config, root, None, copies)
    except AirvaultError as e:
        return PlainTextResponse(f"{e}\n", status_code=500)
    return Response(text, media_type=CONTENT_TYPE)


async def _scraper_denied(request: Request, anonymous: bool, token: str | None) -> Response | None:
    """None when the request may read the metrics; else the refusal (401 or 403)."""
    import hmac

    from fastapi.security.http import HTTPAuthorizationCredentials

    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    bearer = given.strip() if scheme.lower() == "bearer" else ""
    if anonymous or (token and bearer and hmac.compare_digest(bearer.encode(), token.encode())):
        return None
    credentials = (
        HTTPAuthorizationCredentials(scheme="Bearer", credentials=bearer) if bearer else None
    )
    try:  # not the metrics token: an Airflow user's JWT, or the session cookie
        user = await get_user(request, None, credentials)
    except HTTPException as e:
        return PlainTextResponse(
            f"{e.detail}: scrape with the bearer token of monitoring.metrics (token_file or "
            "token_env) or an Airflow user's token\n",
            status_code=e.status_code,
            headers={"WWW-Authenticate": "Bearer"} if e.status_code == 401 else None,
        )
    if not _allowed(user, "restore", "GET"):
        return PlainTextResponse(
            f"user '{user.get_name()}' may not read the metrics: that needs the right to read "
            "runs of restore, as listing backups does\n",
            status_code=403,
        )
    return None


app.add_route("/metrics", metrics, methods=["GET"])


# the restore wizard, imports, exports, jobs, downloads and schedules (one module each),
# mounted last: they use the helpers above
from airvault.airflow.page import (  # noqa: E402
    deletions,
    downloads_page,
    exports_page,
    imports_page,
    jobs_page,
    schedules,
    wizard,
)

for _module in (
    wizard,
    imports_page,
    exports_page,
    jobs_page,
    deletions,
    downloads_page,
    schedules,
):
    app.include_router(_module.router)
