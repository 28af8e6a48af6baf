"""The Backups page's exports: the form's choices (every declared dataset, modules and tables,
with their columns; formats; the recurring exports of the config; the saved templates), an
export of one dataset or several (in one ZIP) now or at a time, and named export templates
saved, listed, reused and deleted (exchange/templates.py: stored under the storage root, where
`airvault export --template NAME` reads them too).

A recurring export is an `export_<name>` DAG of the config (`exports:` in airvault.yaml):
the form lists them with their schedules, and `/api/exports/recurring` turns the form's
choices into the entry to add there (what that DAG takes: a dataset, a format, raw or
readable, a time zone), and with `add` also adds it on the page (schedule_additions.py).

Same rules as every endpoint of the page: an Airflow user; the right to read runs of
`export` to see the choices and templates, to trigger it to export or to save or delete a
template; Airflow's REST API as the caller. Every choice, typed or from a template, is checked
by the core (declared datasets, no secret column) before a run is made, and by the DAG again."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel, ValidationError

from airvault.airflow.page.auth import User, may_trigger, require
from airvault.airflow.page.calls import trigger
from airvault.airflow.page.models import Triggered
from airvault.airflow.page.storage import storage_root
from airvault.errors import AirvaultError
from airvault.exchange.templates import EXPORT_FORMATS, ExportChoices, ExportTemplate

router = APIRouter()
EXPORT_DAG = "export"


class ModuleChoice(BaseModel):
    name: str
    tables: list[str]


class RecurringChoice(BaseModel):
    name: str
    dag_id: str
    dataset: str
    schedule: str
    format: str
    readable: bool
    timezone: str


class ExportOptions(BaseModel):
    """Everything the export form offers this user."""

    modules: list[ModuleChoice]
    tables: dict[str, list[str]]  # declared table -> its columns (secret ones left out)
    formats: list[str]
    tenant_column: str
    recurring: list[RecurringChoice]
    templates: list[ExportTemplate]
    template_problems: list[str]  # stored templates that cannot be read, and why


class ExportForm(ExportChoices):
    """The form: its choices, or a saved template's (`template`); now or at `run_after`."""

    datasets: list[str] = []  # (one at least: checked in choices())
    dataset: str = ""  # one dataset (what the form sent before several could be chosen)
    template: str = ""
    run_after: datetime | None = None  # later: the run waits queued until then (naive: UTC)

    def choices(self, root) -> ExportChoices:
        from airvault.exchange.templates import read_template

        if self.template:
            return read_template(root, "export", self.template).choices  # type: ignore[union-attr]
        fields = self.model_dump(exclude={"dataset", "template", "run_after", "datasets"})
        return ExportChoices(datasets=self.datasets or [self.dataset], **fields)


class SaveTemplate(BaseModel):
    name: str
    choices: ExportChoices


class RecurringForm(BaseModel):
    name: str
    schedule: str  # cron, UTC
    choices: ExportChoices
    add: bool = False  # also add it on the page now (an export_<name> DAG: schedule_additions)


class RecurringEntry(BaseModel):
    dag_id: str
    yaml: str  # the entry to add under `exports:` in airvault.yaml
    left_out: list[str]  # choices a recurring export does not take
    added: bool = False  # added on the page as well (its DAG appears in seconds)


def _bad(e: Exception) -> HTTPException:
    text = (
        str(e)
        if isinstance(e, AirvaultError)
        else "; ".join(
            f"{'.'.join(map(str, x['loc'])) or 'body'}: {x['msg']}"
            for x in e.errors()  # type: ignore[attr-defined]
        )
    )
    return HTTPException(400, text)


@router.get("/api/exports/options")
def export_options(user: User) -> ExportOptions:
    from airvault.airflow.page.routes.imports import _tables
    from airvault.exchange.templates import list_templates

    require(user, EXPORT_DAG, "GET")
    config, root = storage_root()
    templates, problems = list_templates(root, "export")
    return ExportOptions(
        modules=[
            ModuleChoice(name=n, tables=list(m.tables)) for n, m in sorted(config.modules.items())
        ],
        tables=_tables(config, root),
        formats=list(EXPORT_FORMATS),
        tenant_column=config.tenancy.column,
        recurring=[
            RecurringChoice(name=n, dag_id=f"export_{n}", **job.model_dump())
            for n, job in sorted(config.exports.items())
        ],
        templates=[t for t in templates if isinstance(t, ExportTemplate)],
        template_problems=problems,
    )


@router.post("/api/exports", dependencies=[may_trigger(EXPORT_DAG)])
def export(user: User, body: ExportForm) -> Triggered:
    """Export the form's datasets (or a saved template's) now, or at `run_after`: several in
    one ZIP with format zip; a single ZIP dataset must be a module (its tables)."""
    config, root = storage_root()
    try:
        choices = body.choices(root)
        if choices.format == "zip" and len(choices.datasets) == 1:
            if choices.datasets[0] not in config.modules:
                raise AirvaultError(
                    f"a ZIP bundles a module's tables: '{choices.datasets[0]}' is not a module "
                    "(choose several datasets for one ZIP of them)"
                )
        choices.check(config)  # the core's checks, which the DAG runs again
        conf = choices.conf()
    except (AirvaultError, ValidationError) as e:
        raise _bad(e) from None
    return Triggered(**trigger(user, EXPORT_DAG, conf, body.run_after))


@router.post("/api/exports/templates", dependencies=[may_trigger(EXPORT_DAG, "save templates")])
def save_export_template(user: User, body: SaveTemplate) -> ExportTemplate:
    """Save the form's choices by name (replacing a template of that name), checked first."""
    from airvault.exchange.templates import checked_name, save_template

    config, root = storage_root()
    try:
        body.choices.check(config)
        body.choices.conf()  # what the DAG could not take is refused now, not at use
        template = ExportTemplate(name=checked_name(body.name), choices=body.choices)
        saved = save_template(root, template, user.get_name())
    except AirvaultError as e:
        raise _bad(e) from None
    assert isinstance(saved, ExportTemplate)
    return saved


class TemplateDeleted(BaseModel):
    deleted: str  # the template's name


@router.delete(
    "/api/exports/templates/{name}",
    response_model=TemplateDeleted,
    dependencies=[may_trigger(EXPORT_DAG, "delete templates")],
)
def delete_export_template(user: User, name: str) -> dict:
    from airvault.exchange.templates import delete_template

    _, root = storage_root()
    try:
        delete_template(root, "export", name)
    except AirvaultError as e:
        raise HTTPException(404, str(e)) from None
    return {"deleted": name}


@router.post("/api/exports/recurring")
def recurring_entry(user: User, body: RecurringForm) -> RecurringEntry:
    """The `exports:` entry of airvault.yaml that runs these choices on a schedule (an
    `export_<name>` DAG once the file is read), checked as the config checks it."""
    import yaml

    from airvault.config import RecurringExport

    require(user, EXPORT_DAG, "GET")
    config = storage_root()[0]
    c = body.choices
    try:
        c.check(config)
        if len(c.datasets) != 1 or c.format == "zip":
            raise AirvaultError("a recurring export takes one dataset and one file format (no zip)")
        job = RecurringExport(
            dataset=c.datasets[0],
            schedule=body.schedule,
            format=c.format,
            readable=c.readable,
            timezone=c.timezone,
        )
        from airvault.exchange.templates import checked_name

        name = checked_name(body.name)
    except (AirvaultError, ValidationError) as e:
        raise _bad(e) from None
    left = [
        k
        for k in ("columns", "filters", "tenant", "date_column", "since", "until")
        if getattr(c, k)
    ]
    left += ["short_ids"] if c.short_ids else []
    text = yaml.safe_dump({"exports": {name: job.model_dump()}}, sort_keys=False)
    if body.add:  # a job added on the page, as the Schedules tab adds one (same checks, rights)
        from airvault.airflow.page.routes.schedule_settings import add_job

        fields = {"dataset": job.dataset, "format": job.format, "readable": job.readable}
        add_job(
            user,
            f"export_{name}",
            {"kind": "export", "name": name, "cron": job.schedule, "export_timezone": job.timezone}
            | fields,
        )
    return RecurringEntry(dag_id=f"export_{name}", yaml=text, left_out=left, added=body.add)
