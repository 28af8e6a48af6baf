"""Schedules edited on the Backups page (issue 30.4): an overlay over the config's schedules
that the DAG files read when parsed. An edit changes the DAG's schedule as Airflow sees it;
a bad cron is refused naming the field and the config key; a viewer may not edit; a bad or
corrupted overlay never makes a DAG vanish: the config's schedule stays and the problem is
reported (the page, `airvault check`)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.airflow.test_backups_page import ARTIFACTS, chromium
from tests.airflow.test_dags import load_dags
from tests.airflow_env import write_config
from tests.cli.test_cli_and_config import airvault

EDITED = "module_backup_contacts"  # manual in the config (modules.contacts.schedule: null)


def _overlay(config_path, edits: dict | str):
    path = config_path.parent / ".airvault" / "schedule-edits.json"
    path.parent.mkdir(exist_ok=True)
    path.write_text(edits if isinstance(edits, str) else json.dumps({"version": 1, "edits": edits}))
    return path


def _summary(dag) -> tuple[str | None, str]:
    """A DAG's cron and time zone as its timetable holds them (None: no schedule)."""
    timetable = dag.timetable  # the Task SDK's: attrs `expression` and `timezone`
    return getattr(timetable, "expression", None), str(getattr(timetable, "timezone", "UTC"))


def test_the_overlay_schedules_dags_and_a_bad_one_leaves_the_config_s_schedules(
    airflow_db, tmp_path, tmp_root
):
    from airvault.config import load_config
    from airvault.ops.health import schedule_problems
    from airvault.schedule_edits import checked_edit, save_edit, schedulables

    config_path = write_config(tmp_path / "airvault.yaml", f"file://{tmp_root}")
    by = {"edited_by": "op", "edited_at": "2026-12-06T02:00:00+00:00"}
    _overlay(config_path, {
        EDITED: {"preset": "daily", "cron": "30 3 * * *", "timezone": "Europe/Paris",
                 "retention": {"keep_last": 5, "minimum_good": 2}, **by},
        "full_backup_daily": {"cron": "0 2 * *", **by},  # a typo: refused, the config's stays
        "no_such_dag": {"cron": "0 1 * * *", **by},
    })  # fmt: skip
    dags = load_dags(config_path)  # asserts: no import error
    assert _summary(dags[EDITED]) == ("30 3 * * *", "Europe/Paris")
    assert _summary(dags["full_backup_daily"])[0] == "0 2 * * *"
    config = load_config(config_path)
    assert config.retention.policy_for("module", "contacts").keep_last == 5
    assert config.retention.policy_for("module", "leads").keep_last == 14  # the config's
    problems = " | ".join(config.edits.problems)
    assert "edits.full_backup_daily" not in problems  # named by the DAG and its key instead
    assert "full_backup_daily (schedules.full_backup_daily): cron: Value error, '0 2 * *'" in (
        problems
    )
    assert "the config's schedule (0 2 * * *) is in effect" in problems
    assert "edits.no_such_dag: not a schedulable DAG" in problems

    # a corrupted overlay: every DAG still imports, each on the config file's schedule
    overlay = _overlay(config_path, '{"version": 1, "edits": {"module_backup_con')
    dags = load_dags(config_path)
    plain = load_config(config_path, edits=False)
    for target in schedulables(plain):
        assert _summary(dags[target.dag_id])[0] == target.cron, target.dag_id
    (problem,) = schedule_problems(load_config(config_path), set(dags), {})  # health, verdict
    assert problem.startswith(f"{overlay}: cannot be used") and "revert that schedule" in problem
    checked = airvault(
        "--config", str(config_path), "check", "--dsn", "postgresql://x@127.0.0.1:1/x"
    )
    assert f"warning: schedule edits: {overlay}: cannot be used" in checked.stderr
    assert "every schedule is the config's" in checked.stderr
    # saving over it keeps the unreadable file aside, never half of it
    edit = checked_edit(next(t for t in schedulables(plain) if t.dag_id == EDITED),
                        {"cron": "0 4 * * *", **by})  # fmt: skip
    save_edit(plain, EDITED, edit)
    (aside,) = overlay.parent.glob("schedule-edits.json.unreadable-*")
    assert aside.read_text().endswith('"module_backup_con')
    assert load_config(config_path).modules["contacts"].schedule == "0 4 * * *"


@pytest.fixture
def contacts_schedule_restored(live_airflow):
    """The live module_backup_contacts back as the config has it after the test: no edit,
    paused."""
    yield
    live_airflow.call("POST", f"/airvault/api/schedule-settings/{EDITED}/revert", {})
    live_airflow.call("PATCH", f"/api/v2/dags/{EDITED}", {"is_paused": True})


def _wait_for_timetable(live, dag_id: str, summary: str | None, timeout: float = 90) -> dict:
    """The DAG as Airflow's REST API shows it once the dag-processor has parsed the edit."""
    import time

    deadline = time.monotonic() + timeout
    while True:
        dag = live.call("GET", f"/api/v2/dags/{dag_id}")[1]
        if dag.get("timetable_summary") == summary and (
            summary is None or dag["next_dagrun_run_after"]
        ):
            return dag
        if time.monotonic() > deadline:
            raise AssertionError(f"{dag_id}: still {dag}; log {live.log}")
        time.sleep(1)


def _next_at(hour: int, minute: int, zone: str) -> datetime:
    """The next hour:minute on the wall clock of `zone`, in UTC."""
    now = datetime.now(ZoneInfo(zone))
    for day in (now.date(), now.date() + timedelta(days=1)):
        at = datetime.combine(day, time(hour, minute), ZoneInfo(zone))
        if at > now:
            return at.astimezone(UTC)
    raise AssertionError("unreachable")


def test_an_edit_through_rest_is_the_dag_s_schedule_in_airflow(
    live_airflow, contacts_schedule_restored
):
    path = f"/airvault/api/schedule-settings/{EDITED}"
    # half a day away: Airflow runs at once a daily cron it missed by less than 2.4 h
    hour = (datetime.now(ZoneInfo("Europe/Paris")).hour + 12) % 24
    form = {"preset": "daily", "time": f"{hour:02}:30", "timezone": "Europe/Paris",
            "enabled": True, "retention": {"keep_last": 4, "minimum_good": 1}}  # fmt: skip
    assert live_airflow.call("POST", path, form, user=None)[0] == 401
    status, body = live_airflow.call("POST", path, form, user="viewer")
    assert status == 403 and "viewer" in body["detail"]
    status, body = live_airflow.call("POST", path, {"preset": "cron", "cron": "0 2 * *"}, user="op")
    assert status == 400
    assert body["detail"].startswith(f"{EDITED} (modules.contacts.schedule): cron: ")
    assert "'0 2 * *' is not a schedule Airflow accepts" in body["detail"]
    for wrong, named in (({"timezone": "Mars/Base"}, "timezone: "), ({"time": "25:00"}, "time: "),
                         ({"retention": {"keep_last": 0}}, "retention.keep_last: ")):  # fmt: skip
        status, body = live_airflow.call("POST", path, {**form, **wrong}, user="op")
        assert status == 400 and named in body["detail"], body

    status, body = live_airflow.call("POST", path, form, user="op")
    assert status == 200, body
    assert body["notes"] == []  # unpaused and re-parsed as op
    dag = _wait_for_timetable(live_airflow, EDITED, f"30 {hour} * * *")
    assert dag["is_paused"] is False
    assert datetime.fromisoformat(dag["next_dagrun_run_after"]) == _next_at(
        hour, 30, "Europe/Paris"
    )
    _, listed = live_airflow.call("GET", "/airvault/api/schedule-settings", user="viewer")
    edited = next(s for s in listed["settings"] if s["dag_id"] == EDITED)
    assert (edited["source"], edited["edited_by"], edited["cron"]) == (
        "edit",
        "op",
        f"30 {hour} * * *",
    )
    assert edited["retention"]["keep_last"] == 4 and edited["config_retention"]["keep_last"] == 14
    assert edited["config_cron"] is None and edited["may_edit"] is False  # a viewer's view
    assert listed["names"][EDITED] == "Module backup: contacts" and listed["problems"] == []

    status, body = live_airflow.call("POST", f"{path}/revert", {}, user="op")
    assert status == 200 and body["setting"]["source"] == "config"
    _wait_for_timetable(live_airflow, EDITED, None)  # manual again, as the config has it

    # Run now with values for a DAG's Params: only its own Params, only for who may run it
    trigger = "/airvault/api/schedules/verify_backup/trigger"
    assert live_airflow.call("POST", trigger, {"conf": {}}, user="viewer")[0] == 403
    status, body = live_airflow.call("POST", trigger, {"conf": {"sql": "x"}}, user="op")
    assert status == 400 and body["detail"] == "verify_backup has no Param sql"
    _, form = live_airflow.call("GET", "/airvault/api/schedules/verify_backup/params", user="op")
    assert [p["name"] for p in form["params"] if p["required"]] == ["backup_url"]


@chromium
def test_the_schedule_editor_in_chromium(live_airflow, contacts_schedule_restored):
    from playwright.sync_api import expect

    from tests.page_browser import page_as

    errors: list[str] = []
    with page_as(live_airflow, "op", errors) as page:
        row = page.locator(f'#schedules tr[data-dag="{EDITED}"]')
        expect(row).to_contain_text("Module backup: contacts")
        expect(row).to_contain_text("from config")
        # a manual-only DAG: "manual", no on / off switch
        restore = page.locator('#schedules tr[data-dag="restore"]')
        expect(restore.locator("td").nth(4)).to_have_text("manual")
        assert restore.get_by_role("switch").count() == 0
        # Run now of a DAG whose Params need values: a form for them, nothing refused
        page.locator('#schedules tr[data-dag="verify_backup"]').get_by_role(
            "button", name="Run now"
        ).click()
        expect(page.locator("#run-form")).to_contain_text("backup_url (required)")
        page.locator("#run-form").get_by_role("button", name="Cancel").click()

        row.get_by_role("button", name="Edit the schedule of Module backup: contacts").click()
        editor = page.locator("#schedule-form")
        expect(editor).to_contain_text("From the config: modules.contacts.schedule")
        editor.get_by_label("Repeat").select_option("weekly")
        editor.get_by_label("at", exact=True).fill("04:15")
        editor.get_by_label("Day of the week").select_option("Monday")
        editor.get_by_label("Time zone").fill("America/New_York")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "status-schedule-editor.png"), full_page=True)
        editor.get_by_role("button", name="Save schedule").click()
        expect(page.locator("#message")).to_contain_text("saved, 15 4 * * 1 (America/New_York)")
        expect(row).to_contain_text("edited by op", timeout=15_000)
        row.get_by_role("button", name="Edit the schedule").click()
        page.get_by_role("button", name="Revert to config").click()
        expect(row).to_contain_text("from config", timeout=15_000)
    assert errors == []
