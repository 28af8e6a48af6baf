"""Alert messages and their delivery to a JSON webhook (Slack-compatible payload: `text`, plus
the structured fields for machines). No Airflow here: the notifier in operators/ builds the
message from a task's context and calls `send_webhook`."""

from __future__ import annotations

import json
import urllib.request

from airvault.errors import AirvaultError


def alert_payload(
    title: str, what: str, where: str, link: str | None = None, ok: bool = False
) -> dict:
    """`text` reads well in Slack; the other keys are for whatever else receives it. `ok`:
    a success notice (monitoring.notify.<dag id>.on: [success]), not an alert."""
    icon = ":white_check_mark:" if ok else ":rotating_light:"
    text = f"{icon} {title}\n{what}\nwhere: {where}" + (f"\n{link}" if link else "")
    return {
        "text": text,
        "title": title,
        "what": what,
        "where": where,
        "link": link,
        "status": "success" if ok else "failure",
    }


def send_webhook(url: str, payload: dict, timeout: float = 10.0) -> int:
    """POST the payload as JSON; return the HTTP status (an error status raises)."""
    request = urllib.request.Request(
        url,
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status
    except OSError as e:  # URLError, HTTPError, timeouts
        raise AirvaultError(f"alert webhook {url.split('?')[0]} failed: {e}") from None
