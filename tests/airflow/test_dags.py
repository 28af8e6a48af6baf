"""The DAGs, run for real: DagBag parsing and `dag.test()` against a migrated metadata DB."""

from __future__ import annotations

import json
import os

import pytest

from airvault.storage.manifest import list_backups
from airvault.storage.store import open_store
from airvault.verify import verify_backup
from tests.airflow_env import ROOT, set_postgres_connection, set_s3_connection, write_config
from tests.dbutil import first_org


def load_dags(config_path) -> dict:
    from airflow.dag_processing.dagbag import DagBag

    os.environ["AIRVAULT_CONFIG"] = str(config_path)
    bag = DagBag(dag_folder=str(ROOT / "dags"))
    assert bag.import_errors == {}, bag.import_errors
    return bag.dags


def test_every_dag_imports_quickly(tmp_path, tmp_root):
    from airflow.dag_processing.dagbag import DagBag

    config = write_config(tmp_path / "airvault.yaml", f"file://{tmp_root}")
    dags = load_dags(config)
    assert {"full_backup_daily", "full_backup_weekly", "restore"} <= set(dags)
    # Parse time as the dag-processor measures it (a warm process): well inside its timeout.
    stats = DagBag(dag_folder=str(ROOT / "dags")).dagbag_stats
    parse_s = sum(s.duration.total_seconds() for s in stats)
    print(f"dags folder parse time: {parse_s:.3f}s")
    assert parse_s < 2, f"parsing the dags folder took {parse_s:.1f}s"
    daily = dags["full_backup_daily"]
    assert daily.max_active_runs == 1
    assert daily.get_task("backup").pool == "airvault_app_db"
    assert daily.get_task("backup").retry_exponential_backoff == 2.0


def test_broken_config_is_an_import_error_naming_the_key(tmp_path):
    from airflow.dag_processing.dagbag import DagBag

    bad = tmp_path / "airvault.yaml"
    bad.write_text("version: 1\nbackup:\n  workers: many\n")
    os.environ["AIRVAULT_CONFIG"] = str(bad)
    bag = DagBag(dag_folder=str(ROOT / "dags"))
    errors = " ".join(bag.import_errors.values())
    assert "backup.workers" in errors


def _run_daily(config_path) -> None:
    dag = load_dags(config_path)["full_backup_daily"]
    run = dag.test()
    assert run.state == "success", run.state


def test_full_backup_daily_to_local_folder(airflow_db, demo_dsn, tmp_path, tmp_root):
    set_postgres_connection("airvault_app_db", demo_dsn)
    _run_daily(write_config(tmp_path / "airvault.yaml", f"file://{tmp_root}"))
    backups, incomplete = list_backups(open_store(tmp_root))
    assert len(backups) == 1 and not incomplete
    assert backups[0].kind == "full"
    names = {t.name for t in backups[0].tables}
    assert "contacts" in names and "sync_sessions" not in names
    assert verify_backup(open_store(backups[0].url)).ok
    # The completed backup was announced as an Asset event carrying its id and URL.
    from airflow.models.asset import AssetEvent
    from airflow.utils.session import create_session

    with create_session() as session:
        events = session.query(AssetEvent).all()
        extras = [e.extra for e in events if e.asset.uri == "airvault://backups/full"]
    assert {"id": backups[0].id, "url": backups[0].url}.items() <= extras[-1].items()


def test_full_backup_daily_to_s3(airflow_db, demo_dsn, tmp_path, s3_endpoint):
    set_postgres_connection("airvault_app_db", demo_dsn)
    set_s3_connection("airvault_s3", s3_endpoint)
    _run_daily(
        write_config(tmp_path / "airvault.yaml", "s3://airvault-test/dag-test", "airvault_s3")
    )
    os.environ["AWS_ENDPOINT_URL"] = s3_endpoint
    try:
        backups, _ = list_backups(open_store("s3://airvault-test/dag-test"))
        assert len(backups) == 1
        report = verify_backup(open_store(backups[0].url))
    finally:
        del os.environ["AWS_ENDPOINT_URL"]
    assert report.ok, report.problems
    assert report.rows == sum(t.rows for t in backups[0].tables) > 4402


@pytest.fixture(autouse=True)
def _restore_env(restored_env):
    """Every test here sets connections in os.environ: each starts from the same one."""


def _in_root(backup, root) -> str:
    """A copy of `backup` in the storage root (the restore DAG reads only from there)."""
    import shutil
    from pathlib import Path

    folder = Path(backup.url.removeprefix("file://"))
    dest = Path(root) / "backups" / "full" / "all" / folder.name
    if not dest.exists():
        shutil.copytree(folder, dest)
    return f"file://{dest}"


def _kinds(root) -> list[str]:
    return sorted(b.kind for b in list_backups(open_store(root))[0])


def test_restore_dag_dry_run_writes_nothing_then_applies(
    airflow_db, copy_of_demo, demo_backup, tmp_path, tmp_root
):
    from tests.dbutil import table_checksums
    from tests.restore.test_restore import mutate

    set_postgres_connection("airvault_app_db", copy_of_demo)
    config = write_config(tmp_path / "airvault.yaml", f"file://{tmp_root}")
    mutate(copy_of_demo)
    before = table_checksums(copy_of_demo)
    dag = load_dags(config)["restore"]
    url = _in_root(demo_backup, tmp_root)
    conf = {"backup_url": url, "mode": "replace", "tables": "", "module": ""}
    run = dag.test(run_conf={**conf, "dry_run": True})
    assert run.state == "success"
    states = {ti.task_id: ti.state for ti in run.get_task_instances()}
    assert states["plan"] == "success" and states["apply"] == "skipped"
    assert table_checksums(copy_of_demo) == before
    assert _kinds(tmp_root) == ["full"]  # no safety backup either

    run = load_dags(config)["restore"].test(
        run_conf={**conf, "dry_run": False, "confirm": "RESTORE"}
    )
    assert run.state == "success"
    states = {ti.task_id: ti.state for ti in run.get_task_instances()}
    assert states == {t: "success" for t in ("verify", "plan", "safety_backup", "apply", "check")}
    assert _kinds(tmp_root) == ["full", "pre-restore"]
    assert table_checksums(copy_of_demo) != before
    assert contents_equal(copy_of_demo, demo_backup, tmp_path)


def contents_equal(dsn, expected, tmp_path) -> bool:
    from tests.dbutil import backup

    again = backup(dsn, tmp_path / "again")
    return {t.file: t.content_sha256 for t in again.manifest.tables} == {
        t.file: t.content_sha256 for t in expected.manifest.tables
    }


def test_restore_dag_links_the_safety_backup_to_the_restore(
    airflow_db, copy_of_demo, demo_backup, tmp_path, tmp_root
):
    set_postgres_connection("airvault_app_db", copy_of_demo)
    config = write_config(tmp_path / "airvault.yaml", f"file://{tmp_root}")
    conf = {"backup_url": _in_root(demo_backup, tmp_root), "mode": "merge", "tables": "deals",
            "dry_run": False}  # fmt: skip
    run = load_dags(config)["restore"].test(run_conf={**conf, "confirm": "RESTORE"})
    assert run.state == "success"
    applied = run.get_task_instance("apply").xcom_pull(task_ids="apply")
    safety = [b for b in list_backups(open_store(tmp_root))[0] if b.kind == "pre-restore"]
    assert len(safety) == 1 and safety[0].restore.id == applied["restore_id"]
    assert {t.name for t in safety[0].tables} == {
        t["table"].split(".", 1)[1] for t in applied["tables"]
    }


def _refused(run, capfd, *words: str) -> str:
    """The run failed in its first task, nothing after it ran; the task's error says `words`."""
    assert run.state == "failed"
    states = {ti.task_id: ti.state for ti in run.get_task_instances()}
    first = "verify"
    assert states[first] == "failed", states
    assert all(s in ("upstream_failed", None) for t, s in states.items() if t != first), states
    out = capfd.readouterr()
    text = out.out + out.err
    for word in words:
        assert word in text, (word, text[-3000:])
    return text


def test_restore_dag_refuses_a_password_or_a_dsn_in_run_conf_before_anything_runs(
    airflow_db, copy_of_demo, demo_backup, tmp_path, tmp_root, capfd
):
    """Run conf is stored with the run and readable by anyone who may read runs: a password
    there is refused by the first task, before anything is read or written, and the error
    names the key, never the password. The target is a connection, not a DSN."""
    from psycopg.conninfo import conninfo_to_dict

    from tests.dbutil import table_checksums
    from tests.restore.test_restore import mutate

    set_postgres_connection("airvault_app_db", copy_of_demo)
    config = write_config(tmp_path / "airvault.yaml", f"file://{tmp_root}")
    mutate(copy_of_demo)
    before = table_checksums(copy_of_demo)
    info = conninfo_to_dict(copy_of_demo)
    uri = f"postgresql://{info.get('user', 'postgres')}:hunter2@{info['host']}:{info['port']}/{info['dbname']}"
    keywords = f"host={info['host']} port={info['port']} dbname={info['dbname']} password=hunter2"
    apply = {"backup_url": _in_root(demo_backup, tmp_root), "mode": "replace", "dry_run": False,
             "confirm": "RESTORE"}  # fmt: skip
    dag = load_dags(config)["restore"]
    capfd.readouterr()
    for bad in ({"target_dsn": uri}, {"target_dsn": keywords}, {"notes": {"db": uri}}):
        key = "notes.db" if "notes" in bad else "target_dsn"
        text = _refused(dag.test(run_conf={**apply, **bad}), capfd,
                        f"run conf key '{key}' holds a password", "target_conn_id")  # fmt: skip
        assert "refused" in text
    # a DSN without a password is no target either: only connections the config names
    no_password = f"host={info['host']} port={info['port']} dbname={info['dbname']}"
    _refused(dag.test(run_conf={**apply, "target_dsn": no_password}), capfd,
             "target_dsn is not accepted any more", "target_conn_id (airvault_app_db)")  # fmt: skip
    assert table_checksums(copy_of_demo) == before  # nothing written
    assert _kinds(tmp_root) == ["full"]  # not even a safety backup


def test_restore_dag_target_is_a_connection_the_config_names(
    airflow_db, pg, copy_of_demo, demo_backup, tmp_path, tmp_root
):
    import psycopg
    import yaml
    from airflow.exceptions import ParamValidationError

    set_postgres_connection("airvault_app_db", copy_of_demo)
    name = f"restore_target_{os.getpid()}_{tmp_path.name[-6:]}".lower()
    set_postgres_connection("airvault_restore_copy", pg.dsn_for(name))
    set_postgres_connection("airvault_not_named", pg.dsn_for(name))
    config = write_config(tmp_path / "airvault.yaml", f"file://{tmp_root}")
    data = yaml.safe_load(config.read_text())
    data["connections"]["restore_targets"] = ["airvault_restore_copy"]
    config.write_text(yaml.safe_dump(data))
    dag = load_dags(config)["restore"]
    assert dag.params["target_conn_id"] == "airvault_app_db"  # the default: the app database
    url = _in_root(demo_backup, tmp_root)
    conf = {"backup_url": url, "mode": "new-database", "dry_run": False, "confirm": "RESTORE"}
    # a connection the config does not name is refused when the run is created
    with pytest.raises(ParamValidationError, match="target_conn_id"):
        dag.test(run_conf={**conf, "target_conn_id": "airvault_not_named"})
    with psycopg.connect(pg.dsn_for("postgres")) as conn:
        assert not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
    # one it names: new-database creates the database of that connection from the backup
    run = dag.test(run_conf={**conf, "target_conn_id": "airvault_restore_copy"})
    assert run.state == "success"
    assert contents_equal(pg.dsn_for(name), demo_backup, tmp_path)


def test_restore_dag_reads_only_the_storage_root_through_its_own_connection(
    airflow_db, copy_of_demo, demo_backup, tmp_path, s3_endpoint, capfd
):
    """`s3://<another connection>@bucket/...` would borrow that connection's credentials: it
    is refused before any request is made with them (a server behind that connection counts
    requests: none); so are URLs outside the storage root, `..` and the root itself."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from tests.dbutil import table_checksums

    hits = []

    class Counting(BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(403)
            self.end_headers()

        do_HEAD = do_PUT = do_POST = do_GET

        def log_message(self, *args):
            pass

    other = ThreadingHTTPServer(("127.0.0.1", 0), Counting)
    threading.Thread(target=other.serve_forever, daemon=True).start()
    try:
        set_postgres_connection("airvault_app_db", copy_of_demo)
        set_s3_connection("airvault_s3", s3_endpoint)
        set_s3_connection("other_s3", f"http://127.0.0.1:{other.server_port}")
        config = write_config(tmp_path / "airvault.yaml", "s3://airvault-test/restore-dag",
                              "airvault_s3")  # fmt: skip
        folder = demo_backup.url.rsplit("/", 1)[1]
        before = table_checksums(copy_of_demo)
        dag = load_dags(config)["restore"]
        capfd.readouterr()
        apply = {"mode": "replace", "dry_run": False, "confirm": "RESTORE"}
        cases = [
            (f"s3://other_s3@airvault-test/restore-dag/backups/full/all/{folder}",
             "names the Airflow connection 'other_s3'"),
            (f"s3://airvault-test/elsewhere/backups/full/all/{folder}", "is not under the storage root"),
            (demo_backup.url, "is not under the storage root"),
            (f"s3://airvault-test/restore-dag/backups/../../x/backups/full/all/{folder}", "'..' is not allowed"),
            ("s3://airvault_s3@airvault-test/restore-dag/", "is the storage root itself"),
            ("s3://airvault-test/restore-dag/exports/contacts", "is not a backup or upload folder"),
        ]  # fmt: skip
        for url, why in cases:
            run = dag.test(run_conf={**apply, "backup_url": url})
            assert hits == [], url  # the other connection's endpoint never got a request
            _refused(run, capfd, why)
        assert table_checksums(copy_of_demo) == before
        # verify_backup reads through the same gate
        verify = load_dags(config)["verify_backup"]
        run = verify.test(run_conf={"backup_url": cases[0][0]})
        assert run.state == "failed" and hits == []
    finally:
        other.shutdown()


def test_every_module_backup_dag_holds_exactly_its_module(airflow_db, demo_dsn, tmp_path, tmp_root):
    import psycopg

    from airvault.config import load_config

    set_postgres_connection("airvault_app_db", demo_dsn)
    config = write_config(tmp_path / "airvault.yaml", f"file://{tmp_root}")
    dags = load_dags(config)
    modules = load_config(config).modules
    assert len(modules) >= 5
    for name, module in modules.items():
        run = dags[f"module_backup_{name}"].test()
        assert run.state == "success", name
        backup = next(b for b in list_backups(open_store(tmp_root))[0] if b.scope == name)
        assert backup.kind == "module"
        assert backup.label.startswith(f"{name.title()} module backup")
        counts = {t.name: t.rows for t in backup.tables}
        with psycopg.connect(demo_dsn) as conn:
            source = {
                t: conn.execute(f"SELECT count(*) FROM public.{t}").fetchone()[0]
                for t in module.tables
            }
        assert counts == source, name  # exactly the module's tables, every row
        assert backup.modules[name].rows == sum(source.values())
    deals = next(b for b in list_backups(open_store(tmp_root))[0] if b.scope == "deals")
    # the parents it points at but does not hold are recorded for restores
    assert {"public.accounts", "public.contacts", "public.products", "public.users"} <= set(
        deals.references
    )


def test_tenant_backup_dag_from_the_config(airflow_db, demo_dsn, tmp_path, tmp_root):
    set_postgres_connection("airvault_app_db", demo_dsn)
    config = write_config(tmp_path / "airvault.yaml", f"file://{tmp_root}")
    run = load_dags(config)["tenant_backup_demo_org_1"].test()
    assert run.state == "success"
    (backup,), _ = list_backups(open_store(tmp_root))
    assert (backup.kind, backup.scope) == ("tenant", "demo_org_1")
    tenant = backup.row_rules.tenant.id
    import psycopg

    with psycopg.connect(demo_dsn) as conn:
        expected = conn.execute(
            "SELECT count(*) FROM contacts WHERE organization_id = %s", (tenant,)
        ).fetchone()[0]
    contacts = next(t for t in backup.tables if t.name == "contacts")
    assert contacts.rows == expected > 0
    assert backup.modules["contacts"].rows == expected
    assert backup.verification.ok  # the verify task recorded its result


def test_module_naming_a_missing_table_fails_the_first_task_naming_it(
    airflow_db, demo_dsn, tmp_path, tmp_root, capfd
):
    import yaml

    set_postgres_connection("airvault_app_db", demo_dsn)
    config = write_config(tmp_path / "airvault.yaml", f"file://{tmp_root}")
    data = yaml.safe_load(config.read_text())
    data["modules"]["quotes"] = {"tables": ["quotes_v2"]}
    config.write_text(yaml.safe_dump(data))
    run = load_dags(config)["module_backup_quotes"].test()
    assert run.state == "failed"
    assert run.get_task_instance("backup").state == "failed"
    out = capfd.readouterr()
    assert "no such table to back up: quotes_v2" in out.out + out.err
    assert list_backups(open_store(tmp_root)) == ([], [])


def test_encrypted_full_backup_with_the_key_in_an_airflow_connection(
    airflow_db, demo_dsn, tmp_path, tmp_root
):
    import json

    import yaml

    from airvault.storage.crypto import new_key_text, parse_key

    key_text = new_key_text()
    set_postgres_connection("airvault_app_db", demo_dsn)
    os.environ["AIRFLOW_CONN_AIRVAULT_ENCRYPTION"] = json.dumps(
        {"conn_type": "generic", "password": key_text}
    )
    config = write_config(tmp_path / "airvault.yaml", f"file://{tmp_root}")
    data = yaml.safe_load(config.read_text())
    data["encryption"] = {"enabled": True}
    config.write_text(yaml.safe_dump(data))
    _run_daily(config)  # backup, then verify (which decrypts with the connection's key)
    (backup,), _ = list_backups(open_store(tmp_root))
    assert backup.encryption.key_fingerprint == parse_key(key_text).fingerprint
    assert backup.verification.ok
    for f in tmp_root.rglob("*"):  # the key itself is written nowhere
        assert not f.is_file() or key_text.encode() not in f.read_bytes()


def test_pg_dump_archive_dag_on_s3_gives_working_links(airflow_db, demo_dsn, tmp_path, s3_endpoint):
    import json
    import urllib.request

    set_postgres_connection("airvault_app_db", demo_dsn)
    set_s3_connection("airvault_s3", s3_endpoint)
    config = write_config(
        tmp_path / "airvault.yaml", "s3://airvault-test/archive-dag", "airvault_s3"
    )
    import boto3
    import yaml

    # a storage bucket of the app in S3, read through the same Airflow connection
    boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1").put_object(
        Bucket="airvault-test", Key="appfiles/avatars/u1.png", Body=b"\x89PNG fake"
    )
    data = yaml.safe_load(config.read_text())
    data["archive"] = {"buckets": {"avatars": "s3://airvault-test/appfiles/avatars"}}
    config.write_text(yaml.safe_dump(data))
    run = load_dags(config)["pg_dump_archive"].test()
    assert run.state == "success"
    links = run.get_task_instance("links").xcom_pull(task_ids="links")
    assert links["expires_in_s"] == 15 * 60
    manifest = json.loads(urllib.request.urlopen(links["links"]["manifest.json"]).read())
    dump = urllib.request.urlopen(links["links"]["db/database.pgdump"]).read()
    entry = next(f for f in manifest["files"] if f["path"] == "db/database.pgdump")
    import hashlib

    assert hashlib.sha256(dump).hexdigest() == entry["sha256"]
    assert manifest["auth"]["rows"] > 0 and not manifest["auth"]["secrets_included"]
    assert manifest["storage"]["avatars"]["files"] == 1
    png = urllib.request.urlopen(links["links"]["storage/avatars/u1.png"]).read()
    assert png == b"\x89PNG fake"


def test_backup_diff_dag_keeps_summary_and_details_in_storage(
    airflow_db, demo_dsn, copy_of_demo, demo_backup, tmp_path, tmp_root
):
    import json
    import shutil

    import psycopg

    from tests.dbutil import backup

    with psycopg.connect(copy_of_demo) as conn:
        conn.execute("DELETE FROM bids WHERE id IN (SELECT id FROM bids ORDER BY id LIMIT 4)")
    after = backup(copy_of_demo, tmp_root)
    config = write_config(tmp_path / "airvault.yaml", f"file://{tmp_root}")
    dag = load_dags(config)["backup_diff"]
    # a backup outside the storage root is refused: Params never name a path on the worker
    outside = dag.test(run_conf={"a": demo_backup.url, "b": after.url})
    assert outside.state == "failed"
    assert not (tmp_root / "diffs").exists()
    before = demo_backup.url.removeprefix("file://")
    inside = tmp_root / before.split("/backups/", 1)[1].join(["backups/", ""])
    shutil.copytree(before, inside)
    run = dag.test(run_conf={"a": f"file://{inside}", "b": after.url})
    assert run.state == "success"
    report = run.get_task_instance("diff").xcom_pull(task_ids="diff")
    assert report["tables"]["public.bids"]["removed"] == 4
    folder = tmp_root / "diffs" / f"{demo_backup.id}-{after.id}"
    assert (
        json.loads((folder / "summary.json").read_text())["tables"]["public.bids"]["removed"] == 4
    )
    details = (folder / "details.csv").read_text().splitlines()
    assert details[0] == "table,change,primary_key,columns_changed" and len(details) == 5


def test_export_dag_on_s3_gives_a_readable_file_and_a_link(
    airflow_db, demo_dsn, tmp_path, s3_endpoint
):
    import csv
    import io
    import re
    import urllib.request

    set_postgres_connection("airvault_app_db", demo_dsn)
    set_s3_connection("airvault_s3", s3_endpoint)
    config = write_config(
        tmp_path / "airvault.yaml", "s3://airvault-test/exports-dag", "airvault_s3"
    )
    dags = load_dags(config)
    assert "export_contacts_weekly" in dags  # the recurring export of the shipped config
    import psycopg

    with psycopg.connect(demo_dsn) as conn:
        tenant, count = conn.execute(
            "SELECT organization_id::text, count(*) FROM leads GROUP BY 1 ORDER BY 1 LIMIT 1"
        ).fetchone()
    conf = {"dataset": "leads", "tenant": tenant, "short_ids": True}
    run = dags["export"].test(run_conf=conf)
    assert run.state == "success"
    (report,) = run.get_task_instance("export").xcom_pull(task_ids="export")
    assert report["rows"] == count and report["triggered_by"] == "dag_test"
    rows = list(csv.DictReader(io.StringIO(urllib.request.urlopen(report["link"]).read().decode())))
    assert len(rows) == count and {r["organization_id"] for r in rows} == {tenant[:8]}
    uuid = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
    owners = {r["lead_owner"] for r in rows if r["lead_owner"]}
    assert owners and not any(uuid.fullmatch(o) for o in owners)  # display names, not ids


def test_import_dag_rejects_a_bad_file_and_loads_a_good_one(
    airflow_db, copy_of_demo, tmp_path, tmp_root
):
    import psycopg

    set_postgres_connection("airvault_app_db", copy_of_demo)
    org = first_org(copy_of_demo)
    incoming = tmp_root / "imports" / "incoming"
    incoming.mkdir(parents=True)
    (incoming / "bad.csv").write_text("id,organization_id,sku,name,price,stock\n"
                                      f"not-a-uuid,{org},X1,Thing,9.99,3\n")  # fmt: skip
    (incoming / "good.csv").write_text("id,organization_id,sku,name,price,stock\n"
                                       f"bbbbbbbb-0000-0000-0000-000000000001,{org},NEW-1,Thing,9.99,3\n")  # fmt: skip
    dag = load_dags(write_config(tmp_path / "airvault.yaml", f"file://{tmp_root}"))["import"]
    failed = dag.test(run_conf={"file": "imports/incoming/bad.csv", "table": "products"})
    assert failed.state == "failed"
    assert list((tmp_root / "imports" / "rejects").glob("*.csv"))
    done = dag.test(run_conf={"file": "imports/incoming/good.csv", "table": "products"})
    assert done.state == "success"
    assert (tmp_root / "imports" / "processed" / "good.csv").exists()
    reports = [json.loads(p.read_text()) for p in (tmp_root / "imports" / "reports").glob("*.json")]
    assert {r["status"] for r in reports} == {"failed", "success"}
    assert {r["triggered_by"] for r in reports} == {"dag_test"}
    with psycopg.connect(copy_of_demo) as conn:
        assert (
            conn.execute("SELECT name FROM products WHERE sku = 'NEW-1'").fetchone()[0] == "Thing"
        )


def test_import_incoming_loads_files_that_land_per_table(
    airflow_db, copy_of_demo, tmp_path, tmp_root
):
    import psycopg
    import yaml

    set_postgres_connection("airvault_app_db", copy_of_demo)
    org = first_org(copy_of_demo)
    landed = tmp_root / "imports" / "incoming" / "products"
    landed.mkdir(parents=True)
    header = "id,organization_id,sku,name,price,stock\n"
    (landed / "a.csv").write_text(
        header + f"cccccccc-0000-0000-0000-000000000001,{org},W-1,A,1.50,2\n"
    )
    (landed / "b.csv").write_text(
        header + f"cccccccc-0000-0000-0000-000000000002,{org},W-2,B,2.50,4\n"
    )
    (landed / "bad.csv").write_text(
        header + f"cccccccc-0000-0000-0000-000000000003,{org},W-3,C,cheap,1\n"
    )
    config = write_config(tmp_path / "airvault.yaml", f"file://{tmp_root}")
    data = yaml.safe_load(config.read_text())
    data["import_watch"]["enabled"] = True
    config.write_text(yaml.safe_dump(data))
    dags = load_dags(config)
    assert (
        "import_incoming" in dags
        and dags["import_incoming"].get_task("wait_for_files").deferrable  # no worker held
    )
    assert dags["import_incoming"].test().state == "failed"  # bad.csv's task failed, not the others
    assert [p.name for p in (tmp_root / "imports" / "failed" / "products").iterdir()] == ["bad.csv"]
    assert sorted(p.name for p in (tmp_root / "imports" / "processed" / "products").iterdir()) == [
        "a.csv",
        "b.csv",
    ]
    assert not list(landed.iterdir())
    with psycopg.connect(copy_of_demo) as conn:
        names = conn.execute(
            "SELECT name FROM products WHERE sku LIKE 'W-%' ORDER BY sku"
        ).fetchall()
    assert names == [("A",), ("B",)]


def test_import_incoming_is_absent_unless_enabled(tmp_path, tmp_root):
    assert "import_incoming" not in load_dags(
        write_config(tmp_path / "airvault.yaml", f"file://{tmp_root}")
    )
