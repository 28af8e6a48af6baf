"""Hostile uploads and who sees values, against a live api-server (issue 26, items 6 and 7):
an import's rejects and error text for who may trigger `import`, counts for a viewer; a
.tar.gz of 200,000 empty files and a 1,500-level tar refused with a 400 from their headers;
a CSV field over the csv module's limit a 400 naming its line and column, the upload
deleted; look-alikes of `..` refused by the page before any run; an upload holding files
its manifest does not list stored without them."""

from __future__ import annotations

import io
import json
import tarfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.airflow.test_backups_page import raw, runs_of, upload, uploads_in
from tests.airflow.test_backups_page_exchange import _contacts, _csv_from_another_crm
from tests.reliability.test_hostile_inputs import deep_tar, empty_files_tar_gz

TEMP = "airvault-upload-"  # the api-server's temp folders: never named to a user


@pytest.fixture(scope="module")
def backed_up(live_airflow, backed_up_live) -> Path:
    """The folder of a full backup of the live app database in the live storage."""
    return Path(backed_up_live.removeprefix("file://"))


def _upload_csv(live, user: str, name: str, data: bytes) -> tuple[int, str]:
    headers = {"Authorization": f"Bearer {live.token(user)}", "Content-Type": "text/csv"}
    return raw(live, "POST", f"/airvault/api/imports/upload?filename={name}", data, headers)


def _csv_uploads(live) -> list[str]:
    return sorted(p.name for p in (live.storage / "imports" / "uploads").glob("*"))


def _import(live, body: dict) -> dict:
    status, started = live.call("POST", "/airvault/api/imports", body, user="op")
    assert status == 200, started
    live.wait_for_run("import", started["run_id"])
    return started


def test_a_viewer_reads_an_import_s_counts_never_its_values(live_airflow, backed_up):
    rows = _contacts(live_airflow.app_dsn, 3)
    status, answer = _upload_csv(live_airflow, "op", "crm.csv", _csv_from_another_crm(rows, 3))
    assert status == 200, answer
    file = json.loads(answer)["file"]
    # a dry run with one bad e-mail (line 3): its reject quotes the row
    dry = _import(
        live_airflow, {"file": file, "table": "contacts", "template": "crm_contacts_export",
                       "mode": "update-only"}
    )  # fmt: skip
    path = f"/airvault/api/imports/{dry['run_id']}"
    status, full = live_airflow.call("GET", path, user="op")
    assert status == 200 and full["withheld"] is None, full
    (reject,) = full["rejects"]
    assert (reject["line"], reject["value"]) == (3, "not-an-email")
    assert "parameters" in full["report"]
    status, counts = live_airflow.call("GET", path, user="viewer")
    assert status == 200, counts
    assert counts["report"] == {k: full["report"][k] for k in
                                ("status", "rows", "inserted", "updated", "rejected", "seconds")}  # fmt: skip
    assert counts["report"]["rows"] == 3 and counts["report"]["rejected"] == 1
    assert counts["rejects"] is None and "trigger import" in counts["withheld"]
    text = json.dumps(counts)
    assert "not-an-email" not in text and "Lovelace" not in text and "E-mail" not in text
    # the dry run with rejects failed its run: a job, shown, but no risk to data (issue 30:
    # the verdict turned red for it, "1 thing needs attention", without saying what)
    _, state = live_airflow.call("GET", "/airvault/api/status", user="viewer")
    assert "import" in [r["dag_id"] for r in state["jobs_failed"]]
    assert "import" not in [r["dag_id"] for r in state["failing"]]
    assert not any("import" in a for a in state["attention"]), state["attention"]
    assert state["safe"] == (not state["attention"])
    # a run that fails on the file's own header: its error quotes it, for the op only
    failed = _import(live_airflow, {"file": file, "table": "contacts",
                                    "mapping": {"E-mail": "mail"}, "template": "crm_contacts_export"})  # fmt: skip
    path = f"/airvault/api/imports/{failed['run_id']}"
    _, full = live_airflow.call("GET", path, user="op")
    assert full["state"] == "failed" and "'E-mail'" in full["failure"]["error"]
    _, counts = live_airflow.call("GET", path, user="viewer")
    assert counts["state"] == "failed" and counts["failure"] == {"step": full["failure"]["step"],
                                                                 "error": None}  # fmt: skip
    assert "E-mail" not in json.dumps(counts)
    # the download of the same rejects was refused to the viewer already; it still is
    status, _ = live_airflow.call(
        "GET",
        f"/airvault/api/jobs/download?file=imports/rejects/{dry['run_id']}.csv",
        user="viewer",
    )
    assert status == 403


def test_a_csv_field_over_the_csv_limit_is_a_400_naming_line_and_column(live_airflow):
    before = _csv_uploads(live_airflow)
    cases = [
        (b"id,name,note\n1,Ada,x\n2,\"" + b"y" * 200_000 + b"\",z\n",
         "line 3, column 2 ('name'): a field longer than the 131,072 characters"),
        (b"id," + b"h" * 200_000 + b"\n1,2\n", "line 1, column 2: a field longer than"),
        (b"id,note\n1,caf\xe9\n", "not UTF-8 (near line"),
    ]  # fmt: skip
    for data, why in cases:
        status, answer = _upload_csv(live_airflow, "op", "long.csv", data)
        detail = json.loads(answer)["detail"]
        assert status == 400 and why in detail and detail.startswith("long.csv: "), answer
        assert "imports/uploads" not in detail and TEMP not in detail
        assert _csv_uploads(live_airflow) == before  # the refused file is gone


def test_an_entry_count_bomb_is_refused_from_its_headers(live_airflow):
    """200,000 empty files in a 1.4 MB .tar.gz: 48 s of unpacking before (two at once over
    200 s); now its 20,001st header refuses it, nothing unpacked (the reliability suite
    checks the target folder stays empty)."""
    bomb = empty_files_tar_gz(200_000)
    assert len(bomb) < 2 << 20
    kept = uploads_in(live_airflow.storage)

    def refused(name: str) -> float:
        started = time.monotonic()
        status, answer = upload(live_airflow, name, bomb)
        took = time.monotonic() - started
        detail = json.loads(answer)["detail"]
        assert status == 400, answer
        assert detail.startswith(f"{name}: more than 20,000 entries (at 'bomb/f0020000')")
        assert "refused before unpacking" in detail and TEMP not in detail
        return took

    one = refused("bomb.tar.gz")
    with ThreadPoolExecutor(2) as pool:
        two = list(pool.map(refused, ["bomb-1.tar.gz", "bomb-2.tar.gz"]))
    assert one < 15 and max(two) < 30, (one, two)  # ~1 s each on a quiet machine
    assert uploads_in(live_airflow.storage) == kept
    print(f"entry-count bomb refused in {one:.2f} s; two at once in {max(two):.2f} s")


def _tar(entries: dict[str, bytes]) -> bytes:
    data = io.BytesIO()
    with tarfile.open(fileobj=data, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name, content in entries.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            tar.addfile(info, io.BytesIO(content))
    return data.getvalue()


def test_a_bad_archive_is_a_400_naming_the_entry_never_the_temp_folder(live_airflow, backed_up):
    kept = uploads_in(live_airflow.storage)
    cases = [
        ("deep.tar", deep_tar(1_500, backed_up), "deep.tar: entry 'my-backup/d/d/d/",
         "1,502 levels deep"),
        ("deep-only.tar", deep_tar(1_500), "deep-only.tar: entry 'my-backup/d/d/d/",
         "1,502 levels deep"),
        ("no-json.tar", _tar({"my-backup/manifest.json": b"{"}),
         "no-json.tar: my-backup/manifest.json is not valid JSON", ""),
        ("none.tar", _tar({"my-backup/schema.sql": b""}), "none.tar: no manifest.json inside",
         ""),
    ]  # fmt: skip
    for name, data, start, why in cases:
        status, answer = upload(live_airflow, name, data)
        detail = json.loads(answer)["detail"]
        assert status == 400 and detail.startswith(start) and why in detail, answer
        assert TEMP not in detail and "/tmp" not in detail and "file://" not in detail
    assert uploads_in(live_airflow.storage) == kept


def test_lookalikes_of_dotdot_are_refused_by_the_page(live_airflow, backed_up):
    live_airflow.wait_for_dag("restore")
    live_airflow.wait_for_dag("verify_backup")
    root = "file://" + str(live_airflow.storage.resolve())
    kind, scope, folder = backed_up.as_uri().removeprefix(root + "/").split("/")[1:]
    forms = ["%2e%2e", "%2E%2E", "%252e%252e", "\u2025", "\uff0e\uff0e", ".%2e", "%2e.",
             "\uff05\uff12\uff45\uff05\uff12\uff45", "x%2f..%2fy", "..\\x"]  # fmt: skip
    before = runs_of(live_airflow, "restore"), runs_of(live_airflow, "verify_backup")
    for form in forms:
        for url in (f"{root}/backups/{kind}/{form}/{folder}", f"uploads/{form}",
                    f"backups/{kind}/{scope}/{form}", f"{root}/backups/{form}/{scope}/{folder}"):  # fmt: skip
            for path, body in [("/airvault/api/restore", {"url": url, "dry_run": True}),
                               ("/airvault/api/verify", {"url": url})]:  # fmt: skip
                status, answer = live_airflow.call("POST", path, body)
                assert status == 400, (path, url, status, answer)
                assert "look-alike of '..'" in answer["detail"], answer
    status, answer = live_airflow.call(
        "POST", "/airvault/api/diff", {"a": f"backups/{kind}/{scope}/{folder}",
                                       "b": f"backups/{kind}/%2e%2e/{folder}"})  # fmt: skip
    assert status == 400 and "look-alike" in answer["detail"]
    assert (runs_of(live_airflow, "restore"), runs_of(live_airflow, "verify_backup")) == before


def test_an_upload_keeps_only_the_files_its_manifest_lists(live_airflow, backed_up):
    from airvault.storage.manifest import MANIFEST, listed_entries, read_manifest
    from airvault.storage.store import open_store
    from airvault.verify import verify_backup

    data = io.BytesIO()
    with tarfile.open(fileobj=data, mode="w") as tar:
        tar.add(backed_up, arcname=backed_up.name)
        for name in [*(f"{backed_up.name}/extra/f{i}" for i in range(50)),
                     f"{backed_up.name}/data/not-a-table.copy.zst", f"{backed_up.name}/run.sh",
                     "beside/the-folder.txt"]:  # fmt: skip
            info = tarfile.TarInfo(name)
            info.size = 5
            tar.addfile(info, io.BytesIO(b"extra"))
    status, answer = upload(live_airflow, "extra.tar", data.getvalue())
    assert status == 200, answer
    stored = json.loads(answer)
    assert stored["left_out"] == 53
    store = open_store(stored["url"])
    listed = {e.file for e in listed_entries(read_manifest(open_store(backed_up)))}
    assert set(store.list_files()) == listed | {MANIFEST}
    assert verify_backup(store).ok


def test_a_viewer_reads_which_restore_step_failed_never_its_error(live_airflow, backed_up):
    """The restore wizard's progress: the error a failed task logged may quote rows (a key
    the target already holds, say): the step for a viewer, the error for who may restore."""
    live_airflow.wait_for_dag("restore")
    gone = "backups/full/all/2026-01-01T000000Z-0000dead"  # the shape of a backup, not there
    status, started = live_airflow.call("POST", "/airvault/api/restore",
                                        {"url": gone, "dry_run": True}, user="op")  # fmt: skip
    assert status == 200, started
    live_airflow.wait_for_run("restore", started["run_id"])
    path = f"/airvault/api/restore/{started['run_id']}"
    _, full = live_airflow.call("GET", path, user="op")
    assert full["state"] == "failed" and "0000dead" in full["failure"]["error"], full
    status, seen = live_airflow.call("GET", path, user="viewer")
    assert status == 200 and seen["failure"] == {"step": full["failure"]["step"], "error": None}
    assert seen["steps"] == full["steps"] and "0000dead/" not in json.dumps(seen["failure"])
