"""AirvaultNotifier: `on_failure_callback` of the airvault DAGs (and, for a backup DAG whose
monitoring.notify.<dag id>.on lists success, `on_success_callback` of its last task). It sends
what happened, where and the link to the run to every channel that has a connection:
* `airvault_alerts`: a JSON webhook (Slack-compatible), the URL in `extra.url` or the host;
* `airvault_smtp`: e-mail through the SMTP provider's hook, recipients in `extra.to`.
With neither, it only logs the alert.

PingNotifier calls one dead-man's-switch URL of monitoring.pings.<dag id> (ops/pings.py)."""

from __future__ import annotations

import logging
from typing import Any

from airflow.sdk import BaseNotifier

from airvault.config import Pings
from airvault.ops.pings import Event, ping

log = logging.getLogger("airvault.ops.alerts")
ALERTS_CONNECTION = "airvault_alerts"
SMTP_CONNECTION = "airvault_smtp"


def _connection(conn_id: str):
    from airflow.sdk import Connection
    from airflow.sdk.exceptions import AirflowNotFoundException

    try:
        return Connection.get(conn_id)
    except AirflowNotFoundException:
        return None


def webhook_url(conn_id: str = ALERTS_CONNECTION) -> str | None:
    conn = _connection(conn_id)
    return ((conn.extra_dejson or {}).get("url") or conn.host or None) if conn else None


def send_email(payload: dict, conn_id: str = SMTP_CONNECTION) -> bool:
    """E-mail the alert if the SMTP connection exists; True when sent."""
    import html

    conn = _connection(conn_id)
    to = (conn.extra_dejson or {}).get("to") if conn else None
    if not to:
        return False
    from airflow.providers.smtp.hooks.smtp import SmtpHook

    body = "<br>".join(html.escape(line) for line in payload["text"].splitlines()[1:])
    with SmtpHook(smtp_conn_id=conn_id) as hook:
        hook.send_email_smtp(
            to=to,
            subject=payload["title"],
            html_content=body,
            from_email=(conn.extra_dejson or {}).get("from_email") or conn.login,
        )
    return True


def _where(context) -> tuple[str, str, str, Any]:
    """(DAG id, task id, run id, task instance) of a callback's context."""
    ti = context.get("ti") or context.get("task_instance")
    dag_id = getattr(ti, "dag_id", None) or getattr(context.get("dag"), "dag_id", "?")
    run_id = context.get("run_id") or getattr(ti, "run_id", "?")
    return str(dag_id), str(getattr(ti, "task_id", "?")), str(run_id), ti


def _what(context, ok: bool) -> str:
    """A failure's error; a success's backup (the URL its `backup` task pushed)."""
    if not ok:
        error = context.get("exception")
        return f"{type(error).__name__}: {error}" if error else "the task failed"
    ti = context.get("ti") or context.get("task_instance")
    try:
        url = ti.xcom_pull(task_ids="backup", key="url") if ti else None
    except Exception:  # noqa: BLE001  (a notice without the URL beats no notice)
        url = None
    return f"backed up and verified: {url}" if url else "the run succeeded"


class AirvaultNotifier(BaseNotifier):
    def __init__(
        self,
        title: str = "airvault task failed",
        conn_id: str = ALERTS_CONNECTION,
        ok: bool = False,
    ):
        super().__init__()
        self.title = title
        self.conn_id = conn_id
        self.ok = ok  # a success notice rather than an alert

    def notify(self, context) -> None:
        from airvault.ops.alerts import alert_payload, send_webhook

        dag_id, task_id, run_id, ti = _where(context)
        link = getattr(ti, "log_url", None)
        payload = alert_payload(
            self.title,
            _what(context, self.ok),
            f"{dag_id}.{task_id} run {run_id}",
            link,
            ok=self.ok,
        )
        url = webhook_url(self.conn_id)
        if url:
            send_webhook(url, payload)
        emailed = send_email(payload)
        if not url and not emailed:
            log.log(
                logging.INFO if self.ok else logging.ERROR,
                "%s (no %s or %s connection to send it to)",
                payload["text"],
                self.conn_id,
                SMTP_CONNECTION,
            )


class PingNotifier(BaseNotifier):
    """A dead-man's-switch ping (start, success or failure) of a backup DAG: best effort, it
    never fails the task (ops.pings.ping logs and returns)."""

    def __init__(self, pings: Pings, event: Event):
        super().__init__()
        self.pings = pings
        self.event: Event = event

    def notify(self, context) -> None:
        dag_id, task_id, run_id, _ = _where(context)
        body = f"{dag_id}.{task_id} run {run_id}: {self.event}"
        if self.event == "failure":
            body += f"\n{_what(context, ok=False)}"
        ping(self.pings, self.event, body)
