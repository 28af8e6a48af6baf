"""Are backups happening? The age of the newest usable backup per kind and scope against a
freshness target, incomplete folders, storage used per kind and the last drill result."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from airvault.config import Config
from airvault.storage.manifest import encode, list_backup_folders, newest_first
from airvault.storage.models import (
    BackupManifest,
    CaptureHealth,
    DrillRecord,
    DrillSummary,
    HealthReport,
    ScopeHealth,
    ScopeVerification,
    UnreadableFolder,
)
from airvault.storage.store import Store

HEALTH = "health.json"


@dataclass(frozen=True)
class BackupDag:
    """A DAG that takes one kind and scope of backup, and the config key of its schedule."""

    dag_id: str
    kind: str
    scope: str
    key: str
    schedule: str | None


def backup_dags(config: Config) -> list[BackupDag]:
    """Every DAG the config makes that takes backups (the names the DAG files give them)."""
    return [
        BackupDag(
            "full_backup_daily",
            "full",
            "all",
            "schedules.full_backup_daily",
            config.schedules.full_backup_daily,
        ),
        BackupDag(
            "full_backup_weekly",
            "full",
            "all",
            "schedules.full_backup_weekly",
            config.schedules.full_backup_weekly,
        ),
        *(
            BackupDag(f"module_backup_{n}", "module", n, f"modules.{n}.schedule", m.schedule)
            for n, m in config.modules.items()
        ),
        *(
            BackupDag(
                f"tenant_backup_{n}", "tenant", n, f"tenancy.backups.{n}.schedule", t.schedule
            )
            for n, t in config.tenancy.backups.items()
        ),
        *(  # second module backup DAGs added on the Backups page (schedule_additions.py)
            BackupDag(a.dag_id, "module", str(a.module), f"added.{a.dag_id}", a.cron)
            for a in (config.edits.added.values() if config.edits is not None else ())
            if a.kind == "module"
        ),
    ]


def airvault_dag_file(folder: str, name: str) -> bool:
    """Whether a DAG file (absolute, or relative to the DAGs folder, as Airflow's import
    errors name it) is one of airvault's, not a user's own: it builds its DAGs from airvault."""
    try:
        return "airvault" in Path(folder, name).read_text(errors="replace")
    except OSError:
        return False


def schedule_problems(
    config: Config, dag_ids: set[str], import_errors: dict[str, str]
) -> list[str]:
    """What would let backups silently stop: an airvault DAG file that does not import
    (`import_errors`: file -> Airflow's error), and a scheduled backup of the config whose
    DAG is not among `dag_ids` (the DAGs Airflow parsed), naming file, DAG and key; and a
    schedule edit of the Backups page left out (the config's schedule runs instead)."""
    problems = [
        f"{file}: the DAG file does not import, so its DAGs and their schedules are gone: "
        f"{(error.strip().splitlines() or ['?'])[-1][:300]}"
        for file, error in sorted(import_errors.items())
    ]
    if config.edits is not None:  # schedule edits of the page left out: not what was asked
        problems += [
            f"{p}: edit or revert that schedule on the Backups page" for p in config.edits.problems
        ]
    for d in backup_dags(config):
        if d.schedule and d.dag_id not in dag_ids:
            problems.append(
                f"{d.dag_id}: scheduled by {d.key} ({d.schedule}) but Airflow has no such DAG: "
                "these backups are not running"
            )
    return problems


def health_report(
    root: Store,
    freshness_hours: dict[str, float],
    now: datetime | None = None,
    write: bool = True,
    capture: CaptureHealth | None = None,
    dag_problems: list[str] | None = None,
    drills: list[DrillSummary] | None = None,
    copies: list | None = None,
) -> HealthReport:
    """The report (also written to health.json unless not `write`: a page that only shows it);
    `problems` lists every missed target, change capture's too (`capture`, when it runs), and
    the `dag_problems` (schedule_problems) of the Airflow side. `drills`: drill_summaries
    already read by the caller; with `copies` (ops.copies.CopySite each), a newest backup
    that a copy lacks an hour after it was taken."""
    now = now or datetime.now(UTC)
    folders = list_backup_folders(root)
    backups = newest_first(f.manifest for f in folders if f.manifest)
    incomplete = [f for f in folders if f.incomplete]
    unreadable = [UnreadableFolder(folder=f.rel, problem=f.problem) for f in folders if f.problem]
    newest: dict[tuple[str, str], BackupManifest] = {}
    used: dict[str, int] = {}
    for b in backups:  # newest first
        used[b.kind] = used.get(b.kind, 0) + sum(t.file_bytes for t in b.tables)
        if not (b.verification and b.verification.ok is False):
            newest.setdefault((b.kind, b.scope), b)
    problems = []
    scopes = []
    for (kind, scope), b in sorted(newest.items()):
        age_h = (now - datetime.fromisoformat(b.started_at)).total_seconds() / 3600
        target = freshness_hours.get(kind)
        stale = target is not None and age_h > target
        if stale:
            problems.append(
                f"{kind}/{scope}: the newest usable backup is {age_h:.1f} h old (target {target} h)"
            )
        scopes.append(
            ScopeHealth(
                kind=kind,
                scope=scope,
                newest=b.url,
                newest_at=b.started_at,
                age_hours=round(age_h, 2),
                target_hours=target,
                ok=not stale,
                verified=b.verification.ok if b.verification else None,
            )
        )
    for kind, target in freshness_hours.items():
        if not any(k == kind for k, _ in newest):
            problems.append(f"{kind}: no usable backup at all (target {target} h)")
    for u in unreadable:  # kept by retention; someone must look at them
        problems.append(f"{u.folder}: cannot be used: {u.problem}")
    copy_summary = {}
    if copies:
        copy_summary = _copies_of_newest(list(newest.values()), root, copies, now, problems)
    if capture is not None:
        problems += capture.problems
    problems += dag_problems or []
    report = HealthReport(
        checked_at=now.replace(microsecond=0).isoformat(),
        ok=not problems,
        problems=problems,
        scopes=scopes,
        incomplete_folders=len(incomplete),
        unreadable=unreadable,
        bytes_by_kind=used,
        last_drills=(drill_summaries(root) if drills is None else drills)[:10],
        capture=capture,
        verifications=last_verifications(backups),
        copies=copy_summary,
    )
    if write:
        root.write_bytes_atomic(HEALTH, encode(report))
    return report


def last_verifications(backups: list[BackupManifest]) -> list[ScopeVerification]:
    """Per kind and scope, the newest verification recorded on any of its backups (newest
    first), failed ones included."""
    found: dict[tuple[str, str], ScopeVerification] = {}
    for b in backups:
        v = b.verification
        if v is not None and (b.kind, b.scope) not in found:
            found[(b.kind, b.scope)] = ScopeVerification(
                kind=b.kind,
                scope=b.scope,
                backup_id=b.id,
                ok=v.ok,
                at=v.at,
                by="drill" if isinstance(v, DrillRecord) else "verify",
            )
    return [found[k] for k in sorted(found)]


def _copies_of_newest(
    newest: list[BackupManifest], root: Store, copies: list, now: datetime, problems: list[str]
) -> dict[str, dict[str, int]]:
    """copy name -> {state: count} over each scope's newest usable backup; the ones a copy
    lacks (past ops.copies.COPY_GRACE) join `problems`: one place holding them is not enough."""
    from airvault.ops.copies import copy_problems, copy_states

    states = copy_states(root, [b.url or "" for b in newest], copies)
    problems += copy_problems(
        [(f"{b.kind}/{b.scope}", b.url or "", b.started_at) for b in newest], states, now
    )
    summary: dict[str, dict[str, int]] = {site.name: {} for site in copies}
    for per_copy in states.values():
        for name, state in per_copy.items():
            summary[name][state] = summary[name].get(state, 0) + 1
    return summary


def capture_of(config: Config, root: Store, dsn: str | None = None) -> CaptureHealth | None:
    """Change capture's health when the config turns it on (with `dsn`, the slot's WAL too)."""
    cap = config.capture
    if not cap.enabled:
        return None
    from airvault.ops.capture_health import capture_health

    return capture_health(
        root, cap.slot, dsn, cap.publication, cap.max_lag_minutes, cap.max_retained_wal_mb
    )


def drill_summaries(root: Store) -> list[DrillSummary]:
    """Every drill's evidence (drills/<backup id>.json) as a typed summary, newest first; an
    unreadable or malformed file is left out (the file is unsigned)."""
    drills = []
    for rel in root.glob("drills/*.json"):
        try:
            d = json.loads(root.read_bytes(rel))
            drills.append(DrillSummary.model_validate(d if isinstance(d, dict) else {}))
        except (ValueError, FileNotFoundError):  # a ValidationError is a ValueError
            continue
    return sorted(drills, key=lambda d: d.drilled_at or "", reverse=True)
