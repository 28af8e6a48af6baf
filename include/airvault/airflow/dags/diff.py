"""DAG factory for `backup_diff` (manual / REST): compare two backups given as Params; the
summary is the task's XCom and, with the row details as CSV, kept in storage under
`diffs/<id a>-<id b>/`."""

from __future__ import annotations

from airflow.sdk import DAG, Param, get_current_context, task

from airvault.config import Config


def diff_dag(config: Config) -> DAG:
    with DAG(
        dag_id="backup_diff",
        schedule=None,
        catchup=False,
        tags=["airvault", "diff"],
        doc_md=__doc__,
        params={
            "a": Param("", type="string", minLength=1, description="the older backup's URL"),
            "b": Param("", type="string", minLength=1, description="the newer backup's URL"),
        },
    ) as dag:

        @task(task_id="diff")
        def diff() -> dict:
            import json
            import tempfile

            from airvault.airflow.connections import vault_store
            from airvault.airflow.dags.backup import fail_on_error
            from airvault.exchange.diff import diff_backups
            from airvault.storage.manifest import read_manifest

            params = get_current_context()["params"]
            a, b = vault_store(config, params["a"]), vault_store(config, params["b"])
            folder = f"diffs/{read_manifest(a)['id']}-{read_manifest(b)['id']}"
            root = vault_store(config)
            # details go to a local temp file as found, then stream to storage: flat memory
            with tempfile.TemporaryFile("w+", newline="") as details:
                result = fail_on_error(diff_backups, a, b, details)
                details.seek(0)
                with root.open_write(f"{folder}/details.csv") as out:
                    while chunk := details.read(1 << 20):
                        out.write(chunk.encode())
            print(result.summary())
            summary = result.to_json()
            root.write_bytes_atomic(
                f"{folder}/summary.json", json.dumps(summary, indent=2).encode()
            )
            return {**summary, "report": root.url_of(folder)}

        diff()
    return dag
