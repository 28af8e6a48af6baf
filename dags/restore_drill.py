"""Airflow DAG `restore_drill`: the newest backups restored into scratch databases, checked
and dropped, with evidence kept in storage (airvault.drill)."""

from airvault.config import load_config
from airvault.operators.drill_dag import drill_dag

restore_drill = drill_dag(load_config())
