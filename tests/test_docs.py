"""The guide works as written: every page the README links to exists, every relative link in
docs/ resolves (file and heading), and the ```console blocks run. The console blocks of a page
are one session: each `$ ` line is a command (they run as one bash script, so a variable set
by one line is there for the next) and the lines under it are output that must appear in what
the command printed (`...` stands for any text). They run against a fresh copy of the demo
database with the project's config (storage in a temporary folder), as the README's tour runs
after `make run`. Blocks tagged ```bash are for reading (they need a running `make run`,
Docker or S3)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from airvault.pg.tools import pg_bin_dir

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
PAGES = sorted((ROOT / "docs").glob("*.md"))
FENCE = re.compile(r"^```(\w*)\n(.*?)^```\n", re.M | re.S)
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def anchors(page: Path) -> set[str]:
    """The anchors GitHub gives the headings of `page`."""
    text = FENCE.sub("", page.read_text())
    return {
        re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        for heading in re.findall(r"^#+ (.+)$", text, re.M)
    }


def relative_links(page: Path) -> list[str]:
    text = FENCE.sub("", page.read_text())
    return [t for t in LINK.findall(text) if not re.match(r"[a-z]+:", t)]


def broken_links(page: Path) -> list[str]:
    broken = []
    for target in relative_links(page):
        path, _, anchor = target.partition("#")
        file = (page.parent / path).resolve() if path else page
        if not file.exists():
            broken.append(f"{target}: no such file")
        elif anchor and file.suffix == ".md" and anchor not in anchors(file):
            broken.append(f"{target}: no heading with that anchor in {file.name}")
    return broken


def test_every_page_the_readme_links_to_exists_and_every_page_is_linked():
    linked = {
        (ROOT / t.partition("#")[0]).resolve()
        for t in relative_links(README)
        if t.startswith("docs/")
    }
    assert broken_links(README) == []
    assert sorted(p.name for p in set(PAGES) - linked) == [], "pages missing from the map"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_relative_link_resolves(page):
    assert broken_links(page) == []


def console_blocks(page: Path) -> list[list[tuple[str, list[str]]]]:
    """Each ```console block as (command, expected output lines)."""
    blocks = []
    for lang, body in FENCE.findall(page.read_text()):
        if lang != "console":
            continue
        session: list[tuple[str, list[str]]] = []
        for line in body.splitlines():
            if line.startswith("$ "):
                session.append((line[2:], []))
            elif line.strip():
                assert session, f"{page.name}: output before any command: {line!r}"
                session[-1][1].append(line.strip())
        blocks.append(session)
    return blocks


def shown(expected: str, line: str) -> bool:
    """An expected output line matches a printed one; `...` in it stands for any text."""
    pattern = ".*".join(re.escape(part) for part in expected.split("..."))
    return re.fullmatch(pattern, line) is not None


RUNNABLE = [p for p in [README, *PAGES] if console_blocks(p)]


def test_the_pages_that_promise_runnable_commands_have_them():
    names = {p.name for p in RUNNABLE}
    assert {"README.md", "cli.md", "configuration.md", "restoring.md", "operations.md"} <= names
    commands = [c for p in RUNNABLE for block in console_blocks(p) for c, _ in block]
    assert "airvault --help" in commands and "airvault check" in commands


@pytest.fixture
def session_env(copy_of_demo, tmp_path):
    """What the tour's `export` lines give after `make run`, pointed at the test fixtures."""
    config = (ROOT / "airvault.yaml").read_text()
    config = re.sub(r"(?m)^  root: .*$", f"  root: {(tmp_path / 'storage').as_uri()}", config)
    (tmp_path / "airvault.yaml").write_text(config)
    bin_dir = Path(sys.executable).parent
    return {
        **os.environ,
        "PATH": f"{bin_dir}:{pg_bin_dir()}:{os.environ['PATH']}",
        "AIRVAULT_CONFIG": str(tmp_path / "airvault.yaml"),
        "AIRVAULT_DSN": copy_of_demo,
    }


@pytest.mark.parametrize("page", RUNNABLE, ids=lambda p: p.name)
def test_console_blocks_run_as_written(page, session_env, tmp_path):
    session = [step for block in console_blocks(page) for step in block]
    script = ["set -eo pipefail"]
    for i, (command, _) in enumerate(session):
        script += [f"echo '@@ {i}'", command]
    run = subprocess.run(
        ["bash", "-c", "\n".join(script)],
        capture_output=True,
        text=True,
        env=session_env,
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        timeout=300,
    )
    outputs = re.split(r"^@@ \d+\n", run.stdout, flags=re.M)[1:]
    last = session[len(outputs) - 1][0] if outputs else session[0][0]
    assert run.returncode == 0, f"{page.name}: `{last}` failed:\n{run.stderr}"
    for (command, expected), printed in zip(session, outputs, strict=True):
        lines = [line.strip() for line in printed.splitlines()]
        missing = [e for e in expected if not any(shown(e, line) for line in lines)]
        assert missing == [], f"{page.name}: `{command}` did not print {missing}:\n{printed}"
