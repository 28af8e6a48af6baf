"""Exports and imports side by side with psql's \\copy, on the same 1M rows in the same run.

A `bench_contacts` table of --rows rows (the demo's contacts repeated with new ids, with the
contacts' foreign keys) is built once in the bench database. Then, each as a CLI process:
  airvault export (readable CSV: 3 user columns as display names, 2 local times)
    vs  psql \\copy (the same SELECT ... LEFT JOIN users ...) TO file CSV
  airvault export --format parquet (raw)
  airvault import (validated: required, types, ISO dates, e-mails, user names/ids, duplicate
    keys, the insert-mode key rule) vs  psql \\copy bench_contacts_import FROM file CSV (no
    checks but PostgreSQL's own), into a table with the contacts' columns and primary key.
Run alone: `.venv/bin/python scripts/bench_io.py` (uses the bench server of scripts/bench.py).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import yaml
from psycopg import sql

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import WORK, ensure_demo, timed

USER_COLUMNS = ["contact_owner", "created_by", "modified_by"]
DATETIME_COLUMNS = ["created_at", "updated_at"]
TABLE, TARGET = "bench_contacts", "bench_contacts_import"
IMPORT, IMPORT_RUNS = "airvault import (validated, atomic, insert)", 3


def _like_contacts(conn: psycopg.Connection, name: str, foreign_keys: bool = True) -> None:
    """A table shaped like contacts: same columns, primary key and (optionally) foreign keys."""
    conn.execute(sql.SQL("CREATE TABLE {} (LIKE contacts INCLUDING DEFAULTS)").format(
        sql.Identifier(name)))  # fmt: skip
    conn.execute(sql.SQL("ALTER TABLE {} ADD PRIMARY KEY (id)").format(sql.Identifier(name)))
    for (definition,) in conn.execute(
        "SELECT pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = 'public.contacts'::regclass AND contype = 'f' AND %s",
        (foreign_keys,),
    ).fetchall():
        conn.execute(sql.SQL("ALTER TABLE {} ADD {}").format(sql.Identifier(name),
                                                              sql.SQL(definition)))  # fmt: skip


def ensure_table(dsn: str, rows: int) -> None:
    with psycopg.connect(dsn, autocommit=True) as conn:
        have = conn.execute("SELECT to_regclass(%s)", (TABLE,)).fetchone()[0]
        if have and conn.execute(sql.SQL("SELECT count(*) FROM {}").format(
                sql.Identifier(TABLE))).fetchone()[0] == rows:  # fmt: skip
            return
        print(f"building {TABLE} ({rows:,} rows, once) ...", flush=True)
        conn.execute(sql.SQL("DROP TABLE IF EXISTS {}, {}").format(
            sql.Identifier(TABLE), sql.Identifier(TARGET)))  # fmt: skip
        _like_contacts(conn, TABLE)
        columns = [r[0] for r in conn.execute(
            "SELECT attname FROM pg_attribute WHERE attrelid = 'public.contacts'::regclass "
            "AND attnum > 0 AND NOT attisdropped ORDER BY attnum")]  # fmt: skip
        select = sql.SQL(", ").join(
            sql.SQL("gen_random_uuid()") if c == "id" else sql.Identifier("c", c) for c in columns
        )
        conn.execute(sql.SQL(
            "INSERT INTO {} SELECT {} FROM contacts c, generate_series(1, "
            "(SELECT ceil(%s::numeric / count(*))::int FROM contacts)) LIMIT %s"
        ).format(sql.Identifier(TABLE), select), (rows, rows))  # fmt: skip
        conn.execute(sql.SQL("VACUUM ANALYZE {}").format(sql.Identifier(TABLE)))


def bench_io(dsn: str, out: Path, psql: str, rows: int = 1_000_000) -> dict:
    from airvault.config import load_config
    from airvault.exchange.exports import ExportSpec, build_query

    ensure_table(dsn, rows)
    shutil.rmtree(out, ignore_errors=True)  # each run's exports are ~0.9 GB: keep only the last
    out.mkdir(parents=True)
    config = yaml.safe_load((Path(__file__).resolve().parents[1] / "airvault.yaml").read_text())
    config["modules"] = {TABLE: {"tables": [TABLE], "user_columns": USER_COLUMNS,
                                 "datetime_columns": DATETIME_COLUMNS},
                         TARGET: {"tables": [TARGET], "user_columns": USER_COLUMNS}}  # fmt: skip
    config["exports"] = {}
    config["storage"]["root"] = f"file://{out}"
    (out / "airvault.yaml").write_text(yaml.safe_dump(config))
    load_config(out / "airvault.yaml")  # fail here, not in a child, on a bad config
    cli = [str(Path(sys.executable).parent / "airvault"), "--config", str(out / "airvault.yaml")]
    results: dict[str, dict] = {}

    def record(name: str, seconds: float, rss: int | None = None) -> None:
        results[name] = {"seconds": round(seconds, 2), "rows_per_s": round(rows / seconds)}
        if rss is not None:
            results[name]["peak_rss_mb"] = rss
        print(f"  {name:<48} {seconds:6.1f}s  {rows / seconds:>10,.0f} rows/s", flush=True)

    spec = ExportSpec(TABLE, user_columns=USER_COLUMNS, datetime_columns=DATETIME_COLUMNS)
    with psycopg.connect(dsn) as conn:
        query = build_query(conn, spec)[0].as_string(conn)
    copy_file = out / "copy_readable.csv"
    seconds, _ = timed([psql, "-X", "-q", "-d", dsn, "-c",
                        f"\\copy ({query}) TO '{copy_file}' WITH (FORMAT csv, HEADER)"])  # fmt: skip
    record("psql \\copy (SELECT ... JOIN users) TO csv", seconds)
    seconds, rss = timed([*cli, "export", TABLE, "--dsn", dsn, "--to", str(out)],
                         stdout=subprocess.DEVNULL)  # fmt: skip
    record("airvault export readable csv", seconds, rss)
    seconds, rss = timed([*cli, "export", TABLE, "--dsn", dsn, "--to", str(out), "--raw",
                          "--format", "parquet"], stdout=subprocess.DEVNULL)  # fmt: skip
    record("airvault export raw parquet", seconds, rss)
    time.sleep(1)  # run ids are per second
    seconds, rss = timed([*cli, "export", TABLE, "--dsn", dsn, "--to", str(out), "--raw"],
                         stdout=subprocess.DEVNULL)  # fmt: skip
    record("airvault export raw csv", seconds, rss)
    (raw,) = sorted((out / "exports" / TABLE).glob("*/bench_contacts.csv"), key=_mtime)[-1:]

    def empty_target() -> None:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(sql.Identifier(TARGET)))
            # No foreign keys on the target: their per-row triggers would cost both loaders
            # the same ~40 s here and hide the cost of airvault's own checks.
            _like_contacts(conn, TARGET, foreign_keys=False)

    # Best of 3, alternated (\\copy, import, \\copy, import, ...) into an emptied target: the
    # machine is shared, and its load moves from run to run; each run is kept in "runs".
    copy_name, import_name = "psql \\copy FROM csv (no validation)", IMPORT
    runs: dict[str, list[float]] = {copy_name: [], import_name: []}
    import_rss = 0
    for _ in range(IMPORT_RUNS):
        empty_target()
        seconds, _ = timed([psql, "-X", "-q", "-d", dsn, "-c",
                            f"\\copy {TARGET} FROM '{raw}' WITH (FORMAT csv, HEADER)"])  # fmt: skip
        runs[copy_name].append(seconds)
        empty_target()
        seconds, rss = timed([*cli, "import", str(raw), "--table", TARGET, "--mode", "insert",
                              "--dsn", dsn], stdout=subprocess.DEVNULL)  # fmt: skip
        runs[import_name].append(seconds)
        import_rss = max(import_rss, rss)
    record(copy_name, min(runs[copy_name]))
    record(import_name, min(runs[import_name]), import_rss)
    for name, seconds in runs.items():
        results[name]["runs"] = [round(s, 2) for s in seconds]
        print(f"    runs: {', '.join(f'{s:.2f}' for s in seconds)}", flush=True)
    with psycopg.connect(dsn) as conn:
        loaded = conn.execute(sql.SQL("SELECT count(*) FROM {}").format(
            sql.Identifier(TARGET))).fetchone()[0]  # fmt: skip
    if loaded != rows:
        raise RuntimeError(f"import loaded {loaded:,} rows of {rows:,}")
    copy_out = results["psql \\copy (SELECT ... JOIN users) TO csv"]["seconds"]
    copy_in = results["psql \\copy FROM csv (no validation)"]["seconds"]
    export_s = results["airvault export readable csv"]["seconds"]
    import_s = results[IMPORT]["seconds"]
    return {
        "rows": rows,
        "results": results,
        "readable_export_rate_vs_copy": round(copy_out / export_s, 2),
        "validated_import_rate_vs_copy": round(copy_in / import_s, 2),
        "import_rows_per_s": round(rows / import_s),
    }


def _mtime(path: Path) -> float:
    return path.stat().st_mtime


def report(io: dict) -> dict[str, bool]:
    """Print the table and return the targets met."""
    print("\n| export / import of 1M rows | wall s | rows/s | peak RSS MB |")
    print("|---|---:|---:|---:|")
    for name, r in io["results"].items():
        print(
            f"| {name} | {r['seconds']:.1f} | {r['rows_per_s']:,} | {r.get('peak_rss_mb', '-')} |"
        )
    print(
        f"readable CSV export rate / \\copy: {io['readable_export_rate_vs_copy']:.2f}x (target "
        f">= 0.7x); validated import rate / \\copy FROM: {io['validated_import_rate_vs_copy']:.2f}x "
        f"(target >= 0.4x) at {io['import_rows_per_s']:,} rows/s (target >= 100,000)"
    )
    return {
        "readable_export_at_least_0_7x_copy": io["readable_export_rate_vs_copy"] >= 0.7,
        "validated_import_at_least_0_4x_copy": io["validated_import_rate_vs_copy"] >= 0.4,
        "import_at_least_100k_rows_per_s": io["import_rows_per_s"] >= 100_000,
    }


def main() -> int:
    import argparse

    from airvault.demo.embedded import EmbeddedPostgres, free_port, pg_tool

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=75)
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    os.environ.setdefault("AIRVAULT_SIGNING_KEY", "airvault-bench-signing-key-0123456789")
    pg = EmbeddedPostgres(WORK / "pgdata", port=free_port()).start()
    pg.wait_ready()
    try:
        io = bench_io(ensure_demo(pg, args.scale)[0], WORK / "out-io", pg_tool("psql"), args.rows)
    finally:
        pg.stop()
    return 0 if all(report(io).values()) else 1


if __name__ == "__main__":
    sys.exit(main())
