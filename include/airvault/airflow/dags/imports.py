"""DAG factories for imports: `import` (manual / REST, Params render as a form): one CSV from
storage (an import file under the storage root, `imports/uploads/...` or
`imports/incoming/...`, nothing else, whoever triggers the run) into a table; and
`import_incoming`, which waits for files to land and imports each one. A failed atomic
import fails the task after writing its rejects and report; nothing changed."""

from __future__ import annotations

from airflow.sdk import DAG, Param

from airvault.airflow.dags.common import default_args, from_params
from airvault.airflow.operators.exchange import ImportOperator
from airvault.airflow.roles import IMPORT, access_control
from airvault.airflow.sensors import IncomingFilesSensor
from airvault.config import Config


def import_dag(config: Config) -> DAG:
    # the run's Params, one row each: a form in the UI, conf over REST
    params = {
        "file": Param("", type="string", minLength=1,
                      description="imports/uploads/<file> or imports/incoming/[<table>/]<file> under the storage root"),
        "table": Param("", type="string", minLength=1, description="the target table"),
        "mode": Param("upsert", enum=["insert", "upsert", "update-only"]),
        "policy": Param("atomic", enum=["atomic", "skip"],
                        description="atomic: any bad row rejects the file; skip: load the good rows"),
        "max_errors": Param(None, type=["null", "integer"], description="skip: give up beyond this"),
        "mapping": Param("", type="string", description="file_col=table_col, comma-separated"),
        "template": Param("", type="string", description="a saved mapping (import_mappings)"),
        "key": Param("", type="string", description="key columns (empty = primary key)"),
        "encoding": Param("", type="string", description="e.g. latin-1 (empty = UTF-8)"),
        "dry_run": Param(False, type="boolean", description="validate and plan only"),
    }  # fmt: skip
    with DAG(
        dag_id="import",
        access_control=access_control(IMPORT),
        schedule=None,
        catchup=False,
        tags=["airvault", "import"],
        default_args=default_args(config, "import"),
        doc_md=__doc__,
        params=params,
    ) as dag:
        # every Param becomes the operator's argument of the same name
        ImportOperator(task_id="import", pool=config.backup.pool, **from_params(*params))
    return dag


def import_watch_dag(config: Config) -> DAG:
    """`import_incoming`: a deferrable sensor waits in the triggerer (no worker slot held)
    until files land in imports/incoming/<table>/ of the storage, then imports each one into
    <table> (mode and policy from `import_watch`); a loaded file moves to imports/processed/,
    a rejected one to imports/failed/ and fails its task. Continuous: the next run starts
    waiting at once."""
    watch = config.import_watch
    with DAG(
        dag_id="import_incoming",
        access_control=access_control(IMPORT),
        schedule="@continuous",
        max_active_runs=1,
        catchup=False,
        tags=["airvault", "import"],
        default_args=default_args(config, "import of incoming files"),
        doc_md=import_watch_dag.__doc__,
    ) as dag:
        found = IncomingFilesSensor(
            task_id="wait_for_files",
            poke_interval=watch.poke_seconds,
            timeout=24 * 3600,
            soft_fail=True,
        )
        ImportOperator.partial(
            task_id="import",
            pool=config.backup.pool,
            mode=watch.mode,
            policy=watch.policy,
            from_incoming=True,
            map_index_template="{{ file }}",
        ).expand(file=found.output)
    return dag
