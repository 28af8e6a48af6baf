"""Airflow DAG `backup_health`: the age of the newest backups against their freshness targets,
storage used, last drills; alerts when backups have stopped (airvault.ops.health)."""

from airvault.airflow.dags.health import health_dag
from airvault.config import load_config

backup_health = health_dag(load_config())
