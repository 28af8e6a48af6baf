"""The Backups page, served by the plugin inside a live Airflow api-server: who may do what
(401 / 403), the listing, paths that are not one backup folder (400, nothing triggered),
cross-site requests (403, nothing triggered, also from a real same-site page in Chromium),
and the page itself in a real headless Chromium (restore dry run).

Download links, upload caps and an expiring session are in test_backups_page_s3.py."""

from __future__ import annotations

import io
import json
import shutil
import tarfile
import threading
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[2] / ".airvault" / "test-artifacts"
PAGE_HEADER = {"X-Requested-With": "airvault-page"}
chromium = pytest.mark.skipif(
    shutil.which("chromium") is None, reason="Debian's chromium is not installed"
)


@pytest.fixture(scope="module")
def backed_up(live_airflow, backed_up_live):
    """The manifest of a full backup of the live app database in the live storage."""
    from airvault.storage.manifest import list_backups
    from airvault.storage.store import open_store

    return next(
        m for m in list_backups(open_store(live_airflow.storage))[0] if m.url == backed_up_live
    )


def runs_of(live, dag_id: str) -> int:
    """How many runs `dag_id` has (0 before its first), as Airflow's REST API says."""
    status, runs = live.call("GET", f"/api/v2/dags/{dag_id}/dagRuns?limit=1")
    return runs["total_entries"] if status == 200 else 0


def raw(live, method: str, path: str, body: bytes | None, headers: dict) -> tuple[int, str]:
    """(status, body text) of one request with exactly these headers."""
    request = urllib.request.Request(live.url + path, body, headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def tar_of(folder: Path) -> bytes:
    data = io.BytesIO()
    with tarfile.open(fileobj=data, mode="w") as tar:
        tar.add(folder, arcname=folder.name)
    return data.getvalue()


def uploads_in(storage: Path) -> list[str]:
    return sorted(p.name for p in (storage / "uploads").glob("*"))


def test_every_endpoint_needs_a_user_and_viewers_cannot_restore(live_airflow, backed_up):
    body = {"url": backed_up.url, "dry_run": True}
    for method, path in [("GET", "/airvault/"), ("GET", "/airvault/api/backups"),
                         ("POST", "/airvault/api/restore"), ("POST", "/airvault/api/backup"),
                         ("POST", "/airvault/api/link")]:  # fmt: skip
        status, _ = live_airflow.call(method, path, body if method == "POST" else None, user=None)
        assert status == 401, (method, path, status)

    status, listing = live_airflow.call("GET", "/airvault/api/backups", user="viewer")
    assert status == 200
    (row,) = [r for r in listing["backups"] if r["id"] == backed_up.id]
    assert row["label"].startswith("Full backup, ") and row["kind"] == "full"
    assert row["rows"] == sum(t.rows for t in backed_up.tables) > 0
    assert listing["restore_targets"] == ["airvault_app_db"]
    for path, payload in [("/airvault/api/restore", body), ("/airvault/api/backup", {}),
                          ("/airvault/api/verify", {"url": backed_up.url}),
                          ("/airvault/api/link", {"url": backed_up.url})]:  # fmt: skip
        status, answer = live_airflow.call("POST", path, payload, user="viewer")
        assert status == 403, (path, status, answer)
        assert "viewer" in answer["detail"]
    status, answer = live_airflow.call("POST", "/airvault/api/link", {"url": backed_up.url},
                                       user="viewer")  # fmt: skip
    assert answer["detail"] == (
        "user 'viewer' may not download backups: that needs the right to trigger runs of restore"
    )

    # a path outside the storage root is refused before anything is triggered
    status, answer = live_airflow.call("POST", "/airvault/api/restore",
                                       {"url": "file:///etc", "dry_run": True})  # fmt: skip
    assert status == 400 and "not under the storage root" in answer["detail"]
    status, answer = live_airflow.call("POST", "/airvault/api/restore",
                                       {**body, "dry_run": False, "confirm": "yes"})  # fmt: skip
    assert status == 400 and "RESTORE" in answer["detail"]

    status, plugins = live_airflow.call("GET", "/api/v2/plugins")
    # Browse -> Backups is the React app in Airflow's UI (the full page stays at /airvault/)
    apps = [a for p in plugins["plugins"] for a in p.get("react_apps", [])]
    assert any(a["name"] == "Backups" and a["destination"] == "nav"
               and a["bundle_url"] == "/airvault/ui/airvault.js" for a in apps)  # fmt: skip


def test_restore_and_verify_take_one_backup_folder_under_the_root(live_airflow, backed_up):
    """`..`, the root, a parent of several backups, an empty or absolute path, another
    connection or a target the config does not name: 400 saying why, and no run."""
    live_airflow.wait_for_dag("restore")
    live_airflow.wait_for_dag("verify_backup")
    root = "file://" + str(live_airflow.storage.resolve())
    folder = backed_up.url.removeprefix(root + "/")
    cases = [
        ("", "the path is empty"),
        ("   ", "the path is empty"),
        (root, "is the storage root itself"),
        (root + "/", "is the storage root itself"),
        (root + "/./", "is the storage root itself"),
        (f"{root}/backups/../../../etc", "'..' is not allowed"),
        (f"{root}/{folder}/../../../../../etc", "'..' is not allowed"),
        ("../etc", "'..' is not allowed"),
        ("/etc/passwd", "is an absolute path"),
        (str(live_airflow.storage.resolve() / folder), "is an absolute path"),
        (f"{root}/backups", "is not a backup or upload folder"),
        (f"{root}/backups/full/all", "is not a backup or upload folder"),
        (f"{root}/{folder}/data", "is not a backup or upload folder"),
        (f"s3://airvault_app_db@bucket/{folder}", "is not under the storage root"),
        ("postgresql://postgres:hunter2@127.0.0.1/app", "with a password is refused"),
        ("file:///etc", "is not under the storage root"),
    ]
    before = runs_of(live_airflow, "restore"), runs_of(live_airflow, "verify_backup")
    for url, why in cases:
        status, answer = live_airflow.call("POST", "/airvault/api/restore",
                                           {"url": url, "dry_run": True})  # fmt: skip
        assert status == 400 and why in answer["detail"], (url, status, answer)
        assert "hunter2" not in answer["detail"]
        status, answer = live_airflow.call("POST", "/airvault/api/verify", {"url": url})
        assert status == 400, (url, status, answer)
    status, answer = live_airflow.call("POST", "/airvault/api/restore", {
        "url": backed_up.url, "dry_run": True, "target_conn_id": "some_other_db"})  # fmt: skip
    assert status == 400 and "not a restore target of the config" in answer["detail"]
    assert (runs_of(live_airflow, "restore"), runs_of(live_airflow, "verify_backup")) == before


def test_cross_site_requests_are_refused_and_trigger_nothing(live_airflow, backed_up):
    """The session cookie is sent on a same-site request (a sibling subdomain, another port of
    the same host) whatever SameSite says: a state-changing request authenticated by it must
    come from this Airflow (Origin / Referer) and carry the page's header."""
    live_airflow.wait_for_dag("restore")
    cookie = {"Cookie": f"_token={live_airflow.token('admin')}"}
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    json_type = {"Content-Type": "application/json"}
    restore = json.dumps({"url": backed_up.url, "dry_run": True}).encode()
    before = runs_of(live_airflow, "restore"), runs_of(live_airflow, "full_backup_daily")
    stored = uploads_in(live_airflow.storage)
    attempts = [
        # a cross-site form post: no page header, a foreign Origin
        ("/airvault/api/backup", b"", {**cookie, **form, "Origin": "https://evil.example"}),
        ("/airvault/api/restore", restore, {**cookie, **json_type, "Origin": "https://evil.example"}),
        # even with the header (a page that got around CORS), the Origin must be this Airflow
        ("/airvault/api/restore", restore, {**cookie, **json_type, **PAGE_HEADER,
                                            "Origin": "http://127.0.0.1:1"}),
        # a Referer from another site, when there is no Origin
        ("/airvault/api/backup", b"", {**cookie, **form, **PAGE_HEADER,
                                       "Referer": "https://evil.example/page.html"}),
        ("/airvault/api/upload?filename=x.tar", b"x" * 1024,
         {**cookie, "Content-Type": "text/plain", "Origin": "null"}),
        # no Origin at all (some clients send none): the page header is still required
        ("/airvault/api/restore", restore, {**cookie, **json_type}),
        ("/airvault/api/upload?filename=x.tar", b"x" * 1024, {**cookie, "Content-Type": "text/plain"}),
        # a bearer token cannot be sent cross-site, but a foreign Origin is refused all the same
        ("/airvault/api/restore", restore, {"Authorization": f"Bearer {live_airflow.token()}",
                                            **json_type, "Origin": "https://evil.example"}),
    ]  # fmt: skip
    for path, body, headers in attempts:
        status, text = raw(live_airflow, "POST", path, body, headers)
        assert status == 403, (path, headers, status, text)
        detail = json.loads(text)["detail"]
        assert "cross-site request refused" in detail or "X-Requested-With" in detail, detail
    status, text = raw(live_airflow, "POST", "/airvault/api/backup", b"",
                       {**cookie, **form, "Origin": "https://evil.example"})  # fmt: skip
    assert json.loads(text)["detail"] == (
        "cross-site request refused: it comes from https://evil.example, not this Airflow"
    )
    assert (runs_of(live_airflow, "restore"), runs_of(live_airflow, "full_backup_daily")) == before
    assert uploads_in(live_airflow.storage) == stored
    # the page's own requests pass: same origin, the header, the cookie (a 400 for the path
    # shows the guard let it through without triggering anything)
    status, text = raw(live_airflow, "POST", "/airvault/api/restore",
                       json.dumps({"url": "", "dry_run": True}).encode(),
                       {**cookie, **json_type, **PAGE_HEADER, "Origin": live_airflow.url,
                        "Referer": f"{live_airflow.url}/airvault/"})  # fmt: skip
    assert status == 400 and "the path is empty" in json.loads(text)["detail"]
    status, text = raw(live_airflow, "GET", "/airvault/api/backups", None, cookie)
    assert status == 200  # reading needs no header


class _Site(BaseHTTPRequestHandler):
    html = b""

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(self.html)

    def log_message(self, *args):
        pass


@chromium
def test_a_same_site_page_in_chromium_cannot_post_with_the_session_cookie(live_airflow, backed_up):
    """A page on another port of the same host is "same site": Chromium sends it the Lax
    session cookie. Its form post and its no-cors multipart upload get 403: no backup run,
    nothing stored."""
    import base64

    from playwright.sync_api import sync_playwright

    live_airflow.wait_for_dag("full_backup_daily")
    tar = base64.b64encode(tar_of(Path(backed_up.url.removeprefix("file://")))).decode()
    target = live_airflow.url + "/airvault/api"
    _Site.html = f"""<!doctype html><body>
<iframe name="sink"></iframe>
<form id="f" method="POST" action="{target}/backup" target="sink"><input name="a" value="1"></form>
<script>
const bytes = Uint8Array.from(atob("{tar}"), (c) => c.charCodeAt(0));
const form = new FormData(); form.append("file", new Blob([bytes]), "good.tar");
const sent = [
  fetch("{target}/upload", {{method: "POST", mode: "no-cors", credentials: "include", body: form}}),
  fetch("{target}/upload?filename=good.tar", {{method: "POST", mode: "no-cors",
    credentials: "include", headers: {{"Content-Type": "text/plain"}}, body: new Blob([bytes])}}),
];
Promise.allSettled(sent).then(() => {{ document.getElementById("f").submit(); }});
</script></body>""".encode()
    site = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    threading.Thread(target=site.serve_forever, daemon=True).start()
    before = runs_of(live_airflow, "full_backup_daily")
    stored = uploads_in(live_airflow.storage)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"),
                                        args=["--headless", "--no-sandbox", "--disable-gpu"])  # fmt: skip
            try:
                context = browser.new_context()
                context.add_cookies([{"name": "_token", "value": live_airflow.token("admin"),
                                      "url": live_airflow.url, "sameSite": "Lax",
                                      "httpOnly": True}])  # fmt: skip
                statuses = []
                context.on("response", lambda r: "/airvault/" in r.url
                           and statuses.append((r.request.method, r.url, r.status)))  # fmt: skip
                page = context.new_page()
                with page.expect_response(lambda r: r.url.endswith("/airvault/api/backup")) as got:
                    page.goto(f"http://127.0.0.1:{site.server_port}/")
                answer = got.value
                assert answer.status == 403
                assert "cross-site request refused" in answer.json()["detail"]
                page.wait_for_timeout(1000)
                # the cookie WAS sent (same site): the refusal is ours, not a missing login
                assert answer.request.all_headers().get("cookie", "").startswith("_token=")
            finally:
                browser.close()
    finally:
        site.shutdown()
    assert len(statuses) == 3 and all(s == 403 for _, _, s in statuses), statuses
    assert runs_of(live_airflow, "full_backup_daily") == before
    assert uploads_in(live_airflow.storage) == stored


def test_an_uploaded_tar_is_checked_and_stored(live_airflow, backed_up, tmp_path):
    from airvault.storage.store import open_store
    from airvault.verify import verify_backup

    folder = Path(backed_up.url.removeprefix("file://"))
    evil = io.BytesIO()
    with tarfile.open(fileobj=evil, mode="w") as tar:
        info = tarfile.TarInfo("../../escape.txt")
        info.size = 3
        tar.addfile(info, io.BytesIO(b"bad"))
    results = {}
    for name, data in [("good.tar", tar_of(folder)), ("evil.tar", evil.getvalue())]:
        results[name] = upload(live_airflow, name, data)
    status, answer = results["evil.tar"]
    assert status == 400 and "escapes" in answer and "evil.tar" in answer
    status, answer = results["good.tar"]
    assert status == 200, answer
    stored = json.loads(answer)["url"]
    assert stored.startswith(open_store(live_airflow.storage).url + "/uploads/")
    assert verify_backup(open_store(stored)).ok
    # refused before the body is read: a small one, so the 403 is read before the server
    # closes the connection (a large body would break the pipe first)
    kept = uploads_in(live_airflow.storage)
    status, answer = upload(live_airflow, "good.tar", evil.getvalue(), user="viewer")
    assert status == 403 and "viewer" in answer
    assert uploads_in(live_airflow.storage) == kept


def upload(live, name: str, data: bytes, user: str = "admin") -> tuple[int, str]:
    """POST a .tar as the body, as the page does (with a bearer token: no page header)."""
    headers = {"Authorization": f"Bearer {live.token(user)}", "Content-Type": "application/x-tar"}
    return raw(live, "POST", f"/airvault/api/upload?filename={name}", data, headers)


@chromium
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
            sent = []
            context.on("request", lambda r: r.method == "POST" and sent.append(r))
            page = context.new_page()
            page.goto(f"{live_airflow.url}/airvault/")
            # by URL: other backups of the same minute share its label
            row = page.locator(f'#backups tbody tr[data-url="{backed_up.url}"]')
            row.wait_for(timeout=30_000)
            assert "full" in row.inner_text() and backed_up.label in row.inner_text()
            row.get_by_role("button", name="Restore…").click()
            page.get_by_role("button", name="Plan (dry run)").click()  # the whole backup, replace
            plan = page.locator("#plan")
            plan.wait_for(timeout=240_000)  # the restore DAG's verify and plan tasks run
            text = plan.inner_text()
            assert "public.contacts" in text and "selected" in text
            assert "airvault_app_db" in page.locator("#panel").inner_text()
            assert page.get_by_role("button", name="Restore now").is_visible()
            page.screenshot(path=str(ARTIFACTS / "backups-page.png"), full_page=True)
            (restore,) = [r for r in sent if r.url.endswith("/api/restore")]
            assert restore.headers["x-requested-with"] == "airvault-page"
            assert restore.post_data_json["target_conn_id"] == "airvault_app_db"
        finally:
            browser.close()
    assert (ARTIFACTS / "backups-page.png").stat().st_size > 10_000
