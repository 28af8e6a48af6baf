"""Airflow DAG `pg_dump_archive`: pg_dump of the app database, its auth users and storage
bucket files in one verified archive, with expiring download links on S3 (airvault.archive.run)."""

from airvault.airflow.dags.archive import archive_dag
from airvault.config import load_config

pg_dump_archive = archive_dag(load_config())
