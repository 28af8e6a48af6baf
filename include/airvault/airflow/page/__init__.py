"""The Backups page (an Airflow plugin's FastAPI app)."""
