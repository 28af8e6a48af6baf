"""Prometheus metrics (ops/metrics.py) at /airvault/metrics, for a scraper: the bearer token of
monitoring.metrics (token_file or token_env), or an Airflow user who may list backups (a JWT
or the UI's session), or anyone when monitoring.metrics.anonymous. A plain Starlette route
(app.py adds it), so the app's own dependencies (an Airflow user) do not apply to it; a GET
changes nothing, so the cross-site check has nothing to guard."""

from __future__ import annotations

import logging

from airflow.api_fastapi.core_api.security import get_user
from fastapi import HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import PlainTextResponse, Response

from airvault.airflow.page.auth import allowed
from airvault.airflow.page.storage import storage_root
from airvault.errors import AirvaultError

log = logging.getLogger("airvault.page")


async def metrics(request: Request) -> Response:
    """Prometheus metrics (ops/metrics.py) for a scraper: the bearer token of
    monitoring.metrics (token_file or token_env), or an Airflow user who may list backups
    (a JWT or the UI's session), or anyone when monitoring.metrics.anonymous. A plain
    Starlette route, so the app's own dependencies (an Airflow user) do not apply to it; a
    GET changes nothing, so the cross-site check has nothing to guard."""
    from airvault.airflow.hook import AirvaultHook
    from airvault.ops.metrics import CONTENT_TYPE, metrics_text

    try:
        config, root = await run_in_threadpool(storage_root)
        token = config.metrics_token()
    except AirvaultError as e:  # told to the log, not to a caller not yet authenticated
        log.error("/metrics: %s", e)
        return PlainTextResponse(
            "airvault's config cannot be used: see the api-server's log\n", status_code=500
        )
    denied = await _scraper_denied(request, config.monitoring.metrics.anonymous, token)
    if denied is not None:
        return denied
    try:
        copies = await run_in_threadpool(AirvaultHook(config=config).copy_sites)
        text = await run_in_threadpool(metrics_text, config, root, None, copies)
    except AirvaultError as e:
        return PlainTextResponse(f"{e}\n", status_code=500)
    return Response(text, media_type=CONTENT_TYPE)


async def _scraper_denied(request: Request, anonymous: bool, token: str | None) -> Response | None:
    """None when the request may read the metrics; else the refusal (401 or 403)."""
    import hmac

    from fastapi.security.http import HTTPAuthorizationCredentials

    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    bearer = given.strip() if scheme.lower() == "bearer" else ""
    if anonymous or (token and bearer and hmac.compare_digest(bearer.encode(), token.encode())):
        return None
    credentials = (
        HTTPAuthorizationCredentials(scheme="Bearer", credentials=bearer) if bearer else None
    )
    try:  # not the metrics token: an Airflow user's JWT, or the session cookie
        user = await get_user(request, None, credentials)
    except HTTPException as e:
        return PlainTextResponse(
            f"{e.detail}: scrape with the bearer token of monitoring.metrics (token_file or "
            "token_env) or an Airflow user's token\n",
            status_code=e.status_code,
            headers={"WWW-Authenticate": "Bearer"} if e.status_code == 401 else None,
        )
    if not allowed(user, "restore", "GET"):
        return PlainTextResponse(
            f"user '{user.get_name()}' may not read the metrics: that needs the right to read "
            "runs of restore, as listing backups does\n",
            status_code=403,
        )
    return None
