"""Am I safe? The status the page and the React app's verdict read (safety.py: freshness per
kind and scope, failing protection runs, the last drill, capture's RPO, storage used), what is
running now, and each module's newest backup."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException

from airvault.airflow.page.auth import User, allowed, require
from airvault.airflow.page.calls import as_caller, run_link
from airvault.airflow.page.models import ModuleCards, Running, SafetyStatus
from airvault.airflow.page.storage import storage_root
from airvault.errors import AirvaultError

router = APIRouter()


@router.get("/api/status", response_model=SafetyStatus)
def safety_status(user: User) -> dict:
    """Am I safe? Freshness per kind and scope, failing and running runs, the last drill,
    storage used (see safety.status)."""
    from airvault.airflow.page.safety import status

    require(user, "restore", "GET")
    config, root = storage_root()
    api = as_caller(user)
    try:
        return status(api, config, root, lambda d, r: run_link(api, d, r))
    except AirvaultError as e:
        raise HTTPException(502, str(e)) from None


@router.get("/api/running", response_model=Running)
def running_now(user: User) -> dict:
    """Backups being written, restores, exports, imports and archives running now, and how
    far each is (from the
    heartbeat each publishes while it runs)."""
    from airvault.airflow.page.safety import running_backups, running_jobs, running_restores

    require(user, "restore", "GET")
    _, root = storage_root()
    return {"running": running_backups(root) + running_restores(root) + running_jobs(root)}


@router.get("/api/modules", response_model=ModuleCards)
def module_cards(user: User) -> dict:
    """Each module's tables and record counts from its newest backup, and whether this user
    may back it up now."""
    from airvault.airflow.page.safety import modules

    require(user, "restore", "GET")
    config, root = storage_root()
    cards = modules(config, root)
    for c in cards:
        c["may_backup"] = allowed(user, c["dag_id"], "POST")
    return {"modules": cards}
