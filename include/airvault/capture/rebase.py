"""A new base at once after a schema change the replay cannot cross: point-in-time coverage
from older bases ends at it, and goes on from the new one."""

from __future__ import annotations

import logging

from airvault.backup.options import BackupOptions
from airvault.backup.run import BackupResult, run_backup
from airvault.capture.coverage import gap_text
from airvault.capture.drain import DrainResult
from airvault.storage.store import Store

log = logging.getLogger("airvault.capture")


def new_base_after_gaps(
    drained: DrainResult, dsn: str, root: Store, options: BackupOptions
) -> BackupResult | None:
    """When the drain found such a change: a full backup of the app database (the config's
    settings, `options`) lined up with the slot, named after the gap. None when it found none."""
    if not drained.gaps:
        return None
    gap = drained.gaps[-1]
    log.warning("%s: taking a new base so that point-in-time coverage goes on", gap_text(gap))
    options.kind, options.scope, options.only = "full", "all", None
    options.capture_slot = drained.slot
    options.label = f"Base after a schema change at {gap.committed_at} ({gap.what})"
    return run_backup(dsn, root, options)
