"""airvault's Airflow roles (FAB auth manager), defined once: the DAG factories' `access_control`
and the init step that creates the roles (`python -m airvault.airflow.roles`) both read them.

- `airvault_viewer`: FAB's Viewer rights (reads every DAG, run and report) but task logs and
  XComs (they quote data), and the plugins list, which Airflow's UI reads to show the Backups
  page in its navigation; triggers nothing.
- `airvault_operator`: a viewer's rights, and runs the DAGs that back up, verify and export.
- `airvault_restorer`: a viewer's rights, and runs the DAGs that restore and import.
- `Admin` (FAB's own): everything, users and roles included (and retention, which deletes).

A role may trigger a DAG only where that DAG's `access_control` names it (FAB's DAG-level
permissions), so the REST API, Airflow's UI and the Backups page (which asks the auth manager,
never a role name) refuse alike. Do not give people FAB's `User` or `Op` roles: they may edit
and trigger every DAG. Under the simple auth manager (tests, the single-user demo) access_control
is ignored.

Usage: python -m airvault.airflow.roles [--users USERS.json]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

# What a DAG does (each airvault DAG factory names one); retention_cleanup names none: it
# deletes backups, so only Admin (who may run every DAG) runs it by hand.
BACKUP = "backup"  # full, module, tenant backups, pg_dump archives, change capture, health
VERIFY = "verify"  # verify_backup, restore drills (into a scratch database), backup diffs
EXPORT = "export"  # export and the recurring export_<name> DAGs (declared datasets)
RESTORE = "restore"  # restore, restore_point_in_time
IMPORT = "import"  # import, import_incoming
MAINTAIN = "maintain"  # retention_cleanup

VIEWER, OPERATOR, RESTORER = "airvault_viewer", "airvault_operator", "airvault_restorer"
ADMIN = "Admin"  # FAB's own
MAY_RUN: dict[str, frozenset[str]] = {
    VIEWER: frozenset(),
    OPERATOR: frozenset({BACKUP, VERIFY, EXPORT}),
    RESTORER: frozenset({RESTORE, IMPORT}),
}
# FAB's DAG-level rights a role gets on a DAG it may run: trigger (POST on runs, which FAB
# checks as create on the run and edit on the DAG), read, delete a queued run. Editing the
# DAG also lets it pause the DAG.
RUN_RIGHTS = {
    "DAGs": {"can_read", "can_edit"},
    "DAG Runs": {"can_read", "can_create", "can_delete"},
}
# Global rights beside FAB's Viewer ones: every airvault role reads the plugins list (the UI's
# navigation comes from it); a role that runs DAGs may also edit runs, which alone gives
# nothing: FAB also asks for edit on the DAG (a DAG-level right above) before a run is
# changed; with it, a role may cancel (PATCH to failed) a queued run of a DAG it may run.
SEE_PAGE = [("can_read", "Plugins")]
# What a viewer does not get of FAB's Viewer rights: task logs and XComs quote data (an
# import's rejected values, a failed task's error text), which only who may run the DAG sees,
# as on the Backups page.
VALUES = {("can_read", "Task Logs"), ("can_read", "XComs")}
CANCEL = [("can_edit", "DAG Runs")]


def access_control(does: str) -> dict[str, dict[str, set[str]]]:
    """A DAG's `access_control`: the airvault roles that may run a DAG that `does` this. Never
    None: an empty map revokes DAG-level rights a role was given before."""
    return {role: RUN_RIGHTS for role, may in MAY_RUN.items() if does in may}


def create_roles(users: Sequence[tuple[str, str, str]] = ()) -> None:
    """FAB's roles and airvault's (idempotent; before the DAGs are parsed: an access_control
    naming a missing role fails the DAG's import), then `users` (name, password, role): made
    when missing, given that one role when they exist. Needs the metadata database migrated (`airflow db migrate`)."""
    from airflow.providers.fab.auth_manager.cli_commands.utils import get_application_builder

    with get_application_builder() as appbuilder:
        sm = appbuilder.sm
        sm.sync_roles()  # FAB's Viewer, User, Op, Admin, Public
        base = [*sm.VIEWER_PERMISSIONS, *SEE_PAGE]
        sm.bulk_sync_roles(
            [
                {
                    "role": role,
                    "perms": base + CANCEL if may else [p for p in base if p not in VALUES],
                }
                for role, may in MAY_RUN.items()
            ]
        )
        viewer = sm.find_role(VIEWER)  # a role made before keeps what it had: take them back
        for action, resource in VALUES:
            permission = sm.get_permission(action, resource)
            if permission is not None and permission in viewer.permissions:
                sm.remove_permission_from_role(viewer, permission)
        for name, password, role in users:
            found = sm.find_role(role)
            if found is None:
                raise SystemExit(f"no role '{role}' for user '{name}'")
            user = sm.find_user(username=name)
            if user is None:
                sm.add_user(name, name, "airvault", f"{name}@airvault.invalid", found, password)
            elif user.roles != [found]:  # a user made before keeps its password, not its role
                user.roles = [found]
                sm.update_user(user)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Create airvault's Airflow roles (FAB).")
    parser.add_argument(
        "--users",
        type=Path,
        metavar="FILE",
        help='also create these users if missing: JSON {"name": {"password": '
        '..., "role": ...}} (a file, so no password shows in `ps`)',
    )
    args = parser.parse_args(argv)
    users = json.loads(args.users.read_text()) if args.users else {}
    create_roles([(name, u["password"], u["role"]) for name, u in users.items()])
    print(f"roles ready: {', '.join([*MAY_RUN, ADMIN])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
