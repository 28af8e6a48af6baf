"""DAG factory for `change_capture` (every minute by default): drains the app database's
capture slot into signed change segments, the RPO of point-in-time restores. One run at a
time; a run that finds another drain running fails without touching the slot."""

from __future__ import annotations

from datetime import timedelta

from airflow.sdk import DAG, Param

from airvault.airflow.dags.common import FROM_COPY_PARAM, copy_param, default_args, from_params
from airvault.airflow.operators.capture import ChangeCaptureOperator, PointInTimeRestoreOperator
from airvault.airflow.operators.restore import CONFIRM_WORD
from airvault.airflow.roles import BACKUP, RESTORE, access_control
from airvault.config import Config


def capture_dag(config: Config) -> DAG:
    with DAG(
        dag_id="change_capture",
        access_control=access_control(BACKUP),
        schedule=config.capture.schedule if config.capture.enabled else None,
        catchup=False,
        max_active_runs=1,
        tags=["airvault", "capture"],
        doc_md=__doc__,
        # a drain is exactly-once, so a transient fault is simply retried
        default_args=default_args(
            config, "change capture", retries=True, alert="airvault change capture failed"
        ),
    ) as dag:
        ChangeCaptureOperator(task_id="drain", execution_timeout=timedelta(minutes=30))
    return dag


def point_in_time_dag(config: Config) -> DAG:
    """`restore_point_in_time`: a base backup plus its captured changes up to a moment, into
    the app database (replace or merge, of everything, some tables, a module or one tenant)
    or a new database. A dry run by default: its XCom says, per table, the rows that would be
    inserted, updated and deleted; nothing is written unless `dry_run` is off and `confirm`
    says RESTORE. The target is a connection the config names, as for `restore`."""
    # the run's Params, one row each: a form in the UI, conf over REST
    params = {
        "backup_url": Param("", type="string", minLength=1, description="the base: a backup taken while change capture ran (a folder under the storage root, or under the root of one of the config's copies)"),
        "copy": copy_param(config, "the base and its change segments"),
        "until": Param("latest", type="string", minLength=1, description="latest, an ISO time (UTC unless given, e.g. 2026-12-01T14:05:00Z) or an LSN (16/B374D848)"),
        "mode": Param("replace", enum=["replace", "merge", "new-database"], description="replace: tables end as they were then; merge: upsert; new-database: create the database of target_conn_id"),
        "tables": Param("", type="string", description="comma-separated tables (empty = all)"),
        "module": Param("", type="string", description="a module from the config (empty = none)"),
        "tenant": Param("", type="string", description="replace / merge only this tenant's rows (empty = all)"),
        "target_conn_id": Param(config.connections.app_db, type="string", enum=config.restore_targets(), description="the connection to restore into"),
        "owner_map": Param("", type="string", description="new-database: OLD=NEW pairs, comma-separated: the objects OLD owns are given to NEW (a role the login may become)"),
        "allow_cascade": Param(False, type="boolean", description="replace: let ON DELETE CASCADE / SET NULL change rows of tables the restore does not include"),
        "dry_run": Param(True, type="boolean", description="plan only: the rows per table that would change"),
        "confirm": Param("", type="string", description=f"type {CONFIRM_WORD} to apply"),
    }  # fmt: skip
    with DAG(
        dag_id="restore_point_in_time",
        access_control=access_control(RESTORE),
        schedule=None,
        catchup=False,
        max_active_runs=1,
        tags=["airvault", "restore", "capture"],
        doc_md=point_in_time_dag.__doc__,
        default_args=default_args(
            config, "point-in-time restore", execution_timeout=timedelta(hours=6)
        ),
        params=params,
    ) as dag:
        PointInTimeRestoreOperator(
            task_id="restore",
            pool=config.backup.pool,
            pool_slots=config.backup.pool_slots,
            **from_params(
                "backup_url",
                "until",
                "mode",
                "tables",
                "module",
                "tenant",
                "target_conn_id",
                "owner_map",
                "allow_cascade",
                "dry_run",
                "confirm",
            ),
            **FROM_COPY_PARAM,
        )
    return dag
