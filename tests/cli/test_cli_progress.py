"""The CLI shows how far a long command is: plain lines when its output is not a terminal (a
log, a test), a bar on a terminal, from the Progress its heartbeat publishes for the Backups
page; Ctrl-C ends with one line naming what is left in storage, and exit 130."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

CLI = [sys.executable, "-m", "airvault.cli.main"]
NO_CONFIG = {**os.environ, "AIRVAULT_CONFIG": "/nonexistent/airvault.yaml"}
LINE = re.compile(r"^progress: (?P<what>.+?): (?P<done>\d+)/(?P<total>\d+) tables, "
                  r"(?P<rows>[\d,]+) rows, (?P<mb>[\d.]+) MB", re.M)  # fmt: skip


def _progress(stderr: str, what: str) -> list[dict]:
    return [m.groupdict() for m in LINE.finditer(stderr) if m["what"].startswith(what)]


def _manifest(url: str) -> dict:
    return json.loads(Path(url.removeprefix("file://"), "manifest.json").read_text())


def test_backup_and_restore_print_progress_lines_when_not_on_a_terminal(pg, demo_dsn, tmp_path):
    made = subprocess.run([*CLI, "backup", "--dsn", demo_dsn, "--to", str(tmp_path)],
                          capture_output=True, text=True, env=NO_CONFIG)  # fmt: skip
    assert made.returncode == 0, made.stderr
    url = made.stdout.strip().splitlines()[-1]  # stdout holds the result, as before
    manifest = _manifest(url)
    rows, tables = sum(t["rows"] for t in manifest["tables"]), len(manifest["tables"])
    lines = _progress(made.stderr, "manual backup")
    assert lines, made.stderr
    first, last = lines[0], lines[-1]
    assert first["done"] == "0" and int(first["total"]) == tables
    assert (int(last["done"]), int(last["rows"].replace(",", ""))) == (tables, rows), made.stderr

    target = pg.dsn_for(f"cli_progress_{os.getpid()}")
    restored = subprocess.run(
        [*CLI, "restore", "--from", url, "--dsn", target, "--mode", "new-database", "--yes"],
        capture_output=True, text=True, env=NO_CONFIG,
    )  # fmt: skip
    assert restored.returncode == 0, restored.stderr
    lines = _progress(restored.stderr, "restore new-database")
    assert len(lines) >= 2, restored.stderr  # the start and the end at least
    assert (int(lines[-1]["done"]), int(lines[-1]["total"])) == (tables, tables)
    assert int(lines[-1]["rows"].replace(",", "")) == rows
    assert "(loading)" in restored.stderr or "(building" in restored.stderr  # its steps

    verified = subprocess.run([*CLI, "verify", url], capture_output=True, text=True, env=NO_CONFIG)
    assert verified.returncode == 0, verified.stderr
    assert int(_progress(verified.stderr, "verify")[-1]["rows"].replace(",", "")) == rows


def test_a_terminal_shows_a_bar(demo_dsn, tmp_path):
    """Run under a pseudo-terminal (as a person would): the bar is drawn, with its tables,
    rows and MB, and the result follows."""
    master, slave = pty.openpty()
    env = {**NO_CONFIG, "TERM": "xterm-256color", "COLUMNS": "160"}
    proc = subprocess.Popen([*CLI, "backup", "--dsn", demo_dsn, "--to", str(tmp_path)],
                            stdin=slave, stdout=slave, stderr=slave, env=env)  # fmt: skip
    os.close(slave)
    out = b""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 1)
        if not ready:
            if proc.poll() is not None:
                break
            continue
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    os.close(master)
    assert proc.wait(timeout=30) == 0, out.decode(errors="replace")
    text = out.decode(errors="replace")
    tables = len(_manifest(re.findall(r"file://\S+", text)[-1])["tables"])
    assert "━" in text  # rich's bar
    assert "\x1b[" in text  # drawn with terminal control codes, not printed as lines
    assert f"{tables}/{tables} tables" in text and "manual backup all" in text
    assert "progress: " not in text  # the plain lines are for logs


def _interrupted_backup(demo_dsn: str, root: Path, failpoint: str) -> tuple[int, str]:
    """Start a CLI backup, wait for `failpoint`, send SIGINT (Ctrl-C); exit code, stderr."""
    proc = subprocess.Popen(
        [*CLI, "backup", "--dsn", demo_dsn, "--to", str(root), "--workers", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**NO_CONFIG, "AIRVAULT_FAILPOINT": failpoint, "AIRVAULT_FAILPOINT_PAUSE": "3"},
    )  # fmt: skip
    seen = []
    while "stopped at failpoint" not in (line := proc.stderr.readline()):
        assert line, f"the backup ended before {failpoint}: {''.join(seen)}"
        seen.append(line)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    return proc.returncode, err


def _files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


def test_ctrl_c_mid_copy_leaves_nothing_and_says_so(demo_dsn, tmp_path):
    code, err = _interrupted_backup(demo_dsn, tmp_path, "backup:streaming")
    assert code == 130, err
    said = [line for line in err.splitlines() if not line.startswith("progress: ")]
    assert len(said) == 1 and said[0].startswith("interrupted: nothing was left"), err
    assert _files(tmp_path) == []


def test_ctrl_c_before_the_manifest_names_the_folder_left(demo_dsn, tmp_path):
    """Every table written, the manifest not yet: the folder stays (never listed; retention
    removes it) and the one line names exactly it."""
    code, err = _interrupted_backup(demo_dsn, tmp_path, "backup:manifest")
    assert code == 130, err
    said = [line for line in err.splitlines() if not line.startswith("progress: ")]
    assert len(said) == 1 and said[0].startswith("interrupted: left "), err
    named = said[0].removeprefix("interrupted: left ").split(" ", 1)[0]
    folder = Path(named.removeprefix("file://"))
    left = _files(tmp_path)
    assert left and all(folder in p.parents for p in left), (named, left)
    assert not (folder / "manifest.json").exists()


def test_archive_export_and_import_print_progress_lines(copy_of_demo, tmp_path):
    """An export read back by an import, and an archive: each says how far it is."""
    import psycopg

    from tests.airflow_env import ROOT

    with_config = [*CLI, "--config", str(ROOT / "airvault.yaml")]
    with psycopg.connect(copy_of_demo) as conn:
        contacts = conn.execute("SELECT count(*) FROM contacts").fetchone()[0]
    exported = subprocess.run(
        [*with_config, "export", "public.contacts", "--raw", "--dsn", copy_of_demo, "--to",
         str(tmp_path)], capture_output=True, text=True,
    )  # fmt: skip
    assert exported.returncode == 0, exported.stderr
    (done,) = [line for line in _progress(exported.stderr, "export csv") if line["done"] == "1"]
    assert int(done["rows"].replace(",", "")) == contacts
    (csv_file,) = tmp_path.glob("exports/contacts/*/contacts.csv")
    assert float(done["mb"]) == round(csv_file.stat().st_size / 1e6, 1)

    imported = subprocess.run(
        [*with_config, "import", str(csv_file), "--table", "contacts", "--mode", "upsert",
         "--dsn", copy_of_demo], capture_output=True, text=True,
    )  # fmt: skip
    assert imported.returncode == 0, imported.stdout + imported.stderr
    lines = _progress(imported.stderr, "import upsert")
    assert lines[0]["done"] == "0" and "(loading)" in imported.stderr
    assert int(lines[-1]["done"]) == 1 and int(lines[-1]["rows"].replace(",", "")) == contacts

    archived = subprocess.run([*CLI, "archive", "--dsn", copy_of_demo, "--to", str(tmp_path)],
                              capture_output=True, text=True, env=NO_CONFIG)  # fmt: skip
    assert archived.returncode == 0, archived.stderr
    (folder,) = tmp_path.glob("archives/*")
    last = [line for line in archived.stderr.splitlines() if line.startswith("progress: archive")]
    assert "(pg_dump)" in last[0], archived.stderr
    stored_mb = sum(f.stat().st_size for f in folder.rglob("*") if f.name != "manifest.json")
    assert f"{stored_mb / 1e6:.1f} MB" in last[-1], (last, stored_mb)
