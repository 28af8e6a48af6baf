"""Why a run of the page's failed, in one line: the error its failed task logged (read through
Airflow's REST API as the user, who needs the right to read task logs), so the wizard and the
imports can say "no table 'x'" instead of "see its log"."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from airvault.errors import AirvaultError

SHOWN = 500  # characters of the error shown


def task_instances(api: Any, dag_id: str, run_id: str) -> list[dict]:
    """The run's task instances (task_id, state, try_number, ...), as the user may read them."""
    path = f"/api/v2/dags/{quote(dag_id, safe='')}/dagRuns/{quote(run_id, safe='')}/taskInstances"
    return api._call("GET", path)["task_instances"]


def task_error(api: Any, dag_id: str, run_id: str, task_id: str, try_number: int) -> str | None:
    """The message of the exception a failed task ended with, or its last error line; None
    when the log cannot be read or holds none."""
    path = (
        f"/api/v2/dags/{quote(dag_id, safe='')}/dagRuns/{quote(run_id, safe='')}"
        f"/taskInstances/{quote(task_id, safe='')}/logs/{max(1, try_number)}?full_content=true"
    )
    try:
        entries = api._call("GET", path).get("content") or []
    except AirvaultError:
        return None
    for entry in reversed([e for e in entries if isinstance(e, dict)]):
        for detail in reversed(entry.get("error_detail") or []):
            if isinstance(detail, dict) and detail.get("exc_value"):
                return str(detail["exc_value"])[:SHOWN]
        if entry.get("level") == "error" and entry.get("event"):
            return str(entry["event"])[:SHOWN]
    return None


def failed_step(
    api: Any, dag_id: str, run_id: str, tasks: list[dict], values: bool = True
) -> dict | None:
    """{step, error} of the first failed task among `tasks` (the run's task instances). An
    error may quote the data the task read: without `values` it is not even read (None)."""
    failed = next((t for t in tasks if t.get("state") == "failed"), None)
    if failed is None:
        return None
    if not values:
        return {"step": failed["task_id"], "error": None}
    error = task_error(api, dag_id, run_id, failed["task_id"], int(failed.get("try_number") or 1))
    return {"step": failed["task_id"], "error": error}
