"""Running PostgreSQL's own client tools (pg_dump) with a clear error when they cannot work."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator

from airvault.embedded import pg_tool
from airvault.errors import AirvaultError, ToolVersionError


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


def schema_dump(dsn: str, snapshot: str | None, schemas: list[str]) -> Iterator[bytes]:
    """Stream `pg_dump --schema-only` output (at `snapshot`, so it matches the data)."""
    args = [pg_tool("pg_dump"), "--schema-only", "--no-owner", "--no-privileges", "-d", dsn]
    if snapshot:
        args += ["--snapshot", snapshot]
    for schema in schemas:
        args += ["--schema", '"' + schema.replace('"', '""') + '"']  # a name, not a pattern
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    try:
        while chunk := proc.stdout.read(1 << 16):
            yield chunk
    finally:
        proc.stdout.close()
        err = proc.stderr.read().decode(errors="replace").strip()
        code = proc.wait()
    if code != 0:
        raise AirvaultError(f"pg_dump --schema-only failed (exit {code}): {err.splitlines()[-1:]}")
