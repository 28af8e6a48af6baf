"""The legal hold's record (ops/retention.py `pin`, which `airvault pin` and the page's POST
/api/pin call): who put it on and when, listed with the backup (ops/inventory.py), gone when
taken off; a pinned.json that cannot be read still holds and says so."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import psycopg

from airvault.ops.inventory import inventory
from airvault.ops.retention import pin, read_pin
from airvault.storage.store import open_store
from tests.dbutil import backup


def test_a_hold_records_who_and_when_and_is_listed_with_the_backup(new_db, tmp_path):
    dsn = new_db("pins")
    with psycopg.connect(dsn) as conn:
        conn.execute("CREATE TABLE notes AS SELECT g AS id FROM generate_series(1, 50) g")
    url = backup(dsn, tmp_path).url
    store = open_store(url)

    cli = Path(sys.executable).with_name("airvault")
    done = subprocess.run([cli, "pin", url, "--reason", "case 7"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    held = read_pin(store)
    assert held is not None and held.reason == "case 7" and held.pinned_at[:4].isdigit()
    assert held.by is not None and held.by.endswith("(airvault CLI)")
    (row,) = inventory(open_store(tmp_path))[0]
    assert row.pinned == held

    pin(store, "", unpin=True, by="ana")
    assert read_pin(store) is None and inventory(open_store(tmp_path))[0][0].pinned is None

    (Path(url.removeprefix("file://")) / "pinned.json").write_text("{not json")
    still = read_pin(store)  # retention honours the file whatever it holds
    assert still is not None and still.reason.startswith("pinned.json cannot be read")
