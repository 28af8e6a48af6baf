"""The Backups page's imports, exports and jobs against a live api-server: upload a CSV, map
its columns with the config's saved mapping, a dry run whose rejects name their line and
column, then the import; an export scheduled for later, shown pending and cancelled; one
exported now, its records counted and its file downloaded. The endpoints' 401 and 403 too."""

from __future__ import annotations

import csv
import io
import json
import urllib.request
from datetime import UTC, datetime, timedelta

import psycopg

from tests.airflow.test_backups_page import ARTIFACTS, chromium
from tests.page_browser import page_as, unnamed_controls


def _contacts(dsn: str, n: int) -> list[tuple]:
    with psycopg.connect(dsn) as conn:
        return conn.execute("SELECT id::text, first_name, last_name, coalesce(email, '') "
                            "FROM contacts ORDER BY id LIMIT %s", (n,)).fetchall()  # fmt: skip


def _csv_from_another_crm(rows: list[tuple], bad_line: int) -> bytes:
    """The CSV another CRM writes (the config's saved mapping `crm_contacts_export` fits its
    columns): the rows renamed, the row at `bad_line` (the header is line 1) with a bad e-mail."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "First Name", "Last Name", "E-mail"])
    for line, r in enumerate(rows, start=2):
        writer.writerow([r[0], "Ada", f"Lovelace {line}",
                         "not-an-email" if line == bad_line else f"ada{line}@example.org"])  # fmt: skip
    return out.getvalue().encode()


def test_import_export_and_job_endpoints_need_a_user_and_the_right_role(live_airflow):
    gets = ["/airvault/imports.js", "/airvault/jobs.js", "/airvault/api/jobs",
            "/airvault/api/imports/manual__x", "/airvault/api/jobs/download?file=exports/a/b/c.csv"]  # fmt: skip
    posts = [("/airvault/api/imports", {"file": "imports/uploads/x.csv", "table": "contacts"}),
             ("/airvault/api/exports", {"dataset": "contacts"}),
             ("/airvault/api/jobs/export/manual__x/cancel", {})]  # fmt: skip
    for path in gets:
        assert live_airflow.call("GET", path, user=None)[0] == 401, path
    for path, body in posts:
        assert live_airflow.call("POST", path, body, user=None)[0] == 401, path
        status, answer = live_airflow.call("POST", path, body, user="viewer")
        assert status == 403 and "viewer" in answer["detail"], (path, status, answer)
    status, answer = live_airflow.call("GET", gets[-1], user="viewer")
    assert status == 403 and "may not download job results" in answer["detail"]
    status, listing = live_airflow.call("GET", "/airvault/api/jobs", user="viewer")
    assert status == 200 and not listing["may_download"]
    assert not any(j["may_cancel"] for j in listing["jobs"])
    # what an import or a download may name: a file uploaded here, a job's result
    status, answer = live_airflow.call("POST", "/airvault/api/imports",
                                       {"file": "backups/../../etc/passwd", "table": "contacts"})  # fmt: skip
    assert status == 400 and "a file uploaded here" in answer["detail"]
    status, answer = live_airflow.call("GET", "/airvault/api/jobs/download?file=backups/x/y/z")
    assert status == 400 and "not a result" in answer["detail"]
    assert live_airflow.call("POST", "/airvault/api/jobs/restore/x/cancel", {})[0] == 404


def test_an_import_scheduled_for_later_waits_in_the_jobs_list_until_cancelled(
    live_airflow, backed_up_live
):
    from tests.airflow.test_backups_page import raw

    rows = _contacts(live_airflow.app_dsn, 2)

    def upload(user: str) -> tuple[int, str]:
        headers = {
            "Authorization": f"Bearer {live_airflow.token(user)}",
            "Content-Type": "text/csv",
        }
        return raw(live_airflow, "POST", "/airvault/api/imports/upload?filename=crm.csv",
                   _csv_from_another_crm(rows, bad_line=0), headers)  # fmt: skip

    status, answer = upload("viewer")
    assert status == 403 and "may not upload a CSV" in answer
    status, answer = upload("op")
    assert status == 200, answer
    found = json.loads(answer)
    assert found["columns"] == ["id", "First Name", "Last Name", "E-mail"]
    assert [r[0] for r in found["sample"]] == [r[0] for r in rows]
    assert "email" in found["tables"]["public.contacts"]
    (saved,) = [m for m in found["mappings"] if m["name"] == "crm_contacts_export"]
    assert saved["fits"] and saved["mapping"]["E-mail"] == "email"
    later = datetime.now(UTC) + timedelta(hours=2)
    status, started = live_airflow.call("POST", "/airvault/api/imports", {
        "file": found["file"], "table": "contacts", "template": "crm_contacts_export",
        "mode": "update-only", "dry_run": False, "run_after": later.isoformat()}, user="op")  # fmt: skip
    assert status == 200 and started["state"] == "queued", started
    _, listing = live_airflow.call("GET", "/airvault/api/jobs", user="op")
    (job,) = [j for j in listing["jobs"] if j["run_id"] == started["run_id"]]
    assert (job["state"], job["what"], job["asked_by"]) == (
        "pending",
        "import crm.csv into contacts",
        "op",
    )
    assert job["may_cancel"] and job["run_after"].startswith(later.strftime("%Y-%m-%dT%H:%M"))
    cancel = f"/airvault/api/jobs/import/{started['run_id']}/cancel"
    assert live_airflow.call("POST", cancel, {}, user="op")[1]["state"] == "cancelled"
    status, answer = live_airflow.call("POST", cancel, {}, user="op")
    assert status == 409 and "only a pending job is cancelled" in answer["detail"]
    _, listing = live_airflow.call("GET", "/airvault/api/jobs", user="op")
    (job,) = [j for j in listing["jobs"] if j["run_id"] == started["run_id"]]
    assert job["state"] == "cancelled" and not job["may_cancel"]
    assert _contacts(live_airflow.app_dsn, 2) == rows  # it never ran
    # a mapping to a column the table lacks: the dry run fails, saying so (no report)
    status, started = live_airflow.call("POST", "/airvault/api/imports", {
        "file": found["file"], "table": "contacts", "mapping": {"E-mail": "mail"},
        "template": "crm_contacts_export"}, user="op")  # fmt: skip
    assert status == 200, started
    live_airflow.wait_for_run("import", started["run_id"])
    _, report = live_airflow.call("GET", f"/airvault/api/imports/{started['run_id']}", user="op")
    assert report["state"] == "failed" and report["report"] is None
    assert (
        "column 'E-mail' (mapped to 'mail') is not a column of public.contacts"
        in (report["failure"]["error"])
    )


@chromium
def test_imports_exports_and_jobs_in_chromium(live_airflow, backed_up_live):
    from playwright.sync_api import expect

    rows = _contacts(live_airflow.app_dsn, 3)
    bad_line = 3
    csv_file = ARTIFACTS.parent / "from-another-crm.csv"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    csv_file.write_bytes(_csv_from_another_crm(rows, bad_line))
    errors: list[str] = []
    try:
        with page_as(live_airflow, "op", errors, timezone_id="UTC") as page:
            imports = page.locator("#imports")
            expect(imports).to_be_visible(timeout=30_000)

            # 1. upload, map with the saved mapping that fits, dry run: the reject's line
            imports.get_by_label("CSV file").set_input_files(str(csv_file))
            imports.get_by_role("button", name="Upload and map columns").click()
            template = imports.get_by_label("Saved mapping")
            expect(template).to_have_value("crm_contacts_export", timeout=30_000)
            expect(imports.get_by_label("Into table")).to_have_value("public.contacts")
            expect(imports.get_by_label("Table column for E-mail")).to_have_value("email")
            expect(imports.get_by_label("Table column for First Name")).to_have_value("first_name")
            imports.get_by_label("Mode").select_option("update-only")
            imports.get_by_role("button", name="Dry run").click()
            rejects = page.locator("#imp-rejects")
            rejects.wait_for(timeout=180_000)  # the import DAG runs
            (reject,) = rejects.locator("tbody tr").all()
            cells = [c.inner_text() for c in reject.locator("td").all()]
            assert cells[0] == str(bad_line) and cells[1] == "email", cells
            assert cells[2] == "E-mail" and "not an e-mail address" in cells[3]
            assert cells[4] == "not-an-email"
            expect(page.locator("#imp-summary")).to_contain_text(f"{len(rows)} rows read")
            expect(page.locator("#imp-summary")).to_contain_text("1 rejected")
            page.screenshot(path=str(ARTIFACTS / "status-import-rejects.png"), full_page=True)
            assert unnamed_controls(page, "#imports") == []
            assert unnamed_controls(page, "#jobs-section") == []
            imports.get_by_label("Bad rows").focus()  # reached and changed by keyboard
            page.keyboard.press("ArrowDown")
            expect(imports.get_by_label("Bad rows")).to_have_value("skip")
            assert _contacts(live_airflow.app_dsn, 3) == rows  # the dry run wrote nothing

            # 2. skip the bad row and import now: the others are updated
            imports.get_by_role("button", name="Import now").click()
            summary = page.locator("#imp-summary", has_text="updated")
            expect(summary).to_contain_text(f"{len(rows) - 1} updated", timeout=180_000)
            now = _contacts(live_airflow.app_dsn, 3)
            assert [r[1] for r in now] == ["Ada", rows[1][1], "Ada"]
            job = page.locator(
                "#jobs tr", has_text="from-another-crm.csv into public.contacts"
            ).first
            expect(job).not_to_contain_text("dry run")
            expect(job).to_contain_text("done", timeout=30_000)
            expect(job.locator("td.num")).to_have_text(str(len(rows)))
            expect(job.get_by_role("link", name="rejects.csv")).to_be_visible()

            # 3. an export for later: pending in the jobs list, then cancelled
            jobs = page.locator("#jobs-section")
            later = datetime.now(UTC) + timedelta(hours=1)
            jobs.get_by_label("Module to export").select_option("contacts")
            jobs.get_by_label("Export at").fill(later.strftime("%Y-%m-%dT%H:%M"))
            jobs.get_by_role("button", name="Export", exact=True).click()
            pending = page.locator('#jobs tr[data-state="pending"]', has_text="export contacts")
            expect(pending).to_contain_text("starts in", timeout=30_000)
            expect(pending).to_contain_text("op")
            run_id = pending.get_attribute("data-run")
            page.screenshot(path=str(ARTIFACTS / "status-export-scheduled.png"), full_page=True)
            _, run = live_airflow.call("GET", f"/api/v2/dags/export/dagRuns/{run_id}")
            assert run["state"] == "queued" and run["run_after"].startswith(
                later.strftime("%Y-%m-%dT%H:%M")
            )
            pending.get_by_role("button", name="Cancel export contacts as csv").click()
            cancelled = page.locator(f'#jobs tr[data-run="{run_id}"]')
            expect(cancelled).to_have_attribute("data-state", "cancelled", timeout=30_000)
            expect(cancelled.get_by_role("button", name="Cancel")).to_have_count(0)
            page.screenshot(path=str(ARTIFACTS / "status-export-cancelled.png"), full_page=True)
            _, run = live_airflow.call("GET", f"/api/v2/dags/export/dagRuns/{run_id}")
            assert run["state"] == "failed" and run["note"].startswith("cancelled by op")

            # 4. an export now: done, its records counted, its file downloaded
            jobs.get_by_label("Export at").fill("")
            jobs.get_by_role("button", name="Export", exact=True).click()
            done = page.locator('#jobs tr[data-state="done"]', has_text="export contacts").first
            expect(done).to_be_visible(timeout=180_000)
            with psycopg.connect(live_airflow.app_dsn) as conn:
                total = conn.execute("SELECT count(*) FROM contacts").fetchone()[0]
            expect(done.locator("td.num")).to_have_text(f"{total:,}")
            href = done.get_by_role("link", name="contacts.csv").get_attribute("href")
        # 5. a viewer reads the same jobs, a pending one too, with no control to import,
        # export, cancel or download
        status, waiting = live_airflow.call("POST", "/airvault/api/exports", {
            "dataset": "leads", "run_after": later.isoformat()}, user="op")  # fmt: skip
        assert status == 200, waiting
        with page_as(live_airflow, "viewer", errors) as viewer:
            pending = viewer.locator(f'#jobs tr[data-run="{waiting["run_id"]}"]')
            expect(pending).to_have_attribute("data-state", "pending", timeout=30_000)
            assert viewer.get_by_role("button", name="Cancel").count() == 0
            assert viewer.locator("#imports").is_hidden()
            assert viewer.locator("#export-form").is_hidden()
            assert viewer.locator("#jobs a[download]").count() == 0  # no result links
        cancel = f"/airvault/api/jobs/export/{waiting['run_id']}/cancel"
        assert live_airflow.call("POST", cancel, {}, user="viewer")[0] == 403
        assert live_airflow.call("POST", cancel, {}, user="op")[1]["state"] == "cancelled"
        assert errors == []
        request = urllib.request.Request(f"{live_airflow.url}/airvault/{href}",
                                         headers={"Authorization": f"Bearer {live_airflow.token('op')}"})  # fmt: skip
        with urllib.request.urlopen(request, timeout=60) as response:
            exported = list(csv.reader(io.StringIO(response.read().decode("utf-8-sig"))))
        assert len(exported) - 1 == total  # the header, then a line per record
    finally:
        with psycopg.connect(live_airflow.app_dsn) as conn:
            for r in rows:  # the names and e-mails the import changed
                conn.execute("UPDATE contacts SET first_name = %s, last_name = %s, "
                             "email = nullif(%s, '') WHERE id = %s", (r[1], r[2], r[3], r[0]))  # fmt: skip
    for name in ("import-rejects", "export-scheduled", "export-cancelled"):
        assert (ARTIFACTS / f"status-{name}.png").stat().st_size > 10_000, name


def test_the_page_api_returns_every_problem_of_a_rejected_row(live_airflow, backed_up_live):
    """A row with a bad id, `maybe` for a boolean and a date that is not ISO (issue 30): its
    three problems, each named, for who may run imports; a viewer reads the counts of rows only."""
    from tests.airflow.test_backups_page import raw
    from tests.dbutil import first_org

    org = first_org(live_airflow.app_dsn)
    data = ("id,organization_id,first_name,last_name,email,is_demo,created_at,updated_at\n"
            f"42,{org},Ada,Lovelace,ada@example.org,maybe,03/11/2026,2026-11-03T10:00:00Z\n"
            ).encode()  # fmt: skip
    headers = {"Authorization": f"Bearer {live_airflow.token('op')}", "Content-Type": "text/csv"}
    status, answer = raw(live_airflow, "POST", "/airvault/api/imports/upload?filename=three.csv",
                         data, headers)  # fmt: skip
    assert status == 200, answer
    status, started = live_airflow.call("POST", "/airvault/api/imports", {
        "file": json.loads(answer)["file"], "table": "contacts", "dry_run": True}, user="op")  # fmt: skip
    assert status == 200, started
    live_airflow.wait_for_run("import", started["run_id"])
    path = f"/airvault/api/imports/{started['run_id']}"
    _, report = live_airflow.call("GET", path, user="op")
    assert (report["report"]["rejected"], report["report"]["problems"]) == (1, 3), report
    problems = [(r["line"], r["column"], r["value"]) for r in report["rejects"]]
    assert problems == [(2, "id", "42"), (2, "is_demo", "maybe"), (2, "created_at", "03/11/2026")]
    assert all(r["reason"] for r in report["rejects"])
    _, seen = live_airflow.call("GET", path, user="viewer")
    assert seen["rejects"] is None and seen["withheld"]
    assert seen["report"]["rejected"] == 1 and "problems" not in seen["report"]
    assert "maybe" not in json.dumps(seen)
