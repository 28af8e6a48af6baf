"""Airflow DAG `restore_drill`: the newest backups restored into scratch databases, checked
and dropped, with evidence kept in storage (airvault.ops.drill)."""

from airvault.airflow.dags.drill import drill_dag
from airvault.config import load_config

restore_drill = drill_dag(load_config())
