"""How far a long command is, from the Progress objects it makes (the ones its heartbeat
publishes for the Backups page): a bar per operation when stderr is a terminal (rich), plain
lines every few seconds otherwise, so a log or a test reads them as text."""

from __future__ import annotations

import sys
import threading
import time
from types import TracebackType
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from airvault.progress import Progress

PLAIN_EVERY_S = 5.0  # a line per operation this often, as its heartbeat beats
POLL_S = 0.2


def describe(p: Progress) -> str:
    """One operation's progress as a line: step, tables, rows, MB, rate, time left."""
    seconds = max(time.monotonic() - p.started, 1e-6)
    rate = p.bytes / seconds
    parts = []
    if p.tables_total:  # (an archive is one pg_dump stream: MB only)
        parts += [f"{p.tables_done}/{p.tables_total} tables", f"{p.rows:,} rows"]
    mb = f"{p.bytes / 1e6:.1f} MB"
    if p.bytes_estimate:
        mb += f" of ~{max(p.bytes_estimate, p.bytes) / 1e6:.1f} MB"
    parts += [mb, f"{rate / 1e6:.1f} MB/s"]
    eta = _eta(p, rate)
    if eta is not None:
        parts.append(f"ETA {eta:.0f}s")
    return f"progress: {title(p)}: {', '.join(parts)}"


NOT_BACKUPS = ("restore", "restore-plan", "verify", "archive", "export", "import")


def title(p: Progress) -> str:
    """e.g. 'full backup all', 'restore replace (applying)'."""
    what = p.kind if p.kind in NOT_BACKUPS else f"{p.kind} backup"
    return f"{what} {p.scope}" + (f" ({p.step})" if p.step else "")


def _eta(p: Progress, rate: float) -> float | None:
    if rate <= 0 or p.bytes_estimate <= p.bytes or p.tables_done >= p.tables_total:
        return None
    return (p.bytes_estimate - p.bytes) / rate


class ProgressDisplay:
    """Watches the Progress made while it is open (airvault.progress.watching) and shows it;
    `seen` collects them for the caller (what an interrupted command was writing)."""

    def __init__(self, stream: IO[str], seen: list[Progress], terminal: bool) -> None:
        self.stream, self.seen, self.terminal = stream, seen, terminal
        self.shown: list[Progress] = []
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._bar: Any = None  # rich.progress.Progress on a terminal
        self._tasks: dict[int, Any] = {}
        self._last: dict[int, tuple[float, tuple]] = {}  # plain: when, and what, last shown
        self._watch: Any = None

    @classmethod
    def for_stderr(cls, seen: list[Progress]) -> ProgressDisplay:
        return cls(sys.stderr, seen, sys.stderr.isatty())

    def __enter__(self) -> ProgressDisplay:
        from airvault.progress import watching

        if self.terminal:
            self._bar = _rich_bar(self.stream)
            self._bar.start()
        self._watch = watching(self._add)
        self._watch.__enter__()
        self._thread = threading.Thread(
            target=self._loop, name="airvault-cli-progress", daemon=True
        )
        self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._watch.__exit__(kind, e, tb)
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        if self._bar is not None:
            self._refresh()
            self._bar.live.transient = kind is not None  # an error's line stands alone
            self._bar.stop()
        elif kind is None:  # the last state of each operation, as it ended
            for p in self.shown:
                if _state(p) != self._last[id(p)][1]:
                    self._line(p)

    def _add(self, p: Progress) -> None:
        self.seen.append(p)
        if self._bar is not None:
            self._tasks[id(p)] = self._bar.add_task(title(p), total=None, tables="", rows="")
        else:
            self._line(p)
        self.shown.append(p)  # (its task or first line exists before the loop sees it)

    def _loop(self) -> None:
        while not self._stop.wait(POLL_S):
            self._refresh()

    def _refresh(self) -> None:
        now = time.monotonic()
        for p in list(self.shown):
            if self._bar is not None:
                self._bar.update(
                    self._tasks[id(p)],
                    description=title(p),
                    completed=p.bytes,
                    total=max(p.bytes_estimate, p.bytes) or None,
                    tables=f"{p.tables_done}/{p.tables_total} tables" if p.tables_total else "",
                    rows=f"{p.rows:,} rows" if p.tables_total else "",
                )
            else:  # a new step at once, and news every few seconds (none while it waits)
                when, shown = self._last[id(p)]
                state = _state(p)
                if state != shown and (state[0] != shown[0] or now - when >= PLAIN_EVERY_S):
                    self._line(p)

    def _line(self, p: Progress) -> None:
        self._last[id(p)] = (time.monotonic(), _state(p))
        print(describe(p), file=self.stream, flush=True)


def _state(p: Progress) -> tuple:
    return (p.step, p.tables_done, p.rows, p.bytes)


def _rich_bar(stream: IO[str]) -> Any:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
        TransferSpeedColumn,
    )

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.fields[tables]}"),
        TextColumn("{task.fields[rows]}"),
        DownloadColumn(),
        TransferSpeedColumn(),
        TimeRemainingColumn(),
        console=Console(file=stream),
        auto_refresh=True,
    )
