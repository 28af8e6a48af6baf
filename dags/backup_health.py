"""Airflow DAG `backup_health`: the age of the newest backups against their freshness targets,
storage used, last drills; alerts when backups have stopped (airvault.ops.health)."""

from airvault.airflow.dags.health import health_dag
from airvault.config import Config, load_config
from airvault.errors import ConfigError

try:
    config = load_config()
except ConfigError:
    # A broken config makes every other airvault DAG file fail to import, and their
    # schedules vanish: this one still loads (hourly), so its check fails naming the key
    # and alerts, instead of nothing running and nobody noticing.
    config = Config()
backup_health = health_dag(config)
