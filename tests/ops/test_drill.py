"""Restore drills: a good backup passes with evidence; a damaged one fails, is marked failed
(so retention does not count it as good) and alerts through a real HTTP receiver."""

from __future__ import annotations

import email
import json
import os
import shutil
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import psycopg

from airvault.config import load_config
from airvault.storage.manifest import list_backups
from airvault.storage.models import DrillRecord
from airvault.storage.store import open_store
from tests.airflow_env import ROOT, set_postgres_connection, write_config
from tests.dbutil import backup


def _databases(pg) -> set[str]:
    with psycopg.connect(pg.dsn) as conn:
        return {r[0] for r in conn.execute("SELECT datname FROM pg_database")}


def test_drill_of_a_good_backup_passes_and_writes_evidence(demo_dsn, pg, tmp_root):
    result = backup(demo_dsn, tmp_root)
    before = _databases(pg)
    out = subprocess.run(
        [sys.executable, "-m", "airvault.cli.main", "--config", str(ROOT / "airvault.yaml"), "drill",
         result.url, "--dsn", pg.dsn, "--evidence-to", str(tmp_root)],
        capture_output=True, text=True,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "drill PASSED" in out.stdout
    evidence = json.loads((tmp_root / "drills" / f"{result.id}.json").read_text())
    assert evidence["ok"] and evidence["rows"] == result.rows and evidence["rto_s"] > 0
    assert set(evidence["invariants"]) == set(load_config(ROOT / "airvault.yaml").drills.invariants)
    assert all(n == 0 for n in evidence["invariants"].values())
    (listed,), _ = list_backups(open_store(tmp_root))
    assert listed.verification.ok and listed.verification.by == "drill"
    assert _databases(pg) == before  # the scratch database is gone


class _Receiver:
    """A real HTTP server on loopback that records the JSON bodies POSTed to it."""

    def __init__(self) -> None:
        self.bodies: list[dict] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                receiver.bodies.append(json.loads(self.rfile.read(length)))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/airvault"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


def test_drill_of_a_damaged_backup_fails_marks_it_and_alerts(
    airflow_db, demo_dsn, pg, tmp_path, tmp_root, monkeypatch
):
    from airflow.dag_processing.dagbag import DagBag

    good = backup(demo_dsn, tmp_path / "source")
    damaged = tmp_root / "backups" / "full" / "all" / Path(good.url).name
    shutil.copytree(good.url.removeprefix("file://"), damaged)
    victim = damaged / next(e.file for e in good.manifest.tables if e.name == "deals")
    blob = bytearray(victim.read_bytes())
    blob[len(blob) // 2] ^= 0x01
    victim.write_bytes(bytes(blob))

    receiver = _Receiver()
    set_postgres_connection("airvault_app_db", demo_dsn)
    os.environ["AIRFLOW_CONN_AIRVAULT_ALERTS"] = json.dumps(
        {"conn_type": "http", "extra": {"url": receiver.url}}
    )
    try:
        monkeypatch.setenv(
            "AIRVAULT_CONFIG", str(write_config(tmp_path / "c.yaml", f"file://{tmp_root}"))
        )
        dag = DagBag(dag_folder=str(ROOT / "dags")).dags["restore_drill"]
        run = dag.test()
    finally:
        del os.environ["AIRFLOW_CONN_AIRVAULT_ALERTS"]
        receiver.server.shutdown()
    assert run.state == "failed"
    (listed,), _ = list_backups(open_store(tmp_root))
    assert isinstance(listed.verification, DrillRecord) and listed.verification.ok is False
    evidence = json.loads((tmp_root / "drills" / f"{good.id}.json").read_text())
    assert not evidence["ok"] and any("deals" in p for p in evidence["problems"])
    (alert,) = receiver.bodies
    assert "restore drill failed" in alert["text"] and "restore_drill.drill" in alert["where"]
    assert "deals" in alert["what"]


def test_health_alerts_when_the_newest_full_backup_is_older_than_its_target(
    airflow_db, demo_dsn, tmp_path, tmp_root, monkeypatch
):
    import yaml
    from airflow.dag_processing.dagbag import DagBag

    from airvault.ops.health import health_report

    backup(demo_dsn, tmp_root, kind="full")
    assert health_report(open_store(tmp_root), {"full": 26}).ok  # fresh enough
    assert not health_report(open_store(tmp_root), {"full": 26, "module": 26}).ok  # none

    receiver = _Receiver()
    config = write_config(tmp_path / "c.yaml", f"file://{tmp_root}")
    data = yaml.safe_load(config.read_text())
    data["health"] = {"freshness_hours": {"full": 0.0001}}  # 0.36 s: already too old
    config.write_text(yaml.safe_dump(data))
    monkeypatch.setenv("AIRVAULT_CONFIG", str(config))
    monkeypatch.setenv(
        "AIRFLOW_CONN_AIRVAULT_ALERTS", json.dumps({"conn_type": "http", "host": receiver.url})
    )
    mailbox = _Mailbox()
    monkeypatch.setenv("AIRFLOW_CONN_AIRVAULT_SMTP", json.dumps({
        "conn_type": "smtp", "host": "127.0.0.1", "port": mailbox.port, "login": "airvault@example.org",
        "extra": {"disable_ssl": True, "disable_tls": True, "to": "oncall@example.org"},
    }))  # fmt: skip
    try:
        run = DagBag(dag_folder=str(ROOT / "dags")).dags["backup_health"].test()
    finally:
        receiver.server.shutdown()
        mailbox.controller.stop()
    assert run.state == "failed"
    report = json.loads((tmp_root / "health.json").read_text())
    assert not report["ok"] and report["scopes"][0]["kind"] == "full"
    (alert,) = receiver.bodies
    assert (
        "not fresh" in alert["text"] and "full/all" in alert["what"] and "target" in alert["what"]
    )
    (mail,) = mailbox.messages  # and the same alert by e-mail, through a real SMTP server
    assert mail["to"] == ["oncall@example.org"]
    message = email.message_from_string(mail["data"])
    assert message["Subject"] == "airvault backups are not fresh"
    body = "".join(
        part.get_payload(decode=True).decode()
        for part in message.walk()
        if part.get_content_type() == "text/html"
    )
    assert "full/all" in body and "target" in body


class _Mailbox:
    """A real SMTP server (aiosmtpd) on loopback that keeps what it receives."""

    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        from airvault.demo.embedded import free_port

        self.messages: list[dict] = []
        mailbox = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                mailbox.messages.append(
                    {"to": envelope.rcpt_tos, "data": envelope.content.decode(errors="replace")}
                )
                return "250 OK"

        self.port = free_port()
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()


def test_an_invariant_that_returns_no_count_fails_the_drill_with_evidence(demo_dsn, pg, tmp_root):
    """No row, or NULL, is no count: the invariant fails (it used to end the drill with a
    TypeError, without evidence) and the others are still checked."""
    from airvault.ops.drill import run_drill

    result = backup(demo_dsn, tmp_root)
    invariants = {
        "no_row": "SELECT 1 WHERE false",
        "null": "SELECT NULL::bigint",
        "fine": "SELECT 0",
    }
    evidence = run_drill(result.url, pg.dsn, open_store(tmp_root), invariants)
    assert not evidence.ok and evidence.invariants == {"fine": 0}
    assert sorted(p.split()[1] for p in evidence.problems) == ["no_row", "null"], evidence.problems
    assert all("returned no count" in p for p in evidence.problems)
    assert (tmp_root / "drills" / f"{result.id}.json").exists()
