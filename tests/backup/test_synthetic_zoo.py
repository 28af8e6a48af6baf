"""A synthetic full of the schema zoo equals a real one: partitions with sub-partitions,
inheritance, duplicate rows without a key, date and text keys, quoted names, enums and domains
in several schemas, each changed after the base (tests/zoo.py's mutations but the DDL and the
large objects, which a synthetic full refuses, as it does the unlogged table, by name)."""

from __future__ import annotations

import os
import time
from dataclasses import replace

import psycopg
import pytest

from airvault.backup.run import BackupOptions, run_backup
from airvault.backup.synthetic.command import run_full_backup
from airvault.backup.synthetic.fold import SyntheticRefused
from airvault.capture.drain import drain
from tests.capture.test_capture import capturing


def test_the_schema_zoo_synthetic_full_equals_a_real_one(pg, tmp_path):
    from tests.zoo import MUTATIONS, create_zoo

    suffix = f"s{os.getpid()}"
    dsn = pg.create_database(f"zoo_synthetic_{suffix}")
    create_zoo(dsn, suffix)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("SELECT lo_unlink(oid) FROM pg_largeobject_metadata")
    dml = MUTATIONS.split("CREATE TABLE billing.invoices_2027")[0] + MUTATIONS.split(
        "FROM generate_series(1, 5) AS i;")[1]  # fmt: skip
    dml = "\n".join(line for line in dml.splitlines() if "lo_" not in line)
    with capturing(dsn, tmp_path, "zoosyn", replica_identity_full=True) as (slot, root):
        whole = BackupOptions(kind="full", capture_slot=slot, capture_publication=slot)
        logged = replace(whole, exclude=["sessions_cache"])
        base = run_backup(dsn, root, logged)
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(dml)
        time.sleep(1.2)
        drain(dsn, root, slot, slot)
        with pytest.raises(SyntheticRefused, match=r"public\.sessions_cache is not in the capture"):
            run_full_backup(dsn, root, whole, "yes")  # unlogged: its changes are not captured
        synthetic = run_full_backup(dsn, root, logged, "yes")
        real = run_backup(dsn, root, logged)
    digests = lambda m: {t.qualified: (t.rows, t.content_sha256) for t in m.tables}  # noqa: E731
    assert synthetic.manifest.synthetic is not None
    assert synthetic.manifest.synthetic.base_id == base.id
    assert len(synthetic.manifest.synthetic.tables_changed) > 15
    assert digests(synthetic.manifest) == digests(real.manifest)
