"""Point in time on the Backups page, against a live api-server: with change capture on, the
status strip shows the RPO, and the restore wizard restores a module as it was at a moment
after its backup (the changes captured since replayed): the dry run's plan first, then
RESTORE. Its endpoint refuses a malformed point."""

from __future__ import annotations

import os
import subprocess
import time
import uuid

import psycopg
import yaml

from airvault.capture.drain import drain
from airvault.capture.slot import start_capture, stop_capture
from airvault.storage.store import open_store
from tests.airflow.test_backups_page import ARTIFACTS, chromium
from tests.airflow.test_backups_page_status import live_config  # noqa: F401 (a fixture)
from tests.airflow.test_backups_page_wizard import AIRVAULT, _config, _count, _full_backup
from tests.dbutil import INFRA
from tests.page_browser import page_as, unnamed_controls

CONTACTS = "SELECT md5(string_agg(x::text, '|' ORDER BY x.id)) FROM contacts x"


def _capture_on(path, slot: str) -> None:
    data = yaml.safe_load(path.read_text())
    data["capture"].update(enabled=True, slot=slot, publication=slot)
    path.write_text(yaml.safe_dump(data))


def test_a_malformed_point_is_refused_before_any_run(live_airflow, backed_up_live):
    status, answer = live_airflow.call("POST", "/airvault/api/restore", {
        "url": backed_up_live, "until": "yesterday-ish", "dry_run": True}, user="op")  # fmt: skip
    assert status == 400 and "give 'latest', an LSN" in answer["detail"]
    status, answer = live_airflow.call("POST", "/airvault/api/restore", {
        "url": backed_up_live, "until": "latest", "dry_run": True}, user="viewer")  # fmt: skip
    assert status == 403
    assert live_airflow.call("GET", "/airvault/api/restore/x?dag=backup_diff")[0] == 404


@chromium
def test_the_wizard_restores_a_module_to_a_point_in_time(live_airflow, live_config):  # noqa: F811
    from playwright.sync_api import expect

    dsn = live_airflow.app_dsn
    slot = f"page_{os.getpid()}"
    start_capture(dsn, slot, slot, exclude=INFRA)
    _capture_on(live_config, slot)
    live_airflow.wait_for_dag("restore_point_in_time")
    base = _full_backup(live_airflow)  # taken while capture runs: a base
    added = uuid.uuid4()
    try:
        with psycopg.connect(dsn, autocommit=True) as conn:  # before the point
            conn.execute("UPDATE contacts SET phone = '+1 555 0100' WHERE id = (SELECT id FROM "
                         "contacts ORDER BY id LIMIT 1)")  # fmt: skip
            conn.execute("INSERT INTO contacts (id, organization_id, first_name, last_name, "
                         "created_at, updated_at) SELECT %s, organization_id, 'Kept', 'Then', "
                         "now(), now() FROM contacts LIMIT 1", (added,))  # fmt: skip
            then = conn.execute("SELECT clock_timestamp()").fetchone()[0].isoformat()
            contacts_then = conn.execute(CONTACTS).fetchone()[0]
            time.sleep(0.2)  # after the point: one changed again, the added one deleted
            conn.execute("UPDATE contacts SET phone = '+1 555 0199' WHERE id = (SELECT id FROM "
                         "contacts ORDER BY id LIMIT 1)")  # fmt: skip
            conn.execute("DELETE FROM contacts WHERE id = %s", (added,))
        time.sleep(1.2)
        drain(dsn, open_store(live_airflow.storage), slot, slot)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        errors: list[str] = []
        with page_as(live_airflow, "op", errors) as page:
            rpo = page.locator("#rpo-card")
            rpo.wait_for(timeout=30_000)
            expect(rpo).to_contain_text("RPO")
            expect(rpo).to_contain_text(f"change capture · {slot}")
            row = page.locator(f'#backups tbody tr[data-url="{base}"]')
            row.wait_for(timeout=30_000)
            row.get_by_role("button", name="Restore…").click()
            panel = page.locator("#panel")
            expect(panel.get_by_role("radio", name="a point in time after it")).to_be_visible()
            expect(panel).to_contain_text("changes are in storage up to")
            panel.get_by_label("Module to restore").select_option("contacts")
            panel.get_by_label("Point in time: an ISO time (UTC), an LSN or latest").fill(then)
            expect(panel.get_by_role("radio", name="a point in time after it")).to_be_checked()
            assert unnamed_controls(page, "#panel") == []
            panel.get_by_role("button", name="Plan (dry run)").click()

            plan = page.locator("#plan")
            plan.wait_for(timeout=300_000)  # scratch database, replay, the point's plan
            expect(page.locator("#wz-replay")).to_contain_text("public.contacts: 2")
            cells = plan.locator('tr[data-table="public.contacts"] td')
            assert [cells.nth(i).inner_text() for i in (4, 5, 6)] == ["1", "1", "0"]
            assert (
                _count(dsn, f"SELECT count(*) FROM contacts WHERE id = '{added}'") == 0
            )  # dry run
            page.screenshot(path=str(ARTIFACTS / "status-restore-point-in-time.png"),
                            full_page=True)  # fmt: skip

            panel.get_by_label("Type RESTORE to confirm").fill("RESTORE")
            panel.get_by_role("button", name="Restore now").click()
            result = page.locator("#wz-result")
            result.wait_for(timeout=300_000)
            expect(result).to_have_text("restored")
            expect(page.locator("#undo")).to_contain_text("airvault restore --from")
        assert errors == []
        with psycopg.connect(dsn) as conn:
            assert conn.execute(CONTACTS).fetchone()[0] == contacts_then  # as it was then
    finally:
        stop_capture(dsn, slot, slot)
        subprocess.run([AIRVAULT, "--config", str(_config(live_airflow)), "restore", "--from",
                        base, "--module", "contacts", "--dsn", dsn, "--yes",
                        "--no-safety-backup"], check=True, capture_output=True)  # fmt: skip
