"""Which rows of each table a backup takes.

A full backup takes every row. Three controls narrow that, per table:

* tenant: only one tenant's rows. Tables with the tenant column keep the rows of that tenant;
  tables without it that hang off a tenant table by a NOT NULL foreign key (inventory movements
  of the tenant's products) keep the rows of the tenant's parents; shared tables the kept rows
  point at (auth users, lookup tables) keep exactly the referenced rows ("reference" role), so
  the backup is closed under its foreign keys and holds nothing else of other tenants. Tables
  with no path to the tenant are out of scope.
* row filters: a SQL predicate per table from the config (e.g. `is_demo = false`).
* caps on append-only logs: the newest N rows or the last D days by a timestamp column.

Each table's selection is one WHERE clause, recorded in the manifest with `replace_where`: the
rows a replace restore is authoritative for (it deletes target rows there that the backup
lacks, and nothing outside). References and newest-N caps are never authoritative (FALSE).
"""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TypeVar

import psycopg
from psycopg import sql

from airvault.errors import AirvaultError, IntegrityError
from airvault.pg.catalog import Catalog, ForeignKey, Table, find_table
from airvault.pg.rows import one_row
from airvault.storage.models import BackupManifest, DanglingReference

V = TypeVar("V")

NEVER = sql.SQL("FALSE")


@dataclass
class Cap:
    column: str = "created_at"
    newest: int | None = None  # keep the newest N rows by `column`
    days: int | None = None  # keep the rows of the last D days by `column`

    def __post_init__(self) -> None:
        if (self.newest is None) == (self.days is None):
            raise AirvaultError("a cap needs exactly one of 'newest' or 'days'")
        if (self.newest or self.days or 0) < 1:
            raise AirvaultError(f"a cap must be at least 1, not {self.newest or self.days}")


@dataclass
class RowRules:
    tenant_id: str | None = None
    tenant_table: str = "public.organizations"
    tenant_column: str = "organization_id"
    row_filters: dict[str, str] = field(default_factory=dict)  # table -> SQL predicate
    caps: dict[str, Cap] = field(default_factory=dict)  # table -> cap

    def to_json(self) -> dict:
        tenant = None
        if self.tenant_id is not None:
            tenant = {
                "id": self.tenant_id,
                "table": self.tenant_table,
                "column": self.tenant_column,
            }
        return {
            "tenant": tenant,
            "row_filters": self.row_filters,
            "caps": {
                t: {k: v for k, v in vars(c).items() if v is not None} for t, c in self.caps.items()
            },
        }


@dataclass
class Selection:
    table: Table
    role: str  # "all", "tenant", "tenant-child" or "reference"
    where: sql.Composable | None = None  # None: every row
    replace_where: sql.Composable | None = None  # None: the whole table
    row_filter: str | None = None
    cap: dict | None = None

    def manifest_fields(self) -> dict:
        render = lambda q: None if q is None else q.as_string(None)  # noqa: E731
        return {
            "role": self.role,
            "partial": self.where is not None,
            "where": render(self.where),
            "replace_where": render(self.replace_where),
            "row_filter": self.row_filter,
            "cap": self.cap,
        }


def _and(*parts: sql.Composable | None) -> sql.Composable | None:
    kept = [p for p in parts if p is not None]
    if not kept:
        return None
    return sql.SQL(" AND ").join(sql.SQL("({})").format(p) for p in kept)


def _cols(names: list[str]) -> sql.Composable:
    return sql.SQL("({})").format(sql.SQL(", ").join(map(sql.Identifier, names)))


def _in_rows(cols: list[str], table: str, src_cols: list[str], where: sql.Composable | None):
    """(cols) IN (SELECT src_cols FROM table WHERE where): unqualified names in `where` resolve
    to `table`, the innermost scope."""
    schema, name = table.split(".", 1)
    return sql.SQL("{} IN (SELECT {} FROM {} WHERE {})").format(
        _cols(cols),
        sql.SQL(", ").join(map(sql.Identifier, src_cols)),
        sql.Identifier(schema, name),
        where if where is not None else sql.SQL("TRUE"),
    )


def _lookup(rules: Mapping[str, V], table: Table) -> tuple[str, V] | None:
    for key, value in rules.items():
        if key in (table.qualified, table.name) or fnmatch.fnmatchcase(table.name, key):
            return key, value
    return None


def _tenant_roles(
    catalog: Catalog, tables: list[Table], rules: RowRules
) -> dict[str, tuple[str, sql.Composable]]:
    """{table: (role, where)} of the tables a tenant backup holds (before filters and caps)."""
    root = _find(catalog, rules.tenant_table, "tenant table")
    tenant = sql.Literal(rules.tenant_id)
    roles: dict[str, tuple[str, sql.Composable]] = {}
    for t in tables:  # parents first: a child's parent is decided before the child
        names = {c.name for c in t.columns}
        if t.qualified == root.qualified:
            roles[t.qualified] = (
                "tenant",
                sql.SQL("{} = {}").format(sql.Identifier(root.primary_key[0]), tenant),
            )
        elif rules.tenant_column in names:
            roles[t.qualified] = (
                "tenant",
                sql.SQL("{} = {}").format(sql.Identifier(rules.tenant_column), tenant),
            )
        elif fk := _owning_key(t, roles):
            parent_where = roles[fk.ref_table][1]
            roles[t.qualified] = (
                "tenant-child",
                _in_rows(fk.columns, fk.ref_table, fk.ref_columns, parent_where),
            )
    return roles


def _owning_key(t: Table, roles: dict) -> ForeignKey | None:
    """A NOT NULL foreign key to a tenant table: every row of `t` belongs to one tenant row."""
    not_null = {c.name for c in t.columns if c.not_null}
    for fk in t.foreign_keys:
        if fk.ref_table in roles and fk.ref_table != t.qualified and set(fk.columns) <= not_null:
            return fk
    return None


def _find(catalog: Catalog, name: str, what: str) -> Table:
    table = find_table(catalog.tables, name)
    if table is None:
        raise AirvaultError(f"{what} '{name}' is not a table of the backed-up schemas")
    return table


def _check_rules_name_tables(tables: list[Table], rules: RowRules) -> None:
    known = {t.qualified for t in tables} | {t.name for t in tables}
    for what, keys in (("row filter", rules.row_filters), ("cap", rules.caps)):
        for key in keys:
            if not any(fnmatch.fnmatchcase(n, key) for n in known):
                raise AirvaultError(f"{what} for '{key}': no such table in this backup")


def select_rows(
    catalog: Catalog, tables: list[Table], rules: RowRules, now: datetime
) -> tuple[list[Selection], list[str]]:
    """(the selection of every table the backup holds, in order; tables out of scope)."""
    _check_rules_name_tables(tables, rules)
    base: Mapping[str, tuple[str, sql.Composable | None]]
    if rules.tenant_id is None:
        base = {t.qualified: ("all", None) for t in tables}
    else:
        base = _tenant_roles(catalog, tables, rules)
    chosen: dict[str, Selection] = {}
    for t in tables:
        if t.qualified in base:
            role, where = base[t.qualified]
            chosen[t.qualified] = _narrow(Selection(t, role, where, where), rules, now)
    if rules.tenant_id is not None:
        # Shared tables: the rows the kept rows point at, children first so that a
        # reference of a reference is followed too.
        for t in reversed(tables):
            if t.qualified in chosen:
                continue
            sources = [
                _in_rows(fk.ref_columns, s.table.qualified, fk.columns, s.where)
                for s in list(chosen.values())
                for fk in s.table.foreign_keys
                if fk.ref_table == t.qualified and s.table.qualified != t.qualified
            ]
            if sources:
                where = sql.SQL(" OR ").join(sources)
                chosen[t.qualified] = _narrow(Selection(t, "reference", where, NEVER), rules, now)
    kept = [chosen[t.qualified] for t in tables if t.qualified in chosen]
    out = sorted(t.qualified for t in tables if t.qualified not in chosen)
    return kept, out


def _narrow(s: Selection, rules: RowRules, now: datetime) -> Selection:
    """Apply the table's row filter and cap to its selection."""
    if found := _lookup(rules.row_filters, s.table):
        s.row_filter = found[1]
        predicate = sql.SQL(found[1])
        s.where = _and(s.where, predicate)
        s.replace_where = NEVER if s.role == "reference" else _and(s.replace_where, predicate)
    if capped := _lookup(rules.caps, s.table):
        cap: Cap = capped[1]
        column = sql.Identifier(cap.column)
        if cap.days is not None:
            since = (now - timedelta(days=cap.days)).isoformat()
            window = sql.SQL("{} >= {}").format(column, sql.Literal(since))
            s.where = _and(s.where, window)
            if s.role != "reference":
                s.replace_where = _and(s.replace_where, window)
            s.cap = {"column": cap.column, "days": cap.days, "since": since}
        else:
            key = s.table.primary_key or [cap.column]
            schema, name = s.table.qualified.split(".", 1)
            newest = sql.SQL("{} IN (SELECT {} FROM {} WHERE {} ORDER BY {} DESC LIMIT {})").format(
                _cols(key),
                sql.SQL(", ").join(map(sql.Identifier, key)),
                sql.Identifier(schema, name),
                s.where if s.where is not None else sql.SQL("TRUE"),
                column,
                sql.Literal(cap.newest),
            )
            s.where = newest
            s.replace_where = NEVER  # "the newest N" moves: a restore only upserts them
            s.cap = {"column": cap.column, "newest": cap.newest}
    return s


def check_selection(conn: psycopg.Connection, s: Selection) -> None:
    """Plan the selection once so a bad row filter or cap column fails with the table named
    (prepared: the extended protocol refuses a smuggled second statement instead of running it)."""
    if s.where is None:
        return
    query = sql.SQL("EXPLAIN SELECT 1 FROM {} WHERE {}").format(
        sql.Identifier(s.table.schema, s.table.name), s.where
    )
    conn.execute("SAVEPOINT check_selection")
    try:
        conn.execute(query, prepare=True)
    except psycopg.Error as e:
        conn.execute("ROLLBACK TO SAVEPOINT check_selection")
        what = f"row filter {s.row_filter!r}" if s.row_filter else "row selection"
        first = str(e).strip().splitlines()[0]
        raise AirvaultError(f"{s.table.qualified}: {what} is not valid: {first}") from None
    conn.execute("RELEASE SAVEPOINT check_selection")


def dangling_references(
    conn: psycopg.Connection, selections: list[Selection], rules: RowRules
) -> list[DanglingReference]:
    """Foreign keys of kept rows that point at rows the backup does not keep (a tenant's row
    pointing at another tenant's, a kept contact at a filtered-out demo account).

    One statement: each parent's kept keys are collected once (a materialized CTE), each
    child's kept rows are read once and LEFT JOINed to the key sets of its parents."""
    by_name = {s.table.qualified: s for s in selections}
    keys: dict[tuple[str, tuple[str, ...]], sql.Identifier] = {}  # (parent, columns) -> CTE
    ctes, per_child, checks = [], [], []
    for child in selections:
        counts: list[sql.Composable] = []
        joins: list[sql.Composable] = []
        for fk in child.table.foreign_keys:
            parent = by_name.get(fk.ref_table)
            if parent is None or parent.where is None:
                continue  # not in the backup (a "reference"), or kept whole
            if parent.role == "reference" and parent.row_filter is None and parent.cap is None:
                continue  # built from exactly these keys
            if child.role == "tenant" and fk.columns == [rules.tenant_column]:
                continue  # the tenant column itself: points at the tenant's own row
            key = (fk.ref_table, tuple(fk.ref_columns))
            if key not in keys:
                keys[key] = sql.Identifier(f"k{len(keys)}")
                ctes.append(
                    sql.SQL("{} AS MATERIALIZED (SELECT {} FROM {} WHERE {})").format(
                        keys[key], _names(fk.ref_columns), _table(parent.table), parent.where
                    )
                )
            alias = sql.Identifier(f"j{len(joins)}")
            on = sql.SQL(" AND ").join(
                sql.SQL("{}.{} = c.{}").format(alias, sql.Identifier(r), sql.Identifier(c))
                for c, r in zip(fk.columns, fk.ref_columns, strict=True)
            )
            joins.append(sql.SQL("LEFT JOIN {} {} ON {}").format(keys[key], alias, on))
            missing = [sql.SQL("c.{} IS NOT NULL").format(sql.Identifier(c)) for c in fk.columns]
            missing.append(
                sql.SQL("{}.{} IS NULL").format(alias, sql.Identifier(fk.ref_columns[0]))
            )
            counts.append(
                sql.SQL("count(*) FILTER (WHERE {})").format(sql.SQL(" AND ").join(missing))
            )
            checks.append((child.table.qualified, fk))
        if counts:
            fk_columns = sorted({c for _, fk in checks[-len(counts) :] for c in fk.columns})
            per_child.append(
                sql.SQL("(SELECT ARRAY[{}] FROM (SELECT {} FROM {} WHERE {}) c {})").format(
                    sql.SQL(", ").join(counts),
                    _names(fk_columns),
                    _table(child.table),
                    child.where if child.where is not None else sql.SQL("TRUE"),
                    sql.SQL(" ").join(joins),
                )
            )
    if not checks:
        return []
    query = sql.SQL("WITH {} SELECT {}").format(
        sql.SQL(", ").join(ctes), sql.SQL(", ").join(per_child)
    )
    row = one_row(conn.execute(query, prepare=True).fetchone())
    dangling = [n for array in row for n in array]  # per check, in order
    return [
        DanglingReference(foreign_key=fk.name, table=child, ref_table=fk.ref_table, rows=n)
        for (child, fk), n in zip(checks, dangling, strict=True)
        if n
    ]


def _names(columns: list[str]) -> sql.Composable:
    return sql.SQL(", ").join(map(sql.Identifier, columns))


def _table(t: Table) -> sql.Identifier:
    return sql.Identifier(t.schema, t.name)


def check_tenant(conn: psycopg.Connection, catalog: Catalog, rules: RowRules) -> None:
    """A tenant backup of a tenant that does not exist is a mistake, not an empty backup."""
    if rules.tenant_id is None:
        return
    root = _find(catalog, rules.tenant_table, "tenant table")
    key = root.primary_key[0] if len(root.primary_key) == 1 else None
    if key is None:
        raise AirvaultError(f"tenant table {root.qualified} needs a one-column primary key")
    query = sql.SQL("SELECT 1 FROM {} WHERE {} = {}").format(
        sql.Identifier(root.schema, root.name), sql.Identifier(key), sql.Literal(rules.tenant_id)
    )
    conn.execute("SAVEPOINT check_tenant")
    try:
        found = conn.execute(query, prepare=True).fetchone()
    except psycopg.DataError as e:
        conn.execute("ROLLBACK TO SAVEPOINT check_tenant")
        first = str(e).strip().splitlines()[0]
        raise AirvaultError(
            f"tenant '{rules.tenant_id}' is not a valid {root.qualified}.{key}: {first}"
        ) from None
    conn.execute("RELEASE SAVEPOINT check_tenant")
    if found is None:
        raise AirvaultError(f"tenant '{rules.tenant_id}' is not in {root.qualified}")


def rules_from_manifest(manifest: BackupManifest) -> RowRules:
    """The structured row rules a backup recorded (tenant, row filters, caps)."""
    recorded = manifest.row_rules
    rules = RowRules(row_filters=dict(recorded.row_filters))
    if tenant := recorded.tenant:
        rules.tenant_id, rules.tenant_table, rules.tenant_column = (
            tenant.id,
            tenant.table,
            tenant.column,
        )
    for table, cap in recorded.caps.items():
        rules.caps[table] = Cap(cap.column, cap.newest, cap.days)
    return rules


def installed_row_filters(
    manifest: BackupManifest, catalog: Catalog, installed: Mapping[str, str], where: str
) -> dict[str, str]:
    """{table: predicate} of the backup's filtered tables, each predicate the installation's
    own (`installed`: the config's backup.row_filters, plus a CLI user's --filter): a row
    filter is SQL, so the one a manifest records is only compared, never run. A backup whose
    recorded filter is not the installation's is refused, naming both."""
    filters = {}
    for entry in manifest.tables:
        if entry.row_filter is None:
            continue
        table = catalog.tables.get(entry.qualified)
        found = _lookup(dict(installed), table) if table else None
        if found is None or found[1] != entry.row_filter:
            ours = f"{found[1]!r} (backup.row_filters.{found[0]})" if found else "none"
            raise IntegrityError(
                f"{where}: {entry.qualified} was backed up with the row filter "
                f"{entry.row_filter!r}, this installation's row filter for it is {ours}: "
                "row filters are SQL and run only as the config states them; refused before "
                "anything ran (set backup.row_filters to the backup's filter to restore it)"
            )
        filters[entry.qualified] = found[1]
    return filters


def check_recorded_selections(
    manifest: BackupManifest, catalog: Catalog, installed: Mapping[str, str], where: str
) -> None:
    """A manifest's row selections are SQL text; before any of it runs, rebuild each one from
    the rules it recorded against the live catalog, with the installation's own row filters
    (`installed`, see installed_row_filters): a selection that differs (a widened
    replace_where would make a tenant restore delete every tenant's rows; a filter swapped
    for other SQL would run it) is refused. So what runs is always SQL this installation
    wrote: tenant ids and caps are values composed as literals and identifiers."""
    entries = {e.qualified: e for e in manifest.tables}
    if not any(e.where or e.replace_where for e in entries.values()):
        return
    try:
        rules = rules_from_manifest(manifest)
    except AirvaultError as e:  # a cap of neither or both kinds
        raise IntegrityError(f"{where}: its row rules are malformed ({e}); refused") from None
    rules.row_filters = installed_row_filters(manifest, catalog, installed, where)
    candidates = set(entries) | set(manifest.out_of_scope)
    tables = [catalog.tables[n] for n in catalog.order if n in candidates]
    try:
        started = datetime.fromisoformat(manifest.started_at)
    except ValueError:
        raise IntegrityError(f"{where}: started_at is not a time; refused") from None
    try:
        selections, _out = select_rows(catalog, tables, rules, started)
    except AirvaultError as e:
        raise IntegrityError(f"{where}: its row rules do not fit the target ({e})") from None
    rebuilt = {s.table.qualified: s.manifest_fields() for s in selections}
    for name, entry in entries.items():
        expected = rebuilt.get(name, {})
        for key in ("where", "replace_where"):
            if (getattr(entry, key) or None) != (expected.get(key) or None):
                raise IntegrityError(
                    f"{where}: the {key} of {name} is not what its row rules give on the "
                    "target; refused before anything ran"
                )


def parse_filter(text: str) -> tuple[str, str]:
    """TABLE:PREDICATE (a row filter of a backup)."""
    table, sep, predicate = text.partition(":")
    if not sep or not table.strip() or not predicate.strip():
        raise AirvaultError(
            f"--filter {text!r}: use TABLE:PREDICATE, e.g. 'contacts:is_demo = false'"
        )
    return table.strip(), predicate.strip()


def parse_cap(text: str) -> tuple[str, Cap]:
    """TABLE:newest=N or TABLE:days=D, optionally :COLUMN (default created_at)."""
    parts = text.split(":")
    limit = parts[1].split("=", 1) if len(parts) in (2, 3) else []
    if len(limit) != 2 or limit[0] not in ("newest", "days") or not limit[1].isdigit():
        raise AirvaultError(f"--cap {text!r}: use TABLE:newest=N or TABLE:days=D[:COLUMN]")
    column = parts[2] if len(parts) == 3 else "created_at"
    return parts[0], Cap(column, **{limit[0]: int(limit[1])})
