"""Airflow DAGs: one `module_backup_<name>` per module of airvault.yaml, on its own schedule.

One DAG per module (not one DAG with a mapped task) so each module has its own schedule, run
history, retries and pause switch in the UI, which is how people think of "the Contacts backup".
"""

from airvault.airflow.dags.backup import backup_dag
from airvault.config import load_config
from airvault.schedule_additions import added_of_kind

config = load_config()

for name, module in config.modules.items():
    dag_id = f"module_backup_{name}"
    globals()[dag_id] = backup_dag(
        dag_id, module.schedule, config, kind="module", scope=name, module=name
    )

# second backups of a declared module, on their own schedule, added on the Backups page
for added in added_of_kind(config, "module"):
    globals()[added.dag_id] = backup_dag(
        added.dag_id,
        added.cron,
        config,
        kind="module",
        scope=str(added.module),
        module=added.module,
    )
