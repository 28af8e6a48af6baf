"""What every airvault operator shares: the hook, and the one place where errors of the core
become task failures that are not retried."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cached_property
from typing import Any

from airflow.sdk import BaseOperator

from airvault.airflow.hook import AirvaultHook


@contextmanager
def core_errors() -> Iterator[None]:
    """An error of the core (bad config, a wrong key, a refused manifest, a checksum
    mismatch, a table that does not exist) fails the task at once: retrying cannot fix it.
    Anything else (a lost connection, a storage hiccup) is left to the task's retries."""
    import psycopg
    from airflow.sdk.exceptions import AirflowFailException

    from airvault.errors import AirvaultError

    try:
        yield
    except AirvaultError as e:
        raise AirflowFailException(str(e)) from e
    except psycopg.errors.UndefinedTable as e:
        raise AirflowFailException(str(e)) from e


def flag(value: Any) -> bool:
    """A boolean argument that may come from a template ("True", "false", "")."""
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes", "on")
    return bool(value)


def names(value: Any) -> list[str]:
    """A list argument given as a list or as comma-separated text (a Param, a template)."""
    if value is None:
        return []
    items = value.split(",") if isinstance(value, str) else list(value)
    return [str(x).strip() for x in items if str(x).strip()]


def run_identity(context: Any) -> tuple[str, str]:
    """(this run's id as a folder name, who triggered it) for import and export reports."""
    import re

    run = context["dag_run"]
    who = run.triggering_user_name or f"{getattr(run.run_type, 'value', run.run_type)} run"
    return re.sub(r"[^A-Za-z0-9_.-]", "_", context["run_id"]), who


class AirvaultOperator(BaseOperator):
    """Base of airvault's operators.

    :param airvault_conn_id: the app database's connection (default: the config's
        `connections.app_db`)
    :param config: path of airvault.yaml (default: $AIRVAULT_CONFIG, else ./airvault.yaml,
        else the built-in defaults)
    :param storage_root: where backups live (default: the config's `storage.root`)
    :param storage_conn_id: the amazon connection of an s3:// storage root
    """

    template_fields: Sequence[str] = ("airvault_conn_id", "config", "storage_root")
    ui_color = "#e8f1fb"

    def __init__(
        self,
        *,
        airvault_conn_id: str | None = None,
        config: str | None = None,
        storage_root: str | None = None,
        storage_conn_id: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.airvault_conn_id = airvault_conn_id
        self.config = config
        self.storage_root = storage_root
        self.storage_conn_id = storage_conn_id

    @cached_property
    def hook(self) -> AirvaultHook:
        logging.getLogger("airvault").setLevel(logging.INFO)  # progress per table in the log
        with core_errors():  # a malformed config fails the task, naming the key
            return AirvaultHook(
                self.airvault_conn_id,
                config=self.config,
                storage_root=self.storage_root,
                storage_conn_id=self.storage_conn_id,
            )
