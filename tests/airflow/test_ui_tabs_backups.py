"""The React app's Overview and Backups tabs in Debian's Chromium against the live api-server,
as the roles use them. Admin: the Overview's verdict says what /api/status says and the storage
chart's legend names every kind stored; on Backups a filter narrows the rows, a pinned backup's
deletion is refused with retention's reason, unpinned it is deleted by typing its id (row and
folder gone), Verify starts a run whose id shows, Compare starts a diff. Viewer: the same rows,
no action at all; POST /api/pin is 403 for a viewer and 401 without a user. Screenshots of each
state at 1024 and 1440 px, light and dark: .airvault/test-artifacts/ui-<tab>-<state>-*.png."""

from __future__ import annotations

import re
import shutil
import time
import uuid
from pathlib import Path

import psycopg

from tests.airflow.test_backups_page import ARTIFACTS, chromium
from tests.airflow.test_backups_page_status import BROWSER_ARGS
from tests.airflow.test_ui_react import _expected, _shots, _shows_the_verdict, _theme
from tests.dbutil import backup

PIN = "/airvault/api/pin"
WAIT = 60_000  # ms for what an action's answer shows: the api-server shares a busy machine


def _both_themes(page, name: str) -> None:
    for theme in ("light", "dark"):
        _theme(page, theme)
        _shots(page, name)
    _theme(page, "light")


def _two_backups(live, new_db) -> tuple[str, str, str]:
    """(their scope, the older backup's URL, the newer's) of a small database, in a scope of
    their own (a tenant-like UUID, which must wrap) in the live storage."""
    dsn = new_db("uitabs")
    with psycopg.connect(dsn) as conn:
        conn.execute("CREATE TABLE notes AS SELECT g AS id, md5(g::text) AS body "
                     "FROM generate_series(1, 200) g")  # fmt: skip
    scope = str(uuid.uuid4())
    older = backup(dsn, live.storage, kind="manual", scope=scope, note="before the v42 migration")
    time.sleep(1.05)  # folder names have second resolution
    newer = backup(dsn, live.storage, kind="manual", scope=scope)
    return scope, older.url, newer.url


def _as(browser, live, user: str):
    """A page of `user`'s own session (its token cookie), following the system's theme."""
    context = browser.new_context(viewport={"width": 1024, "height": 900}, color_scheme="light")
    context.add_cookies([{"name": "_token", "value": live.token(user), "url": live.url}])
    context.add_init_script("localStorage.setItem('theme', 'system')")
    return context.new_page()


@chromium
def test_overview_and_backups_tabs_as_admin_and_viewer(live_airflow, backed_up_live, new_db):
    from playwright.sync_api import expect, sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    live = live_airflow
    scope, older, newer = _two_backups(live, new_db)
    _, listed = live.call("GET", "/airvault/api/backups")
    (doomed,) = [b for b in listed["backups"] if b["url"] == older]
    kinds = {b["kind"] for b in listed["backups"]}
    words, _, where = _expected(live)
    # a viewer may not pin, nor anyone signed out (first: the runs started below load the
    # api-server, which shares a busy machine)
    status, answer = live.call("POST", PIN, {"url": newer, "pinned": True}, user="viewer")
    assert status == 403 and "pin or unpin backups" in answer["detail"]
    assert live.call("POST", PIN, {"url": newer, "pinned": True}, user=None)[0] == 401
    assert not (Path(newer.removeprefix("file://")) / "pinned.json").exists()
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=BROWSER_ARGS)
        try:
            # a viewer reads the same rows, with no action and nothing to tick
            page = _as(browser, live, "viewer")
            page.on("console", lambda m: m.type == "error" and errors.append(m.text))
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(f"{live.url}/plugin/backups?tab=backups", timeout=90_000)
            viewer_rows = page.get_by_test_id("airvault-backup")
            expect(viewer_rows.first).to_be_visible(timeout=WAIT)
            expect(
                page.locator(f'[data-testid=airvault-backup][data-url="{newer}"]')
            ).to_have_count(1)
            assert page.get_by_test_id("airvault-backup-list").locator("button, a").count() == 0
            assert page.get_by_role("checkbox").count() == 0
            assert page.get_by_role("button", name="Compare the two selected").count() == 0
            _both_themes(page, "backups-viewer")

            page = _as(browser, live, "admin")
            page.on("console", lambda m: m.type == "error" and errors.append(m.text))
            page.on("pageerror", lambda e: errors.append(str(e)))

            # Overview: the verdict as /api/status says it; a legend naming each kind stored
            page.goto(f"{live.url}/plugin/backups?tab=overview", timeout=90_000)
            _shows_the_verdict(live, page.get_by_test_id("airvault-verdict"), words, where)
            legend = page.get_by_test_id("airvault-trend-legend")
            expect(legend.locator("[data-kind]")).to_have_count(len(kinds), timeout=WAIT)
            shown = {e.get_attribute("data-kind") for e in legend.locator("[data-kind]").all()}
            assert shown == kinds
            assert page.locator("[data-testid=airvault-storage-trend] svg rect").count() >= 1
            _both_themes(page, "overview")

            page.get_by_test_id("airvault-tab-backups").click()
            rows = page.get_by_test_id("airvault-backup")
            expect(rows.first).to_be_visible(timeout=WAIT)

            # the scope filter leaves this scope's two rows, newest first
            page.get_by_label("Scope").select_option(scope)
            expect(rows).to_have_count(2)
            assert [r.get_attribute("data-url") for r in rows.all()] == [newer, older]
            row = page.locator(f'[data-testid=airvault-backup][data-url="{older}"]')
            expect(row).to_contain_text("before the v42 migration")
            page.get_by_label("Label, note or id").fill(doomed["id"])
            expect(rows).to_have_count(1)

            # pinned, its deletion is refused with retention's reason; the folder stays
            row.get_by_role("button", name=f"Pin {doomed['label']}").click()
            expect(row.get_by_test_id("airvault-pinned")).to_contain_text(
                "by admin (Backups page)", timeout=WAIT
            )
            row.get_by_role("button", name=f"Delete {doomed['label']}").click()
            confirm = row.get_by_test_id("airvault-delete-confirm")
            delete = confirm.get_by_role("button", name="Delete for good")
            confirm.get_by_label("Reason").fill("taken by mistake")
            expect(delete).to_be_disabled()  # not until the id is typed
            confirm.get_by_label("Id or label").fill(doomed["id"])
            delete.click()
            expect(confirm.get_by_test_id("airvault-delete-error")).to_contain_text(
                "409: " + older + " is pinned (legal hold)", timeout=WAIT
            )
            assert Path(older.removeprefix("file://")).exists()
            _both_themes(page, "backups-refused")

            # unpinned, the same typed confirmation deletes it: row and folder gone
            row.get_by_role("button", name=f"Unpin {doomed['label']}").click()
            said = row.get_by_test_id("airvault-backup-said")
            expect(said).to_have_text("Unpinned.", timeout=WAIT)
            expect(row.get_by_test_id("airvault-pinned")).to_have_count(0, timeout=WAIT)
            delete.click()
            expect(row).to_have_count(0, timeout=WAIT)
            expect(page.get_by_test_id("airvault-backups-notice")).to_contain_text(
                f"Deleted {doomed['label']}", timeout=WAIT
            )
            assert not Path(older.removeprefix("file://")).exists()
            _, log = live.call("GET", "/airvault/api/deletions")
            assert log["deletions"][0]["backup_id"] == doomed["id"]
            assert log["deletions"][0]["by"] == "admin (Backups page)"

            # Verify starts a run, its id shown as a link to it; Restore… opens under the row
            page.get_by_label("Label, note or id").fill("")
            kept = page.locator(f'[data-testid=airvault-backup][data-url="{newer}"]')
            kept.get_by_role("button", name="Verify").click()
            run = kept.get_by_test_id("airvault-run-link")
            expect(run).to_be_visible(timeout=WAIT)
            assert (
                live.call("GET", f"/api/v2/dags/verify_backup/dagRuns/{run.inner_text()}")[0] == 200
            )
            assert "/dags/verify_backup/runs/" in (run.get_attribute("href") or "")
            kept.get_by_role("button", name="Restore").click()
            expect(kept.get_by_test_id("airvault-row-restore")).to_be_visible()

            # two ticked, Compare starts the backup_diff run and follows it (its result takes
            # the scheduler a while: test_backups_page_status reads one, same endpoints)
            page.get_by_label("Scope").select_option("")
            for url in (backed_up_live, newer):
                label = next(b["label"] for b in listed["backups"] if b["url"] == url)
                tick = page.get_by_role("checkbox", name=f"Compare {label}")
                tick.locator("xpath=..").click()  # its box, as a user clicks it
                expect(tick).to_be_checked()
            page.get_by_role("button", name="Compare the two selected").click()
            compare = page.get_by_test_id("airvault-compare")
            expect(compare.get_by_role("link", name=re.compile(r"^run "))).to_be_visible(
                timeout=WAIT
            )
            expect(compare).to_contain_text(re.compile(r"^(Comparing|From) .* · run "))
            _both_themes(page, "backups-actions")
        finally:
            browser.close()
    # the one error the browser logs is the refused deletion's answer, which the page showed
    refused = [e for e in errors if "status of 409 (Conflict)" in e]
    assert len(refused) == 1 and [e for e in errors if e not in refused] == []
    for name in ("overview", "backups-refused", "backups-viewer"):
        assert (ARTIFACTS / f"ui-{name}-1024-dark.png").stat().st_size > 10_000, name
