"""`airvault check`: the config against the live schema, so a wrong table name fails now and
not at 2 a.m.
"""

from __future__ import annotations

import fnmatch

import psycopg
from psycopg import sql

from airvault.config import Config
from airvault.errors import AirvaultError, ConfigError
from airvault.pg.catalog import Catalog, find_table, read_catalog
from airvault.pg.objects import list_schemas
from airvault.pg.rows import one_row
from airvault.pg.scope import Selection, check_selection


def _find(catalog: Catalog, name: str, problems: list[str], key: str) -> str | None:
    """The qualified name of `name` ("schema.table", or a bare name only one schema has); an
    ambiguous bare name is a problem of its own, under `key`."""
    try:
        table = find_table(catalog.tables, name)
    except AirvaultError as e:
        problems.append(f"{key}: {e}")
        return ""
    return table.qualified if table else None


def check_config(config: Config, dsn: str) -> list[str]:
    """Problems found, each naming the config key and the missing thing; [] when all is well."""
    problems: list[str] = []
    with psycopg.connect(dsn) as conn:
        present = {r[0] for r in conn.execute("SELECT nspname FROM pg_namespace")}
        for schema in config.backup.schemas or []:
            if schema not in present:
                problems.append(f"backup.schemas: schema '{schema}' does not exist")
        wanted = [s for s in config.backup.schemas or [] if s in present] or None
        schemas = list_schemas(conn, wanted, config.backup.exclude_schemas)
        catalog = read_catalog(conn, schemas)
        problems += _check_row_rules(config, catalog, conn)
        problems += _check_app_version(config, conn)
        if config.capture.enabled:
            level = one_row(conn.execute("SHOW wal_level").fetchone())[0]
            if level != "logical":
                problems.append(
                    f"capture.enabled: the server's wal_level is '{level}', change "
                    "capture needs 'logical' (ALTER SYSTEM SET wal_level = logical, "
                    "then restart PostgreSQL)"
                )
    for name, module in config.modules.items():
        found = {}
        for table in module.tables:
            qualified = _find(catalog, table, problems, f"modules.{name}.tables")
            if qualified == "":
                continue
            if qualified is None:
                close = [t for t in catalog.tables if table in t or t.split(".")[1] in table]
                hint = f" (did you mean {', '.join(sorted(close))}?)" if close else ""
                problems.append(f"modules.{name}.tables: table '{table}' does not exist{hint}")
            else:
                found[qualified] = {c.name for c in catalog.tables[qualified].columns}
        for key in ("user_columns", "datetime_columns"):
            for col in getattr(module, key):
                if found and not any(col in cols for cols in found.values()):
                    problems.append(
                        f"modules.{name}.{key}: column '{col}' is in none of {', '.join(found)}"
                    )
    for pattern in config.backup.exclude_tables:
        if not any(
            fnmatch.fnmatchcase(q, pattern) or fnmatch.fnmatchcase(t.name, pattern)
            for q, t in catalog.tables.items()
        ):
            problems.append(f"backup.exclude_tables: '{pattern}' matches no table")
    problems += _check_exports(config)
    return problems


def _check_app_version(config: Config, conn: psycopg.Connection) -> list[str]:
    """backup.app_version_query runs now as each backup runs it (read-only), so a typo fails
    here and not at the next backup."""
    from airvault.pg.app_version import read_app_version

    if not config.backup.app_version_query:
        return []
    conn.rollback()  # a transaction of its own, read-only like a backup's
    conn.execute("SET TRANSACTION READ ONLY")
    try:
        read_app_version(conn, config.backup.app_version_query)
    except AirvaultError as e:
        return [str(e)]
    finally:
        conn.rollback()
    return []


def _check_exports(config: Config) -> list[str]:
    """A recurring export of what no export may read (a system table, an undeclared one)."""
    from airvault.exchange.datasets import DatasetRefused
    from airvault.exchange.exports import specs_for

    problems = []
    for name, job in config.exports.items():
        try:
            specs_for(config, job.dataset)
        except DatasetRefused as e:
            problems.append(f"exports.{name}.dataset: {e}")
    return problems


def _check_row_rules(config: Config, catalog: Catalog, conn: psycopg.Connection) -> list[str]:
    """Row filters parse against their table, cap columns exist, the tenant table is there."""
    problems: list[str] = []
    for table, predicate in config.backup.row_filters.items():
        qualified = _find(catalog, table, problems, "backup.row_filters")
        if qualified == "":
            continue
        if qualified is None:
            problems.append(f"backup.row_filters: table '{table}' does not exist")
            continue
        selection = Selection(catalog.tables[qualified], "all", sql.SQL(predicate), None, predicate)
        try:
            check_selection(conn, selection)
        except AirvaultError as e:
            problems.append(f"backup.row_filters.{table}: {e}")
    for table, cap in config.backup.caps.items():
        qualified = _find(catalog, table, problems, "backup.caps")
        if qualified == "":
            continue
        if qualified is None:
            problems.append(f"backup.caps: table '{table}' does not exist")
        elif cap.column not in {c.name for c in catalog.tables[qualified].columns}:
            problems.append(
                f"backup.caps.{table}.column: '{cap.column}' is not a column of {qualified}"
            )
    tenancy = config.tenancy
    if _find(catalog, tenancy.table, problems, "tenancy.table") is None:
        problems.append(f"tenancy.table: table '{tenancy.table}' does not exist")
    elif not any(tenancy.column in {c.name for c in t.columns} for t in catalog.tables.values()):
        problems.append(f"tenancy.column: no table has a column '{tenancy.column}'")
    return problems


def require_valid(config: Config, dsn: str) -> None:
    problems = check_config(config, dsn)
    if problems:
        raise ConfigError("; ".join(problems))
