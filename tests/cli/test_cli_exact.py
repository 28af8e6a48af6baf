"""The CLI exactly as docs/cli.md shows it, with and without a config, on the demo and on the
schema zoo: `airvault backup --dsn DSN --to URL`, then a new-database restore (or an archive
and archive-restore) gives the same rows in every table."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.zoo import PG_DUMP_DIFFERENCES, create_zoo, fingerprint

CLI = str(Path(sys.executable).parent / "airvault")
INFRA = {
    "public.sync_sessions",
    "public.sync_nodes",
    "public.offline_queue",
    "public.data_snapshots",
}


def run(*args: str, config: str | None = None, cwd: Path | None = None) -> str:
    """Run the CLI; `config` None means no config at all (as on a machine with only the CLI)."""
    env = {**os.environ, "AIRVAULT_CONFIG": config or "/nonexistent/airvault.yaml"}
    out = subprocess.run([CLI, *args], capture_output=True, text=True, env=env, cwd=cwd)
    assert out.returncode == 0, f"airvault {' '.join(args)}: {out.stderr}"
    return out.stdout


def _tables(dsn: str) -> dict:
    tables = fingerprint(dsn)["tables"]
    return {k: v for k, v in tables.items() if k not in PG_DUMP_DIFFERENCES["tables"]}


@pytest.fixture(scope="module")
def zoo_db(pg):
    dsn = pg.create_database(f"zoo_cli_{os.getpid()}")
    create_zoo(dsn, f"c{os.getpid()}")
    return dsn


@pytest.mark.parametrize("source", ["demo", "zoo"])
def test_backup_to_a_folder_without_a_config_restores_every_table(
    pg, demo_dsn, zoo_db, tmp_path, source
):
    dsn = demo_dsn if source == "demo" else zoo_db
    out = run("backup", "--dsn", dsn, "--to", str(tmp_path))
    url = out.strip().splitlines()[-1]
    manifest = json.loads(Path(url.removeprefix("file://"), "manifest.json").read_text())
    assert manifest["all_schemas"] and manifest["excluded_tables"] == []
    target = pg.dsn_for(f"cli_{source}_{os.getpid()}")
    run("restore", "--from", url, "--dsn", target, "--mode", "new-database", "--yes")
    assert _tables(target) == _tables(dsn)
    assert run("verify", url).count("OK") == 1


def test_the_config_applies_with_to_and_the_result_restores(pg, demo_dsn, tmp_path):
    config = str(Path(__file__).resolve().parents[2] / "airvault.yaml")
    url = run("backup", "--dsn", demo_dsn, "--to", str(tmp_path), config=config).split()[-1]
    manifest = json.loads(Path(url.removeprefix("file://"), "manifest.json").read_text())
    assert {f"public.{t}" for t in manifest["excluded_tables"]} | set(
        manifest["excluded_tables"]
    ) >= INFRA
    target = pg.dsn_for(f"cli_config_{os.getpid()}")
    run("restore", "--from", url, "--dsn", target, "--mode", "new-database", "--yes")
    restored, source = _tables(target), _tables(demo_dsn)
    assert {k: v for k, v in restored.items() if k not in INFRA} == {
        k: v for k, v in source.items() if k not in INFRA
    }
    assert all(restored[t]["rows"] == 0 for t in INFRA)  # their schema, not their rows


def test_a_tenant_backup_from_the_cli_restores_into_a_new_database(pg, demo_dsn, tmp_path):
    import psycopg

    from airvault.restore.run import check_restored

    with psycopg.connect(demo_dsn) as conn:
        org = str(conn.execute("SELECT id FROM organizations ORDER BY slug LIMIT 1").fetchone()[0])
    config = str(Path(__file__).resolve().parents[2] / "airvault.yaml")
    url = run("backup", "--dsn", demo_dsn, "--to", str(tmp_path), "--tenant", org,
              config=config).split()[-1]  # fmt: skip
    target = pg.dsn_for(f"cli_tenant_{os.getpid()}")
    run("restore", "--from", url, "--dsn", target, "--mode", "new-database", "--yes")
    manifest = json.loads(Path(url.removeprefix("file://"), "manifest.json").read_text())
    tables = [f"{t['schema']}.{t['name']}" for t in manifest["tables"]]
    assert check_restored(url, target, tables) == []
    with psycopg.connect(target) as conn:
        orgs = conn.execute("SELECT DISTINCT organization_id::text FROM contacts").fetchall()
    assert orgs == [(org,)]


@pytest.mark.parametrize("source", ["demo", "zoo"])
def test_an_archive_from_the_cli_round_trips(pg, demo_dsn, zoo_db, tmp_path, source):
    dsn = demo_dsn if source == "demo" else zoo_db
    url = run("archive", "--dsn", dsn, "--to", str(tmp_path)).split()[-1]
    target = pg.dsn_for(f"cli_archive_{source}_{os.getpid()}")
    run("archive-restore", "--from", url, "--dsn", target)
    restored, original = _tables(target), _tables(dsn)
    # auth.users comes back from its JSON without the password hashes (include_secrets off)
    assert {k: v for k, v in restored.items() if k != "auth.users"} == {
        k: v for k, v in original.items() if k != "auth.users"
    }
    assert restored["auth.users"]["rows"] == original["auth.users"]["rows"]
    if source == "zoo":
        a, b = fingerprint(dsn), fingerprint(target)
        assert a["owners"] == b["owners"] and a["acls"] == b["acls"]


def test_without_a_config_a_dry_run_plans_and_a_replace_asks_where_the_safety_backup_goes(
    copy_of_demo, demo_backup
):
    plan = run("restore", "--from", demo_backup.url, "--dsn", copy_of_demo, "--dry-run")
    assert "public.contacts" in plan
    env = {**os.environ, "AIRVAULT_CONFIG": "/nonexistent/airvault.yaml"}
    out = subprocess.run([CLI, "restore", "--from", demo_backup.url, "--dsn", copy_of_demo,
                          "--yes"], capture_output=True, text=True, env=env)  # fmt: skip
    assert out.returncode == 2 and "--safety-to" in out.stderr


def test_a_config_is_found_in_the_working_directory_only(pg, tmp_path):
    """No --config and no $AIRVAULT_CONFIG: ./airvault.yaml if there is one, else none. The
    project checkout's airvault.yaml (its exclusions) must not shape a backup taken elsewhere."""
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    from airvault.demo.database import create_demo_db
    from airvault.storage.manifest import list_backups
    from airvault.storage.store import open_store

    dsn = pg.create_database(f"cwd_config_{os.getpid()}")
    create_demo_db(dsn, scale=1)
    env = {k: v for k, v in os.environ.items() if k != "AIRVAULT_CONFIG"}
    cli = str(Path(sys.executable).parent / "airvault")
    bare, configured = tmp_path / "bare", tmp_path / "configured"
    bare.mkdir(), configured.mkdir()
    shutil.copy(Path(__file__).resolve().parents[2] / "airvault.yaml", configured)
    subprocess.run([cli, "backup", "--dsn", dsn, "--to", str(bare / "b")], cwd=bare, env=env,
                   check=True, capture_output=True)  # fmt: skip
    (whole,) = list_backups(open_store(bare / "b"))[0]
    names = {t.qualified for t in whole.tables}
    assert "public.sync_sessions" in names  # excluded only by the project's config
    out = subprocess.run([cli, "backup", "--dsn", dsn, "--module", "contacts"], cwd=bare, env=env,
                         capture_output=True, text=True)  # fmt: skip
    assert out.returncode == 2 and f"config file not found: {bare / 'airvault.yaml'}" in out.stderr
    subprocess.run([cli, "backup", "--dsn", dsn, "--to", str(configured / "b")], cwd=configured,
                   env=env, check=True, capture_output=True)  # fmt: skip
    (scoped,) = list_backups(open_store(configured / "b"))[0]
    assert "public.sync_sessions" not in {t.qualified for t in scoped.tables}
