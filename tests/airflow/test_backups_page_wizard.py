"""The Backups page's restore wizard against a live api-server: choose a backup, a mode and a
scope, read the dry run's plan per table (cascades included), type RESTORE, follow the run,
and undo it with the command the page shows. Its endpoints' 401 and 403 too."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg

from tests.airflow.test_backups_page import ARTIFACTS, chromium
from tests.airflow.test_backups_page_status import live_config  # noqa: F401 (a fixture)
from tests.page_browser import page_as, unnamed_controls

AIRVAULT = str(Path(sys.executable).parent / "airvault")
NOTES = "public.contact_notes"  # made by the test: its foreign key to contacts cascades
UNREFERENCED = """SELECT c.id FROM contacts c
  WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.primary_contact_id = c.id)
    AND NOT EXISTS (SELECT 1 FROM leads l WHERE l.converted_contact_id = c.id)
    AND NOT EXISTS (SELECT 1 FROM deals d WHERE d.contact_id = c.id)
    AND NOT EXISTS (SELECT 1 FROM activities x WHERE x.contact_id = c.id)
  ORDER BY c.id DESC LIMIT 1"""


def _config(live) -> Path:
    return live.storage.parent / "airvault.yaml"


def _full_backup(live) -> str:
    """A full backup of the live app database (the CLI, the live config); its URL."""
    out = subprocess.run([AIRVAULT, "--config", str(_config(live)), "backup", "--dsn", live.app_dsn,
                          "--kind", "full"], check=True, capture_output=True, text=True)  # fmt: skip
    return out.stdout.strip().splitlines()[-1]


def _count(dsn: str, query: str) -> int:
    with psycopg.connect(dsn) as conn:
        return conn.execute(query).fetchone()[0]


def _change_contacts(dsn: str) -> dict:
    """After the backup: a contact changed, one deleted (nothing references it), one added with
    two notes in a table whose foreign key cascades. How many of each, as the plan should say."""
    with psycopg.connect(dsn) as conn:
        conn.execute(f"CREATE TABLE {NOTES} (id serial PRIMARY KEY, note text, contact_id uuid "
                     "NOT NULL REFERENCES public.contacts (id) ON DELETE CASCADE)")  # fmt: skip
        updated = conn.execute("UPDATE contacts SET notes = coalesce(notes, '') || ' (changed)' "
                               "WHERE id = (SELECT id FROM contacts ORDER BY id LIMIT 1)").rowcount  # fmt: skip
        deleted = conn.execute(f"DELETE FROM contacts WHERE id = ({UNREFERENCED})").rowcount
        added = uuid.uuid4()
        inserted = conn.execute(
            "INSERT INTO contacts (id, organization_id, first_name, last_name, created_at, "
            "updated_at) SELECT %s, organization_id, 'Added', 'Later', now(), now() FROM contacts "
            "LIMIT 1", (added,)).rowcount  # fmt: skip
        notes = conn.execute(f"INSERT INTO {NOTES} (note, contact_id) VALUES ('a', %s), "
                             "('b', %s)", (added, added)).rowcount  # fmt: skip
    return {
        "insert": deleted,
        "update": updated,
        "delete": inserted,
        "notes": notes,
        "added": added,
    }


def _put_contacts_back(live, backup_url: str) -> None:
    with psycopg.connect(live.app_dsn) as conn:
        conn.execute(f"DROP TABLE IF EXISTS {NOTES}")
    subprocess.run([AIRVAULT, "--config", str(_config(live)), "restore", "--from", backup_url,
                    "--module", "contacts", "--dsn", live.app_dsn, "--yes",
                    "--no-safety-backup"], check=True, capture_output=True)  # fmt: skip


def test_wizard_endpoints_need_a_user_and_the_right_role(live_airflow, backed_up_live):
    from airvault.storage.manifest import read_manifest
    from airvault.storage.store import open_store

    options = f"/airvault/api/restore/options?url={backed_up_live}"
    for path in (options, "/airvault/api/restore/manual__x", "/airvault/restore_wizard.js"):
        assert live_airflow.call("GET", path, user=None)[0] == 401, path
    status, answer = live_airflow.call("GET", options, user="viewer")
    assert status == 403 and "may not plan a restore" in answer["detail"]
    status, found = live_airflow.call("GET", options, user="op")
    assert status == 200, found
    manifest = read_manifest(open_store(backed_up_live))
    contacts = next(t for t in found["tables"] if t["table"] == "public.contacts")
    assert contacts["rows"] == next(t.rows for t in manifest.tables if t.name == "contacts")
    assert {"contacts", "deals"} <= {m["module"] for m in found["modules"]}
    assert found["modes"] == ["replace", "merge", "new-database"]
    assert found["confirm_word"] == "RESTORE"
    bad = live_airflow.call("GET", "/airvault/api/restore/options?url=file:///etc", user="op")
    assert bad[0] == 400 and "not under the storage root" in bad[1]["detail"]
    status, answer = live_airflow.call("POST", "/airvault/api/restore", {
        "url": backed_up_live, "module": "nope", "dry_run": True})  # fmt: skip
    assert status == 400 and "'nope' is not a module of the config" in answer["detail"]
    status, answer = live_airflow.call("POST", "/airvault/api/restore", {
        "url": backed_up_live, "module": "contacts", "dry_run": True}, user="viewer")  # fmt: skip
    assert status == 403
    # a run that does not exist: 404, as Airflow says
    assert live_airflow.call("GET", "/airvault/api/restore/manual__nope", user="viewer")[0] == 404


def test_a_failed_dry_run_says_which_step_failed_and_why(live_airflow, backed_up_live):
    """new-database into the app database, which exists: the plan step refuses it, and the
    wizard's progress names the step and the reason its task logged."""
    from psycopg.conninfo import conninfo_to_dict

    live_airflow.wait_for_dag("restore")
    status, started = live_airflow.call("POST", "/airvault/api/restore", {
        "url": backed_up_live, "mode": "new-database", "dry_run": True}, user="op")  # fmt: skip
    assert status == 200, started
    live_airflow.wait_for_run("restore", started["run_id"])
    status, progress = live_airflow.call("GET", f"/airvault/api/restore/{started['run_id']}",
                                         user="viewer")  # fmt: skip
    assert status == 200 and progress["state"] == "failed" and progress["plan"] is None
    # a viewer learns which step failed; the reason (it may quote data) needs op's right
    assert progress["failure"] == {"step": "plan", "error": None}
    progress = live_airflow.call("GET", f"/airvault/api/restore/{started['run_id']}",
                                 user="op")[1]  # fmt: skip
    assert progress["failure"]["step"] == "plan"
    name = conninfo_to_dict(live_airflow.app_dsn)["dbname"]
    assert f"database '{name}' already exists" in progress["failure"]["error"]
    states = {s["step"]: s["state"] for s in progress["steps"]}
    assert states["verify"] == "success" and states["apply"] != "success"


@chromium
def test_the_restore_wizard_plans_applies_and_shows_the_undo(live_airflow, backed_up_live):
    from playwright.sync_api import expect

    from airvault.storage.manifest import read_manifest
    from airvault.storage.store import open_store

    live_airflow.wait_for_dag("restore")
    backup = _full_backup(live_airflow)
    backed_up_contacts = next(
        t.rows for t in read_manifest(open_store(backup)).tables if t.name == "contacts"
    )
    changed = _change_contacts(live_airflow.app_dsn)
    assert all(changed[k] for k in ("insert", "update", "delete", "notes")), changed
    contacts_now = _count(live_airflow.app_dsn, "SELECT count(*) FROM contacts")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    errors: list[str] = []
    try:
        with page_as(live_airflow, "op", errors) as page:
            row = page.locator(f'#backups tbody tr[data-url="{backup}"]')
            row.wait_for(timeout=30_000)
            row.get_by_role("button", name="Restore…").click()

            # 1. the choices: replace, the contacts module, cascades allowed (by keyboard)
            panel = page.locator("#panel")
            expect(panel.get_by_role("radio", name="replace: the tables end equal")).to_be_checked()
            panel.get_by_label("Module to restore").select_option("contacts")
            expect(panel.get_by_role("radio", name="a module")).to_be_checked()
            panel.get_by_label("let the restore's deletes cascade").focus()
            page.keyboard.press("Space")
            expect(panel.get_by_label("let the restore's deletes cascade")).to_be_checked()
            assert unnamed_controls(page, "#panel") == []
            panel.get_by_role("button", name="Plan (dry run)").click()

            # 2. the plan: per table what the restore will insert, update and delete
            plan = page.locator("#plan")
            plan.wait_for(timeout=240_000)  # the restore DAG's verify and plan run
            cells = plan.locator('tr[data-table="public.contacts"] td')
            expect(cells.nth(1)).to_have_text("selected")
            expect(cells.nth(2)).to_have_text(f"{backed_up_contacts:,}")
            expect(cells.nth(3)).to_have_text(f"{contacts_now:,}")
            numbers = [cells.nth(i).inner_text() for i in (4, 5, 6)]
            assert numbers == [str(changed["insert"]), str(changed["update"]),
                               str(changed["delete"])]  # fmt: skip
            notes = plan.locator(f'tr[data-table="{NOTES}"] td')
            expect(notes.nth(1)).to_have_text("cascade")
            expect(notes.nth(6)).to_have_text(str(changed["notes"]))
            expect(page.locator("#wz-cascades")).to_contain_text(NOTES)
            # the dry run wrote nothing
            assert _count(live_airflow.app_dsn, f"SELECT count(*) FROM {NOTES}") == 2
            apply = panel.get_by_role("button", name="Restore now")
            expect(apply).to_be_disabled()
            page.screenshot(path=str(ARTIFACTS / "status-restore-plan.png"), full_page=True)

            # 3. typed RESTORE: the restore runs, step by step, and says what it did
            panel.get_by_label("Type RESTORE to confirm").fill("RESTORE")
            expect(apply).to_be_enabled()
            apply.click()
            expect(page.locator("#wz-steps")).to_be_visible(timeout=30_000)
            result = page.locator("#wz-result")
            result.wait_for(timeout=300_000)
            expect(result).to_have_text("restored")
            for step in ("verify", "plan", "safety_backup", "apply", "check"):
                expect(page.locator(f'#wz-steps li[data-step="{step}"]')).to_contain_text("success")
            applied = page.locator('#applied tr[data-table="public.contacts"] td')
            expect(applied.nth(6)).to_have_text(str(changed["delete"]))
            expect(page.locator("#wz-check")).to_contain_text("read back equal to the backup")
            count = "SELECT count(*) FROM contacts"
            assert _count(live_airflow.app_dsn, count) == backed_up_contacts
            assert _count(live_airflow.app_dsn, f"SELECT count(*) FROM {NOTES}") == 0
            undo = page.locator("#undo").inner_text()
            keys = page.locator("#wz-safety").inner_text()
            page.screenshot(path=str(ARTIFACTS / "status-restore-done.png"), full_page=True)

            # 4. Plan the undo: the safety backup, planned like any backup, reverses each number
            panel.get_by_role("button", name="Plan the undo…").click()
            expect(panel.locator("#wz-title")).to_contain_text("Safety backup before restore")
            panel.get_by_role("button", name="Plan (dry run)").click()
            plan.wait_for(timeout=240_000)
            cells = plan.locator('tr[data-table="public.contacts"] td')
            expect(cells.nth(4)).to_have_text(str(changed["delete"]))  # the added one back
            assert [cells.nth(i).inner_text() for i in (5, 6)] == [
                str(changed["update"]), str(changed["insert"])]  # fmt: skip
            expect(plan.locator(f'tr[data-table="{NOTES}"] td').nth(4)).to_have_text(
                str(changed["notes"])
            )
        assert errors == []

        # 4. the undo command, as shown, puts back what the restore replaced (Airflow not needed)
        safety = shlex.split(undo.split("--from ", 1)[1])[0]
        assert read_manifest(open_store(safety)).kind == "pre-restore"
        assert "AIRVAULT_SIGNING_KEY" in keys  # the page says where the key comes from
        # in a shell, from another folder, with the CLI on PATH and the key in the environment
        env = {k: v for k, v in os.environ.items() if k != "AIRVAULT_CONFIG"}
        env |= {"TARGET_DSN": live_airflow.app_dsn,
                "PATH": f"{Path(AIRVAULT).parent}{os.pathsep}{env.get('PATH', '')}"}  # fmt: skip
        done = subprocess.run(["bash", "-c", f"{undo} --yes"], cwd="/", env=env,
                              capture_output=True, text=True)  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert _count(live_airflow.app_dsn, count) == contacts_now
        assert _count(live_airflow.app_dsn, f"SELECT count(*) FROM {NOTES}") == changed["notes"]
        added = f"SELECT count(*) FROM contacts WHERE id = '{changed['added']}'"
        assert _count(live_airflow.app_dsn, added) == 1
    finally:
        _put_contacts_back(live_airflow, backup)
    for name in ("restore-plan", "restore-done"):
        assert (ARTIFACTS / f"status-{name}.png").stat().st_size > 10_000, name


def test_the_wizard_reads_a_backup_from_a_copy_by_name(
    live_airflow,
    backed_up_live,
    live_config,  # noqa: F811
    tmp_path,
):
    """`copy` names one of the config's copies: the wizard's options come from the backup
    there (the root's URL names the same folder); a copy the config lacks, or a point in
    time from a copy, is refused before any run is made."""
    import yaml

    from airvault.config import load_config
    from airvault.ops.copies import open_sites, relative_to, sync
    from airvault.storage.store import open_store

    offsite = tmp_path / "offsite"
    data = yaml.safe_load(live_config.read_text())
    data["copies"] = {"offsite": {"url": f"file://{offsite}"}}
    live_config.write_text(yaml.safe_dump(data))
    root = open_store(live_airflow.storage)
    rel = relative_to(root, backed_up_live)
    sync(root, open_sites(load_config(live_config), root, lambda u, _c: open_store(u)), [rel])

    options = f"/airvault/api/restore/options?url={backed_up_live}&copy=offsite"
    status, found = live_airflow.call("GET", options, user="op")
    assert status == 200, found
    assert found["url"] == f"file://{offsite}/{rel}" and found["copies"] == ["offsite"]
    assert any(t["table"] == "public.contacts" for t in found["tables"])
    status, answer = live_airflow.call("GET", options.replace("=offsite", "=nearby"), user="op")
    assert status == 400 and "'nearby' is not a copy of the config (offsite)" in answer["detail"]
    status, answer = live_airflow.call("POST", "/airvault/api/restore", {
        "url": backed_up_live, "copy": "offsite", "until": "latest", "dry_run": True})  # fmt: skip
    assert status == 400 and "not a copy" in answer["detail"]
