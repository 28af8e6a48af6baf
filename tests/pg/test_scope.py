"""Tenant, row-filter and cap scopes: what a partial backup holds, and that restoring it
touches only its scope (real PostgreSQL, the demo CRM)."""

from __future__ import annotations

import subprocess
import sys

import psycopg
import pytest
import zstandard
from psycopg import sql

from airvault.backup.run import options_from_config, run_backup
from airvault.config import load_config
from airvault.pg.scope import Cap
from airvault.restore.run import check_restored, restore
from airvault.storage.manifest import list_backups
from airvault.storage.models import TableEntry
from airvault.storage.store import open_store
from airvault.verify import verify_backup
from tests.airflow_env import ROOT
from tests.dbutil import INFRA

CONFIG = ROOT / "airvault.yaml"


def _orgs(dsn: str) -> list[str]:
    with psycopg.connect(dsn) as conn:
        return [str(r[0]) for r in conn.execute("SELECT id FROM organizations ORDER BY slug")]


def _tenant_backup(dsn: str, root, tenant: str):
    opts = options_from_config(load_config(CONFIG), kind="tenant", scope=tenant)
    opts.rows.tenant_id = tenant
    return run_backup(dsn, open_store(root), opts)


def _data(result, entry: TableEntry) -> bytes:
    raw = open_store(result.url).read_bytes(entry.file)
    return zstandard.ZstdDecompressor().decompressobj().decompress(raw)


def _count(dsn: str, query: str, *params) -> int:
    with psycopg.connect(dsn) as conn:
        return conn.execute(query, params).fetchone()[0]


def test_tenant_backup_holds_only_that_tenant_and_what_it_references(demo_dsn, tmp_root):
    x, *others = _orgs(demo_dsn)
    result = _tenant_backup(demo_dsn, tmp_root, x)
    m = result.manifest
    assert (m.kind, m.scope, m.row_rules.tenant.id) == ("tenant", x, x)
    assert verify_backup(open_store(result.url)).ok
    entries = {f"{e.schema_name}.{e.name}": e for e in m.tables}
    # No other tenant's id anywhere in the backup's data.
    for entry in m.tables:
        data = _data(result, entry)
        for other in others:
            assert other.encode() not in data, f"{other} leaked into {entry.name}"
    # Every row of the tenant, in every table that has the tenant column.
    with psycopg.connect(demo_dsn) as conn:
        tenant_tables = [
            f"{s}.{t}"
            for s, t in conn.execute(
                "SELECT table_schema, table_name FROM information_schema.columns "
                "WHERE column_name = 'organization_id' AND table_schema IN ('public', 'auth')"
            )
        ]
    assert len(tenant_tables) >= 9
    for name in tenant_tables:
        expected = _count(
            demo_dsn,
            sql.SQL("SELECT count(*) FROM {} WHERE organization_id = %s")
            .format(sql.Identifier(*name.split(".")))
            .as_string(None),
            x,
        )
        assert entries[name].rows == expected > 0, name
        assert entries[name].role == "tenant"
    assert entries["public.organizations"].rows == 1
    # A table without the tenant column that hangs off the tenant's products...
    movements = entries["public.inventory_movements"]
    assert movements.role == "tenant-child"
    assert movements.rows == _count(
        demo_dsn,
        "SELECT count(*) FROM inventory_movements m JOIN products p ON p.id = m.product_id "
        "WHERE p.organization_id = %s",
        x,
    )
    # ...and the shared rows the tenant's rows reference: its users' auth accounts, no others.
    auth = entries["auth.users"]
    assert auth.role == "reference" and auth.replace_where == "FALSE"
    assert auth.rows == _count(demo_dsn, "SELECT count(*) FROM users WHERE organization_id = %s", x)
    assert {"storage.objects", "public.type_zoo"} <= set(m.out_of_scope)
    assert m.dangling_references == []  # closed under its foreign keys


def _tenant_fingerprint(dsn: str, org: str) -> dict[str, str]:
    """md5 of every row of one tenant (and of its users' auth rows), table by table."""
    with psycopg.connect(dsn) as conn:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' "
                "AND column_name = 'organization_id' ORDER BY 1"
            )
        ]
        out = {
            t: conn.execute(
                sql.SQL(
                    "SELECT md5(string_agg(x::text, '|' ORDER BY x.id)) FROM {} x "
                    "WHERE organization_id = %s"
                ).format(sql.Identifier(t)),
                (org,),
            ).fetchone()[0]
            for t in tables
        }
        out["auth.users"] = conn.execute(
            "SELECT md5(string_agg(a::text, '|' ORDER BY a.id)) FROM auth.users a "
            "JOIN users u ON u.id = a.id WHERE u.organization_id = %s",
            (org,),
        ).fetchone()[0]
    return out


def test_tenant_replace_restore_restores_that_tenant_and_leaves_the_others_identical(
    copy_of_demo, tmp_root
):
    x, y, *rest = _orgs(copy_of_demo)
    result = _tenant_backup(copy_of_demo, tmp_root / "b", x)
    x_before = _tenant_fingerprint(copy_of_demo, x)
    others_before = {o: _tenant_fingerprint(copy_of_demo, o) for o in (y, *rest)}
    with psycopg.connect(copy_of_demo) as conn:  # the tenant's data goes wrong
        conn.execute("UPDATE contacts SET first_name = 'Changed' WHERE organization_id = %s", (x,))
        conn.execute(
            "DELETE FROM bids WHERE id IN (SELECT id FROM bids WHERE organization_id = %s "
            "ORDER BY id LIMIT 5)",
            (x,),
        )
        conn.execute(
            "INSERT INTO contacts (id, organization_id, first_name, last_name, created_at, "
            "updated_at) VALUES (gen_random_uuid(), %s, 'New', 'Person', now(), now())",
            (x,),
        )
        conn.execute(
            "UPDATE auth.users SET email = 'hijacked@example.com' WHERE id = "
            "(SELECT id FROM users WHERE organization_id = %s ORDER BY id LIMIT 1)",
            (x,),
        )
    assert _tenant_fingerprint(copy_of_demo, x) != x_before

    plan = restore(result.url, copy_of_demo, mode="replace", dry_run=True)
    by_table = {t.table: t for t in plan.tables}
    assert by_table["public.contacts"].delete == 1  # the new contact; nobody else's
    assert by_table["public.bids"].insert == 5

    done = restore(result.url, copy_of_demo, mode="replace", safety_root=open_store(tmp_root))
    assert done.safety_backup
    assert _tenant_fingerprint(copy_of_demo, x) == x_before
    assert check_restored(result.url, copy_of_demo, [t.table for t in done.tables]) == []
    for org, before in others_before.items():
        assert _tenant_fingerprint(copy_of_demo, org) == before, f"tenant {org} was touched"


def test_row_filter_cap_and_exclusions_are_honoured_and_recorded(demo_dsn, tmp_root):
    opts = options_from_config(load_config(CONFIG), exclude_schemas=["storage"])
    opts.exclude += ["type_*"]
    opts.rows.row_filters["contacts"] = "is_demo = false"
    opts.rows.caps["audit_logs"] = Cap("created_at", newest=100)
    result = run_backup(demo_dsn, open_store(tmp_root), opts)
    m = result.manifest
    entries = {e.name: e for e in m.tables}
    assert not {"type_zoo", *INFRA} & set(entries)
    assert {"public.type_zoo", "public.sync_nodes"} <= set(m.excluded_tables)
    assert not any(e.schema_name == "storage" for e in m.tables)
    assert "storage" not in m.schemas

    contacts = entries["contacts"]
    assert contacts.rows == _count(demo_dsn, "SELECT count(*) FROM contacts WHERE NOT is_demo")
    assert contacts.rows < _count(demo_dsn, "SELECT count(*) FROM contacts")
    assert (contacts.partial, contacts.row_filter) == (True, "is_demo = false")
    assert b"\tt\t" not in _data(result, contacts)  # no is_demo = true row
    # Rows that point at a filtered-out contact are reported, not silently broken.
    dangling = {d.foreign_key: d.rows for d in m.dangling_references}
    assert dangling["deals_contact_fk"] == _count(
        demo_dsn,
        "SELECT count(*) FROM deals d JOIN contacts c ON c.id = d.contact_id WHERE c.is_demo",
    )

    logs = entries["audit_logs"]
    assert (logs.rows, logs.cap.to_json(), logs.replace_where) == (
        100,
        {"column": "created_at", "newest": 100},
        "FALSE",
    )
    ids = [int(line.split(b"\t", 1)[0]) for line in _data(result, logs).splitlines()]
    with psycopg.connect(demo_dsn) as conn:
        top = [
            r[0]
            for r in conn.execute(
                "SELECT id FROM audit_logs ORDER BY created_at DESC, id DESC LIMIT 100"
            )
        ]
    assert sorted(ids) == sorted(top)
    assert m.row_rules.to_json()["caps"] == {"audit_logs": {"column": "created_at", "newest": 100}}


def test_cli_tenant_backup_with_a_days_cap_and_list_shows_verified(demo_dsn, tmp_root):
    x = _orgs(demo_dsn)[0]
    env_cli = [sys.executable, "-m", "airvault.cli.main", "--config", str(CONFIG)]
    out = subprocess.run(
        [*env_cli, "backup", "--dsn", demo_dsn, "--to", str(tmp_root), "--tenant", x,
         "--cap", "audit_logs:days=200"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "contacts" in out and "rows" in out  # record counts per module
    url = out.strip().splitlines()[-1]
    (backup,), _ = list_backups(open_store(tmp_root))
    logs = next(e for e in backup.tables if e.name == "audit_logs")
    since = logs.cap.since
    assert logs.rows == _count(
        demo_dsn,
        "SELECT count(*) FROM audit_logs WHERE organization_id = %s AND created_at >= %s",
        x,
        since,
    )
    listing = subprocess.run(
        [*env_cli, "list", str(tmp_root)], capture_output=True, text=True, check=True
    ).stdout
    assert "tenant" in listing and " - " in listing  # not verified yet
    subprocess.run([*env_cli, "verify", url], check=True, capture_output=True)
    listing = subprocess.run(
        [*env_cli, "list", str(tmp_root)], capture_output=True, text=True, check=True
    ).stdout
    row = next(line for line in listing.splitlines() if backup.id in line)
    assert " yes " in row and f"{sum(t.rows for t in backup.tables):,}" in row


def test_unknown_tenant_or_bad_filter_is_named_and_leaves_no_backup(demo_dsn, tmp_root):
    import pytest

    from airvault.errors import AirvaultError

    with pytest.raises(AirvaultError, match="tenant '00000000-0000-0000-0000-000000000000' is not"):
        _tenant_backup(demo_dsn, tmp_root, "00000000-0000-0000-0000-000000000000")
    opts = options_from_config(load_config(CONFIG))
    opts.rows.row_filters["contacts"] = "is_dmo = false; DROP TABLE public.type_zoo"
    with pytest.raises(AirvaultError, match=r"public\.contacts: row filter .* is not valid"):
        run_backup(demo_dsn, open_store(tmp_root), opts)
    assert _count(demo_dsn, "SELECT count(*) FROM type_zoo") > 0
    assert list_backups(open_store(tmp_root)) == ([], [])


def test_a_widened_selection_or_a_swapped_filter_is_refused_even_when_signed(
    copy_of_demo, tmp_root
):
    """Row selections are SQL text: each is rebuilt from the rules the backup recorded, with
    the installation's own row filters, before any of it runs. A replace_where widened to
    every tenant, or a row filter swapped for SQL of an attacker's (re-signed, as a leaked
    key would allow; found in issue 26: lo_export wrote a file on the server), is refused
    naming both filters, and none of it ran."""
    from airvault.errors import IntegrityError
    from tests.dbutil import resign

    x, *_ = _orgs(copy_of_demo)
    result = _tenant_backup(copy_of_demo, tmp_root / "b", x)
    before = _count(copy_of_demo, "SELECT count(*) FROM contacts")

    def widen(m: dict) -> None:
        next(t for t in m["tables"] if t["name"] == "contacts")["replace_where"] = "TRUE"

    resign(result.url, widen)
    with pytest.raises(IntegrityError, match="replace_where of public.contacts is not what"):
        restore(result.url, copy_of_demo, mode="replace", safety_root=open_store(tmp_root))
    assert _count(copy_of_demo, "SELECT count(*) FROM contacts") == before

    ours = {"contacts": "is_demo = false"}
    opts = options_from_config(load_config(CONFIG))
    opts.rows.row_filters = dict(ours)
    filtered = run_backup(copy_of_demo, open_store(tmp_root / "f"), opts)
    plan = restore(filtered.url, copy_of_demo, mode="replace", dry_run=True, row_filters=ours)
    assert any(t.table == "public.contacts" for t in plan.tables)
    with pytest.raises(IntegrityError, match="this installation's row filter for it is none"):
        restore(filtered.url, copy_of_demo, mode="replace", dry_run=True)

    attack = "is_demo = false AND lo_from_bytea(4242, 'pwned') > 0"

    def swap(m: dict) -> None:
        contacts = next(t for t in m["tables"] if t["name"] == "contacts")
        contacts["row_filter"] = attack
        contacts["where"] = contacts["replace_where"] = f"({attack})"
        m["row_rules"]["row_filters"] = {"contacts": attack}

    resign(filtered.url, swap)
    with pytest.raises(IntegrityError) as refused:
        restore(filtered.url, copy_of_demo, mode="replace", dry_run=True, row_filters=ours)
    assert attack in str(refused.value) and "'is_demo = false'" in str(refused.value)
    assert (
        _count(copy_of_demo, "SELECT count(*) FROM pg_largeobject_metadata WHERE oid = 4242") == 0
    )
    assert _count(copy_of_demo, "SELECT count(*) FROM contacts") == before
