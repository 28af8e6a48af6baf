"""Airflow's REST API as the caller: actions trigger runs with a short-lived token of the user
the request authenticated, so Airflow records who triggered the run and applies its own
authorization too; run links and task results are read the same way."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from airflow.api_fastapi.app import get_auth_manager
from airflow.api_fastapi.auth.managers.models.base_user import BaseUser
from fastapi import HTTPException

from airvault.airflow.page.auth import require
from airvault.errors import AirvaultError

FORWARDED_TOKEN_S = 300  # life of the token an action uses to call Airflow's REST API


def as_caller(user: BaseUser):
    """Airflow's REST API as the caller: a short-lived token of the user this request
    authenticated, so an action works whatever the state of the cookie the browser sent
    (refreshed by Airflow on this very response, or about to expire)."""
    from airflow.configuration import conf

    from airvault.airflow.rest_client import AirflowAPI

    token = get_auth_manager().generate_jwt(user, expiration_time_in_seconds=FORWARDED_TOKEN_S)
    return AirflowAPI(url=conf.get("api", "base_url").rstrip("/"), token=token)


def run_link(api, dag_id: str, run_id: str) -> str:
    return f"{api.url}/dags/{dag_id}/runs/{run_id}"


def trigger(user: BaseUser, dag_id: str, conf: dict, at: datetime | None = None) -> dict:
    """A run of `dag_id` as the user, now or at `at` (a naive time is UTC): a later run
    waits queued until then."""
    from airvault.airflow.rest_client import schedule

    require(user, dag_id, "POST")
    api = as_caller(user)
    if at is not None and at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    try:
        run, notice = schedule(api, dag_id, conf, at)
    except AirvaultError as e:
        raise HTTPException(400, str(e)) from None
    return {
        "dag_id": dag_id,
        "run_id": run["dag_run_id"],
        "state": run["state"],
        "link": run_link(api, dag_id, run["dag_run_id"]),
        "run_after": run.get("run_after"),
        "notice": notice,
    }


def result_of(api, dag_id: str, run_id: str, task_id: str) -> Any:
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
