"""The `copy` Param of the verify, drill and point-in-time DAGs (as the restore DAG's,
tests/storage/test_copies.py): read from one of the config's copies when the storage root is
lost, confined to the roots the config names."""

from __future__ import annotations

import os
import shutil
import time

import psycopg
import yaml

from airvault.capture.drain import drain
from airvault.capture.slot import start_capture, stop_capture
from airvault.config import load_config
from airvault.ops.copies import open_sites, relative_to, sync
from airvault.storage.store import open_store
from tests.airflow.test_dags import load_dags
from tests.airflow_env import set_postgres_connection, write_config
from tests.dbutil import backup, table_checksums


def test_verify_and_point_in_time_dags_read_a_copy_when_the_root_is_lost(
    airflow_db, new_db, pg, tmp_path, monkeypatch, capfd
):
    """The root deleted, a base and its change segments only in copy `offsite`: the
    point-in-time DAG (dag.test) with copy=offsite and the base's URL as the root listed it
    restores the latest state exactly, reading the segments from the copy too; a URL under
    neither root is refused by verify_backup, naming the Param."""
    source = new_db("copy_pit")
    with psycopg.connect(source) as conn:
        conn.execute("CREATE TABLE notes AS SELECT g AS id, md5(g::text) AS body "
                     "FROM generate_series(1, 2000) g")  # fmt: skip
        conn.execute("ALTER TABLE notes ADD PRIMARY KEY (id)")
    primary, offsite = open_store(tmp_path / "primary"), tmp_path / "offsite"
    slot = f"copy_pit_{os.getpid()}"
    start_capture(source, slot, slot)
    try:
        base = backup(source, primary.url, capture_slot=slot)
        with psycopg.connect(source) as conn:
            conn.execute("UPDATE notes SET body = 'changed' WHERE id % 7 = 0")
            conn.execute("DELETE FROM notes WHERE id > 1990")
        final = table_checksums(source)
        time.sleep(1.1)
        assert drain(source, primary, slot, slot).changes > 0
    finally:
        stop_capture(source, slot, slot)
    path = write_config(tmp_path / "airvault.yaml", primary.url)
    data = yaml.safe_load(path.read_text())
    data["copies"] = {"offsite": {"url": f"file://{offsite}"}}
    path.write_text(yaml.safe_dump(data))
    rel = relative_to(primary, base.url)
    sites = open_sites(load_config(path), primary, lambda u, _conn: open_store(u))
    assert sync(primary, sites, [rel])[0].segments >= 1  # the base and its segments
    shutil.rmtree(primary.root)  # the storage root is lost
    shutil.copytree(offsite, tmp_path / "elsewhere")
    dags = load_dags(path)

    capfd.readouterr()
    outside = f"file://{tmp_path}/elsewhere/{rel}"  # the same bytes, under neither root
    refused = dags["verify_backup"].test(run_conf={"backup_url": outside, "copy": "offsite"})
    assert refused.state == "failed"
    out = capfd.readouterr()
    assert f"backup_url: '{outside}' is not under the storage root" in out.out + out.err

    target = pg.dsn_for(f"pit_dag_from_copy_{os.getpid()}")
    monkeypatch.setenv("AIRFLOW_CONN_AIRVAULT_APP_DB", "")
    set_postgres_connection("airvault_app_db", target)
    conf = {"backup_url": base.url, "copy": "offsite", "until": "latest",
            "mode": "new-database", "dry_run": False, "confirm": "RESTORE"}  # fmt: skip
    run = dags["restore_point_in_time"].test(run_conf=conf)
    assert run.state == "success"
    assert table_checksums(target) == final
