"""The Backups page in headless Chromium (Debian's), signed in as a user of the live Airflow:
what the wizard, import and jobs tests open."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager

from tests.airflow.test_backups_page_status import BROWSER_ARGS


@contextmanager
def page_as(live, user: str, errors: list[str], **context_options) -> Iterator:
    """The page at /airvault/ with the session cookie the UI sets at login; every console
    error and uncaught exception is appended to `errors`."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=BROWSER_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1024, "height": 900},
                                          **context_options)  # fmt: skip
            context.add_cookies([{"name": "_token", "value": live.token(user), "url": live.url}])
            page = context.new_page()
            page.on("console", lambda m: m.type == "error" and errors.append(m.text))
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(f"{live.url}/airvault/")
            yield page
        finally:
            browser.close()


def unnamed_controls(page, within: str) -> list[str]:
    """The visible buttons, selects, inputs and links under `within` that have no accessible
    name a screen reader could say (no label, aria-label or text): should be none."""
    return page.evaluate(
        """(within) => [...document.querySelectorAll(`${within} :is(button, select, input, a)`)]
        .filter((e) => e.offsetParent !== null)
        .filter((e) => !((e.labels?.[0]?.innerText || e.getAttribute('aria-label')
                          || e.innerText || '').trim()))
        .map((e) => e.outerHTML.slice(0, 120))""",
        within,
    )
