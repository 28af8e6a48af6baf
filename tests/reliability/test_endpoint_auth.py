"""Security of the plugin: every route of the Backups page app (listed from the app itself,
so a route added later is covered) refuses anonymous callers (401) and garbage or forged
tokens (as Airflow's own API does, 403), viewers get 403 for every action that changes,
restores or downloads anything, and every state-changing route refuses a cross-site request
(the session cookie without the page's header, or a foreign Origin) with 403, even an admin's."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

from fastapi.routing import APIRoute

from airvault.airflow.page.app import app

ACTIONS = {
    "/api/restore",
    "/api/backup",
    "/api/upload",
    "/api/verify",
    "/api/link",
    "/api/imports/upload",
    "/api/imports",
    "/api/exports",
}  # not viewers


def _routes() -> list[tuple[str, str]]:
    found = []
    for route in app.routes:
        if isinstance(route, APIRoute):
            path = route.path.replace("{dag_id}", "restore").replace("{run_id}", "x")
            found += [(method, path) for method in sorted(route.methods)]
    return found


def _raw(url: str, method: str, token: str | None, extra: dict | None = None) -> int:
    headers = {"Content-Type": "application/json", **(extra or {})}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = json.dumps({}).encode() if method == "POST" else None
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data, headers, method=method)):
            return 200
    except urllib.error.HTTPError as e:
        return e.code


def test_every_plugin_route_needs_a_valid_token_and_a_role(live_airflow, record):
    routes = _routes()
    assert {p for _, p in routes} >= ACTIONS | {"/", "/api/backups"}
    real = live_airflow.token("admin")
    forged = real[:-6] + ("AAAAAA" if not real.endswith("AAAAAA") else "BBBBBB")  # bad signature
    # Airflow's own API answers a bad token with 403 (and no token with 401): so must we
    airflow_says = {t: _raw(f"{live_airflow.url}/api/v2/dags", "GET", t) for t in ("x", forged)}
    assert set(airflow_says.values()) <= {401, 403}
    failures, calls = [], 0
    for method, path in routes:
        for token in (None, "not-a-jwt", forged):
            calls += 1
            status = _raw(f"{live_airflow.url}/airvault{path}", method, token)
            expected = 401 if token is None else airflow_says[forged if token == forged else "x"]
            if status != expected:
                failures.append((method, path, token and token[:10], status))
        if path in ACTIONS:
            calls += 1
            status, _ = live_airflow.call(method, f"/airvault{path}", {}, user="viewer")
            if status != 403:
                failures.append((method, path, "viewer", status))
        if method not in ("GET", "HEAD", "OPTIONS"):  # cross-site, as an admin: still 403
            for token, extra in ((None, {"Cookie": f"_token={real}"}),
                                 (None, {"Cookie": f"_token={real}", "Origin": "http://evil.test",
                                         "X-Requested-With": "x"}),
                                 (real, {"Origin": "http://evil.test"})):  # fmt: skip
                calls += 1
                status = _raw(f"{live_airflow.url}/airvault{path}", method, token, extra)
                if status != 403:
                    failures.append((method, path, "cross-site", sorted(extra), status))
    record("plugin endpoints: no token 401, bad token 403, viewers 403, cross-site 403", calls,
           len(failures), 0, f"{len(routes)} routes x (no token, garbage, forged signature); "
           f"viewers on {len(ACTIONS)} actions; cross-site posts on every POST route")  # fmt: skip
    assert not failures, failures
