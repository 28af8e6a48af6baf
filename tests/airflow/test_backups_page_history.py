"""The Backups page's history beyond backups: pg_dump archives as rows of their own, exports
(exports/<table>/<run>/report.json) in a section with their size, time and download links for
who may export, and each backup's last restore drill (passed, RTO, when) on its row; and the
page at 1024 px wide with long names and values: nothing wider than the window."""

from __future__ import annotations

import hashlib
import json
import shutil
import urllib.request
import uuid
from decimal import ROUND_HALF_UP, Decimal

from tests.airflow.test_backups_page import ARTIFACTS, chromium
from tests.page_browser import page_as

LONG = "a_table_with_a_rather_long_name_" + "x" * 90  # an export folder named after it
NO_OVERFLOW = "document.documentElement.scrollWidth <= document.documentElement.clientWidth"


def _history(live) -> dict:
    """A backup drilled, an archive and an export in the live storage (as the DAGs make
    them); what a user should read about each."""
    import subprocess
    import sys
    from pathlib import Path

    from airvault.archive.run import run_archive
    from airvault.exchange.exports import ExportSpec, run_export
    from airvault.ops.drill import run_drill
    from airvault.storage.store import open_store

    config = live.storage.parent / "airvault.yaml"
    out = subprocess.run([str(Path(sys.executable).parent / "airvault"), "--config", str(config),
                          "backup", "--dsn", live.app_dsn, "--kind", "full"], check=True,
                         capture_output=True, text=True)  # fmt: skip
    url = out.stdout.strip().splitlines()[-1]
    root = open_store(live.storage)
    drill = run_drill(url, live.app_dsn, root)
    archive = run_archive(live.app_dsn, root)
    export = run_export(live.app_dsn, root, ExportSpec(table="contacts"),
                        run_id="20261201T000000Z-history", triggered_by="op")  # fmt: skip
    return {"url": url, "drill": drill, "archive": archive, "export": export}


def _long_named_export(live) -> str:
    """An export folder named after a table with a long name (its report as run_export
    writes it): its row must not widen the page."""
    folder = live.storage / "exports" / LONG / "20261201T000001Z-long"
    folder.mkdir(parents=True)
    (folder / f"{LONG}.csv").write_text("id\n1\n")
    (folder / "report.json").write_text(json.dumps({
        "file": f"{live.storage}/exports/{LONG}/20261201T000001Z-long/{LONG}.csv", "rows": 1,
        "bytes": 5, "started_at": "2026-12-01T00:00:01+00:00", "duration_s": 0.1,
        "parameters": {"table": LONG, "format": "csv"}, "triggered_by": "op"}))  # fmt: skip
    return f"exports/{LONG}/20261201T000001Z-long/report.json"


def test_the_listing_carries_exports_and_drills(live_airflow, backed_up_live):
    made = _history(live_airflow)
    try:
        status, listing = live_airflow.call("GET", "/airvault/api/backups", user="viewer")
        assert status == 200
        (row,) = [r for r in listing["backups"] if r["url"] == made["url"]]
        assert row["drill"]["ok"] is True and row["drill"]["rto_s"] == made["drill"].rto_s
        assert row["drill"]["drilled_at"] == made["drill"].drilled_at
        (archive,) = [r for r in listing["backups"] if r["id"] == made["archive"].id]
        assert archive["type"] == "archive" and archive["drill"] is None and archive["bytes"] > 0
        (export,) = [e for e in listing["exports"] if e["report"].endswith("-history/report.json")]
        made_export = made["export"]
        assert (export["rows"], export["bytes"]) == (made_export["rows"], made_export["bytes"])
        assert export["file"] == "exports/contacts/20261201T000000Z-history/contacts.csv"
        assert export["triggered_by"] == "op" and export["format"] == "csv"
        # its files download for who may export (the jobs' download rule), never for a viewer
        download = f"/airvault/api/jobs/download?file={export['file']}"
        assert live_airflow.call("GET", download, user=None)[0] == 401
        assert live_airflow.call("GET", download, user="viewer")[0] == 403
        request = urllib.request.Request(live_airflow.url + download,
                                         headers={"Authorization": f"Bearer {live_airflow.token('op')}"})  # fmt: skip
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read()
        assert hashlib.sha256(body).hexdigest() == made_export["sha256"]  # the file exported
    finally:
        shutil.rmtree(live_airflow.storage / "exports" / "contacts" / "20261201T000000Z-history")


@chromium
def test_history_with_archives_exports_drills_at_1024_px(live_airflow, backed_up_live):
    from playwright.sync_api import expect

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    errors: list[str] = []
    made, long_report = _history(live_airflow), _long_named_export(live_airflow)
    # as the page's toFixed(1) rounds: halves up, on the float's exact value (0.25 -> "0.3")
    rto = str(Decimal(made["drill"].rto_s).quantize(Decimal("0.1"), ROUND_HALF_UP))
    try:
        with page_as(live_airflow, "op", errors) as page:
            drill = page.locator(f'#backups tr[data-url="{made["url"]}"] .drill')
            expect(drill).to_contain_text(f"drill passed, RTO {rto} s, ", timeout=30_000)
            archive = page.locator(f'#backups tr[data-url="{made["archive"].url}"]')
            expect(archive).to_contain_text(made["archive"].label)
            expect(archive.locator("td").nth(2)).to_have_text("archive")
            size = sum(f.bytes for f in made["archive"].files) / 1e6
            expect(archive).to_contain_text(f"{size:.1f} MB")
            expect(archive.get_by_role("button", name="Download")).to_be_visible()
            export = page.locator('#exports tr[data-report$="-history/report.json"]')
            rows = made["export"]["rows"]
            cells = [c.inner_text() for c in export.locator("td").all()]
            assert cells[:2] == ["contacts", "csv"] and cells[3] == f"{rows:,}", cells
            assert cells[4] == f"{made['export']['bytes'] / 1e6:.1f} MB" and cells[6] == "op"
            link = export.get_by_role("link", name="contacts.csv")
            with page.expect_download() as download:
                link.click()
            got = hashlib.sha256(open(download.value.path(), "rb").read()).hexdigest()
            assert got == made["export"]["sha256"]
            expect(export.get_by_role("link", name="report.json")).to_be_visible()
            # 1024 px: the long export name is cut (its full path in the title), nothing
            # is wider than the window
            long = page.locator(f'#exports tr[data-report="{long_report}"] .clip')
            assert long.get_attribute("title") == long_report
            assert long.evaluate("(e) => e.scrollWidth > e.clientWidth")  # cut, not wrapped
            assert page.evaluate("document.documentElement.scrollWidth") <= 1024
            assert page.evaluate(NO_OVERFLOW)
            page.screenshot(path=str(ARTIFACTS / "status-history.png"), full_page=True)
            # the import mapping of a CSV with long names and values (a URL, a UUID run)
            csv_file = ARTIFACTS.parent / "long-values.csv"
            wide = "https://crm.example.org/" + "contacts/" * 20 + str(uuid.uuid4()) * 3
            csv_file.write_text(f"id,{LONG}\n{uuid.uuid4()},{wide}\n")
            page.get_by_label("CSV file").set_input_files(str(csv_file))
            page.get_by_role("button", name="Upload and map columns").click()
            mapping = page.locator("#imp-map")
            expect(mapping).to_contain_text(wide[:40], timeout=30_000)
            assert page.evaluate("document.documentElement.scrollWidth") <= 1024
            assert page.evaluate(NO_OVERFLOW)
            page.screenshot(path=str(ARTIFACTS / "status-import-1024.png"), full_page=True)
        with page_as(live_airflow, "viewer", errors) as viewer:
            export = viewer.locator('#exports tr[data-report$="-history/report.json"]')
            export.wait_for(timeout=30_000)
            expect(export).to_contain_text("contacts")
            assert export.get_by_role("link").count() == 0  # a viewer reads, never downloads
            row = viewer.locator(f'#backups tr[data-url="{made["url"]}"]')
            expect(row.locator(".drill")).to_contain_text("drill passed")
            assert viewer.get_by_role("button", name="Download").count() == 0
            assert viewer.evaluate("document.documentElement.scrollWidth") <= 1024
    finally:
        shutil.rmtree(live_airflow.storage / "exports" / LONG)
        shutil.rmtree(live_airflow.storage / "exports" / "contacts" / "20261201T000000Z-history")
    assert errors == []
    for name in ("history", "import-1024"):
        assert (ARTIFACTS / f"status-{name}.png").stat().st_size > 10_000, name


def test_a_zip_export_of_a_module_from_the_page(live_airflow):
    """format zip on the page's export: the export DAG bundles the module's tables as CSV in
    one ZIP, listed with the job and in the history to download; a table alone is refused."""
    import io
    import zipfile

    body = {"dataset": "deals", "format": "zip"}
    assert live_airflow.call("POST", "/airvault/api/exports", body, user=None)[0] == 401
    assert live_airflow.call("POST", "/airvault/api/exports", body, user="viewer")[0] == 403
    status, answer = live_airflow.call("POST", "/airvault/api/exports",
                                       {"dataset": "public.deals", "format": "zip"}, user="op")  # fmt: skip
    assert status == 400 and "not a module" in answer["detail"]
    live_airflow.wait_for_dag("export")
    status, started = live_airflow.call("POST", "/airvault/api/exports", body, user="op")
    assert status == 200, started
    assert live_airflow.wait_for_run("export", started["run_id"])["state"] == "success"
    _, jobs = live_airflow.call("GET", "/airvault/api/jobs", user="op")
    (job,) = [j for j in jobs["jobs"] if j["run_id"] == started["run_id"]]
    assert job["what"] == "export deals as zip"
    assert [f["name"] for f in job["files"]] == ["deals.zip"]
    _, listing = live_airflow.call("GET", "/airvault/api/backups", user="viewer")
    (listed,) = [e for e in listing["exports"] if e["file"] == job["files"][0]["file"]]
    assert listed["format"] == "zip" and listed["table"] == "deals"
    request = urllib.request.Request(
        f"{live_airflow.url}/airvault/api/jobs/download?file={listed['file']}",
        headers={"Authorization": f"Bearer {live_airflow.token('op')}"})  # fmt: skip
    with urllib.request.urlopen(request, timeout=30) as response:
        bundle = zipfile.ZipFile(io.BytesIO(response.read()))
    assert sorted(bundle.namelist()) == ["bids.csv", "deals.csv"]
    assert job["records"] == listed["rows"] == 2500  # deals 1,500 and bids 1,000 (the demo)
