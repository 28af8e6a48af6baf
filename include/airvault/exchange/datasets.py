"""What exports and imports may touch: the datasets the config declares, never a system
schema, never a secret column.

Declared: the tables of the config's modules, and the tables a full backup takes
(`backup.schemas`, less `backup.exclude_schemas` and `backup.exclude_tables`). A system schema
(pg_catalog, information_schema, pg_toast, pg_temp_N: every `pg_` schema) is refused whatever
the config says. A secret column (Config.secret_patterns) is never exported nor imported into:
naming one is refused; an export of its table leaves it out and reports it as withheld.

The checks look at names only, so they run before anything is read or written; a bare table
name is the `public` one, as exports and imports resolve it.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable

from airvault.config import Config
from airvault.errors import AirvaultError


class DatasetRefused(AirvaultError):
    """An export or import named a table or column the config does not let it touch."""


def qualified(name: str) -> str:
    """`schema.table` of a table name as exports and imports resolve it."""
    return name if "." in name else f"public.{name}"


def is_system_schema(schema: str) -> bool:
    # casefolded: a quoted "PG_CATALOG" is another schema, but nobody means that honestly
    folded = schema.casefold()
    return folded.startswith("pg_") or folded == "information_schema"


def _in_module(config: Config, table: str) -> str | None:
    """The module of the config that lists `table` (bare names are public's), if any."""
    return next(
        (name for name, m in config.modules.items() if table in map(qualified, m.tables)), None
    )


def _undeclared(config: Config, table: str) -> str | None:
    """Why `table` (qualified) is not declared; None when it is."""
    schema, _, bare = table.partition(".")
    if is_system_schema(schema):
        return f"'{schema}' is a system schema, never exported or imported whatever the config says"
    if _in_module(config, table):
        return None
    b = config.backup
    if b.schemas is not None and schema not in b.schemas:
        return f"schema '{schema}' is not in backup.schemas and no module lists the table"
    if schema in b.exclude_schemas:
        return f"schema '{schema}' is in backup.exclude_schemas and no module lists the table"
    for pattern in b.exclude_tables:
        if fnmatch.fnmatchcase(table, pattern) or fnmatch.fnmatchcase(bare, pattern):
            return f"backup.exclude_tables has '{pattern}' and no module lists the table"
    return None


def is_declared(config: Config, dataset: str) -> bool:
    """Whether `dataset` (a module of the config or a table) may be exported now."""
    return dataset in config.modules or _undeclared(config, qualified(dataset)) is None


def declared_table(config: Config, name: str, action: str) -> str:
    """The qualified name of table `name`, if the config lets an `action` ("export",
    "import") touch it; else DatasetRefused naming the table and the rule."""
    table = qualified(name)
    if why := _undeclared(config, table):
        raise DatasetRefused(f"{action} of {table} refused: not a declared dataset: {why}")
    return table


def secret_rule(config: Config, table: str, column: str) -> str | None:
    """The `secrets` pattern that makes `column` of `table` (qualified) a secret, if any."""
    return matching_pattern(config.secret_patterns(), table, column)


def matching_pattern(patterns: Iterable[str], table: str, column: str) -> str | None:
    """The first of `patterns` (schema.table.column, shell wildcards) that names `column` of
    `table` (qualified)."""
    full = f"{table}.{column}"
    return next((p for p in patterns if fnmatch.fnmatchcase(full, p)), None)


def withheld(config: Config, table: str, columns: Iterable[str]) -> list[str]:
    """The secret ones of `columns` of `table` (qualified), in their order."""
    return [c for c in columns if secret_rule(config, table, c)]


def refuse_secrets(config: Config, table: str, action: str, named: dict[str, Iterable]) -> None:
    """DatasetRefused when a request names a secret column of `table` (qualified): `named`
    maps what names it (column, filter, mapping target, ...) to the columns it names."""
    for what, columns in named.items():
        for column in columns:
            if column and (rule := secret_rule(config, table, column)):
                raise DatasetRefused(
                    f"{action} of {table} refused: {what} '{column}' is a secret column "
                    f"('{rule}' in secrets): never exported or imported"
                )
