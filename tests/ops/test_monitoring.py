"""Monitoring from outside Airflow (issue 31): dead-man's-switch pings and success notices
sent by real `dag.test()` runs to a real HTTP server on loopback, and /airvault/metrics
scraped from the live api-server and parsed with Prometheus' own parser."""

from __future__ import annotations

import email
import json
import os
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml

from airvault.config import load_config
from airvault.errors import ConfigError
from airvault.storage.manifest import list_backups
from airvault.storage.models import DrillRecord
from airvault.storage.store import open_store
from tests.airflow.test_backups_page_status import live_config  # noqa: F401 (a fixture)
from tests.airflow_env import ROOT, set_postgres_connection, write_config
from tests.ops.test_drill import _Mailbox


class _Monitor:
    """A healthchecks.io stand-in on 127.0.0.1: records every request (path, body) in order;
    paths under /down/ answer 500, as a monitor having a bad day does."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []
        monitor = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                monitor.calls.append((self.path, self.rfile.read(length).decode()))
                self.send_response(500 if self.path.startswith("/down/") else 200)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def paths(self) -> list[str]:
        return [p for p, _ in self.calls]

    def webhooks(self) -> list[dict]:
        return [json.loads(body) for p, body in self.calls if p == "/hooks/airvault"]


@pytest.fixture
def monitor():
    found = _Monitor()
    os.environ["AIRFLOW_CONN_AIRVAULT_ALERTS"] = json.dumps(
        {"conn_type": "http", "extra": {"url": f"{found.url}/hooks/airvault"}}
    )
    yield found
    del os.environ["AIRFLOW_CONN_AIRVAULT_ALERTS"]
    found.server.shutdown()


def _config(
    path: Path, root: Path, monitoring: dict, modules: dict | None = None, more: str = ""
) -> Path:
    """The test config with this `monitoring` section, written last so that `more` (YAML
    text, indented) continues it."""
    write_config(path, f"file://{root}")
    data = yaml.safe_load(path.read_text())
    data["modules"].update(modules or {})
    path.write_text(yaml.safe_dump(data) + yaml.safe_dump({"monitoring": monitoring}) + more)
    return path


def _dag(config: Path, dag_id: str):
    from airflow.dag_processing.dagbag import DagBag

    os.environ["AIRVAULT_CONFIG"] = str(config)
    bag = DagBag(dag_folder=str(ROOT / "dags"))
    assert bag.import_errors == {}, bag.import_errors
    return bag.dags[dag_id]


@pytest.fixture(autouse=True)
def _restore_env(restored_env):
    """Tests here set connections in os.environ: each starts from the same one."""


def test_a_backup_run_pings_start_and_success_and_notifies_its_success(
    airflow_db, demo_dsn, tmp_path, tmp_root, monitor, monkeypatch
):
    set_postgres_connection("airvault_app_db", demo_dsn)
    mailbox = _Mailbox()  # the notice by e-mail too, through a real SMTP server
    monkeypatch.setenv("AIRFLOW_CONN_AIRVAULT_SMTP", json.dumps({
        "conn_type": "smtp", "host": "127.0.0.1", "port": mailbox.port, "login": "airvault@example.org",
        "extra": {"disable_ssl": True, "disable_tls": True, "to": "oncall@example.org"},
    }))  # fmt: skip
    pings = {"start": f"{monitor.url}/down/start", "success": f"{monitor.url}/ping/ok",
             "failure": f"{monitor.url}/ping/fail", "retries": 1, "timeout_seconds": 5}  # fmt: skip
    # `on:` as users write it: PyYAML reads the bare key as the boolean true
    config = _config(tmp_path / "airvault.yaml", tmp_root, {"pings": {"full_backup_daily": pings}},
                     more="  notify:\n    full_backup_daily: {on: [failure, success]}\n")  # fmt: skip
    try:
        run = _dag(config, "full_backup_daily").test()
    finally:
        mailbox.controller.stop()
    # the start URL answered 500 twice (a try and its retry): the backup went on regardless
    assert run.state == "success", run.state
    (backup,), _ = list_backups(open_store(tmp_root))
    assert monitor.paths() == ["/down/start", "/down/start", "/hooks/airvault", "/ping/ok"]
    (notice,) = monitor.webhooks()
    assert notice["status"] == "success" and "full backup (all) succeeded" in notice["title"]
    assert notice["what"] == f"backed up and verified: {backup.url}"
    assert "full_backup_daily.verify run" in notice["where"]
    ok_body = dict(monitor.calls)["/ping/ok"]
    assert ok_body.startswith(f"full_backup_daily.verify run {run.run_id}: success")
    (mail,) = mailbox.messages
    message = email.message_from_string(mail["data"])
    assert mail["to"] == ["oncall@example.org"]
    assert message["Subject"] == "airvault full backup (all) succeeded"
    html = next(p for p in message.walk() if p.get_content_type() == "text/html")
    assert backup.url in html.get_payload(decode=True).decode()


def test_a_failed_backup_pings_failure_with_the_error_and_alerts(
    airflow_db, demo_dsn, tmp_path, tmp_root, monitor
):
    set_postgres_connection("airvault_app_db", demo_dsn)
    dag_id = "module_backup_quotes"  # its table does not exist: the backup task fails for good
    pings = {"start": f"{monitor.url}/ping/start", "success": f"{monitor.url}/ping/ok",
             "failure": f"{monitor.url}/ping/fail"}  # fmt: skip
    config = _config(tmp_path / "airvault.yaml", tmp_root,
                     {"pings": {dag_id: pings}, "notify": {dag_id: {"on": ["failure", "success"]}}},
                     {"quotes": {"tables": ["quotes_v2"]}})  # fmt: skip
    run = _dag(config, dag_id).test()  # not a transient error: failed at once, no retry
    assert run.state == "failed"
    assert monitor.paths() == ["/ping/start", "/hooks/airvault", "/ping/fail"]
    fail_body = dict(monitor.calls)["/ping/fail"]
    assert f"{dag_id}.backup run {run.run_id}: failure" in fail_body
    assert "no such table to back up: quotes_v2" in fail_body
    (alert,) = monitor.webhooks()
    assert alert["status"] == "failure" and "module backup (quotes) failed" in alert["title"]
    assert "quotes_v2" in alert["what"]
    assert list_backups(open_store(tmp_root)) == ([], [])


def test_an_unreachable_monitor_never_fails_the_backup_and_failure_only_notifies_nothing_on_success(
    airflow_db, demo_dsn, tmp_path, tmp_root, monitor
):
    """Nothing listens on the ping URLs (a port closed just now): the backup succeeds, and
    the default notify (failure only) sends no success notice."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{s.getsockname()[1]}"
    set_postgres_connection("airvault_app_db", demo_dsn)
    pings = {"start": f"{closed}/s", "success": f"{closed}/ok", "retries": 0}
    config = _config(tmp_path / "airvault.yaml", tmp_root, {"pings": {"full_backup_daily": pings}})
    assert _dag(config, "full_backup_daily").test().state == "success"
    assert monitor.calls == []
    assert len(list_backups(open_store(tmp_root))[0]) == 1


@pytest.mark.parametrize(
    "monitoring, named",
    [
        ({"pings": {"full_backup_dayly": {"start": "https://hc-ping.com/x"}}},
         "monitoring.pings.full_backup_dayly: not a backup DAG of this config"),
        ({"pings": {"full_backup_daily": {"failure": "file:///etc/passwd"}}},
         "monitoring.pings.full_backup_daily.failure: Value error, 'file:///etc/passwd' is not "
         "an http:// or https:// URL with a host"),
        ({"pings": {"full_backup_daily": {"start": "https:///no-host"}}},
         "monitoring.pings.full_backup_daily.start"),
        ({"notify": {"module_backup_nope": {"on": ["success"]}}},
         "monitoring.notify.module_backup_nope: not a backup DAG"),
        ({"notify": {"full_backup_daily": {"on": ["sometimes"]}}},
         "monitoring.notify.full_backup_daily.on.0"),
    ],
)  # fmt: skip
def test_a_bad_monitoring_entry_is_refused_naming_its_key(tmp_path, monitoring, named):
    config = _config(tmp_path / "airvault.yaml", tmp_path, monitoring)
    with pytest.raises(ConfigError) as e:
        load_config(config)
    assert named in str(e.value)
    assert "(top level)" not in str(e.value)


def test_metrics_of_a_drilled_backup_skip_a_garbled_drill_file(demo_dsn, pg, tmp_path, tmp_root):
    """The drill figures are the newest drill's evidence; an unsigned drill file with a time
    that does not parse is left out rather than taking every metric down."""
    from airvault.ops.metrics import metrics_text
    from tests.dbutil import backup

    result = backup(demo_dsn, tmp_root)
    config = write_config(tmp_path / "airvault.yaml", f"file://{tmp_root}")
    drill = subprocess.run(
        [sys.executable, "-m", "airvault.cli.main", "--config", str(config), "drill", result.url,
         "--dsn", pg.dsn, "--evidence-to", str(tmp_root)], capture_output=True, text=True,
    )  # fmt: skip
    assert drill.returncode == 0, drill.stderr
    evidence = json.loads((tmp_root / "drills" / f"{result.id}.json").read_text())
    garbled = {"backup_id": "x", "kind": "full", "scope": "all", "ok": False, "drilled_at": "soon"}
    (tmp_root / "drills" / "garbled.json").write_text(json.dumps(garbled))
    samples = _samples(metrics_text(load_config(config), open_store(tmp_root)))
    full = (("kind", "full"), ("scope", "all"))
    assert samples[("airvault_drill_ok", full)] == 1.0
    assert samples[("airvault_drill_rto_seconds", full)] == evidence["rto_s"]
    assert samples[("airvault_drill_timestamp_seconds", full)] == pytest.approx(
        datetime.fromisoformat(evidence["drilled_at"]).timestamp()
    )
    by_drill = (("by", "drill"), *full)  # the drill marked the backup as verified by it
    assert samples[("airvault_verify_ok", by_drill)] == 1.0
    assert samples[("airvault_storage_bytes", (("kind", "full"),))] == sum(
        t.file_bytes for t in result.manifest.tables
    )


# --- /airvault/metrics, scraped from the live api-server ---------------------------------


def _scrape(live, token: str | None = None) -> tuple[int, str]:
    request = urllib.request.Request(f"{live.url}/airvault/metrics")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def _samples(text: str) -> dict[tuple[str, tuple], float]:
    """Every sample, parsed by Prometheus' own parser (a malformed line raises)."""
    from prometheus_client.parser import text_string_to_metric_families

    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}  # fmt: skip


def _set_monitoring(path: Path, metrics: dict) -> None:
    data = yaml.safe_load(path.read_text())
    data["monitoring"] = {"metrics": metrics}
    path.write_text(yaml.safe_dump(data))


def test_metrics_need_the_scraper_token_or_an_airflow_user(
    live_airflow,
    backed_up_live,
    live_config,  # noqa: F811
    tmp_path,
):
    token_file = tmp_path / "metrics.token"
    token_file.write_text("s3cret-scraper-token\n")
    _set_monitoring(live_config, {"token_file": str(token_file)})
    status, body = _scrape(live_airflow)
    assert status == 401 and "monitoring.metrics" in body
    assert _scrape(live_airflow, "not-the-token")[0] == 403  # nor an Airflow token
    status, text = _scrape(live_airflow, "s3cret-scraper-token")
    assert status == 200 and "airvault_backup_newest_age_seconds" in text
    assert _scrape(live_airflow, live_airflow.token("viewer"))[0] == 200  # may list backups
    _set_monitoring(live_config, {"anonymous": True})
    assert _scrape(live_airflow)[0] == 200
    # a token file that cannot be read: refused, and the caller learns nothing of the config
    _set_monitoring(live_config, {"token_file": str(tmp_path / "gone.token")})
    status, body = _scrape(live_airflow, "s3cret-scraper-token")
    assert status == 500 and "gone.token" not in body and "api-server's log" in body


def test_metrics_report_the_newest_backup_its_verification_and_storage(
    live_airflow,
    backed_up_live,
    live_config,  # noqa: F811
):
    _set_monitoring(live_config, {"anonymous": True})
    verify = subprocess.run([str(Path(sys.executable).parent / "airvault"), "verify", backed_up_live],
                            capture_output=True, text=True)  # fmt: skip
    assert verify.returncode == 0, verify.stderr
    before = datetime.now(UTC).timestamp()
    status, text = _scrape(live_airflow)
    after = datetime.now(UTC).timestamp()
    assert status == 200, text
    print(f"scrape: {after - before:.3f}s, {len(text):,} bytes")
    samples = _samples(text)
    backups, _ = list_backups(open_store(live_airflow.storage))
    fulls = [b for b in backups if b.kind == "full"]  # newest first
    newest = next(b for b in fulls if not (b.verification and b.verification.ok is False))
    started = datetime.fromisoformat(newest.started_at).timestamp()
    full = (("kind", "full"), ("scope", "all"))
    assert samples[("airvault_backup_newest_timestamp_seconds", full)] == pytest.approx(started)
    age = samples[("airvault_backup_newest_age_seconds", full)]
    assert before - started - 1 <= age <= after - started + 1
    assert samples[("airvault_backup_freshness_target_seconds", full)] == 26 * 3600
    record = next(b.verification for b in fulls if b.verification)  # the newest one recorded
    by = tuple(sorted((*full, ("by", "drill" if isinstance(record, DrillRecord) else "verify"))))
    assert samples[("airvault_verify_ok", by)] == float(record.ok)
    assert samples[("airvault_verify_timestamp_seconds", by)] == pytest.approx(
        datetime.fromisoformat(record.at).timestamp()
    )
    assert samples[("airvault_storage_bytes", (("kind", "full"),))] == sum(
        t.file_bytes for b in fulls for t in b.tables
    )
    assert samples[("airvault_incomplete_folders", ())] >= 0


def test_metrics_report_change_capture_lag_and_coverage(
    live_airflow,
    live_config,  # noqa: F811
):
    import psycopg

    from airvault.capture.drain import drain
    from airvault.capture.segments import read_chain
    from airvault.capture.slot import start_capture, stop_capture
    from tests.dbutil import INFRA

    dsn, slot = live_airflow.app_dsn, f"metrics_{os.getpid()}"
    start_capture(dsn, slot, slot, exclude=INFRA)
    try:
        data = yaml.safe_load(live_config.read_text())
        data["capture"].update(enabled=True, slot=slot, publication=slot)
        data["monitoring"] = {"metrics": {"anonymous": True}}
        live_config.write_text(yaml.safe_dump(data))
        with psycopg.connect(dsn, autocommit=True) as conn:  # a change that changes nothing
            conn.execute(
                "UPDATE contacts SET phone = phone WHERE id = (SELECT id FROM contacts ORDER BY id LIMIT 1)"
            )
        drain(dsn, open_store(live_airflow.storage), slot, slot)
        status, text = _scrape(live_airflow)
        now = datetime.now(UTC).timestamp()
    finally:
        stop_capture(dsn, slot, slot)
    assert status == 200, text
    samples = _samples(text)
    chain = read_chain(open_store(live_airflow.storage), slot)
    assert chain.tip is not None
    at = (("slot", slot),)
    covered = datetime.fromisoformat(chain.tip.covered_until).timestamp()
    assert samples[("airvault_capture_covered_until_timestamp_seconds", at)] == pytest.approx(
        covered
    )
    assert 0 <= samples[("airvault_capture_lag_seconds", at)] <= now - covered + 1
    assert samples[("airvault_capture_segments", at)] == len(chain.segments) >= 1
    assert samples[("airvault_capture_bytes", at)] == sum(s.file_bytes for s in chain.segments)
    assert samples[("airvault_capture_problems", at)] == 0


def test_metrics_report_each_copy_its_newest_backups_storage_and_what_it_lacks(
    live_airflow,
    backed_up_live,
    live_config,  # noqa: F811
    tmp_path,
):
    """Two copies of the live storage: `offsite` holds the newest full backup, `behind` holds
    it cut short (no manifest yet); the scrape tells them apart."""
    from airvault.config import load_config
    from airvault.ops.copies import open_sites, relative_to, sync
    from airvault.storage.manifest import MANIFEST

    offsite, behind = tmp_path / "offsite", tmp_path / "behind"
    data = yaml.safe_load(live_config.read_text())
    data["monitoring"] = {"metrics": {"anonymous": True}}
    data["copies"] = {
        "offsite": {"url": f"file://{offsite}"},
        "behind": {"url": f"file://{behind}"},
    }
    live_config.write_text(yaml.safe_dump(data))
    root = open_store(live_airflow.storage)
    backups, _ = list_backups(root)
    usable = [b for b in backups if not (b.verification and b.verification.ok is False)]
    newest = next(b for b in usable if (b.kind, b.scope) == ("full", "all"))
    scopes = {(b.kind, b.scope) for b in usable}
    rel = relative_to(root, newest.url or "")
    sites = open_sites(load_config(live_config), root, lambda url, _conn: open_store(url))
    sync(root, sites, [rel])
    (behind / rel / MANIFEST).unlink()  # a copy cut short before its manifest

    status, text = _scrape(live_airflow)
    assert status == 200, text
    samples = _samples(text)
    started = datetime.fromisoformat(newest.started_at).timestamp()
    at = (("copy", "offsite"), ("kind", "full"), ("scope", "all"))
    assert samples[("airvault_copy_backup_newest_timestamp_seconds", at)] == pytest.approx(started)
    assert samples[("airvault_copy_backup_newest_age_seconds", at)] >= 0
    assert samples[("airvault_copy_storage_bytes", (("copy", "offsite"), ("kind", "full")))] == sum(
        t.file_bytes for t in newest.tables
    )
    behind_at = (("copy", "behind"), ("kind", "full"), ("scope", "all"))
    assert ("airvault_copy_backup_newest_timestamp_seconds", behind_at) not in samples
    assert samples[("airvault_copy_incomplete_folders", (("copy", "behind"),))] == 1
    assert samples[("airvault_copy_incomplete_folders", (("copy", "offsite"),))] == 0
    up = {name: samples[("airvault_copy_up", (("copy", name),))] for name in data["copies"]}
    assert up == {"offsite": 1, "behind": 1}

    def states(copy: str) -> dict[str, float]:
        return {dict(labels)["state"]: v for (name, labels), v in samples.items()
                if name == "airvault_copy_newest_backups" and dict(labels)["copy"] == copy}  # fmt: skip

    others = len(scopes) - 1  # the newest backups of the other scopes: in no copy
    assert states("offsite") == {"ok": 1, **({"missing": others} if others else {})}
    assert states("behind") == {"incomplete": 1, **({"missing": others} if others else {})}
