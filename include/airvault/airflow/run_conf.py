"""What a run's conf may carry. It is stored with the run and readable by anyone who can read
runs: a password there is refused before anything is read or written, and the message names the
key, never the value. What a run may touch is decided by the config (restore targets are
connections it names), never by the conf."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

# a password in a URL (scheme://user:password@host) or in a libpq keyword DSN (password=...)
_URL_PASSWORD = re.compile(r"[a-z][a-z0-9+.-]*://[^/@\s]*:[^/@\s]*@", re.I)
_DSN_PASSWORD = re.compile(r"(^|\s)password\s*=", re.I)


def _strings(value: Any, where: str) -> Iterator[tuple[str, str]]:
    """(key path, string) of every string in a run conf, nested ones too."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, f"{where}.{k}" if where else str(k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, f"{where}[{i}]")


def check_run_conf(hook: Any, conf: dict | None) -> None:
    """Refuse a run conf that carries a password or names a database by DSN."""
    from airflow.sdk.exceptions import AirflowFailException

    targets = ", ".join(hook.restore_targets())
    for where, text in _strings(conf or {}, ""):
        if _URL_PASSWORD.search(text) or _DSN_PASSWORD.search(text):
            raise AirflowFailException(
                f"run conf key '{where}' holds a password, refused before anything ran: "
                "passwords never go in run conf (it is stored with the run and readable by "
                "anyone who can read runs). Name the target database by its Airflow "
                f"connection in target_conn_id ({targets})"
            )
    if (conf or {}).get("target_dsn"):
        raise AirflowFailException(
            "target_dsn is not accepted any more: the target is an Airflow connection the "
            f"config names, given in target_conn_id ({targets})"
        )
