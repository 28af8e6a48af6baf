"""Running PostgreSQL's own client tools (pg_dump) with a clear error when they cannot work."""

from __future__ import annotations

import fcntl
import os
import re
import subprocess
import tempfile
from collections.abc import Iterator

from psycopg.conninfo import conninfo_to_dict, make_conninfo

from airvault.embedded import pg_tool
from airvault.errors import AirvaultError, ToolVersionError

F_SETPIPE_SZ = 1031  # Linux: fcntl command to resize a pipe


def tool_version(name: str = "pg_dump") -> tuple[int, str]:
    """(major version, full version text) of a client tool."""
    try:
        out = subprocess.run(
            [pg_tool(name), "--version"], capture_output=True, text=True, check=True
        )
    except FileNotFoundError:
        raise AirvaultError(f"{name} not found at {pg_tool(name)}; set AIRVAULT_PG_BIN") from None
    text = out.stdout.strip()
    match = re.search(r"(\d+)(?:\.(\d+))?", text)
    if not match:
        raise AirvaultError(f"cannot read the version of {name} from {text!r}")
    return int(match.group(1)), text


def check_dump_version(server_version_num: int) -> str:
    """pg_dump must be at least the server's major version; return its version text."""
    major, text = tool_version("pg_dump")
    server_major = server_version_num // 10000
    if major < server_major:
        raise ToolVersionError(
            f"pg_dump {major} cannot dump a PostgreSQL {server_major} server ({text}); "
            f"install PostgreSQL {server_major} client tools or set AIRVAULT_PG_BIN"
        )
    return text


def client_args(dsn: str, settings: dict[str, str] | None = None) -> tuple[str, dict[str, str]]:
    """(conninfo without the password, environment with PGPASSWORD and PGOPTIONS) for a
    client tool, so no secret shows up in the process list."""
    info = conninfo_to_dict(dsn)
    env = dict(os.environ)
    password = info.pop("password", None)
    if password:
        env["PGPASSWORD"] = str(password)
    if settings:
        env["PGOPTIONS"] = " ".join(f"-c {k}={v.replace(' ', '')}" for k, v in settings.items())
    return make_conninfo(**info), env


def copy_out(
    dsn: str, snapshot: str | None, query: str, settings: dict[str, str], chunk: int = 1 << 20
) -> Iterator[bytes]:
    """Stream the output of a `COPY ... TO STDOUT` run by psql inside `snapshot`.

    psql is libpq's fastest consumer of a COPY stream: reading its stdout in 1 MiB pieces
    keeps the per-row work out of Python (and out of the GIL) entirely.
    """
    conninfo, env = client_args(dsn, settings)
    args = [
        pg_tool("psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", conninfo,
        "-c", "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
        *(["-c", f"SET TRANSACTION SNAPSHOT '{snapshot}'"] if snapshot else []),
        "-c", query,
        "-c", "ROLLBACK",
    ]  # fmt: skip
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert proc.stdout is not None and proc.stderr is not None
    try:  # a 1 MiB pipe lets psql keep reading from the server while we hash and compress
        fcntl.fcntl(proc.stdout.fileno(), F_SETPIPE_SZ, chunk)
    except OSError:
        pass
    finished = False
    try:
        while data := proc.stdout.read(chunk):
            yield data
        finished = True
    finally:
        proc.stdout.close()
        if not finished:  # the consumer gave up (an error, a cancel): stop the COPY too
            proc.terminate()
        err = proc.stderr.read().decode(errors="replace").strip()
        code = proc.wait()
    if code != 0:
        raise AirvaultError(
            f"COPY failed (psql exit {code}): {err.splitlines()[-1] if err else ''}"
        )


def schema_sections(dsn: str, snapshot: str | None, schemas: list[str]) -> dict[str, bytes]:
    """{"pre-data": tables, types, ...; "post-data": indexes, constraints, triggers} as SQL, at
    `snapshot` so they match the data. One `pg_dump --schema-only -Fc` reads the catalog once;
    `pg_restore` splits the archive locally (two pg_dump runs cost twice the catalog reads)."""
    conninfo, env = client_args(dsn)
    with tempfile.TemporaryDirectory(prefix="airvault-schema-") as tmp:
        archive = os.path.join(tmp, "schema.dump")
        args = [pg_tool("pg_dump"), "--schema-only", "-Fc", "-f", archive, "-d", conninfo]
        if snapshot:
            args += ["--snapshot", snapshot]
        for schema in schemas:
            args += ["--schema", '"' + schema.replace('"', '""') + '"']  # a name, not a pattern
        _run(args, env, "pg_dump --schema-only")
        return {
            section: _run(
                [pg_tool("pg_restore"), "--no-owner", "--no-privileges", f"--section={section}",
                 "-f", "-", archive],
                env, "pg_restore --section",
            )
            for section in ("pre-data", "post-data")
        }  # fmt: skip


def _run(args: list[str], env: dict[str, str], what: str) -> bytes:
    result = subprocess.run(args, capture_output=True, env=env)
    if result.returncode != 0:
        err = result.stderr.decode(errors="replace").strip().splitlines()[-1:]
        raise AirvaultError(f"{what} failed (exit {result.returncode}): {err}")
    return result.stdout
