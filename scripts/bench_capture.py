"""`make bench` part 2: continuous protection under a pgbench load, all in one run.

1. pgbench (TPC-B-like, 4 clients) for --seconds with change capture off, on (a drain every
   --drain-every seconds, or with --stream `airvault capture stream` flushing a segment every
   --flush-seconds) and off again: the TPS on against the mean of the two off runs
   (tables grow as pgbench runs, so one off run first would flatter "off"); and for every
   transaction committed while on, its RPO (commit -> its segment's manifest durable);
3. drain throughput (row changes per second of drain time; streamed: segments and changes);
4. replay of all of it onto the base (a new-database point-in-time restore's replay step),
   against loading the same number of rows with COPY.
Writes docs/bench-capture.json (--stream: docs/bench-capture-stream.json) and docs/benchmarks.md's
"Continuous protection" sections.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / ".airvault" / "bench-capture"
SLOT = "bench_capture"
TARGETS = {"rpo_p99_s": 70, "replay_changes_per_s": 50_000, "tps_overhead": 0.10}
STREAM_RPO_P99_S = 5  # issue 32.2: RPO in seconds


def pgbench(pgbench_bin: str, dsn: str, seconds: int) -> float:
    out = subprocess.run(
        [pgbench_bin, "-c", "4", "-j", "2", "-T", str(seconds), dsn],  # vacuums first
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    return float(re.search(r"tps = ([\d.]+)", out).group(1))


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=10, help="pgbench scale (10: 1 M accounts)")
    parser.add_argument("--seconds", type=int, default=90, help="each pgbench run (off, on, off)")
    parser.add_argument("--drain-every", type=int, default=60, help="seconds between drains")
    parser.add_argument(
        "--stream",
        action="store_true",
        help="capture with `airvault capture stream` instead of drains",
    )
    parser.add_argument("--flush-seconds", type=float, default=2.0, help="--stream: its flush")
    parser.add_argument("--out", default=None)
    args = parser.parse_args()
    name = "bench-capture-stream.json" if args.stream else "bench-capture.json"
    args.out = args.out or str(ROOT / "docs" / name)
    os.environ.setdefault("AIRVAULT_SIGNING_KEY", "bench:" + "5a" * 32)

    from airvault.backup.run import BackupOptions, run_backup
    from airvault.capture.drain import drain
    from airvault.capture.pgoutput import decode
    from airvault.capture.replay import Point
    from airvault.capture.segments import read_chain, read_messages
    from airvault.capture.slot import start_capture, stop_capture
    from airvault.demo.embedded import EmbeddedPostgres, free_port, pg_tool
    from airvault.restore.new_database import drop_database
    from airvault.restore.point_in_time import replay_segments
    from airvault.restore.run import restore
    from airvault.storage.store import open_store

    pg = EmbeddedPostgres(WORK / "pgdata", port=free_port()).start()
    pg.wait_ready()
    with psycopg.connect(pg.dsn, autocommit=True) as conn:
        for db in ("bench_app", "bench_replay"):
            conn.execute(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")
        if conn.execute(
            "SELECT 1 FROM pg_replication_slots WHERE slot_name = %s", (SLOT,)
        ).fetchone():
            conn.execute("SELECT pg_drop_replication_slot(%s)", (SLOT,))
    dsn = pg.create_database("bench_app")
    bench_bin = pg_tool("pgbench")
    print(f"pgbench -i -s {args.scale} ...", flush=True)
    subprocess.run([bench_bin, "-i", "-q", "-s", str(args.scale), dsn], check=True,
                   capture_output=True)  # fmt: skip
    storage = WORK / "storage"
    subprocess.run(["rm", "-rf", str(storage)], check=True)
    root = open_store(storage)

    print(f"pgbench {args.seconds} s, capture off ...", flush=True)
    tps_off = pgbench(bench_bin, dsn, args.seconds)

    # pgbench_history has no key: insert-only, so REPLICA IDENTITY FULL costs it nothing
    start_capture(dsn, SLOT, SLOT, replica_identity_full=True, exclude=[])
    base = run_backup(dsn, root, BackupOptions(capture_slot=SLOT))
    drains: list = []
    stop = threading.Event()

    def drainer() -> None:
        while not stop.wait(args.drain_every):
            drains.append(drain(dsn, root, SLOT, SLOT))

    if args.stream:
        print(
            f"pgbench {args.seconds} s, capture on, streamed (a segment every "
            f"{args.flush_seconds:g} s) ...",
            flush=True,
        )
        env = {k: v for k, v in os.environ.items() if k != "AIRVAULT_CONFIG"}
        streamer = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "airvault"),
                "capture",
                "stream",
                "--dsn",
                dsn,
                "--to",
                str(storage),
                "--slot",
                SLOT,
                "--publication",
                SLOT,
                "--flush-seconds",
                str(args.flush_seconds),
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=open(WORK / "stream.log", "w"),
        )
        time.sleep(1)  # connected and streaming before the load starts
        tps_on = pgbench(bench_bin, dsn, args.seconds)
        streamer.send_signal(signal.SIGTERM)  # it stores what is whole, then exits
        assert streamer.wait(timeout=120) == 0, (WORK / "stream.log").read_text()
    else:
        print(
            f"pgbench {args.seconds} s, capture on, a drain every {args.drain_every} s ...",
            flush=True,
        )
        thread = threading.Thread(target=drainer)
        thread.start()
        tps_on = pgbench(bench_bin, dsn, args.seconds)
        stop.set()
        thread.join()
    time.sleep(1.2)
    drains.append(drain(dsn, root, SLOT, SLOT))
    stop_capture(dsn, SLOT, SLOT)  # what was captured is in storage
    print(f"pgbench {args.seconds} s, capture off again ...", flush=True)
    tps_off_runs = [tps_off, pgbench(bench_bin, dsn, args.seconds)]
    tps_off = statistics.mean(tps_off_runs)

    # RPO of every transaction: its commit time -> its segment's manifest written
    chain = read_chain(root, SLOT)
    rpo = []
    for segment in chain.segments:
        durable = datetime.fromisoformat(segment.drained_at)
        for data in read_messages(root, segment):
            if data[:1] == b"B":
                rpo.append((durable - decode(data).commit_time).total_seconds())
    drained_changes = sum(d.changes for d in drains)
    drain_seconds = sum(d.seconds for d in drains)

    print("replaying onto the base ...", flush=True)
    scratch = pg.dsn_for("bench_replay")
    restore(base.url, scratch, mode="new-database")
    t0 = time.perf_counter()
    stats = replay_segments(scratch, base.manifest, {t.qualified for t in base.manifest.tables}, root,
                    chain.for_base(base.manifest.capture.lsn), Point(), None)  # fmt: skip
    replay_s = time.perf_counter() - t0
    # the same number of rows, loaded with COPY into a table shaped like pgbench_accounts
    rows = "".join(f"{i}\t1\t{i % 1000}\t{' ' * 84}\n" for i in range(stats.changes))
    with psycopg.connect(scratch) as conn:
        conn.execute("CREATE TABLE copy_floor (LIKE pgbench_accounts)")
        t0 = time.perf_counter()
        with conn.cursor().copy("COPY copy_floor FROM STDIN") as copy:
            copy.write(rows)
        conn.commit()
        copy_s = time.perf_counter() - t0
    drop_database(scratch)

    segment_mb = round(sum(s.file_bytes for s in chain.segments) / 1e6, 1)
    if args.stream:  # the streamer's segments (the last drain found what was left: nothing)
        capture = {
            "segments": len(chain.segments),
            "left_for_the_drain": drained_changes,
            "changes": sum(s.changes for s in chain.segments),
            "segment_mb": segment_mb,
        }
    else:
        capture = {
            "segments": len(chain.segments),
            "changes": drained_changes,
            "seconds": round(drain_seconds, 2),
            "changes_per_s": round(drained_changes / max(drain_seconds, 1e-9)),
            "segment_mb": segment_mb,
        }
    report = {
        "measured_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "pgbench": {"scale": args.scale, "clients": 4, "seconds": args.seconds},
        "mode": "stream" if args.stream else "drain",
        **({"stream_flush_s": args.flush_seconds} if args.stream else
           {"drain_every_s": args.drain_every}),
        "tps": {"capture_off": round(tps_off, 1), "capture_on": round(tps_on, 1),
                "capture_off_runs": [round(t, 1) for t in tps_off_runs],
                "overhead": round(1 - tps_on / tps_off, 4),
                "load_average": round(os.getloadavg()[0], 2)},  # another job skews TPS
        "rpo_s": {"transactions": len(rpo), "p50": round(statistics.median(rpo), 2),
                  "p99": round(percentile(rpo, 99), 2), "max": round(max(rpo), 2)},
        "stream" if args.stream else "drain": capture,
        "replay": {"transactions": stats.transactions, "changes": stats.changes,
                   "seconds": round(replay_s, 2),
                   "changes_per_s": round(stats.changes / replay_s),
                   "copy_same_rows_s": round(copy_s, 2),
                   "vs_copy": round(replay_s / copy_s, 2)},
    }  # fmt: skip
    rpo_target = STREAM_RPO_P99_S if args.stream else TARGETS["rpo_p99_s"]
    report["targets"] = {
        f"rpo_p99_under_{rpo_target}_s": report["rpo_s"]["p99"] <= rpo_target,
        "replay_over_50k_changes_per_s": report["replay"]["changes_per_s"]
        >= TARGETS["replay_changes_per_s"],
        "tps_overhead_under_10pct": report["tps"]["overhead"] <= TARGETS["tps_overhead"],
    }
    Path(args.out).write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))
    sys.path.insert(0, str(ROOT / "scripts"))
    import bench_docs  # docs/benchmarks.md holds both parts

    bench_docs.main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
