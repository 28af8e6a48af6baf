"""Airflow DAGs: `export` and `import` (manual / REST, Params forms), one `export_<name>` per
recurring export of airvault.yaml, and `import_incoming` (files landing in imports/incoming/
<table>/) when `import_watch.enabled` (airvault.exchange.exports, airvault.exchange.imports)."""

from airvault.airflow.dags.exports import export_dag, recurring_export_dag
from airvault.airflow.dags.imports import import_dag, import_watch_dag
from airvault.config import load_config

config = load_config()
export = export_dag(config)
import_ = import_dag(config)
if config.import_watch.enabled:
    import_incoming = import_watch_dag(config)

for name, job in config.exports.items():
    globals()[f"export_{name}"] = recurring_export_dag(config, name, job)
