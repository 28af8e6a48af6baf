"""The storage the page reads: the config and its storage root, read on every request, and the
folders a request may name (only one backup, archive or upload folder under the root: 400
else, through storage/confine.py)."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi import HTTPException

ASSETS = Path(__file__).parent  # the page's HTML and scripts, and static/ui/ (the React app)
# what a job's result link may name: an export's file or report, an import's rejects or report
JOB_RESULT = re.compile(
    r"exports/[^/]+/[A-Za-z0-9_.-]+/[^/]+|imports/(rejects/[A-Za-z0-9_.-]+\.csv|reports/[A-Za-z0-9_.-]+\.json)"
)


def storage_root():
    """(config, its storage root as a Store), read now: a config change needs no restart."""
    from airvault.airflow.hook import AirvaultHook
    from airvault.config import load_config

    config = load_config()
    return config, AirvaultHook(config=config).get_store()


def folder(config, root, url: str, kinds: tuple[str, ...]) -> str:
    """One backup / archive / upload folder under the storage root, relative to it (400 else)."""
    from airvault.storage.confine import NotInStorage, confine

    try:
        return confine(root, url, kinds, "url", config.connections.storage, absolute_paths=False)
    except NotInStorage as e:
        raise HTTPException(400, str(e)) from None


def in_copy(config, url: str, copy: str):
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
