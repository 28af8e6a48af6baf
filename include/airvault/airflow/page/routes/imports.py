"""The Backups page's imports: upload a CSV, map its columns to a table's (saved mappings of
the config offered), a dry run that lists the rejects by line and column, then import now or
at a time (`run_after`: the run waits queued until then; the jobs list can cancel it).

The `import` DAG does the work (ImportOperator: validated before anything is written, one
transaction). Its report and rejects are in the storage (imports/reports/<run>.json,
imports/rejects/<run>.csv), where this module reads them. Same rules as every endpoint of the
page: an Airflow user; the right to trigger `import` to upload or run, to read its runs for a
report's counts, to trigger it for its rejects and error text (they quote the file); Airflow's
REST API as the caller."""

from __future__ import annotations

import csv
import io
import json
import re
import secrets
from datetime import UTC, datetime

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from pydantic import BaseModel

from airvault.airflow.page.auth import User, may_see_values, may_trigger, require
from airvault.airflow.page.calls import as_caller, run_link, trigger
from airvault.airflow.page.models import CsvPreview, ImportReport, Triggered
from airvault.airflow.page.runs import failed_step, task_instances
from airvault.airflow.page.storage import ASSETS, storage_root
from airvault.errors import AirvaultError
from airvault.exchange.templates import ImportTemplate

router = APIRouter()
IMPORT_DAG = "import"
UPLOADED = "imports/uploads"  # not imports/incoming/: the import_incoming DAG would take it
SCRIPT = ASSETS / "imports.js"
_NAME = re.compile(r"[^A-Za-z0-9_.-]")
_TABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?")
SHOWN_REJECTS = 200
# what a user who may only read import runs sees of a report: how many, never which values
COUNTS = ("status", "rows", "inserted", "updated", "rejected", "seconds")
WITHHELD = (
    "rejected rows, values and error text quote the file: they need the right to trigger "
    "import, as downloading them does"
)


@router.get("/imports.js")
def imports_script(user: User) -> Response:
    """The imports section's script, loaded by the page after its own (behind the login)."""
    return Response(SCRIPT.read_text(), media_type="text/javascript")


def _tables(config, root) -> dict[str, list[str]]:
    """Table -> columns, as the newest full backup recorded them: the page never connects to
    the app database itself (the DAG checks every name against the live catalog anyway).
    Only declared tables, without their secret columns: what an import may write."""
    from airvault.exchange.datasets import is_declared, withheld
    from airvault.storage.manifest import list_backups

    backups, _ = list_backups(root)
    newest = next((b for b in backups if b.kind == "full"), backups[0] if backups else None)
    found = {}
    for t in newest.tables if newest else []:
        if is_declared(config, t.qualified):
            names = [c.name for c in t.columns]
            hidden = withheld(config, t.qualified, names)
            found[t.qualified] = [c for c in names if c not in hidden]
    return found


def _prune(root, keep_days: float) -> None:
    """Uploaded CSVs older than uploads.keep_days go, as uploaded backups do (their stored
    name starts with the time they arrived)."""
    from datetime import timedelta

    oldest = (datetime.now(UTC) - timedelta(days=keep_days)).strftime("%Y%m%dT%H%M%SZ")
    for rel in root.glob(f"{UPLOADED}/*.csv"):
        if rel.rsplit("/", 1)[-1][:16] < oldest:
            root.remove_tree(rel)


@router.post(
    "/api/imports/upload",
    response_model=CsvPreview,
    dependencies=[may_trigger(IMPORT_DAG, "upload a CSV")],
)
async def upload_csv(request: Request, filename: str = "") -> dict:
    """A CSV as the request body (at most uploads.max_mb), kept as imports/uploads/<time>-<id>-
    <name>.csv under the storage root (older than uploads.keep_days are deleted); answers its columns, a few rows, the tables to import
    into with their columns, and the saved mappings that fit the file."""
    from airvault.exchange.imports import preview

    if not filename.lower().endswith(".csv"):
        raise HTTPException(400, "upload a .csv file (?filename=<name>.csv)")
    config, root = storage_root()
    limit = config.uploads.max_mb << 20
    await run_in_threadpool(_prune, root, config.uploads.keep_days)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    rel = f"{UPLOADED}/{stamp}-{secrets.token_hex(4)}-{_NAME.sub('_', filename[-80:])}"
    size = 0
    try:  # streamed to the storage: a big file never sits in the api-server's memory
        with root.open_write(rel) as out:
            async for chunk in request.stream():
                size += len(chunk)
                if size > limit:
                    raise HTTPException(
                        413, f"more than uploads.max_mb ({config.uploads.max_mb} MiB)"
                    )
                await run_in_threadpool(out.write, chunk)
    except BaseException:
        await run_in_threadpool(root.remove_tree, rel)  # nothing half-written is left
        raise
    try:
        shown = await run_in_threadpool(preview, root, rel)
    except BaseException as e:
        await run_in_threadpool(root.remove_tree, rel)  # a file that cannot be read is not kept
        if not isinstance(e, AirvaultError):
            raise
        said = str(e).replace(rel, filename[:100])  # by the name it was sent with
        raise HTTPException(400, said if rel in str(e) else f"{filename[:100]}: {said}") from None
    columns = set(shown["columns"])
    mappings = [
        {"name": n, "mapping": m, "fits": bool(set(m) & columns), "table": "", "saved_by": ""}
        for n, m in sorted((await run_in_threadpool(_mappings, config, root)).items())
    ]
    stored = await run_in_threadpool(_stored, root)
    for m in mappings:  # who saved a stored one, and for which table
        if m["name"] not in config.import_mappings and (t := stored.get(m["name"])):
            m.update(table=t.table, saved_by=t.saved_by)
    return {
        "file": rel,
        "name": filename,
        **shown,
        "mappings": mappings,
        "tables": await run_in_threadpool(_tables, config, root),
    }


class ImportRequest(BaseModel):
    file: str
    table: str
    mapping: dict[str, str] = {}  # file column -> table column
    template: str = ""  # a saved mapping of the config
    mode: str = "upsert"
    policy: str = "atomic"
    dry_run: bool = True
    run_after: datetime | None = None  # later: the run waits queued until then (naive: UTC)


@router.post("/api/imports", response_model=Triggered, dependencies=[may_trigger(IMPORT_DAG)])
def start_import(user: User, body: ImportRequest) -> dict:
    """Trigger the import DAG on an uploaded file: a dry run, or the import now or later."""
    from airvault.exchange.imports import ImportSpec, check_import

    name = body.file.removeprefix(f"{UPLOADED}/")
    if name == body.file or "/" in name or ".." in name or not name.endswith(".csv"):
        raise HTTPException(400, f"import a file uploaded here ({UPLOADED}/<file>.csv)")
    if not _TABLE.fullmatch(body.table):
        raise HTTPException(400, f"'{body.table[:100]}' is not a table name")
    config, root = storage_root()
    saved = _mappings(config, root)
    if body.template and body.template not in saved:
        raise HTTPException(
            400,
            f"'{body.template[:100]}' is not a saved mapping (import_mappings of the config, "
            "or a template saved here)",
        )
    mapping = {**saved.get(body.template, {}), **body.mapping}
    try:  # the core's checks, which the DAG runs again: a declared table, no secret column
        check_import(config, ImportSpec(body.table, mapping=mapping))
    except AirvaultError as e:
        raise HTTPException(400, str(e)) from None
    # a template saved here goes into the run as its mapping (the DAG reads the config's)
    in_config = body.template in config.import_mappings
    sent = body.mapping if in_config or not body.template else mapping
    pairs = [f"{a}={b}" for a, b in sent.items() if a != b]
    if any("," in p or p.count("=") != 1 for p in pairs):
        raise HTTPException(400, "a mapped column name may hold neither ',' nor '='")
    conf = {
        "file": body.file,
        "table": body.table,
        "mode": body.mode,
        "policy": body.policy,
        "mapping": ",".join(pairs),
        "template": body.template if in_config else "",
        "dry_run": body.dry_run,
    }
    return trigger(user, IMPORT_DAG, conf, body.run_after)


def _stored(root) -> dict:
    """The import templates saved on this page (exchange/templates.py), by name."""
    from airvault.exchange.templates import list_templates

    return {t.name: t for t in list_templates(root, "import")[0]}


def _mappings(config, root) -> dict[str, dict[str, str]]:
    """Every saved mapping by name: the config's import_mappings, then the templates saved
    here (a name of the config wins: it is the deployment's)."""
    stored = {n: dict(t.mapping) for n, t in _stored(root).items()}
    return {**stored, **config.import_mappings}


class SaveMapping(BaseModel):
    name: str
    table: str = ""  # the table it is for ("": any)
    mapping: dict[str, str]  # file column -> table column


@router.post(
    "/api/imports/templates",
    response_model=ImportTemplate,
    dependencies=[may_trigger(IMPORT_DAG, "save import templates")],
)
def save_mapping(user: User, body: SaveMapping) -> dict:
    """Save a column mapping by name (replacing one of that name saved here; a name of the
    config's import_mappings is refused: that one is the deployment's), checked as an import
    with it would be."""
    from airvault.exchange.imports import ImportSpec, check_import
    from airvault.exchange.templates import checked_name, save_template

    config, root = storage_root()
    try:
        name = checked_name(body.name)
        if name in config.import_mappings:
            raise AirvaultError(
                f"'{name}' is a mapping of the config (import_mappings): pick another name"
            )
        if not body.mapping:
            raise AirvaultError("an import template needs at least one mapped column")
        if body.table:
            check_import(config, ImportSpec(body.table, mapping=body.mapping))
        if any("," in c or "=" in c for pair in body.mapping.items() for c in pair):
            raise AirvaultError("a mapped column name may hold neither ',' nor '='")
        template = ImportTemplate(name=name, table=body.table, mapping=body.mapping)
        return save_template(root, template, user.get_name()).model_dump()
    except AirvaultError as e:
        raise HTTPException(400, str(e)) from None


def _file_columns(config, conf: dict) -> dict[str, str]:
    """Table column -> the file column mapped to it, as the run's conf (and its saved
    mapping) said: the page shows a reject's value as the file had it."""
    mapping = {}
    if conf.get("template") in config.import_mappings:
        mapping.update(config.import_mappings[conf["template"]])
    pairs = (p.split("=", 1) for p in str(conf.get("mapping") or "").split(",") if "=" in p)
    mapping.update((a.strip(), b.strip()) for a, b in pairs)
    return {table: file for file, table in mapping.items()}


def _rejects(config, root, name: str, conf: dict) -> list[dict]:
    """Every problem of the first SHOWN_REJECTS rejected rows of a run (rejects.csv has a
    line per problem): line, column, reason and the row as the file had it."""
    from airvault.exchange.imports import csv_rows

    rel = f"imports/rejects/{name}.csv"
    rows = csv_rows(io.StringIO(root.read_bytes(rel).decode(), newline=""), csv.excel, rel)
    header = next(rows, [])[3:]
    source = _file_columns(config, conf)
    rejects = []
    lines: set[str] = set()
    for r in rows:
        if r[0] not in lines and len(lines) == SHOWN_REJECTS:
            break
        lines.add(r[0])
        row = dict(zip(header, r[3:], strict=False))
        column = source.get(r[1], r[1])  # a reject names the table's column
        rejects.append(
            {
                "line": int(r[0]),
                "column": r[1],
                "file_column": column,
                "reason": r[2],
                "value": row.get(column),
                "row": row,
            }
        )
    return rejects


@router.get("/api/imports/{run_id}", response_model=ImportReport)
def import_report(user: User, run_id: str) -> dict:
    """An import run's state and, once it wrote them, its report and rejects (line, column,
    reason and the row as the file had it); for a failed run, why (from its task's log).
    Rejects and error text quote the file: only for users who may trigger `import` (as its
    download needs); one who may only read the runs gets the report's counts (`withheld`)."""
    require(user, IMPORT_DAG, "GET")
    values = may_see_values(user, IMPORT_DAG)
    api = as_caller(user)
    try:
        run = api.run(IMPORT_DAG, run_id)
    except AirvaultError as e:
        raise HTTPException(404 if "404" in str(e) else 502, str(e)) from None
    config, root = storage_root()
    name = _NAME.sub("_", run_id)  # the folder name the operator gives the run (run_identity)
    report = rejects = None
    if root.exists(f"imports/reports/{name}.json"):
        report = json.loads(root.read_bytes(f"imports/reports/{name}.json"))
        report.pop("rejects", None)
        if values:
            rejects = _rejects(config, root, name, run.get("conf") or {})
        else:
            report = {k: report.get(k) for k in COUNTS}
    failure = None
    if run["state"] == "failed":
        try:
            tasks = task_instances(api, IMPORT_DAG, run_id)
            failure = failed_step(api, IMPORT_DAG, run_id, tasks, values)
        except AirvaultError:
            pass  # the report says what there is to say
    return {
        "run_id": run_id,
        "state": run["state"],
        "link": run_link(api, IMPORT_DAG, run_id),
        "report": report,
        "rejects": rejects,
        "failure": failure,
        "withheld": None if values else WITHHELD,
    }
