"""A new base at once after a schema change the replay cannot cross: point-in-time coverage
from older bases ends at it, and goes on from the new one."""

from __future__ import annotations

import logging

from airvault.backup.options import BackupOptions
from airvault.backup.run import BackupResult, run_backup
from airvault.capture.coverage import first_gap, gap_text
from airvault.capture.drain import DrainResult
from airvault.capture.large_objects import of_large_objects
from airvault.capture.pgoutput import parse_lsn
from airvault.capture.segments import read_chain
from airvault.storage.models import SchemaChangeNote
from airvault.storage.store import Store

log = logging.getLogger("airvault.capture")


def new_base_after_gaps(
    drained: DrainResult, dsn: str, root: Store, options: BackupOptions
) -> BackupResult | None:
    """When the drain found such a change: a full backup of the app database (the config's
    settings, `options`) lined up with the slot, named after the gap. None when it found none."""
    if not drained.gaps:
        return None
    return _take(drained.gaps[-1], drained.slot, dsn, root, options)


def new_base_after_streamed_gap(
    slot: str, dsn: str, root: Store, options: BackupOptions
) -> BackupResult | None:
    """The same for a streamed slot (`airvault capture stream` writes the segments, the
    change_capture DAG checks them): a new base when a gap came after the newest base."""
    from airvault.ops.retention import scan

    bases = [b.capture[1] for b in scan(root) if b.capture and b.capture[0] == slot]
    if not bases:
        return None
    newest = max(bases, key=parse_lsn)
    gap = first_gap(read_chain(root, slot).segments, newest)
    return _take(gap, slot, dsn, root, options) if gap else None


def _take(
    gap: SchemaChangeNote, slot: str, dsn: str, root: Store, options: BackupOptions
) -> BackupResult:
    log.warning("%s: taking a new base so that point-in-time coverage goes on", gap_text(gap))
    options.kind, options.scope, options.only = "full", "all", None
    options.capture_slot = slot
    change = "a change of large objects" if of_large_objects(gap) else "a schema change"
    options.label = f"Base after {change} at {gap.committed_at} ({gap.what})"
    return run_backup(dsn, root, options)
