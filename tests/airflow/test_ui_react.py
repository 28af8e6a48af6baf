"""The React app in Airflow's own UI (ui/, the plugin's react_apps), in Debian's Chromium
against the live api-server: Browse -> Backups, the widget on Airflow's home page and the
Backups tab of a backup DAG show what the page's API says (the verdict, a backup's label),
rendered by the bundle inside Airflow's page (no iframe, Airflow's React and theme: light and
dark), with no console error. Screenshots at 1024 and 1440 px, light and dark, in
.airvault/test-artifacts/ui-*.png."""

from __future__ import annotations

import re
import shutil
from urllib.parse import quote

from tests.airflow.test_backups_page import ARTIFACTS, chromium
from tests.airflow.test_backups_page_status import BROWSER_ARGS

WIDTHS = (1024, 1440)
SAFE = "!~*'()"  # what JavaScript's encodeURIComponent leaves as it is, beside quote's own


def _expected(live) -> tuple[str, dict, str]:
    """(the verdict's words, the newest full backup's row, a finding's `where` or '') as the
    page's API answers them now."""
    _, status = live.call("GET", "/airvault/api/status")
    _, listed = live.call("GET", "/airvault/api/backups")
    if status["safe"]:
        words = "Yes: every backup is fresh and verified"
    else:
        n = len(status["findings"])
        words = f"Not yet: {'one thing needs' if n == 1 else f'{n} things need'} attention"
    (full,) = [c for c in status["cards"] if (c["kind"], c["scope"]) == ("full", "all")]
    (newest,) = [b for b in listed["backups"] if b["url"] == full["newest"]]
    return words, newest, status["findings"][0]["where"] if status["findings"] else ""


def _shows_the_verdict(live, verdict, before: str, where: str) -> None:
    """The verdict in the app's words as the API says it before the page read it or after (a
    run an earlier test started may end meanwhile), naming where a finding is."""
    from playwright.sync_api import expect

    expect(verdict).to_contain_text(re.compile(r"Am I safe\? (Yes|Not yet): "), timeout=60_000)
    shown = verdict.inner_text()
    if before in shown:
        assert where in shown  # "" when safe
    else:
        assert _expected(live)[0] in shown, shown


def _text_lightness(page, selector: str) -> float:
    """0 (black) to 255 (white): the mean of the element's text colour's channels (drawn on a
    canvas: Chakra's tokens may be oklch())."""
    return page.eval_on_selector(
        selector,
        """(e) => { const c = document.createElement("canvas").getContext("2d");
        c.fillStyle = getComputedStyle(e).color; c.fillRect(0, 0, 1, 1);
        const [r, g, b] = c.getImageData(0, 0, 1, 1).data; return (r + g + b) / 3; }""",
    )


def _go(page, path: str) -> None:
    """Airflow's UI to `path` the way its own links go (its router, no reload)."""
    page.evaluate(
        "(path) => { history.pushState({}, '', path); dispatchEvent(new PopStateEvent('popstate')); }",
        path,
    )


def _theme(page, theme: str) -> None:
    """The system's colour scheme, which Airflow's UI follows (its <html> class says it)."""
    from playwright.sync_api import expect

    page.emulate_media(color_scheme=theme)
    expect(page.locator("html")).to_have_class(re.compile(rf"\b{theme}\b"))


def _shots(page, name: str) -> None:
    """The page at each width, in the theme it shows now, nothing of the app off its right edge."""
    theme = (
        "dark" if page.evaluate("document.documentElement.classList.contains('dark')") else "light"
    )
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(ARTIFACTS / f"ui-{name}-{width}-{theme}.png"), full_page=True)
        overflow = page.evaluate(
            """() => [...document.querySelectorAll('[data-testid^=airvault-] *')]
            .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1
                    && !e.closest('[data-testid=airvault-history]')).length"""
        )
        assert overflow == 0, (name, width, theme)


@chromium
def test_the_react_app_in_airflows_ui_light_and_dark(live_airflow, backed_up_live):
    from playwright.sync_api import expect, sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    live_airflow.wait_for_dag("full_backup_daily")
    words, newest, where = _expected(live_airflow)
    label = newest["label"]
    _, listed = live_airflow.call("GET", "/airvault/api/schedules")
    (schedule,) = [d["schedule"] for d in listed["schedules"] if d["dag_id"] == "full_backup_daily"]
    # a restore opens the full page's wizard on that backup (encodeURIComponent's escapes)
    restore_link = f"{live_airflow.url}/airvault/#restore={quote(newest['url'], safe=SAFE)}"
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=BROWSER_ARGS)
        try:
            context = browser.new_context(viewport={"width": WIDTHS[0], "height": 900},
                                          color_scheme="light")  # fmt: skip
            context.add_cookies([{"name": "_token", "value": live_airflow.token("admin"),
                                  "url": live_airflow.url}])  # fmt: skip
            # Airflow's theme follows the system's (next-themes' "system", under its key)
            context.add_init_script("localStorage.setItem('theme', 'system')")
            page = context.new_page()
            page.on("console", lambda m: m.type == "error" and errors.append(m.text))
            page.on("pageerror", lambda e: errors.append(str(e)))

            # Browse -> Backups: the React page inside Airflow's UI, not a frame
            page.goto(f"{live_airflow.url}/plugin/backups")
            _shows_the_verdict(live_airflow, page.get_by_test_id("airvault-verdict"), words, where)
            page.get_by_test_id("airvault-tab-backups").click()  # the history has its own tab
            history = page.get_by_test_id("airvault-backup-list")  # the tab's own list
            expect(history).to_contain_text(label, timeout=30_000)
            expect(history.get_by_role("button", name=f"Restore {label}")).to_have_text("Restore…")
            assert page.locator("iframe").count() == 0
            expect(page.get_by_role("button", name="Browse")).to_be_visible()  # Airflow's own nav
            heading = "[data-testid=airvault-backups-page] h2"
            expect(page.locator(heading).first).to_have_text("Backups")
            for theme in ("light", "dark"):  # Airflow's theme, so the app's: switched live
                _theme(page, theme)
                lightness = _text_lightness(page, heading)
                assert lightness > 160 if theme == "dark" else lightness < 100, (theme, lightness)
                _shots(page, "backups")

            # the widget on Airflow's home page: the verdict and the newest good backup
            _go(page, "/")
            widget = page.get_by_test_id("airvault-dashboard")
            _shows_the_verdict(
                live_airflow, widget.get_by_test_id("airvault-verdict"), words, where
            )
            expect(widget).to_contain_text("full · all")
            newest_now = _expected(live_airflow)[1]["label"]  # an earlier test's run may end
            assert label in widget.inner_text() or newest_now in widget.inner_text()
            for theme in ("dark", "light"):
                _theme(page, theme)
                _shots(page, "dashboard")

            # the Backups tab of a backup DAG: its schedule and the backups of its scope
            _go(page, "/dags/full_backup_daily/plugin/airvault-backups")
            tab = page.get_by_test_id("airvault-dag-tab")
            expect(tab).to_contain_text("Backups of full · all", timeout=60_000)
            expect(tab).to_contain_text(schedule, timeout=30_000)  # its schedule in words
            expect(tab.get_by_test_id("airvault-history")).to_contain_text(label)
            page.set_viewport_size({"width": WIDTHS[0], "height": 900})
            page.screenshot(path=str(ARTIFACTS / f"ui-dag-tab-{WIDTHS[0]}-light.png"))

            # Restore… opens the full page's wizard on that very backup
            tab.locator(f'a[href="{restore_link}"]').click()
            expect(page.locator("#wz-title")).to_have_text(f"Restore {label}", timeout=30_000)
        finally:
            browser.close()
    assert errors == []
    for name in ("backups-1024-light", "backups-1440-dark", "dashboard-1024-dark"):
        assert (ARTIFACTS / f"ui-{name}.png").stat().st_size > 10_000, name
