"""A real, running Airflow for the tests that need its REST API, scheduler and UI:
`airflow standalone` (api-server, scheduler, dag-processor, triggerer) on a free port, its
metadata in a database of the test PostgreSQL, a copy of the project's DAGs, its plugins, and three
users: admin, op (may trigger runs) and viewer (may only read)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from airvault.demo.embedded import free_port

ROOT = Path(__file__).resolve().parents[1]
USERS = {"admin": "admin", "op": "op", "viewer": "viewer"}  # user name = role = password


class LiveAirflow:
    def __init__(self, home: Path, metadata_dsn: str, app_dsn: str, config: Path) -> None:
        self.home = home
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = home / "standalone.log"
        home.mkdir(parents=True, exist_ok=True)
        # a copy of the shipped DAG files: a test may break one (a bad deploy) without
        # touching the project's
        self.dags = home / "dags"
        shutil.copytree(ROOT / "dags", self.dags, ignore=shutil.ignore_patterns("__pycache__"))
        passwords = home / "passwords.json"
        passwords.write_text(json.dumps(USERS))
        from psycopg.conninfo import conninfo_to_dict

        app = conninfo_to_dict(app_dsn)
        meta = conninfo_to_dict(metadata_dsn)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "AIRVAULT"))}
        env.update(
            {
                "AIRFLOW_HOME": str(home),
                "AIRFLOW__CORE__DAGS_FOLDER": str(self.dags),
                "AIRFLOW__CORE__PLUGINS_FOLDER": str(ROOT / "plugins"),
                "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
                "AIRFLOW__CORE__EXECUTOR": "LocalExecutor",
                "AIRFLOW__CORE__PARALLELISM": "4",
                "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS": ",".join(f"{u}:{u}" for u in USERS),
                "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE": str(passwords),
                "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": (
                    f"postgresql+psycopg2://{meta.get('user', 'postgres')}@{meta['host']}:"
                    f"{meta['port']}/{meta['dbname']}"
                ),
                "AIRFLOW__API__PORT": str(self.port),
                "AIRFLOW__API__HOST": "127.0.0.1",
                "AIRFLOW__API__BASE_URL": self.url,
                "AIRFLOW__SCHEDULER__SCHEDULER_HEARTBEAT_SEC": "2",
                "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "5",
                "AIRFLOW_CONN_AIRVAULT_APP_DB": json.dumps(
                    {
                        "conn_type": "postgres",
                        "host": app["host"],
                        "port": int(app["port"]),
                        "login": app.get("user", "postgres"),
                        "schema": app["dbname"],
                    }
                ),  # fmt: skip
                "AIRVAULT_CONFIG": str(config),
                # the installation's signing key: the page reads it from the environment, tasks
                # from the airvault_signing connection
                "AIRVAULT_SIGNING_KEY": os.environ["AIRVAULT_SIGNING_KEY"],
                "AIRFLOW_CONN_AIRVAULT_SIGNING": json.dumps(
                    {"conn_type": "generic", "password": os.environ["AIRVAULT_SIGNING_KEY"]}
                ),
                "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
            }
        )
        self.env = env
        self.proc: subprocess.Popen | None = None

    # the Airflow command started, and the pool it needs (None: none); a subclass may start
    # fewer components
    command: tuple[str, ...] = ("standalone",)
    pool: str | None = "airvault_app_db"
    users: dict[str, str] = USERS  # user name -> password

    def prepare(self, airflow: str) -> None:
        """After the migration, before the server starts (a subclass creates users here)."""

    def start(self, timeout: float = 300) -> LiveAirflow:
        airflow = str(Path(sys.executable).parent / "airflow")
        subprocess.run([airflow, "db", "migrate"], env=self.env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip
        if self.pool:
            subprocess.run([airflow, "pools", "set", self.pool, "4", "airvault"],
                           env=self.env, check=True, stdout=subprocess.DEVNULL)  # fmt: skip
        self.prepare(airflow)
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen([airflow, *self.command], env=self.env, stdout=log,
                                         stderr=subprocess.STDOUT, start_new_session=True)  # fmt: skip
        deadline = time.monotonic() + timeout
        while not self._healthy():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                tail = self.log.read_text(errors="replace")[-3000:]
                raise RuntimeError(f"airflow {self.command[0]} did not come up:\n{tail}")
            time.sleep(1)
        return self

    def _healthy(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url}/api/v2/monitor/health", timeout=3):
                return True
        except (OSError, urllib.error.URLError):
            return False

    def token(self, user: str = "admin") -> str:
        body = json.dumps({"username": user, "password": self.users[user]}).encode()
        request = urllib.request.Request(f"{self.url}/auth/token", body,
                                         {"Content-Type": "application/json"})  # fmt: skip
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())["access_token"]

    def call(self, method: str, path: str, body: dict | None = None,
             user: str | None = "admin") -> tuple[int, dict]:  # fmt: skip
        """(status, JSON body) of one REST call as `user` (None: anonymous)."""
        from airvault.airflow.rest_client import json_request

        return json_request(self.url + path, method, body, self.token(user) if user else None)

    def wait_for_dag(self, dag_id: str, timeout: float = 180) -> None:
        """Until the dag-processor has parsed `dag_id` (new DAG files take a few seconds)."""
        deadline = time.monotonic() + timeout
        while self.call("GET", f"/api/v2/dags/{dag_id}")[0] != 200:
            if time.monotonic() > deadline:
                raise TimeoutError(f"DAG {dag_id} not parsed within {timeout:.0f}s")
            time.sleep(2)

    def wait_for_run(self, dag_id: str, run_id: str, states=("success", "failed"),
                     timeout: float = 240) -> dict:  # fmt: skip
        deadline = time.monotonic() + timeout
        while True:
            status, run = self.call("GET", f"/api/v2/dags/{dag_id}/dagRuns/{run_id}")
            if status == 200 and run["state"] in states:
                return run
            if time.monotonic() > deadline:
                raise TimeoutError(f"{dag_id} {run_id}: still {run.get('state')}; log {self.log}")
            time.sleep(2)

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=30)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(self.proc.pid, signal.SIGKILL)
