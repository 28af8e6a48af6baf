"""The app's schema version: the head of its migration tool, recorded in every backup and
compared with the target's before a restore writes (a backup taken at another head restores
into the wrong shape, or fails late).

Detected by the tool's own table (Alembic, Prisma, Rails, Django, Flyway, Liquibase), or read
with the config's `backup.app_version_query`. Only SQL of this module or of the config runs:
a manifest records the tool and the head as values, never a query to run.
"""

from __future__ import annotations

from dataclasses import dataclass

import psycopg
from psycopg import sql

from airvault.errors import AirvaultError
from airvault.storage.models import AppVersion

QUERY_TOOL = "query"  # the head came from the config's backup.app_version_query


@dataclass(frozen=True)
class MigrationTool:
    name: str
    table: str
    head: str  # SQL over {t} (the table): one row, one text column, the head


TOOLS = (
    MigrationTool("alembic", "alembic_version",  # several heads (branches) are one value
                  "SELECT string_agg(version_num::text, ',' ORDER BY version_num) FROM {t}"),
    MigrationTool("prisma", "_prisma_migrations",
                  "SELECT migration_name FROM {t} WHERE finished_at IS NOT NULL AND "
                  "rolled_back_at IS NULL ORDER BY migration_name DESC LIMIT 1"),
    MigrationTool("rails", "schema_migrations",
                  "SELECT version::text FROM {t} ORDER BY length(version::text) DESC, "
                  "version::text DESC LIMIT 1"),
    MigrationTool("django", "django_migrations",
                  "SELECT app || '.' || name || ' (' || count(*) OVER () || ' applied)' FROM {t} "
                  "ORDER BY applied DESC, id DESC LIMIT 1"),
    MigrationTool("flyway", "flyway_schema_history",
                  "SELECT version FROM {t} WHERE success AND version IS NOT NULL "
                  "ORDER BY installed_rank DESC LIMIT 1"),
    MigrationTool("liquibase", "databasechangelog",
                  "SELECT id || ' (' || filename || ')' FROM {t} ORDER BY orderexecuted DESC "
                  "LIMIT 1"),
)  # fmt: skip

_FIND = """
SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relname = %s AND c.relkind IN ('r', 'p')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%%'
ORDER BY n.nspname <> 'public', n.nspname LIMIT 1
"""


def _guarded(conn: psycopg.Connection, query: sql.Composed | str) -> str | None:
    """The first column of the first row of `query`, as text; a query that fails (a table of
    the same name but other columns) is rolled back to a savepoint and gives None, so the
    transaction around it (a backup's snapshot) carries on."""
    conn.execute("SAVEPOINT airvault_app_version")
    try:
        row = conn.execute(query).fetchone()
    except psycopg.Error:
        conn.execute("ROLLBACK TO SAVEPOINT airvault_app_version")
        return None
    conn.execute("RELEASE SAVEPOINT airvault_app_version")
    return None if row is None or row[0] is None else str(row[0])


def _from_table(conn: psycopg.Connection, tool: MigrationTool) -> AppVersion | None:
    found = conn.execute(_FIND, (tool.table,)).fetchone()
    if found is None:
        return None
    table = sql.Identifier(found[0], tool.table)
    head = _guarded(conn, sql.SQL(tool.head).format(t=table))
    if head is None:
        return None
    return AppVersion(tool=tool.name, head=head, source=f"{found[0]}.{tool.table}")


def _from_query(conn: psycopg.Connection, query: str) -> AppVersion:
    head = _guarded(conn, query)
    if head is None:
        raise AirvaultError(
            "backup.app_version_query gave no value (it failed, or returned no row or NULL): "
            f"{query[:200]!r}; fix it, or remove it to detect the migration tool's table"
        )
    return AppVersion(tool=QUERY_TOOL, head=head, source="backup.app_version_query")


def read_app_version(
    conn: psycopg.Connection, query: str | None = None, tool: str | None = None
) -> AppVersion | None:
    """The app's migration head: by the config's `query` when given, else by the first
    migration tool whose table exists (only `tool`'s when given: the one a backup recorded);
    None when there is none. Runs inside the caller's transaction (a backup's snapshot)."""
    if query:
        return _from_query(conn, query)
    for candidate in TOOLS:
        if tool in (None, candidate.name) and (found := _from_table(conn, candidate)):
            return found
    return None


def version_mismatch(
    conn: psycopg.Connection, recorded: AppVersion | None, query: str | None
) -> str | None:
    """What is wrong with restoring a backup at `recorded` into the database of `conn`: the
    heads differ, or the target's cannot be read; None when they agree (or the backup
    recorded none: taken before airvault recorded versions, or of an app without a tool)."""
    if recorded is None:
        return None
    if recorded.tool == QUERY_TOOL and not query:
        return (
            f"the backup was taken at app version {recorded.head} (backup.app_version_query), "
            "and this restore has no app_version_query in its config to read the target's"
        )
    target = read_app_version(
        conn,
        query if recorded.tool == QUERY_TOOL else None,
        tool=None if recorded.tool == QUERY_TOOL else recorded.tool,
    )
    if target is not None and target.head == recorded.head:
        return None
    where = target.head if target else f"none found ({recorded.source} is missing or empty)"
    return (
        f"the backup was taken at app version {recorded.head} ({recorded.tool}), the target "
        f"is at {where}: restoring data into another schema version can break the app"
    )


class AppVersionMismatch(AirvaultError):
    """A restore into a database at another app version, not confirmed."""


@dataclass(frozen=True)
class VersionCheck:
    """The target is at another app version than the backup: what the plan says."""

    mismatch: str
    accepted: bool

    @property
    def notice(self) -> str:
        if self.accepted:
            return f"app version: {self.mismatch} (accepted: --accept-app-version)"
        return f"WARNING app version: {self.mismatch}; applying needs --accept-app-version"


def check_app_version(
    conn: psycopg.Connection,
    recorded: AppVersion | None,
    query: str | None,
    accept: bool,
    dry_run: bool,
) -> VersionCheck | None:
    """Before a replace or merge writes: None when the target is at the backup's app
    version; else what the plan says, and refused unless `accept` (the CLI's
    --accept-app-version) when the restore is not a dry run."""
    mismatch = version_mismatch(conn, recorded, query)
    if mismatch is None:
        return None
    if not accept and not dry_run:
        raise AppVersionMismatch(refusal(mismatch))
    return VersionCheck(mismatch, accept)


def refusal(mismatch: str) -> str:
    return (
        f"{mismatch}; nothing was written. Migrate the target to the backup's version first, "
        "restore into a new database, or pass --accept-app-version (the accept_app_version "
        "Param) to restore anyway"
    )
