"""Airflow DAG `change_capture`: every minute (config `capture.schedule`), the changes committed
on the app database go into change segments in storage (airvault.capture.drain); `airvault
restore --until` replays them onto a base backup."""

from airvault.airflow.dags.capture import capture_dag
from airvault.config import load_config

change_capture = capture_dag(load_config())
