"""Dead-man's-switch pings (healthchecks.io, Cronitor, Uptime Kuma push monitors): a backup
DAG calls its `start`, `success` and `failure` URLs (monitoring.pings.<dag id>), so a monitor
outside Airflow notices a backup that failed, and one that never ran because the scheduler
stopped. A ping is best effort: a short timeout, a few retries, logged, never raised; the
backup's own result never depends on a monitor being reachable. No Airflow here."""

from __future__ import annotations

import logging
import time
import urllib.error
import urllib.request
from typing import Literal

from airvault.config import Pings

log = logging.getLogger("airvault.ops.pings")
Event = Literal["start", "success", "failure"]
BODY_LIMIT = 10_000  # healthchecks.io keeps the first 10 kB of a ping's body


def ping(pings: Pings, event: Event, body: str = "", sleep=time.sleep) -> bool:
    """POST `body` (what happened, shown by the monitor beside the ping) to the URL of
    `event`; True once it answered 2xx/3xx, False after the last attempt failed or when no
    URL is configured for the event."""
    url = getattr(pings, event)
    if not url:
        return False
    shown = url.split("?")[0]  # a query may hold a key: never logged
    for attempt in range(pings.retries + 1):
        if attempt:
            sleep(2 ** (attempt - 1))  # 1 s, 2 s, 4 s ...
        request = urllib.request.Request(
            url,
            data=body.encode()[:BODY_LIMIT],
            headers={"Content-Type": "text/plain; charset=utf-8", "User-Agent": "airvault"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=pings.timeout_seconds) as response:
                log.info("%s ping to %s: HTTP %s", event, shown, response.status)
                return True
        except (OSError, ValueError) as e:  # URLError, HTTPError (4xx/5xx), timeouts
            problem = e
        log.warning(
            "%s ping to %s failed (attempt %d of %d): %s",
            event,
            shown,
            attempt + 1,
            pings.retries + 1,
            problem,
        )
    log.error(
        "%s ping to %s not delivered; the backup's result does not depend on it", event, shown
    )
    return False
