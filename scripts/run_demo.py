"""`make run`: embedded PostgreSQL (demo CRM + Airflow metadata), Airflow standalone with the
project's DAGs, one full backup triggered, and the URL, login and backup location printed.

Everything lives in .airvault/ (gitignored); running it again reuses the data. Ctrl-C stops it.
Options: --once (exit after the first backup lands; used to smoke-test the whole path).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOME = ROOT / ".airvault"
PG_PORT = int(os.environ.get("AIRVAULT_PG_PORT", "54329"))
UI_PORT = int(os.environ.get("AIRVAULT_UI_PORT", "8080"))
LOGIN = ("admin", "admin")
DAGS = ["full_backup_daily", "full_backup_weekly", "restore", "change_capture"]  # restore: manual


def say(msg: str) -> None:
    print(f"[airvault] {msg}", flush=True)


def signing_key() -> str:
    """This installation's manifest signing key, made once and kept beside (never inside) the
    storage, like a password file: `export AIRVAULT_SIGNING_KEY_FILE=.airvault/signing.key`
    lets the CLI read and write the same backups."""
    from airvault.storage.signing import new_signing_key_text

    path = HOME / "signing.key"
    if not path.exists():
        HOME.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(new_signing_key_text() + "\n")
        say(f"created the manifest signing key {path} (keep a copy: restores need it)")
    return path.read_text().strip()


def airflow_env(pg_dsn_airflow: str, app_conn: dict) -> dict:
    airflow_home = HOME / "airflow"
    airflow_home.mkdir(parents=True, exist_ok=True)
    passwords = airflow_home / "passwords.json"
    passwords.write_text(json.dumps({LOGIN[0]: LOGIN[1]}))
    env = dict(os.environ)
    env.update(
        {
            "AIRFLOW_HOME": str(airflow_home),
            "AIRFLOW__CORE__DAGS_FOLDER": str(ROOT / "dags"),
            "AIRFLOW__CORE__PLUGINS_FOLDER": str(ROOT / "plugins"),
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            # scheduled backups run without anyone clicking (as in deploy/airflow-celery.env)
            "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "False",
            "AIRFLOW__CORE__EXECUTOR": "LocalExecutor",
            "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS": f"{LOGIN[0]}:admin",
            "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE": str(passwords),
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": pg_dsn_airflow,
            "AIRFLOW__API__PORT": str(UI_PORT),
            "AIRFLOW__API__BASE_URL": f"http://localhost:{UI_PORT}",
            "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "30",
            "AIRFLOW_CONN_AIRVAULT_APP_DB": json.dumps(app_conn),
            "AIRVAULT_SIGNING_KEY": signing_key(),
            "AIRVAULT_SIGNING_KEY_FILE": str(HOME / "signing.key"),
            "AIRVAULT_CONFIG": str(ROOT / "airvault.yaml"),
            # standalone starts its components as `airflow ...` from PATH
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        }
    )
    return env


def airflow(env: dict, *args: str) -> None:
    subprocess.run(
        [str(Path(sys.executable).parent / "airflow"), *args],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def wait_for(what: str, check, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} did not happen within {timeout:.0f}s")
        time.sleep(2)


def api_up() -> bool:
    try:
        with urllib.request.urlopen(f"http://localhost:{UI_PORT}/api/v2/monitor/health", timeout=3):
            return True
    except OSError:
        return False


def _rpo(app_dsn: str, root, config, base: str) -> str:  # noqa: ANN001
    """One drain now (the DAG's every minute), then what a disaster would lose."""
    from airvault.capture.drain import drain
    from airvault.ops.capture_health import capture_health

    cap = config.capture
    time.sleep(1.2)  # past the drain's margin for commits still being written
    drain(app_dsn, root, cap.slot, cap.publication)
    health = capture_health(root, cap.slot, app_dsn, cap.publication)
    return (f"{health.rpo_seconds:.0f} s (changes durable up to {health.covered_until}); "
            f"to a point: airvault restore --from {base} --until ISO_TIME")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--once", action="store_true", help="stop after the first backup lands")
    args = parser.parse_args()

    from airvault.config import load_config
    from airvault.demo.database import create_demo_db
    from airvault.demo.embedded import EmbeddedPostgres
    from airvault.storage.manifest import list_backups
    from airvault.storage.store import open_store

    pg = EmbeddedPostgres(HOME / "pgdata", port=PG_PORT).start()
    pg.wait_ready()
    say(f"PostgreSQL {PG_PORT}: data in {HOME / 'pgdata'}")
    app_dsn = pg.create_database("crm")
    pg.create_database("airflow")
    counts = create_demo_db(app_dsn, scale=int(os.environ.get("AIRVAULT_DEMO_SCALE", "1")))
    say(f"demo CRM database 'crm' ready: {sum(counts.values()):,} rows in {len(counts)} tables")

    env = airflow_env(
        f"postgresql+psycopg2://postgres@127.0.0.1:{PG_PORT}/airflow",
        {
            "conn_type": "postgres",
            "host": "127.0.0.1",
            "port": PG_PORT,
            "login": "postgres",
            "schema": "crm",
        },
    )
    os.environ["AIRVAULT_SIGNING_KEY"] = env["AIRVAULT_SIGNING_KEY"]  # to read the manifests
    config = load_config(ROOT / "airvault.yaml")
    root = open_store(config.storage_root())
    before = {b.id for b in list_backups(root)[0]}
    cap = config.capture
    if cap.enabled:  # before the backup, so that it is a base for point-in-time restores
        from airvault.capture.slot import start_capture

        b = config.backup
        status = start_capture(app_dsn, cap.slot, cap.publication,
                               replica_identity_full=cap.replica_identity_full,
                               schemas=b.schemas, exclude_schemas=list(b.exclude_schemas),
                               exclude=list(b.exclude_tables))  # fmt: skip
        say(f"change capture on: slot {cap.slot} over {len(status.tables)} tables "
            f"(the change_capture DAG drains it every minute)")  # fmt: skip

    say("migrating the Airflow metadata database ...")
    airflow(env, "db", "migrate")
    airflow(env, "pools", "set", config.backup.pool, "4", "caps airvault load on the app database")
    airflow(env, "dags", "reserialize")
    for dag_id in DAGS:
        airflow(env, "dags", "unpause", dag_id)

    log_path = HOME / "airflow" / "standalone.log"
    say(f"starting airflow standalone (log: {log_path}) ...")
    with open(log_path, "ab") as log:
        proc = subprocess.Popen(
            [str(Path(sys.executable).parent / "airflow"), "standalone"],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # Ctrl-C is ours to handle: stop the whole group cleanly
        )

    def shutdown(*_: object) -> None:
        say("stopping Airflow and PostgreSQL ...")
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=60)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(proc.pid, signal.SIGKILL)
        pg.stop()
        say("stopped")

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even when started in background
    try:
        wait_for("the Airflow API server", lambda: api_up() or proc.poll() is not None, 300)
        if proc.poll() is not None:
            raise RuntimeError(f"airflow standalone exited; see {log_path}")
        airflow(env, "dags", "trigger", "full_backup_daily")
        say("triggered full_backup_daily; waiting for the backup to land ...")
        wait_for(
            "the full backup",
            lambda: {b.id for b in list_backups(root)[0]} - before,
            timeout=600,
        )
        newest = list_backups(root)[0][0]
        rows = newest.rows
        rpo = _rpo(app_dsn, root, config, newest.url) if cap.enabled else "change capture is off"
        print(
            f"\n  Airflow UI:  http://localhost:{UI_PORT}   login: {LOGIN[0]} / {LOGIN[1]}\n"
            f"  Backup:      {newest.label}: {rows:,} rows in {len(newest.tables)} tables\n"
            f"               {newest.url}\n"
            f"  RPO:         {rpo}\n"
            f"  CLI:         export AIRVAULT_SIGNING_KEY_FILE={HOME / 'signing.key'}\n"
            f"               .venv/bin/airvault list   |   .venv/bin/airvault verify {newest.url}\n",
            flush=True,
        )
        if not args.once:
            say("running; press Ctrl-C to stop")
            while proc.poll() is None:
                time.sleep(1)
            say(f"airflow standalone exited with {proc.returncode}; see {log_path}")
            return 1
    except KeyboardInterrupt:
        pass
    finally:
        shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
