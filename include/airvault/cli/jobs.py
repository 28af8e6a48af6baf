"""`airvault jobs`: schedule, list and cancel DAG runs through Airflow's REST API."""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import UTC, datetime, timedelta

from airvault.cli.context import CliContext, add_command
from airvault.errors import AirvaultError

_DELAY = re.compile(r"\+?(\d+)\s*([smhd])")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = add_command(
        sub, "jobs", run, "schedule, list and cancel DAG runs through Airflow's REST API"
    )
    p.add_argument("--airflow-url", help="default $AIRVAULT_AIRFLOW_URL or http://localhost:8080")
    jobs = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    j = jobs.add_parser("schedule", help="trigger a DAG now or at a future time (--at)")
    j.add_argument("dag_id", help="e.g. export, import, full_backup_daily, restore")
    j.add_argument("--at", help="+30s, +10m, +2h, +1d or an ISO time (UTC unless zoned)")
    j.add_argument("--conf", help="the run's conf (the DAG's Params) as a JSON object")
    j.add_argument("--param", action="append", metavar="NAME=VALUE", help="a text Param")
    j.add_argument(
        "--unpause",
        action="store_true",
        help="unpause a paused DAG that has its own schedule (starts that schedule too)",
    )
    j = jobs.add_parser("list", help="recent runs, newest first, with who triggered them")
    j.add_argument("--dag", dest="dag_id", help="only this DAG")
    j.add_argument("--state", action="append", help="queued, running, success, failed")
    j.add_argument("--limit", type=int, default=20)
    j.add_argument("--json", action="store_true")
    j = jobs.add_parser("cancel", help="set a queued or running run to failed: it never writes")
    j.add_argument("dag_id")
    j.add_argument("run_id")
    p.epilog = (
        "Credentials: $AIRVAULT_AIRFLOW_TOKEN, or $AIRVAULT_AIRFLOW_USER and "
        "$AIRVAULT_AIRFLOW_PASSWORD (exchanged at POST /auth/token)."
    )


def parse_when(text: str, now: datetime | None = None) -> datetime:
    """'+30s', '+10m', '+2h', '+1d' or an ISO time (UTC unless it names its zone)."""
    now = now or datetime.now(UTC)
    if m := _DELAY.fullmatch(text.strip()):
        return now + timedelta(**{_UNITS[m[2]]: int(m[1])})
    try:
        when = datetime.fromisoformat(text.strip())
    except ValueError:
        raise AirvaultError(f"--at {text!r}: use +30s, +10m, +2h, +1d or an ISO time") from None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    # Airflow's REST client: the Airflow layer's, standard library only (no Airflow import)
    from airvault.airflow.rest_client import AirflowAPI, schedule

    api = AirflowAPI.from_env(args.airflow_url)
    if args.action == "schedule":
        conf = json.loads(args.conf) if args.conf else {}
        if not isinstance(conf, dict):
            raise AirvaultError('--conf: a JSON object, e.g. \'{"dataset": "contacts"}\'')
        from airvault.exchange.exports import parse_filters

        conf.update(parse_filters(args.param or [], "--param"))
        at = parse_when(args.at) if args.at else None
        dag_run, notice = schedule(api, args.dag_id, conf, at, args.unpause)
        if notice:
            print(notice, file=sys.stderr)
        print(f"{dag_run['dag_run_id']}  {dag_run['state']}  runs after {dag_run['run_after']}")
        return 0
    if args.action == "cancel":
        dag_run = api.cancel(args.dag_id, args.run_id, f"cancelled by {ctx.who()}")
        print(f"{dag_run['dag_run_id']}  {dag_run['state']}  (cancelled)")
        return 0
    runs = api.runs(args.dag_id or "~", args.limit, args.state)
    if args.json:
        print(json.dumps(runs, indent=2, default=str))
        return 0
    print(f"{'dag':<22} {'run id':<44} {'state':<8} {'run after':<20} by")
    for r in runs:
        print(
            f"{r['dag_id']:<22} {r['dag_run_id']:<44} {r['state']:<8} "
            f"{(r.get('run_after') or '')[:19]:<20} {r.get('triggering_user_name') or ''}"
        )
    return 0
