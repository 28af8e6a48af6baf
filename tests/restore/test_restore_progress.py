"""A restore publishes how far it is, as a backup does: restores/<restore id>/writing.json
under the storage root while it runs (step, tables, rows, bytes of the backup's files read),
removed when it ends, also when it fails; the Backups page's "Running now" lists it."""

from __future__ import annotations

import json

import psycopg
import pytest

from airvault import progress as heartbeat
from airvault.airflow.page.safety import running_restores
from airvault.errors import AirvaultError
from airvault.restore.run import restore
from airvault.storage.store import open_store


@pytest.fixture
def beats(monkeypatch):
    """Every beat written, as (folder, body): a restore is over before a test could look."""
    written: list[tuple[str, dict]] = []
    real = heartbeat._beat

    def record(store, progress=None):
        real(store, progress)
        written.append((store.url, json.loads(store.read_bytes(heartbeat.HEARTBEAT))))
        if "/restores/" in store.url:  # while it runs, the page lists it
            root = open_store(store.url.rsplit("/restores/", 1)[0])
            written.append(("running", {"rows": running_restores(root)}))

    monkeypatch.setattr(heartbeat, "_beat", record)
    monkeypatch.setattr(heartbeat, "PROGRESS_EVERY_S", 0.05)
    return written


def test_a_restore_publishes_its_progress_and_clears_it(copy_of_demo, demo_backup, tmp_root,
                                                        beats):  # fmt: skip
    root = open_store(tmp_root)
    result = restore(demo_backup.url, copy_of_demo, mode="replace", progress_root=root,
                     restore_id="0a0b0c0d")  # fmt: skip
    mine = [b for url, b in beats if url.endswith("/restores/0a0b0c0d")]
    assert mine and mine[0]["progress"]["step"] == "verifying"
    first = mine[0]["progress"]
    assert first["kind"] == "restore" and first["scope"] == "replace"
    assert first["label"].startswith(demo_backup.manifest.label + " into ")
    assert first["tables_total"] == len(result.tables)
    assert first["bytes_estimate"] == sum(t.content_bytes for t in demo_backup.manifest.tables)
    listed = [b for url, b in beats if url == "running"][0]["rows"]
    assert [r["type"] for r in listed] == ["restore"]
    assert listed[0]["folder"] == "restores/0a0b0c0d"
    assert not root.exists("restores/0a0b0c0d")  # cleared at the end
    assert running_restores(root) == []


def test_a_failed_restore_clears_its_progress_too(copy_of_demo, demo_backup, tmp_root, beats):
    root = open_store(tmp_root)
    with psycopg.connect(copy_of_demo) as conn:
        conn.execute("ALTER TABLE contacts DROP COLUMN notes")  # the backup has it
    with pytest.raises(AirvaultError, match="notes is missing"):
        restore(demo_backup.url, copy_of_demo, mode="replace", progress_root=root,
                restore_id="0e0e0e0e")  # fmt: skip
    steps = [b["progress"]["step"] for url, b in beats if url.endswith("/0e0e0e0e")]
    assert steps[0] == "verifying"
    assert not root.exists("restores/0e0e0e0e")


def test_a_stale_restore_beat_is_not_running(tmp_root):
    """A killed restore leaves its beat: once it is old, the page does not list it."""
    folder = tmp_root / "restores" / "deadbeef"
    folder.mkdir(parents=True)
    (folder / "writing.json").write_text(json.dumps({"at": "2020-01-01T00:00:00+00:00"}))
    assert running_restores(open_store(tmp_root)) == []


def test_retention_deletes_the_progress_a_killed_restore_left(tmp_root):
    from datetime import UTC, datetime

    from airvault.config import Retention
    from airvault.ops.retention import prune

    for name, at in (("deadbeef", "2020-01-01T00:00:00+00:00"),
                     ("0f0f0f0f", datetime.now(UTC).isoformat())):  # fmt: skip
        (tmp_root / "restores" / name).mkdir(parents=True)
        (tmp_root / "restores" / name / "writing.json").write_text(json.dumps({"at": at}))
    prune(open_store(tmp_root), Retention(), dry_run=True)
    assert sorted(p.name for p in (tmp_root / "restores").iterdir()) == ["0f0f0f0f", "deadbeef"]
    prune(open_store(tmp_root), Retention())
    assert [p.name for p in (tmp_root / "restores").iterdir()] == ["0f0f0f0f"]  # still running
