"""Airflow DAG `backup_diff`: rows added, removed and changed between two backups
(airvault.diff), triggered with the two backup URLs as Params."""

from airvault.config import load_config
from airvault.operators.diff_dag import diff_dag

backup_diff = diff_dag(load_config())
