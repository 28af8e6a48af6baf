"""The Backups page over S3 storage (moto's server), in a live Airflow api-server of its own:
download links are signed for ONE backup or archive folder and only for users who may
restore; uploads are capped in size and count and pruned by age; and the page in headless
Chromium keeps working when its session token expires and Airflow hands it a new one."""

from __future__ import annotations

import http.client
import io
import json
import os
import secrets
import shutil
import subprocess
import sys
import tarfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml

from tests.airflow_env import write_config
from tests.live_airflow import LiveAirflow

MAX_MB = 2  # uploads.max_mb of this api-server: a demo backup's .tar is about 1 MiB
MAX_STORED = 2
OLD_UPLOAD = "uploads/20200101T000000Z-0badc0de"  # older than keep_days: pruned on upload
SECOND = "2020-01-01T000000Z-0badc0de"  # a second backup folder beside the real one's copy
LEEWAY_S = 1  # [api_auth] jwt_leeway of this api-server (10 s by default)


class LiveAPIServer(LiveAirflow):
    """Only Airflow's api-server (core API, auth, the plugin): all that links, uploads and
    the page need. Its own metadata DB and JWT secret, so a test can mint a token that
    expires in seconds with Airflow's own signer."""

    command = ("api-server", "--apps", "core", "--workers", "1")
    pool = None

    def mint(self, user: str, seconds: int) -> str:
        """A token for `user` (role = name) valid for `seconds`, signed as the server signs."""
        code = (
            "import sys\n"
            "from airflow.api_fastapi.app import create_auth_manager\n"
            "from airflow.api_fastapi.auth.managers.simple.user import SimpleAuthManagerUser\n"
            "user = SimpleAuthManagerUser(username=sys.argv[1], role=sys.argv[1])\n"
            "print(create_auth_manager().generate_jwt(user, "
            "expiration_time_in_seconds=int(sys.argv[2])))\n"
        )
        out = subprocess.run([sys.executable, "-c", code, user, str(seconds)], env=self.env,
                             check=True, capture_output=True, text=True)  # fmt: skip
        return out.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def s3_page(pg, demo_dsn, demo_backup, s3_endpoint, tmp_path_factory):
    import boto3

    home = tmp_path_factory.mktemp("page_s3")
    prefix = f"page-{os.getpid()}-{secrets.token_hex(3)}"
    config = write_config(home / "airvault.yaml", f"s3://airvault-test/{prefix}", "airvault_s3")
    data = yaml.safe_load(config.read_text())
    data["uploads"] = {"max_mb": MAX_MB, "max_stored": MAX_STORED, "keep_days": 1}
    config.write_text(yaml.safe_dump(data))
    server = LiveAPIServer(home / "airflow", pg.create_database(f"page_s3_meta_{os.getpid()}"),
                           demo_dsn, config)  # fmt: skip
    server.env["AIRFLOW_CONN_AIRVAULT_S3"] = json.dumps({
        "conn_type": "aws", "login": "testing", "password": "testing",
        "extra": {"endpoint_url": s3_endpoint, "region_name": "us-east-1"}})  # fmt: skip
    server.env["AIRFLOW__API_AUTH__JWT_SECRET"] = secrets.token_urlsafe(32)
    server.env["AIRFLOW__API_AUTH__JWT_LEEWAY"] = str(LEEWAY_S)  # expiry is checked this late
    for key in ("AIRVAULT_SIGNING_KEY",):  # this installation's keys, when the tests set one
        if key in os.environ:
            server.env[key] = os.environ[key]
    s3 = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")
    folder = Path(demo_backup.url.removeprefix("file://"))
    server.backups = {}
    for name in (folder.name, SECOND):
        rel = f"backups/full/all/{name}"
        server.backups[name] = rel
        for f in sorted(p for p in folder.rglob("*") if p.is_file()):
            s3.upload_file(str(f), "airvault-test", f"{prefix}/{rel}/{f.relative_to(folder)}")
    s3.put_object(Bucket="airvault-test", Key=f"{prefix}/{OLD_UPLOAD}/manifest.json", Body=b"{}")
    server.s3, server.prefix, server.folder = s3, prefix, folder
    server.root = f"s3://airvault_s3@airvault-test/{prefix}"
    server.start()
    yield server
    server.stop()


def keys(live, under: str = "") -> list[str]:
    """The object keys under the page's storage prefix (relative to it)."""
    found, token = [], None
    while True:
        more = {"ContinuationToken": token} if token else {}
        page = live.s3.list_objects_v2(Bucket="airvault-test", Prefix=f"{live.prefix}/{under}",
                                       **more)  # fmt: skip
        found += [o["Key"].removeprefix(live.prefix + "/") for o in page.get("Contents", [])]
        if not page.get("IsTruncated"):
            return sorted(found)
        token = page["NextContinuationToken"]


def uploads(live) -> list[str]:
    return sorted({k.split("/")[1] for k in keys(live, "uploads/")})


def test_download_links_need_the_right_to_restore(s3_page):
    url = f"{s3_page.root}/{s3_page.backups[s3_page.folder.name]}"
    status, _ = s3_page.call("POST", "/airvault/api/link", {"url": url}, user=None)
    assert status == 401
    status, answer = s3_page.call("POST", "/airvault/api/link", {"url": url}, user="viewer")
    assert status == 403 and "links" not in answer
    assert answer["detail"] == (
        "user 'viewer' may not download backups: that needs the right to trigger runs of restore"
    )
    status, listing = s3_page.call("GET", "/airvault/api/backups", user="viewer")
    assert status == 200 and {r["url"] for r in listing["backups"]} >= {url}  # may list
    for user in ("op", "admin"):
        status, answer = s3_page.call("POST", "/airvault/api/link", {"url": url}, user=user)
        assert status == 200 and answer["links"], (user, answer)


def test_a_download_link_is_for_one_backup_folder_never_the_root(s3_page):
    """Today's bug: `/api/link` with the root (or a parent) signed every file under it."""
    name = s3_page.folder.name
    rel = s3_page.backups[name]
    root = s3_page.root
    refused = [
        # the old code signed every file of every backup for this (and crashed on the root)
        (f"{root}/backups", "is not a backup or archive folder"),
        (root + "/", "is the storage root itself"),
        (root, "is the storage root itself"),
        (root.replace("airvault_s3@", ""), "is the storage root itself"),
        ("", "the path is empty"),
        (".", "is the storage root itself"),
        ("..", "'..' is not allowed"),
        (f"{root}/backups/full/all/{name}/../{SECOND}", "'..' is not allowed"),
        (f"{root}/backups/full/../../../", "'..' is not allowed"),
        ("/etc/passwd", "is an absolute path"),
        (f"/{rel}", "is an absolute path"),
        (f"{root}/backups/full/all", "is not a backup or archive folder"),
        (f"{root}/{rel}/data", "is not a backup or archive folder"),
        (f"{root}/uploads/x", "is not a backup or archive folder"),
        (f"s3://airvault_app_db@airvault-test/{s3_page.prefix}/{rel}", "names the Airflow connection 'airvault_app_db'"),
        (f"s3://airvault-test/elsewhere/{rel}", "is not under the storage root"),
        ("s3://testing:testing@airvault-test/x", "with a password is refused"),
        (f"file:///{rel}", "is not under the storage root"),
        (f"{root}/backups/full/all/2000-01-01T000000Z-00000000", "has no manifest.json"),
    ]  # fmt: skip
    for url, why in refused:
        status, answer = s3_page.call("POST", "/airvault/api/link", {"url": url})
        signed = sorted(answer.get("links", {}))
        assert status == 400 and why in answer["detail"], (url, status, len(signed), signed[:3])
        assert "testing:testing" not in answer["detail"]

    for url in (
        f"{root}/{rel}",
        f"{root}/{rel}/",
        rel,
        f"./{rel}",
        f"{root}//backups/full/all/{name}",
    ):
        status, answer = s3_page.call("POST", "/airvault/api/link", {"url": url})
        assert status == 200, (url, answer)
        files = list(answer["links"])
        assert files == sorted(files[:-1]) + [f"{rel}/manifest.json"]  # the manifest last
        assert set(files) == set(keys(s3_page, rel + "/"))  # every file of THIS folder only
        assert not any(SECOND in f or "uploads/" in f for f in files)
    assert answer["expires_s"] == 15 * 60
    for f in (f"{rel}/manifest.json", files[0]):  # the links work
        with urllib.request.urlopen(answer["links"][f], timeout=30) as response:
            body = response.read()
        assert body == (s3_page.folder / f.removeprefix(rel + "/")).read_bytes()


def tar_of(folder: Path) -> bytes:
    data = io.BytesIO()
    with tarfile.open(fileobj=data, mode="w") as tar:
        tar.add(folder, arcname=folder.name)
    return data.getvalue()


def post_upload(live, name: str, body: bytes | None, declared: int | None = None,
                user: str = "admin", content_type: str = "application/x-tar") -> tuple[int, dict]:  # fmt: skip
    """POST /airvault/api/upload with `body`; with `declared`, send that Content-Length and
    no body at all (the server must answer without reading it); body None: chunked."""
    conn = http.client.HTTPConnection("127.0.0.1", live.port, timeout=120)
    try:
        conn.putrequest("POST", f"/airvault/api/upload?filename={name}")
        conn.putheader("Authorization", f"Bearer {live.token(user)}")
        conn.putheader("Content-Type", content_type)
        if declared is not None:
            conn.putheader("Content-Length", str(declared))
            conn.endheaders()
        elif body is None:
            conn.putheader("Transfer-Encoding", "chunked")
            conn.endheaders()
            try:  # just over the cap, in 64 KiB chunks, with no Content-Length to go by
                for _ in range(MAX_MB * 16 + 1):
                    conn.send(b"10000\r\n" + b"\0" * 65536 + b"\r\n")
                conn.send(b"0\r\n\r\n")
            except (BrokenPipeError, ConnectionResetError):
                pass  # the server stopped reading at the cap and answered
        else:
            conn.putheader("Content-Length", str(len(body)))
            conn.endheaders(body)
        response = conn.getresponse()
        return response.status, json.loads(response.read() or b"{}")
    finally:
        conn.close()


def test_uploads_are_capped_in_size_and_count_and_old_ones_are_pruned(s3_page):
    from airvault.storage.store import open_store
    from airvault.verify import verify_backup

    good = tar_of(s3_page.folder)
    assert len(good) < MAX_MB << 20
    assert uploads(s3_page) == [OLD_UPLOAD.split("/")[1]]
    # refused before anything is read: a viewer, a declared size over the cap, a form post
    status, answer = post_upload(s3_page, "big.tar", None, declared=1 << 30, user="viewer")
    assert status == 403 and "viewer" in answer["detail"]
    status, answer = post_upload(s3_page, "big.tar", None, declared=(MAX_MB << 20) + 1)
    assert status == 413
    assert answer["detail"] == f"big.tar: more than uploads.max_mb ({MAX_MB} MiB), refused"
    status, answer = post_upload(s3_page, "f.tar", b"x", content_type="multipart/form-data; b=x")
    assert status == 415 and "application/x-tar" in answer["detail"]
    # streamed without a length: cut off at the cap
    status, answer = post_upload(s3_page, "chunked.tar", None)
    assert status == 413 and "uploads.max_mb" in answer["detail"]
    assert uploads(s3_page) == [OLD_UPLOAD.split("/")[1]]  # nothing stored, nothing pruned

    # the first good upload prunes the one older than keep_days
    status, first = post_upload(s3_page, "good.tar", good)
    assert status == 200, first
    assert first["pruned"] == [OLD_UPLOAD]
    assert first["url"].startswith(f"{s3_page.root}/uploads/")
    assert OLD_UPLOAD.split("/")[1] not in uploads(s3_page)
    status, second = post_upload(s3_page, "good.tar.gz", _gzip(good))
    assert status == 200, second
    assert len(uploads(s3_page)) == MAX_STORED
    status, answer = post_upload(s3_page, "third.tar", good)
    assert status == 409
    assert (
        f"{MAX_STORED} uploads are stored already (uploads.max_stored is {MAX_STORED})"
        in (answer["detail"])
    )
    assert len(uploads(s3_page)) == MAX_STORED
    rel = first["url"].removeprefix(s3_page.root + "/")
    assert set(keys(s3_page, rel + "/")) == {
        f"{rel}/{p.relative_to(s3_page.folder)}" for p in s3_page.folder.rglob("*") if p.is_file()
    }
    os.environ["AWS_ENDPOINT_URL"] = s3_page.s3.meta.endpoint_url
    try:
        assert verify_backup(open_store(f"s3://airvault-test/{s3_page.prefix}/{rel}")).ok
    finally:
        del os.environ["AWS_ENDPOINT_URL"]


def _gzip(data: bytes) -> bytes:
    import gzip

    return gzip.compress(data)


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian's chromium is not installed")
def test_the_page_survives_an_expired_token_and_uses_the_new_one(s3_page):
    """The page reads the session cookie on every request: when the token expires, an action
    is refused (401), retried once, then the page says the session expired and links to
    Airflow's login; with the new token Airflow hands out (log-in, refresh), the same page,
    not reloaded, works again."""
    from playwright.sync_api import sync_playwright

    life = 6
    short = s3_page.mint("admin", life)
    started = time.monotonic()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"),
                                    args=["--headless", "--no-sandbox", "--disable-gpu"])  # fmt: skip
        try:
            context = browser.new_context()
            context.add_cookies([{"name": "_token", "value": short, "url": s3_page.url}])
            calls = []
            context.on("response", lambda r: "/airvault/api/link" in r.url
                       and calls.append(r.status))  # fmt: skip
            page = context.new_page()
            page.goto(f"{s3_page.url}/airvault/")
            row = page.locator("#backups tbody tr").first
            row.wait_for(timeout=30_000)
            time.sleep(max(0.0, started + life + LEEWAY_S + 1 - time.monotonic()))  # expired
            row.get_by_role("button", name="Download").click()
            session = page.locator("#session")
            session.wait_for(state="visible", timeout=15_000)
            assert "Your Airflow session has expired" in session.inner_text()
            assert calls == [401, 401]  # refused, retried once, refused
            href = page.locator("#sign-in").get_attribute("href")
            assert href.startswith("/api/v2/auth/login?next=")
            with urllib.request.urlopen(s3_page.url + href, timeout=30) as r:
                assert r.status == 200  # Airflow's login page, which comes back to the page
            assert "Links" not in page.locator("#message").inner_text()

            # Airflow hands out a new token (a new login, or its refresh): same page, no reload
            context.add_cookies([{"name": "_token", "value": s3_page.token("admin"),
                                  "url": s3_page.url}])  # fmt: skip
            row.get_by_role("button", name="Download").click()
            page.locator("#message a").first.wait_for(timeout=15_000)
            assert page.locator("#message").inner_text().startswith("Links (expire in 15 min)")
            assert calls[-1] == 200
            link = page.locator("#message a", has_text="manifest.json").get_attribute("href")
            with urllib.request.urlopen(link, timeout=30) as r:
                assert r.read() == (s3_page.folder / "manifest.json").read_bytes()
        finally:
            browser.close()


def test_a_backup_on_s3_downloads_as_the_same_checked_tar_as_on_local_storage(s3_page, tmp_path):
    """Download on S3 as on local storage (issue 30.6): one .tar streamed through the
    api-server, byte for byte the tar of the same backup in a local folder, its files the
    manifest's; a viewer gets 403."""
    from urllib.parse import quote

    from airvault.storage.download import backup_tar
    from airvault.storage.store import open_store
    from tests.storage.test_downloads import check_tar

    url = f"{s3_page.root}/{s3_page.backups[s3_page.folder.name]}"
    path = f"/airvault/api/download?url={quote(url)}"
    status, answer = s3_page.call("GET", path, user="viewer")
    assert status == 403 and "may not download backups" in answer["detail"]
    request = urllib.request.Request(f"{s3_page.url}{path}",
                                     headers={"Authorization": f"Bearer {s3_page.token('op')}"})  # fmt: skip
    with urllib.request.urlopen(request, timeout=120) as response:
        data = response.read()
    assert data == b"".join(backup_tar(open_store(s3_page.folder)).chunks())
    check_tar(data, f"file://{s3_page.folder}", tmp_path)
