"""A heartbeat file in a folder that is being written: retention never takes a long-running
backup for an abandoned one, however long it runs, and a killed writer's folder still ages out
once its heartbeat stops."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import socket
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

from airvault.storage.store import Store

HEARTBEAT = "writing.json"
EVERY_S = 60.0
STALE_AFTER = timedelta(minutes=10)  # many missed beats: the writer is gone
log = logging.getLogger("airvault.backup.heartbeat")


def _beat(store: Store) -> None:
    now = datetime.now(UTC).replace(microsecond=0).isoformat()
    body = {"at": now, "host": socket.gethostname(), "pid": os.getpid()}
    store.write_bytes_atomic(HEARTBEAT, json.dumps(body).encode())


@contextlib.contextmanager
def heartbeat(store: Store, every_s: float = EVERY_S) -> Iterator[None]:
    """Refresh `store`'s heartbeat file every `every_s` while the block runs; removed after."""
    _beat(store)
    stop = threading.Event()

    def loop() -> None:
        while not stop.wait(every_s):
            try:
                _beat(store)
            except Exception as e:  # noqa: BLE001 - a missed beat must not fail the backup
                log.warning("could not refresh the heartbeat of %s: %s", store.url, e)

    thread = threading.Thread(target=loop, name="airvault-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def clear(store: Store) -> None:
    with contextlib.suppress(FileNotFoundError):
        if store.exists(HEARTBEAT):
            store.remove_tree(HEARTBEAT)


def heartbeat_fresh(store: Store, now: datetime, stale_after: timedelta = STALE_AFTER) -> bool:
    """Whether a writer refreshed `store`'s heartbeat within `stale_after` (it is running)."""
    try:
        at = datetime.fromisoformat(json.loads(store.read_bytes(HEARTBEAT))["at"])
    except (FileNotFoundError, ValueError, KeyError, TypeError):
        return False
    return now - at < stale_after
