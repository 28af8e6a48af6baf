"""The verdict means one thing (issue 30.2): an airvault DAG file that does not import is a red
finding naming the file and its error, on the API and in the React app inside Airflow's UI,
and the verdict goes back to what it was once the file imports again. The live Airflow's DAGs
folder is its own copy of the project's, so the test can deploy a broken file there."""

from __future__ import annotations

import shutil
import time

from tests.airflow.test_backups_page import ARTIFACTS, chromium
from tests.airflow.test_backups_page_status import BROWSER_ARGS
from tests.airflow.test_ui_react import _shots

BROKEN = "zz_airvault_bad_deploy.py"


def _finding_for(live, name: str) -> dict | None:
    _, status = live.call("GET", "/airvault/api/status")
    return next((f for f in status["findings"] if name in f["what"]), None)


def _wait_for(live, present: bool, timeout: float = 120) -> dict | None:
    """The status once a finding about the broken file is there (or gone): Airflow's
    dag-processor notices a new or removed file within its refresh interval."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        finding = _finding_for(live, BROKEN)
        if (finding is not None) == present:
            return finding
        time.sleep(2)
    _, status = live.call("GET", "/airvault/api/status")
    raise AssertionError(f"{BROKEN}'s finding {'never came' if present else 'stayed'}: {status}")


@chromium
def test_a_dag_file_that_does_not_import_turns_the_verdict_red_naming_it(
    live_airflow, backed_up_live
):
    from playwright.sync_api import expect, sync_playwright

    broken = live_airflow.dags / BROKEN
    # Airflow parses only files that mention both "airflow" and "dag" (its safe mode)
    broken.write_text(
        "from airflow.sdk import dag  # airvault's DAGs, half deployed\n\nimport airvault\n\n"
        "raise RuntimeError('a bad deploy of airvault')\n"
    )
    try:
        finding = _wait_for(live_airflow, present=True)
        assert finding["severity"] == "red" and finding["where"] == "DAGs", finding
        assert "a bad deploy of airvault" in finding["what"], finding
        assert "DAG file" in finding["fix"], finding
        assert finding["since"], finding  # when Airflow found the file broken
        _, status = live_airflow.call("GET", "/airvault/api/status")
        assert status["safe"] is False

        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        errors: list[str] = []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=BROWSER_ARGS)
            try:
                context = browser.new_context(viewport={"width": 1024, "height": 900})
                context.add_cookies([{"name": "_token", "value": live_airflow.token("viewer"),
                                      "url": live_airflow.url}])  # fmt: skip
                page = context.new_page()
                page.on("console", lambda m: m.type == "error" and errors.append(m.text))
                page.on("pageerror", lambda e: errors.append(str(e)))
                page.goto(f"{live_airflow.url}/plugin/backups")
                verdict = page.get_by_test_id("airvault-verdict")
                expect(verdict).to_contain_text("Am I safe? Not yet", timeout=60_000)
                item = verdict.locator('[data-where="DAGs"]', has_text=BROKEN)
                expect(item).to_contain_text("at risk")
                expect(item).to_contain_text("a bad deploy of airvault")
                expect(item).to_contain_text("Fix: fix the DAG file")
                expect(item).to_contain_text("(since ")
                _shots(page, "verdict-import-error")
            finally:
                browser.close()
        assert errors == [], errors
    finally:
        broken.unlink(missing_ok=True)
    assert _wait_for(live_airflow, present=False) is None
