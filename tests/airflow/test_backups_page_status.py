"""The Backups page's first screen, "am I safe?": the status strip (freshness per kind and
scope, failing and running runs, the last drill, storage) and the schedules (on/off switch,
Run now), against a live api-server, in headless Chromium with a screenshot per state; the
endpoints' 401 and 403 too."""

from __future__ import annotations

import re
import shutil

import pytest
import yaml

from tests.airflow.test_backups_page import ARTIFACTS, chromium

BROWSER_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def card(status: dict, kind: str, scope: str) -> dict:
    (found,) = [c for c in status["cards"] if (c["kind"], c["scope"]) == (kind, scope)]
    return found


def test_status_and_schedule_endpoints_need_a_user_and_the_right_role(live_airflow, backed_up_live):
    calls = [("GET", "/airvault/api/status", None), ("GET", "/airvault/api/running", None),
             ("GET", "/airvault/api/modules", None), ("GET", "/airvault/api/schedules", None),
             ("POST", "/airvault/api/schedules/backup_health/paused", {"paused": True}),
             ("POST", "/airvault/api/schedules/backup_health/run", {}),
             ("POST", "/airvault/api/diff", {"a": backed_up_live, "b": backed_up_live})]  # fmt: skip
    paused = live_airflow.call("GET", "/api/v2/dags/backup_health")[1]["is_paused"]
    for method, path, body in calls:
        assert live_airflow.call(method, path, body, user=None)[0] == 401, path
    status, listing = live_airflow.call("GET", "/airvault/api/status", user="viewer")
    assert status == 200 and card(listing, "full", "all")["state"] in ("ok", "failing")
    status, schedules = live_airflow.call("GET", "/airvault/api/schedules", user="viewer")
    row = next(r for r in schedules["schedules"] if r["dag_id"] == "backup_health")
    assert row["schedule"] and not row["may_switch"] and not row["may_run"]
    for path in ("/airvault/api/running", "/airvault/api/modules"):
        assert live_airflow.call("GET", path, user="viewer")[0] == 200, path
    _, cards = live_airflow.call("GET", "/airvault/api/modules", user="viewer")
    assert cards["modules"] and not any(c["may_backup"] for c in cards["modules"])
    for method, path, body in calls[4:]:  # a viewer may read, never switch, run or compare
        assert live_airflow.call(method, path, body, user="viewer")[0] == 403, path
    _, dag = live_airflow.call("GET", "/api/v2/dags/backup_health")
    assert dag["is_paused"] is paused  # nothing was switched by the refused calls
    # Run now of a DAG with required Params: what it needs and where its form is, no run
    before = live_airflow.call("GET", "/api/v2/dags/restore/dagRuns")[1]["total_entries"]
    status, refused = live_airflow.call("POST", "/airvault/api/schedules/restore/run", {})
    assert status == 400 and "restore needs values for backup_url" in refused["detail"]
    assert refused["detail"].endswith("/dags/restore)"), refused
    assert live_airflow.call("GET", "/api/v2/dags/restore/dagRuns")[1]["total_entries"] == before
    # only airvault's DAGs: anything else is 404, before Airflow is asked to change it
    assert live_airflow.call("POST", "/airvault/api/schedules/not_ours/paused",
                             {"paused": True})[0] == 404  # fmt: skip


def test_a_hostile_heartbeat_shows_only_its_numbers(live_airflow, backed_up_live):
    """writing.json is unsigned: whoever can write to the storage writes it. The page gets
    only the progress keys airvault writes, numbers as numbers, text cut short."""
    import json
    from datetime import UTC, datetime

    folder = live_airflow.storage / "backups" / "full" / "all" / "2026-01-01T000000Z-0badbeef"
    folder.mkdir(parents=True)
    now = datetime.now(UTC).isoformat()
    (folder / "writing.json").write_text(json.dumps({"at": now, "host": "h" * 500, "progress": {
        "label": "<img src=x onerror=alert(1)>" + "x" * 500, "tables_done": "<script>",
        "tables_total": 3, "rows": True, "bytes": 1024, "evil": "<b>"}}))  # fmt: skip
    try:
        status, data = live_airflow.call("GET", "/airvault/api/running", user="viewer")
        (row,) = [r for r in data["running"] if r["folder"].endswith("0badbeef")]
        assert row["progress"] == {"label": ("<img src=x onerror=alert(1)>" + "x" * 500)[:200],
                                   "tables_total": 3, "bytes": 1024}  # fmt: skip
        assert len(row["host"]) == 200
        (folder / "manifest.json").write_text("{}")  # a completed folder is not running
        _, data = live_airflow.call("GET", "/airvault/api/running", user="viewer")
        assert not [r for r in data["running"] if r["folder"].endswith("0badbeef")]
    finally:
        shutil.rmtree(folder)


def _failed_run(live) -> str:
    """A verify_backup run that fails (its backup does not exist): a failing airvault DAG."""
    live.call("PATCH", "/api/v2/dags/verify_backup", {"is_paused": False})
    status, run = live.call("POST", "/api/v2/dags/verify_backup/dagRuns", {
        "logical_date": None, "conf": {"backup_url": "backups/full/all/2020-01-01T000000Z-00000000"}})  # fmt: skip
    assert status == 200, run
    assert live.wait_for_run("verify_backup", run["dag_run_id"])["state"] == "failed"
    return run["dag_run_id"]


def _backup_command(live, config, *args: str) -> list[str]:
    """`airvault backup` of the live app database into the live storage, as a user types it."""
    import sys
    from pathlib import Path

    return [str(Path(sys.executable).parent / "airvault"), "--config", str(config), "backup",
            "--dsn", live.app_dsn, *args]  # fmt: skip


def _module_backup(live, config):
    """A Contacts module backup (the CLI); its manifest."""
    import subprocess

    from airvault.storage.manifest import list_backups
    from airvault.storage.store import open_store

    subprocess.run(_backup_command(live, config, "--module", "contacts"), check=True,
                   capture_output=True)  # fmt: skip
    backups, _ = list_backups(open_store(live.storage))
    return next(b for b in backups if (b.kind, b.scope) == ("module", "contacts"))


def _full_backup(live, config) -> str:
    """A full backup (the CLI); its URL."""
    import subprocess

    out = subprocess.run(_backup_command(live, config, "--kind", "full"), check=True,
                         capture_output=True, text=True)  # fmt: skip
    return out.stdout.strip().splitlines()[-1]


def _newest_full(live, before: str) -> str:
    """The URL of the newest full backup older than `before`."""
    from airvault.storage.manifest import list_backups
    from airvault.storage.store import open_store

    fulls = [b.url for b in list_backups(open_store(live.storage))[0] if b.kind == "full"]
    return fulls[fulls.index(before) + 1]


def _rename_a_product(dsn: str, suffix: str, product: tuple | None = None) -> tuple:
    """Append `suffix` to the first product's name (or put `product`'s name back)."""
    import psycopg

    with psycopg.connect(dsn) as conn:
        if product:
            conn.execute("UPDATE products SET name = %s WHERE id = %s", (product[1], product[0]))
            return product
        found = conn.execute("SELECT id, name FROM products ORDER BY id LIMIT 1").fetchone()
        conn.execute("UPDATE products SET name = name || %s WHERE id = %s", (suffix, found[0]))
        return found


def _held(live, cli: list[str], failpoint: str, pause_s: float, beat: str, what: str):
    """`cli` started with a failpoint that holds it `pause_s` seconds; returns the process once
    a heartbeat matching `beat` (a glob under the live storage) is there."""
    import os
    import subprocess
    import time

    env = {**os.environ, "AIRVAULT_FAILPOINT": failpoint,
           "AIRVAULT_FAILPOINT_PAUSE": str(pause_s)}  # fmt: skip
    process = subprocess.Popen(cli, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not list(live.storage.glob(beat)):
        if process.poll() is not None or time.monotonic() > deadline:
            raise AssertionError(f"the {what} did not start: {process.stderr.read().decode()}")
        time.sleep(0.3)
    return process


def _slow_backup(live, config, pause_s: float):
    """A full backup (the CLI) that stops `pause_s` seconds at its first COPY chunk; returns
    once its folder's heartbeat is there."""
    cli = _backup_command(live, config, "--kind", "full")
    return _held(live, cli, "backup:streaming", pause_s, "backups/full/all/*/writing.json",
                 "backup")  # fmt: skip


@pytest.fixture
def live_config(live_airflow):
    """The live installation's airvault.yaml, changed by a test and put back after (the page
    reads it on every request)."""
    path = live_airflow.storage.parent / "airvault.yaml"
    before = path.read_text()
    yield path
    path.write_text(before)


@chromium
def test_the_status_strip_and_schedules_in_chromium(live_airflow, backed_up_live, live_config):
    from playwright.sync_api import expect, sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=BROWSER_ARGS)
        try:

            def open_page(user: str = "admin", dark: bool = False):
                context = browser.new_context(viewport={"width": 1024, "height": 900})
                context.add_cookies([{"name": "_token", "value": live_airflow.token(user),
                                      "url": live_airflow.url}])  # fmt: skip
                if dark:  # what Airflow's UI stores when its theme is switched to dark
                    context.add_init_script("localStorage.setItem('chakra-ui-color-mode', 'dark')")
                page = context.new_page()
                # the browser logs every 4xx as a console error: the one refusal this test
                # provokes (Run now on a paused DAG, 400) is expected, nothing else is
                expected = "status of 400 (Bad Request)"
                page.on("console", lambda m: m.type == "error" and expected not in m.text
                        and errors.append(m.text))  # fmt: skip
                page.on(
                    "response", lambda r: r.status >= 500 and errors.append(f"{r.status} {r.url}")
                )
                page.on("pageerror", lambda e: errors.append(str(e)))
                page.goto(f"{live_airflow.url}/airvault/")
                page.locator("#strip .card").first.wait_for(timeout=30_000)
                page.locator("#schedules tbody tr[data-dag]").first.wait_for(timeout=30_000)
                return page

            def reload(page) -> None:  # and wait until every section has loaded again
                page.reload()
                for section in ("#strip .card", "#modules .card", "#schedules tbody tr[data-dag]"):
                    page.locator(section).first.wait_for(timeout=30_000)

            def shot(page, name: str) -> None:
                page.screenshot(path=str(ARTIFACTS / f"status-{name}.png"), full_page=True)

            live_airflow.call("PATCH", "/api/v2/dags/backup_health", {"is_paused": False})
            # 1. the fresh full backup: its card says ok, with its age against the target
            page = open_page()
            full = page.locator('.card[data-kind="full"][data-scope="all"]')
            _, api = live_airflow.call("GET", "/airvault/api/status")
            assert card(api, "full", "all")["state"] == "ok" or api["failing"]
            expect(full).to_contain_text("newest")
            expect(full).to_contain_text("target 26.0 h")
            verdict = page.locator("#verdict").inner_text()
            assert verdict.startswith("Yes") == api["safe"]
            expect(page.locator("#storage-card")).to_contain_text("full")
            shot(page, "ok")

            # 1b. a module card: its tables with the record counts of its newest backup
            module = _module_backup(live_airflow, live_config)
            reload(page)
            contacts = page.locator('.card[data-module="contacts"]')
            rows = next(t.rows for t in module.tables if t.name == "contacts")
            expect(contacts).to_contain_text(f"{rows:,} records")
            expect(contacts).to_contain_text("module backup")
            expect(contacts.get_by_role("button", name="Back up contacts now")).to_be_visible()
            shot(page, "module-card")

            # 1c. a backup running now, with the progress its writer publishes: held at its
            # first COPY chunk by a failpoint, so the page sees it mid-way
            writer = _slow_backup(live_airflow, live_config, pause_s=20)
            try:
                reload(page)
                row = page.locator("#running .progress-row")
                row.wait_for(timeout=30_000)
                expect(row).to_contain_text("Full backup")
                expect(row).to_contain_text("tables")
                # the next beats carry the rows read so far (the page polls every 3 s)
                expect(row).to_contain_text(re.compile(r"· [1-9][\d,]* rows"), timeout=30_000)
                assert "%" in row.locator("progress").get_attribute("aria-label")
                shot(page, "running")
                assert writer.wait(timeout=120) == 0
            finally:
                writer.kill()
            expect(page.locator("#running")).to_have_text(
                "Nothing is being backed up or restored right now.", timeout=30_000
            )

            # 1d. the diff of two backups, picked in the history: a product renamed between them
            renamed = _rename_a_product(live_airflow.app_dsn, " (renamed)")
            try:
                newer = _full_backup(live_airflow, live_config)
                reload(page)
                older = _newest_full(live_airflow, before=newer)
                for url in (older, newer):
                    page.locator(f'#backups tr[data-url="{url}"] input[type=checkbox]').check()
                page.get_by_role("button", name="Compare the two selected").click()
                diff = page.locator("#diff")
                diff.wait_for(timeout=180_000)  # the backup_diff DAG runs
                changed = diff.locator("tr", has_text="public.products")
                expect(changed).to_contain_text("name")
                assert [c.inner_text() for c in changed.locator("td.num").all()] == ["0", "0", "1"]
                shot(page, "diff")
            finally:
                _rename_a_product(live_airflow.app_dsn, "", renamed)

            # 1e. history filters and search
            page.locator("#search").fill("contacts module")
            expect(page.locator("#backups tbody tr")).to_have_count(1)
            expect(page.locator("#page-of")).to_contain_text("(1 backups)")
            page.locator("#search").fill("")
            page.locator("#status").select_option("FAILED")
            expect(page.locator("#backups tbody")).to_contain_text(
                "No backup matches these filters."
            )
            page.locator("#status").select_option("")

            # 2. a stale backup: a target the newest full backup misses
            data = yaml.safe_load(live_config.read_text())
            data["health"]["freshness_hours"]["full"] = 0.0001
            live_config.write_text(yaml.safe_dump(data))
            reload(page)
            expect(full).to_have_class("card stale")
            expect(page.locator("#verdict")).to_contain_text("Not yet")
            # what, where, since when, and the one action that fixes it
            stale = page.locator('#verdict .finding[data-where="full/all"]')
            expect(stale).to_contain_text("no backup newer than its target")
            expect(stale).to_contain_text("since")
            expect(stale).to_contain_text("Fix: Run now full_backup_daily")
            shot(page, "stale")

            # 3. a failing run: named, with a link to it in Airflow
            run_id = _failed_run(live_airflow)
            reload(page)
            runs = page.locator("#runs-card")
            expect(runs).to_contain_text("verify_backup")
            href = runs.locator("a", has_text="verify_backup").first.get_attribute("href")
            assert href.endswith(f"/dags/verify_backup/runs/{run_id}")
            expect(page.locator('#schedules tr[data-dag="verify_backup"]')).to_contain_text(
                "failed"
            )
            failed = page.locator('#verdict .finding[data-where="verify_backup"]')
            expect(failed).to_contain_text("the newest run of verify_backup failed")
            expect(failed).to_contain_text(f"Fix: read its log ({href}")
            shot(page, "failing")

            # 4. a schedule switched off from the page, then on again with the keyboard
            row = page.locator('#schedules tr[data-dag="backup_health"]')
            expect(row).to_contain_text("hour")  # its cron in words
            switch = row.get_by_role("switch", name="backup_health on")
            expect(switch).to_have_attribute("aria-checked", "true")
            switch.click()
            expect(switch).to_have_attribute("aria-checked", "false")
            assert live_airflow.call("GET", "/api/v2/dags/backup_health")[1]["is_paused"] is True
            expect(row.locator("td").nth(2)).to_have_text("off")
            # Run now on a paused DAG with its own schedule is refused, saying why
            row.get_by_role("button", name="Run now: backup_health").click()
            expect(page.locator("#message")).to_contain_text("paused")
            shot(page, "schedule-off")
            switch.focus()
            page.keyboard.press("Space")
            expect(switch).to_have_attribute("aria-checked", "true")
            assert live_airflow.call("GET", "/api/v2/dags/backup_health")[1]["is_paused"] is False
            row.get_by_role("button", name="Run now: backup_health").press("Enter")
            expect(page.locator("#message")).to_contain_text("Started")
            # every control is reachable by Tab and has a name
            names = page.evaluate("""() => [...document.querySelectorAll('button, a, select, input')]
                .filter((e) => e.offsetParent !== null)
                .map((e) => e.getAttribute('aria-label') || e.innerText || e.title || e.id)""")
            assert all(n and n.strip() for n in names), names
            page.keyboard.press("Tab")
            assert page.evaluate("document.activeElement !== document.body")

            # 5. dark theme, as Airflow's UI is set
            dark = open_page(dark=True)
            assert dark.evaluate("document.documentElement.dataset.theme") == "dark"
            background = dark.evaluate("getComputedStyle(document.body).backgroundColor")
            assert background == "rgb(26, 32, 44)"
            expect(dark.locator("#chart text", has_text="duration")).to_have_count(1)
            shot(dark, "dark")

            # 6. a viewer: the same answers, no action controls
            viewer = open_page("viewer")
            expect(viewer.locator("#strip .card").first).to_be_visible()
            assert viewer.get_by_role("switch").count() == 0
            assert viewer.get_by_role("button", name="Run now").count() == 0
            assert viewer.locator("#backup-now").is_hidden()
            viewer.locator("#backups tbody tr").first.wait_for()
            assert viewer.get_by_role("button", name="Restore…").count() == 0
            expect(viewer.locator('.card[data-module="contacts"]')).to_contain_text("records")
            assert viewer.get_by_role("button", name="Back up contacts now").count() == 0
            shot(viewer, "viewer")
        finally:
            browser.close()
    assert errors == []
    for name in (
        "ok",
        "module-card",
        "running",
        "stale",
        "failing",
        "schedule-off",
        "dark",
        "viewer",
    ):
        assert (ARTIFACTS / f"status-{name}.png").stat().st_size > 10_000, name


def _slow_restore(live, config, backup_url: str, pause_s: float):
    """`airvault restore` of the contacts module of `backup_url` into the live app database
    (the CLI, the live config), held `pause_s` seconds once every row is written and not yet
    committed; returns once its progress is published under restores/."""
    import sys
    from pathlib import Path

    cli = [str(Path(sys.executable).parent / "airvault"), "--config", str(config), "restore",
           "--from", backup_url, "--module", "contacts", "--dsn", live.app_dsn, "--yes",
           "--no-safety-backup"]  # fmt: skip
    return _held(live, cli, "restore:applied", pause_s, "restores/*/writing.json", "restore")


@chromium
def test_a_restore_running_now_in_chromium(live_airflow, backed_up_live, live_config):
    """Running now shows a restore with the progress it publishes while it runs: the backup,
    the target, the step, and the tables, rows and MB it has read, checked against the
    backup's manifest; gone once it ends."""
    from playwright.sync_api import expect

    from airvault.restore.run import select_entries
    from airvault.storage.manifest import read_manifest
    from airvault.storage.store import open_store
    from tests.page_browser import page_as

    url = _full_backup(live_airflow, live_config)
    manifest = read_manifest(open_store(url))
    module = yaml.safe_load(live_config.read_text())["modules"]["contacts"]["tables"]
    entries, _ = select_entries(manifest, module)  # the module's tables and their parents
    rows, size = sum(e.rows for e in entries), sum(e.content_bytes for e in entries)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    errors: list[str] = []
    restorer = _slow_restore(live_airflow, live_config, url, pause_s=25)
    try:
        with page_as(live_airflow, "viewer", errors) as page:
            row = page.locator('#running .progress-row[data-type="restore"]')
            row.wait_for(timeout=30_000)
            expect(row).to_contain_text(f"Restoring {manifest.label} into ")
            # held once every row is written: the numbers are the module's in the backup
            expect(row).to_contain_text("replace · applying", timeout=30_000)
            expect(row).to_contain_text(f"{len(entries)} / {len(entries)} tables")
            expect(row).to_contain_text(f"· {rows:,} rows · {size / 1e6:.1f} MB · ")
            expect(row).to_contain_text("MB/s")
            assert row.locator("progress").get_attribute("value") == "1.000"
            assert row.locator("progress").get_attribute("aria-label").endswith(": 100 %")
            _, api = live_airflow.call("GET", "/airvault/api/running", user="viewer")
            (running,) = [r for r in api["running"] if r["type"] == "restore"]
            assert running["progress"]["rows"] == rows and running["progress"]["kind"] == "restore"
            page.screenshot(path=str(ARTIFACTS / "status-restore-running.png"), full_page=True)
            assert restorer.wait(timeout=120) == 0, restorer.stderr.read().decode()
            expect(page.locator("#running")).to_have_text(
                "Nothing is being backed up or restored right now.", timeout=30_000
            )
    finally:
        restorer.kill()
    assert not list(live_airflow.storage.glob("restores/*"))  # its progress went with it
    assert errors == []
    assert (ARTIFACTS / "status-restore-running.png").stat().st_size > 10_000
