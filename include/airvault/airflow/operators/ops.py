"""Keeping backups healthy: drills, retention, freshness."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from airvault.airflow.operators.base import AirvaultOperator, core_errors, flag, names


class LatestBackupsOperator(AirvaultOperator):
    """The URLs of the newest complete backup of each kind and scope among `kinds` (default:
    the config's ``drills.kinds``): what a drill expands over."""

    template_fields: Sequence[str] = (*AirvaultOperator.template_fields, "kinds")

    def __init__(self, *, kinds: list[str] | str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.kinds = kinds

    def execute(self, context: Any) -> list[str]:
        from airvault.ops.drill import latest_backups

        hook = self.hook
        kinds = names(self.kinds) or hook.config.drills.kinds
        with core_errors():
            # (listed from storage, each has its url)
            return [b.url for b in latest_backups(hook.get_store(), kinds) if b.url is not None]


class DrillOperator(AirvaultOperator):
    """Restore a backup into a scratch database, check every table's checksum, the
    invariants of the config (``drills.invariants``) and large objects, time it (the RTO),
    write the evidence beside the backup and drop the scratch database. A failed drill fails
    the task.

    :param backup_url: the backup to drill (e.g. mapped over LatestBackupsOperator's output)
    :param admin_conn_id: a connection allowed to create databases (default: the config's
        ``drills.admin_connection``, else the app database's)
    :param copy: drill the backup's copy in this copy of the config (``copies.NAME``): the
        storage root's URL names the same folder there
    """

    template_fields: Sequence[str] = (
        *AirvaultOperator.template_fields,
        *("backup_url", "admin_conn_id", "copy"),
    )

    def __init__(
        self,
        *,
        backup_url: str,
        admin_conn_id: str | None = None,
        copy: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.backup_url, self.admin_conn_id, self.copy = backup_url, admin_conn_id, copy

    def execute(self, context: Any) -> dict:
        from airflow.sdk.exceptions import AirflowFailException

        from airvault.ops.drill import run_drill

        hook = self.hook
        drills = hook.config.drills
        with core_errors():
            admin = hook.get_dsn(self.admin_conn_id or drills.admin_connection)
            source = hook.backup_source(self.backup_url, ("backup",), copy=self.copy or None)
            evidence = run_drill(
                source, admin, hook.get_store(), drills.invariants, hook.config.backup.row_filters
            )
        if not evidence.ok:
            raise AirflowFailException(
                f"restore drill of {self.backup_url} failed: " + "; ".join(evidence.problems)
            )
        return evidence.to_json()  # the XCom stays plain JSON


class RetentionOperator(AirvaultOperator):
    """Apply the config's retention policy (``retention``): every backup is kept or deleted
    by a rule that the log and the XCom name; incomplete folders go after the grace period,
    pinned and unreadable ones are kept. Then each of the config's copies with its own rules
    (``copies.<name>.retention``). With `dry_run`, plan only.

    :param dry_run: plan only, delete nothing
    :param skip_on_dry_run: with `dry_run`, skip the task instead of planning (the apply task
        of a plan -> apply DAG)
    """

    template_fields: Sequence[str] = (*AirvaultOperator.template_fields, "dry_run")

    def __init__(
        self, *, dry_run: bool | str = False, skip_on_dry_run: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        # (the dry_run argument shadows BaseOperator.dry_run(), which Airflow 3 never calls)
        self.dry_run, self.skip_on_dry_run = dry_run, skip_on_dry_run  # type: ignore[method-assign, assignment]

    def execute(self, context: Any) -> dict:
        from airflow.sdk.exceptions import AirflowSkipException

        from airvault.ops.copies import prune_sites
        from airvault.ops.retention import prune

        dry_run = flag(self.dry_run)
        if dry_run and self.skip_on_dry_run:
            raise AirflowSkipException("dry run: nothing deleted")
        hook = self.hook
        with core_errors():
            # planned at run time: a backup verified or pinned since an earlier plan counts
            plan = prune(hook.get_store(), hook.config.retention, dry_run=dry_run)
            copies = prune_sites(hook.copy_sites(), dry_run=dry_run)  # each with its own rules
        folders = [d.backup.folder for d in plan.deletions]
        in_copies = {name: [d.backup.folder for d in p.deletions] for name, p in copies.items()}
        if dry_run:
            return {
                "keep": sum(d.keep for d in plan.decisions),
                "delete": folders,
                "rules": {d.backup.folder: d.rule for d in plan.decisions},
                "notes": plan.notes,  # e.g. a retention.max_size that cannot be met
                "copies_delete": in_copies,
            }
        return {"deleted": folders, "notes": plan.notes, "copies_deleted": in_copies}


def parsed_dags() -> tuple[set[str], dict[str, str]]:
    """(the DAG ids, the import errors of airvault's DAG files) as Airflow's own parser
    finds them in the DAGs folder now: the worker parses it the way the DAG processor does."""
    from airflow.configuration import conf
    from airflow.dag_processing.dagbag import DagBag

    from airvault.ops.health import airvault_dag_file

    folder = conf.get("core", "dags_folder")
    bag = DagBag(dag_folder=folder)
    ours = {f: e for f, e in bag.import_errors.items() if airvault_dag_file(folder, f)}
    return set(bag.dag_ids), ours


class HealthCheckOperator(AirvaultOperator):
    """Check every freshness target of the config (``health.freshness_hours``), incomplete
    and unreadable folders, the last drills and, with ``capture.enabled``, change capture (its
    lag against ``capture.max_lag_minutes``, gaps in its chain, the WAL its slot holds against
    ``capture.max_retained_wal_mb``), and airvault's DAG files (one that does not import, a
    scheduled backup without its DAG); write health.json to the storage root and fail (which
    alerts through the notifier) when a target is missed."""

    def execute(self, context: Any) -> dict:
        from airflow.sdk.exceptions import AirflowFailException

        from airvault.ops.health import capture_of, health_report, schedule_problems

        hook = self.hook
        with core_errors():
            store = hook.get_store()
            capture = capture_of(hook.config, store, hook.get_dsn())
            dags = schedule_problems(hook.config, *parsed_dags())
            report = health_report(
                store,
                hook.config.health.freshness_hours,
                capture=capture,
                dag_problems=dags,
                copies=hook.copy_sites(),
            )
        if not report.ok:
            raise AirflowFailException("; ".join(report.problems))
        return report.to_json()
