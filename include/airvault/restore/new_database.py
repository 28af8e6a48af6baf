"""`new-database` restores: create the database from the backup's schema and load it the way
pg_restore does. It is built under a scratch name and renamed to the target's name only when
complete, so even a killed restore (no chance to clean up) never leaves a half-loaded database
under that name; an error drops the scratch database, and the next restore clears a leftover."""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from airvault.capture import ddl
from airvault.errors import AirvaultError
from airvault.failpoints import failpoint
from airvault.pg.objects import (
    apply_large_objects,
    create_roles,
    missing_extensions,
    missing_roles,
    refresh_matviews,
    set_schema_acl,
)
from airvault.pg.parallel import run_biggest_first
from airvault.pg.rows import one_row
from airvault.pg.session import connect
from airvault.pg.tools import archive_list, pg_restore_into, pg_tool, run_tool
from airvault.progress import Progress
from airvault.restore.apply import (
    copy_backup_file,
    copy_in,
    set_sequences,
    stage_large_objects,
    wrap_error,
)
from airvault.restore.plan import TablePlan
from airvault.storage.codec import FileCodec
from airvault.storage.models import ArchiveManifest, BackupManifest, TableEntry
from airvault.storage.opened import OpenedBackup
from airvault.storage.store import Store

log = logging.getLogger("airvault.restore.run")


def make_database(dsn: str, who: str, exists_hint: str, clean: bool = False) -> None:
    """Create the (empty) database named in `dsn`. An existing one is refused with
    `exists_hint`, or with `clean` dropped and made again; `who` names the caller."""
    info = conninfo_to_dict(dsn)
    name = info.get("dbname")
    if not name:
        raise AirvaultError(f"{who} needs a database name in --dsn")
    name = str(name)  # parsed from the DSN's text: a str
    admin = make_conninfo("", **{**info, "dbname": "postgres"})
    with psycopg.connect(admin, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            if not clean:
                raise AirvaultError(f"database '{name}' already exists: {exists_hint}")
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
        # template0: exactly what the backup holds, nothing a site added to template1
        conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE template0").format(sql.Identifier(name)))


def _admin(dsn: str) -> tuple[str, str]:
    info = conninfo_to_dict(dsn)
    return str(info.get("dbname") or ""), make_conninfo("", **{**info, "dbname": "postgres"})


def refuse_existing(dsn: str) -> None:
    """new-database mode never overwrites a database."""
    name, admin = _admin(dsn)
    if not name:
        raise AirvaultError("new-database mode needs a database name in --dsn")
    with psycopg.connect(admin, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            raise AirvaultError(
                f"database '{name}' already exists: new-database mode never overwrites one"
            )


def prepare_build(dsn: str) -> str:
    """Refuse an existing target; return the DSN of the scratch database to build in (a name
    derived from the target's, so a killed restore's leftover is found and dropped here)."""
    refuse_existing(dsn)
    name, _admin_dsn = _admin(dsn)
    scratch = "airvault_restoring_" + hashlib.sha256(name.encode()).hexdigest()[:12]
    build = make_conninfo("", **{**conninfo_to_dict(dsn), "dbname": scratch})
    drop_database(build)
    return build


def publish_database(build: str, dsn: str) -> None:
    """Give the finished scratch database the target's name: one atomic rename."""
    failpoint("restore:before-publish")
    scratch, admin = _admin(build)
    name, _ = _admin(dsn)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(
            sql.SQL("ALTER DATABASE {} RENAME TO {}").format(
                sql.Identifier(scratch), sql.Identifier(name)
            )
        )


ROLE_MODES = ("require", "create", "ignore", "auto")


@contextlib.contextmanager
def schema_archive_file(backup: OpenedBackup) -> Iterator[str | None]:
    """The path of the backup's schema archive, read and decrypted once into a temp file for
    the pg_restore runs of one restore (None for a backup older than archives). A wrong key
    fails here, before any database is created."""
    entry = backup.manifest.schema_archive
    if not entry:
        yield None
        return
    data = backup.codec.unseal(backup.store.read_bytes(entry.file), entry.file)
    with tempfile.TemporaryDirectory(prefix="airvault-schema-") as tmp:
        path = f"{tmp}/schema.pgdump"
        with open(path, "wb") as f:
            f.write(data)
        yield path


def check_target_server(
    dsn: str, manifest: BackupManifest | ArchiveManifest, roles: str
) -> list[str]:
    """Before anything is written: the extensions the backup uses must be available on the
    target's server, and the roles that own or are granted its objects must exist (or be
    created: roles='create'; or left out: 'ignore'; 'auto' leaves them out only when some are
    missing). Returns pg_restore's options for owners and privileges."""
    if roles not in ROLE_MODES:
        raise AirvaultError(f"unknown roles mode '{roles}': use one of {', '.join(ROLE_MODES)}")
    _name, admin = _admin(dsn)
    with psycopg.connect(admin, autocommit=True) as conn:
        if missing := missing_extensions(conn, manifest.extensions):
            raise AirvaultError(
                f"the target server lacks the extension(s) {', '.join(missing)} that the backup "
                "uses: install them on the server first; nothing was written"
            )
        lacking = missing_roles(conn, manifest.roles)
        if roles == "ignore" or (roles == "auto" and lacking):
            return _without_owners(conn, lacking)
        if lacking and roles == "require":
            raise AirvaultError(
                f"the target server lacks the role(s) {', '.join(lacking)} that own or are "
                "granted objects of the backup; nothing was written. Create them (--roles "
                "create makes them as the backup recorded them, without passwords), or restore "
                "with every object owned by this login (--roles ignore: grants to the roles "
                "that exist kept)"
            )
        if lacking:
            create_roles(conn, manifest.roles, lacking)
            log.info("created the roles %s as the backup recorded them", ", ".join(lacking))
    return []


def _without_owners(conn: psycopg.Connection, lacking: list[str]) -> list[str]:
    """Objects owned by the login, grants kept to the roles that exist: those to missing
    roles go to stand-ins (stand_in_roles) that are dropped with them after the load. A login
    that may not create roles leaves every grant out, and says so."""
    if not lacking:
        return ["--no-owner"]
    query = "SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user"
    if not one_row(conn.execute(query).fetchone())[0]:
        log.warning(
            "roles missing on the target: %s; this login may not create roles "
            "(CREATEROLE), so owners and every grant are left out",
            ", ".join(lacking),
        )
        return ["--no-owner", "--no-privileges"]
    log.warning(
        "roles missing on the target: %s; owners left out, grants to those roles "
        "dropped, grants to the others kept",
        ", ".join(lacking),
    )
    return ["--no-owner"]


@contextlib.contextmanager
def stand_in_roles(
    dsn: str, manifest: BackupManifest | ArchiveManifest, owner_options: list[str]
) -> Iterator[None]:
    """While the database at `dsn` is loaded without owners but with grants, the roles of
    the backup missing on the server exist as NOLOGIN stand-ins, so that the grants to the
    roles that do exist are replayed (pg_restore replays an object's grants together: one
    to a missing role would fail them all); then what was granted to them is dropped, and
    they are."""
    if "--no-owner" not in owner_options or "--no-privileges" in owner_options:
        yield
        return
    _name, admin = _admin(dsn)
    with psycopg.connect(admin, autocommit=True) as conn:
        names = missing_roles(conn, manifest.roles)
        for name in names:
            conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(name)))
            # a CREATEROLE login has ADMIN on it, not its privileges, which DROP OWNED needs
            conn.execute(sql.SQL("GRANT {} TO CURRENT_USER").format(sql.Identifier(name)))
    try:
        yield
        _refuse_policies_of(dsn, names)
    finally:
        _drop_stand_ins(dsn, admin, names)


def _refuse_policies_of(dsn: str, names: list[str]) -> None:
    """Dropping a stand-in drops the row-level security policies only it is named in, and a
    restrictive one dropped widens access: refused instead."""
    with psycopg.connect(dsn) as conn:
        found = conn.execute(
            "SELECT r.rolname, p.polname, p.polrelid::regclass::text FROM pg_policy p "
            "JOIN pg_roles r ON r.oid = ANY(p.polroles) WHERE r.rolname = ANY(%s) ORDER BY 1, 2",
            (names,),
        ).fetchall()
    if found:
        role, policy, table = found[0]
        raise AirvaultError(
            f'role "{role}" does not exist on this server, and the backup\'s CREATE POLICY '
            f"{policy} ON {table} names it: without it the policy would be dropped, which could "
            "widen access; nothing was written. Create the role (--roles create, or by hand)"
        )


def _drop_stand_ins(dsn: str, admin: str, names: list[str]) -> None:
    with contextlib.suppress(psycopg.OperationalError):  # the database was dropped: nothing held
        with psycopg.connect(dsn, autocommit=True) as conn:
            for name in names:
                conn.execute(sql.SQL("DROP OWNED BY {}").format(sql.Identifier(name)))
    with psycopg.connect(admin, autocommit=True) as conn:
        for name in names:
            try:
                conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(name)))
            except psycopg.Error as e:
                log.error(
                    "the stand-in role %s could not be dropped (%s): drop it by hand", name, e
                )


def create_database(
    dsn: str,
    backup: OpenedBackup,
    owner_options: list[str],
    archive: str | None,
    owner_map: dict[str, str] | None = None,
) -> None:
    """Create the target database and its tables from the backup's schema archive at path
    `archive` (pre-data: no indexes, constraints or triggers yet); refuse an existing one.
    `owner_map`: owner -> the role its objects are given to instead."""
    manifest = backup.manifest
    legacy = None if archive else _legacy_schema(backup, "pre-data")
    # Without superuser, pg_restore hands each object to its owner before it replays the
    # grants that allow it (the owner's CREATE on the schema): objects are created as the
    # login, the grants replayed, then the owners assigned (each one the login may become).
    later = (
        archive is not None
        and not owner_options
        and (bool(owner_map) or not is_superuser(_admin(dsn)[1]))
    )
    owners = _owner_changes(archive, owner_map or {}) if later and archive else []
    if later:
        _refuse_owners_out_of_reach(_admin(dsn)[1], owners)
    make_database(dsn, "new-database mode", "new-database mode never overwrites one")
    try:
        if archive is None:
            assert legacy is not None  # read above whenever there is no archive
            _run_legacy_sql(dsn, legacy, "pre-data")
            return
        recreated = _creates_public(archive)
        if recreated:  # the archive creates `public` (pg_dump --schema): make room for it
            with psycopg.connect(dsn, autocommit=True) as conn:
                conn.execute("DROP SCHEMA public")
        pg_restore_into(
            dsn,
            archive,
            "restoring the schema (pre-data)",
            ["--section=pre-data", *owner_options, *["--no-owner"] * later],
        )
        if recreated and manifest.public_acl and not owner_options:  # its grants, as they were
            with psycopg.connect(dsn, autocommit=True) as conn:
                set_schema_acl(conn, "public", manifest.public_acl)
        if later:
            assign_owners(dsn, owners)
    except BaseException:
        drop_database(dsn)
        raise


def is_superuser(dsn: str) -> bool:
    with psycopg.connect(dsn) as conn:
        query = "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"
        return bool(one_row(conn.execute(query).fetchone())[0])


_ENTRY = re.compile(
    r"^--\n-- Name: .*?; Type: (?P<type>[A-Z ]+); Schema: (?P<schema>.*?); Owner: (?P<owner>.*)\n--$",
    re.M,
)
_OWNER_TO = re.compile(r"ALTER [A-Z ]+ .+ OWNER TO .+;")


@dataclass(frozen=True)
class _OwnerChange:
    statement: str  # pg_restore's own ALTER ... OWNER TO, from the authenticated archive
    kind: str  # SCHEMA, TABLE, FUNCTION, ...
    owner: str
    schema: str  # the object's schema; "-" for a schema itself


def _owner_changes(archive: str, owner_map: dict[str, str]) -> list[_OwnerChange]:
    """pg_restore's own `ALTER ... OWNER TO` statements of the pre-data section, in its order
    (the last such line of each entry: after the object's body), with the owners they name;
    an owner `owner_map` names is replaced by its new role (the statement's last words)."""
    script = run_tool(
        [pg_tool("pg_restore"), "--section=pre-data", "-f", "-", archive],
        dict(os.environ),
        "pg_restore -f -",
    ).decode()
    heads = list(_ENTRY.finditer(script))
    changes = []
    for head, after in zip(heads, [*heads[1:], None], strict=True):
        body = script[head.end() : after.start() if after else len(script)].strip()
        owned = [line for line in body.splitlines() if _OWNER_TO.fullmatch(line)]
        if owned:
            statement, owner = owned[-1], head["owner"]
            if owner in owner_map:
                owner = owner_map[owner]
                new = sql.Identifier(owner).as_string(None)
                statement = f"{statement[: statement.rindex(' OWNER TO ')]} OWNER TO {new};"
            changes.append(_OwnerChange(statement, head["type"], owner, head["schema"]))
    return changes


def _refuse_owners_out_of_reach(admin: str, changes: list[_OwnerChange]) -> None:
    """Before anything is written: every owner must be a role this login may become (SET
    ROLE), or the objects could not be handed to it."""
    with psycopg.connect(admin) as conn:
        settable = "SET" if conn.info.server_version >= 160000 else "MEMBER"
        found = conn.execute(
            "SELECT current_user, array(SELECT r FROM unnest(%s::text[]) r WHERE r <> current_user"
            " AND NOT pg_has_role(current_user, r, %s) ORDER BY 1)",
            (sorted({c.owner for c in changes}), settable),
        ).fetchone()
    me, denied = one_row(found)
    if denied:
        raise AirvaultError(
            f"the login {me} may not hand objects of the backup to their owner(s) "
            f"{', '.join(denied)} (it is not a member of them); nothing was written. Make it "
            "one (" + "; ".join(f"GRANT {r} TO {me}" for r in denied) + ", run by a role that "
            "may grant it), give their objects to a role it may become (--owner-map "
            f"{denied[0]}={me}), or restore without owners (--roles ignore): "
            f"every object is then owned by {me}, grants kept"
        )


def assign_owners(dsn: str, changes: list[_OwnerChange]) -> None:
    """Give the objects of the (new) database, created by this login, the owners the backup
    records, after the grants (pg_restore's statements, in one transaction)."""
    with connect(dsn) as conn:
        me = one_row(conn.execute("SELECT current_user").fetchone())[0]
        lent: list[tuple[sql.Composed, str]] = []
        for change in changes:
            if change.owner != me:
                lent += _lend_create(conn, change)
            conn.execute(change.statement.encode(), prepare=False)
        for target, owner in lent:
            conn.execute(
                sql.SQL("REVOKE CREATE ON {} FROM {}").format(target, sql.Identifier(owner))
            )
        conn.commit()


def _lend_create(conn: psycopg.Connection, change: _OwnerChange) -> list[tuple[sql.Composed, str]]:
    """CREATE where an object's new owner needs it and lacks it, to be taken back once the
    owners are set: on the database for a schema, on its schema for any other object (in the
    source it may have had that as the database's owner, through pg_database_owner, which
    pg_dump does not carry)."""
    if change.kind == "SCHEMA":
        target = sql.SQL("DATABASE {}").format(sql.Identifier(conn.info.dbname))
        query, args = (
            "SELECT has_database_privilege(%s, current_database(), 'CREATE')",
            [change.owner],
        )
    elif change.schema != "-":
        target = sql.SQL("SCHEMA {}").format(sql.Identifier(change.schema))
        query, args = "SELECT has_schema_privilege(%s, %s, 'CREATE')", [change.owner, change.schema]
    else:
        return []
    if one_row(conn.execute(query, args).fetchone())[0]:
        return []
    conn.execute(sql.SQL("GRANT CREATE ON {} TO {}").format(target, sql.Identifier(change.owner)))
    return [(target, change.owner)]


def _creates_public(archive: str) -> bool:
    """Whether the archive's entry for schema `public` is a CREATE SCHEMA (pg_dump --schema
    dumps a recreated public schema that way) rather than an ALTER of the one every new
    database has. Read from the archive's own SQL text, never run."""
    entries = [line for line in archive_list(archive) if " SCHEMA - public " in line + " "]
    if not entries:
        return False
    with tempfile.NamedTemporaryFile("w", prefix="airvault-toc-", suffix=".list") as listing:
        listing.write("\n".join(entries) + "\n")
        listing.flush()
        text = subprocess.run(
            [pg_tool("pg_restore"), "-L", listing.name, "-f", "-", archive],
            capture_output=True,
            check=True,
        ).stdout
    return b"CREATE SCHEMA public;" in text


def _legacy_schema(backup: OpenedBackup, section: str) -> bytes:
    """A schema section of a backup written before schema archives (format 1), as SQL text.
    Only reached for a manifest that was authenticated or explicitly trusted."""
    manifest = backup.manifest
    sections = manifest.schema_sections or {}
    rel = sections[section].file if section in sections else manifest.schema_file.file
    return backup.codec.unseal(backup.store.read_bytes(rel), rel)


def _run_legacy_sql(dsn: str, script: bytes, what: str, settings: dict | None = None) -> None:
    """Send a legacy schema file to the server as one simple query: the server runs SQL only,
    so a client-side (psql backslash) command in it is a syntax error, never a command."""
    text = re.sub(rb"(?m)^\\(un)?restrict [A-Za-z0-9]+$", b"", script).decode()
    with psycopg.connect(dsn) as conn:
        for name, value in (settings or {}).items():
            conn.execute("SELECT set_config(%s, %s, true)", (name, value))
        try:
            conn.execute(text.encode(), prepare=False)
        except psycopg.Error as e:
            raise AirvaultError(
                f"the backup's {what} schema failed in the new database: "
                f"{str(e).strip().splitlines()[0]}"
            ) from e


def _copy_into(
    conn: psycopg.Connection,
    store: Store,
    entry: TableEntry,
    codec: FileCodec,
    progress: Progress | None = None,
) -> None:
    """COPY a table's backup file straight into the (empty, unindexed) target table,
    verifying its checksums and row count on the way (a mismatch drops the new database)."""
    cols = [c.name for c in entry.columns]
    target = sql.Identifier(entry.schema_name, entry.name)
    # Truncating the (new, empty) table in this transaction allows COPY FREEZE: rows are
    # written already frozen, so the new database needs no vacuum pass to set hint bits.
    # (ONLY: an inheritance parent's TRUNCATE would empty its children, loaded in parallel.)
    # A partitioned table has no storage of its own: no FREEZE, its partitions get the rows.
    if entry.partitioned:
        copy_sql = copy_in(target, cols)
    else:
        conn.execute(sql.SQL("TRUNCATE ONLY {}").format(target))
        copy_sql = copy_in(target, cols, " WITH (FREEZE)")
    copy_backup_file(conn, copy_sql, store, entry, codec, progress)


def load_new_database(
    dsn: str,
    backup: OpenedBackup,
    selected: list[TableEntry],
    roles: dict[str, str],
    workers: int,
    owner_options: list[str],
    archive: str | None,
    progress: Progress | None = None,
) -> list[TablePlan]:
    """Like pg_restore: tables first, data in parallel, then indexes and constraints in bulk.
    `progress` counts the tables loaded, their rows and bytes, and says which step runs.

    The database is new, so atomicity comes from dropping it on any error (the caller does).
    """

    @contextlib.contextmanager
    def loading_session():
        with connect(dsn) as conn:  # commits on success, rolls back on an error
            # Durability comes at the end: a crash before post-data leaves no usable database.
            conn.execute("SET synchronous_commit = off")
            yield conn

    store, manifest, codec = backup.store, backup.manifest, backup.codec

    def load(conn: psycopg.Connection, entry: TableEntry) -> None:
        try:
            _copy_into(conn, store, entry, codec, progress)
        except psycopg.Error as e:
            raise wrap_error(entry.qualified, "loading rows", e) from e

    run_biggest_first(selected, lambda e: e.content_bytes, workers, load, session=loading_session)
    failpoint("restore:loaded")
    if progress is not None:
        progress.step = "building indexes and constraints"
    names = {e.qualified for e in selected}
    with connect(dsn) as conn:
        if manifest.large_objects:
            stage = stage_large_objects(conn, store, manifest.large_objects, codec)
            apply_large_objects(conn, stage, exact=True)
        conn.commit()
    # Indexes and foreign keys are built once over the loaded data: give the sorts memory.
    settings = {"maintenance_work_mem": "256MB"}
    if archive is None:
        _run_legacy_sql(dsn, _legacy_schema(backup, "post-data"), "post-data", settings)
    else:
        # Over `workers` connections, like pg_restore -j: the index builds and foreign-key
        # checks of different tables run side by side (the database is dropped on an error,
        # so no single transaction is needed for atomicity).
        with _post_data_list(archive, manifest) as listing:
            pg_restore_into(
                dsn,
                archive,
                "restoring indexes, constraints and triggers (post-data)",
                ["--section=post-data", *listing, *owner_options],
                settings,
                jobs=workers,
            )
    with connect(dsn) as conn:
        refresh_matviews(conn, manifest.materialized_views)
        set_sequences(conn, manifest, names, exact=True)
        conn.commit()
    return [
        TablePlan(
            e.qualified,
            roles[e.qualified],
            e.rows,
            0,
            e.rows,
        )
        for e in selected
    ]


def outside_foreign_keys(manifest: BackupManifest) -> list[str]:
    """What a new database cannot have: the foreign keys of the backup's tables to tables it
    does not hold (a schema left out of the backup, as capture on Supabase leaves out
    `auth`), said for the restore's result."""
    return [
        f"{r.table}: foreign key {r.foreign_key} to {r.ref_table} not created, {r.ref_table} "
        "is not in the backup (create it, then add the constraint)"
        for r in manifest.outside_references
    ]


@contextlib.contextmanager
def _post_data_list(archive: str, manifest: BackupManifest) -> Iterator[list[str]]:
    """pg_restore options that leave out the foreign keys to tables outside the backup (they
    would fail: their tables do not exist in a new database) and the event trigger change
    capture records schema changes with (a restored database records nothing, and creating
    one needs a superuser); none when there are none."""
    skipped = {
        f" FK CONSTRAINT {r.table.split('.', 1)[0]} {r.table.split('.', 1)[1]} {r.foreign_key} "
        for r in manifest.outside_references
    }
    if manifest.capture is not None:  # capture's schema-change recorder is not the app's
        skipped.add(f" EVENT TRIGGER - {ddl.TRIGGER} ")
    if not skipped:
        yield []
        return
    kept = [line for line in archive_list(archive) if not any(k in line for k in skipped)]
    with tempfile.NamedTemporaryFile("w", prefix="airvault-toc-", suffix=".list") as listing:
        listing.write("\n".join(kept) + "\n")
        listing.flush()
        yield ["-L", listing.name]


def drop_database(dsn: str) -> None:
    """Drop a database of airvault's (a scratch or a half-made target), whoever is connected.
    FORCE cannot end an autovacuum worker for a login without superuser (as managed services
    give): a plain DROP then does, as PostgreSQL ends autovacuum workers itself."""
    info = conninfo_to_dict(dsn)
    admin = make_conninfo("", **{**info, "dbname": "postgres"})
    name = sql.Identifier(str(info["dbname"]))
    with psycopg.connect(admin, autocommit=True) as conn:
        try:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        except psycopg.errors.InsufficientPrivilege:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(name))
