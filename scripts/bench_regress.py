"""A schema-heavy case for `make bench`: PostgreSQL's regression database (many small objects:
~750 tables, 55 sequences, hundreds of functions, types, views; ~419k rows), built from
../shared/pg-regress as tests/pg_regress.py builds it. Times airvault's whole-database backup
and new-database restore next to pg_dump -Fd -j2 and pg_restore -j2, in the same run, on the
same server; skipped, saying so, where the scripts are absent.

Alone: `python scripts/bench_regress.py ADMIN_DSN` (a running server; the database
`regression` is built there unless it exists).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests/pg_regress.py: the one builder of the database

from tests import pg_regress  # noqa: E402

BACKUP = "airvault backup (2 workers)"
DUMP = "pg_dump -Fd -j2"
NEW_DATABASE = "airvault restore new-database"
PG_RESTORE = "pg_restore -j2 (-Fd)"


def _wall(cmd: list[str]) -> float:
    """Wall seconds of `cmd`, run with no airvault config (the project's airvault.yaml
    describes the demo, not this database)."""
    env = {**os.environ, "AIRVAULT_CONFIG": "/nonexistent/airvault.yaml"}
    started = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - started


def _recreate(admin: str, name: str, create: bool) -> str:
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        if create:
            conn.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE template0").format(sql.Identifier(name))
            )
    return make_conninfo(admin, dbname=name)


def ensure_regression(admin: str) -> tuple[str, float | None]:
    """The regression database's DSN, and its build time when this call built it."""
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = 'regression'").fetchone()
    if exists:
        return make_conninfo(admin, dbname="regression"), None
    return pg_regress.build(admin)


def bench_regression(admin: str, out: Path, rounds: int = 1) -> dict | None:
    """{name: seconds (median of `rounds`)} and the ratios; None without the scripts."""
    from airvault.pg.tools import pg_tool

    if not pg_regress.available():
        print(f"regression database: skipped ({pg_regress.MISSING})")
        return None
    dsn, built = ensure_regression(admin)
    airvault = str(Path(sys.executable).parent / "airvault")
    runs: dict[str, list[float]] = {}
    for _ in range(rounds):
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
        timings = {
            BACKUP: _wall([airvault, "backup", "--dsn", dsn, "--to", str(out / "airvault"),
                           "--workers", "2"]),
            DUMP: _wall([pg_tool("pg_dump"), "-Fd", "-j2", "-f", str(out / "dump.fd"), "-d", dsn]),
        }  # fmt: skip
        backup = str(next((out / "airvault").rglob("manifest.json")).parent)
        target = _recreate(admin, "bench_regression_airvault", create=False)
        timings[NEW_DATABASE] = _wall([airvault, "restore", "--from", backup, "--dsn", target,
                                       "--mode", "new-database", "--yes"])  # fmt: skip
        target = _recreate(admin, "bench_regression_pg", create=True)
        timings[PG_RESTORE] = _wall([pg_tool("pg_restore"), "-j2", "-d", target,
                                     str(out / "dump.fd")])  # fmt: skip
        for name in ("bench_regression_airvault", "bench_regression_pg"):
            _recreate(admin, name, create=False)
        for name, seconds in timings.items():
            runs.setdefault(name, []).append(round(seconds, 2))
    seconds = {name: statistics.median(r) for name, r in runs.items()}
    result = {
        "seconds": seconds,
        "runs": runs,
        "backup_vs_pg_dump_dir_j2": round(seconds[BACKUP] / seconds[DUMP], 2),
        "new_database_vs_pg_restore_j2": round(seconds[NEW_DATABASE] / seconds[PG_RESTORE], 2),
        "build_s": round(built, 1) if built is not None else None,
    }
    print("\n| regression database (schema-heavy) | wall s |\n|---|---:|")
    for name, s in seconds.items():
        print(f"| {name} | {s:.1f} |")
    print(f"backup / pg_dump -Fd -j2: {result['backup_vs_pg_dump_dir_j2']}x; new-database / "
          f"pg_restore -j2: {result['new_database_vs_pg_restore_j2']}x")  # fmt: skip
    return result


if __name__ == "__main__":
    import json

    os.environ.setdefault("AIRVAULT_SIGNING_KEY", "airvault-bench-signing-key-0123456789")
    admin_dsn = sys.argv[1]
    assert conninfo_to_dict(admin_dsn).get("dbname"), "give a DSN with a database name"
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    report = bench_regression(admin_dsn, ROOT / ".airvault" / "bench" / "out-regression", rounds)
    print(json.dumps(report, indent=2))
