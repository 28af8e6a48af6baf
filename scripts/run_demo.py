"""`make run`: embedded PostgreSQL (demo CRM + Airflow metadata), Airflow (api-server,
scheduler, dag-processor, triggerer) with the project's DAGs and the FAB auth manager, one demo
user per airvault role, one full backup triggered, and the URL, logins and backup location
printed.

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
# `airflow standalone` would force the simple auth manager (every user may run every DAG), so
# the components run one by one, as in docker-compose.yaml
COMPONENTS = ("api-server", "scheduler", "dag-processor", "triggerer")
FAB = "airflow.providers.fab.auth_manager.fab_auth_manager.FabAuthManager"
DAGS = ["full_backup_daily", "full_backup_weekly", "restore", "change_capture"]  # restore: manual


def say(msg: str) -> None:
    print(f"[airvault] {msg}", flush=True)


def signing_key() -> str:
    """This installation's manifest signing key, made once and kept beside (never inside) the
    storage, like a password file: `export AIRVAULT_SIGNING_KEY_FILE=.airvault/signing.key`
    lets the CLI read and write the same backups. Its public key goes beside it
    (.airvault/public-key.pem): what a machine that only restores is given
    (docs/disaster-recovery.md)."""
    from airvault.storage.signing import new_signing_key_text, parse_signing_keys, public_keys_text

    path = HOME / "signing.key"
    if not path.exists():
        HOME.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(new_signing_key_text() + "\n")
        say(f"created the manifest signing key {path} (keep a copy: it signs every backup)")
    text = path.read_text().strip()
    public = HOME / "public-key.pem"
    public.write_text(public_keys_text(parse_signing_keys(text)))
    say(f"public key (verifies backups on any machine): {public}")
    return text


def airflow_env(pg_dsn_airflow: str, app_conn: dict) -> dict:
    airflow_home = HOME / "airflow"
    airflow_home.mkdir(parents=True, exist_ok=True)
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
            "AIRFLOW__CORE__AUTH_MANAGER": FAB,
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": pg_dsn_airflow,
            "AIRFLOW__API__PORT": str(UI_PORT),
            "AIRFLOW__API__BASE_URL": f"http://localhost:{UI_PORT}",
            "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://localhost:{UI_PORT}/execution/",
            "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "30",
            "AIRFLOW_CONN_AIRVAULT_APP_DB": json.dumps(app_conn),
            "AIRVAULT_SIGNING_KEY": signing_key(),
            "AIRVAULT_SIGNING_KEY_FILE": str(HOME / "signing.key"),
            "AIRVAULT_CONFIG": str(ROOT / "airvault.yaml"),
            # Airflow starts its own subprocesses as `airflow ...` from PATH
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


def demo_users(env: dict) -> dict[str, str]:
    """airvault's roles and one demo user per role (user name = password, made once):
    user -> role."""
    from airvault.airflow.roles import ADMIN, OPERATOR, RESTORER, VIEWER

    users = {"admin": ADMIN, "operator": OPERATOR, "restorer": RESTORER, "viewer": VIEWER}
    spec = HOME / "airflow" / "users.json"
    spec.touch(mode=0o600)
    spec.write_text(json.dumps({u: {"password": u, "role": r} for u, r in users.items()}))
    subprocess.run([sys.executable, "-m", "airvault.airflow.roles", "--users", str(spec)],
                   env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip
    spec.unlink()
    return users


def start_airflow(env: dict) -> list[subprocess.Popen]:
    """Each component in its own process group (stopped as a whole), its log beside the others."""
    procs = []
    for name in COMPONENTS:
        with open(HOME / "airflow" / f"{name}.log", "ab") as log:
            procs.append(subprocess.Popen([str(Path(sys.executable).parent / "airflow"), name],
                                          env=env, stdout=log, stderr=subprocess.STDOUT,
                                          start_new_session=True))  # fmt: skip
    return procs


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


def start_streamer(env: dict, app_dsn: str) -> subprocess.Popen:
    """`airvault capture stream` (capture.stream): changes durable every few seconds."""
    with open(HOME / "airflow" / "stream.log", "ab") as log:
        return subprocess.Popen([str(Path(sys.executable).parent / "airvault"), "capture", "stream"],
                                env={**env, "AIRVAULT_DSN": app_dsn}, stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True)  # fmt: skip


def _rpo(app_dsn: str, root, config, base: str) -> str:
    """One drain now (the DAG's every minute) or a flush of the streamer, then what a
    disaster would lose."""
    from airvault.capture.drain import drain
    from airvault.ops.capture_health import capture_health

    cap = config.capture
    time.sleep(cap.stream_flush_seconds + 1.2 if cap.stream else 1.2)  # a flush; the margin
    drain(app_dsn, root, cap.slot, cap.publication)  # (skipped while the streamer holds it)
    health = capture_health(root, cap.slot, app_dsn, cap.publication)
    if health.rpo_seconds is None:
        return "no change captured since the backup yet (airvault capture status)"
    return (f"{health.rpo_seconds:.0f} s (changes durable up to {health.covered_until}); "
            f"to a point: airvault restore --from {base} --until ISO_TIME")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--once", action="store_true", help="stop after the first backup lands")
    args = parser.parse_args()

    from airvault.config import load_config
    from airvault.demo.database import create_demo_db
    from airvault.demo.embedded import EmbeddedPostgres
    from airvault.demo.least_privilege import APP_LOGIN, APP_OWNER, least_privilege
    from airvault.storage.manifest import list_backups
    from airvault.storage.store import open_store

    pg = EmbeddedPostgres(HOME / "pgdata", port=PG_PORT).start()
    pg.wait_ready()
    say(f"PostgreSQL {PG_PORT}: data in {HOME / 'pgdata'}")
    app_dsn = pg.create_database("crm")
    pg.create_database("airflow")
    counts = create_demo_db(app_dsn, scale=int(os.environ.get("AIRVAULT_DEMO_SCALE", "1")))
    say(f"demo CRM database 'crm' ready: {sum(counts.values()):,} rows in {len(counts)} tables")
    app_dsn = least_privilege(app_dsn)
    say(f"airvault logs in as '{APP_LOGIN}': not a superuser; member of {APP_OWNER}, the app's "
        "owner, and of pg_read_all_data / pg_write_all_data (docs/security.md)")  # fmt: skip

    env = airflow_env(
        f"postgresql+psycopg2://postgres@127.0.0.1:{PG_PORT}/airflow",
        {
            "conn_type": "postgres",
            "host": "127.0.0.1",
            "port": PG_PORT,
            "login": APP_LOGIN,
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
            f"(streamed; the change_capture DAG supervises, or drains it every minute)")  # fmt: skip

    say("migrating the Airflow metadata database ...")
    airflow(env, "db", "migrate")
    users = demo_users(env)  # before the DAGs are parsed: their access_control names the roles
    airflow(env, "pools", "set", config.backup.pool, "4", "caps airvault load on the app database")
    airflow(env, "dags", "reserialize")
    for dag_id in DAGS:
        airflow(env, "dags", "unpause", dag_id)

    logs = HOME / "airflow" / "<component>.log"
    say(f"starting Airflow: {', '.join(COMPONENTS)} (logs: {logs}) ...")
    procs = start_airflow(env)
    if cap.enabled and cap.stream:
        procs.append(start_streamer(env, app_dsn))
        say(f"streaming changes every {cap.stream_flush_seconds:g} s (airvault capture stream; "
            f"log: {HOME / 'airflow' / 'stream.log'})")  # fmt: skip

    def exited() -> subprocess.Popen | None:  # Airflow's; a dead streamer: the DAG drains
        return next((p for p in procs[: len(COMPONENTS)] if p.poll() is not None), None)

    def shutdown(*_: object) -> None:
        say("stopping Airflow and PostgreSQL ...")
        for proc in procs:
            try:
                os.killpg(proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for proc in procs:
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
        pg.stop()
        say("stopped")

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even when started in background
    try:
        wait_for("the Airflow API server", lambda: api_up() or exited() is not None, 300)
        if (gone := exited()) is not None:
            raise RuntimeError(f"airflow {gone.args[-1]} exited; see {logs}")
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
            f"\n  Airflow UI:  http://localhost:{UI_PORT}   logins (user = password):\n"
            + "".join(f"               {u} / {u}   role {r}\n" for u, r in users.items())
            + "               (roles: docs/security.md)\n"
            f"  Backup:      {newest.label}: {rows:,} rows in {len(newest.tables)} tables\n"
            f"               {newest.url}\n"
            f"  RPO:         {rpo}\n"
            f"  CLI:         export AIRVAULT_SIGNING_KEY_FILE={HOME / 'signing.key'}\n"
            f"               .venv/bin/airvault list   |   .venv/bin/airvault verify {newest.url}\n",
            flush=True,
        )
        if not args.once:
            say("running; press Ctrl-C to stop")
            while (gone := exited()) is None:
                time.sleep(1)
            say(f"airflow {gone.args[-1]} exited with {gone.returncode}; see {logs}")
            return 1
    except KeyboardInterrupt:
        pass
    finally:
        shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
