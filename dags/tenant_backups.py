"""Airflow DAGs: one `tenant_backup_<name>` per entry of `tenancy.backups` in airvault.yaml.

Each backs up one tenant's rows and the shared rows they reference (see airvault.pg.scope), on
its own schedule, with its own run history; `airvault backup --tenant ID` does the same ad hoc.
"""

from airvault.airflow.dags.backup import backup_dag
from airvault.config import load_config

config = load_config()

for name, tenant in config.tenancy.backups.items():
    dag_id = f"tenant_backup_{name}"
    globals()[dag_id] = backup_dag(
        dag_id, tenant.schedule, config, kind="tenant", scope=name, tenant=tenant.id
    )
