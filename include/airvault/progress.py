"""A heartbeat file in a folder that is being written: retention never takes a long-running
backup for an abandoned one, however long it runs, and a killed writer's folder still ages out
once its heartbeat stops. A restore publishes its progress the same way, in
`restores/<restore id>/writing.json` under the storage root while it runs (`publishing`)."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import secrets
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from airvault.storage.store import Store

HEARTBEAT = "writing.json"
EVERY_S = 60.0
RESTORES = "restores"  # restores/<restore id>/writing.json: a restore running now
JOBS = "running"  # running/<export|import|archive>/<id>/writing.json: one running now
PROGRESS_EVERY_S = 5.0  # a writer that reports progress beats this often (a live progress bar)
STALE_AFTER = timedelta(minutes=10)  # many missed beats: the writer is gone
log = logging.getLogger("airvault.progress")


@dataclass
class Progress:
    """How far a backup or a restore is, shared by its COPY threads and published in its
    heartbeat; `step` says what it does now (a restore: verifying, loading, applying...)."""

    kind: str
    scope: str
    label: str
    tables_total: int
    bytes_estimate: int  # the catalog's estimate of the tables' size
    tables_done: int = 0
    rows: int = 0
    bytes: int = 0  # COPY text read (a restore: of the backup's files) so far
    step: str = ""
    started: float = field(default_factory=time.monotonic)
    folder: Store | None = field(default=None, repr=False)  # where its heartbeat is written
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __post_init__(self) -> None:
        for watcher in list(_watchers):
            watcher(self)

    def add(self, rows: int, size: int) -> None:
        with self._lock:
            self.rows += rows
            self.bytes += size

    def table_done(self) -> None:
        with self._lock:
            self.tables_done += 1

    def to_json(self) -> dict:
        seconds = max(time.monotonic() - self.started, 1e-6)
        with self._lock:
            return {
                "kind": self.kind,
                "scope": self.scope,
                "label": self.label,
                "step": self.step,
                "tables_done": self.tables_done,
                "tables_total": self.tables_total,
                "rows": self.rows,
                "bytes": self.bytes,
                "bytes_estimate": self.bytes_estimate,
                "seconds": round(seconds, 1),
                "mb_per_s": round(self.bytes / 1e6 / seconds, 2),
            }


_watchers: list[Callable[[Progress], None]] = []


@contextlib.contextmanager
def watching(callback: Callable[[Progress], None]) -> Iterator[None]:
    """Hand every Progress made in this process while the block runs to `callback`: the CLI
    draws the same object the heartbeat publishes for the Backups page."""
    _watchers.append(callback)
    try:
        yield
    finally:
        _watchers.remove(callback)


def _beat(store: Store, progress: Progress | None = None) -> None:
    now = datetime.now(UTC).replace(microsecond=0).isoformat()
    body = {"at": now, "host": socket.gethostname(), "pid": os.getpid()}
    if progress is not None:
        body["progress"] = progress.to_json()
    store.write_bytes_atomic(HEARTBEAT, json.dumps(body).encode())


@contextlib.contextmanager
def heartbeat(
    store: Store, every_s: float | None = None, progress: Progress | None = None
) -> Iterator[None]:
    """Refresh `store`'s heartbeat file while the block runs (with `progress`, every few
    seconds and carrying it); removed after."""
    every_s = every_s or (PROGRESS_EVERY_S if progress is not None else EVERY_S)
    if progress is not None:
        progress.folder = store
    _beat(store, progress)
    stop = threading.Event()

    def loop() -> None:
        while not stop.wait(every_s):
            try:
                _beat(store, progress)
            except Exception as e:  # noqa: BLE001 - a missed beat must not fail the backup
                log.warning("could not refresh the heartbeat of %s: %s", store.url, e)

    thread = threading.Thread(target=loop, name="airvault-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


@contextlib.contextmanager
def publishing(root: Store | None, folder: str, progress: Progress) -> Iterator[None]:
    """Publish `progress` in <root>/<folder>/writing.json while the block runs (every few
    seconds), and remove the folder after, however the block ends: how a restore shows on the
    Backups page. Without a root, or when storage refuses the first beat, nothing is
    published (a restore never fails for its progress report)."""
    store = root.child(folder) if root is not None else None
    if store is not None:
        try:
            _beat(store, progress)
        except Exception as e:  # noqa: BLE001 - progress is for people; the work goes on
            log.warning("could not publish progress in %s: %s", store.url, e)
            store = None
    if root is None or store is None:  # (store is None whenever root is)
        yield
        return
    try:
        with heartbeat(store, progress=progress):
            yield
    finally:
        try:
            root.remove_tree(folder)
        except Exception as e:  # noqa: BLE001 - a stale beat stops counting as running
            log.warning("could not remove %s: %s", store.url, e)


@contextlib.contextmanager
def publishing_job(root: Store | None, kind: str, progress: Progress) -> Iterator[None]:
    """`publishing` for an export, import or archive: its progress in
    running/<kind>/<id>/writing.json while the block runs, read by the Backups page as a
    backup's. `progress.folder` stays the folder the job writes its result to (what an
    interrupted CLI names as left behind)."""
    folder = progress.folder
    with publishing(root, f"{JOBS}/{kind}/{secrets.token_hex(4)}", progress):
        progress.folder = folder
        yield


def stale_restores(root: Store, now: datetime, stale_after: timedelta = STALE_AFTER) -> list[str]:
    """restores/<id> and running/<kind>/<id> folders whose restore, export, import or archive
    stopped beating (killed before it could remove its progress): retention deletes them."""
    beats = [*root.glob(f"{RESTORES}/*/{HEARTBEAT}"), *root.glob(f"{JOBS}/*/*/{HEARTBEAT}")]
    folders = [rel.rsplit("/", 1)[0] for rel in beats]
    return [f for f in folders if not heartbeat_fresh(root.child(f), now, stale_after)]


def clear(store: Store) -> None:
    with contextlib.suppress(FileNotFoundError):
        if store.exists(HEARTBEAT):
            store.remove_tree(HEARTBEAT)


def read_heartbeat(store: Store) -> dict | None:
    """The writer's last beat (when, host, progress), or None without a readable one."""
    try:
        beat = json.loads(store.read_bytes(HEARTBEAT))
    except (FileNotFoundError, ValueError):
        return None
    return beat if isinstance(beat, dict) else None


def beat_fresh(beat: dict | None, now: datetime, stale_after: timedelta = STALE_AFTER) -> bool:
    """Whether `beat` was written within `stale_after` (its writer is running)."""
    if beat is None:
        return False
    try:
        return now - datetime.fromisoformat(beat["at"]) < stale_after
    except (KeyError, TypeError, ValueError):
        return False


def heartbeat_fresh(store: Store, now: datetime, stale_after: timedelta = STALE_AFTER) -> bool:
    """Whether a writer refreshed `store`'s heartbeat within `stale_after` (it is running)."""
    return beat_fresh(read_heartbeat(store), now, stale_after)


_PROGRESS_TEXT = ("kind", "scope", "label", "step")
_PROGRESS_NUMBERS = (
    "tables_done",
    "tables_total",
    "rows",
    "bytes",
    "bytes_estimate",
    "seconds",
    "mb_per_s",
)


def published_progress(beat: dict | None) -> dict | None:
    """The progress in a beat, keeping only Progress.to_json()'s keys with their types: the
    file is unsigned, so whoever can write to the storage writes it too."""
    found = (beat or {}).get("progress")
    if not isinstance(found, dict):
        return None
    text = {k: found[k][:200] for k in _PROGRESS_TEXT if isinstance(found.get(k), str)}
    numbers = {
        k: found[k]
        for k in _PROGRESS_NUMBERS
        if isinstance(found.get(k), int | float) and not isinstance(found[k], bool)
    }
    return {**text, **numbers}
