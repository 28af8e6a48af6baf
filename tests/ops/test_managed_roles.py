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
import subprocess
import time
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import count
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from airvault.capture.drain import drain
from airvault.capture.slot import start_capture, stop_capture
from airvault.restore.new_database import is_superuser
from airvault.restore.point_in_time import point_in_time_restore
from airvault.storage.store import open_store
from tests.capture.test_capture import checksums
from tests.dbutil import backup

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
    email text,
    settings json DEFAULT '{"theme": "dark"}');  -- json has no hash function
CREATE TABLE public.invoice_lines (
    id int PRIMARY KEY,
    invoice_id int NOT NULL REFERENCES public.invoices ON DELETE CASCADE ON UPDATE CASCADE);
-- a foreign-key cycle: a team's lead is one of its people
CREATE TABLE public.teams (id int PRIMARY KEY, lead_id int);
CREATE TABLE public.people (id int PRIMARY KEY, team_id int REFERENCES public.teams);
ALTER TABLE public.teams ADD FOREIGN KEY (lead_id) REFERENCES public.people;
INSERT INTO public.teams VALUES (1, NULL);
INSERT INTO public.people VALUES (1, 1);
UPDATE public.teams SET lead_id = 1;
CREATE FUNCTION public.audit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN NEW.name = NEW.name; RETURN NEW; END $$;
CREATE TRIGGER orgs_audit BEFORE UPDATE ON public.orgs FOR EACH ROW EXECUTE FUNCTION public.audit();
INSERT INTO public.orgs VALUES (1, 'one'), (2, 'two');
INSERT INTO public.invoices SELECT i, 1 + (i > 100)::int, i FROM generate_series(1, 150) i;
INSERT INTO public.invoice_lines SELECT i, i FROM generate_series(1, 150, 10) i;
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


def _rds(pg, replication_role: bool = False) -> Login:
    """An RDS-like admin: member of every owner; `session_replication_role` granted or not."""
    suffix = f"{os.getpid()}_{next(_n)}"
    admin, owner = sql.Identifier(f"admin_{suffix}"), sql.Identifier(f"app_owner_{suffix}")
    _as_provider(pg, [
        sql.SQL("CREATE ROLE {} NOLOGIN").format(owner),
        sql.SQL("CREATE ROLE {} LOGIN NOSUPERUSER CREATEROLE CREATEDB REPLICATION BYPASSRLS "
                "IN ROLE pg_read_all_data, pg_write_all_data, {}").format(admin, owner),
    ] + [sql.SQL("GRANT SET ON PARAMETER session_replication_role TO {}").format(admin)]
        * replication_role)  # fmt: skip
    return Login(f"admin_{suffix}", f"app_owner_{suffix}", pg.dsn)


@pytest.fixture(scope="module")
def rds_login(pg):
    return _rds(pg)


@pytest.fixture(scope="module")
def logins(pg, rds_login):
    """The login a test runs as, by kind; the superuser plays the RDS admin's part there."""
    return {"rds": rds_login, "rds+replication_role": _rds(pg, True), "superuser": rds_login}


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


@contextmanager
def _changed(dsn: str, tmp_path: Path, changes: list[str], exclude: tuple[str, ...] = (),
             **start: object):  # fmt: skip
    """Capture on `dsn` (less `exclude`; `start`: more of start_capture's options), a base,
    then `changes` run and drained: yields the base's URL and the checksums of every table
    after the changes."""
    slot = f"managed_{os.getpid()}_{next(_n)}"
    root = open_store(tmp_path / "storage")
    start_capture(dsn, slot, slot, exclude=list(exclude), **start)
    try:
        base = backup(dsn, root.url, capture_slot=slot)
        with psycopg.connect(dsn, autocommit=True) as conn:
            for change in changes:
                conn.execute(change)
            want = checksums(conn)
        time.sleep(1.2)  # past the drain's margin for commits still being written
        drain(dsn, root, slot, slot)
        yield base.url, want
    finally:
        stop_capture(dsn, slot, slot)


def _new(dsn: str, prefix: str) -> str:
    """A DSN for a new database on `dsn`'s server, as `dsn`'s user."""
    name = f"{prefix}_{os.getpid()}_{next(_n)}"
    return make_conninfo(**{**conninfo_to_dict(dsn), "dbname": name})


@pytest.mark.parametrize("who", ["rds", "rds+replication_role", "superuser"])
def test_a_parent_update_under_cascade_children_replays_exactly(pg, logins, tmp_path, who):
    """One UPDATE of a parent with 100 ON DELETE CASCADE invoices and a SET NULL profile,
    a key change under ON UPDATE CASCADE and deletes: restored to the point, every table's
    rows are the source's (the replay once deleted and re-inserted the parent: the cascade
    took the invoices, the profile lost its organisation, and it said success)."""
    login = logins[who]
    dsn = _app_database(pg, login)
    if who == "superuser":
        dsn = make_conninfo(**{**conninfo_to_dict(dsn), "user": "postgres"})
    assert is_superuser(dsn) == (who == "superuser")
    changes = [
        "UPDATE orgs SET name = 'one, renamed' WHERE id = 1",
        "UPDATE invoices SET amount = amount + 1 WHERE id IN (1, 101)",
        "UPDATE orgs SET id = 3 WHERE id = 2",  # its invoices follow
        "DELETE FROM invoices WHERE id = 150",
        "INSERT INTO orgs VALUES (4, 'four')",
        "INSERT INTO invoices VALUES (151, 4, 5)",
        # two invoices swap keys (their lines follow, ON UPDATE CASCADE)
        "UPDATE invoices SET id = 1000 WHERE id = 11",
        "UPDATE invoices SET id = 11 WHERE id = 21",
        "UPDATE invoices SET id = 21 WHERE id = 1000",
        # a new team and its lead, each referring to the other; the old pair goes
        "BEGIN; INSERT INTO teams VALUES (2, NULL); INSERT INTO people VALUES (2, 2); "
        "UPDATE teams SET lead_id = 2 WHERE id = 2; COMMIT",
        "BEGIN; UPDATE teams SET lead_id = NULL WHERE id = 1; DELETE FROM people WHERE id = 1; "
        "DELETE FROM teams WHERE id = 1; COMMIT",
    ]
    with _changed(dsn, tmp_path, changes) as (base, want):
        target = _new(dsn, "managed_pit")
        result = point_in_time_restore(base, target, "latest", mode="new-database")
    assert result.replay.changes >= 5
    with psycopg.connect(target) as conn:
        assert checksums(conn) == want
        invoices = conn.execute("SELECT org_id, count(*) FROM invoices GROUP BY 1 "
                                "ORDER BY 1").fetchall()  # fmt: skip
        assert invoices == [(1, 100), (3, 49), (4, 1)]
        assert conn.execute("SELECT org_id FROM profiles WHERE id = 1").fetchone() == (1,)
        owners = conn.execute("SELECT DISTINCT tableowner FROM pg_tables "
                              "WHERE schemaname = 'public'").fetchall()  # fmt: skip
        assert owners == [(login.owner,)]  # kept, without superuser too
        audit = "SELECT pg_get_userbyid(proowner) FROM pg_proc WHERE proname = 'audit'"
        assert conn.execute(audit).fetchone() == (login.owner,)


def test_a_replay_that_would_fire_an_action_on_other_rows_is_refused(pg, rds_login, tmp_path):
    """The invoices are not captured: deleting an organisation in the replay would cascade
    onto invoices the changes do not hold. Refused, naming the table and the GRANT; nothing
    is created."""
    from airvault.capture.batch import ReplayRefused

    dsn = _app_database(pg, rds_login)
    with _changed(dsn, tmp_path, ["DELETE FROM orgs WHERE id = 2"], ("invoices",)) as (base, _):
        target = _new(dsn, "managed_refused")
        with pytest.raises(ReplayRefused, match=(
            r"public\.orgs: rows it deletes are still referred to by 50 rows of "
            r"public\.invoices .*GRANT SET ON PARAMETER session_replication_role TO "
            + rds_login.name)):  # fmt: skip
            point_in_time_restore(base, target, "latest", mode="new-database")
    with psycopg.connect(pg.dsn) as conn:
        names = {r[0] for r in conn.execute("SELECT datname FROM pg_database").fetchall()}
    assert conninfo_to_dict(target)["dbname"] not in names
    assert not [n for n in names if n.startswith("airvault_pit_")]


def test_the_replay_checks_no_other_row_changed(pg, rds_login, tmp_path):
    """Badges (left out of capture) follow an organisation's name ON UPDATE CASCADE: the
    replay's update of that name reaches them, which its check finds (rows the changes do not
    hold were changed): refused rather than restored with rows nobody accounted for."""
    from airvault.errors import IntegrityError

    dsn = _app_database(pg, rds_login)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(sql.SQL("SET ROLE {}").format(sql.Identifier(rds_login.owner)))
        conn.execute("CREATE TABLE badges (id int PRIMARY KEY, org_name text REFERENCES "
                     "orgs (name) ON UPDATE CASCADE); INSERT INTO badges VALUES (1, 'one')")  # fmt: skip
    renamed = ["UPDATE orgs SET name = 'uno' WHERE id = 1"]
    with _changed(dsn, tmp_path, renamed, ("badges",)) as (base, _):
        with pytest.raises(IntegrityError, match=r"public\.badges: after the replay it holds"):
            point_in_time_restore(base, _new(dsn, "managed_check"), "latest", mode="new-database")


def _supabase_like(pg, login: Login, dsn: str) -> str:
    """An `auth` schema owned by a role the login is not a member of (as on Supabase), with
    a trigger on auth.users; the login reads it by grant. Returns the owner's name."""
    owner = f"auth_admin_{os.getpid()}_{next(_n)}"
    who, me = sql.Identifier(owner), sql.Identifier(login.name)
    _as_provider(pg, [sql.SQL("CREATE ROLE {} NOLOGIN").format(who)])
    superuser = make_conninfo(**{**conninfo_to_dict(dsn), "user": "postgres"})
    with psycopg.connect(superuser, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA auth AUTHORIZATION {}").format(who))
        conn.execute(sql.SQL("SET ROLE {}").format(who))
        conn.execute("CREATE TABLE auth.users (id int PRIMARY KEY, email text); "
                     "INSERT INTO auth.users VALUES (1, 'a@one'); "
                     "CREATE FUNCTION auth.stamp() RETURNS trigger LANGUAGE plpgsql AS "
                     "$$ BEGIN RETURN NEW; END $$; CREATE TRIGGER users_stamp BEFORE UPDATE "
                     "ON auth.users FOR EACH ROW EXECUTE FUNCTION auth.stamp()")  # fmt: skip
        conn.execute(sql.SQL("GRANT USAGE ON SCHEMA auth TO {}").format(me))
        conn.execute(sql.SQL("GRANT SELECT, REFERENCES, TRIGGER ON auth.users TO {}").format(me))
    return owner


def test_a_refused_replace_writes_nothing_and_names_the_way_out(pg, rds_login, tmp_path):
    """The login may not disable the trigger on auth.users (owned by a role it is not a
    member of): a replace of everything is refused before anything is written, the safety
    backup too, naming the GRANT and the --tables that work; that --tables restore works."""
    from airvault.restore.apply import TriggersDenied
    from airvault.restore.run import restore
    from airvault.storage.manifest import list_backups

    dsn = _app_database(pg, rds_login)
    auth_admin = _supabase_like(pg, rds_login, dsn)
    root = open_store(tmp_path / "storage")
    base = backup(dsn, root.url)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("UPDATE orgs SET name = 'changed' WHERE id = 1")
    tables = "public.orgs,public.people,public.teams,public.invoices,public.profiles,public.invoice_lines"
    with pytest.raises(TriggersDenied, match=(
        rf"may not disable them on auth\.users \(owned by {auth_admin}\); nothing was written\. "
        rf".*GRANT {auth_admin} TO {rds_login.name}.*--tables {tables}$")):  # fmt: skip
        restore(base.url, dsn, mode="replace", safety_root=root)
    assert [b.kind for b in list_backups(root)[0]] == ["full"]  # no safety backup left
    with psycopg.connect(dsn) as conn:
        assert conn.execute("SELECT name FROM orgs WHERE id = 1").fetchone() == ("changed",)
    done = restore(base.url, dsn, mode="replace", tables=tables.split(","), safety_root=root)
    assert done.safety_backup
    with psycopg.connect(dsn) as conn:
        assert checksums(conn) == _checksums_of(base.url, pg)


def _checksums_of(url: str, pg) -> dict:
    """The checksums of a backup's tables, restored into a new database by the superuser."""
    from airvault.restore.run import restore

    target = pg.dsn_for(f"managed_ref_{os.getpid()}_{next(_n)}")
    restore(url, target, mode="new-database", roles="ignore")
    with psycopg.connect(target) as conn:
        return checksums(conn)


def test_owner_steps_run_as_the_owner_where_membership_does_not_inherit(pg, tmp_path):
    """A login that may SET ROLE to the tables' owner without inheriting its rights (GRANT
    ... WITH INHERIT FALSE): the app's triggers are switched off and on as that owner, and a
    replace is exact; the triggers are enabled again after."""
    from airvault.restore.run import restore

    suffix = f"{os.getpid()}_{next(_n)}"
    admin, owner = sql.Identifier(f"admin_{suffix}"), sql.Identifier(f"app_owner_{suffix}")
    _as_provider(pg, [
        sql.SQL("CREATE ROLE {} NOLOGIN").format(owner),
        sql.SQL("CREATE ROLE {} LOGIN NOSUPERUSER CREATEDB REPLICATION BYPASSRLS "
                "IN ROLE pg_read_all_data, pg_write_all_data").format(admin),
        sql.SQL("GRANT {} TO {} WITH INHERIT FALSE, SET TRUE").format(owner, admin),
    ])  # fmt: skip
    login = Login(f"admin_{suffix}", f"app_owner_{suffix}", pg.dsn)
    dsn = _app_database(pg, login)
    root = open_store(tmp_path / "storage")
    base = backup(dsn, root.url)
    with psycopg.connect(dsn, autocommit=True) as conn:
        want = checksums(conn)
        conn.execute("UPDATE orgs SET name = 'changed' WHERE id = 1; DELETE FROM invoices "
                     "WHERE id > 140; INSERT INTO orgs VALUES (9, 'nine')")  # fmt: skip
    restore(base.url, dsn, mode="replace", safety_root=root)
    with psycopg.connect(dsn) as conn:
        assert checksums(conn) == want
        state = "SELECT tgenabled FROM pg_trigger WHERE tgname = 'orgs_audit'"
        assert conn.execute(state).fetchone() == ("O",)


def test_a_refused_cascade_leaves_no_safety_backup(pg, rds_login, tmp_path):
    """Replacing the organisations alone would delete one added since the backup, and its
    invoices with it (ON DELETE CASCADE, a table not restored): refused, no safety backup.
    Allowed, the safety backup holds the tables reached down the chain (invoice lines)."""
    from airvault.errors import AirvaultError
    from airvault.restore.run import restore
    from airvault.storage.manifest import list_backups, read_manifest

    dsn = _app_database(pg, rds_login)
    root = open_store(tmp_path / "storage")
    base = backup(dsn, root.url)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("INSERT INTO orgs VALUES (5, 'five'); INSERT INTO invoices VALUES "
                     "(200, 5, 1); INSERT INTO invoice_lines VALUES (200, 200)")  # fmt: skip
        before = checksums(conn)
    with pytest.raises(
        AirvaultError, match=r"public\.invoices: 1 rows \(cascade\).*--allow-cascade"
    ):
        restore(base.url, dsn, mode="replace", tables=["orgs"], safety_root=root)
    assert [b.kind for b in list_backups(root)[0]] == ["full"]
    with psycopg.connect(dsn) as conn:
        assert checksums(conn) == before
    done = restore(base.url, dsn, mode="replace", tables=["orgs"], safety_root=root,
                   allow_cascade=True)  # fmt: skip
    safety = read_manifest(open_store(done.safety_backup))
    assert {t.qualified for t in safety.tables} == {
        "public.orgs", "public.invoices", "public.invoice_lines", "public.profiles"}  # fmt: skip
    assert safety.table("public.invoice_lines").rows == before["public.invoice_lines"][0]


def test_new_database_keeps_owners_it_may_assign_and_refuses_others_up_front(
    pg, rds_login, tmp_path
):
    """RDS-like: a schema owned by the app's owner comes back owned by it (the owner needs
    CREATE on the new database for that, granted for the while only). Supabase-like: the
    `auth` schema's owner is a role the login is not a member of: refused before anything
    is written, naming the GRANT, --owner-map and --roles ignore; --owner-map then works,
    every other owner kept, and says so."""
    from airvault.errors import AirvaultError
    from airvault.restore.run import restore

    dsn = _app_database(pg, rds_login)
    with psycopg.connect(dsn, autocommit=True) as conn:
        owner = sql.Identifier(rds_login.owner)
        conn.execute(sql.SQL("CREATE SCHEMA billing AUTHORIZATION {}").format(owner))
        conn.execute(sql.SQL("SET ROLE {}").format(owner))
        conn.execute("CREATE TABLE billing.plans (id int PRIMARY KEY); INSERT INTO billing.plans "
                     "VALUES (1)")  # fmt: skip
    root = open_store(tmp_path / "storage")
    target = _new(dsn, "managed_owned")
    restore(backup(dsn, root.url).url, target, mode="new-database")
    with psycopg.connect(target) as conn:
        owners = conn.execute(
            "SELECT nspname, pg_get_userbyid(nspowner), has_database_privilege(nspowner, "
            "current_database(), 'CREATE') FROM pg_namespace WHERE nspname = 'billing'"
        ).fetchall()  # fmt: skip
        assert owners == [("billing", rds_login.owner, False)]
        assert conn.execute("SELECT tableowner FROM pg_tables WHERE tablename = 'plans'"
                            ).fetchone() == (rds_login.owner,)  # fmt: skip

    auth_admin = _supabase_like(pg, rds_login, dsn)
    target = _new(dsn, "managed_supa")
    supa = backup(dsn, root.url).url
    with pytest.raises(AirvaultError, match=(
        rf"may not hand objects of the backup to their owner\(s\) {auth_admin} .*nothing was "
        rf"written\. .*GRANT {auth_admin} TO {rds_login.name}.*--owner-map "
        rf"{auth_admin}={rds_login.name}.*--roles ignore")):  # fmt: skip
        restore(supa, target, mode="new-database")
    with psycopg.connect(pg.dsn) as conn:
        names = {r[0] for r in conn.execute("SELECT datname FROM pg_database").fetchall()}
    assert conninfo_to_dict(target)["dbname"] not in names

    # the way out it names, as a user runs it: auth's objects to the login, the rest kept
    from tests.capture.test_capture import AIRVAULT, _env

    done = subprocess.run([AIRVAULT, "restore", "--from", supa, "--mode", "new-database",
                           "--dsn", target, "--owner-map", f"{auth_admin}={rds_login.name}"],
                          capture_output=True, text=True, env=_env(), cwd="/")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert f"owner {auth_admin} -> {rds_login.name} (--owner-map)" in done.stdout
    with psycopg.connect(target) as conn:
        owners = dict(conn.execute("SELECT schemaname || '.' || tablename, tableowner FROM "
                                   "pg_tables WHERE tablename IN ('users', 'orgs')").fetchall())  # fmt: skip
        assert owners == {"auth.users": rds_login.name, "public.orgs": rds_login.owner}
        assert checksums(conn) == _checksums_of(supa, pg)


def test_roles_ignore_keeps_the_grants_to_roles_that_exist(pg, rds_login, tmp_path):
    """Supabase-like, with --roles ignore: every object is owned by the login, the grants the
    app's roles need come back (table and column grants), and the grant to
    a role the server no longer has is dropped with the stand-in that carried it."""
    from airvault.restore.run import restore

    dsn = _app_database(pg, rds_login)
    _supabase_like(pg, rds_login, dsn)
    anon, gone = (f"{kind}_{os.getpid()}_{next(_n)}" for kind in ("anon", "gone"))
    _as_provider(pg, [sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(r))
                      for r in (anon, gone)])  # fmt: skip
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(sql.SQL("SET ROLE {}").format(sql.Identifier(rds_login.owner)))
        conn.execute(sql.SQL("GRANT SELECT ON public.orgs TO {}, {}; GRANT SELECT (email) ON "
                             "public.profiles TO {}").format(sql.Identifier(anon),
                     sql.Identifier(gone), sql.Identifier(anon)))  # fmt: skip
    url = backup(dsn, open_store(tmp_path / "storage").url).url
    with psycopg.connect(dsn, autocommit=True) as conn:  # the role is gone from the server
        conn.execute(sql.SQL("SET ROLE {}").format(sql.Identifier(rds_login.owner)))
        conn.execute(sql.SQL("REVOKE ALL ON public.orgs FROM {}").format(sql.Identifier(gone)))
    _as_provider(pg, [sql.SQL("DROP ROLE {}").format(sql.Identifier(gone))])

    target = _new(dsn, "managed_ignore")
    restore(url, target, mode="new-database", roles="ignore")
    with psycopg.connect(target) as conn:
        owners = {r[0] for r in conn.execute(
            "SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname IN ('public', 'auth')")}  # fmt: skip
        assert owners == {rds_login.name}
        granted = conn.execute(
            "SELECT has_table_privilege(%s, 'public.orgs', 'SELECT'), "
            "has_column_privilege(%s, 'public.profiles', 'email', 'SELECT'), "
            "has_column_privilege(%s, 'public.profiles', 'id', 'SELECT')",
            (anon, anon, anon)).fetchone()  # fmt: skip
        assert granted == (True, True, False)
        assert checksums(conn) == _checksums_of(url, pg)
    with psycopg.connect(pg.dsn) as conn:
        assert conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (gone,)).fetchone() is None


def test_a_restore_plan_refuses_a_login_that_cannot_write_naming_the_grant(pg, rds_login, tmp_path):
    """The plan's pre-flight (issue 27): a login that may read every table but write none
    is refused before anything is planned or written, naming the table and the GRANT; an
    RDS-like admin's plan carries no pre-flight line."""
    from tests.capture.test_capture import AIRVAULT, _env

    dsn = _app_database(pg, rds_login)
    url = backup(dsn, open_store(tmp_path / "storage").url).url
    reader = f"reader_{os.getpid()}_{next(_n)}"
    _as_provider(pg, [sql.SQL("CREATE ROLE {} LOGIN IN ROLE pg_read_all_data").format(
        sql.Identifier(reader))])  # fmt: skip
    as_reader = make_conninfo(**{**conninfo_to_dict(dsn), "user": reader})
    before = _checksums_of(url, pg)

    def plan(who: str) -> subprocess.CompletedProcess:
        return subprocess.run([AIRVAULT, "restore", "--from", url, "--dsn", who, "--dry-run",
                               "--no-safety-backup"], capture_output=True, text=True,
                              env=_env(), cwd="/")  # fmt: skip

    refused = plan(as_reader)
    assert refused.returncode != 0
    assert f"this login ({reader}) cannot restore (replace)" in refused.stderr, refused.stderr
    assert "INSERT, UPDATE, DELETE on public.orgs" in refused.stderr
    assert f'GRANT pg_write_all_data TO "{reader}";' in refused.stderr
    with psycopg.connect(dsn) as conn:
        assert checksums(conn) == before
    planned = plan(dsn)
    assert planned.returncode == 0, planned.stderr
    assert "privileges:" not in planned.stdout


@pytest.mark.parametrize("mode", ["replace", "merge"])
def test_point_in_time_replace_and_merge_of_the_live_database(pg, rds_login, tmp_path, mode):
    """As the RDS-like login, after an organisation (100 invoices, by cascade) was deleted
    by mistake: the live database back to the point is exact, triggers on again."""
    dsn = _app_database(pg, rds_login)
    changes = ["UPDATE orgs SET name = 'one, renamed' WHERE id = 1",
               "UPDATE orgs SET id = 3 WHERE id = 2"]  # fmt: skip
    with _changed(dsn, tmp_path, changes) as (base, want):
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute("DELETE FROM orgs WHERE id = 1")  # not drained: after the point
        done = point_in_time_restore(base, dsn, "latest", mode=mode,
                                     safety_root=open_store(tmp_path / "safety"))  # fmt: skip
    assert done.restore.safety_backup
    with psycopg.connect(dsn) as conn:
        assert checksums(conn) == want
        state = "SELECT tgenabled FROM pg_trigger WHERE tgname = 'orgs_audit'"
        assert conn.execute(state).fetchone() == ("O",)


def test_check_privileges_lists_what_the_login_can_do_and_the_grants(pg, rds_login, logins):
    """`airvault check --privileges`, as the RDS-like login on a Supabase-like database:
    backups fine; replace / merge, new-database and capture name auth.users and the GRANT of
    its owner; the replay names session_replication_role. As the superuser: all fine."""
    from tests.capture.test_capture import AIRVAULT, _env

    dsn = _app_database(pg, rds_login)
    auth_admin = _supabase_like(pg, rds_login, dsn)
    run = lambda d: subprocess.run([AIRVAULT, "check", "--privileges", "--dsn", d],  # noqa: E731
                                   capture_output=True, text=True, env=_env(), cwd="/")  # fmt: skip
    found = run(dsn)
    assert found.returncode == 1, found.stderr
    out = found.stdout
    assert "backup, verify: ok" in out
    grant = f'GRANT "{auth_admin}" TO "{rds_login.name}";'
    for operation in ("restore replace / merge", "restore new-database", "capture start, drain"):
        part = out.split(f"{operation}: cannot\n")[1].splitlines()[0]
        assert "auth.users" in part, out
    assert out.count(grant) == 3, out
    assert ('point-in-time restore (replay): works, less well' in out
            and f'GRANT SET ON PARAMETER session_replication_role TO "{rds_login.name}";' in out)  # fmt: skip
    superuser = run(make_conninfo(**{**conninfo_to_dict(dsn), "user": "postgres"}))
    assert superuser.returncode == 0 and "cannot" not in superuser.stdout, superuser.stdout
    rds = run(_app_database(pg, rds_login))  # no auth schema: only the optional GRANT
    assert rds.returncode == 0 and "cannot" not in rds.stdout, rds.stdout
    assert "session_replication_role" in rds.stdout
    granted = run(_app_database(pg, logins["rds+replication_role"]))
    assert granted.returncode == 0 and "missing" not in granted.stdout, granted.stdout


@pytest.mark.parametrize("mode", ["replace", "merge"])
def test_an_on_update_action_of_an_in_place_update_is_planned(pg, rds_login, tmp_path, mode):
    """Badges follow an organisation's name (ON UPDATE CASCADE), a table the restore leaves
    out: restoring the old name would change them too. Refused unless allowed; allowed, the
    safety backup holds them."""
    from airvault.errors import AirvaultError
    from airvault.restore.run import restore
    from airvault.storage.manifest import list_backups, read_manifest

    dsn = _app_database(pg, rds_login)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(sql.SQL("SET ROLE {}").format(sql.Identifier(rds_login.owner)))
        conn.execute("CREATE TABLE badges (id int PRIMARY KEY, org_name text REFERENCES "
                     "orgs (name) ON UPDATE CASCADE); INSERT INTO badges VALUES (1, 'one')")  # fmt: skip
    root = open_store(tmp_path / "storage")
    base = backup(dsn, root.url)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("UPDATE orgs SET name = 'uno' WHERE id = 1")
    plan = restore(base.url, dsn, mode=mode, tables=["orgs"], dry_run=True)
    assert [(t.table, t.role, t.update) for t in plan.tables if t.table == "public.badges"] == [
        ("public.badges", "cascade", 1)]  # fmt: skip
    with pytest.raises(AirvaultError, match=r"public\.badges: 1 rows \(cascade\)"):
        restore(base.url, dsn, mode=mode, tables=["orgs"], safety_root=root)
    assert [b.kind for b in list_backups(root)[0]] == ["full"]
    done = restore(base.url, dsn, mode=mode, tables=["orgs"], safety_root=root,
                   allow_cascade=True)  # fmt: skip
    assert "public.badges" in {t.qualified for t in read_manifest(open_store(
        done.safety_backup)).tables}  # fmt: skip
    with psycopg.connect(dsn) as conn:
        assert conn.execute("SELECT org_name FROM badges").fetchone() == ("one",)


def test_a_point_in_time_replace_that_would_be_refused_builds_nothing(pg, rds_login, tmp_path):
    """Supabase-like: the restore of the point would be refused (auth.users' trigger), so it
    is refused before the point is built: no scratch database, no safety backup."""
    from airvault.restore.apply import TriggersDenied

    dsn = _app_database(pg, rds_login)
    _supabase_like(pg, rds_login, dsn)
    safety = open_store(tmp_path / "safety")
    renamed = ["UPDATE orgs SET name = 'uno' WHERE id = 1"]
    with _changed(dsn, tmp_path, renamed, ("users",)) as (base, _):  # it may not publish auth
        with pytest.raises(TriggersDenied, match=r"auth\.users .*--tables public\.orgs,"):
            point_in_time_restore(base, dsn, "latest", mode="replace", safety_root=safety)
    with psycopg.connect(pg.dsn) as conn:
        names = {r[0] for r in conn.execute("SELECT datname FROM pg_database").fetchall()}
    assert not [n for n in names if n.startswith("airvault_pit_")]
    assert not (tmp_path / "safety").exists() or not any((tmp_path / "safety").iterdir())


def test_capture_start_names_the_tables_it_may_not_publish(pg, rds_login):
    """Supabase-like: auth.users belongs to a role the login is not a member of. capture
    start is refused before anything is created, naming the table with its schema, its
    owner, the GRANT and the exclusion that would work."""
    from airvault.capture.slot import CaptureError

    dsn = _app_database(pg, rds_login)
    auth_admin = _supabase_like(pg, rds_login, dsn)
    slot = f"managed_{os.getpid()}_{next(_n)}"
    with pytest.raises(CaptureError, match=(
        rf"nothing was created: auth\.users: owned by '{auth_admin}'.*"
        rf"backup\.exclude_schemas: \[auth\].*GRANT {auth_admin} TO {rds_login.name}")):  # fmt: skip
        start_capture(dsn, slot, slot)
    with psycopg.connect(dsn) as conn:
        assert not conn.execute("SELECT 1 FROM pg_replication_slots WHERE slot_name = %s",
                                (slot,)).fetchone()  # fmt: skip
        assert not conn.execute("SELECT 1 FROM pg_publication WHERE pubname = %s",
                                (slot,)).fetchone()  # fmt: skip


def test_a_not_null_cycle_of_deferrable_keys_replays_without_superuser(pg, rds_login, tmp_path):
    """Two rows that must refer to each other (NOT NULL, DEFERRABLE foreign keys), made in one
    transaction: the replay defers those checks to its commit, as the source did."""
    dsn = _app_database(pg, rds_login)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(sql.SQL("SET ROLE {}").format(sql.Identifier(rds_login.owner)))
        conn.execute(
            "CREATE TABLE husbands (id int PRIMARY KEY, wife_id int NOT NULL); "
            "CREATE TABLE wives (id int PRIMARY KEY, husband_id int NOT NULL REFERENCES "
            "husbands DEFERRABLE); ALTER TABLE husbands ADD FOREIGN KEY (wife_id) REFERENCES "
            "wives DEFERRABLE"
        )
    married = [
        "BEGIN; SET CONSTRAINTS ALL DEFERRED; INSERT INTO husbands VALUES (1, 1); "
        "INSERT INTO wives VALUES (1, 1); COMMIT"
    ]
    with _changed(dsn, tmp_path, married) as (base, want):
        target = _new(dsn, "managed_deferred")
        point_in_time_restore(base, target, "latest", mode="new-database")
    with psycopg.connect(target) as conn:
        assert checksums(conn) == want


def test_many_rows_of_a_keyless_table_with_json_replay(pg, rds_login, tmp_path):
    """A table without a key, its type without a btree or hash (json), 1,500 rows in one
    batch and some deleted: exact (its stage is read whole, never indexed)."""
    dsn = _app_database(pg, rds_login)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(sql.SQL("SET ROLE {}").format(sql.Identifier(rds_login.owner)))
        conn.execute("CREATE TABLE events (at int, body json)")
    changes = ["INSERT INTO events SELECT i % 700, json_build_object('n', i % 700) "
               "FROM generate_series(1, 1500) i", "DELETE FROM events WHERE at < 10"]  # fmt: skip
    with _changed(dsn, tmp_path, changes, replica_identity_full=True) as (base, want):
        target = _new(dsn, "managed_keyless")
        point_in_time_restore(base, target, "latest", mode="new-database")
    with psycopg.connect(target) as conn:
        assert checksums(conn) == want


def test_a_name_reused_while_its_old_row_is_still_referred_to_is_refused_cleanly(
    pg, rds_login, tmp_path
):
    """An organisation deleted (its profiles let go of it) and its name given to a new one
    in the same batch: without replica mode the old row can only go after the profiles
    changed, the new one not before it goes. Refused with the GRANT, not a failed
    transaction; with the GRANT (the superuser here) exact."""
    from airvault.capture.batch import ReplayRefused

    dsn = _app_database(pg, rds_login)
    changes = ["BEGIN; UPDATE profiles SET org_id = NULL WHERE org_id = 1; DELETE FROM orgs "
               "WHERE id = 1; INSERT INTO orgs VALUES (5, 'one'); COMMIT"]  # fmt: skip
    with _changed(dsn, tmp_path, changes) as (base, want):
        with pytest.raises(ReplayRefused, match=(
            r"public\.orgs: a row's unique value is still held .*GRANT SET ON PARAMETER "
            "session_replication_role")):  # fmt: skip
            point_in_time_restore(base, _new(dsn, "managed_reused"), "latest", mode="new-database")
        superuser = make_conninfo(**{**conninfo_to_dict(dsn), "user": "postgres"})
        target = _new(superuser, "managed_reused_su")
        point_in_time_restore(base, target, "latest", mode="new-database")
    with psycopg.connect(target) as conn:
        assert checksums(conn) == want
