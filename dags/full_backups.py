"""Airflow DAGs: full logical backups of the app database, scheduled from airvault.yaml."""

from airvault.config import load_config
from airvault.operators.full_backup import full_backup_dag

config = load_config()

full_backup_daily = full_backup_dag("full_backup_daily", config.schedules.full_backup_daily, config)
full_backup_weekly = full_backup_dag(
    "full_backup_weekly", config.schedules.full_backup_weekly, config
)
