"""docs/security.md's "Roles" table holds: a live api-server with the FAB auth manager, the
roles made by the init step (`python -m airvault.airflow.roles`), the DAG-level permissions
of the DAGs' access_control (`airflow dags reserialize`) and one user per role; every row of
the table is called as each user, through REST and the Backups page. Nothing runs: only the
api-server is up, so a run allowed is created and stays queued."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.live_airflow import LiveAirflow

DOC = Path(__file__).resolve().parents[2] / "docs" / "security.md"
FAB = "airflow.providers.fab.auth_manager.fab_auth_manager.FabAuthManager"
# who logs in (password = name) -> the role the docs' column stands for
USERS = {"viewer": "airvault_viewer", "operator": "airvault_operator",
         "restorer": "airvault_restorer", "admin": "Admin"}  # fmt: skip
UPLOAD = "imports/uploads/contacts.csv"


class LiveFabAirflow(LiveAirflow):
    """Only the api-server, with the FAB auth manager and its users."""

    command = ("api-server", "--apps", "core", "--workers", "1")
    pool = None
    users = {name: name for name in USERS}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for key in [k for k in self.env if k.startswith("AIRFLOW__CORE__SIMPLE_AUTH_MANAGER")]:
            del self.env[key]
        self.env["AIRFLOW__CORE__AUTH_MANAGER"] = FAB
        # the page's "back up now" refuses a paused DAG that has a schedule
        self.env["AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION"] = "False"

    def prepare(self, airflow: str) -> None:
        spec = self.home / "users.json"
        spec.write_text(json.dumps({n: {"password": n, "role": r} for n, r in USERS.items()}))
        python = str(Path(airflow).with_name("python"))
        for command in ([python, "-m", "airvault.airflow.roles", "--users", str(spec)],
                        [airflow, "dags", "reserialize"]):  # fmt: skip
            subprocess.run(command, env=self.env, check=True, capture_output=True)


def documented() -> list[tuple[str, str, str, dict[str, bool]]]:
    """(action, method, path, {user: allowed}) of each row of the Roles table."""
    section = DOC.read_text().split("\n## Roles", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        call = re.fullmatch(r"`(GET|POST|PATCH) (/\S+)`", cells[1]) if len(cells) == 6 else None
        if call:
            assert set(cells[2:]) <= {"yes", "403"}, line
            allowed = {user: c == "yes" for user, c in zip(USERS, cells[2:], strict=True)}
            rows.append((cells[0], *call.groups(), allowed))
    return rows


@pytest.fixture(scope="module")
def fab(pg, demo_dsn, tmp_path_factory):
    from tests.airflow_env import write_config
    from tests.dbutil import backup

    home = tmp_path_factory.mktemp("roles")
    storage = home / "storage"
    (storage / "imports" / "uploads").mkdir(parents=True)
    (storage / UPLOAD).write_text("email,first_name\nana@example.com,Ana\n")
    for result in ("exports/contacts/r1/contacts.csv", "imports/rejects/r1.csv"):
        (storage / result).parent.mkdir(parents=True, exist_ok=True)
        (storage / result).write_text("line,column,reason\n")
    config = write_config(home / "airvault.yaml", f"file://{storage}")
    # the demo database is only read (a backup); runs stay queued, so nothing writes to it
    server = LiveFabAirflow(home / "airflow", pg.create_database(f"roles_meta_{os.getpid()}"),
                            demo_dsn, config)  # fmt: skip
    server.backup_url = backup(demo_dsn, storage).url
    server.doomed_url = backup(demo_dsn, storage).url  # what the admin's delete removes
    server.start(timeout=600)
    yield server
    server.stop()


def bodies(backup_url: str, doomed_url: str) -> dict[str, dict]:
    """What each call of the table sends (valid, so an allowed call is answered 200)."""

    def run(**conf) -> dict:
        return {"logical_date": None, "conf": conf}

    return {
        "/api/v2/dags/full_backup_daily/dagRuns": run(),
        "/api/v2/dags/verify_backup/dagRuns": run(backup_url=backup_url),
        "/api/v2/dags/export/dagRuns": run(dataset="contacts", format="csv"),
        "/api/v2/dags/restore/dagRuns": run(backup_url=backup_url, dry_run=True),
        "/api/v2/dags/restore_point_in_time/dagRuns": run(backup_url=backup_url, dry_run=True),
        "/api/v2/dags/import/dagRuns": run(file=UPLOAD, table="public.contacts", dry_run=True),
        "/api/v2/dags/retention_cleanup/dagRuns": run(),
        "/api/v2/dags/full_backup_daily": {"is_paused": False},  # as it is: no scheduler runs
        "/airvault/api/verify": {"url": backup_url},
        "/airvault/api/exports": {"dataset": "contacts", "format": "csv"},
        "/airvault/api/restore": {"url": backup_url, "dry_run": True},
        "/airvault/api/imports": {"file": UPLOAD, "table": "public.contacts", "dry_run": True},
        "/airvault/api/delete": {"url": doomed_url, "reason": "the roles table"},
        "/airvault/api/pin": {"url": backup_url, "pinned": False},  # no hold: none left
    }


def test_the_roles_table_is_what_airflow_enforces(fab):
    rows = documented()
    assert len(rows) >= 15, "the Roles table of docs/security.md was not found"
    sent = bodies(fab.backup_url, fab.doomed_url)
    wrong = []
    for action, method, path, allowed in rows:
        for user, may in allowed.items():
            query = f"?url={quote(fab.backup_url)}" if path.endswith("/options") else ""
            status, body = fab.call(method, path + query, sent.get(path), user=user)
            if status != (200 if may else 403):
                wrong.append(f"{action} as {user}: {status} {str(body)[:200]}")
    assert not wrong, "\n".join(wrong)


def test_the_refusal_names_what_is_missing_and_no_code_checks_a_role_name(fab):
    status, body = fab.call("POST", "/airvault/api/restore", {"url": fab.backup_url},
                            user="operator")  # fmt: skip
    assert status == 403 and "restore" in json.dumps(body)
    # the roles are named in roles.py only; everything else asks the auth manager
    include = Path(__file__).resolve().parents[2] / "include" / "airvault" / "airflow"
    for source in include.rglob("*.py"):
        if source.name != "roles.py":
            text = source.read_text()
            for name in USERS.values():
                assert f'"{name}"' not in text, f"{source} names the role {name}"


def test_every_airvault_dag_names_who_may_run_it(tmp_path, restored_env):
    """No DAG is left to FAB's defaults (a new factory that forgets access_control fails
    here); restores and imports are never an operator's, exports never a restorer's."""
    from airvault.airflow.roles import OPERATOR, RESTORER
    from tests.airflow.test_dags import load_dags
    from tests.airflow_env import write_config

    dags = load_dags(write_config(tmp_path / "airvault.yaml", f"file://{tmp_path}"))
    assert not [d for d, dag in dags.items() if dag.access_control is None]
    may = {d: set(dag.access_control) for d, dag in dags.items()}
    for dag_id in ("restore", "restore_point_in_time", "import"):
        assert may[dag_id] == {RESTORER}, dag_id
    for dag_id in ("full_backup_daily", "module_backup_contacts", "verify_backup", "export"):
        assert may[dag_id] == {OPERATOR}, dag_id
    assert may["retention_cleanup"] == set()  # deletes backups: Admin only
