"""AirvaultNotifier: `on_failure_callback` of the airvault DAGs; posts what failed, where and
the link to the run to the JSON webhook of the `airvault_alerts` connection (its host, or
`extra.url`). Without that connection it only logs."""

from __future__ import annotations

import logging

from airflow.sdk import BaseNotifier

log = logging.getLogger("airvault.alerts")
ALERTS_CONNECTION = "airvault_alerts"


def webhook_url(conn_id: str = ALERTS_CONNECTION) -> str | None:
    from airflow.sdk import Connection
    from airflow.sdk.exceptions import AirflowNotFoundException

    try:
        conn = Connection.get(conn_id)
    except AirflowNotFoundException:
        return None
    return (conn.extra_dejson or {}).get("url") or conn.host or None


class AirvaultNotifier(BaseNotifier):
    def __init__(self, title: str = "airvault task failed", conn_id: str = ALERTS_CONNECTION):
        super().__init__()
        self.title = title
        self.conn_id = conn_id

    def notify(self, context) -> None:
        from airvault.alerts import alert_payload, send_webhook

        ti = context.get("ti") or context.get("task_instance")
        dag_id = getattr(ti, "dag_id", None) or getattr(context.get("dag"), "dag_id", "?")
        task_id = getattr(ti, "task_id", "?")
        run_id = context.get("run_id") or getattr(ti, "run_id", "?")
        error = context.get("exception")
        what = f"{type(error).__name__}: {error}" if error else "the task failed"
        link = getattr(ti, "log_url", None)
        payload = alert_payload(self.title, what, f"{dag_id}.{task_id} run {run_id}", link)
        url = webhook_url(self.conn_id)
        if url is None:
            log.error("%s (no %s connection to send it to)", payload["text"], self.conn_id)
            return
        send_webhook(url, payload)
