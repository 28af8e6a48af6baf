"""What a synthetic full backup starts from, and what would keep it from being exact: the
newest base of the capture slot, the tables and rows a real full backup would hold now (read
from the catalog only), and the checks that they are the base's, schema and all."""

from __future__ import annotations

import logging
from collections.abc import Collection
from dataclasses import replace
from datetime import UTC, datetime

import psycopg

from airvault.backup.contents import Contents
from airvault.backup.options import BackupOptions
from airvault.backup.synthetic.fold import SyntheticRefused
from airvault.capture.pgoutput import parse_lsn
from airvault.pg.catalog import read_catalog, select_tables
from airvault.pg.objects import large_object_count, list_schemas
from airvault.pg.scope import select_rows
from airvault.storage.manifest import list_backups
from airvault.storage.models import BackupManifest
from airvault.storage.opened import OpenedBackup
from airvault.storage.store import Store

log = logging.getLogger("airvault.backup.run")

WHOLE_KINDS = ("full", "manual")  # backups of every table and row the config's full takes


def newest_base(
    root: Store, slot: str, database: str, holding: Contents | None = None
) -> OpenedBackup:
    """The whole backup of `database` lined up with capture `slot` that is newest in the
    change stream (by capture LSN), authenticated; a backup whose last verify failed is no
    base. With `holding`: of those, the newest of the same schemas and exclusions where
    there is one (a backup of some schemas only is no base for a full)."""
    bases = [
        m
        for m in list_backups(root)[0]
        if m.capture is not None
        and m.capture.slot == slot
        and m.capture.database == database
        and m.kind in WHOLE_KINDS
        and m.scope == "all"
        and m.authenticated
        and not (m.verification is not None and not m.verification.ok)
    ]
    if not bases:
        raise SyntheticRefused(
            f"no full backup of {database} taken while capture slot {slot} ran is in "
            f"{root.url}: a synthetic full needs one as its base; take a real full backup"
        )
    if holding is not None:
        alike = [
            m
            for m in bases
            if sorted(m.schemas) == sorted(holding.schemas)
            and sorted(m.excluded_tables) == sorted(holding.excluded)
        ]
        bases = alike or bases  # none alike: the newest, which same_tables then refuses
    newest = max(bases, key=lambda m: parse_lsn(m.capture.lsn) if m.capture else 0)
    assert newest.url is not None  # (listing sets it)
    return OpenedBackup.open(root.child(newest.url.removeprefix(root.url).strip("/")))


def synthetic_contents(conn: psycopg.Connection, opts: BackupOptions) -> Contents:
    """What a real full backup would hold now, from the catalog alone (no app table is read);
    SyntheticRefused names what only a read of the app's tables could give."""
    schemas = list_schemas(conn, opts.schemas, opts.exclude_schemas)
    catalog = read_catalog(conn, schemas)
    tables, excluded = select_tables(catalog, opts.exclude)
    selections, _ = select_rows(catalog, tables, opts.rows, datetime.now(UTC))
    for s in selections:
        if s.where is not None:
            raise SyntheticRefused(
                f"{s.table.qualified}: full backups keep only some of its rows (a row filter or "
                "cap of backup.*), which only a read of the table can choose"
            )
    contained = {s.table.qualified for s in selections}
    outside = [r for r in catalog.outside_references if r.table in contained]
    pointed_at = {fk.ref_table for s in selections for fk in s.table.foreign_keys}
    references = sorted((pointed_at | {r.ref_table for r in outside}) - contained)
    if references:
        raise SyntheticRefused(
            f"{references[0]}: tables of the backup point at it and full backups leave it "
            "out; which of their rows point outside the backup needs a read of them"
        )
    if large_object_count(conn):
        raise SyntheticRefused(_LARGE_OBJECTS)
    contents = Contents(schemas, catalog, excluded, selections, [], [], [], 0)
    all_captured(conn, opts.capture_publication, contents)
    return contents


_LARGE_OBJECTS = (
    "pg_largeobject: the database has large objects, which the change stream does not carry"
)


def on_base(
    contents: Contents,
    base: BackupManifest,
    rebuilt: Collection[str] = (),
    replaced: Collection[str] = (),
) -> Contents:
    """`contents`, checked to be what the base holds (but the tables `rebuilt` across
    migrations, and the base's tables they `replaced`), with the base's app version (see
    command._check_app_version)."""
    if base.large_objects is not None and base.large_objects.rows:
        raise SyntheticRefused(_LARGE_OBJECTS)
    same_tables(contents, base, rebuilt, replaced)
    return replace(contents, app_version=base.app_version)


def all_captured(conn: psycopg.Connection, publication: str, contents: Contents) -> None:
    """Every table of the backup is in the capture's publication: one outside it (created
    after `capture start`, unlogged) has changes no segment holds."""
    published = {
        f"{schema}.{name}"
        for schema, name in conn.execute(
            "SELECT schemaname, tablename FROM pg_publication_tables WHERE pubname = %s",
            (publication,),
        )
    }
    missing = [t.qualified for t in contents.tables if t.qualified not in published]
    if missing:
        raise SyntheticRefused(
            f"{missing[0]} is not in the capture's publication {publication} (created after "
            "`capture start`, or unlogged): its changes are not in the segments; run "
            "`airvault capture start` again and take a real full backup"
        )


def same_tables(
    contents: Contents,
    base: BackupManifest,
    rebuilt: Collection[str] = (),
    replaced: Collection[str] = (),
) -> None:
    """The tables now are the base's, column for column and with the same key (those not
    `rebuilt`, of the base's not `replaced`)."""
    held = {e.qualified: e for e in base.tables if e.qualified not in replaced}
    for table in contents.tables:
        if table.qualified in rebuilt:
            continue
        entry = held.pop(table.qualified, None)
        if entry is None:
            raise SyntheticRefused(
                f"{table.qualified} is not in the base {base.url}: it was added (or no longer "
                "excluded) since; take a real full backup"
            )
        now = [(c.name, c.type, c.not_null) for c in table.columns if not c.generated]
        then = [(c.name, c.type, c.not_null) for c in entry.columns]
        if now != then or table.primary_key != entry.primary_key:
            raise SyntheticRefused(
                f"{table.qualified} changed since the base {base.url} (its columns or primary "
                "key): its file cannot be built from the base; take a real full backup"
            )
    if held:
        raise SyntheticRefused(
            f"{sorted(held)[0]} is in the base {base.url} but no longer in a full backup "
            "(dropped or excluded since); take a real full backup"
        )


def check_schema(base: OpenedBackup, text: bytes) -> None:
    """The schema dumped now is the base's (pg_dump's per-run \\restrict key aside): any other
    change (an index, a constraint, a type) makes a real full backup's schema differ."""
    stored = base.store.read_bytes(base.manifest.schema_file.file)
    then = _comparable(base.codec.unseal(stored, base.manifest.schema_file.file))
    now = _comparable(text)
    if then != now:
        at = next((i for i, (a, b) in enumerate(zip(then, now, strict=False)) if a != b), None)
        at = min(len(then), len(now)) if at is None else at
        first = (now + [""])[at] or (then + [""])[at]
        raise SyntheticRefused(
            f"the schema changed since the base {base.url} (first difference: {first!r}); "
            "take a real full backup"
        )


def _comparable(text: bytes) -> list[str]:
    skip = ("\\restrict ", "\\unrestrict ", "-- Dumped ")
    return [line for line in text.decode().splitlines() if not line.startswith(skip)]
