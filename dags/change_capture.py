"""Airflow DAGs of continuous protection: `change_capture` (every minute, config
`capture.schedule`) moves the changes committed on the app database into change segments in
storage (airvault.capture.drain); `restore_point_in_time` replays them onto a base backup."""

from airvault.airflow.dags.capture import capture_dag, point_in_time_dag
from airvault.config import load_config

_config = load_config()
change_capture = capture_dag(_config)
restore_point_in_time = point_in_time_dag(_config)
