"""Scheduled jobs added on the Backups page (issue 30.4): each kind becomes a DAG with the
timetable chosen when the DAG files are parsed; one that breaks a rule of the config is left
out, named with its field, and every other DAG still imports; removing one removes its DAG."""

from __future__ import annotations

import json

from tests.airflow.test_dags import load_dags
from tests.airflow.test_schedule_edits import _overlay, _summary
from tests.airflow_env import write_config
from tests.cli.test_cli_and_config import airvault

BY = {"added_by": "op", "added_at": "2026-12-06T02:00:00+00:00"}
ADDED = {
    "module_backup_contacts_hourly": {"kind": "module", "name": "contacts_hourly",
                                      "module": "contacts", "preset": "hourly", "cron": "5 * * * *",
                                      "retention": {"keep_last": 3}, **BY},
    "tenant_backup_acme": {"kind": "tenant", "name": "acme", "tenant": "org-acme",
                           "preset": "daily", "cron": "0 1 * * *", "timezone": "Europe/Paris", **BY},
    "pg_dump_archive_monthly": {"kind": "archive", "name": "monthly", "preset": "monthly",
                                "cron": "0 4 1 * *", **BY},
    "export_contacts_json": {"kind": "export", "name": "contacts_json", "dataset": "contacts",
                             "format": "json", "cron": "0 7 * * 1-5", **BY},
    # each breaks one rule: left out, named with its field
    "export_secrets": {"kind": "export", "name": "secrets", "dataset": "pg_catalog.pg_authid",
                       "cron": "0 7 * * *", **BY},
    "module_backup_nope": {"kind": "module", "name": "nope", "module": "nope", **BY},
    "tenant_backup_demo_org_1": {"kind": "tenant", "name": "demo_org_1", "tenant": "x", **BY},
    "tenant_backup_typo": {"kind": "tenant", "name": "typo", "tenant": "x", "cron": "0 1 * *", **BY},
}  # fmt: skip


def test_added_jobs_become_dags_and_bad_ones_are_left_out_named(tmp_path, tmp_root):
    from airvault.config import load_config
    from airvault.schedule_additions import remove_added

    config_path = write_config(tmp_path / "airvault.yaml", f"file://{tmp_root}")
    overlay = _overlay(config_path, {})
    overlay.write_text(json.dumps({"version": 1, "edits": {}, "added": ADDED}))
    dags = load_dags(config_path)  # asserts: no import error
    assert _summary(dags["module_backup_contacts_hourly"]) == ("5 * * * *", "UTC")
    assert _summary(dags["tenant_backup_acme"]) == ("0 1 * * *", "Europe/Paris")
    assert _summary(dags["pg_dump_archive_monthly"]) == ("0 4 1 * *", "UTC")
    assert _summary(dags["export_contacts_json"]) == ("0 7 * * 1-5", "UTC")
    assert dags["tenant_backup_acme"].get_task("backup").tenant == "org-acme"
    assert dags["module_backup_contacts_hourly"].get_task("backup").module == "contacts"
    assert dags["export_contacts_json"].get_task("export").format == "json"
    assert _summary(dags["module_backup_contacts"])[0] is None  # the config's own, unchanged
    assert "pg_dump_archive" in dags and "tenant_backup_demo_org_1" in dags
    for left_out in ("export_secrets", "module_backup_nope", "tenant_backup_typo"):
        assert left_out not in dags

    config = load_config(config_path)
    assert config.retention.policy_for("module", "contacts").keep_last == 3
    problems = " | ".join(config.edits.problems)
    assert "export_secrets (added on the page): dataset: " in problems
    assert "module_backup_nope (added on the page): module: 'nope' is not a module" in problems
    assert "tenant_backup_demo_org_1 (added on the page): name: " in problems
    assert "already exists" in problems
    assert "tenant_backup_typo (added on the page): cron: " in problems
    assert problems.count("left out, its DAG is not made") == 4
    checked = airvault(
        "--config", str(config_path), "check", "--dsn", "postgresql://x@127.0.0.1:1/x"
    )
    assert "added schedule: tenant_backup_acme (tenant org-acme): 0 1 * * * (Europe/Paris), " \
        "by op" in checked.stdout  # fmt: skip
    assert "warning: schedule edits: " in checked.stderr and "export_secrets" in checked.stderr

    remove_added(config, "tenant_backup_acme")
    assert "tenant_backup_acme" not in json.loads(overlay.read_text())["added"]
    assert "acme" not in load_config(config_path).tenancy.backups  # so its DAG goes
