"""Copies in a second place (3-2-1): backups copied to further storages, checked there,
resumed after a fault, shown per copy, pruned per copy, and restorable when the primary root
is gone. Real PostgreSQL, real moto S3 behind a fault-injecting proxy, real Airflow."""

from __future__ import annotations

import os
import shutil
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import pytest
import yaml

from airvault.cli.main import main
from airvault.config import Config, load_config
from airvault.errors import ConfigError
from airvault.ops.copies import copy_states, open_sites, relative_to, sync
from airvault.ops.health import health_report
from airvault.ops.inventory import inventory
from airvault.storage.manifest import list_backups
from airvault.storage.store import open_store
from airvault.verify import verify_backup
from tests.dbutil import INFRA, table_checksums
from tests.s3_proxy import S3Proxy


def _config(path: Path, root: Path, copies: dict) -> Path:
    path.write_text(yaml.safe_dump({
        "version": 1, "storage": {"root": str(root)}, "copies": copies,
        "backup": {"exclude_tables": INFRA},
    }))  # fmt: skip
    return path


def _primary_with_demo(demo_backup, where: Path) -> Path:
    """A storage root of its own holding the session's demo backup (same signed bytes)."""
    demo_root = Path(demo_backup.url.removeprefix("file://")).parents[3]
    shutil.copytree(demo_root, where)
    return where


def _run(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out + out.err


@pytest.mark.parametrize(
    ("copies", "named"),
    [
        ({"offsite": {"url": "ftp://host/x"}}, "copies.offsite.url"),
        ({"offsite": {"url": "s3://"}}, "copies.offsite.url"),
        ({"offsite": {"url": "primary/sub"}}, "copies.offsite.url"),  # inside the root
        ({"a": {"url": "x"}, "b": {"url": "x/y"}}, "copies.b.url: x/y overlaps copies.a.url"),
        ({"offsite": {"url": "elsewhere", "kept_last": 3}}, "copies.offsite.kept_last"),
        (
            {"offsite": {"url": "elsewhere", "retention": {"full": {"keep_last": 0}}}},
            "copies.offsite.retention.full.keep_last",
        ),
        (
            {"offsite": {"url": "elsewhere", "max_size": {"full": "lots"}}},
            "copies.offsite.max_size.full",
        ),
        (
            {"offsite": {"url": "elsewhere", "max_size": {"weekly": "5GB"}}},
            "copies.offsite.max_size.weekly",
        ),
    ],
)
def test_copies_config_errors_name_the_key(tmp_path, copies, named):
    cfg = _config(tmp_path / "airvault.yaml", tmp_path / "primary", copies)
    with pytest.raises(ConfigError, match=named.replace(".", r"\.")):
        load_config(cfg)


def test_local_copy_listed_pruned_and_restores_exactly_when_primary_is_lost(
    demo_dsn, pg, tmp_path, capsys
):
    primary, offsite = tmp_path / "primary", tmp_path / "offsite"
    cfg = str(_config(tmp_path / "airvault.yaml", primary, {
        "offsite": {"url": str(offsite),
                    "retention": {"manual": {"keep_last": 1, "minimum_good": 0}}}}))  # fmt: skip

    # a backup goes to the root and, as the config has a copy, to the copy
    code, out = _run(capsys, "--config", cfg, "backup", "--dsn", demo_dsn)
    assert code == 0, out
    first = list_backups(open_store(primary))[0][0]
    rel = relative_to(open_store(primary), first.url)
    copied = offsite / rel
    assert (copied / "manifest.json").read_bytes() == (primary / rel / "manifest.json").read_bytes()
    code, out = _run(capsys, "--config", cfg, "check", "--dsn", demo_dsn)
    assert f"copy offsite: {offsite.as_uri()} (its own retention)" in out, out
    code, out = _run(capsys, "--config", cfg, "list")
    assert "offsite" in out.splitlines()[0]
    assert f"ok          {first.id}" in out  # the copy's column
    code, out = _run(capsys, "--config", cfg, "verify", first.id, "--copy", "offsite")
    assert code == 0 and f"{copied.as_uri()}: OK" in out, out

    # a second backup not copied yet is 'missing' in the copy; `airvault copy` brings it
    time.sleep(1.1)  # its folder (and start time) in another second than the first's
    code, out = _run(capsys, "--config", cfg, "backup", "--dsn", demo_dsn, "--no-copy")
    assert code == 0, out
    second = list_backups(open_store(primary))[0][0]
    assert second.id != first.id
    code, out = _run(capsys, "--config", cfg, "list", "--json")
    states = {r["id"]: r["copies"] for r in __import__("json").loads(out)}
    assert states == {first.id: {"offsite": "ok"}, second.id: {"offsite": "missing"}}
    code, out = _run(capsys, "--config", cfg, "copy")
    assert code == 0 and "offsite" in out, out

    # the copy's own retention (keep_last 1) deletes the older one there, not in the root
    code, out = _run(capsys, "--config", cfg, "prune")
    assert code == 0, out
    assert [b.id for b in list_backups(open_store(offsite))[0]] == [second.id]
    assert {b.id for b in list_backups(open_store(primary))[0]} == {first.id, second.id}

    # the primary root is lost entirely: the copy restores, exactly
    shutil.rmtree(primary)
    target = pg.dsn_for(f"from_copy_{os.getpid()}")
    code, out = _run(capsys, "--config", cfg, "restore", "--from", second.id, "--copy",
                     "offsite", "--mode", "new-database", "--dsn", target)  # fmt: skip
    assert code == 0, out
    assert _backed_up_tables(target) == _backed_up_tables(demo_dsn)


def test_a_copy_has_its_own_size_cap(demo_dsn, tmp_path, capsys):
    """copies.NAME.max_size: the copy drops its oldest backups to fit (never below
    minimum_good: the newest, verified there, stays); the primary, without a cap, keeps all."""
    primary, offsite = tmp_path / "primary", tmp_path / "offsite"
    cfg = str(_config(tmp_path / "airvault.yaml", primary, {
        "offsite": {"url": str(offsite), "max_size": {"manual": "1B"}}}))  # fmt: skip
    ids = []
    for _ in range(2):
        code, out = _run(capsys, "--config", cfg, "backup", "--dsn", demo_dsn)
        assert code == 0, out
        ids.append(list_backups(open_store(primary))[0][0].id)
        time.sleep(1.1)  # the next backup's folder in another second
    for backup_id in ids:  # verified in the copy: good backups there
        code, out = _run(capsys, "--config", cfg, "verify", backup_id, "--copy", "offsite")
        assert code == 0, out
    code, out = _run(capsys, "--config", cfg, "prune")
    assert code == 0, out
    assert "max_size" in out, out
    assert [b.id for b in list_backups(open_store(offsite))[0]] == [ids[1]]
    assert {b.id for b in list_backups(open_store(primary))[0]} == set(ids)


def _backed_up_tables(dsn: str) -> dict[str, str]:
    """Every table's content checksum but the infrastructure tables backups leave out (their
    schema comes back, empty)."""
    skipped = {f"public.{t}" for t in INFRA}
    found = {t: md5 for t, md5 in table_checksums(dsn).items() if t not in skipped}
    assert len(found) > 10
    return found


def test_s3_copy_cut_by_an_outage_is_incomplete_then_resumes_only_the_rest(
    demo_backup, demo_dsn, pg, s3_endpoint, tmp_path, monkeypatch
):
    import airvault.storage.store as store_module

    proxy = S3Proxy(s3_endpoint)
    monkeypatch.setenv("AWS_ENDPOINT_URL", proxy.url)
    # fewer retries than the default 10, so the outage outlasts them in a few seconds
    monkeypatch.setattr(store_module, "S3_RETRIES",
                        {"retries": {"max_attempts": 2, "mode": "standard"}})  # fmt: skip
    primary = open_store(_primary_with_demo(demo_backup, tmp_path / "primary"))
    bucket_url = f"s3://airvault-test/copies-{uuid.uuid4().hex[:8]}"
    config = Config.model_validate({"storage": {"root": primary.url},
                                    "copies": {"offsite": {"url": bucket_url}}})  # fmt: skip
    sites = open_sites(config, primary, lambda url, _conn: open_store(url))
    url = list_backups(primary)[0][0].url
    rel = relative_to(primary, url)
    total = len(primary.child(rel).list_files())

    proxy.outage_after = 40  # requests: a few files land, then S3 is down
    with pytest.raises(OSError, match="offsite"):
        sync(primary, sites, [rel])
    proxy.outage_after = None
    dest = sites[0].store.child(rel)
    landed = dest.list_files()
    assert 0 < len(landed) < total and "manifest.json" not in landed
    # never listed as a backup, nor as ok: incomplete, in every view
    assert copy_states(primary, [url], sites)[url] == {"offsite": "incomplete"}
    assert list_backups(sites[0].store) == ([], [dest.url])
    assert inventory(primary, copies=sites)[0][0].copies == {"offsite": "incomplete"}

    before = proxy.counts["forwarded"]
    done = sync(primary, sites, [rel])[0].folders[0]
    # only the rest was copied: what had landed whole was kept (checked, not written again)
    assert set(done.kept) <= set(landed) and len(done.kept) >= len(landed) - 1
    assert len(done.copied) + len(done.kept) == total - 1  # every file but the manifest
    assert copy_states(primary, [url], sites)[url] == {"offsite": "ok"}
    assert dest.read_bytes("manifest.json") == primary.child(rel).read_bytes("manifest.json")
    assert verify_backup(dest).ok  # the same signature verifies there
    print(f"resume: {len(done.copied)} files copied, {len(done.kept)} kept, "
          f"{proxy.counts['forwarded'] - before} requests")  # fmt: skip

    # and it restores exactly from S3
    target = pg.dsn_for(f"from_s3_copy_{os.getpid()}")
    from airvault.restore.run import restore

    restore(dest.url, target, mode="new-database")
    assert _backed_up_tables(target) == _backed_up_tables(demo_dsn)
    proxy.close()


def test_health_is_red_while_the_newest_backup_lacks_a_copy(
    demo_backup, demo_dsn, tmp_path, monkeypatch
):
    from airvault.archive.run import run_archive, verify_archive

    primary = open_store(_primary_with_demo(demo_backup, tmp_path / "primary"))
    config = Config.model_validate({"storage": {"root": primary.url},
                                    "copies": {"vault": {"url": str(tmp_path / "vault")}}})  # fmt: skip
    sites = open_sites(config, primary, lambda url, _conn: open_store(url))
    later = datetime.now(UTC) + timedelta(hours=2)  # past the copy's grace hour
    report = health_report(primary, {"full": 10**6}, now=later, write=False, copies=sites)
    assert not report.ok
    assert any("copy vault" in p and "missing" in p for p in report.problems), report.problems
    # a fresh backup on its way to the copies is not counted yet
    soon = health_report(primary, {"full": 10**6}, write=False, copies=sites,
                         now=datetime.fromisoformat(list_backups(primary)[0][0].started_at))  # fmt: skip
    assert soon.ok, soon.problems

    archive = run_archive(demo_dsn, primary)  # archives go too
    results = sync(primary, sites)
    assert [len(f.copied) > 0 for f in results[0].folders] == [True, True]
    report = health_report(primary, {"full": 10**6}, now=later, write=False, copies=sites)
    assert report.ok, report.problems
    assert report.copies == {"vault": {"ok": 1}}
    copied_archive = sites[0].store.child(relative_to(primary, archive.url or ""))
    assert verify_archive(copied_archive).ok
    again = sync(primary, sites)[0]  # nothing is missing: nothing is written
    assert again.files_copied == 0 and again.segments == 0

    # a copy that cannot be reached is red, and named, without hiding the others
    config = Config.model_validate({"storage": {"root": primary.url}, "copies": {
        "vault": {"url": str(tmp_path / "vault")}, "gone": {"url": "s3://no-such-bucket-x/p"}}})  # fmt: skip
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9")  # nothing listens there
    sites = open_sites(config, primary, lambda url, _conn: open_store(url))
    report = health_report(primary, {"full": 10**6}, now=later, write=False, copies=sites)
    assert report.copies == {"vault": {"ok": 1}, "gone": {"unreachable": 1}}
    assert not report.ok and "unreachable in copy gone" in " ".join(report.problems)


def test_full_backup_dag_copies_to_an_s3_copy_through_its_own_connection(
    airflow_db, demo_dsn, tmp_path, tmp_root, s3_endpoint, monkeypatch
):
    from tests.airflow.test_dags import load_dags
    from tests.airflow_env import set_postgres_connection, set_s3_connection, write_config

    set_postgres_connection("airvault_app_db", demo_dsn)
    set_s3_connection("offsite_s3", s3_endpoint)
    prefix = f"dag-copy-{uuid.uuid4().hex[:8]}"
    path = write_config(tmp_path / "airvault.yaml", f"file://{tmp_root}")
    data = yaml.safe_load(path.read_text())
    data["copies"] = {"offsite": {"url": f"s3://airvault-test/{prefix}", "conn_id": "offsite_s3"}}
    path.write_text(yaml.safe_dump(data))
    dag = load_dags(path)["full_backup_daily"]
    assert "verify" in dag.get_task("copy").upstream_task_ids  # copies get the verified bytes
    run = dag.test()
    assert run.state == "success", run.state
    monkeypatch.setenv("AWS_ENDPOINT_URL", s3_endpoint)  # the CLI's way to the same bucket
    copies, incomplete = list_backups(open_store(f"s3://airvault-test/{prefix}"))
    primary = list_backups(open_store(tmp_root))[0]
    assert [b.id for b in copies] == [b.id for b in primary] and not incomplete
    assert copies[0].verification is not None and copies[0].verification.ok  # verified bytes


def test_change_segments_are_copied_and_a_point_in_time_restores_from_the_copy_alone(
    pg, copy_of_demo, tmp_path
):
    import psycopg

    from airvault.capture.drain import drain
    from airvault.capture.segments import read_chain
    from airvault.restore.point_in_time import point_in_time_restore
    from tests.capture.test_capture import capturing, checksums, mark
    from tests.dbutil import backup

    dsn = copy_of_demo
    with capturing(dsn, tmp_path, "copies") as (slot, root):
        base = backup(dsn, root.url, capture_slot=slot)
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute("UPDATE deals SET amount = amount + 1")
        drain(dsn, root, slot, slot)
        config = Config.model_validate({"storage": {"root": root.url},
                                        "copies": {"dr": {"url": str(tmp_path / "dr")}}})  # fmt: skip
        sites = open_sites(config, root, lambda url, _conn: open_store(url))
        assert sync(root, sites, [relative_to(root, base.url)])[0].segments >= 1
        with psycopg.connect(dsn, autocommit=True) as conn:  # a later drain: only it goes
            conn.execute("UPDATE deals SET amount = amount + 2")
        final = mark(dsn)
        drain(dsn, root, slot, slot)
        assert sync(root, sites, rels=[])[0].segments == 1
        chain = read_chain(sites[0].store, slot)
        assert chain.problems == [] and len(chain.segments) == len(read_chain(root, slot).segments)

    shutil.rmtree(Path(root.root))  # the primary root is lost
    target = pg.dsn_for(f"pit_from_copy_{os.getpid()}")
    copied_base = sites[0].store.url_of(relative_to(root, base.url))
    point_in_time_restore(copied_base, target, "latest", mode="new-database")
    with psycopg.connect(target) as conn:
        assert checksums(conn) == final.sums


def test_the_pages_list_api_gives_each_backups_state_in_each_copy(
    pg, demo_dsn, demo_backup, tmp_path
):
    from tests.airflow.test_backups_page_s3 import LiveAPIServer
    from tests.airflow_env import write_config

    primary = open_store(_primary_with_demo(demo_backup, tmp_path / "primary"))
    config = write_config(tmp_path / "airvault.yaml", primary.url)
    data = yaml.safe_load(config.read_text())
    data["copies"] = {"vault": {"url": str(tmp_path / "vault")},
                      "usb": {"url": str(tmp_path / "usb")}}  # fmt: skip
    config.write_text(yaml.safe_dump(data))
    sites = open_sites(load_config(config), primary, lambda url, _conn: open_store(url))
    sync(primary, [s for s in sites if s.name == "vault"])  # usb: never copied
    server = LiveAPIServer(tmp_path / "airflow", pg.create_database(f"copies_meta_{os.getpid()}"),
                           demo_dsn, config)  # fmt: skip
    server.start()
    try:
        status, listing = server.call("GET", "/airvault/api/backups", user="viewer")
    finally:
        server.stop()
    assert status == 200, listing
    assert sorted(listing["copies"]) == ["usb", "vault"]
    assert [r["copies"] for r in listing["backups"]] == [{"vault": "ok", "usb": "missing"}]


def test_retention_dag_prunes_each_copy_by_its_own_rules(airflow_db, demo_backup, tmp_path):
    from airvault.ops.copies import copy_one
    from tests.airflow.test_dags import load_dags
    from tests.airflow_env import write_config

    root_folder = _primary_with_demo(demo_backup, tmp_path / "primary")
    newest = next((root_folder / "backups/full/all").iterdir())
    older = newest.with_name("2020-01-01T000000Z-0badc0de")  # the same backup, filed earlier
    shutil.copytree(newest, older)
    primary = open_store(root_folder)
    path = write_config(tmp_path / "airvault.yaml", primary.url)
    data = yaml.safe_load(path.read_text())
    data["retention"]["policies"] = {}  # the root keeps everything
    data["copies"] = {"vault": {"url": str(tmp_path / "vault"),
                                "retention": {"full": {"keep_last": 1, "minimum_good": 0}}}}  # fmt: skip
    path.write_text(yaml.safe_dump(data))
    site = open_sites(load_config(path), primary, lambda url, _conn: open_store(url))[0]
    for folder in (newest, older):
        copy_one(primary, relative_to(primary, f"{primary.url}/{folder.relative_to(root_folder)}"),
                 site)  # fmt: skip
    assert len(list_backups(site.store)[0]) == 2

    run = load_dags(path)["retention_cleanup"].test()
    assert run.state == "success", run.state
    assert [Path(b.url or "").name for b in list_backups(site.store)[0]] == [newest.name]
    assert len(list_backups(primary)[0]) == 2


def test_the_restore_dag_restores_from_a_copy_when_the_root_is_lost(
    airflow_db, new_db, pg, tmp_path, monkeypatch
):
    """The restore DAG (dag.test) with the Param copy=offsite and the backup's URL as the
    root listed it, the root deleted: the copy's backup restores exactly. A URL under the
    copy's root is accepted as well; one under neither root is refused, naming the Param."""
    from airvault.airflow.hook import AirvaultHook
    from airvault.storage.confine import NotInStorage
    from tests.airflow.test_dags import load_dags
    from tests.airflow_env import set_postgres_connection, write_config
    from tests.dbutil import backup

    source = new_db("copy_dag")
    with psycopg.connect(source) as conn:
        conn.execute("CREATE TABLE notes AS SELECT g AS id, md5(g::text) AS body "
                     "FROM generate_series(1, 2000) g")  # fmt: skip
        conn.execute("ALTER TABLE notes ADD PRIMARY KEY (id)")
    primary = open_store(tmp_path / "primary")
    backup(source, primary.url)
    offsite = tmp_path / "offsite"
    path = write_config(tmp_path / "airvault.yaml", primary.url)
    data = yaml.safe_load(path.read_text())
    data["copies"] = {"offsite": {"url": f"file://{offsite}"}}
    path.write_text(yaml.safe_dump(data))
    config = load_config(path)
    url = list_backups(primary)[0][0].url
    rel = relative_to(primary, url)
    sync(primary, open_sites(config, primary, lambda u, _conn: open_store(u)), [rel])
    shutil.rmtree(primary.root)  # the storage root is lost

    hook = AirvaultHook(config=config)
    assert hook.backup_source(f"file://{offsite}/{rel}").url == f"file://{offsite}/{rel}"
    shutil.copytree(offsite, tmp_path / "elsewhere")
    for outside in (f"file://{tmp_path}/elsewhere/{rel}", f"{offsite}/../elsewhere/{rel}"):
        with pytest.raises(NotInStorage, match="^backup_url: "):
            hook.backup_source(outside)
    with pytest.raises(Exception, match="copy 'nearby' is not in the config's copies"):
        hook.backup_source(url, copy="nearby")

    target = pg.dsn_for(f"dag_from_copy_{os.getpid()}")
    monkeypatch.setenv("AIRFLOW_CONN_AIRVAULT_APP_DB", "")
    set_postgres_connection("airvault_app_db", target)
    conf = {"backup_url": url, "copy": "offsite", "mode": "new-database", "dry_run": False,
            "confirm": "RESTORE"}  # fmt: skip
    run = load_dags(path)["restore"].test(run_conf=conf)
    states = {ti.task_id: ti.state for ti in run.get_task_instances()}
    assert states == {t: "success" for t in ("verify", "plan", "safety_backup", "apply", "check")}
    assert table_checksums(target) == table_checksums(source)
