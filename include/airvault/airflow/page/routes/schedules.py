"""Schedules: every airvault DAG the user may read, its schedule in words, on or off, next and
last run; switching one on or off and running one now, through Airflow's REST API as the
user (Airflow checks the right too)."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel

from airvault.airflow.page.auth import User, allowed, require
from airvault.airflow.page.calls import as_caller, run_link, trigger
from airvault.airflow.page.models import BackupNaming, Paused, ScheduleList, Triggered
from airvault.errors import AirvaultError

router = APIRouter()


@router.get("/api/schedules", response_model=ScheduleList)
def schedule_list(user: User) -> dict:
    """Every airvault DAG the user may read: schedule in words, on/off, next and last run,
    and whether this user may switch it and run it."""
    from airvault.airflow.page.safety import schedules

    api = as_caller(user)
    try:
        rows = schedules(api, lambda d, r: run_link(api, d, r))
    except AirvaultError as e:
        raise HTTPException(502, str(e)) from None
    for row in rows:
        row["may_switch"] = allowed(user, row["dag_id"], "PUT", entity=None)
        row["may_run"] = allowed(user, row["dag_id"], "POST")
    return {"schedules": rows}


class Switch(BaseModel):
    paused: bool


def airvault_dag(api, dag_id: str) -> None:
    """Only airvault's DAGs are switched or run from this page (404 else)."""
    if dag_id not in {d["dag_id"] for d in api.dags()}:
        raise HTTPException(404, f"'{dag_id[:100]}' is not an airvault DAG")


@router.post("/api/schedules/{dag_id}/paused", response_model=Paused)
def switch_schedule(user: User, dag_id: str, body: Switch) -> dict:
    """Pause or unpause a DAG through the REST API, as the user (Airflow checks it too)."""
    if not allowed(user, dag_id, "PUT", entity=None):
        raise HTTPException(403, f"user '{user.get_name()}' may not pause or unpause {dag_id}")
    api = as_caller(user)
    airvault_dag(api, dag_id)
    try:
        dag = api.set_paused(dag_id, body.paused)
    except AirvaultError as e:
        raise HTTPException(502, str(e)) from None
    return {"dag_id": dag_id, "paused": dag["is_paused"]}


@router.post("/api/schedules/{dag_id}/run", response_model=Triggered)
def run_now(user: User, dag_id: str, body: BackupNaming | None = None) -> dict:
    """Run a DAG now (a paused DAG with its own schedule is refused, saying so); a backup DAG
    with the label and note given."""
    from airvault.config import load_config
    from airvault.ops.health import backup_dags

    require(user, dag_id, "POST")
    api = as_caller(user)
    airvault_dag(api, dag_id)
    if needed := api.required_params(dag_id):  # Airflow's answer is a raw schema error
        raise HTTPException(
            400,
            f"{dag_id} needs values for {', '.join(needed)}: trigger it "
            f"from its page in Airflow, which shows its form ({api.url}/dags/{dag_id})",
        )
    takes_backups = dag_id in {d.dag_id for d in backup_dags(load_config())}
    return trigger(user, dag_id, body.conf() if body and takes_backups else {})
