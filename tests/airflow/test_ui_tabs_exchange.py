"""The React app's Imports & Exports and Jobs tabs (ui/src/tabs/ExchangeTab.tsx, JobsTab.tsx)
in Debian's Chromium against the live api-server, in one browser: as an op, an export of a
table's column subset runs and its file is downloaded from the link the tab shows; an export
template is saved and listed, then deleted; an import dry run of a row with three problems
lists all three; an export scheduled 20 days ahead reads "starts in 20 days" on the Jobs tab,
is cancelled there and then reads "cancelled", not failed; and the Overview's verdict reads as
it did before (issue 30: a cancelled export and a dry run with rejects turned it red). As a
viewer: the same lists, no form or button that acts, no download link. Screenshots of each
state at 1024 and 1440 px, light and dark: .airvault/test-artifacts/ui-<tab>-<state>-*.png."""

from __future__ import annotations

import csv
import io
import re
import shutil
import urllib.request
from datetime import UTC, datetime, timedelta

import psycopg

from tests.airflow.test_backups_page import ARTIFACTS, chromium
from tests.airflow.test_backups_page_status import BROWSER_ARGS
from tests.airflow.test_ui_react import _expected, _shots, _shows_the_verdict, _theme
from tests.dbutil import first_org
from tests.page_browser import unnamed_controls

COLUMNS = ["id", "email"]  # the column subset exported
TEMPLATE = "ui_tab_contacts"


def _three_problems(dsn: str) -> bytes:
    """One row with a bad id, `maybe` for a boolean and a date that is not ISO (issue 30)."""
    return ("id,organization_id,first_name,last_name,email,is_demo,created_at,updated_at\n"
            f"42,{first_org(dsn)},Ada,Lovelace,ada@example.org,maybe,03/11/2026,"
            "2026-11-03T10:00:00Z\n").encode()  # fmt: skip


def _open(browser, live, user: str, tab: str, errors: list[str]):
    """A page of Browse -> Backups at `tab`, signed in as `user`, following the system's
    colour scheme as Airflow's UI does; console errors and uncaught exceptions to `errors`."""
    context = browser.new_context(viewport={"width": 1024, "height": 900}, color_scheme="light")
    context.add_cookies([{"name": "_token", "value": live.token(user), "url": live.url}])
    context.add_init_script("localStorage.setItem('theme', 'system')")
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{live.url}/plugin/backups?tab={tab}")
    return page


def _both_themes(page, name: str) -> None:
    for theme in ("light", "dark"):
        _theme(page, theme)
        _shots(page, name)
    _theme(page, "light")


def _tick(page, checkbox) -> None:
    """A checkbox ticked from the keyboard, as its label's control covers the input."""
    from playwright.sync_api import expect

    checkbox.focus()
    page.keyboard.press("Space")
    expect(checkbox).to_be_checked()


def _downloaded_csv(live, href: str) -> list[list[str]]:
    request = urllib.request.Request(href, headers={"Authorization": f"Bearer {live.token('op')}"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return list(csv.reader(io.StringIO(response.read().decode("utf-8-sig"))))


def _as_op(page, live, csv_file) -> str:
    """The op's tour of Imports & Exports; returns the scheduled export's `what`. One DAG run
    at a time: two task starts at once have stalled the loaded test api-server."""
    from playwright.sync_api import expect

    page.get_by_test_id("airvault-tab-exchange").click()
    form = page.get_by_test_id("airvault-export-form")
    _tick(page, form.get_by_role("checkbox", name="public.contacts", exact=True))
    columns = form.get_by_role("group", name="Columns (none ticked: all)")
    for column in COLUMNS:
        _tick(page, columns.get_by_role("checkbox", name=column, exact=True))
    form.get_by_role("button", name="Export now").click()
    said = page.get_by_test_id("airvault-export-said")
    expect(said).to_contain_text("Export done", timeout=120_000)
    href = said.get_by_role("link", name="contacts.csv").get_attribute("href")
    exported = _downloaded_csv(live, href)
    with psycopg.connect(live.app_dsn) as conn:
        total = conn.execute("SELECT count(*) FROM contacts").fetchone()[0]
    assert exported[0] == COLUMNS and len(exported) - 1 == total
    expect(said).to_contain_text(f"{total:,} records")
    stored = page.get_by_test_id("airvault-exports")
    expect(stored.get_by_role("link", name="contacts.csv").first).to_be_visible(timeout=30_000)

    # a template saved is listed (and chosen), then deleted
    form.get_by_label("Save these choices as").fill(TEMPLATE)
    form.get_by_role("button", name="Save template").click()
    templates = page.get_by_test_id("airvault-export-templates")
    expect(templates).to_have_value(TEMPLATE, timeout=30_000)
    expect(templates.locator("option", has_text=TEMPLATE)).to_have_count(1)
    page.get_by_role("button", name=f"Delete template {TEMPLATE}").click()
    expect(templates.locator("option", has_text=TEMPLATE)).to_have_count(0, timeout=30_000)

    # an export 20 days (and an hour) ahead: it waits queued
    later = datetime.now(UTC) + timedelta(days=20, hours=1)
    form.get_by_label("Later, at (UTC; empty: now)").fill(later.strftime("%Y-%m-%dT%H:%M"))
    form.get_by_role("button", name="Schedule export").click()
    expect(said).to_contain_text(f"Export scheduled for {later:%Y-%m-%d %H:%M} UTC")

    # an import dry run: upload, the table it fits, then every problem of its one row
    imports = page.get_by_test_id("airvault-import-form")
    imports.get_by_label("CSV file").set_input_files(str(csv_file))
    imports.get_by_role("button", name="Upload and map columns").click()
    expect(imports.get_by_label("Into table")).to_have_value("public.contacts", timeout=30_000)
    expect(imports.get_by_label("Table column for is_demo")).to_have_value("is_demo")
    imports.get_by_role("button", name="Dry run").click()
    rejects = page.get_by_test_id("airvault-rejects")
    expect(rejects).to_be_visible(timeout=120_000)
    problems = [[c.inner_text() for c in row.locator("td").all()[:3]]
                for row in rejects.locator("tbody tr").all()]  # fmt: skip
    assert problems == [["2", "id", "id"], ["2", "is_demo", "is_demo"],
                        ["2", "created_at", "created_at"]], problems  # fmt: skip
    summary = page.get_by_test_id("airvault-import-summary")
    expect(summary).to_contain_text("1 row read")
    expect(summary).to_contain_text("1 rejected (3 problems)")
    assert unnamed_controls(page, "[data-testid=airvault-exchange-tab]") == []
    rejects.evaluate("(e) => e.scrollIntoView({block: 'center'})")
    _both_themes(page, "exchange-op")
    return "export public.contacts as csv"


def _jobs_as_op(page, what: str) -> None:
    """The scheduled export on the Jobs tab: in 20 days, cancelled there, then not failed."""
    from playwright.sync_api import expect

    page.get_by_test_id("airvault-tab-jobs").click()
    jobs = page.get_by_test_id("airvault-jobs")
    waiting = jobs.locator("tr[data-state=pending]", has_text=what).first
    expect(waiting).to_contain_text("scheduled", timeout=30_000)
    expect(waiting).to_contain_text("starts in 20 days")
    run_id = waiting.get_attribute("data-run")
    assert unnamed_controls(page, "[data-testid=airvault-jobs-tab]") == []
    _both_themes(page, "jobs-scheduled")
    waiting.get_by_role("button", name=f"Cancel {what}").click()
    row = jobs.locator(f'tr[data-run="{run_id}"]')
    expect(row).to_have_attribute("data-state", "cancelled", timeout=30_000)
    expect(row).to_contain_text("cancelled by op")
    expect(row).not_to_contain_text("failed")
    expect(row.get_by_role("button", name=re.compile("Cancel"))).to_have_count(0)
    expect(page.get_by_role("status")).to_contain_text(f"Cancelled: {what} will not run.")
    _both_themes(page, "jobs-cancelled")


@chromium
def test_exchange_and_jobs_tabs_as_op_and_viewer(live_airflow, backed_up_live, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for dag in ("export", "import"):
        live_airflow.wait_for_dag(dag)
    csv_file = tmp_path / "three-problems.csv"
    csv_file.write_bytes(_three_problems(live_airflow.app_dsn))
    _, before = live_airflow.call("GET", "/airvault/api/status")
    words, _, where = _expected(live_airflow)
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=BROWSER_ARGS)
        try:
            page = _open(browser, live_airflow, "op", "overview", errors)
            verdict = page.get_by_test_id("airvault-verdict")
            _shows_the_verdict(live_airflow, verdict, words, where)
            what = _as_op(page, live_airflow, csv_file)
            _jobs_as_op(page, what)

            # the verdict after a cancelled export and a dry run with rejects: as before
            _, after = live_airflow.call("GET", "/airvault/api/status")
            assert after["safe"] == before["safe"], after["findings"]
            named = " ".join(f"{f['where']} {f['what']}" for f in after["findings"])
            assert not re.search(r"\b(import|export)\b", named), named
            assert {"import", "export"} <= {r["dag_id"] for r in after["jobs_failed"]}
            page.get_by_test_id("airvault-tab-overview").click()
            _shows_the_verdict(live_airflow, page.get_by_test_id("airvault-verdict"), words, where)

            # a viewer: the lists, nothing that acts, no download
            viewer = _open(browser, live_airflow, "viewer", "exchange", errors)
            tab = viewer.get_by_test_id("airvault-exchange-tab")
            expect(tab).to_contain_text("may read exports but not start", timeout=30_000)
            expect(tab.get_by_test_id("airvault-exports")).to_contain_text("public.contacts")
            assert tab.get_by_role("button").count() == 0
            assert tab.locator("input, select").count() == 0
            assert tab.locator("a[download]").count() == 0
            _both_themes(viewer, "exchange-viewer")
            viewer.get_by_test_id("airvault-tab-jobs").click()
            jobs = viewer.get_by_test_id("airvault-jobs")
            expect(jobs.locator("tr[data-state=cancelled]", has_text=what).first).to_be_visible(
                timeout=30_000
            )
            assert jobs.get_by_role("button").count() == 0
            assert jobs.locator("a[download]").count() == 0
            _both_themes(viewer, "jobs-viewer")
        finally:
            browser.close()
    assert errors == []
    for state in ("exchange-op", "jobs-scheduled", "jobs-cancelled", "exchange-viewer"):
        assert (ARTIFACTS / f"ui-{state}-1024-light.png").stat().st_size > 10_000, state
