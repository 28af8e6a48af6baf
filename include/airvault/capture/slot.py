"""The capture slot and publication on the app database: start, status, stop, and the
snapshot a base backup is taken in so that it lines up with the slot's changes exactly.

Safety of the app database comes first: a logical slot nobody drains keeps WAL until the
disk is full. `start` refuses without `wal_level = logical`, warns when nothing caps what a
slot may keep (`max_slot_wal_keep_size`), and `status` reports the WAL it holds, which
health alerts on.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field

import psycopg
from psycopg import sql

from airvault.capture import ddl
from airvault.errors import AirvaultError
from airvault.pg.catalog import read_catalog, select_tables
from airvault.pg.objects import list_schemas
from airvault.pg.rows import one_row

log = logging.getLogger("airvault.capture")

PLUGIN = "pgoutput"


class CaptureError(AirvaultError):
    pass


@dataclass
class SlotStatus:
    slot: str
    publication: str
    exists: bool
    database: str | None = None
    active: bool = False
    confirmed_lsn: str | None = None
    restart_lsn: str | None = None
    current_lsn: str | None = None
    retained_wal_bytes: int = 0
    wal_status: str | None = None  # reserved, extended, unreserved, lost
    max_slot_wal_keep_size: str | None = None
    tables: list[str] = field(default_factory=list)  # in the publication
    warnings: list[str] = field(default_factory=list)
    ddl_capture: bool = False  # schema changes are recorded in the stream (capture/ddl.py)

    def to_json(self) -> dict:
        return asdict(self)


def _require_logical(conn: psycopg.Connection) -> None:
    level = one_row(conn.execute("SHOW wal_level").fetchone())[0]
    if level != "logical":
        raise CaptureError(
            f"wal_level is '{level}' on {conn.info.host}:{conn.info.port}: change capture needs "
            "'logical'. Set it and restart PostgreSQL: ALTER SYSTEM SET wal_level = logical "
            "(or wal_level = logical in postgresql.conf; on a managed service, its logical "
            "replication setting, e.g. rds.logical_replication = 1)"
        )


def _keep_size_warning(conn: psycopg.Connection) -> list[str]:
    size = one_row(conn.execute("SHOW max_slot_wal_keep_size").fetchone())[0]
    if size in ("-1", "-1kB"):
        return [
            "max_slot_wal_keep_size is unlimited: a slot nobody drains keeps WAL until the "
            "disk is full. Cap it (ALTER SYSTEM SET max_slot_wal_keep_size = '10GB'; SELECT "
            "pg_reload_conf()) above what one day of changes needs; airvault health alerts "
            "before (capture.max_retained_wal_mb)"
        ]
    return []


def capture_tables(
    conn: psycopg.Connection,
    schemas: list[str] | None,
    exclude_schemas: list[str],
    exclude: list[str],
) -> list:
    """The tables a full backup holds (the config's schemas and exclusions): what is captured
    (the schema-change log is published beside them, not as one of them)."""
    found = [s for s in list_schemas(conn, schemas, exclude_schemas) if s != ddl.SCHEMA]
    tables, _excluded = select_tables(read_catalog(conn, found), exclude)
    return tables


def _record_ddl(
    conn: psycopg.Connection, publication: str, schemas: list[str] | None, excluded: list[str]
) -> list[str]:
    """Record schema changes in the stream (capture/ddl.py); where this login may not create
    an event trigger, warnings saying what capture does instead."""
    try:
        ddl.install(conn, publication, schemas, excluded)
    except psycopg.errors.InsufficientPrivilege as e:
        return [
            f"schema changes are not recorded in the stream ({str(e).strip().splitlines()[0]}): "
            "an event trigger needs a superuser (on RDS / Aurora rds_superuser). Each schema "
            "change is then a gap in point-in-time coverage, and the drain takes a new base "
            "when it finds one"
        ]
    return []


_NO_IDENTITY = """
SELECT n.nspname || '.' || c.relname
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.oid = ANY(%s::regclass[]) AND c.relkind IN ('r', 'p') AND c.relreplident IN ('d', 'n')
  AND (c.relreplident = 'n'
       OR NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary))
ORDER BY 1
"""


def _quoted(conn: psycopg.Connection, tables: list) -> list[str]:
    """Names as regclass reads them (quoted where needed: "Sales Data"."Kunden Übersicht")."""
    return [sql.Identifier(t.schema, t.name).as_string(conn) for t in tables]


def _unlogged(conn: psycopg.Connection, tables: list) -> set[str]:
    names = _quoted(conn, tables)
    rows = conn.execute(
        "SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n "
        "ON n.oid = c.relnamespace WHERE c.oid = ANY(%s::regclass[]) AND c.relpersistence <> 'p'",
        (names,),
    ).fetchall()
    return {r[0] for r in rows}


def _leaves(conn: psycopg.Connection, tables: list) -> list[str]:
    """Every table whose UPDATEs and DELETEs are logged: the tables and their partitions, and
    partitioned roots (their changes are published as the root's, with the root's identity)."""
    names = _quoted(conn, tables)
    leaves = conn.execute(
        "SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) "
        "FROM unnest(%s::regclass[]) r, pg_partition_tree(r) p "
        "JOIN pg_class c ON c.oid = p.relid JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE p.isleaf",
        (names,),
    ).fetchall()
    return sorted(set(names) | {r[0] for r in leaves})


_NOT_OWNED = """
SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname), pg_get_userbyid(c.relowner),
       quote_ident(pg_get_userbyid(c.relowner))
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.oid = ANY(%s::regclass[]) AND NOT pg_has_role(current_user, c.relowner, 'USAGE')
ORDER BY 1
"""
_LOGIN = """
SELECT current_user, current_database(), rolreplication OR rolsuper,
       has_database_privilege(current_database(), 'CREATE'),
       quote_ident(current_user), quote_ident(current_database())
FROM pg_roles WHERE rolname = current_user
"""


@dataclass(frozen=True)
class CaptureAccess:
    """What capture start needs of this login, as the catalog says: REPLICATION (the slot),
    CREATE on the database (the publication), and the privileges of each published table's
    owner (a publication may list only tables of its owner's; membership gives them, as
    managed services give their admin). `not_owned`: owner -> its tables the login lacks;
    `quoted`: the login, database and owners as the server's quote_ident writes them (bare
    where it may), read with them so the GRANTs shown run as shown. Read by capture start,
    which refuses, and `airvault check --privileges`, which lists."""

    login: str
    database: str
    replication: bool
    create: bool
    not_owned: dict[str, list[str]]
    quoted: dict[str, str]

    @property
    def ok(self) -> bool:
        return self.replication and self.create and not self.not_owned


def capture_access(conn: psycopg.Connection, names: list[str]) -> CaptureAccess:
    """For the tables `names` (as regclass reads them)."""
    login, database, replication, create, *quoted = one_row(conn.execute(_LOGIN).fetchone())
    identifiers = {login: quoted[0], database: quoted[1]}
    not_owned: dict[str, list[str]] = {}
    for table, owner, quoted_owner in conn.execute(_NOT_OWNED, (names,)).fetchall():
        not_owned.setdefault(owner, []).append(table)
        identifiers[owner] = quoted_owner
    return CaptureAccess(login, database, replication, create, not_owned, identifiers)


def _require_privileges(conn: psycopg.Connection, names: list[str]) -> None:
    """Refuse before anything is created, naming what is missing and the way out. On
    Supabase, `auth` is owned by a role the admin login is not a member of: leave it out of
    capture, or grant its owner."""
    access = capture_access(conn, names)
    who, database = access.quoted[access.login], access.quoted[access.database]
    missing = []
    if not access.replication:
        missing.append(
            f"the login '{access.login}' lacks REPLICATION, which a replication slot needs: "
            f"ALTER ROLE {who} REPLICATION (on RDS and Aurora: GRANT rds_replication TO {who})"
        )
    if not access.create:
        missing.append(
            f"the login '{access.login}' may not create a publication in {conn.info.dbname}: "
            f"GRANT CREATE ON DATABASE {database} TO {who}"
        )
    for owner, tables in sorted(access.not_owned.items()):
        schemas = sorted({t.split(".", 1)[0] for t in tables})
        missing.append(
            f"{', '.join(tables)}: owned by '{owner}', whose privileges the login "
            f"'{access.login}' does not have, and a publication may only list tables of its "
            f"owner's: leave them out of capture (backup.exclude_schemas: [{', '.join(schemas)}] "
            f"or backup.exclude_tables) or GRANT {access.quoted[owner]} TO {who}"
        )
    if missing:
        raise CaptureError(
            "change capture cannot start, nothing was created: " + "; ".join(missing)
        )


def start_capture(
    dsn: str,
    slot: str,
    publication: str,
    tables: list | None = None,
    replica_identity_full: bool = False,
    schemas: list[str] | None = None,
    exclude_schemas: list[str] | None = None,
    exclude: list[str] | None = None,
) -> SlotStatus:
    """Create (or bring up to date) the publication over the backed-up tables and the slot,
    and where this login may, the event trigger that records schema changes in the stream.

    A table without a primary key has no way to say which row an UPDATE or DELETE changed:
    it is refused, or given REPLICA IDENTITY FULL (the whole old row is logged) when asked."""
    with psycopg.connect(dsn, autocommit=True) as conn:
        _require_logical(conn)
        warnings = _keep_size_warning(conn)
        if tables is None:
            tables = capture_tables(conn, schemas, exclude_schemas or [], exclude or [])
        if unlogged := _unlogged(conn, tables):  # not in the WAL: nothing to decode
            warnings.append(
                "unlogged tables are not in the WAL, so their changes cannot be captured: "
                f"{', '.join(sorted(unlogged))}; a point-in-time restore brings back what the "
                "base holds of them"
            )
            tables = [t for t in tables if t.qualified not in unlogged]
        if not tables:
            raise CaptureError(f"no table to capture in {conn.info.dbname}")
        leaves = _leaves(conn, tables)
        _require_privileges(conn, leaves)
        lacking = [r[0] for r in conn.execute(_NO_IDENTITY, (leaves,)).fetchall()]
        if lacking and not replica_identity_full:
            raise CaptureError(
                "these tables have no primary key, so a change to one of their rows cannot "
                f"be told from its twins: {', '.join(lacking)}. Give them a primary key, or "
                "run `airvault capture start --replica-identity-full` to log whole old rows "
                "for them (REPLICA IDENTITY FULL)"
            )
        for name in lacking:
            conn.execute(
                sql.SQL("ALTER TABLE {} REPLICA IDENTITY FULL").format(
                    sql.Identifier(*name.split(".", 1))
                )
            )
            log.info("%s: REPLICA IDENTITY FULL (no primary key)", name)
        # Partitioned tables publish through their root (one table, as backups hold it);
        # ONLY for the rest, so an inheritance child is its own table there too.
        listed = sql.SQL(", ").join(
            t.relation if not t.partitioned else sql.Identifier(t.schema, t.name) for t in tables
        )
        exists = conn.execute(
            "SELECT 1 FROM pg_publication WHERE pubname = %s", (publication,)
        ).fetchone()
        verb = (
            "ALTER PUBLICATION {} SET TABLE {}" if exists else "CREATE PUBLICATION {} FOR TABLE {}"
        )
        warnings += _record_ddl(conn, publication, schemas, exclude_schemas or [])
        if ddl.installed(conn):  # the log's rows travel with the row changes
            listed = sql.SQL(", ").join([listed, sql.Identifier(*ddl.LOG_TABLE.split("."))])
        stmt = sql.SQL(verb).format(sql.Identifier(publication), listed)
        if not exists:
            stmt += sql.SQL(" WITH (publish_via_partition_root = true)")
        conn.execute(stmt)
        if not _slot_row(conn, slot):
            conn.execute("SELECT pg_create_logical_replication_slot(%s, %s)", (slot, PLUGIN))
            log.info(
                "created logical replication slot %s (%s) on %s", slot, PLUGIN, conn.info.dbname
            )
    status = capture_status(dsn, slot, publication)
    status.warnings = warnings + status.warnings
    return status


def stop_capture(dsn: str, slot: str, publication: str) -> bool:
    """Drop the slot (the WAL it held is freed), the publication and the schema-change
    recording; False if neither slot nor publication existed."""
    with psycopg.connect(dsn, autocommit=True) as conn:
        had = False
        if ddl.installed(conn):
            ddl.uninstall(conn)
        if _slot_row(conn, slot):
            conn.execute("SELECT pg_drop_replication_slot(%s)", (slot,))
            had = True
        if conn.execute(
            "SELECT 1 FROM pg_publication WHERE pubname = %s", (publication,)
        ).fetchone():
            conn.execute(sql.SQL("DROP PUBLICATION {}").format(sql.Identifier(publication)))
            had = True
        return had


_SLOT = """
SELECT database, active, confirmed_flush_lsn::text, restart_lsn::text, wal_status,
       pg_current_wal_lsn()::text, pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint,
       plugin
FROM pg_replication_slots WHERE slot_name = %s
"""


def _slot_row(conn: psycopg.Connection, slot: str) -> tuple | None:
    return conn.execute(_SLOT, (slot,)).fetchone()


def capture_status(dsn: str, slot: str, publication: str) -> SlotStatus:
    with psycopg.connect(dsn, autocommit=True) as conn:
        status = SlotStatus(slot, publication, exists=False)
        status.max_slot_wal_keep_size = one_row(
            conn.execute("SHOW max_slot_wal_keep_size").fetchone()
        )[0]
        row = _slot_row(conn, slot)
        if row:
            (
                status.database,
                status.active,
                status.confirmed_lsn,
                status.restart_lsn,
                status.wal_status,
                status.current_lsn,
                retained,
                plugin,
            ) = row
            status.exists = True
            status.retained_wal_bytes = int(retained or 0)
            if plugin != PLUGIN:
                status.warnings.append(f"slot {slot} uses {plugin}, not {PLUGIN}")
            if status.database != conn.info.dbname:
                status.warnings.append(
                    f"slot {slot} belongs to database {status.database}, not {conn.info.dbname}"
                )
            if status.wal_status == "lost":
                status.warnings.append(
                    f"slot {slot} lost WAL it needed (max_slot_wal_keep_size was reached): "
                    "changes are missing; stop and start capture, then take a new base backup"
                )
        status.ddl_capture = ddl.installed(conn)
        status.tables = [
            f"{s}.{t}"
            for s, t in conn.execute(
                "SELECT schemaname, tablename FROM pg_publication_tables WHERE pubname = %s "
                "ORDER BY 1, 2",
                (publication,),
            ).fetchall()
            if s != ddl.SCHEMA  # the schema-change log travels beside the app's tables
        ]
        return status


def free_slot(conn: psycopg.Connection, slot: str, wait_s: float = 15) -> str:
    """The slot's confirmed LSN once no session holds it (a killed drain's server process can
    take a moment to notice its client is gone)."""
    deadline = time.monotonic() + wait_s
    while True:
        row = conn.execute(
            "SELECT confirmed_flush_lsn::text, active_pid FROM pg_replication_slots "
            "WHERE slot_name = %s AND database = current_database()",
            (slot,),
        ).fetchone()
        if not row:
            raise CaptureError(
                f"no capture slot {slot} in {conn.info.dbname}: run `airvault capture start`"
            )
        if row[1] is None:
            return row[0]
        if time.monotonic() > deadline:
            raise CaptureError(f"slot {slot} is in use by server process {row[1]}")
        time.sleep(0.2)


def slot_exists(conn: psycopg.Connection, slot: str) -> bool:
    return (
        conn.execute(
            "SELECT 1 FROM pg_replication_slots WHERE slot_name = %s AND database = current_database()",
            (slot,),
        ).fetchone()
        is not None
    )


@contextmanager
def aligned_snapshot(dsn: str, timeout_s: float = 60) -> Iterator[tuple[str, str] | None]:
    """An exported snapshot and the LSN it is consistent with (every transaction that commits
    before that LSN is in the snapshot, every later one is decoded by the slot), from a
    temporary slot on a replication connection; held until the block ends.

    Creating it waits for the transactions running at that moment to end: after `timeout_s`
    (a session left idle in a transaction, say) it yields None and the caller goes on with a
    snapshot of its own, which is then not a base for point-in-time restores."""
    try:
        conn = psycopg.connect(dsn, autocommit=True, replication="database")
    except psycopg.Error as e:
        log.warning(
            "no replication connection (%s): this backup is not a base for point-in-time restores",
            str(e).strip().splitlines()[0],
        )
        yield None
        return
    timer = threading.Timer(timeout_s, conn.cancel)
    try:
        cur = psycopg.ClientCursor(conn)  # a walsender speaks only the simple query protocol
        timer.start()
        try:
            cur.execute(
                sql.SQL(
                    "CREATE_REPLICATION_SLOT {} TEMPORARY LOGICAL {} (SNAPSHOT 'export')"
                ).format(sql.Identifier(f"airvault_base_{conn.info.backend_pid}"), sql.SQL(PLUGIN))
            )
            _name, lsn, snapshot, _plugin = one_row(cur.fetchone())
        except psycopg.Error as e:
            log.warning(
                "could not line this backup up with change capture (%s): it is not a "
                "base for point-in-time restores",
                str(e).strip().splitlines()[0],
            )
            yield None
            return
        finally:
            timer.cancel()
        yield snapshot, lsn
    finally:
        conn.close()  # drops the temporary slot
