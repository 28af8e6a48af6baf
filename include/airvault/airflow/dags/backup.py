"""DAG factory for backups: full (`full_backup_daily`, `full_backup_weekly`), one DAG per
module of the config (`module_backup_<name>`) and per configured tenant (`tenant_backup_<name>`)."""

from __future__ import annotations

from typing import Any

from airflow.sdk import DAG, Asset, Param, XComArg

from airvault.airflow.dags.common import dag_schedule, default_args, watch
from airvault.airflow.operators.backup import (
    BackupOperator,
    CopyBackupOperator,
    VerifyBackupOperator,
)
from airvault.airflow.roles import BACKUP, access_control
from airvault.backup.labels import LABEL_MAX_CHARS, NOTE_MAX_CHARS
from airvault.config import Config

FULL_BACKUP_ASSET = Asset(name="airvault_full_backup", uri="airvault://backups/full")


def backup_asset(kind: str, scope: str) -> Asset:
    """The Asset a completed backup of this kind and scope emits (drills and retention follow it)."""
    if kind == "full":
        return FULL_BACKUP_ASSET
    return Asset(name=f"airvault_{kind}_backup_{scope}", uri=f"airvault://backups/{kind}/{scope}")


def backup_dag(
    dag_id: str,
    schedule: str | None,
    config: Config,
    kind: str = "full",
    scope: str = "all",
    module: str | None = None,
    tenant: str | None = None,
) -> DAG:
    """A DAG that backs up the app database (or a `module`, or one `tenant`'s rows), then
    re-verifies it, then copies it to the config's copies (when there are); its pings and
    notifications are monitoring.*.<dag_id>'s."""
    what = f"{kind} backup ({scope})"
    callbacks = watch(config, dag_id, what)
    # the run's Params, one row each: a form in the UI, conf over REST
    params = {
        "label": Param("", type="string", maxLength=LABEL_MAX_CHARS, description="what to call this backup (empty: its kind, scope, start time and id)"),
        "note": Param("", type="string", maxLength=NOTE_MAX_CHARS, description="a note kept with the backup, e.g. before the v42 migration"),
    }  # fmt: skip
    with DAG(
        dag_id=dag_id,
        access_control=access_control(BACKUP),
        schedule=dag_schedule(config, dag_id, schedule),
        catchup=False,
        max_active_runs=1,
        default_args=default_args(
            config, what, retries=True, on_failure_callback=callbacks.failure
        ),
        tags=["airvault", "backup", kind],
        doc_md=f"Consistent {kind} logical backup ({scope}) of `{config.connections.app_db}` to "
        f"`{config.storage.root}`, then a verification of every checksum.",
        params=params,
    ) as dag:
        backup = BackupOperator(
            task_id="backup",
            kind=kind,
            module=module,
            tenant=tenant,
            scope=scope if tenant else None,
            pool=config.backup.pool,
            pool_slots=config.backup.pool_slots,
            outlets=[backup_asset(kind, scope)],
            on_execute_callback=callbacks.start,
            backup_label="{{ params.label }}",
            backup_note="{{ params.note }}",
        )
        # backup.output["url"] (XComArg has no __getitem__ in its type), rendered to the backup's
        # URL at run time: Any, as templates are (the argument is a str by then)
        url: Any = XComArg(backup, key="url")
        verify = VerifyBackupOperator(
            task_id="verify", backup_url=url, retries=0, on_success_callback=callbacks.success
        )
        if config.copies:  # after verify: the copies get the verified bytes and the result
            verify >> CopyBackupOperator(task_id="copy", backup_url=url)
    return dag
