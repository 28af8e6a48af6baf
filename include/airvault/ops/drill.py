"""Restore drills: proof that a backup restores, not a hope.

A drill restores the backup into a scratch database (new-database mode: every file's checksums
are checked while it loads), reads every table back and compares row counts and content
checksums with the manifest, runs the configured invariant queries (each returns the number of
rows that break it, e.g. deals without an account), records the evidence in
`drills/<backup id>.json` under the storage root, marks the backup verified (or failed) in its
`verification.json`, and drops the scratch database whatever happened.
"""

from __future__ import annotations

import logging
import secrets
import time
from datetime import UTC, datetime

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from airvault.errors import AirvaultError
from airvault.storage.manifest import VERIFICATION, encode, read_manifest, write_signed
from airvault.storage.models import BackupManifest, DrillEvidence, DrillRecord
from airvault.storage.store import Store
from airvault.storage.uploads import open_backup

log = logging.getLogger("airvault.ops.drill")


def scratch_dsn(admin_dsn: str, backup_id: str) -> str:
    """A DSN for a new, uniquely named scratch database on the admin DSN's server."""
    name = f"airvault_drill_{backup_id}_{secrets.token_hex(3)}"
    return make_conninfo("", **{**conninfo_to_dict(admin_dsn), "dbname": name})


def run_drill(
    backup: str | Store,
    admin_dsn: str,
    evidence_root: Store | None = None,
    invariants: dict[str, str] | None = None,
    row_filters: dict[str, str] | None = None,
) -> DrillEvidence:
    """Drill one backup; return the evidence (also written under `evidence_root`).
    `row_filters`: the installation's, which a filtered backup's check reads with."""
    from airvault.restore.new_database import drop_database
    from airvault.restore.run import check_restored, restore

    store = open_backup(backup)
    manifest = read_manifest(store)
    target = scratch_dsn(admin_dsn, manifest.id)
    started = datetime.now(UTC).replace(microsecond=0)
    t0 = time.monotonic()
    problems: list[str] = []
    checked: dict[str, int] = {}
    rto = None
    try:
        restore(store, target, mode="new-database", roles="auto", progress_root=evidence_root)
        rto = round(time.monotonic() - t0, 3)  # until the database was usable
        tables = [e.qualified for e in manifest.tables]
        problems += check_restored(store, target, tables, True, row_filters)
        with psycopg.connect(target) as conn:
            for name, query in (invariants or {}).items():
                try:
                    row = conn.execute(query, prepare=True).fetchone()
                except psycopg.Error as e:
                    conn.rollback()
                    problems.append(f"invariant {name} could not run: {str(e).strip()}")
                    continue
                if row is None or row[0] is None:  # was a TypeError that ended the drill
                    problems.append(f"invariant {name} returned no count of rows breaking it")
                    continue
                broken = int(row[0])
                checked[name] = broken
                if broken:
                    problems.append(f"invariant {name}: {broken:,} rows break it")
    except (AirvaultError, psycopg.Error) as e:
        problems.append(str(e).strip().splitlines()[0])
    finally:
        try:
            drop_database(target)
        except psycopg.Error:
            log.warning("could not drop the scratch database of the drill")
    evidence = DrillEvidence(
        backup_id=manifest.id,
        backup_url=store.url,
        label=manifest.label,
        kind=manifest.kind,
        scope=manifest.scope,
        drilled_at=started.isoformat(),
        duration_s=round(time.monotonic() - t0, 3),
        rto_s=rto,
        ok=not problems,
        problems=problems,
        tables=len(manifest.tables),
        rows=manifest.rows,
        invariants=checked,
    )
    if evidence_root is not None:
        evidence_root.write_bytes_atomic(f"drills/{manifest.id}.json", encode(evidence))
    verification = DrillRecord(
        ok=evidence.ok, at=started.isoformat(), by="drill", rto_s=rto, problems=problems[:20]
    )
    write_signed(store, VERIFICATION, verification)
    log.info(
        "drill of %s: %s in %.1fs",
        store.url,
        "OK" if evidence.ok else problems,
        evidence.duration_s,
    )
    return evidence


def latest_backups(root: Store, kinds: list[str]) -> list[BackupManifest]:
    """The newest complete backup of each kind and scope among `kinds`."""
    from airvault.storage.manifest import list_backups

    newest: dict[tuple[str, str], BackupManifest] = {}
    for b in list_backups(root)[0]:  # newest first
        if b.kind in kinds:
            newest.setdefault((b.kind, b.scope), b)
    return list(newest.values())
