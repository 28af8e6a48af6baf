"""What every airvault DAG shares."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from airvault.airflow.notifier import AirvaultNotifier
from airvault.config import Config


def default_args(
    config: Config | None, what: str, retries: bool = False, alert: str | None = None, **more
) -> dict:
    """default_args of an airvault DAG: the notifier alerts when a task fails for good. With
    `retries` (DAGs that read the app database), transient faults are retried with
    exponential backoff; what retrying cannot fix fails at once (AirflowFailException)."""
    args: dict = {
        "on_failure_callback": AirvaultNotifier(alert or f"airvault {what} failed"),
        **more,
    }
    if config is not None and config.source is not None:
        args["config"] = str(config.source)  # every task reads the config its DAG was built from
    if retries and config is not None:
        args.update(
            retries=config.backup.retries,
            retry_delay=timedelta(seconds=30),
            retry_exponential_backoff=2.0,
            max_retry_delay=timedelta(minutes=15),
        )
    else:
        args.setdefault("retries", 0)
    return args


def from_params(*names: str) -> dict[str, Any]:
    """Operator arguments read from the run's Params (a form in the UI, conf over REST).
    Typed Any: each template stands for an argument of its own type (int, bool, ...)."""
    return {name: "{{ params." + name + " }}" for name in names}
