"""Continuous protection: draining the change-capture slot into storage."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from airvault.airflow.operators.base import AirvaultOperator, core_errors


class ChangeCaptureOperator(AirvaultOperator):
    """Move every change committed on the app database since the last drain into change
    segments in storage (``<root>/changes/<slot>/``), then confirm the slot. Run every minute
    (the ``change_capture`` DAG), it keeps the RPO near one minute. Fails clearly when the
    slot is missing (``airvault capture start``) or another drain of it is running.

    :param slot: the replication slot (default: the config's ``capture.slot``)
    :param publication: its publication (default: ``capture.publication``)
    """

    template_fields: Sequence[str] = (*AirvaultOperator.template_fields, "slot", "publication")

    def __init__(
        self, *, slot: str | None = None, publication: str | None = None, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.slot, self.publication = slot, publication

    def execute(self, context: Any) -> dict:
        from airvault.capture.drain import drain
        from airvault.storage.codec import FileCodec

        hook = self.hook
        config = hook.config
        cap, b = config.capture, config.backup
        with core_errors():
            store = hook.get_store()
            codec = FileCodec(b.compression, b.compression_level, hook.new_files_key(store))
            result = drain(hook.get_dsn(), store, self.slot or cap.slot,
                           self.publication or cap.publication, codec,
                           segment_changes=cap.segment_changes,
                           idle_segment_minutes=cap.idle_segment_minutes)  # fmt: skip
        last = result.segments[-1] if result.segments else None
        return {
            "segments": len(result.segments),
            "transactions": result.transactions,
            "changes": result.changes,
            "covered_until": last.covered_until if last else None,
            "end_lsn": last.end_lsn if last else None,
        }
