"""Failpoints for the reliability suite (`make reliability`): with AIRVAULT_FAILPOINT=<name>
the process stops at that point of its work (says so on stderr) so the suite can kill -9 it
or cut its database connections exactly there. It sleeps until killed, or for
AIRVAULT_FAILPOINT_PAUSE seconds and then goes on (to meet the fault the suite caused).
Unset, a failpoint costs one dict lookup."""

from __future__ import annotations

import os
import sys
import time

_passed: set[str] = set()


def failpoint(name: str) -> None:
    if os.environ.get("AIRVAULT_FAILPOINT") != name or name in _passed:
        return
    _passed.add(name)  # once per process: a point inside a loop stops at its first pass
    print(f"airvault: stopped at failpoint {name}", file=sys.stderr, flush=True)
    pause = os.environ.get("AIRVAULT_FAILPOINT_PAUSE")
    if pause:
        time.sleep(float(pause))
        return
    while True:  # until killed
        time.sleep(60)
