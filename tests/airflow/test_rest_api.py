"""docs/api.md runs as written: its curl and apache-airflow-client blocks against a live
api-server (token, backup, restore with conf, a future export cancelled, runs, a report)."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

DOC = Path(__file__).resolve().parents[2] / "docs" / "api.md"


def block(language: str) -> str:
    (code,) = re.findall(rf"```{language}\n(.*?)```", DOC.read_text(), re.S)
    return code


def test_the_python_client_examples(live_airflow, backed_up_live):
    names = {"AIRFLOW": live_airflow.url, "AIRFLOW_USER": "op", "AIRFLOW_PASSWORD": "op",
             "BACKUP_URL": backed_up_live}  # fmt: skip
    exec(compile(block("python"), str(DOC), "exec"), names)
    assert names["backup_run"].state in ("queued", "running", "success")
    assert names["scheduled"].state == "queued" and names["cancelled"].state == "failed"
    assert names["finished"].state == "success"
    (report,) = names["report"]
    assert report["rows"] > 0 and report["file"].endswith("accounts.csv")
    assert report["triggered_by"] == "op"  # who, recorded by Airflow and in the report
    plan = live_airflow.wait_for_run("restore", names["plan_run"].dag_run_id)
    assert plan["state"] == "success"
    status, planned = live_airflow.call(
        "GET", f"/api/v2/dags/restore/dagRuns/{plan['dag_run_id']}/taskInstances/plan/"
        "xcomEntries/return_value")  # fmt: skip
    assert status == 200 and {t["table"] for t in planned["value"]["tables"]} >= {"public.contacts"}
    assert live_airflow.call("GET", "/api/v2/dags/export/dagRuns/"
                             f"{names['scheduled'].dag_run_id}")[1]["state"] == "failed"  # fmt: skip


def test_the_curl_examples(live_airflow, backed_up_live):
    env = {**os.environ, "AIRFLOW": live_airflow.url, "AIRFLOW_USER": "admin",
           "AIRFLOW_PASSWORD": "admin", "BACKUP_URL": backed_up_live}  # fmt: skip
    out = subprocess.run(["bash", "-euo", "pipefail", "-c", block("bash")], env=env,
                         capture_output=True, text=True, timeout=120)  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert '"state":"failed"' in out.stdout.replace(" ", "")  # the cancelled export
    assert '"dag_id":"restore"' in out.stdout.replace(" ", "")
