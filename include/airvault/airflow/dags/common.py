"""What every airvault DAG shares."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from airvault.airflow.notifier import AirvaultNotifier, PingNotifier
from airvault.config import Config, Notify


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


@dataclass
class Watch:
    """The callbacks that tell the world about one DAG's runs (monitoring.pings and
    monitoring.notify of its DAG id): `start` on its first task's start, `success` on its last
    task's success, `failure` on any task failing for good."""

    start: list = field(default_factory=list)
    success: list = field(default_factory=list)
    failure: list = field(default_factory=list)


def watch(config: Config, dag_id: str, what: str) -> Watch:
    """Pings and notifications of `dag_id` as the config asks (failure alerts by default)."""
    notify = config.monitoring.notify.get(dag_id, Notify())
    found = Watch()
    if "failure" in notify.on:
        found.failure.append(AirvaultNotifier(f"airvault {what} failed"))
    if "success" in notify.on:
        found.success.append(AirvaultNotifier(f"airvault {what} succeeded", ok=True))
    pings = config.monitoring.pings.get(dag_id)
    if pings is not None:
        found.start.append(PingNotifier(pings, "start"))
        found.success.append(PingNotifier(pings, "success"))
        found.failure.append(PingNotifier(pings, "failure"))
    return found


def dag_schedule(config: Config, dag_id: str, cron: str | None) -> Any:
    """The schedule of `dag_id`: the config's cron (the page's edit over it already applied
    by load_config), read on the wall clock of the edit's time zone when it is not UTC."""
    timezone = config.edits.timezone(dag_id) if config.edits is not None else "UTC"
    if cron is None or timezone == "UTC" or cron.startswith("@"):
        return cron  # a cron string: Airflow's cron timetable in UTC, as before
    from airflow.sdk import CronTriggerTimetable

    return CronTriggerTimetable(cron, timezone=timezone)


def from_params(*names: str) -> dict[str, Any]:
    """Operator arguments read from the run's Params (a form in the UI, conf over REST).
    Typed Any: each template stands for an argument of its own type (int, bool, ...)."""
    return {name: "{{ params." + name + " }}" for name in names}


# the operators' `copy` argument from the run's Param (params.copy would be the dict's method)
FROM_COPY_PARAM: dict[str, Any] = {"copy": "{{ params['copy'] }}"}


def copy_param(config: Config, what: str) -> Any:
    """The `copy` Param: read `what` from one of the config's copies (`copies:`), the same
    folder there as the URL given names in the storage root; only those copies are offered
    and accepted (the hook confines the URL to the root or to the copy's root)."""
    from airflow.sdk import Param

    return Param(
        "",
        enum=["", *config.copies],
        description=f"read {what} from this copy of the config (copies): backup_url as "
        "listed in the storage root names the same folder there (empty: the storage root, or "
        "the copy whose root backup_url is under)",
    )
