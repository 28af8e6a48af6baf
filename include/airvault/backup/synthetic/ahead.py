"""An iterator run ahead on a thread of its own: a changed table's file is read (decompressed),
merged and written (compressed, hashed) by three threads at once, as zstd and BLAKE3 let go of
the GIL; one thread for the three left the other core to the other tables, if any."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from queue import Empty, Full, Queue
from typing import TypeVar

T = TypeVar("T")

_END = object()
_WAIT_S = 0.1  # how often a blocked thread looks whether the other side has stopped


def ahead(items: Iterator[T], depth: int = 1) -> Iterator[T]:
    """`items`, produced on a thread of their own up to `depth` items ahead of the consumer;
    an error there is raised here, and stopping here stops (and closes) `items` there."""
    queue: Queue = Queue(depth)
    stop = threading.Event()

    def put(item: object) -> bool:
        while not stop.is_set():
            try:
                queue.put(item, timeout=_WAIT_S)
                return True
            except Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in items:
                if not put((item, None)):
                    break
            else:
                put((_END, None))
        except BaseException as e:  # noqa: BLE001 (handed to the consumer, which raises it)
            put((_END, e))
        finally:
            close = getattr(items, "close", None)
            if close is not None:
                close()

    thread = threading.Thread(target=produce, name="airvault-ahead", daemon=True)
    thread.start()
    try:
        while True:
            try:
                item, error = queue.get(timeout=_WAIT_S)
            except Empty:
                if not thread.is_alive() and queue.empty():
                    raise RuntimeError("the producing thread ended without a word") from None
                continue
            if error is not None:
                raise error
            if item is _END:
                return
            yield item
    finally:
        stop.set()
        thread.join()
