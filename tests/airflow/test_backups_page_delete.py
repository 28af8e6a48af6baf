"""The Backups page's deletions against a live api-server: POST /airvault/api/delete needs a
user (401) and the right to run retention (403 for a viewer; the roles table of
docs/security.md walks every role), refuses what retention would keep (409: pinned, the last
good backup of a scope unless forced) and any location but one backup folder under the root
(400); what it deletes is gone and logged, and GET /airvault/api/deletions shows the log."""

from __future__ import annotations

import os
import time
from pathlib import Path

import psycopg

from airvault.ops.retention import pin
from airvault.storage.store import open_store
from airvault.verify import verify_backup
from tests.dbutil import backup

DELETE = "/airvault/api/delete"


def test_delete_through_the_page_api(live_airflow, new_db):
    dsn = new_db("pagedel")
    with psycopg.connect(dsn) as conn:
        conn.execute("CREATE TABLE notes AS SELECT g AS id, md5(g::text) AS body "
                     "FROM generate_series(1, 300) g")  # fmt: skip
    scope = f"page-delete-{os.getpid()}"  # a scope of its own in the shared live storage
    urls = []
    for i in range(3):
        if i:
            time.sleep(1.05)  # folder names have second resolution
        urls.append(backup(dsn, live_airflow.storage, kind="manual", scope=scope).url)
    old, pinned, good = urls
    pin(open_store(pinned), "legal hold")
    assert verify_backup(open_store(good), record=True).ok

    def folder(url: str) -> Path:
        return Path(url.removeprefix("file://"))

    body = {"url": old, "reason": "taken by mistake"}
    assert live_airflow.call("POST", DELETE, body, user=None)[0] == 401
    status, answer = live_airflow.call("POST", DELETE, body, user="viewer")
    assert status == 403 and "delete backups" in answer["detail"]
    assert "retention_cleanup" in answer["detail"]
    for hostile in ("backups/../../etc", "/etc", f"{old}/..", "s3://other@b/backups/a/b/c",
                    "backups/manual/%2e%2e/x/y", "uploads/x"):  # fmt: skip
        status, answer = live_airflow.call("POST", DELETE, {**body, "url": hostile})
        assert status == 400 and answer["detail"].startswith("url:"), (hostile, answer)
    # an archive may be deleted (ops/deletion.py), only a complete one
    status, answer = live_airflow.call("POST", DELETE, {**body, "url": "archives/x"})
    assert status == 400 and "not a complete backup or archive" in answer["detail"]
    status, answer = live_airflow.call("POST", DELETE, {**body, "url": pinned})
    assert status == 409 and "pinned" in answer["detail"]
    status, answer = live_airflow.call("POST", DELETE, {**body, "url": good})
    assert status == 409 and f"last good (verified) backup of manual/{scope}" in answer["detail"]
    status, answer = live_airflow.call("POST", DELETE, {**body, "reason": " "})
    assert status == 400 and "reason" in answer["detail"]
    assert all(folder(u).exists() for u in urls)  # nothing refused was touched

    status, answer = live_airflow.call("POST", DELETE, body)
    assert status == 200 and answer["deleted"]["by"] == "admin (Backups page)"
    assert not folder(old).exists()
    status, answer = live_airflow.call("POST", DELETE, {"url": good, "reason": "bad data",
                                                        "force": True}, user="op")  # fmt: skip
    assert status == 200 and answer["deleted"]["forced"] is True and not folder(good).exists()

    status, log = live_airflow.call("GET", "/airvault/api/deletions", user="viewer")
    assert status == 200 and log["may_delete"] is False and not log["problems"]
    mine = [(d["by"], d["reason"], d["forced"]) for d in log["deletions"] if d["scope"] == scope]
    assert mine == [("op (Backups page)", "bad data", True),
                    ("admin (Backups page)", "taken by mistake", False)]  # fmt: skip
    status, listing = live_airflow.call("GET", "/airvault/api/backups", user="viewer")
    assert status == 200 and listing["may"]["delete"] is False
    assert [b["url"] for b in listing["backups"] if b["scope"] == scope] == [pinned]
