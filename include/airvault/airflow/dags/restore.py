"""DAG factory for `restore`: verify -> plan -> safety_backup -> apply -> check. The plan
step's plan goes to the apply step by XCom and is applied as it is (refused if the target
changed since), never made again.

Triggered by hand or through the REST API with Params that render as a form. Nothing is
written unless `dry_run` is off and `confirm` says RESTORE.

What a run may touch is decided by the config, never by the run conf (stored with the run and
readable by anyone who can read runs): the target is an Airflow connection the config names
(`target_conn_id`: connections.app_db or one of connections.restore_targets), the backup one
folder under the storage root read through the storage's own connection. A conf carrying a
password, a DSN, another connection in an s3:// URL or a path outside the storage root fails
the first task before anything is read or written. A backup may also be read from one of the
config's copies (`copy`, or a URL under a copy's root): only the copies the config names.
"""

from __future__ import annotations

from datetime import timedelta

from airflow.sdk import DAG, Param

from airvault.airflow.dags.common import FROM_COPY_PARAM, copy_param, default_args, from_params
from airvault.airflow.operators.backup import VerifyBackupOperator
from airvault.airflow.operators.restore import CONFIRM_WORD, RestoreOperator
from airvault.airflow.roles import RESTORE, VERIFY, access_control
from airvault.config import Config

# every step reads its choices from the run's Params (a form in the UI, conf over REST)
FROM_PARAMS = (
    from_params(
        "backup_url",
        "mode",
        "tables",
        "module",
        "target_conn_id",
        "roles",
        "owner_map",
        "allow_cascade",
        "allow_schema_drift",
        "allow_unencrypted",
        "trust_unsigned",
        "dry_run",
        "confirm",
        "accept_app_version",
    )
    | FROM_COPY_PARAM
)


def restore_dag(config: Config) -> DAG:
    _targets = config.restore_targets()
    # the run's Params, one row each: a form in the UI, conf over REST
    params = {
        "backup_url": Param("", type="string", minLength=1, description="a backup folder under the storage root (its URL as listed, or a path relative to the root), or an upload (uploads/<id>); or a backup folder under the root of one of the config's copies"),
        "copy": copy_param(config, "the backup"),
        "mode": Param("replace", enum=["replace", "merge", "new-database"], description="replace: tables end equal to the backup; merge: upsert; new-database: create the database of target_conn_id"),
        "tables": Param("", type="string", description="comma-separated tables (empty = all)"),
        "module": Param("", type="string", description="a module from the config (empty = none)"),
        "target_conn_id": Param(config.connections.app_db, type="string", enum=_targets, description="the Airflow connection of the database to restore into (new-database: to create); connections.app_db or connections.restore_targets of the config"),
        "roles": Param("require", enum=["require", "create", "ignore"], description="new-database: roles the backup's objects need that the server lacks: require (refuse), create (as recorded, no passwords), ignore (objects owned by the login, grants to roles that exist kept)"),
        "owner_map": Param("", type="string", description="new-database: OLD=NEW pairs, comma-separated: the objects OLD owns are given to NEW (a role the login may become)"),
        "allow_cascade": Param(False, type="boolean", description="replace: let ON DELETE CASCADE / SET NULL change rows of tables the restore does not include (the plan lists them)"),
        "allow_schema_drift": Param(False, type="boolean", description="restore the columns the target shares with the backup (the check then compares row counts)"),
        "allow_unencrypted": Param(False, type="boolean", description="accept an unencrypted backup where backups are encrypted"),
        "trust_unsigned": Param(False, type="boolean", description="accept a backup this installation did not sign (from before signing, or another installation); a changed one is refused even so"),
        "accept_app_version": Param(False, type="boolean", description="replace/merge: restore although the target is at another app version (migration head) than the backup; the plan warns"),
        "dry_run": Param(True, type="boolean", description="plan only, write nothing"),
        "confirm": Param("", type="string", description=f"type {CONFIRM_WORD} to apply"),
    }  # fmt: skip
    with DAG(
        dag_id="restore",
        access_control=access_control(RESTORE),
        schedule=None,
        catchup=False,
        max_active_runs=1,
        tags=["airvault", "restore"],
        default_args=default_args(config, "restore", execution_timeout=timedelta(hours=6)),
        doc_md=__doc__,
        params=params,
    ) as dag:
        pool = {"pool": config.backup.pool}
        verify = RestoreOperator(task_id="verify", step="verify", **FROM_PARAMS)
        plan = RestoreOperator(task_id="plan", step="plan", **FROM_PARAMS, **pool)
        # the plan travels by XCom: the safety backup and the apply act on it as confirmed
        safety = RestoreOperator(
            task_id="safety_backup",
            step="safety_backup",
            plan=plan.output,
            pool_slots=config.backup.pool_slots,
            **FROM_PARAMS,
            **pool,
        )
        apply = RestoreOperator(
            task_id="apply",
            step="apply",
            plan=plan.output,
            previous=safety.output,
            **FROM_PARAMS,
            **pool,
        )
        RestoreOperator(task_id="check", step="check", previous=apply.output, **FROM_PARAMS)
        verify >> plan  # plan -> safety_backup -> apply -> check follow from previous=
    return dag


def verify_dag(config: Config) -> DAG:
    """`verify_backup`: re-check every checksum and row count of one backup or archive and
    record the result beside it (what `airvault list` and the Backups page show)."""
    with DAG(
        dag_id="verify_backup",
        access_control=access_control(VERIFY),
        schedule=None,
        catchup=False,
        tags=["airvault", "verify"],
        default_args=default_args(config, "verification"),
        doc_md=verify_dag.__doc__,
        params={
            "backup_url": Param(
                "",
                type="string",
                minLength=1,
                description="a backup, archive or upload folder under the storage root, or "
                "a backup or archive folder under the root of one of the config's copies",
            ),
            "copy": copy_param(config, "the backup or archive"),
        },
    ) as dag:
        VerifyBackupOperator(task_id="verify", **from_params("backup_url"), **FROM_COPY_PARAM)
    return dag
