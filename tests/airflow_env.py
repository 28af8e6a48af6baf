"""Helpers for tests that run real Airflow: a migrated metadata DB, connections, configs."""

from __future__ import annotations

import json
import os
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def write_config(path: Path, storage_root: str, storage_conn: str | None = None) -> Path:
    """The project's airvault.yaml with a test storage root; change capture off (a test that
    drains a slot turns it on with a slot of its own)."""
    data = yaml.safe_load((ROOT / "airvault.yaml").read_text())
    data["capture"]["enabled"] = False
    data["storage"]["root"] = storage_root
    data["connections"]["storage"] = storage_conn
    path.write_text(yaml.safe_dump(data))
    return path


def set_postgres_connection(conn_id: str, dsn: str) -> None:
    """Register an Airflow connection through the environment, as a deployment would."""
    from psycopg.conninfo import conninfo_to_dict

    info = conninfo_to_dict(dsn)
    os.environ[f"AIRFLOW_CONN_{conn_id.upper()}"] = json.dumps(
        {
            "conn_type": "postgres",
            "host": info.get("host", "127.0.0.1"),
            "port": int(info.get("port", 5432)),
            "login": info.get("user", "postgres"),
            "schema": info.get("dbname"),
        }
    )


def set_s3_connection(conn_id: str, endpoint: str) -> None:
    os.environ[f"AIRFLOW_CONN_{conn_id.upper()}"] = json.dumps(
        {
            "conn_type": "aws",
            "login": "testing",
            "password": "testing",
            "extra": {"endpoint_url": endpoint, "region_name": "us-east-1"},
        }
    )
