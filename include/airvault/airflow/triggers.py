"""IncomingFilesTrigger: waits in the triggerer, not on a worker, until files land in the
storage (the deferred half of IncomingFilesSensor)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

from airflow.triggers.base import BaseTrigger, TriggerEvent

INCOMING = "imports/incoming/*/*"
SUFFIXES = (".csv", ".txt")


def find_files(
    config: str | None,
    storage_root: str | None,
    storage_conn_id: str | None,
    pattern: str = INCOMING,
    suffixes: tuple[str, ...] | list[str] = SUFFIXES,
) -> list[str]:
    """The files under the storage root matching `pattern` (relative paths, sorted)."""
    from airvault.airflow.hook import AirvaultHook

    hook = AirvaultHook(config=config, storage_root=storage_root, storage_conn_id=storage_conn_id)
    store = hook.storage_for(hook.storage_root)
    wanted = tuple(s.lower() for s in suffixes)
    return sorted(f for f in store.glob(pattern) if f.lower().endswith(wanted))


class IncomingFilesTrigger(BaseTrigger):
    """Polls the storage every `poll_seconds` and fires once with the files found."""

    def __init__(
        self,
        pattern: str = INCOMING,
        suffixes: list[str] | None = None,
        poll_seconds: float = 30,
        config: str | None = None,
        storage_root: str | None = None,
        storage_conn_id: str | None = None,
    ) -> None:
        super().__init__()
        self.pattern, self.suffixes = pattern, list(suffixes or SUFFIXES)
        self.poll_seconds = poll_seconds
        self.config, self.storage_root, self.storage_conn_id = config, storage_root, storage_conn_id

    def serialize(self) -> tuple[str, dict[str, Any]]:
        return (
            f"{type(self).__module__}.{type(self).__qualname__}",
            {
                "pattern": self.pattern,
                "suffixes": self.suffixes,
                "poll_seconds": self.poll_seconds,
                "config": self.config,
                "storage_root": self.storage_root,
                "storage_conn_id": self.storage_conn_id,
            },
        )

    async def run(self) -> AsyncIterator[TriggerEvent]:
        from asgiref.sync import sync_to_async  # connections are read synchronously

        find = sync_to_async(find_files)
        while True:
            found = await find(
                self.config, self.storage_root, self.storage_conn_id, self.pattern, self.suffixes
            )
            if found:
                yield TriggerEvent({"files": found})
                return
            await asyncio.sleep(self.poll_seconds)
