"""A user's own DAG built from airvault's operators (docs/provider.md).

Every Monday: back up the Leads module and verify it, then run our own job on the live data
(mark leads untouched for 90 days as lost), then export the lost leads as CSV for the sales
team. The backup first means the job can be undone: `airvault restore --from <backup url>
--tables leads`. Any failing task alerts through the AirvaultNotifier.
"""

from __future__ import annotations

from datetime import datetime

from airflow.providers.common.sql.operators.sql import SQLExecuteQueryOperator
from airflow.sdk import DAG, Param

from airvault.airflow import AirvaultNotifier, BackupOperator, ExportOperator, VerifyBackupOperator

with DAG(
    dag_id="stale_leads_report",
    schedule="0 6 * * 1",
    start_date=datetime(2026, 1, 1),
    catchup=False,
    params={"days": Param(90, type="integer", minimum=1, description="untouched for this long")},
    default_args={"on_failure_callback": AirvaultNotifier("stale leads report failed")},
    tags=["sales"],
) as dag:
    backup = BackupOperator(task_id="backup_leads", module="leads", pool="airvault_app_db")
    verify = VerifyBackupOperator(task_id="verify_backup", backup_url=backup.output["url"])
    mark_lost = SQLExecuteQueryOperator(
        task_id="mark_stale_leads_lost",
        conn_id="airvault_app_db",
        sql="UPDATE leads SET status = 'lost' WHERE status NOT IN ('lost', 'converted') "
        "AND created_at < now() - make_interval(days => {{ params.days }})",
    )
    export = ExportOperator(task_id="export_lost_leads", dataset="leads", filters=["status=lost"])
    backup >> verify >> mark_lost >> export
