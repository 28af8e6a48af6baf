"""Airflow DAG `backup_diff`: rows added, removed and changed between two backups
(airvault.exchange.diff), triggered with the two backup URLs as Params."""

from airvault.airflow.dags.diff import diff_dag
from airvault.config import load_config

backup_diff = diff_dag(load_config())
