"""Managed PostgreSQL, where nobody is superuser: the roles a provider gives (an admin login
NOSUPERUSER CREATEROLE CREATEDB REPLICATION BYPASSRLS, member of pg_read_all_data,
pg_write_all_data and of the role that owns the app's tables), created here by the embedded
server's superuser, who only plays the provider.

A point-in-time restore must give every table exactly as the source had it at the point,
whether or not the login may set session_replication_role: foreign-key actions (ON DELETE
CASCADE, SET NULL) must never fire on rows outside the change set.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from itertools import count

import psycopg
import pytest
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from airvault.capture.drain import drain
from airvault.capture.slot import start_capture, stop_capture
from airvault.restore.new_database import is_superuser
from airvault.restore.point_in_time import point_in_time_restore
from airvault.storage.store import open_store
from tests.dbutil import backup
from tests.test_capture import checksums

_n = count()

# One organisation with 100 invoices (ON DELETE CASCADE) and a profile (ON DELETE SET NULL);
# a second organisation that nothing changes.
APP = """
CREATE TABLE public.orgs (id int PRIMARY KEY, name text NOT NULL UNIQUE);
CREATE TABLE public.invoices (
    id int PRIMARY KEY,
    org_id int NOT NULL REFERENCES public.orgs ON DELETE CASCADE ON UPDATE CASCADE,
    amount numeric(10, 2));
CREATE TABLE public.profiles (
    id int PRIMARY KEY,
    org_id int REFERENCES public.orgs ON DELETE SET NULL,
    email text);
INSERT INTO public.orgs VALUES (1, 'one'), (2, 'two');
INSERT INTO public.invoices SELECT i, 1 + (i > 100)::int, i FROM generate_series(1, 150) i;
INSERT INTO public.profiles VALUES (1, 1, 'a@one'), (2, 1, 'b@one');
"""


@dataclass
class Login:
    """An admin login as a managed service gives it, and the role owning the app's tables."""

    name: str
    owner: str
    superuser_dsn: str

    def dsn(self, dsn: str) -> str:
        return make_conninfo(**{**conninfo_to_dict(dsn), "user": self.name})


def _as_provider(pg, statements: list[sql.Composable]) -> None:
    with psycopg.connect(pg.dsn, autocommit=True) as conn:
        for stmt in statements:
            conn.execute(stmt)


@pytest.fixture(scope="module")
def rds_login(pg):
    """An RDS-like admin: member of every owner; `session_replication_role` not granted."""
    suffix = f"{os.getpid()}_{next(_n)}"
    admin, owner = sql.Identifier(f"admin_{suffix}"), sql.Identifier(f"app_owner_{suffix}")
    _as_provider(pg, [
        sql.SQL("CREATE ROLE {} NOLOGIN").format(owner),
        sql.SQL("CREATE ROLE {} LOGIN NOSUPERUSER CREATEROLE CREATEDB REPLICATION BYPASSRLS "
                "IN ROLE pg_read_all_data, pg_write_all_data, {}").format(admin, owner),
    ])  # fmt: skip
    return Login(f"admin_{suffix}", f"app_owner_{suffix}", pg.dsn)


def _app_database(pg, login: Login) -> str:
    """The app's database, created by the login (as on a managed service), its tables owned
    by the owner role; returns the login's DSN to it."""
    name = f"managed_app_{os.getpid()}_{next(_n)}"
    with psycopg.connect(login.dsn(pg.dsn), autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    dsn = login.dsn(pg.dsn_for(name))
    with psycopg.connect(dsn, autocommit=True) as conn:
        owner = sql.Identifier(login.owner)
        conn.execute(sql.SQL("GRANT CREATE ON SCHEMA public TO {}").format(owner))
        conn.execute(sql.SQL("SET ROLE {}").format(owner))
        conn.execute(APP)
    return dsn


@pytest.mark.parametrize("who", ["rds", "superuser"])
def test_a_parent_update_under_cascade_children_replays_exactly(pg, rds_login, tmp_path, who):
    """One UPDATE of a parent with 100 ON DELETE CASCADE invoices and a SET NULL profile,
    a key change under ON UPDATE CASCADE and deletes: restored to the point, every table's
    rows are the source's (the replay once deleted and re-inserted the parent: the cascade
    took the invoices, the profile lost its organisation, and it said success)."""
    dsn = _app_database(pg, rds_login)
    if who == "superuser":
        dsn = make_conninfo(**{**conninfo_to_dict(dsn), "user": "postgres"})
    assert is_superuser(dsn) == (who == "superuser")
    slot = f"managed_{os.getpid()}_{next(_n)}"
    root = open_store(tmp_path / "storage")
    start_capture(dsn, slot, slot)
    try:
        base = backup(dsn, root.url, capture_slot=slot)
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute("UPDATE orgs SET name = 'one, renamed' WHERE id = 1")
            conn.execute("UPDATE invoices SET amount = amount + 1 WHERE id IN (1, 101)")
            conn.execute("UPDATE orgs SET id = 3 WHERE id = 2")  # its invoices follow
            conn.execute("DELETE FROM invoices WHERE id = 150")
            conn.execute("INSERT INTO orgs VALUES (4, 'four')")
            conn.execute("INSERT INTO invoices VALUES (151, 4, 5)")
            want = checksums(conn)
        time.sleep(1.2)
        drain(dsn, root, slot, slot)
        target = make_conninfo(
            **{**conninfo_to_dict(dsn), "dbname": f"managed_pit_{os.getpid()}_{next(_n)}"}
        )
        result = point_in_time_restore(base.url, target, "latest", mode="new-database")
        assert result.replay.changes >= 5
        with psycopg.connect(target) as conn:
            assert checksums(conn) == want
            invoices = conn.execute("SELECT org_id, count(*) FROM invoices GROUP BY 1 "
                                    "ORDER BY 1").fetchall()  # fmt: skip
            assert invoices == [(1, 100), (3, 49), (4, 1)]
            assert conn.execute("SELECT org_id FROM profiles WHERE id = 1").fetchone() == (1,)
    finally:
        stop_capture(dsn, slot, slot)


def test_a_replay_that_would_fire_an_action_on_other_rows_is_refused(pg, rds_login, tmp_path):
    """The invoices are not captured: deleting an organisation in the replay would cascade
    onto invoices the changes do not hold. Refused, naming the table and the GRANT; nothing
    is created."""
    from airvault.capture.batch import ReplayRefused

    dsn = _app_database(pg, rds_login)
    slot = f"managed_{os.getpid()}_{next(_n)}"
    root = open_store(tmp_path / "storage")
    start_capture(dsn, slot, slot, exclude=["invoices"])
    try:
        base = backup(dsn, root.url, capture_slot=slot)
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute("DELETE FROM orgs WHERE id = 2")
        time.sleep(1.2)
        drain(dsn, root, slot, slot)
        name = f"managed_refused_{os.getpid()}_{next(_n)}"
        target = make_conninfo(**{**conninfo_to_dict(dsn), "dbname": name})
        with pytest.raises(ReplayRefused, match=(
            r"public\.orgs: rows it deletes are still referred to by 50 rows of "
            r"public\.invoices .*GRANT SET ON PARAMETER session_replication_role TO "
            + rds_login.name)):  # fmt: skip
            point_in_time_restore(base.url, target, "latest", mode="new-database")
        with psycopg.connect(pg.dsn) as conn:
            names = {r[0] for r in conn.execute("SELECT datname FROM pg_database").fetchall()}
        assert name not in names and not [n for n in names if n.startswith("airvault_pit_")]
    finally:
        stop_capture(dsn, slot, slot)
