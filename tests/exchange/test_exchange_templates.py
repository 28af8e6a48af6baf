"""Export and import templates and bulk exports on the Backups page (issue 30.7), against the
live api-server and scheduler: the export form's choices (every declared dataset with its
columns), an export template saved once and reused by the page and by `airvault export
--template`, giving the same files; several datasets of one tenant in one ZIP; an import's
column mapping saved as a template and reused; the entry a recurring export needs."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import urllib.request
import zipfile
from pathlib import Path

import psycopg

from tests.airflow.test_backups_page import raw
from tests.airflow.test_backups_page_exchange import _contacts, _csv_from_another_crm
from tests.dbutil import first_org

CLI = str(Path(sys.executable).with_name("airvault"))


def _fetch(live, path: str, user: str = "op") -> bytes:
    request = urllib.request.Request(f"{live.url}{path}",
                                     headers={"Authorization": f"Bearer {live.token(user)}"})  # fmt: skip
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.read()


def _finished(live, dag_id: str, run_id: str) -> dict:
    """The run once it ended. The first task a fresh api-server runs makes it build Airflow's
    execution API (Cadwyn's versioned routes) on its event loop: on a loaded machine that
    outlasts one request's timeout, so a timed-out poll is tried again."""
    for attempt in range(3):
        try:
            return live.wait_for_run(dag_id, run_id)
        except TimeoutError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as bundle:
        return {n: bundle.read(n) for n in bundle.namelist()}


def _upload_csv(live, data: bytes) -> dict:
    headers = {"Authorization": f"Bearer {live.token('op')}", "Content-Type": "text/csv"}
    status, answer = raw(
        live, "POST", "/airvault/api/imports/upload?filename=crm.csv", data, headers
    )
    assert status == 200, answer
    return json.loads(answer)


def test_templates_and_a_bulk_zip_from_the_page(live_airflow, backed_up_live, tmp_path):
    live, org = live_airflow, first_org(live_airflow.app_dsn)
    # the form offers every declared dataset: modules and tables, with their columns
    status, options = live.call("GET", "/airvault/api/exports/options", user="viewer")
    assert status == 200, options
    assert {"contacts", "deals"} <= {m["name"] for m in options["modules"]}
    assert "email" in options["tables"]["public.contacts"]
    assert "public.products" in options["tables"] and options["tenant_column"] == "organization_id"
    choices = {"datasets": ["contacts", "public.products"], "format": "zip", "tenant": org,
               "timezone": "Europe/Paris"}  # fmt: skip
    body = {"name": "tenant-sales", "choices": choices}
    status, answer = live.call("POST", "/airvault/api/exports/templates", body, user="viewer")
    assert status == 403 and "may not save templates" in answer["detail"]
    bad = {"name": "x", "choices": {"datasets": ["auth.users"], "columns": ["encrypted_password"]}}
    status, answer = live.call("POST", "/airvault/api/exports/templates", bad, user="op")
    assert status == 400 and "encrypted_password" in answer["detail"], answer
    status, saved = live.call("POST", "/airvault/api/exports/templates", body, user="op")
    assert status == 200 and saved["saved_by"] == "op", saved
    _, options = live.call("GET", "/airvault/api/exports/options", user="op")
    assert [t["choices"] for t in options["templates"] if t["name"] == "tenant-sales"] == [
        {**saved["choices"]}
    ]

    # an import mapping saved as a template, reused by name on the next upload
    rows = _contacts(live.app_dsn, 3)
    data = _csv_from_another_crm(rows, bad_line=3)
    uploaded = _upload_csv(live, data)
    mapping = {"First Name": "first_name", "Last Name": "last_name", "E-mail": "email"}
    body = {"name": "other-crm", "table": "contacts", "mapping": mapping}
    assert live.call("POST", "/airvault/api/imports/templates", body, user="viewer")[0] == 403
    status, answer = live.call("POST", "/airvault/api/imports/templates", body, user="op")
    assert status == 200 and answer["mapping"] == mapping, answer
    uploaded = _upload_csv(live, data)
    (offered,) = [m for m in uploaded["mappings"] if m["name"] == "other-crm"]
    assert offered["fits"] and offered["saved_by"] == "op" and offered["table"] == "contacts"

    # both reused: the export by its template, the import's dry run by its mapping
    status, exported = live.call(
        "POST", "/airvault/api/exports", {"template": "tenant-sales"}, user="op"
    )
    assert status == 200, exported
    assert _finished(live, "export", exported["run_id"])["state"] == "success"
    status, checked = live.call("POST", "/airvault/api/imports", {
        "file": uploaded["file"], "table": "contacts", "template": "other-crm",
        "mode": "update-only", "dry_run": True}, user="op")  # fmt: skip
    assert status == 200, checked
    _finished(live, "import", checked["run_id"])
    _, report = live.call("GET", f"/airvault/api/imports/{checked['run_id']}", user="op")
    assert (report["report"]["rows"], report["report"]["rejected"]) == (len(rows), 1), report
    (reject,) = report["rejects"]
    assert (reject["line"], reject["column"], reject["file_column"]) == (3, "email", "E-mail")
    assert reject["value"] == "not-an-email"

    # one ZIP holding each dataset, only the tenant's rows, every one of them
    _, jobs = live.call("GET", "/airvault/api/jobs", user="op")
    (job,) = [j for j in jobs["jobs"] if j["run_id"] == exported["run_id"]]
    assert [f["name"] for f in job["files"]] == ["export.zip"]
    page_zip = _members(_fetch(live, f"/airvault/api/jobs/download?file={job['files'][0]['file']}"))
    assert sorted(page_zip) == ["contacts.csv", "products.csv"]
    with psycopg.connect(live.app_dsn) as conn:
        for table in ("contacts", "products"):
            lines = list(csv.DictReader(io.StringIO(page_zip[f"{table}.csv"].decode())))
            count = conn.execute(f"SELECT count(*) FROM {table} WHERE organization_id = %s",
                                 (org,)).fetchone()[0]  # fmt: skip
            assert len(lines) == count > 0 and {r["organization_id"] for r in lines} == {org}

    # the CLI reuses the same template from the storage: the same files
    env = {**live.env, "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin"}
    out = subprocess.run([CLI, "export", "--template", "tenant-sales", "--dsn", live.app_dsn,
                          "--to", str(tmp_path)], capture_output=True, text=True, env=env)  # fmt: skip
    assert out.returncode == 0, out.stderr
    (cli_zip,) = (tmp_path / "exports" / "bundle").glob("*/export.zip")
    assert _members(cli_zip.read_bytes()) == page_zip


def test_a_recurring_export_entry_and_a_damaged_template(live_airflow):
    live = live_airflow
    body = {"name": "daily_contacts", "schedule": "0 6 * * *",
            "choices": {"datasets": ["contacts"], "format": "csv", "tenant": "x"}}  # fmt: skip
    status, entry = live.call("POST", "/airvault/api/exports/recurring", body, user="viewer")
    assert status == 200 and entry["dag_id"] == "export_daily_contacts", entry
    assert "daily_contacts:\n    dataset: contacts\n    schedule: 0 6 * * *" in entry["yaml"]
    assert entry["left_out"] == ["tenant"]  # what a recurring export cannot take, said
    status, answer = live.call("POST", "/airvault/api/exports/recurring",
                               {**body, "schedule": "every day"}, user="viewer")  # fmt: skip
    assert status == 400 and "every day" in answer["detail"]
    # a template edited by hand in the storage: listed as a problem, refused when used
    folder = live.storage / "templates" / "export"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "broken.json").write_text('{"kind": "export", "name": "broken", "choices": {}}')
    _, options = live.call("GET", "/airvault/api/exports/options", user="op")
    assert any(
        "broken.json is not a valid export template" in p for p in options["template_problems"]
    )
    status, answer = live.call("POST", "/airvault/api/exports", {"template": "broken"}, user="op")
    assert status == 400 and "broken.json" in answer["detail"]
