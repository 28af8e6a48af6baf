"""The Restore tab of the React app (ui/src/tabs/RestoreTab.tsx, ui/src/restore/): in
Debian's Chromium against the live api-server, an admin plans a dry run of the live backup
(the changed table highlighted), restores it, and gets an undo that runs as shown from
another folder; the timeline says what the storage has (no capture: no coverage). A viewer
sees no Restore button, and POST /api/restore answers 403. The timeline's bases, segments,
migrations and gaps are checked on a small capture set-up of its own."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time

import psycopg

from airvault.capture.drain import drain
from airvault.capture.slot import start_capture, stop_capture
from airvault.capture.timeline import timeline
from airvault.storage.store import open_store
from tests.airflow.test_backups_page import ARTIFACTS, chromium
from tests.airflow.test_backups_page_status import BROWSER_ARGS
from tests.airflow.test_backups_page_wizard import _full_backup
from tests.airflow.test_ui_react import _shots, _theme
from tests.capture.test_capture_ddl import APP, MIGRATION_1, _work
from tests.dbutil import backup
from tests.page_browser import unnamed_controls

TABLE = "public.type_zoo"  # referenced by nothing; no other live test changes it


def test_the_timeline_of_bases_segments_migrations_and_gaps(new_db, tmp_path):
    """Two bases; between them a migration the replay repeats and one it cannot (made
    unseen by the event trigger): the first base reaches the gap, the gap is named, the
    second base covers what follows."""
    root = open_store(tmp_path / "storage")
    empty = timeline(root, "none", capture_on=False)
    assert empty.note and "change capture is off" in empty.note and empty.coverage == []
    dsn, slot = new_db("timeline"), f"timeline_{os.getpid()}"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(APP)
    start_capture(dsn, slot, slot)
    try:
        first = backup(dsn, root.url, capture_slot=slot)
        with psycopg.connect(dsn, autocommit=True) as conn:
            _work(conn)
            time.sleep(1.1)
            drain(dsn, root, slot, slot)
            conn.execute(MIGRATION_1[1])  # recorded: replayed in place
            _work(conn)
            time.sleep(1.1)
            drain(dsn, root, slot, slot)
            conn.execute("SET session_replication_role = replica")  # unseen by the trigger
            conn.execute(MIGRATION_1[0])
            conn.execute("RESET session_replication_role")
            _work(conn)
            time.sleep(1.1)
            (gap,) = drain(dsn, root, slot, slot).gaps
            second = backup(dsn, root.url, capture_slot=slot)
            _work(conn)
            time.sleep(1.1)
            drain(dsn, root, slot, slot)
    finally:
        stop_capture(dsn, slot, slot)

    found = timeline(root, slot, capture_on=True)
    assert found.note is None and found.problems == []
    assert [b.url for b in found.bases] == [first.url, second.url]
    assert found.bases[0].reaches_until == gap.committed_at
    assert "public.orders changed its columns" in str(found.bases[0].gap)
    assert found.bases[1].gap is None
    # the segments as intervals, each from where the one before ended
    assert found.segment_count == 4 and len(found.segments) == 4
    for before, after in zip(found.segments, found.segments[1:], strict=False):
        assert after.start == before.end and after.first_seq == before.last_seq + 1
    assert sum(s.changes for s in found.segments) > 0
    kinds = [(m.replayable, m.what) for m in found.migrations]
    assert (True, "ALTER TABLE public.customers.full_name") in kinds, kinds
    assert (False, gap.what) in kinds, kinds
    # restorable from each base; between them the gap, naming the change
    taken = [b.started_at for b in found.bases]  # as each base's manifest says
    assert len(found.coverage) == 2 and found.coverage[0] == [taken[0], gap.committed_at]
    assert found.coverage[1][0] == taken[1]
    assert found.coverage[1][1] == found.segments[-1].end
    (shown,) = found.gaps
    assert (shown.start, shown.end) == (gap.committed_at, taken[1])
    assert "public.orders changed its columns" in shown.why


def _change_a_row(dsn: str) -> tuple[int, int | None]:
    """One row's int_col changed after the backup: (its id, the value it had)."""
    with psycopg.connect(dsn, autocommit=True) as conn:
        row, value = conn.execute(f"SELECT id, int_col FROM {TABLE} ORDER BY id LIMIT 1").fetchone()
        conn.execute(f"UPDATE {TABLE} SET int_col = coalesce(int_col, 0) + 1 WHERE id = %s", (row,))
    return row, value


def _value(dsn: str, row: int) -> int | None:
    with psycopg.connect(dsn) as conn:
        return conn.execute(f"SELECT int_col FROM {TABLE} WHERE id = %s", (row,)).fetchone()[0]


def _wait_for(live, locator, wizard, errors: list[str], timeout: float) -> None:
    """The locator shown, or a failure saying what the wizard shows instead (and the errors
    in Airflow's log: a task that failed before its own log began names no error)."""
    from playwright.sync_api import Error

    try:
        locator.wait_for(timeout=timeout)
    except Error:
        log = live.log.read_text(errors="replace").splitlines()
        failed = "\n".join([line for line in log if "ERROR" in line][-15:])
        raise AssertionError(
            f"the wizard shows: {wizard.inner_text()!r}; console: {errors}; Airflow: {failed}"
        ) from None


@chromium
def test_the_restore_tab_plans_restores_and_shows_a_runnable_undo(live_airflow, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    live_airflow.wait_for_dag("restore")
    _, answer = live_airflow.call("GET", "/airvault/api/timeline", user="viewer")
    assert answer["coverage"] == [] and "No point-in-time coverage" in answer["note"]
    backed_up = _full_backup(live_airflow)  # as the classic wizard's test takes it
    row, before = _change_a_row(live_airflow.app_dsn)
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=BROWSER_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1024, "height": 900},
                                          color_scheme="light")  # fmt: skip
            context.add_init_script("localStorage.setItem('theme', 'system')")
            page = context.new_page()
            page.on("console", lambda m: m.type == "error" and errors.append(m.text))
            page.on("pageerror", lambda e: errors.append(str(e)))

            # a viewer: the timeline, and no Restore button
            context.add_cookies([{"name": "_token", "value": live_airflow.token("viewer"),
                                  "url": live_airflow.url}])  # fmt: skip
            page.goto(f"{live_airflow.url}/plugin/backups?tab=restore")
            tab = page.get_by_test_id("airvault-restore-tab")
            expect(tab).to_contain_text("may see backups, not restore them", timeout=60_000)
            expect(page.get_by_test_id("airvault-pit-note")).to_have_text(answer["note"])
            assert tab.get_by_role("button", name=re.compile("Restore")).count() == 0
            _shots(page, "restore-viewer")
            status, _ = live_airflow.call("POST", "/airvault/api/restore",
                                          {"url": backed_up}, user="viewer")  # fmt: skip
            assert status == 403

            # an admin: pick the live backup, one table, a dry run
            context.add_cookies([{"name": "_token", "value": live_airflow.token("admin"),
                                  "url": live_airflow.url}])  # fmt: skip
            page.reload()
            tab.get_by_role("button", name="Restore…").click()
            wizard = page.get_by_test_id("airvault-restore-wizard")
            wizard.get_by_label("Backup to restore").select_option(backed_up)
            wizard.get_by_role("button", name="Choose this backup").click()
            wizard.locator("label").filter(has_text=f"{TABLE} (").click()
            expect(
                wizard.get_by_role("checkbox", name=re.compile(re.escape(TABLE)))
            ).to_be_checked()
            expect(wizard.get_by_role("radio", name=re.compile("these tables"))).to_be_checked()
            assert unnamed_controls(page, "[data-testid=airvault-restore-tab]") == []
            for theme in ("light", "dark"):
                _theme(page, theme)
                _shots(page, "restore-choices")
            wizard.get_by_role("button", name="Plan (dry run)").click()
            plan = page.get_by_test_id("airvault-restore-plan")
            _wait_for(live_airflow, plan, wizard, errors, 240_000)
            changed = plan.locator(f'tr[data-table="{TABLE}"]')
            expect(changed).to_have_attribute("data-changed", "true")
            expect(changed).to_contain_text("changes")
            expect(changed.locator("td").nth(5)).to_have_text("1")  # the one row updated
            assert plan.locator('tr[data-changed="true"]').count() == 1
            assert (
                _value(live_airflow.app_dsn, row) == (before or 0) + 1
            )  # the dry run wrote nothing
            for theme in ("dark", "light"):
                _theme(page, theme)
                _shots(page, "restore-plan")

            # RESTORE typed: it runs, and says how to undo it
            restore = wizard.get_by_role("button", name="Restore now")
            expect(restore).to_be_disabled()
            wizard.get_by_label("Type RESTORE to confirm").fill("RESTORE")
            restore.click()
            expect(page.get_by_test_id("airvault-restore-result")).to_have_text(
                "Restored", timeout=300_000
            )
            assert _value(live_airflow.app_dsn, row) == before
            undo = page.get_by_test_id("airvault-restore-undo-command").inner_text()
            for theme in ("light", "dark"):
                _theme(page, theme)
                _shots(page, "restore-done")
        finally:
            browser.close()
    assert errors == []

    # the undo as shown: full URL, target by connection id, the key from its connection
    safety = re.search(r"--from '?(file://[^ ']+)", undo)
    assert safety and "/backups/pre-restore/" in safety[1], undo
    assert "airflow connections get airvault_app_db " in undo
    assert (
        "export AIRVAULT_SIGNING_KEY=" in undo
        and "airflow connections get airvault_signing" in undo
    )
    assert '--dsn "$TARGET_DSN"' in undo
    # run in a fresh folder, in a shell with Airflow's environment but no airvault config
    # or key of its own: the undo's plan puts the changed row back
    env = {k: v for k, v in live_airflow.env.items()
           if k not in ("AIRVAULT_CONFIG", "AIRVAULT_SIGNING_KEY", "AIRVAULT_SIGNING_KEY_FILE")}  # fmt: skip
    fresh = tmp_path / "elsewhere"
    fresh.mkdir()
    ran = subprocess.run(["bash", "-c", f"{undo} --dry-run"], cwd=fresh, env=env,
                         capture_output=True, text=True, timeout=300)  # fmt: skip
    assert ran.returncode == 0, ran.stderr
    row = next(line for line in ran.stdout.splitlines() if line.startswith(TABLE))
    assert row.split()[-3:] == ["0", "1", "0"], ran.stdout  # insert, update, delete
