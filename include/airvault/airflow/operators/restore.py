"""Restoring a backup: one operator, run whole or one step per task (what the `restore` DAG
does, so each step has its own log, retries and XCom)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from typing import Any

from airvault.airflow.operators.base import AirvaultOperator, core_errors, flag, names

CONFIRM_WORD = "RESTORE"
STEPS = ("all", "verify", "plan", "safety_backup", "apply", "check")


class RestoreOperator(AirvaultOperator):
    """Restore a backup into a database the config names.

    :param backup_url: a backup folder under the storage root (its URL as listed, or a path
        relative to the root), or an upload (``uploads/<id>``); or a backup folder under the
        root of one of the config's copies (its URL there)
    :param copy: read the backup from this copy of the config (``copies.NAME``): a URL of
        the storage root or a path relative to it names the same folder there (what
        restores when the storage root is lost)
    :param mode: "replace" (tables end equal to the backup), "merge" (upsert) or
        "new-database" (create the database of `target_conn_id`)
    :param tables: only these tables (list or comma-separated); `module` adds a module's
    :param target_conn_id: the connection to restore into: ``connections.app_db`` (default) or
        one of ``connections.restore_targets``; nothing else is accepted
    :param roles: new-database: "require", "create" or "ignore" missing roles
    :param owner_map: new-database: give the objects an owner owns to another role: a dict,
        or ``OLD=NEW`` pairs (a list, or comma-separated text), as the CLI's ``--owner-map``
    :param allow_cascade: replace: let ON DELETE CASCADE / SET NULL reach other tables
    :param allow_schema_drift: restore the columns the target shares with the backup
    :param allow_unencrypted: accept an unencrypted backup where backups are encrypted
    :param trust_unsigned: accept a backup this installation did not sign
    :param accept_app_version: replace/merge: restore although the target is at another app
        version (migration head) than the backup (the plan warns)
    :param dry_run: plan only, write nothing (default True: writing is a decision)
    :param confirm: when given, it must say RESTORE before anything is written (a form's
        safeguard; leave it None in code)
    :param step: "all" (verify, plan, safety backup, apply, check in one task), or one of
        "verify", "plan", "safety_backup", "apply", "check"
    :param plan: "safety_backup" and "apply": the plan to apply (``plan.output``, the plan
        step's XCom); it is applied as it is, never made again, and refused if the target
        changed since
    :param previous: the XCom of the step before (``safety.output`` for "apply",
        ``apply.output`` for "check")
    """

    template_fields: Sequence[str] = (
        *AirvaultOperator.template_fields,
        *("backup_url", "copy", "mode", "tables", "module", "target_conn_id", "roles"),
        "owner_map",
        *("allow_cascade", "allow_schema_drift", "allow_unencrypted", "trust_unsigned"),
        *("dry_run", "confirm", "accept_app_version", "plan", "previous"),
    )

    def __init__(
        self,
        *,
        backup_url: str,
        copy: str | None = None,
        mode: str = "replace",
        tables: list[str] | str | None = None,
        module: str | None = None,
        target_conn_id: str | None = None,
        roles: str = "require",
        owner_map: dict[str, str] | list[str] | str | None = None,
        allow_cascade: bool | str = False,
        allow_schema_drift: bool | str = False,
        allow_unencrypted: bool | str = False,
        trust_unsigned: bool | str = False,
        accept_app_version: bool | str = False,
        dry_run: bool | str = True,
        confirm: str | None = None,
        step: str = "all",
        plan: Any = None,
        previous: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        if step not in STEPS:
            raise ValueError(f"step must be one of {', '.join(STEPS)}, not {step!r}")
        self.backup_url, self.mode, self.tables, self.module = backup_url, mode, tables, module
        self.copy = copy
        self.target_conn_id, self.roles, self.owner_map = target_conn_id, roles, owner_map
        self.allow_cascade, self.allow_schema_drift = allow_cascade, allow_schema_drift
        self.allow_unencrypted, self.trust_unsigned = allow_unencrypted, trust_unsigned
        self.accept_app_version = accept_app_version
        # (the dry_run argument shadows BaseOperator.dry_run(), which Airflow 3 never calls)
        self.dry_run, self.confirm, self.step = dry_run, confirm, step  # type: ignore[method-assign, assignment]
        self.plan, self.previous = plan, previous

    # -- what the arguments mean ------------------------------------------------------------
    def _request(self):
        """The RestoreRequest these arguments make, built as the CLI and the page build it."""
        from airvault.restore.request import module_tables, restore_request

        return restore_request(
            str(self.backup_url),
            str(self.mode or "replace"),
            names(self.tables),
            module_tables(self.hook.config, self.module),
            self.owner_map or None,
            roles=self.roles or "require",
            allow_cascade=flag(self.allow_cascade),
            allow_schema_drift=flag(self.allow_schema_drift),
            allow_unencrypted=flag(self.allow_unencrypted),
            accept_app_version=flag(self.accept_app_version),
        )

    def _restore_target(self, safety: bool = False):
        """Where it restores: the target's DSN, this storage for the progress (the Backups
        page shows how far it is) and, with `safety`, the safety backup; the config's row
        filters (SQL: ours, never the manifest's)."""
        from airvault.restore.request import RestoreTarget

        store = self.hook.get_store()
        return RestoreTarget(
            self._target,
            safety_root=store if safety else None,
            progress_root=store,
            row_filters=self.hook.config.backup.row_filters,
            app_version_query=self.hook.config.backup.app_version_query,
        )

    def _confirmed_plan(self):
        """The plan step's plan, refused unless it is the plan of this task's own request
        (the run's Params: what the user confirmed)."""
        from airvault.errors import AirvaultError
        from airvault.restore.plan import RestorePlan

        if self.plan is None:
            raise AirvaultError(f"step {self.step} needs the plan (plan=plan.output)")
        plan = RestorePlan.load(self.plan, "the plan step's result")
        request = self._request()
        if plan.request != request:
            differ = [
                k
                for k in type(request).model_fields
                if getattr(plan.request, k) != getattr(request, k)
            ]
            raise AirvaultError(
                f"plan {plan.id} was made for another request (it differs in "
                f"{', '.join(differ)}): refused, nothing was written"
            )
        return plan

    # resolved once per task: the whole-restore step reads the backup and the target 3 times
    @cached_property
    def _source(self):
        from airvault.storage.opened import OpenedBackup

        store = self.hook.backup_source(
            self.backup_url, trust_unsigned=flag(self.trust_unsigned), copy=self.copy or None
        )
        return OpenedBackup.open(store)

    @cached_property
    def _target(self) -> str:
        return self.hook.restore_target_dsn(self.target_conn_id)

    def _may_write(self) -> None:
        from airflow.sdk.exceptions import AirflowFailException, AirflowSkipException

        if flag(self.dry_run):
            raise AirflowSkipException("dry run: nothing will be written")
        if self.confirm is not None and self.confirm != CONFIRM_WORD:
            raise AirflowFailException(f"not confirmed: set confirm to {CONFIRM_WORD} to apply")

    # -- the steps --------------------------------------------------------------------------
    def execute(self, context: Any) -> dict:
        from airvault.airflow.run_conf import check_run_conf

        check_run_conf(self.hook, context["dag_run"].conf)  # first, before anything is read
        with core_errors():
            _ = self._target  # resolved first: a target the config does not name fails every step
            self._request()  # and a request that cannot be made (a bad owner map, module, ...)
            return getattr(self, f"_{self.step}")()

    def _verify(self) -> dict:
        from airflow.sdk.exceptions import AirflowFailException

        from airvault.verify import verify_opened

        report = verify_opened(self._source)
        if not report.ok:
            raise AirflowFailException("backup failed verification: " + "; ".join(report.problems))
        return {"files": report.checked_files, "rows": report.rows}

    def _plan(self) -> dict:
        from airvault.ops.privileges import restore_preflight
        from airvault.restore.run import plan_restore

        # verify_data=False: the verify step just read every file (each is checked again
        # as it is staged or loaded anyway)
        request = self._request()
        lacks = restore_preflight(self._target, request.mode)  # refused here if it cannot
        plan = plan_restore(request, self._restore_target(), self._source, verify_data=False)
        return plan.model_copy(update={"preflight": lacks}).to_json()

    def _safety_backup(self) -> dict:
        from airflow.sdk.exceptions import AirflowFailException

        from airvault.restore.apply import CASCADE_ROLES, cascade_refusal
        from airvault.restore.run import take_safety_backup

        self._may_write()
        plan = self._confirmed_plan()
        if plan.app_version_mismatch:  # refused before the safety backup, as apply would
            from airvault.pg.app_version import refusal

            raise AirflowFailException(refusal(plan.app_version_mismatch))
        if plan.mode == "new-database":  # a new database has nothing to lose
            return {"restore_id": plan.id, "url": None}
        reached = [p for p in plan.tables if p.role in CASCADE_ROLES]
        if reached and not plan.request.allow_cascade:  # apply would refuse: nothing is taken
            raise AirflowFailException(str(cascade_refusal(reached)))
        tables = [p.table for p in plan.tables]
        url = take_safety_backup(
            self._target, self.hook.get_store(), tables, plan.id, self.backup_url, plan.mode
        )
        return {"restore_id": plan.id, "url": url}

    def _apply(self) -> dict:
        from airvault.restore.run import apply_plan

        self._may_write()
        plan = self._confirmed_plan()
        safety = (self.previous or {}).get("url")
        result = apply_plan(plan, self._restore_target(), self._source, safety_backup=safety)
        return result.to_json()

    def _check(self, applied: dict | None = None) -> dict:
        from airflow.sdk.exceptions import AirflowFailException

        from airvault.restore.run import check_restored

        applied = applied or self.previous
        if self.mode == "merge":  # merge keeps rows only the target has: counts, not checksums
            return {"checked": 0, "mode": "merge"}
        if flag(self.allow_schema_drift):  # a subset of the columns: no whole-row checksum
            return {"checked": 0, "mode": self.mode, "schema_drift": True}
        selected = [t["table"] for t in applied["tables"] if t["role"] == "selected"]
        problems = check_restored(
            self._source, self._target, selected, row_filters=self.hook.config.backup.row_filters
        )
        if problems:
            raise AirflowFailException(
                "restored data differs from the backup: " + "; ".join(problems)
            )
        return {"checked": len(selected)}

    def _all(self) -> dict:
        from airvault.restore.run import run_restore

        self._verify()
        if flag(self.dry_run):
            return {"plan": self._plan()}
        self._may_write()
        target = self._restore_target(safety=self.mode != "new-database")
        applied = run_restore(self._request(), target, self._source, verify_data=False)
        return {"restore": applied.to_json(), "check": self._check(applied.to_json())}
