"""What a database holds besides its tables' rows, and what a restore into an empty database
needs from the server: schemas, extensions, the roles that own and are granted things,
materialized views (pg_dump --schema-only creates them empty), large objects.
"""

from __future__ import annotations

import psycopg
from psycopg import sql

from airvault.errors import AirvaultError
from airvault.pg.rows import one_row
from airvault.storage.models import Column, Extension, MaterializedView, Role

SYSTEM_SCHEMAS = "nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'"


def list_schemas(
    conn: psycopg.Connection, include: list[str] | None, exclude: list[str]
) -> list[str]:
    """The schemas a backup covers: `include` (None: every non-system schema) minus `exclude`;
    a named schema that does not exist is an error, not an empty backup."""
    have = [r[0] for r in conn.execute(f"SELECT nspname FROM pg_namespace WHERE {SYSTEM_SCHEMAS}")]
    if include is None:
        wanted = have
    else:
        if missing := sorted(set(include) - set(have)):
            raise AirvaultError(f"no such schema to back up: {', '.join(missing)}")
        wanted = include
    return sorted(s for s in wanted if s not in exclude)


def read_extensions(conn: psycopg.Connection) -> list[Extension]:
    """Installed extensions (plpgsql, always there, left out) with version and schema."""
    rows = conn.execute(
        "SELECT e.extname, e.extversion, n.nspname FROM pg_extension e "
        "JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname <> 'plpgsql' ORDER BY 1"
    )
    return [Extension(name=n, version=v, schema_name=s) for n, v, s in rows]


_ROLES = """
WITH used(oid) AS (
    SELECT nspowner FROM pg_namespace WHERE nspname = ANY(%(s)s)
    UNION SELECT c.relowner FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = ANY(%(s)s)
    UNION SELECT p.proowner FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
          WHERE n.nspname = ANY(%(s)s)
    UNION SELECT t.typowner FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
          WHERE n.nspname = ANY(%(s)s)
    UNION SELECT (aclexplode(nspacl)).grantee FROM pg_namespace WHERE nspname = ANY(%(s)s)
    UNION SELECT (aclexplode(c.relacl)).grantee FROM pg_class c
          JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ANY(%(s)s)
    UNION SELECT (aclexplode(a.attacl)).grantee FROM pg_attribute a
          JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = ANY(%(s)s) AND a.attacl IS NOT NULL
    UNION SELECT (aclexplode(p.proacl)).grantee FROM pg_proc p
          JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = ANY(%(s)s)
    UNION SELECT (aclexplode(t.typacl)).grantee FROM pg_type t
          JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = ANY(%(s)s)
    UNION SELECT d.defaclrole FROM pg_default_acl d
    UNION SELECT (aclexplode(d.defaclacl)).grantee FROM pg_default_acl d
    UNION SELECT unnest(pol.polroles) FROM pg_policy pol JOIN pg_class c ON c.oid = pol.polrelid
          JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ANY(%(s)s)
    UNION SELECT lomowner FROM pg_largeobject_metadata
)
SELECT r.rolname, r.rolsuper, r.rolinherit, r.rolcreaterole, r.rolcreatedb, r.rolcanlogin,
       r.rolreplication, r.rolbypassrls, r.rolconnlimit,
       array(SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
             WHERE m.member = r.oid AND g.rolname NOT LIKE 'pg\\_%%' ORDER BY 1)
FROM pg_roles r WHERE r.oid IN (SELECT oid FROM used) AND r.rolname NOT LIKE 'pg\\_%%'
ORDER BY 1
"""
ROLE_FLAGS = ("superuser", "inherit", "createrole", "createdb", "login", "replication", "bypassrls")


def read_roles(conn: psycopg.Connection, schemas: list[str]) -> list[Role]:
    """The roles that own or are granted something in `schemas` (what pg_dumpall
    --globals-only would create for them), with their attributes and memberships; no
    passwords."""
    roles = []
    for name, *flags, limit, member_of in conn.execute(_ROLES, {"s": schemas}):
        roles.append(
            Role(
                name=name,
                **dict(zip(ROLE_FLAGS, flags, strict=True)),
                connection_limit=limit,
                member_of=list(member_of),
            )
        )
    return roles


def missing_roles(conn: psycopg.Connection, roles: list[Role]) -> list[str]:
    have = {r[0] for r in conn.execute("SELECT rolname FROM pg_roles")}
    return sorted(r.name for r in roles if r.name not in have)


def create_roles(conn: psycopg.Connection, roles: list[Role], names: list[str]) -> None:
    """Create the roles `names` as the backup recorded them (NOLOGIN passwords are never in a
    backup: a login role gets its password from an administrator), then their memberships."""
    recorded = {r.name: r for r in roles}
    for name in names:
        r = recorded[name]
        words = [("" if getattr(r, flag) else "NO") + flag.upper() for flag in ROLE_FLAGS]
        conn.execute(
            sql.SQL("CREATE ROLE {} " + " ".join(words) + " CONNECTION LIMIT {}").format(
                sql.Identifier(name), sql.Literal(r.connection_limit)
            )
        )
    have = {row[0] for row in conn.execute("SELECT rolname FROM pg_roles")}
    for name in names:
        for group in recorded[name].member_of:
            if group in have:
                conn.execute(
                    sql.SQL("GRANT {} TO {}").format(sql.Identifier(group), sql.Identifier(name))
                )


def missing_extensions(conn: psycopg.Connection, extensions: list[Extension]) -> list[str]:
    """Extensions of the backup this server cannot create."""
    have = {r[0] for r in conn.execute("SELECT name FROM pg_available_extensions")}
    return sorted(e.name for e in extensions if e.name not in have)


def read_matviews(conn: psycopg.Connection, schemas: list[str]) -> list[MaterializedView]:
    rows = conn.execute(
        "SELECT n.nspname, c.relname, c.relispopulated FROM pg_class c "
        "JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE c.relkind = 'm' AND n.nspname = ANY(%s) ORDER BY 1, 2",
        (schemas,),
    )
    return [MaterializedView(schema_name=s, name=n, populated=p) for s, n, p in rows]


def refresh_matviews(conn: psycopg.Connection, matviews: list[MaterializedView]) -> None:
    """REFRESH the materialized views that held data when backed up. One that reads another
    waits for it: each pass refreshes what it can, until none is left or no pass progresses."""
    todo = [m for m in matviews if m.populated]
    while todo:
        failed: list[tuple[MaterializedView, psycopg.Error]] = []
        for m in todo:
            conn.execute("SAVEPOINT airvault_matview")
            try:
                conn.execute(
                    sql.SQL("REFRESH MATERIALIZED VIEW {}").format(
                        sql.Identifier(m.schema_name, m.name)
                    )
                )
                conn.execute("RELEASE SAVEPOINT airvault_matview")
            except psycopg.errors.ObjectNotInPrerequisiteState as e:  # reads an empty one
                conn.execute("ROLLBACK TO SAVEPOINT airvault_matview")
                failed.append((m, e))
        if len(failed) == len(todo):
            m, err = failed[0]
            raise AirvaultError(
                f"cannot refresh materialized view {m.schema_name}.{m.name}: {err}"
            ) from err
        todo = [m for m, _ in failed]


LARGE_OBJECTS_QUERY = (
    "COPY (SELECT m.oid, pg_get_userbyid(m.lomowner), " + "{acl}, "
    "obj_description(m.oid, 'pg_largeobject'), lo_get(m.oid) "
    "FROM pg_largeobject_metadata m ORDER BY m.oid) TO STDOUT"
)
# A large object's grants as JSON by role name ([] : owner only), comparable and restorable
# without casting role names: a role missing on the target is simply left out.
LO_GRANTS = (
    "(SELECT coalesce(json_agg(json_build_array(CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE "
    "pg_get_userbyid(a.grantee) END, a.privilege_type, a.is_grantable) ORDER BY 1, 2, 3)::text, "
    "'[]') FROM aclexplode(m.lomacl) a WHERE a.grantee <> m.lomowner)"
)
LARGE_OBJECTS_QUERY = LARGE_OBJECTS_QUERY.replace("{acl}", LO_GRANTS)
LARGE_OBJECT_COLUMNS = [
    Column(name="oid", type="oid", not_null=True),
    Column(name="owner", type="name", not_null=True),
    Column(name="acl", type="text", not_null=False),
    Column(name="comment", type="text", not_null=False),
    Column(name="data", type="bytea", not_null=True),
]


def large_object_count(conn: psycopg.Connection) -> int:
    return int(one_row(conn.execute("SELECT count(*) FROM pg_largeobject_metadata").fetchone())[0])


def apply_large_objects(conn: psycopg.Connection, stage: str, exact: bool) -> dict[str, int]:
    """Make the database's large objects those staged in temp table `stage` (oid, owner,
    data): missing ones created with their oid, differing ones rewritten, and with `exact`
    the ones the backup lacks removed. Returns the counts."""
    st = sql.Identifier(stage)
    q = lambda text: one_row(conn.execute(sql.SQL(text).format(st=st)).fetchone())[0]  # noqa: E731
    removed = 0
    if exact:
        removed = q(
            "SELECT count(lo_unlink(m.oid)) FROM pg_largeobject_metadata m "
            "WHERE NOT EXISTS (SELECT 1 FROM {st} s WHERE s.oid = m.oid)"
        )
    rewritten = q(
        "SELECT count(lo_unlink(s.oid)) FROM {st} s JOIN pg_largeobject_metadata m "
        "ON m.oid = s.oid WHERE lo_get(m.oid) <> s.data"
    )
    created = q(
        "SELECT count(lo_from_bytea(s.oid, s.data)) FROM {st} s WHERE NOT EXISTS "
        "(SELECT 1 FROM pg_largeobject_metadata m WHERE m.oid = s.oid)"
    )
    owners = conn.execute(
        sql.SQL(
            "SELECT s.oid, s.owner FROM {st} s JOIN pg_largeobject_metadata m ON m.oid = s.oid "
            "JOIN pg_roles r ON r.rolname = s.owner WHERE m.lomowner <> r.oid"
        ).format(st=st)
    ).fetchall()
    for oid, owner in owners:
        conn.execute(
            sql.SQL("ALTER LARGE OBJECT {} OWNER TO {}").format(
                sql.Literal(int(oid)), sql.Identifier(owner)
            )
        )
    _large_object_acls(conn, st)
    for oid, comment in conn.execute(
        sql.SQL(
            "SELECT s.oid, s.comment FROM {st} s "
            "WHERE obj_description(s.oid, 'pg_largeobject') IS DISTINCT FROM s.comment"
        ).format(st=st)
    ).fetchall():
        conn.execute(
            sql.SQL("COMMENT ON LARGE OBJECT {} IS {}").format(
                sql.Literal(int(oid)), sql.Literal(comment)
            )
        )
    return {"created": created - rewritten, "rewritten": rewritten, "removed": removed}


def _large_object_acls(conn: psycopg.Connection, st: sql.Identifier) -> None:
    """Grants on large objects as the backup recorded them, where they differ: the target's
    grants are revoked, then the backup's given (to the roles that exist)."""
    base = "FROM {st} s JOIN pg_largeobject_metadata m ON m.oid = s.oid CROSS JOIN LATERAL "
    differs = " WHERE " + LO_GRANTS + " IS DISTINCT FROM s.acl"
    revoke = sql.SQL(
        "SELECT m.oid, CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee) "
        "END " + base + "aclexplode(m.lomacl) a" + differs + " AND a.grantee <> m.lomowner"
    ).format(st=st)
    grant = sql.SQL(
        "SELECT m.oid, e->>0, e->>1, (e->>2)::boolean "
        + base
        + "json_array_elements(s.acl::json) e"
        + differs
        + " AND (e->>0 = 'PUBLIC' OR EXISTS (SELECT 1 FROM pg_roles r "
        "WHERE r.rolname = e->>0))"
    ).format(st=st)
    grants = conn.execute(grant).fetchall()
    for oid, role in conn.execute(revoke).fetchall():
        conn.execute(
            sql.SQL("REVOKE ALL ON LARGE OBJECT {} FROM {}").format(
                sql.Literal(int(oid)), _grantee(role)
            )
        )
    for oid, role, privilege, grantable in grants:
        if privilege not in ("SELECT", "UPDATE"):  # what a large object can be granted
            continue
        conn.execute(
            sql.SQL("GRANT {} ON LARGE OBJECT {} TO {}{}").format(
                sql.SQL(privilege),
                sql.Literal(int(oid)),
                _grantee(role),
                sql.SQL(" WITH GRANT OPTION" if grantable else ""),
            )
        )


def _grantee(role: str) -> sql.Composable:
    return sql.SQL("PUBLIC") if role == "PUBLIC" else sql.Identifier(role)


def read_public_acl(conn: psycopg.Connection, schemas: list[str]) -> str | None:
    """The `public` schema's grants (aclitem[] text, the default spelled out) when the backup
    holds it. pg_dump --schema writes them relative to the schema's initial privileges
    (pg_init_privs: `=U/pg_database_owner`), so a restore that creates `public` anew
    (new_database._creates_public) would lose PUBLIC's USAGE without them."""
    if "public" not in schemas:
        return None
    row = conn.execute(
        "SELECT coalesce(nspacl, acldefault('n', nspowner))::text FROM pg_namespace "
        "WHERE nspname = 'public'"
    ).fetchone()
    return row[0] if row else None


_SCHEMA_GRANTS = """
WITH want AS (SELECT grantee, privilege_type, is_grantable FROM aclexplode(%(acl)s::aclitem[])),
have AS (SELECT grantee, privilege_type, is_grantable FROM pg_namespace n,
         aclexplode(coalesce(n.nspacl, acldefault('n', n.nspowner))) WHERE n.nspname = %(s)s)
SELECT 'GRANT', * FROM (SELECT * FROM want EXCEPT SELECT * FROM have) g
UNION ALL SELECT 'REVOKE', * FROM (SELECT * FROM have EXCEPT SELECT * FROM want) r
"""


def set_schema_acl(conn: psycopg.Connection, schema: str, acl: str) -> None:
    """Grant and revoke on `schema` until its grants are `acl` (aclitem[] text)."""
    for action, grantee, privilege, grantable in conn.execute(
        _SCHEMA_GRANTS, {"acl": acl, "s": schema}
    ).fetchall():
        if privilege not in ("USAGE", "CREATE"):  # what a schema can be granted
            continue
        role = (
            "PUBLIC"
            if grantee == 0
            else one_row(conn.execute("SELECT pg_get_userbyid(%s)", (grantee,)).fetchone())[0]
        )
        how = (
            "GRANT {} ON SCHEMA {} TO {}" if action == "GRANT" else "REVOKE {} ON SCHEMA {} FROM {}"
        )
        option = " WITH GRANT OPTION" if action == "GRANT" and grantable else ""
        conn.execute(
            sql.SQL(how + option).format(sql.SQL(privilege), sql.Identifier(schema), _grantee(role))
        )
