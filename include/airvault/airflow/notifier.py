"""AirvaultNotifier: `on_failure_callback` of the airvault DAGs. It sends what failed, where
and the link to the run to every channel that has a connection:
* `airvault_alerts`: a JSON webhook (Slack-compatible), the URL in `extra.url` or the host;
* `airvault_smtp`: e-mail through the SMTP provider's hook, recipients in `extra.to`.
With neither, it only logs the alert."""

from __future__ import annotations

import logging

from airflow.sdk import BaseNotifier

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


class AirvaultNotifier(BaseNotifier):
    def __init__(self, title: str = "airvault task failed", conn_id: str = ALERTS_CONNECTION):
        super().__init__()
        self.title = title
        self.conn_id = conn_id

    def notify(self, context) -> None:
        from airvault.ops.alerts import alert_payload, send_webhook

        ti = context.get("ti") or context.get("task_instance")
        dag_id = getattr(ti, "dag_id", None) or getattr(context.get("dag"), "dag_id", "?")
        task_id = getattr(ti, "task_id", "?")
        run_id = context.get("run_id") or getattr(ti, "run_id", "?")
        error = context.get("exception")
        what = f"{type(error).__name__}: {error}" if error else "the task failed"
        link = getattr(ti, "log_url", None)
        payload = alert_payload(self.title, what, f"{dag_id}.{task_id} run {run_id}", link)
        url = webhook_url(self.conn_id)
        if url:
            send_webhook(url, payload)
        emailed = send_email(payload)
        if not url and not emailed:
            log.error(
                "%s (no %s or %s connection to send it to)",
                payload["text"],
                self.conn_id,
                SMTP_CONNECTION,
            )
