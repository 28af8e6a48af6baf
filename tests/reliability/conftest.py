"""The reliability suite: real faults against real processes, bad inputs, secrets.

Each scenario test runs `trials(full, short)` trials and calls `record(...)` once with what it
saw; it then asserts that nothing broke. `make test` runs the short version; `make reliability`
(AIRVAULT_RELIABILITY=full) runs the full one and writes the table to .airvault/reliability.json,
which scripts/reliability_docs.py puts into docs/reliability.md.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

import pytest

FULL = os.environ.get("AIRVAULT_RELIABILITY") == "full"
RESULTS = Path(__file__).resolve().parents[2] / ".airvault" / "reliability.json"


def trials(full: int, short: int) -> int:
    """How many trials a scenario runs: `full` in `make reliability`, `short` in `make test`."""
    return full if FULL else short


@dataclass
class Outcome:
    scenario: str
    trials: int
    failures: int  # trials where an invariant broke (a listed partial backup, a mixed state, ...)
    data_lost: int  # trials where rows or files that existed before are gone or changed
    detail: str = ""  # e.g. "14 completed and verified, 6 failed cleanly"


_outcomes: list[Outcome] = []


@pytest.fixture
def record():
    """record(scenario, trials, failures, data_lost, detail=""): one table row per call."""

    def add(scenario: str, trials: int, failures: int, data_lost: int, detail: str = "") -> None:
        _outcomes.append(Outcome(scenario, trials, failures, data_lost, detail))

    return add


def table(outcomes: list[Outcome]) -> str:
    rows = [("scenario", "trials", "failures", "data lost", "detail")]
    rows += [
        (o.scenario, str(o.trials), str(o.failures), str(o.data_lost), o.detail) for o in outcomes
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = []
    for n, r in enumerate(rows):
        cells = [r[0].ljust(widths[0])] + [r[i].rjust(widths[i]) for i in (1, 2, 3)] + [r[4]]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths) + "  ------")
    return "\n".join(lines)


def pytest_terminal_summary(terminalreporter) -> None:
    if not _outcomes:
        return
    terminalreporter.write_sep("=", f"reliability ({'full' if FULL else 'short'} run)")
    terminalreporter.write_line(table(_outcomes))
    if FULL:
        RESULTS.parent.mkdir(exist_ok=True)
        RESULTS.write_text(json.dumps([asdict(o) for o in _outcomes], indent=1) + "\n")
