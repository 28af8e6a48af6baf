"""Point-in-time restores: a base backup taken while change capture ran, plus its change
segments replayed up to a time, an LSN or the latest change.

The point is built in a scratch database on the target's server, never in the target:
1. the base is restored there (new-database: verified, schema by pg_restore);
2. the segments after the base are replayed in one transaction, in commit order, up to the
   point (capture/replay.py);
3. new-database: the scratch database gets the target's name (one rename). replace / merge:
   the scratch database is backed up (kind "point-in-time", of the tables, module or tenant
   asked for) and that backup is restored like any other: the same plan and dry run, safety
   backup, trigger and cascade rules, one transaction. A tenant's point-in-time restore thus
   touches that tenant's rows only. The scratch database and that backup are removed after.
"""

from __future__ import annotations

import logging
import secrets
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from airvault.backup.run import BackupOptions, run_backup
from airvault.capture.coverage import first_gap, gap_text
from airvault.capture.large_objects import check_restored
from airvault.capture.pgoutput import parse_lsn
from airvault.capture.replay import (
    Point,
    Replayer,
    ReplayStats,
    Schema,
    SchemaChanged,
    parse_point,
    replay_session,
)
from airvault.capture.segments import changes_root as changes_root_of
from airvault.capture.segments import read_chain, read_messages
from airvault.capture.sequences import bounds_at
from airvault.errors import AirvaultError
from airvault.pg.catalog import read_catalog
from airvault.pg.objects import SYSTEM_SCHEMAS
from airvault.pg.scope import RowRules
from airvault.pg.session import connect
from airvault.restore.apply import app_triggers, disable_triggers, enable_triggers, late_columns
from airvault.restore.new_database import drop_database, publish_database, refuse_existing
from airvault.restore.request import RestoreRequest, RestoreTarget
from airvault.restore.run import (
    RestoreResult,
    check_triggers,
    from_options,
    run_restore,
    select_entries,
)
from airvault.storage.crypto import AnyKey
from airvault.storage.models import BackupManifest, ChangeSegment, PointInTime
from airvault.storage.opened import OpenedBackup
from airvault.storage.store import Store

log = logging.getLogger("airvault.restore.run")


@dataclass
class PointInTimeResult:
    base: str
    point: str
    mode: str
    dry_run: bool
    replay: ReplayStats
    restore: RestoreResult | None = None  # replace / merge: the restore of the point
    segments: int = 0
    seconds: float = 0.0
    tables: dict[str, int] = field(default_factory=dict)
    owner_map: dict[str, str] = field(default_factory=dict)  # new-database: owner -> given to

    def summary(self) -> str:
        r = self.replay
        lines = [
            f"point in time {self.point} from base {self.base}:",
            f"  replayed {r.transactions:,} transactions, {r.changes:,} row changes from "
            f"{self.segments} segment(s); last commit {r.last_commit_at or '(none after the base)'}"
            f" at {r.last_commit_lsn or '-'}",
        ]
        lines += [f"  {t}: {n:,} row changes" for t, n in sorted(r.tables.items())]
        if self.restore is not None:
            lines.append(self.restore.summary())
        return "\n".join(lines)

    def to_json(self) -> dict:
        return {
            "base": self.base,
            "point": self.point,
            "mode": self.mode,
            "dry_run": self.dry_run,
            "replay": asdict(self.replay),
            "segments": self.segments,
            "seconds": self.seconds,
            "restore": self.restore.to_json() if self.restore else None,
            "owner_map": self.owner_map,
        }


def _segments_to(manifest: BackupManifest, root: Store, point: Point) -> list[ChangeSegment]:
    """The segments the point needs, after checking the chain covers it."""
    capture = manifest.capture
    assert capture is not None  # point_in_time_restore refused a base without one
    chain = read_chain(root, capture.slot)
    segments = chain.for_base(capture.lsn)
    started = datetime.fromisoformat(manifest.started_at)
    covered = segments[-1].covered_until if segments else manifest.started_at
    if point.time is not None:
        if point.time < started:
            raise AirvaultError(
                f"{point} is before this base was taken ({manifest.started_at}): restore from "
                "an older base"
            )
        if point.time > datetime.fromisoformat(covered):
            raise AirvaultError(
                f"changes of slot {capture.slot} are in storage up to {covered}, not yet to "
                f"{point}: drain first (airvault capture drain) or pick an earlier time"
            )
    if gap := first_gap(segments, capture.lsn):
        at, lsn = datetime.fromisoformat(gap.committed_at), parse_lsn(gap.commit_lsn)
        if (point.time or at) >= at and (point.lsn if point.lsn is not None else lsn) >= lsn:
            raise SchemaChanged(
                f"{gap_text(gap)}: restores from this base reach up to {gap.committed_at}. "
                f"Take a new base backup or restore {point} from a base taken after it "
                "(capture takes one when it finds such a change), or pick an earlier point"
            )
    if point.lsn is not None:
        end = segments[-1].end_lsn if segments else capture.lsn
        if point.lsn < parse_lsn(capture.lsn):
            raise AirvaultError(f"{point} is before this base ({capture.lsn})")
        if point.lsn > parse_lsn(end):
            raise AirvaultError(
                f"changes of slot {capture.slot} are in storage up to {end}, not to {point}"
            )
    return segments


@dataclass
class _Scope:
    """The tables a replay writes, followed through schema changes by their oid: a renamed
    table stays in, a table created after the base comes in (its rows are all in the
    changes), one the restore left out stays out. The app's triggers on them are off while
    the replay writes (on again around each schema change: it may rename their tables)."""

    oids: set[int]  # written
    seen: set[int]  # every table's, so far
    triggers: list = field(default_factory=list)

    @classmethod
    def of(cls, conn: psycopg.Connection, restored: set[str]) -> _Scope:
        named = _table_oids(conn)
        return cls({oid for name, oid in named.items() if name in restored}, set(named.values()))

    def before_change(self, conn: psycopg.Connection) -> None:
        enable_triggers(conn, self.triggers)
        self.triggers = []

    def after_change(self, conn: psycopg.Connection) -> Schema:
        named = _table_oids(conn)
        self.oids |= set(named.values()) - self.seen
        self.seen |= set(named.values())
        catalog = read_catalog(conn, sorted({n.split(".", 1)[0] for n in named}))
        tables = {n: t for n, t in catalog.tables.items() if named.get(n) in self.oids}
        self.triggers = app_triggers(conn, sorted(tables))  # the app's own must not fire again
        disable_triggers(conn, self.triggers)
        late = late_columns(
            [fk for t in tables.values() for fk in t.foreign_keys],
            catalog.order,
            catalog.cycles,
            set(tables),
        )
        return tables, catalog.order, late


def _table_oids(conn: psycopg.Connection) -> dict[str, int]:
    """Every table of the database's own schemas, by qualified name (capture's log of schema
    changes too: its rows are replayed like any, so it holds what the source's did)."""
    rows = conn.execute(
        "SELECT n.nspname || '.' || c.relname, c.oid::bigint FROM pg_class c JOIN pg_namespace n "
        "ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition "
        f"AND {SYSTEM_SCHEMAS}"
    ).fetchall()
    return {name: int(oid) for name, oid in rows}


def replay_segments(
    scratch: str,
    manifest: BackupManifest,
    restored: set[str],
    root: Store,
    segments: list[ChangeSegment],
    point: Point,
    key: AnyKey | None,
) -> ReplayStats:
    """Replay `segments` after the base into the database at `scratch`, built from it with
    the rows of the tables `restored` (the ones written, with those created after the base),
    up to `point`, in one transaction. Also what a synthetic full backup across migrations
    builds its changed tables with (backup/synthetic/migrations.py)."""
    assert manifest.capture is not None  # point_in_time_restore refused a base without one
    with psycopg.connect(scratch) as conn:
        replica = replay_session(conn)
        if not replica:
            log.info(
                "session_replication_role is not granted: the replay writes so that no "
                "foreign-key action fires (in place, in dependency order)"
            )
        conn.commit()
        if not replica:  # a batch passes states the source never had: check at the end
            conn.execute("SET CONSTRAINTS ALL DEFERRED")  # (the deferrable ones)
        scope = _Scope.of(conn, restored)
        tables, order, late = scope.after_change(conn)
        replayer = Replayer(
            conn, tables, manifest.capture.lsn, point, order, replica, late, schema=scope
        )
        for segment in segments:
            if not replayer.feed(read_messages(root, segment, key)):
                break
        replayer.sequences = bounds_at(segments, _drained_by(point, replayer.stats))
        stats = replayer.finish()
        scope.before_change(conn)  # the triggers on again
        conn.commit()
    return stats


def _drained_by(point: Point, stats: ReplayStats) -> datetime | None:
    """What a drain read by then is a lower bound of a sequence at the point: the point's
    time, else the last replayed commit's (None: the latest point, every drain)."""
    if point.time is not None:
        return point.time
    if point.lsn is not None:  # (nothing replayed: no drain's bound applies)
        return datetime.fromisoformat(stats.last_commit_at or "0001-01-01T00:00:00+00:00")
    return None


def _refuse_without_capture(base: OpenedBackup) -> None:
    if base.manifest.capture is None:
        raise AirvaultError(
            f"{base.store.url} was not taken while change capture ran, so no change segment "
            "lines up with it: start capture (airvault capture start), then take a backup, and "
            "restore from that one"
        )


def point_in_time_restore(
    base_url: str | Store, dsn: str, until: str, dry_run: bool = False, **options: Any
) -> PointInTimeResult:
    """restore_to_point() in one call, as a script or a test makes it: `options` are the
    request's fields (mode, tables, roles, owner_map, allow_cascade, ...), the target's
    (safety_root, progress_root, row_filters), `rows` and `changes_root`."""
    rows, changes_root = options.pop("rows", None), options.pop("changes_root", None)
    request, target, base = from_options(base_url, dsn, options, until=until)
    return restore_to_point(
        request, target, base, rows=rows, changes_root=changes_root, dry_run=dry_run
    )


def restore_to_point(
    request: RestoreRequest,
    target: RestoreTarget,
    base: OpenedBackup | None = None,
    *,
    rows: RowRules | None = None,
    changes_root: str | Store | None = None,
    dry_run: bool = False,
) -> PointInTimeResult:
    """Restore the state of the base's database at `request.until` ('latest', an ISO time or
    an LSN) into the target. `rows` (a tenant's rules, from the config's tenancy) narrows a
    replace or merge to one tenant's rows; `changes_root`: where the segments are (default:
    the base's own storage root)."""
    started = time.monotonic()
    point = parse_point(request.until or "latest")
    base = OpenedBackup.open(base or request.source)
    store, manifest, mode = base.store, base.manifest, request.mode
    _refuse_without_capture(base)
    root = changes_root if isinstance(changes_root, Store) else changes_root_of(store, changes_root)
    segments = _segments_to(manifest, root, point)
    if mode == "new-database":
        refuse_existing(target.dsn)
    else:  # what the restore of the point would refuse, before the point is built
        with connect(target.dsn) as conn:
            check_triggers(
                conn, manifest, [e.qualified for e in select_entries(manifest, request.tables)[0]]
            )
    restore_id = secrets.token_hex(4)
    info = conninfo_to_dict(target.dsn)
    scratch = make_conninfo("", **{**info, "dbname": f"airvault_pit_{restore_id}"})
    result = PointInTimeResult(
        store.url,
        str(point),
        mode,
        dry_run,
        ReplayStats(),
        segments=len(segments),
        owner_map=dict(request.owner_map),
    )
    plain = request.model_copy(update={"until": None, "tenant": None})  # each step's restore
    synthetic = None
    try:
        loaded = run_restore(
            plain.model_copy(update={"mode": "new-database"}),
            RestoreTarget(scratch, progress_root=target.progress_root),
            base,
        )
        # only the tables whose rows were loaded (a restore of some tables creates them all)
        restored = {t.table for t in loaded.tables}
        if plain.whole or mode == "new-database":  # the large objects come along
            check_restored(scratch, manifest, segments, point)
        result.replay = replay_segments(
            scratch, manifest, restored, root, segments, point, store.key
        )
        if mode == "new-database":
            if not dry_run:
                publish_database(scratch, target.dsn)
                scratch = ""  # published: nothing to drop
        else:
            synthetic = run_backup(scratch, root, _point_backup(request, base, rows, result, point))
            # just written by this call: no upfront pass (each file is checked as it is staged)
            result.restore = run_restore(
                plain.model_copy(update={"source": synthetic.url}),
                target,
                dry_run=dry_run,
                verify_data=False,
                restore_id=restore_id,
            )
    finally:
        if scratch:
            drop_database(scratch)
        if synthetic is not None:
            root.remove_tree(synthetic.url.removeprefix(root.url).strip("/"))
    result.seconds = round(time.monotonic() - started, 3)
    log.info("%s", result.summary())
    return result


def _point_backup(
    request: RestoreRequest,
    base: OpenedBackup,
    rows: RowRules | None,
    result: PointInTimeResult,
    point: Point,
) -> BackupOptions:
    """The backup of the point built in the scratch database: of the tables, module or tenant
    asked for, encrypted like the base (a key ring: its newest), saying how it was made."""
    stats = result.replay
    return BackupOptions(
        kind="point-in-time",
        scope=(rows.tenant_id if rows and rows.tenant_id else "all"),
        only=request.tables,
        rows=rows or RowRules(),
        label=f"Point in time {point}",
        encryption_key=base.store.key,
        point_in_time=PointInTime(
            base=base.url,
            until=str(request.until),
            last_commit_lsn=stats.last_commit_lsn,
            last_commit_at=stats.last_commit_at,
            transactions=stats.transactions,
            changes=stats.changes,
        ),
    )
