"""The demo app database as a managed service has it: the app's objects owned by an owner
role, airvault logging in as a login that is not a superuser (what `airvault check` advises
instead of a superuser: docs/security.md). Used by `make run` and by compose's seed job
(`airvault demo-db --least-privilege`)."""

from __future__ import annotations

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

APP_OWNER, APP_LOGIN = "crm_owner", "airvault"  # the app's owner role; airvault's login
# What `airvault check` advises instead of a superuser (docs/security.md): airvault logs in as
# a role that reads and writes every table, may become the app's owner (to keep the app's
# triggers off restored rows, to publish tables for capture) and create scratch databases.
LEAST_PRIVILEGE = f"""
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{APP_OWNER}') THEN
    CREATE ROLE {APP_OWNER} NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{APP_LOGIN}') THEN
    CREATE ROLE {APP_LOGIN} LOGIN NOSUPERUSER CREATEDB REPLICATION BYPASSRLS;
  END IF;
END $$;
GRANT pg_read_all_data, pg_write_all_data, {APP_OWNER} TO {APP_LOGIN};
GRANT CREATE ON DATABASE {{database}} TO {APP_LOGIN};
ALTER DATABASE {{database}} OWNER TO {APP_OWNER};
DO $$ DECLARE r record; BEGIN  -- the app's objects to their owner role (made by the seeder)
  FOR r IN SELECT nspname FROM pg_namespace WHERE nspname IN ('auth', 'storage') LOOP
    EXECUTE format('ALTER SCHEMA %I OWNER TO {APP_OWNER}', r.nspname);
  END LOOP;
  FOR r IN SELECT c.oid::regclass AS rel, c.relkind FROM pg_class c
           JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname IN ('public', 'auth', 'storage') AND c.relkind IN ('r', 'p', 'v', 'm')
             AND c.relowner <> '{APP_OWNER}'::regrole LOOP
    EXECUTE format('ALTER %s %s OWNER TO {APP_OWNER}',
                   CASE r.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                   ELSE 'TABLE' END, r.rel);
  END LOOP;
  FOR r IN SELECT p.oid::regprocedure AS fn FROM pg_proc p
           JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE n.nspname IN ('public', 'auth', 'storage')
             AND p.proowner <> '{APP_OWNER}'::regrole LOOP
    EXECUTE format('ALTER ROUTINE %s OWNER TO {APP_OWNER}', r.fn);
  END LOOP;
  FOR r IN SELECT t.oid::regtype AS ty FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
           WHERE n.nspname IN ('public', 'auth', 'storage') AND t.typtype IN ('e', 'd')
             AND t.typowner <> '{APP_OWNER}'::regrole LOOP
    EXECUTE format('ALTER TYPE %s OWNER TO {APP_OWNER}', r.ty);
  END LOOP;
END $$;
"""


def least_privilege(admin_dsn: str, password: str | None = None) -> str:
    """Run as the database's superuser (the seeder); idempotent. `password`: the login's,
    where it connects over a network (compose). Returns the login's DSN."""
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        database = sql.Identifier(conn.info.dbname).as_string(conn)
        conn.execute(LEAST_PRIVILEGE.format(database=database).encode())
        if password:
            conn.execute(
                sql.SQL("ALTER ROLE {} PASSWORD {}").format(
                    sql.Identifier(APP_LOGIN), sql.Literal(password)
                )
            )
    info = {**conninfo_to_dict(admin_dsn), "user": APP_LOGIN, "password": password}
    return make_conninfo("", **info)
