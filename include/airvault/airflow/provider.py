"""Provider metadata, found by Airflow through the `apache_airflow_provider` entry point
(pyproject.toml): `airflow providers list`, `providers hooks`, `providers notifications`
and the connection form show airvault from here."""

from __future__ import annotations

from airvault import __version__

INTEGRATION = "airvault"


def get_provider_info() -> dict:
    return {
        "package-name": "airvault",
        "name": "airvault",
        "description": "Consistent, checksummed PostgreSQL backups, restores, point-in-time "
        "safety, imports and exports: a hook, operators, a deferrable sensor and a notifier.",
        "versions": [__version__],
        "integrations": [{"integration-name": INTEGRATION, "tags": ["software"]}],
        "hooks": [{"integration-name": INTEGRATION, "python-modules": ["airvault.airflow.hook"]}],
        "operators": [
            {
                "integration-name": INTEGRATION,
                "python-modules": [
                    "airvault.airflow.operators.backup",
                    "airvault.airflow.operators.restore",
                    "airvault.airflow.operators.archive",
                    "airvault.airflow.operators.exchange",
                    "airvault.airflow.operators.ops",
                    "airvault.airflow.operators.capture",
                ],
            }
        ],
        "sensors": [
            {"integration-name": INTEGRATION, "python-modules": ["airvault.airflow.sensors"]}
        ],
        "triggers": [
            {"integration-name": INTEGRATION, "python-modules": ["airvault.airflow.triggers"]}
        ],
        "notifications": ["airvault.airflow.notifier.AirvaultNotifier"],
        "connection-types": [
            {
                "connection-type": "airvault",
                "hook-class-name": "airvault.airflow.hook.AirvaultHook",
                "hook-name": "airvault (PostgreSQL app database)",
                "ui-field-behaviour": {"relabeling": {"schema": "Database"}},
                "conn-fields": {
                    "storage_root": {
                        "label": "Storage root",
                        "description": "where backups live (file://..., s3://bucket/prefix); "
                        "empty: storage.root of airvault.yaml",
                        "schema": {"type": ["string", "null"]},
                    },
                    "storage_conn_id": {
                        "label": "Storage connection",
                        "description": "the aws connection of an s3:// storage root",
                        "schema": {"type": ["string", "null"]},
                    },
                    "sslmode": {
                        "label": "SSL mode",
                        "description": "libpq sslmode (disable, require, verify-full, ...)",
                        "schema": {"type": ["string", "null"]},
                    },
                },
            }
        ],
    }
