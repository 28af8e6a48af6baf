"""The "schema zoo": a database with the PostgreSQL features real applications use.

`create_zoo(dsn, roles)` builds it (tests/fixtures/zoo.sql), `fingerprint(dsn)` describes what a
user would check after a backup and restore, section by section, and `mutate(dsn)` changes the
data the way an application would after a backup was taken.  `fingerprint_diff(a, b)` lists
what differs between two fingerprints, section by section.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

ZOO_SQL = Path(__file__).parent / "fixtures" / "zoo.sql"
ROLE_KINDS = ("owner", "app", "reader")

# Fixed output settings: every value prints the same way whatever the server's defaults are.
SESSION_SETTINGS = {
    "TimeZone": "UTC",
    "DateStyle": "ISO, YMD",
    "extra_float_digits": "1",
    "bytea_output": "hex",
    "IntervalStyle": "postgres",
    "lc_monetary": "C",
    "search_path": "pg_catalog",  # every non-catalog name comes out schema-qualified
    "statement_timeout": "0",
}

# Schemas of the user (as opposed to the system's), as a condition on `n.nspname`.
USER_NS = (
    "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_(toast|temp)'"
)

FINGERPRINT_SECTIONS = (
    "tables", "partitioned", "large_objects", "extensions", "matviews", "owners", "acls", "rls",
    "policies", "triggers", "comments", "sequences", "columns", "relations", "indexes",
    "constraints", "views", "functions", "types", "publications", "misc",
)  # fmt: skip


# What pg_dump + pg_restore (18) do not bring back exactly, by fingerprint section (see the test
# test_pg_dump_round_trip): a restore that does better is fine, one that differs elsewhere is not.
PG_DUMP_DIFFERENCES = {
    # Inheritance children whose parent got a column after they were created: the column sits at
    # the end of the child, but pg_dump recreates the child with CREATE TABLE ... INHERITS, which
    # puts all inherited columns first. Same columns, other order (data restored correctly).
    "columns": {"public.pdf_documents", "public.web_documents"},
    # Hash partitions of a table hashed on an enum: enum values get new oids in the new database,
    # so pg_dump reloads these through the root (--load-via-partition-root is forced) and rows
    # can land in the other partition. The table as a whole (`partitioned`) is unchanged.
    "tables": {"public.mood_checkins_p0", "public.mood_checkins_p1"},
}


def role_names(roles: str) -> dict[str, str]:
    """{"owner": "zoo_owner_<roles>", "app": ..., "reader": ...}; `roles` must be a plain name."""
    if not re.fullmatch(r"[a-z0-9_]{1,52}", roles):
        raise ValueError(f"role suffix must match [a-z0-9_]{{1,52}}, not {roles!r}")
    return {kind: f"zoo_{kind}_{roles}" for kind in ROLE_KINDS}


def zoo_sql(roles: str) -> str:
    """The text of zoo.sql with the role placeholders filled in."""
    text = ZOO_SQL.read_text(encoding="utf-8")
    for kind, name in role_names(roles).items():
        text = text.replace("{" + kind + "}", name)
    return text


def create_zoo(dsn: str, roles: str) -> None:
    """Create the three roles if missing (cluster-wide, NOLOGIN) and load the zoo into the
    (empty) database `dsn`, connected as a superuser. One simple-protocol query: atomic."""
    text = zoo_sql(roles)
    with psycopg.connect(dsn, autocommit=True) as conn:
        for name in role_names(roles).values():
            if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).fetchone():
                continue
            try:
                conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(name)))
            except psycopg.errors.DuplicateObject:  # created meanwhile by a parallel test
                pass
        conn.execute(text)  # no parameters: sent as one simple query, many statements


def _not_extension_member(catalog: str, oid: str) -> str:
    """SQL: the object is not part of an extension (nor, for routines, made by the server as
    part of another object, such as the constructors of a range type)."""
    kinds = "'e', 'i'" if catalog == "pg_proc" else "'e'"
    return (
        "NOT EXISTS (SELECT 1 FROM pg_depend AS dep WHERE dep.classid = "
        f"'{catalog}'::regclass AND dep.objid = {oid} AND dep.deptype IN ({kinds}))"
    )


def _hash_query(conn: psycopg.Connection, relid: int, only: bool) -> tuple[int, str]:
    """(row count, sha256 of the COPY text of the rows in a fixed order) of one relation.

    Columns are taken in name order, not in attnum order: a dump can legitimately recreate a
    table with its columns in another order (see the `columns` section, which records it)."""
    nsp, rel = conn.execute(
        "SELECT n.nspname, c.relname FROM pg_class AS c"
        " JOIN pg_namespace AS n ON n.oid = c.relnamespace WHERE c.oid = %s",
        (relid,),
    ).fetchone()
    names = [
        r[0]
        for r in conn.execute(
            "SELECT attname FROM pg_attribute WHERE attrelid = %s AND attnum > 0"
            ' AND NOT attisdropped ORDER BY attname COLLATE "C"',
            (relid,),
        )
    ]
    table = sql.SQL("ONLY {}" if only else "{}").format(sql.Identifier(nsp, rel))
    cols = sql.SQL(", ").join(sql.Identifier("t", n) for n in names)
    count = conn.execute(sql.SQL("SELECT count(*) FROM {} AS t").format(table)).fetchone()[0]
    query = sql.SQL('COPY (SELECT {cols} FROM {table} AS t ORDER BY ROW({cols})::text COLLATE "C")'
                    " TO STDOUT").format(cols=cols, table=table)  # fmt: skip
    if not names:
        query = sql.SQL("COPY (SELECT FROM {table} AS t) TO STDOUT").format(table=table)
    digest = hashlib.sha256()
    with conn.cursor() as cur, cur.copy(query) as copy:
        for block in copy:
            digest.update(block)
    return count, digest.hexdigest()


def _pairs(conn: psycopg.Connection, query: str) -> dict[str, Any]:
    return {key: value for key, value in conn.execute(query)}


def fingerprint(dsn: str) -> dict[str, dict[str, Any]]:
    """A JSON-able description of the database, one dict per section (FINGERPRINT_SECTIONS):

    tables        leaf tables and inheritance children (read with ONLY): rows and sha256
    partitioned   each partitioned root, all its partitions together: rows and sha256
    large_objects oid -> sha256 of the content
    extensions    name -> version and schema
    matviews      populated flag, rows and sha256 when populated
    owners        "<kind> <name>" -> owner role (schemas, relations, routines, types, ...)
    acls          "<kind> <name>" -> sorted ACL items (only where the ACL is not the default)
    rls           table -> RLS enabled / forced
    policies      "<table> <policy>" -> command, permissive, roles, USING and WITH CHECK
    triggers      "<table> <trigger>" -> enabled state (O/D/R/A) and definition; event triggers
    comments      pg_describe_object() -> comment
    sequences     name -> last_value (None: never used) and parameters
    columns       relation -> its columns in attnum order (type, not null, default, ...)
    relations     table -> kind, persistence, replica identity, partition bound, parents
    indexes       index -> definition
    constraints   "<table or domain> <name>" -> type, definition, deferrable, validated
    views         view or matview -> definition and options
    functions     signature -> definition
    types         enums (labels in order), domains, ranges, composites
    publications  name -> flags and published tables
    misc          collations, text search configurations, extended statistics
    """
    with psycopg.connect(dsn, autocommit=True) as conn:
        for name, value in SESSION_SETTINGS.items():
            conn.execute("SELECT set_config(%s, %s, false)", (name, value))
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        conn.read_only = True
        with conn.transaction():
            return _fingerprint(conn)


def _fingerprint(conn: psycopg.Connection) -> dict[str, dict[str, Any]]:
    fp: dict[str, dict[str, Any]] = {section: {} for section in FINGERPRINT_SECTIONS}
    relname = "n.nspname || '.' || c.relname"
    from_class = "FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace"

    for oid, name, kind, populated, is_partition in conn.execute(
        f"SELECT c.oid, {relname}, c.relkind, c.relispopulated, c.relispartition {from_class}"
        f" WHERE c.relkind IN ('r', 'p', 'm') AND {USER_NS} ORDER BY 2"
    ).fetchall():
        if kind == "r":
            rows, digest = _hash_query(conn, oid, only=True)
            fp["tables"][name] = {"rows": rows, "sha256": digest}
        elif kind == "p" and not is_partition:
            rows, digest = _hash_query(conn, oid, only=False)
            fp["partitioned"][name] = {"rows": rows, "sha256": digest}
        elif kind == "m":
            rows, digest = _hash_query(conn, oid, only=False) if populated else (None, None)
            fp["matviews"][name] = {"populated": populated, "rows": rows, "sha256": digest}

    for (loid,) in conn.execute("SELECT oid FROM pg_largeobject_metadata ORDER BY oid").fetchall():
        data = conn.execute("SELECT lo_get(%s)", (loid,)).fetchone()[0]
        fp["large_objects"][str(loid)] = hashlib.sha256(data).hexdigest()

    for name, version, schema in conn.execute(
        "SELECT e.extname, e.extversion, n.nspname FROM pg_extension AS e"
        " JOIN pg_namespace AS n ON n.oid = e.extnamespace"
    ):
        fp["extensions"][name] = {"version": version, "schema": schema}

    relkind_name = ("CASE c.relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'table' WHEN 'v' THEN"
                    " 'view' WHEN 'm' THEN 'materialized view' WHEN 'S' THEN 'sequence'"
                    " WHEN 'f' THEN 'foreign table' END")  # fmt: skip
    routine = ("CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE"
               " 'function' END || ' ' || n.nspname || '.' || p.proname || '('"
               " || pg_get_function_identity_arguments(p.oid) || ')'")  # fmt: skip
    user_types = ("(t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c' AND"
                  " (SELECT k.relkind FROM pg_class AS k WHERE k.oid = t.typrelid) = 'c'))"
                  )  # fmt: skip
    fp["owners"] = _pairs(conn, f"""
        SELECT 'schema ' || n.nspname, pg_get_userbyid(n.nspowner) FROM pg_namespace AS n
        WHERE {USER_NS}
        UNION ALL
        SELECT {relkind_name} || ' ' || {relname}, pg_get_userbyid(c.relowner) {from_class}
        WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND {USER_NS}
          AND {_not_extension_member("pg_class", "c.oid")}
        UNION ALL
        SELECT {routine}, pg_get_userbyid(p.proowner)
        FROM pg_proc AS p JOIN pg_namespace AS n ON n.oid = p.pronamespace
        WHERE {USER_NS} AND {_not_extension_member("pg_proc", "p.oid")}
        UNION ALL
        SELECT 'type ' || n.nspname || '.' || t.typname, pg_get_userbyid(t.typowner)
        FROM pg_type AS t JOIN pg_namespace AS n ON n.oid = t.typnamespace
        WHERE {USER_NS} AND {user_types} AND {_not_extension_member("pg_type", "t.oid")}
        UNION ALL
        SELECT 'large object ' || l.oid, pg_get_userbyid(l.lomowner)
        FROM pg_largeobject_metadata AS l
        UNION ALL
        SELECT 'collation ' || n.nspname || '.' || o.collname, pg_get_userbyid(o.collowner)
        FROM pg_collation AS o JOIN pg_namespace AS n ON n.oid = o.collnamespace
        WHERE {USER_NS} AND {_not_extension_member("pg_collation", "o.oid")}
        UNION ALL
        SELECT 'text search configuration ' || n.nspname || '.' || f.cfgname,
               pg_get_userbyid(f.cfgowner)
        FROM pg_ts_config AS f JOIN pg_namespace AS n ON n.oid = f.cfgnamespace
        WHERE {USER_NS} AND {_not_extension_member("pg_ts_config", "f.oid")}
        UNION ALL
        SELECT 'statistics ' || n.nspname || '.' || s.stxname, pg_get_userbyid(s.stxowner)
        FROM pg_statistic_ext AS s JOIN pg_namespace AS n ON n.oid = s.stxnamespace
        WHERE {USER_NS}
        UNION ALL
        SELECT 'event trigger ' || evtname, pg_get_userbyid(evtowner) FROM pg_event_trigger
        UNION ALL
        SELECT 'publication ' || pubname, pg_get_userbyid(pubowner) FROM pg_publication
    """)  # fmt: skip

    acl_rows = conn.execute(f"""
        SELECT 'schema ' || n.nspname, n.nspacl::text[] FROM pg_namespace AS n
        WHERE {USER_NS} AND n.nspacl IS NOT NULL
        UNION ALL
        SELECT {relkind_name} || ' ' || {relname}, c.relacl::text[] {from_class}
        WHERE c.relacl IS NOT NULL AND {USER_NS} AND {_not_extension_member("pg_class", "c.oid")}
        UNION ALL
        SELECT 'column ' || {relname} || '.' || a.attname, a.attacl::text[]
        FROM pg_attribute AS a JOIN pg_class AS c ON c.oid = a.attrelid
        JOIN pg_namespace AS n ON n.oid = c.relnamespace
        WHERE a.attacl IS NOT NULL AND a.attnum > 0 AND NOT a.attisdropped AND {USER_NS}
        UNION ALL
        SELECT {routine}, p.proacl::text[]
        FROM pg_proc AS p JOIN pg_namespace AS n ON n.oid = p.pronamespace
        WHERE p.proacl IS NOT NULL AND {USER_NS} AND {_not_extension_member("pg_proc", "p.oid")}
        UNION ALL
        SELECT 'type ' || n.nspname || '.' || t.typname, t.typacl::text[]
        FROM pg_type AS t JOIN pg_namespace AS n ON n.oid = t.typnamespace
        WHERE t.typacl IS NOT NULL AND {USER_NS} AND {_not_extension_member("pg_type", "t.oid")}
        UNION ALL
        SELECT 'large object ' || l.oid, l.lomacl::text[] FROM pg_largeobject_metadata AS l
        WHERE l.lomacl IS NOT NULL
        UNION ALL
        SELECT 'default privileges for ' || pg_get_userbyid(d.defaclrole)
               || coalesce(' in schema ' || n.nspname, '') || ' on '
               || CASE d.defaclobjtype WHEN 'r' THEN 'tables' WHEN 'S' THEN 'sequences'
                  WHEN 'f' THEN 'functions' WHEN 'T' THEN 'types' WHEN 'n' THEN 'schemas'
                  WHEN 'L' THEN 'large objects' ELSE d.defaclobjtype::text END,
               d.defaclacl::text[]
        FROM pg_default_acl AS d LEFT JOIN pg_namespace AS n ON n.oid = d.defaclnamespace
    """).fetchall()  # fmt: skip
    fp["acls"] = {key: sorted(acl) for key, acl in acl_rows}

    for name, enabled, forced in conn.execute(
        f"SELECT {relname}, c.relrowsecurity, c.relforcerowsecurity {from_class}"
        f" WHERE c.relkind IN ('r', 'p') AND {USER_NS}"
    ):
        fp["rls"][name] = {"enabled": enabled, "forced": forced}

    for name, cmd, permissive, roles, qual, check in conn.execute(f"""
        SELECT {relname} || ' ' || p.polname, p.polcmd::text, p.polpermissive,
               ARRAY(SELECT CASE WHEN r = 0 THEN 'public' ELSE pg_get_userbyid(r) END
                     FROM unnest(p.polroles) AS r),
               pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid)
        FROM pg_policy AS p JOIN pg_class AS c ON c.oid = p.polrelid
        JOIN pg_namespace AS n ON n.oid = c.relnamespace
    """):  # fmt: skip
        fp["policies"][name] = {"cmd": cmd, "permissive": permissive, "roles": sorted(roles),
                                "qual": qual, "with_check": check}  # fmt: skip

    for name, enabled, definition in conn.execute(f"""
        SELECT {relname} || ' ' || t.tgname, t.tgenabled::text, pg_get_triggerdef(t.oid)
        FROM pg_trigger AS t JOIN pg_class AS c ON c.oid = t.tgrelid
        JOIN pg_namespace AS n ON n.oid = c.relnamespace
        WHERE NOT t.tgisinternal AND {USER_NS}
        UNION ALL
        SELECT 'event trigger ' || evtname, evtenabled::text,
               evtevent || ' ' || evtfoid::regproc::text || coalesce(' ' || evttags::text, '')
        FROM pg_event_trigger
    """):  # fmt: skip
        fp["triggers"][name] = {"enabled": enabled, "definition": definition}

    fp["comments"] = _pairs(conn, """
        SELECT pg_describe_object(d.classoid, d.objoid, d.objsubid), d.description
        FROM pg_description AS d
        WHERE (d.objoid >= 16384  -- not a built-in object; but the built-in public schema is
               OR (d.classoid = 'pg_namespace'::regclass AND d.objoid = 'public'::regnamespace))
          AND NOT EXISTS (
            SELECT 1 FROM pg_depend AS dep
            WHERE dep.classid = d.classoid AND dep.objid = d.objoid AND dep.deptype = 'e')
    """)  # fmt: skip

    for name, last, start, inc, low, high, cycle, kind in conn.execute(
        "SELECT schemaname || '.' || sequencename, last_value, start_value, increment_by,"
        " min_value, max_value, cycle, data_type::text FROM pg_sequences AS s"
        " WHERE s.schemaname NOT IN ('pg_catalog', 'information_schema')"
    ):
        fp["sequences"][name] = {"last_value": last, "start": start, "increment": inc,
                                 "min": low, "max": high, "cycle": cycle, "type": kind}  # fmt: skip

    for name, column, kind, notnull, default, generated, identity, coll, storage, local in (
        conn.execute(f"""
        SELECT {relname}, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
               pg_get_expr(ad.adbin, ad.adrelid), a.attgenerated::text, a.attidentity::text,
               CASE WHEN a.attcollation <> ty.typcollation THEN a.attcollation::regcollation::text
               END, a.attstorage::text, a.attislocal
        FROM pg_attribute AS a JOIN pg_class AS c ON c.oid = a.attrelid
        JOIN pg_namespace AS n ON n.oid = c.relnamespace
        JOIN pg_type AS ty ON ty.oid = a.atttypid
        LEFT JOIN pg_attrdef AS ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
        WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'c') AND a.attnum > 0 AND NOT a.attisdropped
          AND {USER_NS} AND {_not_extension_member("pg_class", "c.oid")}
        ORDER BY 1, a.attnum
    """)  # fmt: skip
    ):
        fp["columns"].setdefault(name, []).append(
            [column, kind, notnull, default, generated, identity, coll, storage, local]
        )

    for name, kind, persistence, ident, bound, key, parents, options in conn.execute(f"""
        SELECT {relname}, c.relkind::text, c.relpersistence::text, c.relreplident::text,
               pg_get_expr(c.relpartbound, c.oid),
               CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END,
               ARRAY(SELECT pn.nspname || '.' || pc.relname FROM pg_inherits AS i
                     JOIN pg_class AS pc ON pc.oid = i.inhparent
                     JOIN pg_namespace AS pn ON pn.oid = pc.relnamespace
                     WHERE i.inhrelid = c.oid ORDER BY i.inhseqno),
               c.reloptions
        {from_class} WHERE c.relkind IN ('r', 'p') AND {USER_NS}
    """):  # fmt: skip
        fp["relations"][name] = {"kind": kind, "persistence": persistence,
                                 "replica_identity": ident, "partition_bound": bound,
                                 "partition_key": key, "parents": parents,
                                 "options": options}  # fmt: skip

    fp["indexes"] = _pairs(conn, f"""
        SELECT n.nspname || '.' || c.relname, pg_get_indexdef(i.indexrelid)
        FROM pg_index AS i JOIN pg_class AS c ON c.oid = i.indexrelid
        JOIN pg_namespace AS n ON n.oid = c.relnamespace
        WHERE {USER_NS} AND {_not_extension_member("pg_class", "c.oid")}
    """)  # fmt: skip

    for name, kind, definition, deferrable, deferred, validated in conn.execute(f"""
        SELECT coalesce(rn.nspname || '.' || r.relname, tn.nspname || '.' || t.typname)
               || ' ' || con.conname, con.contype::text, pg_get_constraintdef(con.oid),
               con.condeferrable, con.condeferred, con.convalidated
        FROM pg_constraint AS con JOIN pg_namespace AS n ON n.oid = con.connamespace
        LEFT JOIN pg_class AS r ON r.oid = con.conrelid
        LEFT JOIN pg_namespace AS rn ON rn.oid = r.relnamespace
        LEFT JOIN pg_type AS t ON t.oid = con.contypid
        LEFT JOIN pg_namespace AS tn ON tn.oid = t.typnamespace
        WHERE {USER_NS} AND {_not_extension_member("pg_constraint", "con.oid")}
    """):  # fmt: skip
        fp["constraints"][name] = {"type": kind, "definition": definition,
                                   "deferrable": deferrable, "deferred": deferred,
                                   "validated": validated}  # fmt: skip

    for name, kind, definition, options in conn.execute(
        f"SELECT {relname}, c.relkind::text, pg_get_viewdef(c.oid), c.reloptions {from_class}"
        f" WHERE c.relkind IN ('v', 'm') AND {USER_NS}"
        f" AND {_not_extension_member('pg_class', 'c.oid')}"
    ):
        fp["views"][name] = {"kind": kind, "definition": definition, "options": options}

    fp["functions"] = _pairs(conn, f"""
        SELECT {routine},
               CASE WHEN p.prokind = 'a' THEN
                   (SELECT 'sfunc ' || a.aggtransfn::regproc::text || ' stype '
                           || format_type(a.aggtranstype, NULL) || ' initcond '
                           || coalesce(a.agginitval, '-')
                    FROM pg_aggregate AS a WHERE a.aggfnoid = p.oid)
               ELSE pg_get_functiondef(p.oid) END
        FROM pg_proc AS p JOIN pg_namespace AS n ON n.oid = p.pronamespace
        WHERE {USER_NS} AND {_not_extension_member("pg_proc", "p.oid")}
    """)  # fmt: skip

    for name, kind, detail in conn.execute(f"""
        SELECT n.nspname || '.' || t.typname, t.typtype::text,
               CASE t.typtype
                   WHEN 'e' THEN (SELECT array_agg(e.enumlabel ORDER BY e.enumsortorder)::text
                                  FROM pg_enum AS e WHERE e.enumtypid = t.oid)
                   WHEN 'd' THEN format_type(t.typbasetype, t.typtypmod)
                                 || CASE WHEN t.typnotnull THEN ' not null' ELSE '' END
                                 || coalesce(' default ' || t.typdefault, '')
                   WHEN 'r' THEN (SELECT format_type(r.rngsubtype, NULL) FROM pg_range AS r
                                  WHERE r.rngtypid = t.oid)
                   ELSE 'composite' END
        FROM pg_type AS t JOIN pg_namespace AS n ON n.oid = t.typnamespace
        WHERE {USER_NS} AND {user_types} AND {_not_extension_member("pg_type", "t.oid")}
    """):  # fmt: skip
        fp["types"][name] = {"kind": kind, "detail": detail}

    for name, flags, tables, schemas in conn.execute("""
        SELECT p.pubname,
               ARRAY[p.puballtables, p.pubinsert, p.pubupdate, p.pubdelete, p.pubtruncate,
                     p.pubviaroot]::text,
               ARRAY(SELECT n.nspname || '.' || c.relname
                            || coalesce(' (' || (SELECT string_agg(a.attname, ', '
                                                                   ORDER BY a.attnum)
                                                 FROM pg_attribute AS a
                                                 WHERE a.attrelid = r.prrelid
                                                   AND a.attnum = ANY (r.prattrs)) || ')', '')
                            || coalesce(' WHERE ' || pg_get_expr(r.prqual, r.prrelid), '')
                     FROM pg_publication_rel AS r JOIN pg_class AS c ON c.oid = r.prrelid
                     JOIN pg_namespace AS n ON n.oid = c.relnamespace
                     WHERE r.prpubid = p.oid),
               ARRAY(SELECT n.nspname FROM pg_publication_namespace AS s
                     JOIN pg_namespace AS n ON n.oid = s.pnnspid
                     WHERE s.pnpubid = p.oid)
        FROM pg_publication AS p
    """):  # fmt: skip
        fp["publications"][name] = {"flags": flags, "tables": sorted(tables),
                                    "schemas": sorted(schemas)}  # fmt: skip

    fp["misc"] = _pairs(conn, f"""
        SELECT 'collation ' || n.nspname || '.' || o.collname,
               o.collprovider::text || ' ' || coalesce(o.colllocale, o.collcollate, '')
               || CASE WHEN o.collisdeterministic THEN '' ELSE ' nondeterministic' END
        FROM pg_collation AS o JOIN pg_namespace AS n ON n.oid = o.collnamespace
        WHERE {USER_NS} AND {_not_extension_member("pg_collation", "o.oid")}
        UNION ALL
        SELECT 'text search configuration ' || n.nspname || '.' || f.cfgname,
               f.cfgparser::regproc::text || ' ' || (SELECT count(*) FROM pg_ts_config_map AS m
                                                    WHERE m.mapcfg = f.oid)
        FROM pg_ts_config AS f JOIN pg_namespace AS n ON n.oid = f.cfgnamespace
        WHERE {USER_NS} AND {_not_extension_member("pg_ts_config", "f.oid")}
        UNION ALL
        SELECT 'statistics ' || n.nspname || '.' || s.stxname, pg_get_statisticsobjdef(s.oid)
        FROM pg_statistic_ext AS s JOIN pg_namespace AS n ON n.oid = s.stxnamespace
        WHERE {USER_NS}
    """)  # fmt: skip

    return {section: dict(sorted(entries.items())) for section, entries in fp.items()}


def fingerprint_diff(
    before: dict[str, dict[str, Any]], after: dict[str, dict[str, Any]]
) -> dict[str, dict[str, tuple[Any, Any]]]:
    """{section: {key: (value before, value after)}} for every entry that differs (a missing
    entry is None); sections without differences are left out."""
    diff: dict[str, dict[str, tuple[Any, Any]]] = {}
    for section in sorted(before.keys() | after.keys()):
        a, b = before.get(section, {}), after.get(section, {})
        changed = {
            k: (a.get(k), b.get(k)) for k in sorted(a.keys() | b.keys()) if a.get(k) != b.get(k)
        }
        if changed:
            diff[section] = changed
    return diff


MUTATIONS = """
SET app.actor = 'after-backup';
INSERT INTO billing.customers (name, tier, balance) VALUES ('Nach dem Backup AG', 'enterprise', 42);
UPDATE billing.customers SET balance = balance + 1, tags = tags || '{mutated}' WHERE id % 10 = 1;
DELETE FROM billing.customers WHERE id = 299;
UPDATE billing.invoices SET status = 'paid'
    WHERE issued_on >= '2025-01-01' AND status = 'open' AND id % 5 = 0;
DELETE FROM archive.invoices_before_2024 WHERE id % 7 = 0;
UPDATE billing.invoices_2024_h1 SET notes = 'geändert nach dem Backup' WHERE id % 3 = 0;
UPDATE billing.invoice_lines SET quantity = quantity + 1 WHERE line_no = 2 AND invoice_id % 4 = 0;
INSERT INTO billing.payments (method, invoice_id, issued_on, amount, paid_at)
    SELECT 'card', id, issued_on, total, timestamptz '2025-06-01 00:00:00+00'
    FROM billing.invoices WHERE status = 'open' ORDER BY id LIMIT 3;
UPDATE public.pdf_documents SET pages = pages + 1 WHERE id % 2 = 0;
INSERT INTO public.web_documents (title, url) VALUES ('Neue Seite', 'https://example.org/neu');
DELETE FROM ONLY public.documents WHERE id = 1;
DELETE FROM public.event_log
    WHERE ctid = (SELECT min(ctid) FROM public.event_log WHERE message = 'event 2');
INSERT INTO public.event_log SELECT * FROM public.event_log WHERE message = 'event 3' LIMIT 1;
INSERT INTO billing.usage_events SELECT * FROM billing.usage_events WHERE customer_id = 8 LIMIT 2;
DELETE FROM billing.usage_events_2024_q2_api
    WHERE ctid IN (SELECT ctid FROM billing.usage_events_2024_q2_api ORDER BY occurred_at LIMIT 3);
INSERT INTO public.mood_checkins
    VALUES (md5('user1')::uuid, 'meh', '2024-08-01 00:00:00+00', 'neu');
SELECT lo_put(700002, 0, convert_to('overwritten after the backup', 'UTF8'));
SELECT lo_unlink(700999);
SELECT lo_from_bytea(700500, convert_to('a large object created after the backup', 'UTF8'));
UPDATE storage.objects SET content = 700500, name = name || '.v2' WHERE id = md5('object5')::uuid;
DELETE FROM storage.objects WHERE id = md5('object6')::uuid;
UPDATE auth.users SET raw_user_meta_data = raw_user_meta_data || '{"changed": true}'
    WHERE id = md5('user11')::uuid;
UPDATE public.users SET mood = 'happy' WHERE tenant_id = 2;
UPDATE public.employees SET salary = salary + 100 WHERE department_id = 3;
UPDATE "Sales Data"."Kunden Übersicht" SET "Straße" = 'Neue Straße 1' WHERE "Kunden-Nr" = 2;
INSERT INTO "Sales Data"."Auftrags Positionen" ("Kunden-Nr", artikel, menge) VALUES (3, 'Neu', 1);
INSERT INTO public.tickets (subject) VALUES ('Nach dem Backup');
SELECT nextval('public.unused_seq');
DELETE FROM public.sessions_cache WHERE expires_at < '2024-07-01 10:00:00+00';
CREATE TABLE billing.invoices_2027 PARTITION OF billing.invoices
    FOR VALUES FROM ('2027-01-01') TO ('2028-01-01');
INSERT INTO billing.invoices (issued_on, customer_id, total)
    SELECT date '2027-01-01' + i, 1 + i, i FROM generate_series(1, 5) AS i;
REFRESH MATERIALIZED VIEW billing.customer_revenue;
REFRESH MATERIALIZED VIEW billing.top_customers;
REFRESH MATERIALIZED VIEW public.monthly_signups;
"""


def mutate(dsn: str) -> None:
    """Change the data the way the application would after a backup (one transaction): rows
    inserted, updated and deleted in plain tables, partitions (also one added, with rows), an
    inheritance child, the duplicate rows of a table without a key, large objects; the audit
    trigger records some of it; matviews are refreshed (and the unpopulated one populated)."""
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(MUTATIONS)
