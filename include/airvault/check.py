"""`airvault check`: the config against the live schema, so a wrong table name fails now and
not at 2 a.m.
"""

from __future__ import annotations

import fnmatch

import psycopg
from psycopg import sql

from airvault.catalog import Catalog, read_catalog
from airvault.config import Config
from airvault.errors import AirvaultError, ConfigError
from airvault.scope import Selection, check_selection


def _find(catalog: Catalog, name: str, schemas: list[str]) -> str | None:
    """The qualified name of `name` ("schema.table" or a bare name in the first schema holding it)."""
    if "." in name:
        return name if name in catalog.tables else None
    for schema in schemas:
        if f"{schema}.{name}" in catalog.tables:
            return f"{schema}.{name}"
    return None


def check_config(config: Config, dsn: str) -> list[str]:
    """Problems found, each naming the config key and the missing thing; [] when all is well."""
    problems: list[str] = []
    with psycopg.connect(dsn) as conn:
        present = {r[0] for r in conn.execute("SELECT nspname FROM pg_namespace")}
        for schema in config.backup.schemas:
            if schema not in present:
                problems.append(f"backup.schemas: schema '{schema}' does not exist")
        catalog = read_catalog(conn, config.backup.schemas)
        problems += _check_row_rules(config, catalog, conn)
    for name, module in config.modules.items():
        found = {}
        for table in module.tables:
            qualified = _find(catalog, table, config.backup.schemas)
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
    return problems


def _check_row_rules(config: Config, catalog: Catalog, conn: psycopg.Connection) -> list[str]:
    """Row filters parse against their table, cap columns exist, the tenant table is there."""
    problems = []
    schemas = config.backup.schemas
    for table, predicate in config.backup.row_filters.items():
        qualified = _find(catalog, table, schemas)
        if qualified is None:
            problems.append(f"backup.row_filters: table '{table}' does not exist")
            continue
        selection = Selection(catalog.tables[qualified], "all", sql.SQL(predicate), None, predicate)
        try:
            check_selection(conn, selection)
        except AirvaultError as e:
            problems.append(f"backup.row_filters.{table}: {e}")
    for table, cap in config.backup.caps.items():
        qualified = _find(catalog, table, schemas)
        if qualified is None:
            problems.append(f"backup.caps: table '{table}' does not exist")
        elif cap.column not in {c.name for c in catalog.tables[qualified].columns}:
            problems.append(
                f"backup.caps.{table}.column: '{cap.column}' is not a column of {qualified}"
            )
    tenancy = config.tenancy
    if _find(catalog, tenancy.table, schemas) is None:
        problems.append(f"tenancy.table: table '{tenancy.table}' does not exist")
    elif not any(tenancy.column in {c.name for c in t.columns} for t in catalog.tables.values()):
        problems.append(f"tenancy.column: no table has a column '{tenancy.column}'")
    return problems


def require_valid(config: Config, dsn: str) -> None:
    problems = check_config(config, dsn)
    if problems:
        raise ConfigError("; ".join(problems))
