"""The schema zoo (tests/zoo.py, tests/fixtures/zoo.sql): it loads, its fingerprint sees what it
holds, pg_dump + pg_restore keep that fingerprint (proving the fingerprint against a known-good
tool, up to the documented PG_DUMP_DIFFERENCES) and mutate() changes the data."""

from __future__ import annotations

import hashlib
import json
import subprocess
import time

import psycopg
from psycopg.conninfo import conninfo_to_dict

from airvault.pg.tools import pg_tool
from tests.zoo import (
    FINGERPRINT_SECTIONS,
    PG_DUMP_DIFFERENCES,
    create_zoo,
    fingerprint,
    fingerprint_diff,
    mutate,
    role_names,
)


def _load_zoo(new_db, prefix: str = "zoo") -> tuple[str, str, float]:
    """(dsn, role suffix, seconds the load took) of a fresh zoo; roles are unique per database."""
    dsn = new_db(prefix)
    suffix = conninfo_to_dict(dsn)["dbname"]
    started = time.perf_counter()
    create_zoo(dsn, suffix)
    return dsn, suffix, time.perf_counter() - started


def _one(dsn: str, query: str):
    with psycopg.connect(dsn) as conn:
        return conn.execute(query).fetchone()


def test_zoo_loads_and_fingerprint_sees_everything(new_db):
    dsn, suffix, seconds = _load_zoo(new_db)
    assert seconds < 10, f"loading the zoo took {seconds:.1f} s"
    roles = role_names(suffix)
    fp = fingerprint(dsn)

    assert tuple(fp) == FINGERPRINT_SECTIONS
    assert all(fp[section] for section in fp), [s for s in fp if not fp[s]]
    assert json.loads(json.dumps(fp)) == fp
    assert fingerprint(dsn) == fp  # stable

    tables = fp["tables"]
    assert sum(t["rows"] for t in tables.values()) > 4000
    for name in ["billing.invoices_default", "archive.invoices_before_2024",
                 "billing.usage_events_2024_q1_h0", "billing.usage_events_2024_q2_rest",
                 "billing.payments_other", "public.documents", "public.pdf_documents",
                 "public.web_documents", "audit.log", "storage.deleted_objects",
                 "public.sessions_cache", "Sales Data.Kunden Übersicht"]:  # fmt: skip
        assert tables[name]["rows"] > 0, name
    assert "billing.invoices" not in tables and fp["partitioned"]["billing.invoices"]["rows"] > 0

    # identical duplicate rows, in tables without a key (one with no index at all)
    assert _one(dsn, "SELECT count(*) FROM (SELECT 1 FROM public.event_log"
                     " GROUP BY happened_at, level, message, context::text"
                     " HAVING count(*) = 3) AS d") == (50,)  # fmt: skip
    not_three = ("SELECT count(*) FROM (SELECT 1 FROM billing.usage_events AS e"
                 " WHERE customer_id = 7 GROUP BY e.* HAVING count(*) <> 3) AS d")  # fmt: skip
    assert _one(dsn, not_three) == (0,)
    no_index = "SELECT count(*) FROM pg_index WHERE indrelid = 'public.event_log'::regclass"
    assert _one(dsn, no_index) == (0,)
    assert _one(dsn, "SELECT bool_or(indisunique) FROM pg_index"
                     " WHERE indrelid = 'public.page_views'::regclass") == (False,)  # fmt: skip

    # a TOASTed ~100 kB value, stored out of line
    length, stored = _one(dsn, "SELECT length(big), pg_column_size(big) FROM public.type_zoo"
                               " WHERE id = 4")  # fmt: skip
    assert length >= 100_000 and stored >= 100_000

    # large objects: referenced, shared, empty, and one nobody references
    los = fp["large_objects"]
    assert len(los) >= 20 and los["700014"] == hashlib.sha256(b"").hexdigest()
    assert _one(dsn, "SELECT count(*) FROM storage.objects WHERE content = 700001") == (2,)
    assert "700999" in los
    referenced = ("SELECT (SELECT count(*) FROM storage.objects WHERE content = 700999)"
                  " + (SELECT count(*) FROM public.pdf_documents WHERE content = 700999)"
                  )  # fmt: skip
    assert _one(dsn, referenced) == (0,)

    ext = fp["extensions"]
    assert {"citext", "hstore", "ltree", "pg_trgm", "vector", "btree_gist", "moddatetime"} <= set(
        ext
    )
    assert ext["vector"]["schema"] == "extensions" and ext["citext"]["schema"] == "public"

    mv = fp["matviews"]
    assert (
        mv["billing.customer_revenue"]["populated"] and mv["billing.customer_revenue"]["rows"] > 0
    )
    assert mv["billing.top_customers"]["rows"] == 20
    assert mv["public.monthly_signups"] == {"populated": False, "rows": None, "sha256": None}

    # owners: everything the owner created is the owner's; the superuser made the rest
    by_superuser = {k for k, v in fp["owners"].items() if v != roles["owner"]}
    assert by_superuser == {"event trigger zoo_ddl_watch", "function public.zoo_ddl_watch()",
                            "publication zoo_realtime", "publication zoo_partial"}  # fmt: skip
    assert fp["owners"]["schema public"] == roles["owner"]
    assert fp["owners"]["large object 700001"] == roles["owner"]

    acls = fp["acls"]
    assert acls["column auth.users.email"] == [f"{roles['reader']}=r/{roles['owner']}"]
    assert f"{roles['app']}=U/{roles['owner']}" in acls["schema public"]
    assert not any(a.startswith("=") for a in acls["schema public"])  # no rights for PUBLIC
    assert f"default privileges for {roles['owner']} in schema billing on tables" in acls
    assert f"{roles['reader']}=r*/{roles['owner']}" in acls["view auth.users_safe"]
    assert acls["function public.customer_balance(customer bigint)"] == sorted(
        [f"{roles['app']}=X/{roles['owner']}", f"{roles['owner']}=X/{roles['owner']}"]
    )

    assert fp["rls"]["storage.objects"] == {"enabled": True, "forced": True}
    assert fp["rls"]["public.users"] == {"enabled": True, "forced": False}
    policy = fp["policies"]["public.users tenant isolation"]
    assert policy["roles"] == [roles["app"]] and "app.tenant" in policy["qual"]
    assert fp["policies"]["storage.objects objects_delete_own"]["permissive"] is False

    triggers = fp["triggers"]
    assert triggers["billing.customers customers_legacy_sync"]["enabled"] == "D"
    assert triggers["Sales Data.Kunden Übersicht kunden_audit"]["enabled"] == "A"
    assert triggers["billing.customers customers_audit"]["enabled"] == "O"
    assert "CONSTRAINT TRIGGER" in triggers["public.employees employees_budget_check"]["definition"]
    assert "REFERENCING OLD TABLE" in triggers["storage.objects objects_log_deleted"]["definition"]
    assert "moddatetime" in triggers["auth.users users_moddatetime"]["definition"]
    assert "event trigger zoo_ddl_watch" in triggers

    comments = fp["comments"]
    assert (
        comments['column Straße of table "Sales Data"."Kunden Übersicht"']
        == "Straße und Hausnummer"
    )
    assert "schema public" in comments and "function public.zoo_now()" in comments

    seqs = fp["sequences"]
    assert seqs["public.countdown_seq"]["last_value"] == 8  # cycled
    assert seqs["public.unused_seq"]["last_value"] is None
    assert seqs["billing.invoice_number_seq"]["last_value"] > 1000

    rel = fp["relations"]
    assert rel["public.pdf_documents"]["parents"] == ["public.documents"]
    assert rel["billing.payments_other"]["partition_bound"] == "DEFAULT"
    assert "MINVALUE" in rel["archive.invoices_before_2024"]["partition_bound"]
    assert rel["public.sessions_cache"]["persistence"] == "u"
    assert rel["public.event_log"]["replica_identity"] == "f"
    assert [c[0] for c in fp["columns"]["public.pdf_documents"]][-1] == "language"
    assert [c[0] for c in fp["columns"]["billing.payments_other"]][0] == "reference"

    assert fp["types"]["public.mood"]["detail"] == '{sad,meh,ok,happy,"très content 😀"}'
    assert "EXCLUDE USING gist" in fp["constraints"][
        "billing.price_windows price_windows_no_overlap"]["definition"]  # fmt: skip
    assert fp["constraints"]["public.departments departments_manager_fkey"]["deferred"] is True
    assert fp["views"]["auth.users_safe"]["options"] == ["security_barrier=true"]
    assert fp["publications"]["zoo_partial"]["tables"] == [
        "billing.customers (id, name, tier) WHERE (id > 10)"
    ]


def test_pg_dump_round_trip_keeps_the_fingerprint(new_db, tmp_path):
    source, _, _ = _load_zoo(new_db)
    dump = tmp_path / "zoo.dump"
    subprocess.run([pg_tool("pg_dump"), "-Fc", "-f", str(dump), "-d", source],
                   check=True, capture_output=True)  # fmt: skip
    target = new_db("zoo_copy")
    restored = subprocess.run(
        [pg_tool("pg_restore"), "--exit-on-error", "-d", target, str(dump)],
        capture_output=True,
        text=True,
    )
    assert restored.returncode == 0, restored.stderr

    before, after = fingerprint(source), fingerprint(target)
    diff = fingerprint_diff(before, after)
    unexpected = {
        section: sorted(set(entries) - PG_DUMP_DIFFERENCES.get(section, set()))
        for section, entries in diff.items()
    }
    assert not any(unexpected.values()), json.dumps(
        {s: {k: diff[s][k] for k in keys} for s, keys in unexpected.items() if keys},
        ensure_ascii=False, indent=1, default=str,
    )  # fmt: skip
    # what does differ is only the order: same columns, same rows in the partitioned table
    for table, (was, now) in diff.get("columns", {}).items():
        assert sorted(was) == sorted(now) and was != now, table
    assert before["partitioned"] == after["partitioned"]
    assert before["tables"]["public.pdf_documents"] == after["tables"]["public.pdf_documents"]


def test_mutate_changes_the_data(new_db):
    dsn, _, _ = _load_zoo(new_db)
    before = fingerprint(dsn)
    mutate(dsn)
    after = fingerprint(dsn)

    tables = fingerprint_diff(before, after)["tables"]
    assert {
        "billing.customers", "billing.invoices_default", "archive.invoices_before_2024",
        "billing.invoices_2024_h1", "billing.invoice_lines", "public.pdf_documents",
        "public.web_documents", "public.documents", "public.event_log", "audit.log",
        "storage.objects", "storage.deleted_objects", "auth.users", "public.users",
        "Sales Data.Kunden Übersicht", "billing.usage_events_2024_q2_api", "billing.invoices_2027",
    } <= set(tables)  # fmt: skip
    assert tables["billing.invoices_2027"] == (None, after["tables"]["billing.invoices_2027"])
    assert after["tables"]["billing.invoices_2027"]["rows"] == 5
    assert after["tables"]["audit.log"]["rows"] > before["tables"]["audit.log"]["rows"]
    # the duplicates changed: one copy fewer of one row, one more of another
    assert (
        after["tables"]["public.event_log"]["rows"] == before["tables"]["public.event_log"]["rows"]
    )
    copies = ("SELECT array_agg(n ORDER BY n) FROM (SELECT count(*) AS n FROM public.event_log"
              " WHERE message IN ('event 2', 'event 3') GROUP BY message) AS d")  # fmt: skip
    assert _one(dsn, copies) == ([2, 4],)

    los_before, los_after = before["large_objects"], after["large_objects"]
    assert "700999" not in los_after and "700500" in los_after
    assert los_before["700002"] != los_after["700002"]
    assert after["matviews"]["public.monthly_signups"]["populated"] is True
    assert (
        before["matviews"]["billing.customer_revenue"]
        != after["matviews"]["billing.customer_revenue"]
    )
