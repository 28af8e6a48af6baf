"""Airflow DAG `backup_health`: the age of the newest backups against their freshness targets,
storage used, last drills; alerts when backups have stopped (airvault.health)."""

from airvault.config import load_config
from airvault.operators.health_dag import health_dag

backup_health = health_dag(load_config())
