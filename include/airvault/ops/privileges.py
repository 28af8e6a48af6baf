"""`airvault check --privileges`: what this login can do, operation by operation, and the
GRANT (or ALTER ROLE) statements that would allow the rest; and plain `airvault check`'s
warning when the login is a superuser, with the least-privilege roles to create instead.

Managed services give nobody superuser: an admin login (RDS's master user, Supabase's
`postgres`, Neon's owner role, Cloud SQL's `cloudsqlsuperuser` member) that is a member of
some roles and not of others. Every finding is read from the catalog as this login sees it;
nothing is written. The statements are run by a role that may grant them (the provider's
admin, the objects' owner).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict

from airvault.capture.slot import CaptureAccess, capture_access
from airvault.errors import AirvaultError
from airvault.pg.objects import list_schemas
from airvault.pg.rows import one_row


@dataclass
class Operation:
    """One operation: `missing` says what this login lacks for it, `grants` what allows it;
    `optional`: it works without, less well (said in `missing`)."""

    name: str
    missing: list[str] = field(default_factory=list)
    grants: list[str] = field(default_factory=list)
    optional: bool = False

    @property
    def ok(self) -> bool:
        return not self.missing

    def to_json(self) -> dict:
        return {
            "operation": self.name,
            "ok": self.ok,
            "optional": self.optional,
            "missing": self.missing,
            "grants": self.grants,
        }

    def lack(self, what: str, grant: str) -> None:
        self.missing.append(what)
        if grant not in self.grants:
            self.grants.append(grant)


@dataclass
class Privileges:
    login: str
    superuser: bool
    operations: list[Operation]

    @property
    def ok(self) -> bool:
        return all(o.ok or o.optional for o in self.operations)

    def preflight(self, mode: str, point_in_time: bool = False) -> list[str]:
        """A restore plan's pre-flight lines: per operation it needs that this login lacks,
        what is missing and the statements that would allow it; none when all is there."""
        lines = []
        for op in self.for_restore(mode, point_in_time):
            if op.ok:
                continue
            state = "works, less well" if op.optional else "cannot"
            lines.append(f"{op.name}: {state}: missing {'; '.join(op.missing)}")
            lines += [f"  {g}" for g in op.grants]
        return lines

    def for_restore(self, mode: str, point_in_time: bool = False) -> list[Operation]:
        """The operations a restore in `mode` needs (a point-in-time one, the replay too):
        what its plan lists as this login's pre-flight."""
        wanted = ["restore new-database" if mode == "new-database" else "restore replace / merge"]
        if point_in_time:
            wanted.append("point-in-time restore (replay)")
        return [o for o in self.operations if o.name in wanted]

    def report(self) -> str:
        lines = [f"login {self.login}" + (" (superuser: may do everything)" * self.superuser)]
        for op in self.operations:
            state = "ok" if op.ok else ("works, less well" if op.optional else "cannot")
            lines.append(f"{op.name}: {state}")
            lines += [f"  missing: {m}" for m in op.missing]
            lines += [f"  {g}" for g in op.grants]
        return "\n".join(lines)


# Every table of the schemas, its owner, and what this login may do with it.
_TABLES = """
SELECT n.nspname || '.' || c.relname, pg_get_userbyid(c.relowner),
       has_table_privilege(c.oid, 'SELECT'),
       has_table_privilege(c.oid, 'INSERT') AND has_table_privilege(c.oid, 'UPDATE')
         AND has_table_privilege(c.oid, 'DELETE'),
       pg_has_role(c.relowner, 'USAGE'),
       pg_has_role(c.relowner, CASE WHEN current_setting('server_version_num')::int >= 160000
                                    THEN 'SET' ELSE 'MEMBER' END),
       EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid AND NOT t.tgisinternal),
       quote_ident(n.nspname) || '.' || quote_ident(c.relname)
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY(%s) AND NOT c.relispartition
ORDER BY 1
"""

_LOGIN = """
SELECT current_user, r.rolsuper, r.rolcreatedb, current_setting('wal_level'),
       current_setting('server_version_num')::int >= 150000
         AND has_parameter_privilege('session_replication_role', 'SET')
FROM pg_roles r WHERE r.rolname = current_user
"""


def _grant(what: str, to: str) -> str:
    return sql.SQL("GRANT {} TO {};").format(sql.SQL(what), sql.Identifier(to)).as_string(None)


def _capture_lacks(capture: Operation, access: CaptureAccess, ident: str) -> None:
    """What capture start would refuse (capture.slot checks the same, read once)."""
    for owner, tables in sorted(access.not_owned.items()):
        role = sql.Identifier(owner).as_string(None)
        for name in tables:
            capture.lack(
                f"publishing {name} (owned by {owner})",
                f"GRANT {role} TO {ident}; -- or leave {name} out (--tables, exclude)",
            )
    if not access.replication:
        capture.lack(
            "REPLICATION",
            f"ALTER ROLE {ident} REPLICATION; -- RDS: GRANT "
            f"rds_replication TO {ident}; Cloud SQL: ALTER USER ... REPLICATION",
        )
    if not access.create:
        database = sql.Identifier(access.database).as_string(None)
        capture.lack(
            f"CREATE on database {access.database} (the publication)",
            _grant(f"CREATE ON DATABASE {database}", access.login),
        )


def check_privileges(dsn: str, schemas: list[str] | None = None) -> Privileges:
    """Per operation, what this login lacks on the database at `dsn` (its schemas, or
    `schemas`) and the statements that would allow it."""
    with psycopg.connect(dsn) as conn:
        me, superuser, createdb, wal, srr = one_row(conn.execute(_LOGIN).fetchone())
        names = list_schemas(conn, schemas, [])
        tables = conn.execute(_TABLES, (names,)).fetchall()
        access = capture_access(conn, [t[-1] for t in tables])
    backup, replace = Operation("backup, verify"), Operation("restore replace / merge")
    new_db, capture = Operation("restore new-database"), Operation("capture start, drain")
    replay = Operation("point-in-time restore (replay)", optional=True)
    ident = sql.Identifier(me).as_string(None)
    for name, owner, read, write, inherits, may_set, triggers, _quoted in tables:
        if superuser:
            break
        if not read:
            backup.lack(f"SELECT on {name}", _grant("pg_read_all_data", me))
        if not write:
            replace.lack(f"INSERT, UPDATE, DELETE on {name}", _grant("pg_write_all_data", me))
        if not (inherits or may_set):
            role = sql.Identifier(owner).as_string(None)
            as_owner = f"GRANT {role} TO {ident}; -- or leave {name} out (--tables, exclude)"
            if triggers:
                replace.lack(f"disabling the triggers of {name} (owned by {owner})", as_owner)
            new_db.lack(f"handing {name} to its owner {owner}", as_owner)
    _capture_lacks(capture, access, ident)
    if not superuser:
        if not createdb:
            new_db.lack("CREATEDB", f"ALTER ROLE {ident} CREATEDB;")
        if not srr:
            replay.lack(
                "SET of session_replication_role: foreign-key actions stay live, so a "
                "replay that would reach rows outside its changes is refused",
                _grant("SET ON PARAMETER session_replication_role", me),
            )
    if wal != "logical":
        capture.lack(
            f"wal_level is {wal}",
            "ALTER SYSTEM SET wal_level = logical; -- then "
            "restart; RDS: rds.logical_replication = 1 in the parameter group",
        )
    return Privileges(me, superuser, [backup, replace, new_db, capture, replay])


# What each part of airvault needs, granted to logins of its own instead of a superuser;
# `airvault check` prints it when the app connection is a superuser (docs/security.md).
LEAST_PRIVILEGE_SQL = """\
-- backups, verify, exports, diffs: read every table (and large object), never write
CREATE ROLE airvault_backup LOGIN PASSWORD '...';
GRANT pg_read_all_data TO airvault_backup;
-- restores (replace, merge, point in time) and imports: write the app's tables; owner-only
-- steps (disable the app's triggers for the restore) run as the owner, so grant the owner
-- role(s) of the app's tables; new-database restores and drills also create databases
CREATE ROLE airvault_restore LOGIN CREATEDB PASSWORD '...';
GRANT pg_read_all_data, pg_write_all_data TO airvault_restore;
{owners_to_restore}
-- change capture: a logical replication slot and a publication (created by a table owner)
CREATE ROLE airvault_capture LOGIN REPLICATION PASSWORD '...';
GRANT pg_read_all_data TO airvault_capture;
{owners_to_capture}
"""


def privilege_warnings(dsn: str) -> tuple[list[str], str]:
    """(warnings about the login's privileges, the SQL of least-privilege roles to create):
    a superuser login is warned about, since a backup tool holding it can do anything."""
    with psycopg.connect(dsn) as conn:
        login, superuser = one_row(
            conn.execute(
                "SELECT rolname, rolsuper FROM pg_roles WHERE rolname = current_user"
            ).fetchone()
        )
        owners = conn.execute(
            "SELECT DISTINCT pg_get_userbyid(c.relowner), r.rolsuper FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_roles r ON r.oid = c.relowner "
            "WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', "
            "'information_schema') AND n.nspname NOT LIKE 'pg\\_%' ORDER BY 1"
        ).fetchall()
    if not superuser:
        return [], ""
    warning = (
        f"the app connection logs in as '{login}', a superuser: airvault needs less, and a "
        "leaked connection or a bug would then be able to do anything on the server; create "
        "the roles below and point connections.app_db (backups) and the restore targets at them"
    )
    grants = {to: _owner_grants(owners, to) for to in ("airvault_restore", "airvault_capture")}
    return [warning], LEAST_PRIVILEGE_SQL.format(
        owners_to_restore=grants["airvault_restore"], owners_to_capture=grants["airvault_capture"]
    )


def _owner_grants(owners: list[tuple[str, bool]], to: str) -> str:
    """The GRANTs of the app's owner roles to `to`. A superuser owner is never granted (its
    member could become it, and so a superuser): its tables must first go to an owner role."""
    lines = [_grant(sql.Identifier(o).as_string(None), to) for o, su in owners if not su]
    lines += [
        f"-- (not {o}: a superuser; give its tables to an owner role first, "
        f"ALTER TABLE ... OWNER TO app_owner, then GRANT app_owner TO {to};)"
        for o, su in owners
        if su
    ]
    return "\n".join(lines) or f"-- (no table yet: GRANT the app's owner role TO {to};)"


def restore_preflight(dsn: str, mode: str, point_in_time: bool = False) -> list[str]:
    """Before a replace or merge is planned: refused, naming what this login lacks and the
    GRANTs that would allow it, when it cannot do the restore; the lines of what works less
    well otherwise (a plan's `preflight`). A new-database restore refuses an owner it cannot
    assign before anything is written (restore.new_database), and its target does not exist."""
    if mode == "new-database":
        return []
    found = check_privileges(dsn)
    lines = found.preflight(mode, point_in_time)
    if any(not op.ok and not op.optional for op in found.for_restore(mode, point_in_time)):
        raise AirvaultError(
            f"this login ({found.login}) cannot restore ({mode}) into "
            f"{conninfo_to_dict(dsn).get('dbname')}; nothing was written:\n" + "\n".join(lines)
        )
    return lines
