"""PostgreSQL's regression database, built the way pg_upgrade's test builds it: the scripts of
`parallel_schedule` run in order with psql (ON_ERROR_STOP off) in pg_regress's environment.

The scripts come from ../shared/pg-regress (PostgreSQL 18.3's src/test/regress, beside the
checkout; never copied into the project). Some scripts load data/ with server-side COPY, read
by the server's OS user: sql/, data/ and the schedule are copied into a temp folder it can read.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg
from psycopg import sql
from psycopg.conninfo import make_conninfo

from airvault.pg.tools import pg_tool

ROOT = Path(__file__).resolve().parents[1]
SOURCE = Path(os.environ.get("AIRVAULT_PG_REGRESS", ROOT.parent / "shared" / "pg-regress"))
REGRESS = SOURCE / "src" / "test" / "regress"
MISSING = (
    f"PostgreSQL's regression scripts are not at {REGRESS} (../shared/pg-regress: 18.3's "
    "src/test/regress; or set AIRVAULT_PG_REGRESS): the exactness test needs them"
)

# pg_regress's database settings (its create_database()) and client environment.
DATABASE_SETTINGS = {
    "lc_messages": "C",
    "lc_monetary": "C",
    "lc_numeric": "C",
    "lc_time": "C",
    "bytea_output": "hex",
    "timezone_abbreviations": "Default",
}


def available() -> bool:
    return (REGRESS / "parallel_schedule").is_file()


def schedule() -> list[str]:
    """The scripts of parallel_schedule in order (a parallel group's tests one after another)."""
    names = []
    for line in (REGRESS / "parallel_schedule").read_text().splitlines():
        if line.startswith("test:"):
            names += line.split(":", 1)[1].split()
    return names


def _readable_copy(work: Path) -> Path:
    """sql/, data/ and the schedule in `work`, readable by every user (the server's too)."""
    for part in ("sql", "data", "parallel_schedule"):
        src = REGRESS / part
        (shutil.copytree if src.is_dir() else shutil.copy)(src, work / part)
    (work / "results").mkdir()
    for path in [work, *work.rglob("*")]:
        path.chmod(path.stat().st_mode | stat.S_IROTH | stat.S_IWOTH | stat.S_IXOTH)
    for parent in work.parents:  # the server's user must reach the folder
        parent.chmod(parent.stat().st_mode | stat.S_IXOTH)
    return work


def build(admin_dsn: str, name: str = "regression") -> tuple[str, float]:
    """Create database `name` from template0 on the server of `admin_dsn` and run the schedule
    into it; return its DSN and the seconds it took. Errors of single statements are expected
    (scripts needing regress.so, other locales, ...) and ignored, as pg_upgrade's test does."""
    started = time.monotonic()
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE template0").format(sql.Identifier(name)))
        for key, value in DATABASE_SETTINGS.items():
            conn.execute(
                sql.SQL("ALTER DATABASE {} SET {} TO {}").format(
                    sql.Identifier(name), sql.Identifier(key), sql.Literal(value)
                )
            )
    dsn = make_conninfo(admin_dsn, dbname=name)
    with tempfile.TemporaryDirectory(prefix="airvault-pg-regress-") as tmp:
        work = _readable_copy(Path(tmp))
        env = os.environ | {
            "PG_ABS_SRCDIR": str(work),
            "PG_ABS_BUILDDIR": str(work),
            "PG_LIBDIR": str(work / "no-libdir"),  # no regress.so: its scripts fail in part
            "PG_DLSUFFIX": ".so",
            "PGTZ": "America/Los_Angeles",
            "PGDATESTYLE": "Postgres, MDY",
            "LC_MESSAGES": "C",
            "PGAPPNAME": "pg_regress",
            # No wait for the WAL flush at each of the scripts' thousands of commits: what
            # they leave is the same, the build takes a fraction of the time.
            "PGOPTIONS": "-c synchronous_commit=off",
        }
        for test in schedule():
            with open(work / "results" / f"{test}.out", "wb") as out:
                subprocess.run(
                    [pg_tool("psql"), "-X", "-a", "-q", "-d", dsn, "-v", "ON_ERROR_STOP=0",
                     "-f", str(work / "sql" / f"{test}.sql")],
                    cwd=work, env=env, stdout=out, stderr=subprocess.STDOUT, timeout=600,
                )  # fmt: skip
    return dsn, time.monotonic() - started


if __name__ == "__main__":  # build on a running server: python -m tests.pg_regress ADMIN_DSN
    import sys

    built, seconds = build(sys.argv[1], *(sys.argv[2:3]))
    print(f"{built}: {seconds:.0f} s")


# --- what a user compares: the schema as pg_dump sees it, rows, sequences, large objects ---

_RELATIONS = """
SELECT c.oid::regclass::text, array_agg(a.attname ORDER BY a.attname)
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE c.relkind = 'r' AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
GROUP BY 1 ORDER BY 1
"""


def schema_dump(dsn: str) -> str:
    """pg_dump --schema-only, as pg_upgrade's test compares it (the random \\restrict key of
    PostgreSQL 18.1+ made fixed)."""
    out = subprocess.run(
        [pg_tool("pg_dump"), "--schema-only", "--restrict-key=airvault", "-d", dsn],
        capture_output=True, check=True, text=True,
    )  # fmt: skip
    return out.stdout


def table_rows(dsn: str) -> dict[str, tuple[int, str]]:
    """Every table with storage (partitions and inheritance children each on their own, read
    with ONLY): (rows, md5 of its rows' text, columns by name, rows in text order)."""
    found = {}
    with psycopg.connect(dsn) as conn:
        for table, columns in conn.execute(_RELATIONS).fetchall():
            cols = sql.SQL(", ").join(sql.Identifier(c) for c in columns if c is not None)
            query = sql.SQL(
                "SELECT count(*), md5(coalesce(string_agg(r, E'\\n' ORDER BY r COLLATE \"C\"), "
                "'')) FROM (SELECT (ROW({}))::text AS r FROM ONLY {}) x"
            ).format(cols, sql.SQL(table))  # a regclass's text: quoted where needed
            found[table] = tuple(conn.execute(query).fetchone())
    return found


def sequence_values(dsn: str) -> dict[str, tuple[int, bool]]:
    """(last_value, is_called) of every sequence, read from the sequence itself."""
    with psycopg.connect(dsn) as conn:
        names = [r[0] for r in conn.execute(
            "SELECT c.oid::regclass::text FROM pg_class c WHERE c.relkind = 'S' ORDER BY 1"
        )]  # fmt: skip
        return {
            name: tuple(conn.execute(
                sql.SQL("SELECT last_value, is_called FROM {}").format(sql.SQL(name))
            ).fetchone())
            for name in names
        }  # fmt: skip


def large_objects(dsn: str) -> dict[int, tuple[str, str | None, str]]:
    """oid -> (owner, ACL, md5 of the contents) of every large object."""
    with psycopg.connect(dsn) as conn:
        rows = conn.execute(
            "SELECT oid, pg_get_userbyid(lomowner), lomacl::text, md5(lo_get(oid)) "
            "FROM pg_largeobject_metadata ORDER BY oid"
        ).fetchall()
    return {oid: (owner, acl, digest) for oid, owner, acl, digest in rows}
