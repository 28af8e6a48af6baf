"""Change capture started by a managed service's admin login (issue 27): not a superuser,
a member of the app's owner role, and, as on Supabase, not of the role owning `auth`."""

from __future__ import annotations

import os

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from airvault.backup.run import BackupOptions, run_backup
from airvault.capture.drain import drain
from airvault.capture.slot import CaptureError, start_capture, stop_capture
from airvault.restore.point_in_time import point_in_time_restore
from airvault.restore.run import restore
from airvault.storage.store import open_store

SCHEMA = """
CREATE ROLE {owner} NOLOGIN;
CREATE ROLE {auth} NOLOGIN;
CREATE ROLE {login} LOGIN PASSWORD 'pw' NOSUPERUSER CREATEDB REPLICATION BYPASSRLS
    IN ROLE pg_read_all_data, pg_write_all_data, {owner};
CREATE SCHEMA auth AUTHORIZATION {auth};
CREATE TABLE auth.users (id uuid PRIMARY KEY, email text);
ALTER TABLE auth.users OWNER TO {auth};
CREATE TABLE public.orgs (id int PRIMARY KEY, name text);
CREATE TABLE public.profiles (id uuid PRIMARY KEY, org_id int REFERENCES public.orgs
    ON DELETE CASCADE, user_id uuid REFERENCES auth.users);
ALTER TABLE public.orgs OWNER TO {owner};
ALTER TABLE public.profiles OWNER TO {owner};
"""


@pytest.fixture
def supabase_like(new_db):
    """(the admin login's DSN, the role names, the superuser's DSN) on a fresh database."""
    dsn = new_db("managed")
    tag = f"{os.getpid()}_{abs(hash(dsn)) % 10_000}"
    names = {"owner": f"app_owner_{tag}", "auth": f"auth_admin_{tag}", "login": f"admin_{tag}"}
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(SCHEMA.format(**names))
        conn.execute(
            f"GRANT CREATE ON DATABASE {conninfo_to_dict(dsn)['dbname']} TO {names['login']}"
        )
    login = make_conninfo(**{**conninfo_to_dict(dsn), "user": names["login"], "password": "pw"})
    return login, names, dsn


def _created(dsn: str, slot: str) -> bool:
    with psycopg.connect(dsn) as conn:
        return bool(
            conn.execute("SELECT 1 FROM pg_replication_slots WHERE slot_name = %s", (slot,))
            .fetchone() or
            conn.execute("SELECT 1 FROM pg_publication WHERE pubname = %s", (slot,)).fetchone()
        )  # fmt: skip


def test_capture_start_names_the_tables_it_cannot_publish_and_the_way_out(supabase_like):
    login, names, _ = supabase_like
    slot = f"managed_{os.getpid()}"
    with pytest.raises(CaptureError) as refused:
        start_capture(login, slot, slot)
    message = str(refused.value)
    assert "auth.users" in message and f"owned by '{names['auth']}'" in message
    assert "backup.exclude_schemas: [auth]" in message
    assert f"GRANT {names['auth']} TO {names['login']}" in message
    assert "public." not in message  # tables of the owner it is a member of are fine
    assert not _created(login, slot)  # refused before anything was created

    # the way out it named: leave auth out; the app's tables publish as their owner's member
    status = start_capture(login, slot, slot, exclude_schemas=["auth"])
    try:
        assert status.tables == ["public.orgs", "public.profiles"]
        # no superuser, no event trigger: capture says schema changes become gaps
        assert not status.ddl_capture
        assert any("schema changes are not recorded" in w for w in status.warnings)
    finally:
        stop_capture(login, slot, slot)


def test_capture_start_names_a_missing_replication_attribute(supabase_like):
    login, names, dsn = supabase_like
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"ALTER ROLE {names['login']} NOREPLICATION")
    slot = f"norepl_{os.getpid()}"
    with pytest.raises(CaptureError, match=f"ALTER ROLE {names['login']} REPLICATION"):
        start_capture(login, slot, slot, exclude_schemas=["auth"])
    assert not _created(login, slot)


ROWS = """
INSERT INTO auth.users VALUES ('00000000-0000-0000-0000-000000000001', 'a@example.com');
INSERT INTO public.orgs SELECT g, 'org ' || g FROM generate_series(1, 3) g;
INSERT INTO public.profiles SELECT gen_random_uuid(), 1 + g % 3,
    '00000000-0000-0000-0000-000000000001' FROM generate_series(1, 30) g;
"""


def _rows(dsn: str) -> dict[str, list]:
    with psycopg.connect(dsn) as conn:
        return {t: conn.execute(f"SELECT * FROM public.{t} ORDER BY 1").fetchall()
                for t in ("orgs", "profiles")}  # fmt: skip


def test_point_in_time_restore_of_a_base_without_auth_as_the_admin_login(
    supabase_like, pg, tmp_path
):
    """Capture and its base leave `auth` out (the login cannot publish it): the base's
    foreign key into auth.users cannot exist in a new database, so it is left out and said,
    and the app's rows come back exactly at the point."""
    login, _names, dsn = supabase_like
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(ROWS)
    slot = f"pit_managed_{os.getpid()}"
    root = open_store(tmp_path / "storage")
    start_capture(login, slot, slot, exclude_schemas=["auth"])
    try:
        base = run_backup(login, root, BackupOptions(exclude_schemas=["auth"], capture_slot=slot))
        with psycopg.connect(login, autocommit=True) as conn:
            conn.execute("UPDATE public.orgs SET name = 'renamed' WHERE id = 2")
            conn.execute("DELETE FROM public.profiles WHERE org_id = 3")
        expected = _rows(dsn)
        drain(login, root, slot, slot)
    finally:
        stop_capture(login, slot, slot)
    target = pg.dsn_for(f"pit_managed_{os.getpid()}")
    result = point_in_time_restore(base.url, target, "latest", mode="new-database",
                                   changes_root=root, roles="auto")  # fmt: skip
    assert _rows(target) == expected
    assert result.replay.changes > 0
    copy = restore(base.url, pg.dsn_for(f"base_managed_{os.getpid()}"), mode="new-database")
    assert any("profiles_user_id_fkey to auth.users not created" in n for n in copy.notices)
    assert "note: public.profiles: foreign key" in copy.summary()
