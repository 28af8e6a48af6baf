"""Airflow DAGs: full logical backups of the app database, scheduled from airvault.yaml."""

from airvault.airflow.dags.backup import backup_dag
from airvault.config import load_config

config = load_config()

full_backup_daily = backup_dag("full_backup_daily", config.schedules.full_backup_daily, config)
full_backup_weekly = backup_dag("full_backup_weekly", config.schedules.full_backup_weekly, config)
