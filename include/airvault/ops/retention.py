"""Which backups to keep: a plan that names, for every backup, keep or delete and the rule that
decided it. Planning is pure (no storage access), so it is tested on synthetic histories and
benchmarked on 10,000 backups; `apply_plan` then deletes, manifest first.

Rules, per kind and scope (a tenant's scope may have its own tier):
* unreadable (a manifest from a newer airvault, malformed or not authenticated): always kept
  and reported; retention deletes only what it has read and understood;
* incomplete (no manifest): kept while younger than the grace period or while its writer's
  heartbeat is fresh (a long backup is still running), deleted after;
* pinned (legal hold): always kept, whether or not its manifest can be read;
* keep_last N, keep_days D: the newest N complete backups, those younger than D days;
* grandfather-father-son: the newest backup of each of the last `daily` days, `weekly` ISO
  weeks, `monthly` months and `yearly` years that have one (periods without backups do not
  count, so when backups stop, the old ones are not aged out);
* minimum_good: whatever the rules above say, at least this many good backups (complete and
  verified) are kept, the newest first; so retention never deletes the last good backup while
  new backups are silently failing.
A kind without a policy keeps everything.
* max_size (per kind, over all its scopes): when what the rules above keep of a kind takes
  more, its oldest backups go first until it fits, but never a pinned one nor one that would
  leave its scope fewer good backups than minimum_good; a cap that cannot be met is noted.

Change segments (point-in-time restores) follow the bases: a segment goes only once every kept
base of its slot was taken after it ended, and only from the old end of the chain, so no kept
base ever loses a link of its chain. A slot with no kept base keeps all its segments.

A restore killed before it removed its progress (restores/<id>/writing.json) leaves it behind:
once its heartbeat is stale, retention deletes it.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from pydantic import ByteSize

from airvault.config import RetentionRule
from airvault.errors import AirvaultError
from airvault.progress import STALE_AFTER, heartbeat_fresh, stale_restores
from airvault.storage.manifest import (
    MANIFEST,
    PIN,
    VERIFICATION,
    list_backup_folders,
    stored_bytes,
)
from airvault.storage.models import PinRecord, parse
from airvault.storage.store import Store

log = logging.getLogger("airvault.ops.retention")


@dataclass
class BackupInfo:
    folder: str  # relative to the storage root
    kind: str
    scope: str
    started_at: datetime
    complete: bool = True
    good: bool = False  # complete and verified (by verify or a drill)
    pinned: bool = False
    unreadable: str | None = None  # why its manifest cannot be used
    writing: bool = False  # an incomplete backup whose writer's heartbeat is fresh
    capture: tuple[str, str] | None = None  # a base for point-in-time restores: (slot, LSN)
    bytes: int = 0  # what its files take in storage (complete backups)
    started_us: int = 0  # the start to the microsecond when recorded: orders one second's
    backup_id: str = ""  # and then the id, as storage.manifest.newest_first orders them

    @property
    def start_order(self) -> tuple[datetime, int, str]:
        return (self.started_at, self.started_us, self.backup_id)


@dataclass
class Decision:
    backup: BackupInfo
    keep: bool
    rule: str


@dataclass
class Plan:
    decisions: list[Decision] = field(default_factory=list)
    segments: list[str] = field(default_factory=list)  # change segment manifests to delete
    notes: list[str] = field(default_factory=list)  # e.g. a max_size that cannot be met

    @property
    def deletions(self) -> list[Decision]:
        return [d for d in self.decisions if not d.keep]

    def summary(self, now: datetime) -> str:
        lines = [f"{'action':<7} {'kind':<11} {'scope':<14} {'age':>8}  {'rule':<46} folder"]
        for d in self.decisions:
            b = d.backup
            age = now - b.started_at
            days = f"{age.days}d" if age.days else f"{int(age.total_seconds() // 3600)}h"
            lines.append(
                f"{'keep' if d.keep else 'DELETE':<7} {b.kind:<11} {b.scope[:14]:<14} {days:>8}  "
                f"{d.rule[:46]:<46} {b.folder}"
            )
        kept = sum(d.keep for d in self.decisions)
        lines.append(f"{kept} kept, {len(self.decisions) - kept} to delete")
        if self.segments:
            lines.append(
                f"{len(self.segments)} change segments older than every kept base to delete"
            )
        lines += [f"note: {n}" for n in self.notes]
        return "\n".join(lines)


PERIODS: list[tuple[str, Callable[[datetime], tuple]]] = [
    ("daily", lambda t: (t.year, t.month, t.day)),
    ("weekly", lambda t: tuple(t.isocalendar()[:2])),
    ("monthly", lambda t: (t.year, t.month)),
    ("yearly", lambda t: (t.year,)),
]


def _plan_group(
    backups: list[BackupInfo], policy: RetentionRule | None, now: datetime
) -> list[Decision]:
    """Decisions for one kind and scope; `backups` newest first, all complete."""
    if policy is None:
        return [Decision(b, True, "no retention policy for this kind") for b in backups]
    reasons: dict[int, str] = {}
    for i, b in enumerate(backups):
        if b.pinned:
            reasons[i] = "pinned (legal hold)"
        elif policy.keep_last and i < policy.keep_last:
            reasons[i] = f"keep_last {policy.keep_last}"
        elif policy.keep_days and now - b.started_at <= timedelta(days=policy.keep_days):
            reasons[i] = f"keep_days {policy.keep_days}"
    for name, period_of in PERIODS:
        wanted = getattr(policy, name)
        if not wanted:
            continue
        seen: set[tuple] = set()
        for i, b in enumerate(backups):  # newest first: the first of each period is its newest
            period = period_of(b.started_at)
            if period in seen:
                continue
            seen.add(period)
            if len(seen) > wanted:
                break
            reasons.setdefault(i, f"{name} {wanted}")
    good_kept = sum(1 for i in reasons if backups[i].good)
    for i, b in enumerate(backups):
        if good_kept >= policy.minimum_good:
            break
        if b.good and i not in reasons:
            reasons[i] = f"minimum_good {policy.minimum_good}"
            good_kept += 1
    return [
        Decision(b, i in reasons, reasons.get(i, "not kept by any rule"))
        for i, b in enumerate(backups)
    ]


def human_bytes(n: int) -> str:
    return ByteSize(n).human_readable(decimal=True)


def _cap_size(
    decisions: list[Decision],
    kind: str,
    cap: int,
    policy_for: Callable[[str, str], RetentionRule | None],
) -> str | None:
    """Turn the oldest kept backups of `kind` into deletions until what is kept fits in
    `cap` bytes, sparing pinned ones and the good ones each scope's minimum_good needs;
    a note when it still does not fit."""
    kept = [
        d
        for d in decisions
        if d.keep and d.backup.kind == kind and d.backup.complete and not d.backup.unreadable
    ]
    total = sum(d.backup.bytes for d in kept)
    good = Counter(d.backup.scope for d in kept if d.backup.good)
    for d in sorted(kept, key=lambda d: d.backup.start_order):  # oldest first
        if total <= cap:
            return None
        b = d.backup
        floor = (policy_for(kind, b.scope) or RetentionRule()).minimum_good
        if b.pinned or (b.good and good[b.scope] <= floor):
            continue
        d.keep, d.rule = False, f"max_size {human_bytes(cap)}: oldest first"
        total -= b.bytes
        good[b.scope] -= b.good
    if total <= cap:
        return None
    return (
        f"max_size.{kind} {human_bytes(cap)} cannot be met: {human_bytes(total)} kept, "
        "all pinned or needed by minimum_good"
    )


def plan_retention(
    backups: Iterable[BackupInfo],
    policy_for: Callable[[str, str], RetentionRule | None],
    now: datetime | None = None,
    grace: timedelta = timedelta(hours=6),
    max_size: dict[str, int] | None = None,
) -> Plan:
    """The plan for every backup: grouped by kind and scope, each group by its policy; then
    each kind's max_size (bytes), oldest first."""
    now = now or datetime.now(UTC)
    plan = Plan()
    groups: dict[tuple[str, str], list[BackupInfo]] = {}
    for b in backups:
        if b.pinned and not b.complete:
            plan.decisions.append(Decision(b, True, "pinned"))
        elif b.unreadable:
            plan.decisions.append(Decision(b, True, "unreadable manifest: kept"))
        elif not b.complete:
            young = now - b.started_at < grace
            if b.writing:
                plan.decisions.append(Decision(b, True, "incomplete, still being written"))
            else:
                rule = "incomplete, younger than the grace period" if young else "incomplete"
                plan.decisions.append(Decision(b, young, rule))
        else:
            groups.setdefault((b.kind, b.scope), []).append(b)
    for (kind, scope), members in sorted(groups.items()):
        members.sort(key=lambda b: b.start_order, reverse=True)
        plan.decisions += _plan_group(members, policy_for(kind, scope), now)
    for kind, cap in sorted((max_size or {}).items()):
        if (note := _cap_size(plan.decisions, kind, cap, policy_for)) is not None:
            plan.notes.append(note)
    return plan


def scan(
    root: Store, now: datetime | None = None, stale_after: timedelta = STALE_AFTER
) -> list[BackupInfo]:
    """Every backup folder under `root`, complete or not, with its verified and pinned state
    (an incomplete one is `writing` while its heartbeat is younger than `stale_after`)."""
    now = now or datetime.now(UTC)
    found = []
    for f in list_backup_folders(root):
        kind, scope, name = f.rel.split("/")[-3:]
        started = datetime.strptime(name[:18], "%Y-%m-%dT%H%M%SZ").replace(tzinfo=UTC)
        store = root.child(f.rel)
        manifest = f.manifest
        verification = manifest.verification if manifest else None
        found.append(
            BackupInfo(
                folder=f.rel,
                kind=manifest.kind if manifest else kind,
                scope=manifest.scope if manifest else scope,
                started_at=started,
                complete=manifest is not None,
                good=bool(verification and verification.ok),
                pinned=store.exists(PIN),  # a legal hold needs no manifest to be honoured
                unreadable=f.problem,
                writing=f.incomplete and heartbeat_fresh(store, now, stale_after),
                capture=(manifest.capture.slot, manifest.capture.lsn)
                if manifest and manifest.capture
                else None,
                bytes=stored_bytes(manifest) if manifest else 0,
                started_us=manifest.started_us or 0 if manifest else 0,
                backup_id=name[19:],
            )
        )
    return found


def apply_plan(root: Store, plan: Plan) -> int:
    """Delete what the plan deletes: the manifest first, so a half-deleted backup is never
    listed as restorable; then the rest of the folder. Returns the number deleted."""
    deleted = 0
    for d in plan.deletions:
        remove_backup(root.child(d.backup.folder))
        deleted += 1
        log.info("deleted %s (%s)", root.url_of(d.backup.folder), d.rule)
    for data in plan.segments:  # the manifest first: a segment is never half there
        root.remove_tree(data.rsplit(".pgo", 1)[0] + ".json")
        root.remove_tree(data)
    if plan.segments:
        log.info("deleted %d change segments no kept base needs", len(plan.segments))
    return deleted


def remove_backup(store: Store) -> None:
    """Delete one backup folder: the manifest first, so a half-deleted backup is never listed
    as restorable (what is left is an incomplete folder, which retention removes later)."""
    for marker in (MANIFEST, VERIFICATION):
        if store.exists(marker):
            store.remove_tree(marker)
    store.remove_tree("")


def prune(root: Store, retention, dry_run: bool = False, now: datetime | None = None) -> Plan:
    """Plan retention for every backup under `root` with the config's `retention` settings
    (config.Retention) and, unless dry_run, delete what it does not keep."""
    now = now or datetime.now(UTC)
    stale_after = timedelta(minutes=retention.heartbeat_stale_minutes)
    plan = plan_retention(
        scan(root, now, stale_after),
        retention.policy_for,
        now,
        timedelta(hours=retention.grace_hours),
        {kind: int(cap) for kind, cap in retention.max_size.items()},
    )
    plan.segments = plan_segments(root, plan)
    log.info("retention plan for %s:\n%s", root.url, plan.summary(now))
    if not dry_run:
        apply_plan(root, plan)
        for folder in stale_restores(root, now, stale_after):  # a killed restore's progress
            root.remove_tree(folder)
            log.info("deleted %s: its restore stopped publishing progress", root.url_of(folder))
    return plan


def size_caps(root: Store, retention) -> list[str]:
    """One line per `retention.max_size` cap (config.Retention): what the complete backups of
    its kind take under `root` now, and whether retention will trim them."""
    used: Counter[str] = Counter()
    counted: Counter[str] = Counter()
    for b in scan(root) if retention.max_size else []:
        if b.complete and not b.unreadable:
            used[b.kind] += b.bytes
            counted[b.kind] += 1
    return [
        f"retention.max_size.{kind}: {human_bytes(cap)}; {counted[kind]} {kind} backups take "
        f"{human_bytes(used[kind])} now"
        + (": over, retention deletes the oldest first" if used[kind] > cap else "")
        for kind, cap in sorted(retention.max_size.items())
    ]


def plan_segments(root: Store, plan: Plan) -> list[str]:
    """The change segments (manifest paths) no kept base needs: from the old end of each
    chain, those that ended before the oldest kept base of their slot."""
    from airvault.capture.pgoutput import parse_lsn
    from airvault.capture.segments import CHANGES, read_chain, slot_folder

    oldest: dict[str, int] = {}
    for d in plan.decisions:
        if d.keep and d.backup.capture:
            slot, lsn = d.backup.capture
            oldest[slot] = min(oldest.get(slot, parse_lsn(lsn)), parse_lsn(lsn))
    doomed = []
    for folder in root.glob(f"{CHANGES}/*"):
        slot = folder.rsplit("/", 1)[-1]
        if slot not in oldest:
            continue  # no kept base: whatever base comes next may still need them
        for segment in read_chain(root, slot).segments:
            if parse_lsn(segment.end_lsn) > oldest[slot]:
                break
            doomed.append(f"{slot_folder(slot)}/{segment.file}")
    return doomed


def pin(store: Store, reason: str, unpin: bool = False, by: str | None = None) -> None:
    """Put a backup or an archive on legal hold (retention never deletes it, nor does
    `airvault delete`), or take it off; `by` (who asks) is kept with the hold's time."""
    from airvault.archive.run import is_archive, read_archive_manifest
    from airvault.storage.manifest import encode, read_manifest

    # only complete backups and archives can be pinned
    read_archive_manifest(store) if is_archive(store) else read_manifest(store)
    if unpin:
        store.remove_tree(PIN)
        return
    when = datetime.now(UTC).replace(microsecond=0).isoformat()
    record = PinRecord(reason=reason, pinned_at=when, by=by[:200] if by else None)
    store.write_bytes_atomic(PIN, encode(record))


def read_pin(store: Store) -> PinRecord | None:
    """The legal hold on the backup or archive at `store`, None without one. A pinned.json
    that cannot be read still holds (retention honours the file), so it reads as a hold
    whose reason says so."""
    if not store.exists(PIN):
        return None
    try:
        return parse(PinRecord, json.loads(store.read_bytes(PIN)), store.url_of(PIN))
    except (ValueError, AirvaultError) as e:
        return PinRecord(reason=f"{PIN} cannot be read: {str(e)[:200]}", pinned_at="")
