"""`new-database` restores: create the database from the backup's schema and load it the way
pg_restore does. It is built under a scratch name and renamed to the target's name only when
complete, so even a killed restore (no chance to clean up) never leaves a half-loaded database
under that name; an error drops the scratch database, and the next restore clears a leftover."""

from __future__ import annotations

import contextlib
import hashlib
import subprocess
import tempfile

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from airvault.backup import connect
from airvault.embedded import pg_tool
from airvault.errors import AirvaultError, IntegrityError
from airvault.failpoints import failpoint
from airvault.filecodec import FileCodec, codec_of
from airvault.manifest import table_name
from airvault.parallel import run_biggest_first
from airvault.pgtools import client_args
from airvault.restore_apply import TablePlan, columns_sql, set_sequences, wrap_error
from airvault.storage import Store
from airvault.verify import stream_table


def make_database(dsn: str, who: str, exists_hint: str, clean: bool = False) -> None:
    """Create the (empty) database named in `dsn`. An existing one is refused with
    `exists_hint`, or with `clean` dropped and made again; `who` names the caller."""
    info = conninfo_to_dict(dsn)
    name = info.get("dbname")
    if not name:
        raise AirvaultError(f"{who} needs a database name in --dsn")
    admin = make_conninfo(**{**info, "dbname": "postgres"})
    with psycopg.connect(admin, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            if not clean:
                raise AirvaultError(f"database '{name}' already exists: {exists_hint}")
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _admin(dsn: str) -> tuple[str, str]:
    info = conninfo_to_dict(dsn)
    return info.get("dbname") or "", make_conninfo(**{**info, "dbname": "postgres"})


def prepare_build(dsn: str) -> str:
    """Refuse an existing target; return the DSN of the scratch database to build in (a name
    derived from the target's, so a killed restore's leftover is found and dropped here)."""
    name, admin = _admin(dsn)
    if not name:
        raise AirvaultError("new-database mode needs a database name in --dsn")
    with psycopg.connect(admin, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            raise AirvaultError(
                f"database '{name}' already exists: new-database mode never overwrites one"
            )
    scratch = "airvault_restoring_" + hashlib.sha256(name.encode()).hexdigest()[:12]
    build = make_conninfo(**{**conninfo_to_dict(dsn), "dbname": scratch})
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


def create_database(dsn: str, store: Store, schema_rel: str, codec: FileCodec) -> None:
    """Create the target database and its schema from `schema_rel`; refuse an existing one."""
    schema = _plain(store, schema_rel, codec)  # a wrong key fails before the database exists
    make_database(dsn, "new-database mode", "new-database mode never overwrites one")
    try:
        if b"\nCREATE SCHEMA public;" in schema:  # make room for it
            with psycopg.connect(dsn, autocommit=True) as conn:
                conn.execute("DROP SCHEMA public")
        _run_sql(dsn, schema, schema_rel)
    except BaseException:
        drop_database(dsn)
        raise


def _run_sql(dsn: str, script: bytes, rel: str, settings: dict | None = None) -> None:
    """Run one of the backup's SQL files (`script`, read from `rel`) with psql, in a single
    transaction."""
    conninfo, env = client_args(dsn, settings)
    with tempfile.NamedTemporaryFile(suffix=".sql") as f:
        f.write(script)
        f.flush()
        result = subprocess.run(
            [pg_tool("psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-1", "-d", conninfo, "-f", f.name],
            capture_output=True, text=True, env=env,
        )  # fmt: skip
    if result.returncode != 0:
        raise AirvaultError(
            f"{rel} failed in the new database: {result.stderr.strip().splitlines()[-1:]}"
        )


def _plain(store: Store, rel: str, codec: FileCodec) -> bytes:
    """A schema file of the backup, decrypted when the backup is encrypted."""
    return codec.unseal(store.read_bytes(rel), rel)


def _copy_into(conn: psycopg.Connection, store: Store, entry: dict, codec: FileCodec) -> None:
    """COPY a table's backup file straight into the (empty, unindexed) target table,
    verifying its checksums and row count on the way (a mismatch drops the new database)."""
    cols = [c["name"] for c in entry["columns"]]
    target = sql.Identifier(entry["schema"], entry["name"])
    # Truncating the (new, empty) table in this transaction allows COPY FREEZE: rows are
    # written already frozen, so the new database needs no vacuum pass to set hint bits.
    conn.execute(sql.SQL("TRUNCATE {}").format(target))
    copy_sql = sql.SQL("COPY {} ({}) FROM STDIN WITH (FREEZE)").format(target, columns_sql(cols))
    with conn.cursor().copy(copy_sql) as copy:
        _rows, problems = stream_table(store, entry, copy.write, codec)
    if problems:
        raise IntegrityError("; ".join(problems))


def load_new_database(
    dsn: str,
    store: Store,
    manifest: dict,
    selected: list[dict],
    roles: dict[str, str],
    workers: int,
) -> list[TablePlan]:
    """Like pg_restore: tables first, data in parallel, then indexes and constraints in bulk.

    The database is new, so atomicity comes from dropping it on any error (the caller does).
    """

    @contextlib.contextmanager
    def loading_session():
        with connect(dsn) as conn:  # commits on success, rolls back on an error
            # Durability comes at the end: a crash before post-data leaves no usable database.
            conn.execute("SET synchronous_commit = off")
            yield conn

    codec = codec_of(manifest, store.key)

    def load(conn: psycopg.Connection, entry: dict) -> None:
        try:
            _copy_into(conn, store, entry, codec)
        except psycopg.Error as e:
            raise wrap_error(table_name(entry), "loading rows", e) from e

    run_biggest_first(
        selected, lambda e: e.get("content_bytes", 0), workers, load, session=loading_session
    )
    failpoint("restore:loaded")
    # Indexes and foreign keys are built once over the loaded data: give the sorts memory.
    post_data = manifest["schema_sections"]["post-data"]["file"]
    _run_sql(dsn, _plain(store, post_data, codec), post_data, {"maintenance_work_mem": "256MB"})
    names = {table_name(e) for e in selected}
    with connect(dsn) as conn:
        set_sequences(conn, manifest, names)
        conn.commit()
    return [
        TablePlan(
            table_name(e),
            roles[table_name(e)],
            e["rows"],
            0,
            e["rows"],
        )
        for e in selected
    ]


def drop_database(dsn: str) -> None:
    info = conninfo_to_dict(dsn)
    admin = make_conninfo(**{**info, "dbname": "postgres"})
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(info["dbname"])
            )
        )
