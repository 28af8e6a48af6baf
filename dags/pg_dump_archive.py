"""Airflow DAG `pg_dump_archive`: pg_dump of the app database, its auth users and storage
bucket files in one verified archive, with expiring download links on S3 (airvault.archive.run)."""

from airvault.airflow.dags.archive import archive_dag
from airvault.config import load_config
from airvault.schedule_additions import added_of_kind

config = load_config()
pg_dump_archive = archive_dag(config)
# further archives on their own schedules, added on the Backups page
for added in added_of_kind(config, "archive"):
    globals()[added.dag_id] = archive_dag(config, added.dag_id, added.cron)
