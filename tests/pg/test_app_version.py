"""The app's migration head is recorded in every backup (detected by the migration tool's
table, or read with the config's query), listed, and compared before a restore writes: a
target at another head is a warning in the plan and refused until confirmed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from airvault.backup.run import BackupOptions, run_backup
from airvault.config import Config
from airvault.errors import AirvaultError
from airvault.pg.app_version import AppVersionMismatch, read_app_version
from airvault.restore.run import restore
from airvault.storage.store import open_store

CLI = str(Path(sys.executable).parent / "airvault")

# Each tool's table as the tool creates it, with a history whose head is the second value.
TOOLS = {
    "alembic": ("""
        CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY);
        INSERT INTO alembic_version VALUES ('ae1027a6acf')""", "ae1027a6acf"),
    "prisma": ("""
        CREATE TABLE _prisma_migrations (id varchar(36) PRIMARY KEY, checksum varchar(64) NOT
          NULL, finished_at timestamptz, migration_name varchar(255) NOT NULL, logs text,
          rolled_back_at timestamptz, started_at timestamptz NOT NULL DEFAULT now(),
          applied_steps_count integer NOT NULL DEFAULT 0);
        INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, rolled_back_at)
        VALUES ('a', 'x', now(), '20240101000000_init', NULL),
               ('b', 'x', now(), '20240301000000_add_deals', NULL),
               ('c', 'x', NULL, '20240401000000_failed', NULL),
               ('d', 'x', now(), '20240501000000_rolled_back', now())""",
               "20240301000000_add_deals"),
    "rails": ("""
        CREATE TABLE schema_migrations (version varchar PRIMARY KEY);
        INSERT INTO schema_migrations VALUES ('9'), ('20240101000000'), ('20240301120000')""",
              "20240301120000"),
    "django": ("""
        CREATE TABLE django_migrations (id bigserial PRIMARY KEY, app varchar(255) NOT NULL,
          name varchar(255) NOT NULL, applied timestamptz NOT NULL);
        INSERT INTO django_migrations (app, name, applied) VALUES
          ('contenttypes', '0001_initial', '2024-01-01'), ('crm', '0007_deal_stage',
          '2024-03-01'), ('auth', '0012_alter_user', '2024-02-01')""",
               "crm.0007_deal_stage (3 applied)"),
    "flyway": ("""
        CREATE TABLE flyway_schema_history (installed_rank integer PRIMARY KEY, version
          varchar(50), description varchar(200) NOT NULL, type varchar(20) NOT NULL, script
          varchar(1000) NOT NULL, checksum integer, installed_by varchar(100) NOT NULL,
          installed_on timestamp NOT NULL DEFAULT now(), execution_time integer NOT NULL,
          success boolean NOT NULL);
        INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,
          installed_by, execution_time, success) VALUES
          (1, '1', 'init', 'SQL', 'V1__init.sql', 'app', 5, true),
          (2, '2.1', 'deals', 'SQL', 'V2_1__deals.sql', 'app', 5, true),
          (3, '3', 'broken', 'SQL', 'V3__broken.sql', 'app', 5, false),
          (4, NULL, 'views', 'SQL', 'R__views.sql', 'app', 5, true)""", "2.1"),
    "liquibase": ("""
        CREATE TABLE databasechangelog (id varchar(255) NOT NULL, author varchar(255) NOT NULL,
          filename varchar(255) NOT NULL, dateexecuted timestamp NOT NULL, orderexecuted
          integer NOT NULL, exectype varchar(10) NOT NULL, md5sum varchar(35), description
          varchar(255), comments varchar(255), tag varchar(255), liquibase varchar(20),
          contexts varchar(255), labels varchar(255), deployment_id varchar(10));
        INSERT INTO databasechangelog (id, author, filename, dateexecuted, orderexecuted,
          exectype) VALUES ('1-create', 'dev', 'db/changelog.xml', now(), 1, 'EXECUTED'),
          ('2-add-index', 'dev', 'db/changelog.xml', now(), 2, 'EXECUTED')""",
                  "2-add-index (db/changelog.xml)"),
}  # fmt: skip


@pytest.mark.parametrize("tool", sorted(TOOLS))
def test_each_migration_tool_head_is_detected_by_its_table(new_db, tool):
    ddl, head = TOOLS[tool]
    dsn = new_db("appver")
    with psycopg.connect(dsn) as conn:
        conn.execute(ddl)
        conn.commit()
        conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")  # as a backup reads
        found = read_app_version(conn)
        assert found is not None and (found.tool, found.head) == (tool, head)
        assert found.source.endswith(TOOLS[tool][0].split()[2])  # the table it was read from


def test_a_same_named_table_of_something_else_is_no_version_and_harms_nothing(new_db):
    dsn = new_db("appver_other")
    with psycopg.connect(dsn) as conn:
        conn.execute("CREATE TABLE schema_migrations (name text, ran_on date)")
        conn.execute("INSERT INTO schema_migrations VALUES ('x', now())")
        conn.commit()
        conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        assert read_app_version(conn) is None
        # the snapshot transaction it ran in is still usable
        assert conn.execute("SELECT count(*) FROM schema_migrations").fetchone() == (1,)


def _app(dsn: str) -> None:
    with psycopg.connect(dsn) as conn:
        conn.execute(TOOLS["alembic"][0])
        conn.execute("CREATE TABLE deals (id int PRIMARY KEY, stage text NOT NULL)")
        conn.execute("INSERT INTO deals SELECT g, 'open' FROM generate_series(1, 50) g")


def _state(dsn: str) -> tuple:
    with psycopg.connect(dsn) as conn:
        head = conn.execute("SELECT version_num FROM alembic_version").fetchall()
        deals = conn.execute("SELECT count(*), count(*) FILTER (WHERE stage = 'won') "
                             "FROM deals").fetchone()  # fmt: skip
    return head, deals


def test_the_head_is_recorded_listed_and_a_restore_at_another_head_needs_confirmation(
    new_db, tmp_path
):
    dsn = new_db("appver_app")
    _app(dsn)
    result = run_backup(dsn, open_store(tmp_path), BackupOptions(kind="full"))
    recorded = result.manifest.app_version
    assert (recorded.tool, recorded.head, recorded.source) == (
        "alembic", "ae1027a6acf", "public.alembic_version")  # fmt: skip
    stored = json.loads(Path(result.url[7:], "manifest.json").read_text())
    assert stored["app_version"]["head"] == "ae1027a6acf"  # in the signed manifest
    listed = subprocess.run([CLI, "list", str(tmp_path), "--json"], capture_output=True,
                            text=True, check=True)  # fmt: skip
    assert json.loads(listed.stdout)[0]["app_version"] == "alembic ae1027a6acf"
    assert "alembic ae1027a6acf" in subprocess.run(
        [CLI, "list", str(tmp_path)], capture_output=True, text=True, check=True).stdout  # fmt: skip

    # the app moved on: migrated, and its data changed
    with psycopg.connect(dsn) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'b71f0c9e2d1'")
        conn.execute("UPDATE deals SET stage = 'won' WHERE id <= 10")
    moved = _state(dsn)
    plan = restore(result.url, dsn, dry_run=True)
    (warning,) = [n for n in plan.notices if "app version" in n]
    assert "ae1027a6acf" in warning and "b71f0c9e2d1" in warning and "--accept-app-version" in (
        warning)  # fmt: skip
    with pytest.raises(AppVersionMismatch, match="ae1027a6acf.*b71f0c9e2d1.*nothing was written"):
        restore(result.url, dsn, safety_root=open_store(tmp_path / "safety"))
    assert _state(dsn) == moved and not (tmp_path / "safety").exists()

    cli = [CLI, "restore", "--from", result.url, "--dsn", dsn, "--mode", "replace", "--yes",
           "--no-safety-backup"]  # fmt: skip
    planned = subprocess.run([*cli, "--dry-run"], capture_output=True, text=True)
    assert planned.returncode == 0 and "WARNING app version" in planned.stdout
    refused = subprocess.run(cli, capture_output=True, text=True)
    assert refused.returncode == 2 and "--accept-app-version" in refused.stderr
    assert _state(dsn) == moved
    done = subprocess.run([*cli, "--accept-app-version"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert _state(dsn) == ([("ae1027a6acf",)], (50, 0))  # the backup's rows, head included


def test_a_configured_query_is_recorded_and_needed_to_compare(new_db, tmp_path):
    from airvault.backup.run import options_from_config

    dsn = new_db("appver_query")
    with psycopg.connect(dsn) as conn:
        conn.execute("CREATE TABLE app_meta (key text PRIMARY KEY, value text NOT NULL)")
        conn.execute("INSERT INTO app_meta VALUES ('schema', '42')")
    config = Config.model_validate(
        {"backup": {"app_version_query": "SELECT value FROM app_meta WHERE key = 'schema'"}}
    )
    result = run_backup(dsn, open_store(tmp_path), options_from_config(config))
    assert result.manifest.app_version.tool == "query"
    assert result.manifest.app_version.head == "42"
    query = config.backup.app_version_query
    assert not [n for n in restore(result.url, dsn, dry_run=True, app_version_query=query
                                   ).notices if "app version" in n]  # fmt: skip
    # without the config's query the target's version cannot be read: the plan says so
    (note,) = [n for n in restore(result.url, dsn, dry_run=True).notices if "app version" in n]
    assert "no app_version_query" in note
    bad = Config.model_validate({"backup": {"app_version_query": "SELECT nope FROM app_meta"}})
    with pytest.raises(AirvaultError, match="backup.app_version_query gave no value"):
        run_backup(dsn, open_store(tmp_path / "bad"), options_from_config(bad))
    assert not list((tmp_path / "bad").rglob("*.zst"))  # refused before anything was written


def test_airvault_check_runs_the_configured_query(new_db):
    from airvault.ops.check import check_config

    dsn = new_db("appver_check")
    with psycopg.connect(dsn) as conn:
        conn.execute("CREATE TABLE app_meta (key text PRIMARY KEY, value text NOT NULL)")
        conn.execute("INSERT INTO app_meta VALUES ('schema', '42')")
    good = Config.model_validate({"backup": {"app_version_query": "SELECT value FROM app_meta"}})
    assert not [p for p in check_config(good, dsn) if "app_version" in p]
    for query in ("SELECT value FROM app_meta WHERE false", "SELECT valeu FROM app_meta",
                  "DELETE FROM app_meta RETURNING value"):  # fmt: skip
        bad = Config.model_validate({"backup": {"app_version_query": query}})
        (problem,) = [p for p in check_config(bad, dsn) if "app_version" in p]
        assert problem.startswith("backup.app_version_query gave no value")
    with psycopg.connect(dsn) as conn:  # read-only: the DELETE changed nothing
        assert conn.execute("SELECT count(*) FROM app_meta").fetchone() == (1,)


def test_the_restore_dag_refuses_another_app_version_before_its_safety_backup(
    airflow_db, new_db, tmp_path, tmp_root
):
    from airvault.storage.manifest import list_backups
    from tests.airflow.test_dags import load_dags
    from tests.airflow_env import set_postgres_connection, write_config

    dsn = new_db("appver_dag")
    _app(dsn)
    backed_up = run_backup(dsn, open_store(tmp_root), BackupOptions(kind="full"))
    with psycopg.connect(dsn) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'b71f0c9e2d1'")
        conn.execute("UPDATE deals SET stage = 'won' WHERE id <= 10")
    moved = _state(dsn)
    set_postgres_connection("airvault_app_db", dsn)
    config = write_config(tmp_path / "airvault.yaml", f"file://{tmp_root}")
    conf = {"backup_url": backed_up.url, "mode": "replace", "tables": "", "module": "",
            "dry_run": False, "confirm": "RESTORE"}  # fmt: skip
    run = load_dags(config)["restore"].test(run_conf=conf)
    states = {ti.task_id: ti.state for ti in run.get_task_instances()}
    assert states["plan"] == "success" and states["safety_backup"] == "failed"
    plan = next(ti for ti in run.get_task_instances() if ti.task_id == "plan").xcom_pull()
    assert "ae1027a6acf" in plan["app_version_mismatch"]
    assert _state(dsn) == moved
    assert [b.kind for b in list_backups(open_store(tmp_root))[0]] == ["full"]  # nothing taken

    run = load_dags(config)["restore"].test(run_conf={**conf, "accept_app_version": True})
    states = {ti.task_id: ti.state for ti in run.get_task_instances()}
    assert states == {t: "success" for t in ("verify", "plan", "safety_backup", "apply", "check")}
    assert _state(dsn) == ([("ae1027a6acf",)], (50, 0))
