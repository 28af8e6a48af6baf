"""Airflow DAG `retention_cleanup`: the config's retention policies applied to the backups in
storage, never below `minimum_good` verified backups (airvault.retention)."""

from airvault.config import load_config
from airvault.operators.retention_dag import retention_dag

retention_cleanup = retention_dag(load_config())
