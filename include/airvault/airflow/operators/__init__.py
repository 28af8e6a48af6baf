"""airvault's operators: thin BaseOperator subclasses over the core, for airvault's own DAGs
and for users' DAGs (`from airvault.airflow import BackupOperator, ...`)."""
