"""What the Backups page answers first: am I safe? Per kind and scope, the newest good
backup's age against its freshness target and the state of the DAG that takes it (ok, stale,
failing); the last drill and its RTO; runs going on now; storage used; and every airvault DAG's
schedule with its next and last run. Runs and DAGs come from Airflow's REST API as the user,
so a user sees only the DAGs their role lets them read."""

from __future__ import annotations

from typing import Any

from airvault.config import Config
from airvault.ops.health import (
    airvault_dag_file,
    backup_dags,
    capture_of,
    health_report,
    schedule_problems,
)
from airvault.storage.store import Store

ACTIVE = ("queued", "running")


# A failed run of these means data may not be protected; a failed import (a dry run with
# rejects), a cancelled export, a diff or a restore someone ran are jobs: shown, never the
# verdict's concern.
PROTECTING = (
    "full_backup_daily",
    "full_backup_weekly",
    "pg_dump_archive",
    "verify_backup",
    "restore_drill",
    "backup_health",
    "change_capture",
    "retention_cleanup",
)


def protects(dag_id: str) -> bool:
    return dag_id in PROTECTING or dag_id.startswith(("module_backup_", "tenant_backup_"))


def _finding(severity: str, what: str, where: str, since: str | None, fix: str) -> dict:
    """One thing the verdict names: what is wrong, where, since when, and the one action that
    fixes it; red (data may be unprotected) or amber (protected, but not as the targets say)."""
    return {"severity": severity, "what": what, "where": where, "since": since, "fix": fix}


def _card_findings(cards: list[dict], producers: dict[tuple[str, str], list[str]]) -> list[dict]:
    found = []
    for c in cards:
        if c["state"] == "ok":
            continue
        where, dags = f"{c['kind']}/{c['scope']}", producers.get((c["kind"], c["scope"]), [])
        run = c.get("failed_run")
        if run:
            found.append(
                _finding(
                    "red",
                    f"the newest run of {run['dag_id']} failed",
                    where,
                    run["when"],
                    f"read its log ({run['link']}) and run it again",
                )
            )
        elif c.get("verified") is False:
            found.append(
                _finding(
                    "red",
                    "its newest backup failed verification",
                    where,
                    c.get("newest_at"),
                    "take a new backup (Run now) and read verify_backup's log for the damaged file",
                )
            )
        else:
            target = c.get("target_hours")
            what = (
                f"no backup newer than its target of {target:g} h"
                if target is not None and c.get("newest")
                else "no backup yet"
            )
            fix = (
                f"Run now {dags[0]}, and check that it is on"
                if dags
                else ("add a DAG that backs it up (schedules in airvault.yaml)")
            )
            found.append(_finding("amber", what, where, _stale_since(c), fix))
    return found


def _stale_since(card: dict) -> str | None:
    """When the newest backup went past its target: its time plus the target."""
    from datetime import datetime, timedelta

    at, target = card.get("newest_at"), card.get("target_hours")
    if not at or target is None:
        return None
    return (datetime.fromisoformat(at) + timedelta(hours=target)).isoformat()


def _findings(
    cards: list[dict],
    producers: dict[tuple[str, str], list[str]],
    failing: list[dict],
    drill: Any,
    problems: list[tuple[str, str, str | None]],  # (where, what, since)
) -> list[dict]:
    """Everything the verdict names when it is not "yes", red first."""
    found = _card_findings(cards, producers)
    named = {f["what"] for f in found}
    for r in failing:  # verify, drill, health, capture, retention DAGs
        what = f"the newest run of {r['dag_id']} failed"
        if what not in named:
            found.append(
                _finding(
                    "red",
                    what,
                    r["dag_id"],
                    r["when"],
                    f"read its log ({r['link']}) and run it again",
                )
            )
    if drill is not None and drill.ok is False:
        found.append(
            _finding(
                "red",
                "the newest restore drill failed",
                f"{drill.kind}/{drill.scope}",
                drill.drilled_at,
                "read restore_drill's log: the backup may not restore",
            )
        )
    for where, problem, since in problems:
        found.append(_finding("red", problem, where, since, _fix_of(where)))
    if not cards:
        found.append(
            _finding(
                "amber",
                "no backup yet and no freshness target",
                "storage",
                None,
                "Run now full_backup_daily",
            )
        )
    return sorted(found, key=lambda f: f["severity"] != "red")


def _fix_of(where: str) -> str:
    if where == "change capture":
        return "read change_capture's log; `airvault capture status` says what the slot holds"
    return "fix the DAG file or the config key named, then check the DAG imports in Airflow"


def _import_errors(api: Any) -> list[dict]:
    """Airflow's import errors of airvault's DAG files (filename, stack_trace, timestamp), as
    far as the user may read them (none otherwise: the health check reports them anyway)."""
    from airflow.configuration import conf

    from airvault.errors import AirvaultError

    try:
        errors = api.import_errors()
    except AirvaultError:
        return []
    folder = conf.get("core", "dags_folder")
    return [e for e in errors if airvault_dag_file(folder, e["filename"])]


def _broken_since(problem: str, broken: list[dict]) -> str | None:
    """When Airflow found the DAG file a problem names not importing (its import error's time)."""
    from pathlib import Path

    for e in broken:
        if problem.startswith((f"{e['filename']}:", f"{Path(e['filename']).name}:")):
            return e.get("timestamp")
    return None


def _latest_runs(api: Any, limit: int = 200) -> tuple[dict[str, dict], list[dict]]:
    """(newest run per DAG, runs queued or running now) among the newest `limit` runs."""
    runs = api.runs("~", limit=limit)
    latest: dict[str, dict] = {}
    for r in runs:  # newest first
        latest.setdefault(r["dag_id"], r)
    return latest, [r for r in runs if r["state"] in ACTIVE and not _later(r)]


def _later(run: dict) -> bool:
    """A run queued for later (a job with a future run_after): waiting, not running."""
    from datetime import UTC, datetime

    after = run.get("run_after")
    if run["state"] != "queued" or not after:
        return False
    return datetime.fromisoformat(str(after).replace("Z", "+00:00")) > datetime.now(UTC)


def _run(r: dict | None, link) -> dict | None:
    if not r:
        return None
    return {
        "dag_id": r["dag_id"],
        "run_id": r["dag_run_id"],
        "state": r["state"],
        "when": r.get("end_date") or r.get("start_date") or r.get("run_after"),
        "link": link(r["dag_id"], r["dag_run_id"]),
    }


def status(api: Any, config: Config, root: Store, link) -> dict:
    """The status strip: one card per kind and scope with a freshness target or a backup, and
    change capture's RPO (from storage only: the page never asks the app database); the
    verdict is safe only when nothing protecting data needs attention, and names what does,
    an airvault DAG file that does not import too (Airflow's import errors)."""
    report = health_report(
        root, config.health.freshness_hours, write=False, capture=capture_of(config, root)
    )
    airvault = {d["dag_id"] for d in api.dags()}
    broken = _import_errors(api)
    dag_problems = schedule_problems(
        config, airvault, {e["filename"]: e["stack_trace"] for e in broken}
    )
    latest, active = _latest_runs(api)
    producers: dict[tuple[str, str], list[str]] = {}
    for d in backup_dags(config):
        producers.setdefault((d.kind, d.scope), []).append(d.dag_id)
    cards = []
    seen = set()

    def failed_runs(dags: list[str]) -> list[dict]:
        return [latest[d] for d in dags if latest.get(d, {}).get("state") == "failed"]

    for s in report.scopes:
        key = (s.kind, s.scope)
        seen.add(key)
        failed = failed_runs(producers.get(key, []))
        state = "failing" if failed or s.verified is False else "ok" if s.ok else "stale"
        failed_run = _run(failed[0] if failed else None, link)
        cards.append({**s.to_json(), "state": state, "failed_run": failed_run})
    for key, dags in producers.items():  # taken by a DAG but nothing usable yet
        failed = failed_runs(dags)
        target = config.health.freshness_hours.get(key[0])
        if key not in seen and (failed or target is not None):
            cards.append(
                {
                    "kind": key[0],
                    "scope": key[1],
                    "newest": None,
                    "age_hours": None,
                    "target_hours": target,
                    "ok": False,
                    "verified": None,
                    "state": "failing" if failed else "stale",
                    "failed_run": _run(failed[0] if failed else None, link),
                }
            )
    failed = [r for d, r in sorted(latest.items()) if d in airvault and r["state"] == "failed"]
    protecting = [r for r in failed if protects(r["dag_id"])]
    failing = [_run(r, link) for r in protecting]
    jobs_failed = [_run(r, link) for r in failed if not protects(r["dag_id"])]
    drills = report.last_drills
    capture = report.capture
    problems: list[tuple[str, str, str | None]]
    problems = [("change capture", p, None) for p in (capture.problems if capture else [])]
    problems += [("DAGs", p, _broken_since(p, broken)) for p in dag_problems]
    runs = [r for r in failing if r]
    findings = _findings(cards, producers, runs, drills[0] if drills else None, problems)
    return {
        "checked_at": report.checked_at,
        "safe": not findings,
        "findings": findings,  # what the verdict names: what, where, since, the fix
        "attention": [f"{f['where']}: {f['what']}" for f in findings],
        "jobs_failed": jobs_failed,  # imports, exports, diffs, restores: not the verdict's
        "capture": capture.to_json() if capture else None,  # the RPO card
        "cards": sorted(
            cards,
            key=lambda c: ({"failing": 0, "stale": 1, "ok": 2}[c["state"]], c["kind"], c["scope"]),
        ),
        "drill": drills[0].to_json() if drills else None,
        "running": [_run(r, link) for r in active if r["dag_id"] in airvault],
        "failing": failing,
        "storage": {
            "by_kind": report.bytes_by_kind,
            "total": sum(report.bytes_by_kind.values()),
        },
        "problems": report.problems,
    }


def schedules(api: Any, link) -> list[dict]:
    """Every airvault DAG the user may read: its schedule in words, on or off, next and last run."""
    latest, _ = _latest_runs(api)
    rows = []
    for d in api.dags():
        scheduled = bool(d.get("timetable_summary")) and d.get("timetable_summary") != "None"
        rows.append(
            {
                "dag_id": d["dag_id"],
                # airvault's crons are UTC (CronTriggerTimetable's default timezone here)
                "schedule": f"{d.get('timetable_description')} UTC"
                if scheduled
                else "manual (no schedule)",
                "scheduled": scheduled,
                "paused": d["is_paused"],
                "next_run": d.get("next_dagrun_run_after")
                if scheduled and not d["is_paused"]
                else None,
                "last_run": _run(latest.get(d["dag_id"]), link),
            }
        )
    return rows


def modules(config: Config, root: Store) -> list[dict]:
    """A card per module of the config: its tables with their record counts in the newest
    backup that holds the module (a module backup, or a full one), and when that was."""
    from airvault.storage.manifest import list_backups

    backups, _ = list_backups(root)  # newest first
    cards = []
    for name, module in config.modules.items():
        newest = next(
            (
                b
                for b in backups
                if name in b.modules
                and b.kind in ("module", "full")
                and (b.kind == "full" or b.scope == name)
            ),
            None,
        )
        counts = {t.qualified: t.rows for t in newest.tables} if newest else {}
        bare = {q.split(".", 1)[1]: rows for q, rows in counts.items()}
        cards.append(
            {
                "module": name,
                "dag_id": f"module_backup_{name}",
                "backup": {
                    "label": newest.label,
                    "url": newest.url,
                    "kind": newest.kind,
                    "started_at": newest.started_at,
                }
                if newest
                else None,
                "tables": [{"table": t, "rows": counts.get(t, bare.get(t))} for t in module.tables],
                "rows": newest.modules[name].rows if newest else None,
            }
        )
    return cards


def running_backups(root: Store) -> list[dict]:
    """Backups being written now, with the progress their writer publishes in its heartbeat
    (tables done, rows, MB, MB/s); a folder whose writer stopped beating is not running. Only
    heartbeats are read (the page asks every few seconds while one runs), never manifests."""
    from datetime import UTC, datetime

    from airvault.progress import HEARTBEAT, beat_fresh, read_heartbeat
    from airvault.storage.manifest import MANIFEST, is_backup_folder

    now = datetime.now(UTC)
    running = []
    for rel in root.glob(f"backups/*/*/*/{HEARTBEAT}"):
        folder = rel.rsplit("/", 1)[0]
        store = root.child(folder)
        beat = read_heartbeat(store)
        if beat is None or not is_backup_folder(folder) or not beat_fresh(beat, now):
            continue  # no beat, not a backup folder, or its writer is gone
        if store.exists(MANIFEST):
            continue  # it completed just now
        running.append(_running("backup", folder, beat))
    return running


def _running(what: str, folder: str, beat: dict) -> dict:
    """One row of "Running now": a backup or restore, its host, last beat and progress (typed
    and cut short: the file is unsigned)."""
    from airvault.progress import published_progress

    return {
        "type": what,
        "folder": folder,
        "host": str(beat.get("host") or "")[:200],
        "at": str(beat["at"])[:40],
        "progress": published_progress(beat),
    }


def running_restores(root: Store) -> list[dict]:
    """Restores running now (and restore plans, which stage every row too), with the progress
    they publish in restores/<restore id>/writing.json; one whose beat stopped is not running."""
    from datetime import UTC, datetime

    from airvault.progress import HEARTBEAT, RESTORES, beat_fresh, read_heartbeat

    now = datetime.now(UTC)
    running = []
    for rel in root.glob(f"{RESTORES}/*/{HEARTBEAT}"):
        folder = rel.rsplit("/", 1)[0]
        beat = read_heartbeat(root.child(folder))
        if beat is not None and beat_fresh(beat, now):
            running.append(_running("restore", folder, beat))
    return running


def running_jobs(root: Store) -> list[dict]:
    """Exports, imports and archives running now, with the progress they publish in
    running/<kind>/<id>/writing.json (progress.publishing_job); one whose beat stopped is not
    running. Each row's `type` is its kind."""
    from datetime import UTC, datetime

    from airvault.progress import HEARTBEAT, JOBS, beat_fresh, read_heartbeat

    now = datetime.now(UTC)
    running = []
    for rel in root.glob(f"{JOBS}/*/*/{HEARTBEAT}"):
        folder = rel.rsplit("/", 1)[0]
        kind = folder.split("/")[1]
        beat = read_heartbeat(root.child(folder))
        if kind in ("export", "import", "archive") and beat is not None and beat_fresh(beat, now):
            running.append(_running(kind, folder, beat))
    return running
