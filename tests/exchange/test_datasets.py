"""Exports and imports act only on declared datasets (issue 26, item 2): never a system schema,
never an undeclared table, never a secret column; a whole-table export withholds secrets and
says so; a tenant export reads only that tenant's rows. Real PostgreSQL, the demo's config."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import psycopg
import pytest
import yaml

from airvault.config import Config, load_config
from airvault.errors import ConfigError
from airvault.exchange.datasets import DatasetRefused
from airvault.exchange.exports import ExportSpec, export_bundle, run_export, specs_for
from airvault.exchange.imports import ImportSpec, run_import
from airvault.storage.store import open_store
from tests.airflow_env import ROOT

SYSTEM = "is a system schema"
SECRET = "is a secret column ('auth.users.encrypted_password' in secrets)"
EXCLUDED = "backup.exclude_tables has 'sync_sessions'"


def _config(tmp_path, **changes) -> Config:
    """The demo's airvault.yaml with `changes` (top-level keys merged one level deep)."""
    data = yaml.safe_load((ROOT / "airvault.yaml").read_text())
    for key, value in changes.items():
        data[key] = {**data[key], **value} if isinstance(data.get(key), dict) else value
    path = tmp_path / "airvault.yaml"
    path.write_text(yaml.safe_dump(data))
    return load_config(path)


def _files(root) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


EXPORTS_REFUSED = [
    (ExportSpec("pg_catalog.pg_authid"), f"'pg_catalog' {SYSTEM}"),
    (ExportSpec("pg_catalog.pg_authid", columns=["rolname", "rolpassword"]), SYSTEM),
    (ExportSpec("information_schema.tables"), SYSTEM),
    (ExportSpec("pg_toast.pg_toast_1255"), SYSTEM),
    (ExportSpec("pg_temp_3.t"), SYSTEM),
    (ExportSpec("PG_CATALOG.pg_authid"), SYSTEM),
    (ExportSpec("auth.users", columns=["id", "encrypted_password"]), f"column 'encrypted_password' {SECRET}"),
    (ExportSpec("auth.users", filters={"encrypted_password": "x"}), f"filter 'encrypted_password' {SECRET}"),
    (ExportSpec("auth.users", date_column="encrypted_password", since="2020-01-01"), SECRET),
    (ExportSpec("sync_sessions"), f"export of public.sync_sessions refused: not a declared dataset: {EXCLUDED}"),
]  # fmt: skip


def _refused(action, rule: str) -> str:
    """The message of the DatasetRefused `action()` raises; it names `rule`."""
    with pytest.raises(DatasetRefused) as refused:
        action()
    assert rule in str(refused.value), str(refused.value)
    return str(refused.value)


@pytest.mark.parametrize(("spec", "rule"), EXPORTS_REFUSED, ids=lambda v: getattr(v, "table", ""))
def test_exports_of_system_tables_secrets_and_undeclared_tables_are_refused_naming_the_rule(
    demo_dsn, tmp_root, spec, rule
):
    demo = load_config(ROOT / "airvault.yaml")
    # the installation's config; and the defaults (no config file), which exclude no table
    for config in (demo, None) if EXCLUDED not in rule else (demo,):
        _refused(lambda c=config: run_export(demo_dsn, open_store(tmp_root), spec, run_id="r",
                                             config=c), rule)  # fmt: skip
    _refused(lambda: specs_for(demo, spec.table, columns=spec.columns, filters=spec.filters,
                               date_column=spec.date_column), rule)  # fmt: skip
    assert _files(tmp_root) == []  # not even a folder


def test_the_cli_and_a_module_are_refused_whole_before_anything_is_written(
    demo_dsn, tmp_root, tmp_path
):
    out = subprocess.run(
        [sys.executable, "-m", "airvault.cli.main", "--config", str(ROOT / "airvault.yaml"),
         "export", "pg_catalog.pg_authid", "--dsn", demo_dsn, "--to", str(tmp_root)],
        capture_output=True, text=True,
    )  # fmt: skip
    assert out.returncode != 0 and f"'pg_catalog' {SYSTEM}" in out.stderr, out.stderr
    assert "rolpassword" not in out.stdout + out.stderr
    # a module naming a system table is not exported at all, even its declared tables
    config = _config(tmp_path, modules={"crm": {"tables": ["contacts", "pg_catalog.pg_authid"]}})
    with pytest.raises(DatasetRefused, match=SYSTEM):
        export_bundle(demo_dsn, open_store(tmp_root), config, "crm")
    with pytest.raises(DatasetRefused, match=SYSTEM):
        specs_for(config, "crm")
    assert _files(tmp_root) == []


def test_declared_means_modules_and_the_backed_up_schemas(demo_dsn, tmp_root, tmp_path):
    only_public = _config(tmp_path, backup={"schemas": ["public"]})
    with pytest.raises(DatasetRefused, match="schema 'auth' is not in backup.schemas"):
        specs_for(only_public, "auth.users")
    no_auth = _config(tmp_path, backup={"exclude_schemas": ["auth"]})
    with pytest.raises(DatasetRefused, match="schema 'auth' is in backup.exclude_schemas"):
        specs_for(no_auth, "auth.users")
    # a module declares its tables, whatever the schemas backed up
    listed = _config(tmp_path, backup={"schemas": ["public"]},
                     modules={"logins": {"tables": ["auth.users"]}})  # fmt: skip
    (spec,) = specs_for(listed, "logins", readable=False)
    report = run_export(demo_dsn, open_store(tmp_root), spec, run_id="m", config=listed)
    assert report["rows"] > 0 and report["withheld"][0] == "encrypted_password"


def test_export_of_auth_users_withholds_its_secrets_and_says_so(demo_dsn, tmp_root, tmp_path):
    config = load_config(ROOT / "airvault.yaml")
    store = open_store(tmp_root)
    report = run_export(demo_dsn, store, ExportSpec("auth.users", readable=False), run_id="csv",
                        config=config)  # fmt: skip
    folder = tmp_root / "exports" / "users" / "csv"
    text = (folder / "users.csv").read_text()
    rows = list(csv.DictReader(io.StringIO(text)))
    with psycopg.connect(demo_dsn) as conn:
        count = conn.execute("SELECT count(*) FROM auth.users").fetchone()[0]
        hashes = [r[0] for r in conn.execute("SELECT encrypted_password FROM auth.users")]
    assert len(rows) == report["rows"] == count > 0
    assert "encrypted_password" not in rows[0] and "email" in rows[0]
    assert not any(h and h in text for h in hashes)
    on_disk = json.loads((folder / "report.json").read_text())
    assert on_disk["withheld"] == report["withheld"] == ["encrypted_password"]
    assert "encrypted_password" not in on_disk["columns"]
    # JSON lines too; and a column of the installation's `secrets` (a pattern), and one of
    # the deprecated archive.secret_columns, are withheld alike
    config = _config(tmp_path, secrets=["public.*.phone"],
                     archive={"secret_columns": ["raw_user_meta_data"]})  # fmt: skip
    contacts = run_export(demo_dsn, store, ExportSpec("contacts", format="json"), run_id="js",
                          config=config)  # fmt: skip
    assert contacts["withheld"] == ["phone"]
    line = (tmp_root / "exports" / "contacts" / "js" / "contacts.jsonl").read_text().split("\n")[0]
    assert "phone" not in json.loads(line)
    users = run_export(demo_dsn, store, ExportSpec("auth.users", format="json"), run_id="js",
                       config=config)  # fmt: skip
    assert users["withheld"] == ["encrypted_password", "raw_user_meta_data"]


def test_secrets_must_name_schema_table_column(tmp_path):
    with pytest.raises(ConfigError, match="secrets.0: .*give schema.table.column"):
        _config(tmp_path, secrets=["password_hash"])


def test_a_tenant_export_reads_only_that_tenants_rows(demo_dsn, tmp_root):
    config = load_config(ROOT / "airvault.yaml")
    with psycopg.connect(demo_dsn) as conn:
        tenant, other = [r[0] for r in conn.execute(
            "SELECT DISTINCT organization_id::text FROM contacts ORDER BY 1 LIMIT 2")]  # fmt: skip
        count = conn.execute(
            "SELECT count(*) FROM contacts WHERE organization_id = %s", (tenant,)
        ).fetchone()[0]
    # a filter naming another tenant's column value does not widen it: the tenant wins
    (spec,) = specs_for(config, "contacts", tenant=tenant, readable=False,
                        filters={"organization_id": other})  # fmt: skip
    report = run_export(demo_dsn, open_store(tmp_root), spec, run_id="t", config=config)
    rows = list(csv.DictReader(open(tmp_root / "exports" / "contacts" / "t" / "contacts.csv")))
    assert len(rows) == report["rows"] == count > 0
    assert {r["organization_id"] for r in rows} == {tenant}
    # a table without the tenant column is refused, never exported whole
    with psycopg.connect(demo_dsn) as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS public.no_tenant (id int PRIMARY KEY)")
    try:
        (spec,) = specs_for(config, "no_tenant", tenant=tenant)
        with pytest.raises(Exception, match="filter 'organization_id' is not a column"):
            run_export(demo_dsn, open_store(tmp_root), spec, run_id="n", config=config)
    finally:
        with psycopg.connect(demo_dsn) as conn:
            conn.execute("DROP TABLE public.no_tenant")


def _snapshot(dsn: str) -> tuple:
    """What the refused imports below would change: the login role, the app users' hashes,
    an excluded table."""
    with psycopg.connect(dsn) as conn:
        return (
            conn.execute("SELECT rolname, rolconnlimit, rolsuper FROM pg_authid "
                         "WHERE rolname = current_user").fetchone(),
            conn.execute("SELECT md5(string_agg(id::text || encrypted_password, ',' ORDER BY id)) "
                         "FROM auth.users").fetchone(),
            conn.execute("SELECT count(*) FROM sync_sessions").fetchone(),
        )  # fmt: skip


def test_imports_into_system_tables_secrets_and_undeclared_tables_are_refused_changing_nothing(
    copy_of_demo, tmp_path
):
    config = load_config(ROOT / "airvault.yaml")
    with psycopg.connect(copy_of_demo) as conn:
        role = conn.execute("SELECT current_user").fetchone()[0]
        user = conn.execute("SELECT id::text FROM auth.users ORDER BY id LIMIT 1").fetchone()[0]
    files = {
        "authid.csv": f"rolname,rolconnlimit,rolsuper\n{role},3,true\n",
        "hash.csv": f"id,encrypted_password\n{user},$2a$10$attacker\n",
        "mapped.csv": f"id,pw\n{user},$2a$10$attacker\n",
        "sync.csv": "id\n1\n",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    cases = [
        ("authid.csv", ImportSpec("pg_catalog.pg_authid", mode="update-only", key=["rolname"]),
         "import of pg_catalog.pg_authid refused: not a declared dataset: 'pg_catalog' " + SYSTEM),
        ("hash.csv", ImportSpec("auth.users", mode="update-only"), f"file column 'encrypted_password' {SECRET}"),
        ("mapped.csv", ImportSpec("auth.users", mode="update-only", mapping={"pw": "encrypted_password"}),
         f"mapping target 'encrypted_password' {SECRET}"),
        ("hash.csv", ImportSpec("auth.users", mode="update-only", key=["encrypted_password"]),
         f"key column 'encrypted_password' {SECRET}"),
        ("sync.csv", ImportSpec("sync_sessions", mode="insert"), EXCLUDED),
    ]  # fmt: skip
    before = _snapshot(copy_of_demo)
    reports = open_store(tmp_path / "reports")
    for file, spec, rule in cases:
        for given in (config, None):  # the installation's config, and the defaults
            if given is None and "sync" in file:
                continue  # excluded by the demo's config only
            text = _refused(lambda s=spec, f=file, g=given: run_import(
                copy_of_demo, open_store(tmp_path), f, s, reports, f"r-{f}", config=g), rule)  # fmt: skip
            assert "attacker" not in text
    assert _snapshot(copy_of_demo) == before
    assert not (tmp_path / "reports").exists()  # no report, no rejects: nothing was read
    # the CLI says the same and exits non-zero
    out = subprocess.run(
        [sys.executable, "-m", "airvault.cli.main", "--config", str(ROOT / "airvault.yaml"),
         "import", str(tmp_path / "authid.csv"), "--table", "pg_catalog.pg_authid",
         "--mode", "update-only", "--key", "rolname", "--dsn", copy_of_demo],
        capture_output=True, text=True, cwd=tmp_path,
    )  # fmt: skip
    assert out.returncode != 0 and SYSTEM in out.stderr, out.stderr
    assert _snapshot(copy_of_demo) == before


def test_an_import_into_a_declared_table_without_its_secret_still_works(copy_of_demo, tmp_path):
    config = load_config(ROOT / "airvault.yaml")
    with psycopg.connect(copy_of_demo) as conn:
        user, hashed = conn.execute(
            "SELECT id::text, encrypted_password FROM auth.users ORDER BY id LIMIT 1"
        ).fetchone()
    (tmp_path / "mail.csv").write_text(f"id,email\n{user},renamed@example.com\n")
    report = run_import(copy_of_demo, open_store(tmp_path), "mail.csv",
                        ImportSpec("auth.users", mode="update-only"), config=config)  # fmt: skip
    assert (report.status, report.updated) == ("success", 1)
    with psycopg.connect(copy_of_demo) as conn:
        assert conn.execute(
            "SELECT email, encrypted_password FROM auth.users WHERE id = %s", (user,)
        ).fetchone() == ("renamed@example.com", hashed)


def test_export_and_import_dags_refuse_hostile_params_changing_nothing(
    airflow_db, copy_of_demo, tmp_path, tmp_root, capfd
):
    """What a REST-triggered run of the `export` and `import` DAGs gets: the same refusals,
    whatever the Params say, and the task fails at once (no retry)."""
    from tests.airflow.test_dags import load_dags
    from tests.airflow_env import set_postgres_connection, write_config

    set_postgres_connection("airvault_app_db", copy_of_demo)
    dags = load_dags(write_config(tmp_path / "airvault.yaml", f"file://{tmp_root}"))
    with psycopg.connect(copy_of_demo) as conn:
        role = conn.execute("SELECT current_user").fetchone()[0]
        user = conn.execute("SELECT id::text FROM auth.users ORDER BY id LIMIT 1").fetchone()[0]
    incoming = tmp_root / "imports" / "incoming"
    incoming.mkdir(parents=True)
    (incoming / "authid.csv").write_text(f"rolname,rolconnlimit\n{role},3\n")
    (incoming / "pw.csv").write_text(f"id,pw\n{user},$2a$10$attacker\n")
    before = _snapshot(copy_of_demo)
    runs = [
        ("export", {"dataset": "pg_catalog.pg_authid", "columns": "rolname,rolpassword"}, SYSTEM),
        ("export", {"dataset": "auth.users", "filters": "encrypted_password=x"}, SECRET),
        ("export", {"dataset": "offline_queue"}, "backup.exclude_tables has 'offline_queue'"),
        ("import", {"file": "imports/incoming/authid.csv", "table": "pg_catalog.pg_authid",
                    "mode": "update-only", "key": "rolname"}, SYSTEM),
        ("import", {"file": "imports/incoming/pw.csv", "table": "auth.users",
                    "mode": "update-only", "mapping": "pw=encrypted_password"}, SECRET),
    ]  # fmt: skip
    capfd.readouterr()
    for dag_id, conf, rule in runs:
        run = dags[dag_id].test(run_conf=conf)
        assert run.state == "failed", (dag_id, conf)
        (ti,) = run.get_task_instances()
        assert ti.try_number == 1  # failed for good, not retried
        out = capfd.readouterr()
        assert rule in out.out + out.err, (conf, (out.out + out.err)[-2000:])
    assert _snapshot(copy_of_demo) == before
    assert not (tmp_root / "exports").exists() and not (tmp_root / "imports" / "reports").exists()


def test_the_page_offers_and_starts_only_declared_datasets(live_airflow, backed_up_live):
    """The Backups page: an export or import of an undeclared table or a secret is a 400
    naming the rule (no run started); the import form's tables are the declared ones without
    their secrets; an export listed shows what it withheld, and one of a table that is not
    declared (left from before) has no download link."""
    from airvault.storage.manifest import encode
    from tests.airflow.test_backups_page import raw

    token = live_airflow.token("op")
    status, text = raw(live_airflow, "POST", "/airvault/api/imports/upload?filename=u.csv",
                       b"id,email\n1,a@example.org\n",
                       {"Authorization": f"Bearer {token}", "Content-Type": "text/csv"})  # fmt: skip
    assert status == 200, text
    upload = json.loads(text)
    tables = upload["tables"]
    assert "email" in tables["auth.users"] and "encrypted_password" not in tables["auth.users"]
    assert "public.contacts" in tables and "public.sync_sessions" not in tables
    refused = [
        ("/airvault/api/exports", {"dataset": "pg_catalog.pg_authid"}, SYSTEM),
        ("/airvault/api/exports", {"dataset": "sync_nodes"}, "backup.exclude_tables has 'sync_nodes'"),
        ("/airvault/api/imports", {"file": upload["file"], "table": "pg_catalog.pg_authid"}, SYSTEM),
        ("/airvault/api/imports", {"file": upload["file"], "table": "auth.users",
                                   "mapping": {"pw": "encrypted_password"}}, SECRET),
    ]  # fmt: skip
    for path, body, rule in refused:
        status, answer = live_airflow.call("POST", path, body, user="op")
        assert status == 400 and rule in answer["detail"], (body, status, answer)
    _, listing = live_airflow.call("GET", "/airvault/api/jobs", user="op")
    assert not [j for j in listing["jobs"] if "pg_authid" in j["what"] or "sync" in j["what"]]
    # in storage: a declared export (its secret withheld) and one from before this rule
    config = load_config(ROOT / "airvault.yaml")  # the live one but for its storage root
    root = open_store(live_airflow.storage)
    run_export(live_airflow.app_dsn, root, ExportSpec("auth.users"), run_id="d", config=config)
    old = root.child("exports/pg_authid/old")
    old.write_bytes_atomic("pg_authid.csv", b"rolname,rolpassword\n")
    old.write_bytes_atomic("report.json", encode({"file": old.url_of("pg_authid.csv"),
        "started_at": "2026-01-01T00:00:00+00:00", "parameters": {"table": "pg_catalog.pg_authid"}}))  # fmt: skip
    _, page = live_airflow.call("GET", "/airvault/api/backups", user="op")
    shown = {e["report"]: e for e in page["exports"]}
    users = shown["exports/users/d/report.json"]
    assert users["withheld"] == ["encrypted_password"] and users["file"] and users["declared"]
    authid = shown["exports/pg_authid/old/report.json"]
    assert authid["declared"] is False and authid["file"] is None
