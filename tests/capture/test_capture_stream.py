"""`airvault capture stream` for real: the streamer as its own process on the embedded server,
under the capture tests' workload; killed -9 where a crash hurts most, restarted; what it
stored replayed onto a base and compared with the source, table by table."""

from __future__ import annotations

import os
import signal
import struct
import subprocess
import threading
import time
from collections.abc import Callable

import psycopg
import yaml

from airvault.capture.drain import drain
from airvault.capture.heartbeat import supervise
from airvault.capture.pgoutput import decode, parse_lsn
from airvault.capture.segments import read_chain, read_messages
from airvault.capture.slot import start_capture, stop_capture
from airvault.storage.store import open_store
from tests.airflow.test_dags import load_dags
from tests.airflow_env import set_postgres_connection, write_config
from tests.capture.test_capture import (
    AIRVAULT,
    LEDGER,
    Workload,
    _cli,
    _env,
    capturing,
    checksums,
    mark,
)
from tests.dbutil import INFRA, backup


def _streamer(dsn: str, root_url: str, slot: str, failpoint: str = "") -> subprocess.Popen:
    return subprocess.Popen(
        [AIRVAULT, "capture", "stream", "--dsn", dsn, "--to", root_url, "--slot", slot,
         "--publication", slot, "--flush-seconds", "1"],
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, cwd="/",
        env=_env(AIRVAULT_FAILPOINT=failpoint),
    )  # fmt: skip


def _confirmed(dsn: str, slot: str) -> int:
    with psycopg.connect(dsn) as conn:
        row = conn.execute(
            "SELECT confirmed_flush_lsn::text FROM pg_replication_slots WHERE slot_name = %s",
            (slot,),
        ).fetchone()
    assert row
    return parse_lsn(row[0])


def _wait(what: str, check: Callable[[], object], timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, f"{what}: not within {timeout:.0f} s"
        time.sleep(0.1)


def _said(proc: subprocess.Popen, text: str) -> None:
    """Read the process's stderr until a line says `text` (killed after 60 s of silence)."""
    assert proc.stderr
    lines = []
    watchdog = threading.Timer(60, proc.kill)
    watchdog.start()
    try:
        for line in proc.stderr:
            if text in line:
                return
            lines.append(line)
    finally:
        watchdog.cancel()
    raise AssertionError(f"the streamer never said {text!r}: {''.join(lines)}")


def test_streamed_changes_are_durable_in_seconds_and_kill_9_loses_and_doubles_nothing(
    pg, copy_of_demo, tmp_path
):
    dsn = copy_of_demo
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(LEDGER)
    with capturing(dsn, tmp_path, "stream", replica_identity_full=True) as (slot, root):
        base = backup(dsn, root.url, capture_slot=slot)
        # Killed while a transaction comes in, right after a segment is durable (before the
        # slot hears of it), then right after its data file (before its manifest): each time
        # with a change waiting.
        for point in ("capture:stream-receiving", "capture:stream-before-feedback",
                      "capture:stream-before-manifest"):  # fmt: skip
            proc = _streamer(dsn, root.url, slot, point)
            with psycopg.connect(dsn, autocommit=True) as conn:
                conn.execute("UPDATE deals SET amount = amount + 7 WHERE id = "
                             "(SELECT id FROM deals ORDER BY id LIMIT 1)")  # fmt: skip
            written = time.monotonic()
            _said(proc, f"failpoint {point}")
            if point.endswith("feedback"):
                assert time.monotonic() - written < 5  # the RPO: durable within seconds
                tip = read_chain(root, slot).tip
                assert tip and tip.tables.get("public.deals") == 2  # this one's, the last's
                assert _confirmed(dsn, slot) < parse_lsn(tip.end_lsn)  # not confirmed yet
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()

        proc = _streamer(dsn, root.url, slot)
        try:
            _said(proc, "INFO streaming slot")  # it holds the slot from here on
            with Workload(dsn, threads=2):
                time.sleep(1.5)
                middle = mark(dsn)
                # a base in the middle of a replication session: its first segment must carry
                # the Relation messages the server sent once, segments ago
                later_base = backup(dsn, root.url, capture_slot=slot)
                time.sleep(1.5)
                assert drain(dsn, root, slot, slot).streamer_pid is not None  # left alone
                seen = supervise(root, slot, dsn)
                with psycopg.connect(dsn, autocommit=True) as conn:  # a migration, streamed
                    conn.execute("ALTER TABLE deals ADD COLUMN streamed_note text NOT NULL "
                                 "DEFAULT 'n'")  # fmt: skip
                status = _cli("capture", "status", "--dsn", dsn, "--to", root.url, "--slot",
                              slot, "--publication", slot)  # fmt: skip
            final = mark(dsn)
            _wait("the last change durable", lambda: (t := read_chain(root, slot).tip)
                  and parse_lsn(t.end_lsn) >= parse_lsn(final.lsn))  # fmt: skip
        finally:
            proc.send_signal(signal.SIGTERM)
            assert proc.wait(timeout=30) == 0, proc.stderr.read() if proc.stderr else ""
        assert seen.alive and seen.restarts == 3 and seen.problem is None
        assert seen.rpo_seconds is not None and seen.rpo_seconds < 5
        assert "streamed by `airvault capture stream` since" in status.stdout, status.stdout
        assert not supervise(root, slot, dsn).alive  # stopped: the drain's turn again

        chain = read_chain(root, slot)
        assert chain.problems == [] and len(chain.segments) >= 3
        commits = [decode(d).commit_lsn for s in chain.segments
                   for d in read_messages(root, s) if d[:1] == b"B"]  # fmt: skip
        assert len(commits) == len(set(commits))  # nothing stored twice
        migrations = [n for s in chain.segments for n in s.schema_changes]
        assert [(n.what, n.replayable) for n in migrations] == [("ALTER TABLE public.deals", True)]
        for segment in chain.segments:  # each describes its tables: a replay may start there
            described: set[int] = set()
            for data in read_messages(root, segment):
                if data[:1] == b"R":
                    described.add(struct.unpack_from(">I", data, 1)[0])
                elif data[:1] in (b"I", b"U", b"D"):
                    assert struct.unpack_from(">I", data, 1)[0] in described, segment.seq
        for name, start, at, state in (("middle", base, middle.time, middle),
                                       ("latest", later_base, "latest", final)):  # fmt: skip
            target = pg.dsn_for(f"pit_stream_{name}_{os.getpid()}")
            restored = _cli("restore", "--from", start.url, "--until", at, "--mode",
                            "new-database", "--dsn", target)  # fmt: skip
            assert restored.returncode == 0, restored.stderr
            with psycopg.connect(target) as conn:
                assert checksums(conn) == state.sums, name


def test_a_login_without_replication_is_told_the_drain_goes_on(new_db, tmp_path):
    login, admin = f"norepl_{os.getpid()}", new_db("norepl")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"CREATE ROLE {login} LOGIN NOREPLICATION")
    dsn = psycopg.conninfo.make_conninfo(admin, user=login)
    done = _cli("capture", "stream", "--dsn", dsn, "--to", str(tmp_path / "storage"))
    assert done.returncode != 0
    assert f"the login '{login}' lacks the REPLICATION attribute" in done.stderr, done.stderr
    assert f"ALTER ROLE {login} REPLICATION" in done.stderr
    assert "minute drain keeps capturing" in done.stderr


def test_the_capture_dag_supervises_the_streamer_and_drains_while_it_is_down(
    airflow_db, copy_of_demo, tmp_path, tmp_root
):
    dsn, slot = copy_of_demo, f"sup_{os.getpid()}"
    set_postgres_connection("airvault_app_db", dsn)
    path = write_config(tmp_path / "airvault.yaml", f"file://{tmp_root}")
    data = yaml.safe_load(path.read_text())
    data["capture"] = {"enabled": True, "slot": slot, "publication": slot, "stream": True}
    path.write_text(yaml.safe_dump(data))
    root = open_store(tmp_root)
    start_capture(dsn, slot, slot, exclude=INFRA)
    try:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute("UPDATE deals SET stage = 'lost' WHERE stage = 'won'")
        time.sleep(1.2)  # past the drain's margin for commits still being written
        dag = load_dags(path)["change_capture"]
        down = dag.test()
        assert down.state == "failed"  # the alert: no streamer ...
        assert read_chain(root, slot).tip.tables["public.deals"] > 0  # ... but nothing waits

        proc = _streamer(dsn, str(tmp_root), slot)
        try:
            _wait("the streamer's heartbeat", lambda: supervise(root, slot, dsn).alive)
            up = dag.test()
            assert up.state == "success"
            seen = up.get_task_instance("drain").xcom_pull(task_ids="drain")
            assert seen["streamed"] and seen["alive"] and seen["rpo_seconds"] < 60
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=30)
    finally:
        stop_capture(dsn, slot, slot)
