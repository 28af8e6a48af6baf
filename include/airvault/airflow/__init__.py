"""airvault as an Airflow provider: the hook, operators, sensor, trigger and notifier that
airvault's own DAGs are built from, for users' DAGs too::

    from airvault.airflow import BackupOperator, ExportOperator, AirvaultNotifier

Names are imported on first use, so `import airvault.airflow` stays cheap.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

EXPORTS = {
    "AirvaultHook": "airvault.airflow.hook",
    "AirvaultOperator": "airvault.airflow.operators.base",
    "BackupOperator": "airvault.airflow.operators.backup",
    "VerifyBackupOperator": "airvault.airflow.operators.backup",
    "CopyBackupOperator": "airvault.airflow.operators.backup",
    "RestoreOperator": "airvault.airflow.operators.restore",
    "ArchiveOperator": "airvault.airflow.operators.archive",
    "ArchiveRestoreOperator": "airvault.airflow.operators.archive",
    "SignedLinksOperator": "airvault.airflow.operators.archive",
    "ExportOperator": "airvault.airflow.operators.exchange",
    "ImportOperator": "airvault.airflow.operators.exchange",
    "DiffOperator": "airvault.airflow.operators.exchange",
    "LatestBackupsOperator": "airvault.airflow.operators.ops",
    "DrillOperator": "airvault.airflow.operators.ops",
    "RetentionOperator": "airvault.airflow.operators.ops",
    "HealthCheckOperator": "airvault.airflow.operators.ops",
    "ChangeCaptureOperator": "airvault.airflow.operators.capture",
    "PointInTimeRestoreOperator": "airvault.airflow.operators.capture",
    "IncomingFilesSensor": "airvault.airflow.sensors",
    "IncomingFilesTrigger": "airvault.airflow.triggers",
    "AirvaultNotifier": "airvault.airflow.notifier",
}
__all__ = sorted(EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in EXPORTS:
        raise AttributeError(f"module 'airvault.airflow' has no attribute {name!r}")
    return getattr(import_module(EXPORTS[name]), name)
