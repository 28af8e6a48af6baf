"""Managed PostgreSQL without SUPERUSER (issue 27): every operation, as each kind of login a
user really has, is exact (per-table content checksums, owners and grants) or refused before
any write, naming the GRANT or ALTER ROLE that would allow it.

One server; a superuser only plays the provider, creating the roles and the app's schema:
- `su`: the embedded server's superuser (self-hosted);
- `rds`: NOSUPERUSER CREATEROLE CREATEDB REPLICATION BYPASSRLS, member of pg_read_all_data,
  pg_write_all_data, pg_signal_backend and of every owner role (RDS, Aurora, Cloud SQL,
  Azure, Neon give their admin that);
- `rds_srr`: `rds` with SET on session_replication_role (what RDS grants rds_superuser);
- `supa`: like `rds`, but the `auth` schema belongs to a role it is not a member of (SELECT,
  REFERENCES, TRIGGER by grant, and an `auth.users` trigger), as on Supabase.

The schema has an extension in its own schema, an enum, identity and serial sequences, RLS
with FORCE, CASCADE and SET NULL foreign keys, an audit trigger and column grants.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from airvault.backup.run import BackupOptions, run_backup
from airvault.capture.drain import drain
from airvault.capture.slot import start_capture, stop_capture
from airvault.errors import AirvaultError
from airvault.restore.point_in_time import point_in_time_restore
from airvault.restore.run import restore
from airvault.storage.manifest import list_backups
from airvault.storage.store import open_store
from airvault.verify import verify_backup

TAG = f"m{os.getpid()}"
OWNER, AUTH, ANON, AUTHED = (f"{TAG}_{r}" for r in ("app_owner", "auth_admin", "anon", "authed"))

ROLES = f"""
CREATE ROLE {OWNER} NOLOGIN;
CREATE ROLE {AUTH} NOLOGIN;
CREATE ROLE {ANON} NOLOGIN;
CREATE ROLE {AUTHED} NOLOGIN;
"""
LOGINS = {
    "su": None,
    "rds": f"IN ROLE pg_read_all_data, pg_write_all_data, pg_signal_backend, {OWNER}, {AUTH}",
    "rds_srr": f"IN ROLE pg_read_all_data, pg_write_all_data, pg_signal_backend, {OWNER}, {AUTH}",
    "supa": f"IN ROLE pg_read_all_data, pg_write_all_data, pg_signal_backend, {OWNER}",
}
APP = f"""
CREATE SCHEMA extensions AUTHORIZATION {OWNER};
CREATE EXTENSION citext SCHEMA extensions;
CREATE SCHEMA auth AUTHORIZATION {AUTH};
SET ROLE {AUTH};
CREATE TABLE auth.users (id uuid PRIMARY KEY, email text NOT NULL, encrypted_password text);
CREATE FUNCTION auth.touch() RETURNS trigger LANGUAGE plpgsql AS
  $$BEGIN NEW.email := lower(NEW.email); RETURN NEW; END$$;
CREATE TRIGGER users_touch BEFORE INSERT OR UPDATE ON auth.users
  FOR EACH ROW EXECUTE FUNCTION auth.touch();
RESET ROLE;
GRANT USAGE, CREATE ON SCHEMA public TO {OWNER};
CREATE TYPE public.plan AS ENUM ('free', 'pro', 'enterprise');
ALTER TYPE public.plan OWNER TO {OWNER};
SET ROLE {OWNER};
CREATE TABLE public.orgs (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL,
  plan public.plan NOT NULL DEFAULT 'free');
CREATE TABLE public.profiles (id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id int REFERENCES public.orgs ON DELETE SET NULL, user_id uuid, bio text,
  handle extensions.citext);
CREATE TABLE public.projects (id serial PRIMARY KEY, org_id int NOT NULL
  REFERENCES public.orgs ON DELETE CASCADE ON UPDATE CASCADE, title text NOT NULL);
CREATE TABLE public.tasks (id bigserial PRIMARY KEY, project_id int NOT NULL
  REFERENCES public.projects ON DELETE CASCADE, done boolean NOT NULL DEFAULT false);
CREATE TABLE public.audit (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(),
  what text);
CREATE FUNCTION public.audit() RETURNS trigger LANGUAGE plpgsql AS
  $$BEGIN INSERT INTO public.audit (what) VALUES (TG_TABLE_NAME || ' ' || TG_OP);
  RETURN NULL; END$$;
CREATE TRIGGER projects_audit AFTER INSERT OR UPDATE OR DELETE ON public.projects
  FOR EACH ROW EXECUTE FUNCTION public.audit();
ALTER TABLE public.profiles ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.profiles FORCE ROW LEVEL SECURITY;
CREATE POLICY own_org ON public.profiles USING (org_id IS NOT NULL);
GRANT SELECT ON public.orgs, public.projects TO {AUTHED};
GRANT SELECT (id, name) ON public.orgs TO {ANON};
GRANT INSERT, UPDATE (bio) ON public.profiles TO {AUTHED};
RESET ROLE;
GRANT USAGE ON SCHEMA auth TO {OWNER};
GRANT SELECT, REFERENCES, TRIGGER ON auth.users TO {OWNER};
ALTER TABLE public.profiles ADD FOREIGN KEY (user_id) REFERENCES auth.users;
INSERT INTO auth.users SELECT ('00000000-0000-0000-0000-' || lpad(g::text, 12, '0'))::uuid,
  'User' || g || '@Example.com', 'hash' || g FROM generate_series(1, 200) g;
INSERT INTO public.orgs (name, plan) SELECT 'org ' || g, (ARRAY['free','pro','enterprise'])[1 + g % 3]::public.plan
  FROM generate_series(1, 20) g;
INSERT INTO public.profiles (org_id, user_id, bio, handle) SELECT 1 + g % 20,
  ('00000000-0000-0000-0000-' || lpad((1 + g % 200)::text, 12, '0'))::uuid, 'bio ' || g, 'Handle' || g
  FROM generate_series(1, 400) g;
INSERT INTO public.projects (org_id, title) SELECT 1 + g % 20, 'p' || g FROM generate_series(1, 300) g;
INSERT INTO public.tasks (project_id) SELECT 1 + g % 300 FROM generate_series(1, 3000) g;
"""
CHANGES = """
UPDATE public.orgs SET name = name || ' (renamed)' WHERE id = 3;
UPDATE public.orgs SET plan = 'enterprise' WHERE id = 4;
UPDATE public.projects SET title = title || '!' WHERE org_id = 5;
UPDATE public.tasks SET done = true WHERE project_id IN (SELECT id FROM public.projects WHERE org_id = 6);
DELETE FROM public.tasks WHERE id % 97 = 0;
INSERT INTO public.orgs (name) VALUES ('new org');
"""
TABLES = ["public.orgs", "public.profiles", "public.projects", "public.tasks", "public.audit"]


def _as(dsn: str, user: str | None) -> str:
    info = conninfo_to_dict(dsn)
    return make_conninfo(
        **{**info, "user": user or info.get("user"), "password": "pw" if user else None}
    )


def content(dsn: str, schemas=("public", "auth")) -> dict[str, str]:
    """Every table's rows (ONLY, columns by name, key order) as an md5, read as superuser."""
    with psycopg.connect(dsn) as conn:
        tables = conn.execute(
            "SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' "
            "AND n.nspname = ANY(%s) ORDER BY 1", (list(schemas),)).fetchall()  # fmt: skip
        return {t: conn.execute(
            f"SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) "
            f"FROM ONLY {t} x").fetchone()[0] for (t,) in tables}  # fmt: skip


def owners_and_grants(dsn: str) -> dict[str, object]:
    """Owners and ACLs of the app's schemas, tables, columns, functions and types."""
    with psycopg.connect(dsn) as conn:
        q = lambda s: conn.execute(s).fetchall()  # noqa: E731
        return {
            "schemas": q("SELECT nspname, pg_get_userbyid(nspowner), nspacl::text FROM pg_namespace "
                         "WHERE nspname IN ('public', 'auth', 'extensions') ORDER BY 1"),
            "tables": q("SELECT n.nspname, c.relname, pg_get_userbyid(c.relowner), c.relacl::text, "
                        "c.relrowsecurity, c.relforcerowsecurity FROM pg_class c JOIN pg_namespace n "
                        "ON n.oid = c.relnamespace WHERE n.nspname IN ('public', 'auth') "
                        "AND c.relkind IN ('r', 'S', 'v') ORDER BY 1, 2"),
            "columns": q("SELECT attrelid::regclass::text, attname, attacl::text FROM pg_attribute "
                         "WHERE attacl IS NOT NULL AND attrelid::regclass::text NOT LIKE 'pg_%' ORDER BY 1, 2"),
            "functions": q("SELECT p.oid::regprocedure::text, pg_get_userbyid(p.proowner) FROM pg_proc p "
                           "JOIN pg_namespace n ON n.oid = p.pronamespace "
                           "WHERE n.nspname IN ('public', 'auth') ORDER BY 1"),
            "sequences": q("SELECT schemaname, sequencename, last_value FROM pg_sequences "
                           "WHERE schemaname = 'public' ORDER BY 1, 2"),
        }  # fmt: skip


# What docs/compatibility.md's "Who may run it" table claims; every other cell is exact.
REFUSED = {("supa", "new-database"), ("supa", "replace"), ("supa", "merge")}


def expected(kind: str, operation: str) -> str:
    return "refused" if (kind, operation) in REFUSED else "exact"


@dataclass
class Cell:
    outcome: str  # "exact" or "refused"
    detail: str = ""


@pytest.fixture(scope="module")
def provider(pg):
    """The server as a managed service sets it up: roles, the app's schema and rows."""
    with psycopg.connect(pg.dsn, autocommit=True) as conn:
        conn.execute(ROLES)
        for kind, membership in LOGINS.items():
            if membership is not None:
                conn.execute(f"CREATE ROLE {TAG}_{kind} LOGIN PASSWORD 'pw' NOSUPERUSER "
                             f"CREATEROLE CREATEDB REPLICATION BYPASSRLS {membership}")  # fmt: skip
        conn.execute(f"GRANT SET ON PARAMETER session_replication_role TO {TAG}_rds_srr")
    source = pg.create_database(f"{TAG}_source")
    with psycopg.connect(source, autocommit=True) as conn:
        conn.execute(APP)
        db = conninfo_to_dict(source)["dbname"]
        for kind in LOGINS:
            if kind != "su":
                conn.execute(f"GRANT CREATE ON DATABASE {db} TO {TAG}_{kind}")
    return source


def login_dsn(pg_dsn: str, kind: str) -> str:
    return pg_dsn if kind == "su" else _as(pg_dsn, f"{TAG}_{kind}")


def attempt(what: Callable[[], object], target: str | None, root=None) -> Cell:
    """Run one operation: it succeeds, or it is refused naming a GRANT / ALTER ROLE and has
    changed nothing in `target` and left no safety backup under `root`."""
    before = content(target) if target else None
    safety_before = _safety_backups(root)
    try:
        what()
    except AirvaultError as e:
        message = str(e)
        assert "GRANT " in message or "ALTER ROLE" in message or "--roles" in message, message
        assert "superuser" not in message.lower() or "GRANT" in message, message
        if target:
            assert content(target) == before, f"refused, but the target changed: {message}"
        assert _safety_backups(root) == safety_before, "a refused run left a safety backup"
        return Cell("refused", message)
    return Cell("exact")


def _safety_backups(root) -> int:
    if root is None:
        return 0
    return sum(1 for b in list_backups(root)[0] if b.kind == "pre-restore")


KINDS = list(LOGINS)


@pytest.fixture(scope="module")
def backups(provider, pg, tmp_path_factory):
    """A full backup of the source taken as each login (or its refusal)."""
    made = {}
    for kind in KINDS:
        root = open_store(tmp_path_factory.mktemp(f"managed_{kind}"))
        login = login_dsn(provider, kind)
        try:
            made[kind] = (run_backup(login, root, BackupOptions(capture_slot=None)), root)
        except AirvaultError as e:
            made[kind] = (e, root)
    return made


@pytest.mark.parametrize("kind", KINDS)
def test_backup_and_verify(backups, kind):
    result, _root = backups[kind]
    assert not isinstance(result, Exception), result
    assert verify_backup(open_store(result.url)).ok


@pytest.mark.parametrize("kind", KINDS)
def test_new_database_keeps_rows_owners_and_grants(provider, backups, pg, kind):
    result, _root = backups[kind]
    target = pg.dsn_for(f"{TAG}_new_{kind}")
    login_target = login_dsn(target, kind)
    cell = attempt(lambda: restore(result.url, login_target, mode="new-database"), None)
    assert cell.outcome == expected(kind, "new-database"), cell.detail
    if cell.outcome == "refused":
        with psycopg.connect(pg.dsn) as conn:  # refused: no database was left behind
            assert not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                                    (f"{TAG}_new_{kind}",)).fetchone()  # fmt: skip
        assert "--owner-map" in cell.detail
        # the way out it names: auth's objects to the login, every other owner and grant kept
        restore(result.url, login_target, mode="new-database", owner_map={AUTH: f"{TAG}_{kind}"})
        assert content(target) == content(provider)
        kept, source = owners_and_grants(target), owners_and_grants(provider)
        assert [t for t in kept["tables"] if t[0] == "public"] == [
            t for t in source["tables"] if t[0] == "public"]  # fmt: skip
        return
    assert content(target) == content(provider)
    assert owners_and_grants(target) == owners_and_grants(provider)


def _copy(pg, provider, name: str, tmp_path) -> str:
    """A copy of the source (made by the provider's superuser), changed since the backup."""
    source_backup = run_backup(provider, open_store(tmp_path / f"{name}_seed"),
                               BackupOptions(capture_slot=None))  # fmt: skip
    target = pg.dsn_for(f"{TAG}_{name}")
    restore(source_backup.url, target, mode="new-database")
    with psycopg.connect(target, autocommit=True) as conn:
        conn.execute(CHANGES)
    return target


@pytest.mark.parametrize("mode", ["replace", "merge", "selective"])
@pytest.mark.parametrize("kind", KINDS)
def test_restore_into_a_live_database(provider, backups, pg, tmp_path, kind, mode):
    result, _root = backups[kind]
    target = _copy(pg, provider, f"{mode}_{kind}", tmp_path)
    safety = open_store(tmp_path / "safety")
    tables = ["public.orgs", "public.projects", "public.tasks"] if mode == "selective" else None
    cell = attempt(
        lambda: restore(result.url, login_dsn(target, kind),
                        mode="merge" if mode == "merge" else "replace", tables=tables,
                        safety_root=safety),
        target, safety,
    )  # fmt: skip
    assert cell.outcome == expected(kind, mode), cell.detail
    if cell.outcome == "refused":
        assert "--tables" in cell.detail  # the selection that works is named
        return
    got, want = content(target), content(provider)
    if mode == "merge":  # merge keeps rows only the target has: the backup's rows are there
        for table in ("public.orgs",):
            with psycopg.connect(target) as conn, psycopg.connect(provider) as src:
                rows = set(src.execute(f"SELECT * FROM {table}").fetchall())
                assert rows <= set(conn.execute(f"SELECT * FROM {table}").fetchall())
        return
    checked = tables or [t for t in want if not t.startswith("public.audit")]
    for table in checked:
        if table == "public.audit":
            continue
        assert got[table] == want[table], table


@pytest.mark.parametrize("kind", KINDS)
def test_capture_and_point_in_time(provider, pg, tmp_path, kind):
    """Capture started, a base taken and changes drained as the login; a parent UPDATE under
    CASCADE and SET NULL children among them; the state at the point comes back exactly in
    a new database and in a replace of a changed copy. Supabase-like: capture leaves `auth`
    out, the way its refusal names."""
    source = pg.create_database(f"{TAG}_pit_{kind}")
    with psycopg.connect(source, autocommit=True) as conn:
        conn.execute(APP)
        if kind != "su":
            conn.execute(f"GRANT CREATE ON DATABASE {conninfo_to_dict(source)['dbname']} TO "
                         f"{TAG}_{kind}")  # fmt: skip
    login = login_dsn(source, kind)
    slot = f"{TAG}_pit_{kind}"
    exclude = ["auth"] if kind == "supa" else []
    root = open_store(tmp_path / "storage")
    start_capture(login, slot, slot, exclude_schemas=exclude)
    try:
        base = run_backup(login, root, BackupOptions(exclude_schemas=exclude, capture_slot=slot))
        with psycopg.connect(source, autocommit=True) as conn:
            conn.execute(CHANGES)
        want = content(source, ("public",))
        drain(login, root, slot, slot)
    finally:
        stop_capture(login, slot, slot)
    fresh = pg.dsn_for(f"{TAG}_pitnew_{kind}")
    cell = attempt(lambda: point_in_time_restore(base.url, login_dsn(fresh, kind), "latest",
                                                 mode="new-database", changes_root=root), None)  # fmt: skip
    assert cell.outcome == "exact", cell.detail
    assert content(fresh, ("public",)) == want
    target = _copy(pg, provider, f"pitrep_{kind}", tmp_path)
    safety = open_store(tmp_path / "safety")
    cell = attempt(lambda: point_in_time_restore(base.url, login_dsn(target, kind), "latest",
                                                 mode="replace", changes_root=root,
                                                 safety_root=safety),
                   target, safety)  # fmt: skip
    assert cell.outcome == "exact", cell.detail
    got = content(target, ("public",))
    for table in ("public.orgs", "public.profiles", "public.projects", "public.tasks"):
        assert got[table] == want[table], table
