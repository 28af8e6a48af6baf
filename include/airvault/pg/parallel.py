"""Work through tables on a few threads, biggest first (like pg_dump -j / pg_restore -j)."""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

T = TypeVar("T")


def run_biggest_first(
    items: Iterable[T],
    size: Callable[[T], int],
    workers: int,
    handle: Callable[[Any, T], None],
    session: Callable[[], contextlib.AbstractContextManager] = contextlib.nullcontext,
) -> None:
    """Call handle(resource, item) for every item on up to `workers` threads.

    Each thread opens its own `session()` (e.g. a database connection) and passes what it
    yields as `resource`. The first error stops the other threads from taking new items, makes
    that thread's session exit with the error (so a transaction rolls back), and is raised here.
    """
    work: queue.Queue = queue.Queue()
    ordered = sorted(items, key=size, reverse=True)
    for item in ordered:
        work.put(item)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            with session() as resource:
                while not errors:
                    try:
                        item = work.get_nowait()
                    except queue.Empty:
                        return
                    try:
                        handle(resource, item)
                    except BaseException as e:
                        errors.append(e)
                        raise
        except BaseException as e:  # noqa: BLE001 - raised in the caller's thread below
            # a handle error is recorded already; a session error not
            if e not in errors:
                errors.append(e)

    threads = [threading.Thread(target=run) for _ in range(max(1, min(workers, len(ordered))))]
    for t in threads:
        t.start()
    try:
        for t in threads:
            t.join()
    except BaseException as e:  # Ctrl-C: no thread takes a new item; the running ones end
        errors.append(e)
        for t in threads:
            t.join()
        raise
    if errors:
        raise errors[0]
