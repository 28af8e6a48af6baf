"""The Schedules tab of the React app (issue 30.3/30.4), in Debian's Chromium inside the live
Airflow UI: an op reads every DAG by its name, runs one whose Params need values through a
form, creates a tenant backup schedule and a recurring export on the page, and Airflow's REST
API then lists the new DAGs with the timetables chosen; removing one makes its DAG go. A bad
cron is a 400 naming the field; a viewer may not add (403, and sees no action); no user is
401. Screenshots per state at 1024 and 1440 px, light and dark."""

from __future__ import annotations

import re
import shutil
import time
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.airflow.test_backups_page import ARTIFACTS, chromium
from tests.airflow.test_backups_page_status import BROWSER_ARGS
from tests.airflow.test_schedule_edits import _next_at, _wait_for_timetable
from tests.airflow.test_ui_react import _shots, _theme
from tests.page_browser import unnamed_controls

TENANT = "tenant_backup_acme_nightly"
EXPORT = "export_contacts_json"
ADD = "/airvault/api/schedule-settings"
RECURRING = "/airvault/api/exports/recurring"


@pytest.fixture
def added_removed(live_airflow):
    """Whatever the test added is removed after it (the live Airflow is shared)."""
    yield
    for dag_id in (TENANT, EXPORT):
        live_airflow.call("POST", f"{ADD}/{dag_id}/remove", {})


def _gone(live, dag_id: str, timeout: float = 60) -> None:
    """Until Airflow's DAG list (stale DAGs left out, as the UI lists them) lacks `dag_id`."""
    deadline = time.monotonic() + timeout
    while True:
        dags = live.call("GET", f"/api/v2/dags?dag_id_pattern={dag_id}")[1]["dags"]
        if dag_id not in [d["dag_id"] for d in dags]:
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"{dag_id} is still listed: {dags}")
        time.sleep(1)


def _context(browser, live, user: str, errors: list[str]):
    context = browser.new_context(viewport={"width": 1024, "height": 900}, color_scheme="light")
    context.add_cookies([{"name": "_token", "value": live.token(user), "url": live.url}])
    context.add_init_script("localStorage.setItem('theme', 'system')")  # Airflow's: the system's
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{live.url}/plugin/backups?tab=schedules")
    return page


def _both_themes(page, state: str) -> None:
    for theme in ("light", "dark"):
        _theme(page, theme)
        _shots(page, f"schedules-{state}")
    _theme(page, "light")
    page.set_viewport_size({"width": 1024, "height": 900})


def _add(page, kind: str, name: str, fields: dict[str, str], timing: dict[str, str]) -> None:
    """New schedule -> the form filled in -> Add schedule, as a user does with the keyboard
    and mouse (every control found by its label)."""
    from playwright.sync_api import expect

    page.get_by_role("button", name="New schedule").click()
    form = page.get_by_test_id("airvault-new-schedule")
    form.get_by_label("Kind").select_option(kind)
    form.get_by_label("Name", exact=True).fill(name)
    for label, value in {**fields, **timing}.items():
        control = form.get_by_label(label, exact=True)
        if control.evaluate("(e) => e.tagName") == "SELECT":
            control.select_option(value)
        else:
            control.fill(value)
    if kind == "export":
        _both_themes(page, "new")
    form.get_by_role("button", name="Add schedule").click()
    expect(page.get_by_test_id("airvault-schedules-message")).to_contain_text("added")


def test_schedules_added_through_the_api_checked_by_field_and_role(live_airflow):
    tenant = {"kind": "tenant", "name": "acme_nightly", "tenant": "org-acme", "preset": "cron"}
    assert live_airflow.call("POST", ADD, {**tenant, "cron": "0 1 * * *"}, user=None)[0] == 401
    status, body = live_airflow.call("POST", ADD, {**tenant, "cron": "0 1 * * *"}, user="viewer")
    assert status == 403 and "viewer" in body["detail"] and TENANT in body["detail"]
    status, body = live_airflow.call("POST", ADD, {**tenant, "cron": "0 1 * *"}, user="op")
    assert status == 400, body
    assert body["detail"].startswith(f"{TENANT} (added on the page): cron: ")
    assert "'0 1 * *' is not a schedule Airflow accepts" in body["detail"]
    for wrong, named in (
        ({"kind": "module", "name": "x", "module": "nope"}, "module: 'nope' is not a module"),
        ({"kind": "tenant", "name": "demo_org_1", "tenant": "x"}, "name: tenant_backup_demo_org_1 already exists"),
        ({"kind": "export", "name": "y", "dataset": "pg_catalog.pg_authid", "preset": "cron",
          "cron": "0 1 * * *"}, "dataset: export of pg_catalog.pg_authid refused"),
        ({"kind": "tenant", "name": "Bad Name", "tenant": "x"}, "name: String should match"),
    ):  # fmt: skip
        status, body = live_airflow.call("POST", ADD, {"preset": "manual", **wrong}, user="op")
        assert status == 400 and named in body["detail"], body
    _, listed = live_airflow.call("GET", ADD, user="op")
    assert listed["may_add"] is True and TENANT not in listed["names"]  # nothing half-added

    # the export form's recurring entry: the YAML to paste, and with `add` the job on the page
    body = {"name": "leads_daily", "schedule": "0 5 * * *", "add": True,
            "choices": {"datasets": ["leads"], "format": "csv", "timezone": "Europe/Paris"}}  # fmt: skip
    assert live_airflow.call("POST", RECURRING, body, user="viewer")[0] == 403
    status, entry = live_airflow.call("POST", RECURRING, body, user="op")
    assert status == 200 and entry["added"] is True, entry
    _, listed = live_airflow.call("GET", ADD, user="op")
    (added,) = [s for s in listed["settings"] if s["dag_id"] == "export_leads_daily"]
    assert (added["source"], added["added_by"], added["cron"]) == ("added", "op", "0 5 * * *")
    status, body = live_airflow.call("POST", f"{ADD}/export_leads_daily/remove", {}, user="op")
    assert status == 200 and body["setting"]["dag_id"] == "export_leads_daily"
    status, body = live_airflow.call("POST", f"{ADD}/export_contacts_weekly/remove", {}, user="op")
    assert status == 400 and "not a schedule added on the page" in body["detail"]


@chromium
def test_an_op_adds_schedules_on_the_tab_and_airflow_runs_them(live_airflow, added_removed):
    from playwright.sync_api import expect, sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    # half a day away: never a run Airflow would start at once
    hour = (datetime.now(ZoneInfo("Europe/Paris")).hour + 12) % 24
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=BROWSER_ARGS)
        try:
            page = _context(browser, live_airflow, "op", errors)
            table = page.get_by_test_id("airvault-schedules")
            daily = table.locator('tr[data-dag="full_backup_daily"]')
            expect(daily).to_contain_text("Full backup, daily", timeout=60_000)
            expect(daily).to_contain_text("from the config file")
            restore = table.locator('tr[data-dag="restore"]')
            expect(restore).to_contain_text("Restore")
            expect(restore.locator("td").nth(4)).to_have_text("manual")
            assert restore.get_by_role("switch").count() == 0
            # Run now on a DAG whose Params need values: a form for them, nothing refused
            table.locator('tr[data-dag="verify_backup"]').get_by_role(
                "button", name="Run now"
            ).click()
            run_form = page.get_by_test_id("airvault-run-form")
            expect(run_form).to_contain_text("backup_url (required)")
            run_form.get_by_role("button", name="Cancel").click()
            page.get_by_test_id("airvault-tab-schedules").scroll_into_view_if_needed()  # the top
            _both_themes(page, "list")

            _add(page, "tenant", "acme_nightly", {"Tenant id": "org-acme"},
                 {"Repeat": "daily", "At": f"{hour:02}:30", "Time zone": "Europe/Paris"})  # fmt: skip
            _add(page, "export", "contacts_json", {"Dataset": "contacts", "Format": "json"},
                 {"Repeat": "weekly", "At": "06:15", "Day of the week": "Monday"})  # fmt: skip
            # Airflow's REST API: the new DAGs, on the timetables chosen
            dag = _wait_for_timetable(live_airflow, TENANT, f"30 {hour} * * *")
            assert datetime.fromisoformat(dag["next_dagrun_run_after"]) == _next_at(
                hour, 30, "Europe/Paris"
            )
            _wait_for_timetable(live_airflow, EXPORT, "15 6 * * 1")
            row = table.locator(f'tr[data-dag="{TENANT}"]')
            expect(row).to_contain_text("Tenant backup: acme_nightly", timeout=40_000)
            expect(row).to_contain_text("added on the page by op")
            expect(row).to_contain_text("(Europe/Paris)")
            # created paused here (Airflow's default; airvault's deployments: not paused):
            # switched on, its next run reads in words
            row.get_by_role("switch", name="Tenant backup: acme_nightly on").click()
            expect(row.locator("td").nth(2)).to_contain_text(re.compile(r"in 1?\d hours"))
            expect(table.locator(f'tr[data-dag="{EXPORT}"]')).to_contain_text(
                "Recurring export: contacts_json (contacts, json)"
            )
            assert unnamed_controls(page, "[data-testid=airvault-panel-schedules]") == []

            # the editor below the list; removing the tenant backup makes its DAG go
            row.get_by_role("button", name="Edit the schedule of Tenant backup").click()
            editor = page.get_by_test_id("airvault-schedule-editor")
            expect(editor).to_contain_text("Added on the page by op")
            expect(editor.get_by_label("Time zone")).to_have_value("Europe/Paris")
            _both_themes(page, "editor")
            editor.get_by_role("button", name="Remove this schedule").click()
            expect(page.get_by_test_id("airvault-schedules-message")).to_contain_text("removed")
            _gone(live_airflow, TENANT)
            expect(row).to_have_count(0, timeout=30_000)

            # a viewer reads the same list, without any action
            viewer = _context(browser, live_airflow, "viewer", errors)
            listed = viewer.get_by_test_id("airvault-schedules")
            expect(listed.locator(f'tr[data-dag="{EXPORT}"]')).to_contain_text("added on the page")
            expect(viewer.get_by_role("button", name="New schedule")).to_have_count(0)
            expect(listed.get_by_role("button")).to_have_count(0)
        finally:
            browser.close()
    assert errors == []
    for name in ("list-1024-light", "new-1440-dark", "editor-1024-dark"):
        assert (ARTIFACTS / f"ui-schedules-{name}.png").stat().st_size > 10_000, name
