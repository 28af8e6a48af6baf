"""A client of Airflow's REST API (v2): what `airvault jobs` (cli/jobs.py) and the Backups page
use to trigger, list and cancel runs. Part of the Airflow layer (it speaks Airflow's API) but
imports nothing of Airflow: only the standard library, so the CLI works where Airflow is absent.

A job at a future time is a DAG run with `run_after` in the future: Airflow keeps it `queued`
until then. Cancelling sets the run's state to `failed` (with a note saying who cancelled it),
so a queued run never starts and a running one stops. History is Airflow's run history.

Credentials: $AIRVAULT_AIRFLOW_TOKEN, or $AIRVAULT_AIRFLOW_USER / $AIRVAULT_AIRFLOW_PASSWORD
exchanged for a token at POST /auth/token.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime

from airvault.errors import AirvaultError

DEFAULT_URL = "http://localhost:8080"


@dataclass
class AirflowAPI:
    url: str = DEFAULT_URL
    user: str | None = None
    password: str | None = None
    token: str | None = None
    timeout: float = 30.0

    @classmethod
    def from_env(cls, url: str | None = None) -> AirflowAPI:
        return cls(
            url=(url or os.environ.get("AIRVAULT_AIRFLOW_URL") or DEFAULT_URL).rstrip("/"),
            user=os.environ.get("AIRVAULT_AIRFLOW_USER"),
            password=os.environ.get("AIRVAULT_AIRFLOW_PASSWORD"),
            token=os.environ.get("AIRVAULT_AIRFLOW_TOKEN"),
        )

    def login(self) -> str:
        if self.token:
            return self.token
        if not (self.user and self.password):
            raise AirvaultError(
                "Airflow credentials: set $AIRVAULT_AIRFLOW_TOKEN, or $AIRVAULT_AIRFLOW_USER "
                "and $AIRVAULT_AIRFLOW_PASSWORD"
            )
        body = {"username": self.user, "password": self.password}
        self.token = self._call("POST", "/auth/token", body, auth=False)["access_token"]
        return self.token

    def _call(self, method: str, path: str, body: dict | None = None, auth: bool = True) -> dict:
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if auth:
            headers["Authorization"] = f"Bearer {self.login()}"
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.url + path, data, headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                text = response.read()
        except urllib.error.HTTPError as e:
            detail = e.read().decode(errors="replace")
            try:
                detail = json.loads(detail).get("detail", detail)
            except (ValueError, AttributeError):
                pass
            raise AirvaultError(f"Airflow API {method} {path}: HTTP {e.code}: {detail}") from None
        except urllib.error.URLError as e:
            raise AirvaultError(f"Airflow API at {self.url}: {e.reason}") from None
        return json.loads(text) if text else {}

    def dag(self, dag_id: str) -> dict:
        return self._call("GET", f"/api/v2/dags/{_q(dag_id)}")

    def required_params(self, dag_id: str) -> list[str]:
        """The DAG's Params whose default its own schema refuses: a run needs values for them
        (Airflow answers a run without them with a raw schema error)."""
        import jsonschema  # type: ignore[import-untyped]

        params = self._call("GET", f"/api/v2/dags/{dag_id}/details").get("params") or {}
        return sorted(
            name
            for name, p in params.items()
            if isinstance(p, dict)
            and not jsonschema.Draft7Validator(p.get("schema") or {}).is_valid(p.get("value"))
        )

    def unpause(self, dag_id: str) -> None:
        self.set_paused(dag_id, False)

    def set_paused(self, dag_id: str, paused: bool) -> dict:
        return self._call("PATCH", f"/api/v2/dags/{_q(dag_id)}", {"is_paused": paused})

    def dags(self, tag: str = "airvault", limit: int = 200) -> list[dict]:
        """The DAGs with `tag` the caller may read (schedule, pause state, next run)."""
        query = urllib.parse.urlencode(
            [("tags", tag), ("limit", str(limit)), ("order_by", "dag_id")]
        )
        return self._call("GET", f"/api/v2/dags?{query}")["dags"]

    def trigger(
        self, dag_id: str, conf: dict, run_after: datetime | None = None, note: str | None = None
    ) -> dict:
        """A DAG run; with run_after in the future it waits in `queued` until then."""
        body: dict = {"logical_date": None, "conf": conf}
        if run_after is not None:
            body["run_after"] = run_after.astimezone(UTC).isoformat()
        if note:
            body["note"] = note
        return self._call("POST", f"/api/v2/dags/{_q(dag_id)}/dagRuns", body)

    def runs(self, dag_id: str = "~", limit: int = 20, states: list[str] | None = None) -> list:
        query = [("order_by", "-run_after"), ("limit", str(limit))]
        query += [("state", s) for s in states or []]
        path = f"/api/v2/dags/{_q(dag_id)}/dagRuns?{urllib.parse.urlencode(query)}"
        return self._call("GET", path)["dag_runs"]

    def import_errors(self, limit: int = 100) -> list[dict]:
        """DAG files Airflow could not import: filename, stack_trace, timestamp."""
        return self._call("GET", f"/api/v2/importErrors?limit={limit}")["import_errors"]

    def run(self, dag_id: str, run_id: str) -> dict:
        return self._call("GET", f"/api/v2/dags/{_q(dag_id)}/dagRuns/{_q(run_id)}")

    def cancel(self, dag_id: str, run_id: str, note: str | None = None) -> dict:
        """State `failed`: a queued run never starts, a running one is stopped."""
        run = self.run(dag_id, run_id)
        if run["state"] in ("success", "failed"):
            raise AirvaultError(f"run {run_id} of {dag_id} already ended: {run['state']}")
        body: dict = {"state": "failed"}
        if note:
            body["note"] = note
        return self._call("PATCH", f"/api/v2/dags/{_q(dag_id)}/dagRuns/{_q(run_id)}", body)


def schedule(
    api: AirflowAPI, dag_id: str, conf: dict, at: datetime | None, unpause: bool = False
) -> tuple[dict, str | None]:
    """Trigger `dag_id` at `at` (now when None). A paused DAG would never start the run:
    an unscheduled DAG (export, import, restore, ...) is unpaused; one with its own schedule
    only with `unpause`, since unpausing it also starts its schedule. Returns (run, notice)."""
    dag = api.dag(dag_id)
    notice = None
    if dag.get("is_paused"):
        if dag.get("timetable_summary") not in (None, "None") and not unpause:
            raise AirvaultError(
                f"DAG {dag_id} is paused and has its own schedule "
                f"({dag['timetable_summary']}): pass --unpause to start it (and its schedule)"
            )
        api.unpause(dag_id)
        notice = f"unpaused {dag_id} so the run can start"
    return api.trigger(dag_id, conf, at), notice


def json_request(
    url: str,
    method: str = "GET",
    body: dict | None = None,
    token: str | None = None,
    timeout: float = 60,
) -> tuple[int, dict]:
    """(HTTP status, JSON body) of one REST call; an HTTP error is a status, not an exception
    (tests and scripts check refusals by their status)."""
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data, headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, _json_or_text(response.read(), "content")
    except urllib.error.HTTPError as e:
        return e.code, _json_or_text(e.read(), "detail")


def _json_or_text(text: bytes, key: str) -> dict:
    """A JSON answer, or {key: the text} (an error page, a file a download answers)."""
    try:
        return json.loads(text) if text else {}
    except ValueError:
        return {key: text.decode(errors="replace")}


def _q(part: str) -> str:
    return urllib.parse.quote(part, safe="")
