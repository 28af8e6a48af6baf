"""What the Backups page's endpoints answer (their OpenAPI schema, from which the React app's
TypeScript types are generated: ui/src/api/schema.d.ts) and the requests several of them take.

Answers are checked against these models on the way out, so a field the page's scripts read
keeps its type; `extra="allow"` keeps what a model does not name yet (the core's documents
grow), rather than dropping it silently."""

from __future__ import annotations

from typing import Any

from fastapi import HTTPException
from pydantic import BaseModel, ConfigDict, Field

from airvault.errors import AirvaultError


class Answer(BaseModel):
    model_config = ConfigDict(extra="allow")


# -- requests --------------------------------------------------------------------------------


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


class Target(BaseModel):
    url: str


# -- runs ------------------------------------------------------------------------------------


class Triggered(Answer):
    """A run this request started (or queued until `run_after`), and its page in Airflow."""

    dag_id: str
    run_id: str
    state: str
    link: str
    run_after: str | None = None
    notice: str | None = None


class RunRef(Answer):
    """A run as the status names it: which, how it ended, when, where to read its log."""

    dag_id: str
    run_id: str
    state: str
    when: str | None = None
    link: str


class RunState(Answer):
    state: str
    link: str
    plan: Any = None  # a restore's plan (the `plan` task's result)
    diff: Any = None  # a diff's summary


# -- backups ---------------------------------------------------------------------------------


class Drill(Answer):
    ok: bool | None = None
    rto_s: float | None = None
    drilled_at: str | None = None


class Pin(Answer):
    """A legal hold: why, when, who (None for a hold put on before who was kept)."""

    reason: str
    pinned_at: str
    by: str | None = None


class BackupRow(Answer):
    """One backup or archive as listed (ops/inventory.py's InventoryRow), with its last drill."""

    type: str
    id: str
    label: str | None = None
    note: str | None = None
    kind: str
    scope: str
    started_at: str | None = None
    age: str
    tables: int | None = None
    rows: int
    bytes: int
    duration_s: float | None = None
    encrypted: bool
    verified: str
    url: str | None = None
    app_version: str | None = None
    copies: dict[str, str] = {}
    drill: Drill | None = None
    pinned: Pin | None = None  # its legal hold (POST /api/pin)


class BackupList(Answer):
    storage: str
    backups: list[BackupRow]
    incomplete: list[str]
    kinds: list[str]
    copies: list[str]
    exports: list[dict[str, Any]]
    scopes: list[str]
    user: str
    restore_targets: list[str]
    upload_max_mb: float
    may: dict[str, bool]


class Links(Answer):
    expires_s: int
    links: dict[str, str]


class Uploaded(Answer):
    url: str
    label: str | None = None
    id: str
    left_out: int
    pruned: list[str]


# -- the status: am I safe? ------------------------------------------------------------------


class Finding(Answer):
    """One thing the verdict names: what, where, since when, and the one action that fixes it."""

    severity: str  # red: data may be unprotected; amber: protected, not as the targets say
    what: str
    where: str
    since: str | None = None
    fix: str


class ScopeCard(Answer):
    """The freshness of one kind and scope against its target."""

    kind: str
    scope: str
    newest: str | None = None
    newest_at: str | None = None
    age_hours: float | None = None
    target_hours: float | None = None
    ok: bool
    verified: bool | None = None
    state: str  # ok, stale or failing
    failed_run: RunRef | None = None


class Storage(Answer):
    by_kind: dict[str, int]
    total: int


class SafetyStatus(Answer):
    """Am I safe? `safe` only when `findings` is empty."""

    checked_at: str
    safe: bool
    findings: list[Finding]
    attention: list[str]
    jobs_failed: list[RunRef | None]
    capture: dict[str, Any] | None = None
    cards: list[ScopeCard]
    drill: dict[str, Any] | None = None
    running: list[RunRef | None]
    failing: list[RunRef | None]
    storage: Storage
    problems: list[str]


class Running(Answer):
    running: list[dict[str, Any]]


class ModuleCards(Answer):
    modules: list[dict[str, Any]]


# -- schedules -------------------------------------------------------------------------------


class Schedule(Answer):
    dag_id: str
    schedule: str | None = None
    scheduled: bool | None = None
    paused: bool
    next_run: str | None = None
    last_run: RunRef | None = None
    may_switch: bool
    may_run: bool


class ScheduleList(Answer):
    schedules: list[Schedule]


class Paused(Answer):
    dag_id: str
    paused: bool


# -- restore wizard --------------------------------------------------------------------------


class RestoreOptions(Answer):
    url: str
    label: str | None = None
    kind: str
    scope: str
    tables: list[dict[str, Any]]
    modules: list[dict[str, Any]]
    modes: list[str]
    targets: list[str]
    copies: list[str] = []  # what `copy` may name
    copy_name: str = Field("", alias="copy")  # the copy read from ("": the storage root)
    confirm_word: str
    point_in_time: dict[str, Any] | None = None


class Step(Answer):
    step: str
    state: str


class RestoreProgress(Answer):
    run_id: str
    state: str
    link: str
    dry_run: bool
    mode: str
    target: str | None = None
    steps: list[Step]
    plan: Any = None
    restore_id: str | None = None
    safety_backup: str | None = None
    undo: str | None = None
    # the undo with its target and keys read from their Airflow connections, by id
    undo_script: str | None = None
    undo_keys: str
    applied: Any = None
    check: Any = None
    failure: dict[str, Any] | None = None


# -- imports, exports and jobs ---------------------------------------------------------------


class CsvPreview(Answer):
    file: str
    name: str
    columns: list[str]
    mappings: list[dict[str, Any]]
    tables: dict[str, list[str]]


class ImportReport(Answer):
    run_id: str
    state: str
    link: str
    report: dict[str, Any] | None = None
    rejects: list[dict[str, Any]] | None = None
    failure: dict[str, Any] | None = None
    withheld: str | None = None


class Job(Answer):
    dag_id: str
    run_id: str
    what: str
    link: str
    state: str  # pending, running, done, failed, cancelled
    run_after: str | None = None
    ended: str | None = None
    asked_by: str | None = None
    note: str | None = None
    records: int | None = None
    files: list[dict[str, str]]
    may_cancel: bool


class JobList(Answer):
    jobs: list[Job]
    may_download: bool
    datasets: list[str]


class Cancelled(Answer):
    dag_id: str
    run_id: str
    state: str


# -- deletions -------------------------------------------------------------------------------


class Deleted(Answer):
    deleted: dict[str, Any]


class DeletionLog(Answer):
    deletions: list[dict[str, Any]]
    problems: list[str]
    may_delete: bool


# -- the React app's DAG tab -----------------------------------------------------------------


class DagBackups(Answer):
    """A DAG's kind and scope (None: it takes no backups) and that scope's newest backups."""

    dag_id: str
    kind: str | None = None
    scope: str | None = None
    backups: list[BackupRow]
    may_restore: bool
