"""Put the table of the last full reliability run (.airvault/reliability.json, written by
`make reliability`) into docs/reliability.md, between its markers, and keep a copy in
docs/reliability.json."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
START, END = "<!-- reliability:start -->", "<!-- reliability:end -->"


def table(outcomes: list[dict]) -> str:
    rows = [
        f"| {o['scenario']} | {o['trials']} | {o['failures']} | {o['data_lost']} | {o['detail']} |"
        for o in outcomes
    ]
    total = sum(o["trials"] for o in outcomes)
    return "\n".join(
        ["| scenario | trials | failures | data lost | detail |", "|---|---:|---:|---:|---|"]
        + rows
        + [
            f"| **all** | **{total}** | **{sum(o['failures'] for o in outcomes)}** "
            f"| **{sum(o['data_lost'] for o in outcomes)}** | |"
        ]  # fmt: skip
    )


def main() -> int:
    source = ROOT / ".airvault" / "reliability.json"
    if not source.exists():
        print(f"no {source}: run `make reliability` first", file=sys.stderr)
        return 1
    outcomes = json.loads(source.read_text())
    (ROOT / "docs" / "reliability.json").write_text(json.dumps(outcomes, indent=1) + "\n")
    page = ROOT / "docs" / "reliability.md"
    readme = page.read_text()
    if START not in readme or END not in readme:
        print(f"{page} has no {START} ... {END} block", file=sys.stderr)
        return 1
    head, rest = readme.split(START, 1)
    _, tail = rest.split(END, 1)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d")
    body = f"\nLast full run ({stamp}, this machine):\n\n{table(outcomes)}\n"
    page.write_text(head + START + body + END + tail)
    print(table(outcomes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
