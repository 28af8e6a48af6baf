"""Airflow DAG `retention_cleanup`: the config's retention policies applied to the backups in
storage, never below `minimum_good` verified backups (airvault.ops.retention)."""

from airvault.airflow.dags.retention import retention_dag
from airvault.config import load_config

retention_cleanup = retention_dag(load_config())
