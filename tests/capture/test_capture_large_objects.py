"""Large objects and change capture (issue 32.4): they are not in the change stream, so each
segment records what the capture saw of them. A change after the base is a named gap: restores
cross it never, reach exactly up to it, and a new base taken at once is exact after it. All as
a login without superuser, as a managed service gives."""

from __future__ import annotations

import os
import time

import psycopg
import pytest
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from airvault.backup.options import BackupOptions
from airvault.capture.drain import drain
from airvault.capture.large_objects import LargeObjectsChanged, check_base
from airvault.capture.rebase import new_base_after_gaps
from airvault.capture.replay import SchemaChanged, parse_point
from airvault.capture.segments import read_chain
from airvault.capture.slot import start_capture, stop_capture
from airvault.ops.capture_health import capture_health
from airvault.ops.health import health_report
from airvault.restore.point_in_time import point_in_time_restore
from airvault.storage.store import open_store
from tests.capture.test_capture import checksums
from tests.dbutil import backup

APP = """
CREATE TABLE public.documents (id int PRIMARY KEY, title text NOT NULL, body oid);
INSERT INTO public.documents
SELECT i, 'doc ' || i, lo_from_bytea(0, convert_to(repeat('page ' || i, 500), 'UTF8'))
FROM generate_series(1, 3) i;
"""


def _large_objects(conn: psycopg.Connection) -> dict[int, str]:
    """What a user checks of them: oid -> md5 of the contents."""
    return dict(conn.execute(
        "SELECT oid::int, md5(lo_get(oid)) FROM pg_largeobject_metadata ORDER BY oid"
    ).fetchall())  # fmt: skip


def _state(dsn: str) -> tuple[str, dict, dict]:
    """The source now (nothing else writes): the time, each table's checksum, the objects."""
    with psycopg.connect(dsn) as conn:
        now = conn.execute("SELECT clock_timestamp()").fetchone()[0].isoformat()
        return now, checksums(conn), _large_objects(conn)


def _run(dsn: str, *statements: str) -> None:
    with psycopg.connect(dsn, autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)


def _drain(login: str, root, slot: str):
    time.sleep(1.1)  # past the drain's margin for commits still being written
    return drain(login, root, slot, slot)


@pytest.fixture
def app_login(new_db, pg):
    """(a login without superuser that owns the app database, with REPLICATION; its DSN)."""
    dsn = new_db("lo")
    name = f"lo_app_{os.getpid()}_{abs(hash(dsn)) % 10_000}"
    with psycopg.connect(pg.dsn, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD 'pw' NOSUPERUSER CREATEDB REPLICATION")
                     .format(sql.Identifier(name)))  # fmt: skip
        conn.execute(sql.SQL("ALTER DATABASE {} OWNER TO {}").format(
            sql.Identifier(conninfo_to_dict(dsn)["dbname"]), sql.Identifier(name)))  # fmt: skip
    return make_conninfo(dsn, user=name, password="pw")


def test_large_objects_changed_after_the_base_are_a_named_gap_then_a_new_base(
    app_login, pg, tmp_path
):
    login, root = app_login, open_store(tmp_path / "storage")
    slot = f"lo_{os.getpid()}"
    _run(login, APP)
    start_capture(login, slot, slot)
    try:
        base = backup(login, root.url, capture_slot=slot)
        _run(login, "UPDATE documents SET title = title || ' (read)' WHERE id = 2",
             "INSERT INTO documents VALUES (4, 'doc 4 without a body', NULL)")  # fmt: skip
        before = _state(login)
        assert _drain(login, root, slot).gaps == []  # the capture's look: as the base holds them
        # then a new object, and an existing one overwritten in place (the same size)
        _run(login, "INSERT INTO documents SELECT 5, 'doc 5', lo_from_bytea(0, 'new body')",
             "SELECT lo_put(body, 0, convert_to('PAGE', 'UTF8')) FROM documents WHERE id = 1")  # fmt: skip
        drained = _drain(login, root, slot)
        (gap,) = drained.gaps
        assert gap.what == "large objects changed (3 -> 4 objects)"
        assert "not in the change stream" in str(gap.reason)
        health = health_report(root, {}, write=False, capture=capture_health(root, slot))
        assert not health.ok
        assert any("has a gap: large objects changed" in p for p in health.problems), health

        # from the base: exact up to the gap (rows and every object's content), refused past it
        as_login = conninfo_to_dict(login)  # restores too: as the login, into new databases
        target = make_conninfo(pg.dsn_for(f"lo_before_{os.getpid()}"), user=as_login["user"],
                               password="pw")  # fmt: skip
        point_in_time_restore(base.url, target, before[0], mode="new-database", roles="ignore")
        with psycopg.connect(target) as conn:
            assert (checksums(conn), _large_objects(conn)) == (before[1], before[2])
            # what a restore holds the base's objects against: past the gap, they differ
            segments = read_chain(root, slot).segments
            check_base(conn, segments, base.manifest.capture.lsn, parse_point(before[0]))
            with pytest.raises(LargeObjectsChanged, match=r"it holds 3, and the capture saw 4"):
                check_base(conn, segments, base.manifest.capture.lsn, parse_point("latest"))
        with pytest.raises(SchemaChanged, match=r"large objects changed \(3 -> 4 objects\)"):
            point_in_time_restore(base.url, pg.dsn_for(f"lo_x_{os.getpid()}"), "latest",
                                  mode="new-database")  # fmt: skip

        # a new base at once (as `capture drain` and the change_capture DAG take it): exact after
        rebased = new_base_after_gaps(drained, login, root, BackupOptions())
        assert rebased is not None and "a change of large objects" in rebased.manifest.label
        _run(login, "UPDATE documents SET title = 'doc five' WHERE id = 5")
        after = _state(login)
        assert _drain(login, root, slot).gaps == []
        target = make_conninfo(pg.dsn_for(f"lo_after_{os.getpid()}"), user=as_login["user"],
                               password="pw")  # fmt: skip
        point_in_time_restore(rebased.url, target, "latest", mode="new-database", roles="ignore")
        with psycopg.connect(target) as conn:
            assert (checksums(conn), _large_objects(conn)) == (after[1], after[2])
        assert after[2] != before[2] and len(after[2]) == 4
        health = capture_health(root, slot)
        assert not any("gap" in p for p in health.problems), health  # the new base covers it
        assert len(health.coverage) == 2 and "large objects changed" in health.gaps[0]
    finally:
        stop_capture(login, slot, slot)
