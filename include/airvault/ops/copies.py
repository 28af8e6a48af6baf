"""Copies in a second place (3-2-1): the config's `copies` are further storages that every
completed backup, archive and change segment is copied to (storage/copies.py copies one
folder), each with its own retention; their state per backup (ok, incomplete, missing) for
`airvault list`, the Backups page and the health check."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from airvault.config import Config, Retention
from airvault.errors import AirvaultError
from airvault.storage.copies import Copied, archive_files, backup_files, copy_folder, copy_segment
from airvault.storage.manifest import MANIFEST, is_backup_folder
from airvault.storage.store import Store

log = logging.getLogger("airvault.ops.copies")
OK, INCOMPLETE, MISSING, UNREACHABLE = "ok", "incomplete", "missing", "unreachable"
# A backup younger than this may still be on its way to the copies (the copy task runs after
# verify): the health check does not count it missing yet.
COPY_GRACE = timedelta(hours=1)


@dataclass
class CopySite:
    """One configured copy: its name, its storage root (holding the primary's keys) and its
    retention settings."""

    name: str
    store: Store
    retention: Retention


@dataclass
class SiteResult:
    """What copying to one site did."""

    name: str
    url: str
    folders: list[Copied] = field(default_factory=list)
    segments: int = 0

    @property
    def files_copied(self) -> int:
        return sum(len(c.copied) for c in self.folders)

    def line(self) -> str:
        kept = sum(len(c.kept) for c in self.folders)
        return (
            f"{self.name} ({self.url}): {len(self.folders)} folders, {self.files_copied} "
            f"files copied, {kept} already there, {self.segments} change segments"
        )


def open_sites(
    config: Config,
    primary: Store,
    open_url: Callable[[str, str | None], Store],
    only: str | None = None,
) -> list[CopySite]:
    """The config's copies (or only the one named `only`), each opened with `open_url(url,
    conn_id)` and reading manifests with the primary's keys."""
    if only is not None and only not in config.copies:
        known = ", ".join(sorted(config.copies)) or "none configured"
        raise AirvaultError(f"copy '{only}' is not in the config's copies ({known})")
    sites = []
    for name, copy in config.copies.items():
        if only is not None and name != only:
            continue
        store = open_url(config.resolve_url(copy.url), copy.conn_id)
        store.key, store.signing, store.trust_unsigned = (
            primary.key,
            primary.signing,
            primary.trust_unsigned,
        )
        sites.append(CopySite(name, store, config.copy_retention(name)))
    return sites


def relative_to(root: Store, url: str) -> str:
    """The folder of `url` relative to `root` (a backup or archive listed under it)."""
    prefix = root.url.rstrip("/") + "/"
    if not url.startswith(prefix):
        raise AirvaultError(f"{url} is not under the storage root {root.url}")
    return url.removeprefix(prefix).rstrip("/")


def copy_one(root: Store, rel: str, site: CopySite) -> Copied:
    """Copy (or resume copying) the backup or archive folder `rel` of `root` to `site`."""
    source, dest = root.child(rel), site.store.child(rel)
    if is_backup_folder(rel):
        return copy_folder(source, dest, backup_files(source))
    if rel.startswith("archives/") and rel.count("/") == 1:
        return copy_folder(source, dest, archive_files(source))
    raise AirvaultError(f"{root.url_of(rel)} is not a backup or archive folder: nothing to copy")


def copy_segments(root: Store, site: CopySite) -> int:
    """Every change segment `site` lacks, from where its oldest base needs them (older ones
    its retention deleted stay deleted); returns how many were copied. Cheap when nothing is
    missing (a listing per slot on each side): the capture DAG calls it every minute."""
    from airvault.capture.pgoutput import parse_lsn
    from airvault.capture.segments import CHANGES, read_segment_manifest, slot_folder

    oldest: dict[str, int] | None = None
    written = 0
    for folder in root.glob(f"{CHANGES}/*"):
        slot = folder.rsplit("/", 1)[-1]
        source, dest = root.child(slot_folder(slot)), site.store.child(slot_folder(slot))
        missing = sorted(set(source.glob("*.json")) - set(dest.glob("*.json")))
        for rel in missing:
            segment = read_segment_manifest(source, rel)
            oldest = _oldest_bases(site.store) if oldest is None else oldest
            if slot in oldest and parse_lsn(segment.end_lsn) <= oldest[slot]:
                continue
            written += copy_segment(source, dest, rel, segment)
    return written


def _oldest_bases(store: Store) -> dict[str, int]:
    """slot -> the LSN of the oldest base backup in `store` taken while capture ran."""
    from airvault.capture.pgoutput import parse_lsn
    from airvault.storage.manifest import list_backups

    oldest: dict[str, int] = {}
    for m in list_backups(store)[0]:
        if m.capture:
            lsn = parse_lsn(m.capture.lsn)
            oldest[m.capture.slot] = min(oldest.get(m.capture.slot, lsn), lsn)
    return oldest


def wanted_backups(root: Store, site: CopySite, now: datetime | None = None) -> list[str]:
    """The complete backups of `root` that the copy's retention would keep were they there:
    what a full copy run brings over (what it would delete next is not copied at all)."""
    from airvault.ops.retention import plan_retention, scan

    retention = site.retention
    plan = plan_retention(
        scan(root, now), retention.policy_for, now, timedelta(hours=retention.grace_hours)
    )
    return [
        d.backup.folder
        for d in plan.decisions
        if d.keep and d.backup.complete and not d.backup.unreadable
    ]


def sync_site(root: Store, site: CopySite, rels: list[str] | None = None) -> SiteResult:
    """Copy `rels` (backup or archive folders of `root`) to `site`, then the change segments
    it lacks; without `rels`, everything the copy should hold (wanted_backups, archives)."""
    from airvault.archive.run import list_archives

    result = SiteResult(site.name, site.store.url)
    if rels is None:
        rels = wanted_backups(root, site) + [
            relative_to(root, a.url or "") for a in list_archives(root)
        ]
    for rel in rels:
        result.folders.append(copy_one(root, rel, site))
    result.segments = copy_segments(root, site)
    log.info("%s", result.line())
    return result


def sync(root: Store, sites: list[CopySite], rels: list[str] | None = None) -> list[SiteResult]:
    """sync_site for every site; a site that fails does not stop the others, and the error
    names every failed site at the end (what did copy stays, and a re-run resumes). A fault
    of the storage is raised as OSError (a task's retries resume it), anything else as the
    AirvaultError it is (a source that does not match its manifest: retrying cannot help)."""
    results, failures, transient = [], [], True
    for site in sites:
        try:
            results.append(sync_site(root, site, rels))
        except Exception as e:  # noqa: BLE001 (named per site below, then raised)
            log.error("copy to %s failed: %s", site.name, e)
            failures.append(f"copy {site.name} ({site.store.url}): {e}")
            transient = transient and not isinstance(e, AirvaultError)
    if failures:
        message = "; ".join(failures) + " (run `airvault copy` again to resume)"
        raise OSError(message) if transient else AirvaultError(message)
    return results


def site_states(site: CopySite) -> dict[str, str]:
    """folder -> ok (its manifest is there) or incomplete (files without a manifest), for
    every backup and archive folder of the copy; anything else is missing there."""
    store = site.store
    states = {rel: INCOMPLETE for rel in [*store.glob("backups/*/*/*"), *store.glob("archives/*")]}
    for pattern in (f"backups/*/*/*/{MANIFEST}", f"archives/*/{MANIFEST}"):
        for rel in store.glob(pattern):
            states[rel.removesuffix(f"/{MANIFEST}")] = OK
    return states


def copy_states(root: Store, urls: list[str], sites: list[CopySite]) -> dict[str, dict[str, str]]:
    """url -> {copy name: ok | incomplete | missing | unreachable} for folders listed under
    `root`: a copy that cannot be listed does not stop the listing of the root."""
    per_site: dict[str, dict[str, str] | None] = {}
    for site in sites:
        try:
            per_site[site.name] = site_states(site)
        except Exception as e:  # noqa: BLE001 (storage down, credentials refused: shown as such)
            log.warning("copy %s (%s) cannot be listed: %s", site.name, site.store.url, e)
            per_site[site.name] = None
    found = {}
    for url in urls:
        rel = relative_to(root, url)
        found[url] = {
            name: UNREACHABLE if states is None else states.get(rel, MISSING)
            for name, states in per_site.items()
        }
    return found


@dataclass
class SiteFigures:
    """What one copy holds, for the metrics: the newest usable backup per (kind, scope) (its
    start time), the bytes of its backups per kind and its folders without a manifest;
    `reachable` False when it cannot be listed (a bucket gone, credentials refused)."""

    name: str
    reachable: bool = True
    newest: dict[tuple[str, str], str] = field(default_factory=dict)
    bytes_by_kind: dict[str, int] = field(default_factory=dict)
    incomplete: int = 0


def site_figures(site: CopySite) -> SiteFigures:
    """The figures of `site`, read as the health check reads the root: a backup that failed
    verification is not the newest usable one (its verification.json follows it there)."""
    from airvault.storage.manifest import list_backup_folders, newest_first

    try:
        folders = list_backup_folders(site.store)
    except Exception as e:  # noqa: BLE001 (storage down, credentials refused: shown as such)
        log.warning("copy %s (%s) cannot be listed: %s", site.name, site.store.url, e)
        return SiteFigures(site.name, reachable=False)
    found = SiteFigures(site.name, incomplete=sum(f.incomplete for f in folders))
    for b in newest_first(f.manifest for f in folders if f.manifest):
        found.bytes_by_kind[b.kind] = found.bytes_by_kind.get(b.kind, 0) + sum(
            t.file_bytes for t in b.tables
        )
        if not (b.verification and b.verification.ok is False):
            found.newest.setdefault((b.kind, b.scope), b.started_at)
    return found


def copy_problems(
    newest: list[tuple[str, str, str]], states: dict[str, dict[str, str]], now: datetime
) -> list[str]:
    """For the health check: each scope's newest usable backup ((kind/scope, url, started
    at) each) that a copy lacks once it is older than COPY_GRACE."""
    problems = []
    for label, url, started in newest:
        if now - datetime.fromisoformat(started) < COPY_GRACE:
            continue
        for name, state in states.get(url, {}).items():
            if state != OK:
                problems.append(
                    f"{label}: the newest backup is {state} in copy {name} "
                    f"({url}); run `airvault copy` to resume"
                )
    return problems


def prune_sites(sites: list[CopySite], dry_run: bool = False, now: datetime | None = None):
    """Retention on every copy with its own rules (ops/retention.prune): name -> Plan."""
    from airvault.ops.retention import prune

    now = now or datetime.now(UTC)
    return {s.name: prune(s.store, s.retention, dry_run=dry_run, now=now) for s in sites}
