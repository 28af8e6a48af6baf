"""IncomingFilesSensor: wait until files land in the storage (imports/incoming/<table>/ by
default), deferred to the triggerer so that waiting holds no worker slot."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from airflow.sdk import BaseSensorOperator

from airvault.airflow.triggers import INCOMING, SUFFIXES, IncomingFilesTrigger, find_files


class IncomingFilesSensor(BaseSensorOperator):
    """Succeeds with the list of files (relative to the storage root) that match `pattern`.

    :param pattern: a glob under the storage root (default ``imports/incoming/*/*``)
    :param suffixes: file name endings that count (default .csv, .txt)
    :param deferrable: wait in the triggerer (default True); False pokes on a worker
    :param config, storage_root, storage_conn_id: as for every airvault operator

    Returns (XCom) the files found, for a mapped ImportOperator to expand over."""

    template_fields: Sequence[str] = ("pattern", "config", "storage_root")

    def __init__(
        self,
        *,
        pattern: str = INCOMING,
        suffixes: Sequence[str] = SUFFIXES,
        deferrable: bool = True,
        config: str | None = None,
        storage_root: str | None = None,
        storage_conn_id: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.pattern, self.suffixes, self.deferrable = pattern, list(suffixes), deferrable
        self.config, self.storage_root, self.storage_conn_id = config, storage_root, storage_conn_id

    def _find(self) -> list[str]:
        return find_files(
            self.config, self.storage_root, self.storage_conn_id, self.pattern, self.suffixes
        )

    def poke(self, context: Any) -> Any:
        from airflow.sdk import PokeReturnValue

        found = self._find()
        return PokeReturnValue(is_done=bool(found), xcom_value=found)

    def execute(self, context: Any) -> Any:
        if not self.deferrable:
            return super().execute(context)
        found = self._find()
        if found:  # already there: no need to hand over to the triggerer
            return found
        self.defer(
            trigger=IncomingFilesTrigger(
                self.pattern,
                self.suffixes,
                self.poke_interval,
                self.config,
                self.storage_root,
                self.storage_conn_id,
            ),
            method_name="execute_complete",
            timeout=timedelta(seconds=self.timeout),
        )

    def execute_complete(self, context: Any, event: dict | None = None) -> list[str]:
        return list((event or {}).get("files") or [])
