"""Exports and imports reach only declared datasets: every system catalog, secret column and
undeclared table, through every way an export or import can name it (table, column, filter,
date column, module, file column, mapping, key; the core, the CLI), is refused naming the
rule, with nothing read, written or changed; a tenant export of every tenant and module holds
only that tenant's rows. The matrix is fixed: `make test` and `make reliability` run it all.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import psycopg
from psycopg import sql

from airvault.config import Module, load_config
from airvault.exchange.datasets import DatasetRefused
from airvault.exchange.exports import ExportSpec, export_bundle, run_export, specs_for
from airvault.exchange.imports import ImportSpec, run_import
from airvault.storage.store import open_store
from tests.airflow_env import ROOT

AIRVAULT = str(Path(sys.executable).parent / "airvault")
SYSTEM = "is a system schema"
SECRET = "is a secret column"
UNDECLARED = "not a declared dataset"
# (table, rule): what no export or import may name as a table
TABLES = [
    ("pg_catalog.pg_authid", SYSTEM), ("pg_catalog.pg_shadow", SYSTEM),
    ("pg_catalog.pg_statistic", SYSTEM), ("pg_catalog.pg_largeobject", SYSTEM),
    ("information_schema.tables", SYSTEM), ("pg_toast.pg_toast_1260", SYSTEM),
    ("pg_temp.t", SYSTEM), ("pg_temp_1.t", SYSTEM), ("PG_CATALOG.pg_authid", SYSTEM),
    ("Information_Schema.tables", SYSTEM), ("sync_sessions", UNDECLARED),
    ("public.offline_queue", UNDECLARED),
]  # fmt: skip
# (table, column): secret columns, present in the demo or not (refused by name either way)
SECRETS = [
    ("auth.users", "encrypted_password"), ("auth.users", "recovery_token"),
    ("auth.refresh_tokens", "token"), ("public.users", "password_digest"),
]  # fmt: skip


def _state(dsn: str) -> tuple:
    """What a refused import could change: roles, the auth users, the excluded tables."""
    with psycopg.connect(dsn) as conn:
        return tuple(conn.execute(q).fetchone() for q in (
            "SELECT md5(string_agg(rolname || rolconnlimit || rolsuper, ',' ORDER BY rolname)) "
            "FROM pg_authid",
            "SELECT md5(string_agg(u::text, ',' ORDER BY id)) FROM auth.users u",
            "SELECT (SELECT count(*) FROM sync_sessions), (SELECT count(*) FROM offline_queue)",
        ))  # fmt: skip


def _attempts(dsn: str, tmp: Path, config) -> list[tuple[str, str, object]]:
    """(where, rule, action) of every way to name a forbidden thing; each action must raise
    DatasetRefused naming the rule (a CLI one returns the failed process)."""
    store = open_store(tmp / "store")
    (tmp / "in.csv").write_text("id,x\n1,2\n")

    def export(**spec):
        return lambda: run_export(dsn, store, ExportSpec(**spec), run_id="r", config=config)

    def imported(table, file="in.csv", **spec):
        return lambda: run_import(dsn, open_store(tmp), file, ImportSpec(table, **spec),
                                  store, "r", config=config)  # fmt: skip

    def cli(*args):
        return lambda: subprocess.run([AIRVAULT, "--config", str(ROOT / "airvault.yaml"), *args,
                                       "--dsn", dsn], capture_output=True, text=True, cwd=tmp)  # fmt: skip

    def module(table):
        crm = Module(tables=["contacts", table])
        bundled = config.model_copy(update={"modules": {**config.modules, "crm": crm}})
        return lambda: export_bundle(dsn, store, bundled, "crm")

    found = []
    for table, rule in TABLES:
        found += [
            (f"export of {table}", rule, export(table=table)),
            (f"export of {table}, columns", rule, export(table=table, columns=["x"])),
            (f"dataset {table}", rule, lambda t=table: specs_for(config, t)),
            (f"import into {table}", rule, imported(table, mode="update-only", key=["id"])),
            (f"CLI export of {table}", rule, cli("export", table, "--to", str(tmp / "store"))),
            (f"CLI import into {table}", rule, cli("import", str(tmp / "in.csv"), "--table", table)),
        ]  # fmt: skip
        if rule == SYSTEM:  # a module declares its tables, but never a system one
            found.append((f"module holding {table}", rule, module(table)))
    for table, column in SECRETS:
        (tmp / f"{column}.csv").write_text(f"id,{column}\n1,x\n")
        found += [
            (f"{table}.{column} as column", SECRET, export(table=table, columns=["id", column])),
            (f"{table}.{column} as filter", SECRET, export(table=table, filters={column: "x"})),
            (f"{table}.{column} as date column", SECRET,
             export(table=table, date_column=column, since="2020-01-01")),
            (f"{table}.{column} as mapping target", SECRET,
             imported(table, mode="update-only", mapping={"x": column})),
            (f"{table}.{column} as key", SECRET, imported(table, mode="update-only", key=[column])),
            (f"{table}.{column} as file column", SECRET,
             imported(table, f"{column}.csv", mode="update-only")),
            (f"CLI export of {table}.{column}", SECRET,
             cli("export", table, "--columns", f"id,{column}", "--to", str(tmp / "store"))),
            (f"CLI import into {table}.{column}", SECRET,
             cli("import", str(tmp / "in.csv"), "--table", table, "--map", f"x={column}")),
        ]  # fmt: skip
    return found


def test_exports_and_imports_reach_only_declared_datasets(copy_of_demo, tmp_path, record):
    config = load_config(ROOT / "airvault.yaml")
    before = _state(copy_of_demo)
    failures, kinds = [], Counter()
    attempts = _attempts(copy_of_demo, tmp_path, config)
    for where, rule, action in attempts:
        try:
            result = action()
        except DatasetRefused as e:
            message = str(e)
        except Exception as e:  # noqa: BLE001 - refused, but not by the datasets rule
            failures.append(f"{where}: {type(e).__name__}: {str(e)[:200]}")
            continue
        else:
            if not isinstance(result, subprocess.CompletedProcess) or result.returncode == 0:
                failures.append(f"{where}: accepted")
                continue
            message = result.stderr
        if rule not in message:
            failures.append(f"{where}: refused without naming '{rule}': {message[:200]}")
        kinds[rule] += 1
    lost = int(_state(copy_of_demo) != before)
    written = [str(p) for p in (tmp_path / "store").rglob("*") if p.is_file()]
    failures += [f"written: {p}" for p in written]
    record("exports and imports of system catalogs, secrets, undeclared tables", len(attempts),
           len(failures), lost,
           f"{len(TABLES)} tables x 6-7 ways, {len(SECRETS)} secret columns x 8 ways (core and "
           f"CLI): refused naming the rule {dict(kinds)}; nothing written or changed")  # fmt: skip
    assert not failures and not lost, failures[:5]


def test_tenant_exports_hold_only_that_tenants_rows(demo_dsn, tmp_path, record):
    """Every tenant x every module: each exported row is the tenant's, and every row of the
    tenant is there; a table without the tenant column is refused, never exported whole."""
    config = load_config(ROOT / "airvault.yaml")
    column = config.tenancy.column
    with psycopg.connect(demo_dsn) as conn:
        tenants = [r[0] for r in conn.execute("SELECT id::text FROM organizations ORDER BY id")]
    failures, outcomes, n = [], Counter(), 0
    for tenant in tenants:
        for module in config.modules:
            for spec in specs_for(config, module, tenant=tenant, readable=False, format="json"):
                n += 1
                try:
                    report = run_export(demo_dsn, open_store(tmp_path), spec, run_id=f"t{n}",
                                        config=config)  # fmt: skip
                except Exception as e:  # noqa: BLE001
                    ok = f"'{column}' is not a column" in str(e)
                    outcomes["refused: no tenant column" if ok else "error"] += 1
                    failures += [] if ok else [f"{module}/{spec.table}: {e}"]
                    continue
                text = Path(report["file"].removeprefix("file://")).read_text()
                rows = [json.loads(line) for line in text.splitlines()]
                with psycopg.connect(demo_dsn) as conn:
                    want = conn.execute(sql.SQL("SELECT count(*) FROM {} WHERE {}::text = %s")
                                        .format(sql.Identifier(spec.table), sql.Identifier(column)),
                                        (tenant,)).fetchone()[0]  # fmt: skip
                others = [r for r in rows if str(r[column]) != tenant]
                if others or len(rows) != want:
                    failures.append(f"{module}/{spec.table} of {tenant}: {len(rows)} rows, "
                                    f"{len(others)} of other tenants, {want} expected")  # fmt: skip
                outcomes["exactly the tenant's rows"] += 1
    record(
        "tenant exports: every tenant x every module table",
        n,
        len(failures),
        0,
        f"{len(tenants)} tenants x {n // max(len(tenants), 1)} tables: {dict(outcomes)}",
    )
    assert not failures, failures[:5]
