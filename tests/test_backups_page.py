"""The Backups page, served by the plugin inside a live Airflow api-server: who may do what
(401 / 403), the listing, and the page itself in a real headless Chromium (restore dry run)."""

from __future__ import annotations

import io
import shutil
import tarfile
import urllib.request
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[1] / ".airvault" / "test-artifacts"


@pytest.fixture(scope="module")
def backed_up(live_airflow, backed_up_live):
    """The manifest of a full backup of the live app database in the live storage."""
    from airvault.manifest import list_backups
    from airvault.storage import open_store

    return next(
        m for m in list_backups(open_store(live_airflow.storage))[0] if m["url"] == backed_up_live
    )


def test_every_endpoint_needs_a_user_and_viewers_cannot_restore(live_airflow, backed_up):
    body = {"url": backed_up["url"], "dry_run": True}
    for method, path in [("GET", "/airvault/"), ("GET", "/airvault/api/backups"),
                         ("POST", "/airvault/api/restore"), ("POST", "/airvault/api/backup")]:  # fmt: skip
        status, _ = live_airflow.call(method, path, body if method == "POST" else None, user=None)
        assert status == 401, (method, path, status)

    status, listing = live_airflow.call("GET", "/airvault/api/backups", user="viewer")
    assert status == 200
    (row,) = [r for r in listing["backups"] if r["id"] == backed_up["id"]]
    assert row["label"].startswith("Full backup, ") and row["kind"] == "full"
    assert row["rows"] == sum(t["rows"] for t in backed_up["tables"]) > 0
    for path, payload in [("/airvault/api/restore", body), ("/airvault/api/backup", {}),
                          ("/airvault/api/verify", {"url": backed_up["url"]})]:  # fmt: skip
        status, answer = live_airflow.call("POST", path, payload, user="viewer")
        assert status == 403, (path, status, answer)
        assert "viewer" in answer["detail"]

    # a path outside the storage root is refused before anything is triggered
    status, answer = live_airflow.call("POST", "/airvault/api/restore",
                                       {"url": "file:///etc", "dry_run": True})  # fmt: skip
    assert status == 400 and "not under the storage root" in answer["detail"]
    status, answer = live_airflow.call("POST", "/airvault/api/restore",
                                       {**body, "dry_run": False, "confirm": "yes"})  # fmt: skip
    assert status == 400 and "RESTORE" in answer["detail"]

    status, plugins = live_airflow.call("GET", "/api/v2/plugins")
    views = [v for p in plugins["plugins"] for v in p.get("external_views", [])]
    assert any(v["name"] == "Backups" and v["href"] == "/airvault/" for v in views)


def test_an_uploaded_tar_is_checked_and_stored(live_airflow, backed_up, tmp_path):
    from airvault.storage import open_store

    folder = Path(backed_up["url"].removeprefix("file://"))
    good = io.BytesIO()
    with tarfile.open(fileobj=good, mode="w") as tar:
        tar.add(folder, arcname=folder.name)
    evil = io.BytesIO()
    with tarfile.open(fileobj=evil, mode="w") as tar:
        info = tarfile.TarInfo("../../escape.txt")
        info.size = 3
        tar.addfile(info, io.BytesIO(b"bad"))
    results = {}
    for name, data in [("good.tar", good.getvalue()), ("evil.tar", evil.getvalue())]:
        results[name] = _upload(live_airflow, name, data)
    status, answer = results["evil.tar"]
    assert status == 400 and "escapes" in answer
    status, answer = results["good.tar"]
    assert status == 200, answer
    import json

    from airvault.verify import verify_backup

    stored = json.loads(answer)["url"]
    assert stored.startswith(open_store(live_airflow.storage).url + "/uploads/")
    assert verify_backup(open_store(stored)).ok


def _upload(live, name: str, data: bytes) -> tuple[int, str]:
    boundary = "airvaultboundary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
            "Content-Type: application/x-tar\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()  # fmt: skip
    request = urllib.request.Request(f"{live.url}/airvault/api/upload", body, method="POST", headers={
        "Authorization": f"Bearer {live.token('admin')}",
        "Content-Type": f"multipart/form-data; boundary={boundary}"})  # fmt: skip
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian's chromium is not installed")
def test_the_page_in_headless_chromium_lists_backups_and_plans_a_restore(live_airflow, backed_up):
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=shutil.which("chromium"),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 800})
            # the session cookie the Airflow UI sets at login
            context.add_cookies([{"name": "_token", "value": live_airflow.token("admin"),
                                  "url": live_airflow.url}])  # fmt: skip
            page = context.new_page()
            page.goto(f"{live_airflow.url}/airvault/")
            row = page.locator("#backups tbody tr", has_text=backed_up["label"])
            row.wait_for(timeout=30_000)
            assert "full" in row.inner_text()
            row.get_by_role("button", name="Restore…").click()
            plan = page.locator("#plan")
            plan.wait_for(timeout=240_000)  # the restore DAG's verify and plan tasks run
            text = plan.inner_text()
            assert "public.contacts" in text and "selected" in text
            assert page.get_by_role("button", name="Restore now").is_visible()
            page.screenshot(path=str(ARTIFACTS / "backups-page.png"), full_page=True)
        finally:
            browser.close()
    assert (ARTIFACTS / "backups-page.png").stat().st_size > 10_000
