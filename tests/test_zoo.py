"""Exact on a database as hard as real apps' (tests/fixtures/zoo.sql: extensions, a recreated
public schema, several schemas, partitions, inheritance, duplicate rows without a key, large
objects, matviews, triggers, RLS, owners and grants): round-tripped in every mode and drilled,
compared by content checksums of every table read with ONLY."""

from __future__ import annotations

import os
from collections import Counter

import psycopg
import pytest

from airvault.backup.run import BackupOptions, run_backup
from airvault.errors import AirvaultError
from airvault.restore.run import restore
from airvault.storage.store import open_store
from tests.zoo import PG_DUMP_DIFFERENCES, create_zoo, fingerprint, fingerprint_diff, mutate

# What only the schema decides (compared between databases on the same server, same roles).
SCHEMA_SECTIONS = ("extensions", "owners", "acls", "rls", "policies", "triggers", "comments",
                   "relations", "indexes", "constraints", "views", "functions", "types")  # fmt: skip
DATA_SECTIONS = ("tables", "partitioned", "large_objects")


def _differences(a: dict, b: dict, sections) -> dict:
    """What differs in `sections`, beyond what pg_dump itself cannot bring back."""
    diff = fingerprint_diff({s: a[s] for s in sections}, {s: b[s] for s in sections})
    for section, keys in PG_DUMP_DIFFERENCES.items():
        for key in keys:
            diff.get(section, {}).pop(key, None)
    return {s: d for s, d in diff.items() if d}


@pytest.fixture(scope="module")
def zoo(pg, tmp_path_factory):
    """(dsn, role suffix, backup, fingerprint at backup time): a zoo database and its backup.
    Tests that change the zoo work on their own new-database copy of it."""
    suffix = f"m{os.getpid()}"
    dsn = pg.create_database(f"zoo_{suffix}")
    create_zoo(dsn, suffix)
    root = open_store(tmp_path_factory.mktemp("zoo_backups"))
    result = run_backup(dsn, root, BackupOptions(kind="full"))
    return dsn, suffix, result, fingerprint(dsn)


def _copy(pg, zoo, name: str) -> str:
    dsn = pg.dsn_for(f"{name}_{os.getpid()}")
    restore(zoo[2].url, dsn, mode="new-database")
    return dsn


def test_backup_records_what_an_empty_database_needs(zoo):
    _dsn, suffix, result, _ = zoo
    m = result.manifest
    assert m.all_schemas and {"auth", "billing", "Sales Data", "public"} <= set(m.schemas)
    assert {e.name for e in m.extensions} >= {"citext", "hstore", "ltree", "vector"}
    assert {r.name for r in m.roles} >= {f"zoo_owner_{suffix}", f"zoo_app_{suffix}"}
    assert m.large_objects.rows >= 3
    assert any(mv.populated for mv in m.materialized_views)
    names = {f"{t.schema_name}.{t.name}" for t in m.tables}
    # inheritance children are tables of their own; partitions come through their parent
    assert {"public.documents", "public.pdf_documents", "billing.invoices"} <= names
    assert "billing.invoices_2024_h1" not in names


def test_new_database_restore_and_drill_are_exact(pg, zoo, tmp_path):
    from airvault.ops.drill import run_drill

    dsn, _suffix, result, before = zoo
    copy = _copy(pg, zoo, "zoo_new")
    after = fingerprint(copy)
    assert _differences(before, after, DATA_SECTIONS + SCHEMA_SECTIONS + ("sequences",)) == {}
    assert after["matviews"] == before["matviews"]  # populated ones refreshed, others not
    evidence = run_drill(result.url, dsn, open_store(tmp_path))
    assert evidence.ok, evidence.problems


def test_replace_after_app_changes_is_exactly_the_backup(pg, zoo, tmp_path):
    _dsn, _suffix, result, before = zoo
    copy = _copy(pg, zoo, "zoo_replace")
    mutate(copy)
    changed = fingerprint(copy)
    assert _differences(before, changed, DATA_SECTIONS)
    plan = restore(result.url, copy, mode="replace", dry_run=True)
    assert sum(t.insert + t.update + t.delete for t in plan.tables) > 0
    restore(result.url, copy, mode="replace", safety_root=open_store(tmp_path))
    after = fingerprint(copy)
    # every table of the backup exactly as it was; the partition the app added afterwards
    # is still there, and empty (its rows were not in the backup)
    diff = _differences(before, after, DATA_SECTIONS)
    assert diff.get("tables", {}) == {
        "billing.invoices_2027": (None, after["tables"]["billing.invoices_2027"])
    }
    assert after["tables"]["billing.invoices_2027"]["rows"] == 0
    assert set(diff) <= {"tables"}
    # the app's triggers did not fire (audit.log is in the comparison above) and are on again
    assert after["triggers"] == changed["triggers"]
    again = restore(result.url, copy, mode="replace", dry_run=True)
    assert [t for t in again.tables if t.insert or t.update or t.delete] == []


def _rows(dsn: str, table: str) -> Counter:
    with psycopg.connect(dsn) as conn:
        return Counter(r[0] for r in conn.execute(f"SELECT x::text FROM ONLY {table} x"))


def test_merge_of_the_whole_database_twice_changes_nothing_the_second_time(pg, zoo):
    """Keyless tables too: merged as multisets (every backup row at least as many times as in
    the backup, nothing removed), so one table without a key no longer stops the merge."""
    dsn, _suffix, result, before = zoo
    copy = _copy(pg, zoo, "zoo_merge")
    mutate(copy)
    first = restore(result.url, copy, mode="merge")
    assert sum(t.update + t.insert for t in first.tables) > 0
    assert all(t.delete == 0 for t in first.tables)  # merge keeps rows only the target has
    second = restore(result.url, copy, mode="merge", dry_run=True)
    assert [t for t in second.tables if t.insert or t.update] == []
    assert fingerprint(copy)["tables"]["public.employees"] == before["tables"]["public.employees"]
    for keyless in ("public.event_log", "public.page_views"):
        backed_up, merged = _rows(dsn, keyless), _rows(copy, keyless)
        assert backed_up - merged == Counter(), keyless  # every copy of every backup row
    assert _rows(copy, "public.event_log") != _rows(dsn, "public.event_log")  # extras kept


def test_selective_replace_of_a_parent_leaves_its_children_and_fires_no_trigger(pg, zoo):
    _dsn, _suffix, result, before = zoo
    copy = _copy(pg, zoo, "zoo_select")
    mutate(copy)
    changed = fingerprint(copy)
    with pytest.raises(AirvaultError, match="'users' is ambiguous: auth.users, public.users"):
        restore(result.url, copy, tables=["users"], dry_run=True)
    restore(result.url, copy, tables=["public.documents", "billing.customers"])
    after = fingerprint(copy)["tables"]
    assert after["public.documents"] == before["tables"]["public.documents"]
    for child in ("public.pdf_documents", "public.web_documents"):  # not restored: untouched
        assert after[child] == changed["tables"][child]
    # billing.customers has an audit trigger and a moddatetime-style trigger: neither fired
    assert after["audit.log"] == changed["tables"]["audit.log"]
    assert after["billing.customers"] == before["tables"]["billing.customers"]


def test_cascades_into_tables_outside_the_restore_are_planned_and_refused(pg, zoo, tmp_path):
    from airvault.storage.manifest import read_manifest

    _dsn, _suffix, result, _before = zoo
    copy = _copy(pg, zoo, "zoo_cascade")
    with psycopg.connect(copy) as conn:  # a user who signed up after the backup
        conn.execute("INSERT INTO auth.users (id, email) VALUES (md5('late')::uuid, 'late@x.org')")
        conn.execute(
            "INSERT INTO auth.identities VALUES ('email', 'late', md5('late')::uuid, '{}', NULL)"
        )
    plan = restore(result.url, copy, tables=["auth.users"], dry_run=True)
    cascades = {t.table: (t.role, t.delete) for t in plan.tables if t.role == "cascade"}
    assert cascades == {"auth.identities": ("cascade", 1)}
    with pytest.raises(
        AirvaultError, match=r"auth.identities: 1 rows \(cascade\).*--allow-cascade"
    ):
        restore(result.url, copy, tables=["auth.users"], safety_root=open_store(tmp_path / "s1"))
    done = restore(result.url, copy, tables=["auth.users"], allow_cascade=True,
                   safety_root=open_store(tmp_path / "s2"))  # fmt: skip
    safety = read_manifest(open_store(done.safety_backup))
    assert "auth.identities" in {f"{t.schema_name}.{t.name}" for t in safety.tables}
    with psycopg.connect(copy) as conn:
        left = conn.execute("SELECT count(*) FROM auth.identities WHERE provider_id = 'late'")
        assert left.fetchone()[0] == 0


def test_owners_and_grants_are_kept_and_missing_roles_are_planned(pg, tmp_path):
    """On a server that has the roles, the restored database is usable as them; where they are
    missing, the restore says which before it writes, and creates them when asked."""
    suffix = f"r{os.getpid()}"
    src = pg.create_database(f"zoo_roles_{suffix}")
    create_zoo(src, suffix)
    result = run_backup(src, open_store(tmp_path), BackupOptions(kind="full"))
    app, owner = f"zoo_app_{suffix}", f"zoo_owner_{suffix}"
    kept = pg.dsn_for(f"zoo_roles_kept_{suffix}")
    restore(result.url, kept, mode="new-database")
    with psycopg.connect(kept) as conn:
        conn.execute(f'SET ROLE "{app}"')
        assert conn.execute("SELECT count(*) FROM billing.customers").fetchone()[0] > 0
        conn.rollback()
        conn.execute(f'SET ROLE "{app}"')
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT count(*) FROM audit.log")  # granted to the reader only
    as_kept = fingerprint(kept)
    # the roles go away (renamed): the backup names roles this server no longer has
    with psycopg.connect(pg.dsn, autocommit=True) as conn:
        for kind in ("owner", "app", "reader"):
            conn.execute(f'ALTER ROLE "zoo_{kind}_{suffix}" RENAME TO "gone_{kind}_{suffix}"')
    target = pg.dsn_for(f"zoo_roles_new_{suffix}")
    with pytest.raises(AirvaultError, match=f"lacks the role.*{owner}.*--roles create"):
        restore(result.url, target, mode="new-database")
    with psycopg.connect(pg.dsn) as conn:
        assert not conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (f"zoo_roles_new_{suffix}",)
        ).fetchone()
    restore(result.url, target, mode="new-database", roles="create")
    assert _differences(as_kept, fingerprint(target), ("owners", "acls", "policies")) == {}
    bare = pg.dsn_for(f"zoo_roles_bare_{suffix}")
    with psycopg.connect(pg.dsn, autocommit=True) as conn:  # owners missing once more
        conn.execute(f'ALTER ROLE "{owner}" RENAME TO "again_{suffix}"')
    # without owners and grants; a policy naming a missing role cannot be made, and the
    # error says which (dropping a restrictive policy would widen access)
    with pytest.raises(AirvaultError, match=f'role "{owner}" does not exist.*CREATE POLICY'):
        restore(result.url, bare, mode="new-database", roles="ignore")
    with psycopg.connect(pg.dsn) as conn:
        assert not conn.execute(
            "SELECT 1 FROM pg_database WHERE datname LIKE %s", (f"%roles_bare_{suffix}",)
        ).fetchone()


def test_a_role_subject_to_row_level_security_gets_an_error_not_some_rows(pg, tmp_path):
    dsn = pg.create_database(f"rls_{os.getpid()}")
    role = f"rls_reader_{os.getpid()}"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'CREATE ROLE "{role}" LOGIN')
        conn.execute("CREATE TABLE notes (id int PRIMARY KEY, tenant int)")
        conn.execute("INSERT INTO notes SELECT i, i % 2 FROM generate_series(1, 10) i")
        conn.execute("ALTER TABLE notes ENABLE ROW LEVEL SECURITY")
        conn.execute(f'CREATE POLICY t1 ON notes TO "{role}" USING (tenant = 1)')
        conn.execute(f'GRANT SELECT ON notes TO "{role}"')
    as_role = psycopg.conninfo.make_conninfo(dsn, user=role)
    with pytest.raises(AirvaultError, match="row-level security"):
        run_backup(as_role, open_store(tmp_path), BackupOptions(schemas=["public"]))
    assert not list(tmp_path.rglob("manifest.json"))


def test_columns_added_after_the_backup_are_decided_before_any_write(pg, zoo, tmp_path):
    """A nullable column, or NOT NULL with a default, added after the backup: replace works
    and its check passes; NOT NULL without a default is refused in the plan, naming it."""
    from airvault.restore.run import check_restored

    _dsn, _suffix, result, before = zoo
    copy = _copy(pg, zoo, "zoo_drift")
    with psycopg.connect(copy) as conn:
        conn.execute("ALTER TABLE billing.customers ADD COLUMN added_note text")
        conn.execute(
            "ALTER TABLE billing.customers ADD COLUMN added_plan text NOT NULL DEFAULT 'free'"
        )
    restore(result.url, copy, tables=["billing.customers"], safety_root=open_store(tmp_path))
    assert check_restored(result.url, copy, ["billing.customers"]) == []
    with psycopg.connect(copy) as conn:
        conn.execute("ALTER TABLE billing.customers ADD COLUMN vat_id text NOT NULL DEFAULT 'x'")
        conn.execute("ALTER TABLE billing.customers ALTER COLUMN vat_id DROP DEFAULT")
    with pytest.raises(
        AirvaultError, match="billing.customers.vat_id is NOT NULL without a default"
    ):
        restore(result.url, copy, tables=["billing.customers"], dry_run=True)
