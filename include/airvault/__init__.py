"""airvault core: consistent PostgreSQL backups, restores, imports and exports.

Nothing in this package (except `airvault.operators`) imports Airflow, so the CLI works
with Airflow down.
"""

__version__ = "0.1.0"
