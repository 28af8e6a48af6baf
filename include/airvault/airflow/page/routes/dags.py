"""What the React app's tab on a DAG's page in Airflow shows: for a DAG that takes backups, the
kind and scope it backs up and that scope's backups, newest first (its runs, schedule and next
run come from /api/schedules)."""

from __future__ import annotations

from fastapi import APIRouter

from airvault.airflow.page.auth import User, allowed, require
from airvault.airflow.page.models import DagBackups
from airvault.airflow.page.storage import storage_root

router = APIRouter()
SHOWN = 50  # newest backups listed


@router.get("/api/dags/{dag_id}/backups", response_model=DagBackups)
def dag_backups(user: User, dag_id: str) -> dict:
    from airvault.ops.health import backup_dags
    from airvault.ops.inventory import inventory

    require(user, "restore", "GET")
    require(user, dag_id, "GET")
    config, root = storage_root()
    taken = next((d for d in backup_dags(config) if d.dag_id == dag_id), None)
    may_restore = allowed(user, "restore", "POST")  # whether the tab offers Restore…
    if taken is None:
        return {"dag_id": dag_id, "backups": [], "may_restore": may_restore}
    found, _ = inventory(root)
    rows = [r.to_json() for r in found if (r.kind, r.scope) == (taken.kind, taken.scope)]
    return {
        "dag_id": dag_id,
        "kind": taken.kind,
        "scope": taken.scope,
        "backups": rows[:SHOWN],
        "may_restore": may_restore,
    }
