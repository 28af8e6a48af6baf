"""What a backup holds, read inside its snapshot: the schemas, the tables and the rows of each
(module, tenant, row filters, caps), the tables they point at but it leaves out, and the
database-wide objects (extensions, roles, materialized views, the public schema's grants)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

import psycopg

from airvault.backup.options import BackupOptions
from airvault.errors import AirvaultError
from airvault.pg.app_version import read_app_version
from airvault.pg.catalog import Catalog, Table, find_table, read_catalog, select_tables
from airvault.pg.objects import (
    large_object_count,
    list_schemas,
    read_extensions,
    read_matviews,
    read_public_acl,
    read_roles,
)
from airvault.pg.scope import Selection, check_selection, check_tenant, select_rows
from airvault.storage.models import AppVersion, Extension, MaterializedView, Reference, Role

log = logging.getLogger("airvault.backup.run")


@dataclass(frozen=True)
class Contents:
    schemas: list[str]
    catalog: Catalog
    excluded: list[str]  # tables the config leaves out
    selections: list[Selection]  # every table held and its rows, in dependency order
    out_of_scope: list[str]  # tables a tenant backup does not reach
    references: list[str]  # tables pointed at but not held: a restore needs them in the target
    outside: list[Reference]  # foreign keys into schemas left out
    large_objects: int  # how many there are to back up (0: a partial backup holds none)
    app_version: AppVersion | None = None  # the app's migration head, read in the snapshot

    @property
    def tables(self) -> list[Table]:
        return [s.table for s in self.selections]


def choose_contents(leader: psycopg.Connection, opts: BackupOptions, started: datetime) -> Contents:
    """What the backup of `opts` holds, as of the leader's snapshot; errors name a table that
    is not there, a tenant that does not exist, a row filter that does not plan."""
    schemas = list_schemas(leader, opts.schemas, opts.exclude_schemas)
    catalog = read_catalog(leader, schemas)
    tables, excluded = select_tables(catalog, opts.exclude)
    if opts.only is not None:
        found = {n: find_table(catalog.tables, n) for n in opts.only}
        if missing := sorted(n for n, t in found.items() if t is None):
            raise AirvaultError(f"no such table to back up: {', '.join(missing)}")
        wanted = {t.qualified for t in found.values() if t is not None}  # (none is, by now)
        tables = [t for t in tables if t.qualified in wanted]
    check_tenant(leader, catalog, opts.rows)
    # in the snapshot; a bad configured query fails here, before anything is written
    app_version = read_app_version(leader, opts.app_version_query)
    selections, out_of_scope = select_rows(catalog, tables, opts.rows, started)
    for s in selections:
        check_selection(leader, s)
    whole = opts.only is None and opts.rows.tenant_id is None
    contained = {s.table.qualified for s in selections}
    # Parents these tables point at but this backup does not hold (a module's accounts,
    # users, ...; a table of a schema left out): a restore needs them in the target.
    outside = [r for r in catalog.outside_references if r.table in contained]
    pointed_at = {fk.ref_table for s in selections for fk in s.table.foreign_keys}
    references = sorted((pointed_at | {r.ref_table for r in outside}) - contained)
    for r in outside:
        log.warning(
            "%s references %s (%s), outside the schemas backed up: a restore into an empty "
            "database needs it there",
            r.table,
            r.ref_table,
            r.foreign_key,
        )
    return Contents(
        schemas,
        catalog,
        excluded,
        selections,
        out_of_scope,
        references,
        outside,
        large_object_count(leader) if whole else 0,
        app_version,
    )


@dataclass(frozen=True)
class DatabaseObjects:
    """What a restore into an empty database needs besides the tables and the schema dump."""

    extensions: list[Extension]
    roles: list[Role]
    materialized_views: list[MaterializedView]
    public_acl: str | None


def read_database_objects(leader: psycopg.Connection, schemas: list[str]) -> DatabaseObjects:
    return DatabaseObjects(
        extensions=read_extensions(leader),
        roles=read_roles(leader, schemas),
        materialized_views=read_matviews(leader, schemas),
        public_acl=read_public_acl(leader, schemas),
    )
