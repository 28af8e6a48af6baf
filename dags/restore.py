"""Airflow DAGs `restore` (manual or REST-triggered restore of any backup, a form in the UI)
and `verify_backup` (re-check one backup and record the result)."""

from airvault.airflow.dags.restore import restore_dag, verify_dag
from airvault.config import load_config

config = load_config()
restore = restore_dag(config)
verify_backup = verify_dag(config)
