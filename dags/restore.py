"""Airflow DAG `restore`: manual or REST-triggered restore of any backup (a form in the UI)."""

from airvault.config import load_config
from airvault.operators.restore_dag import restore_dag

restore = restore_dag(load_config())
