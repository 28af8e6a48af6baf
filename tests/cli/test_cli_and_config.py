"""The CLI and the config as a user meets them: clear one-line errors, real checks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

from airvault.config import load_config
from airvault.ops.check import check_config
from tests.airflow_env import ROOT


def airvault(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "airvault.cli.main", *args], capture_output=True, text=True, env=env
    )


def test_bad_config_gives_one_line_naming_the_key(tmp_path):
    bad = tmp_path / "airvault.yaml"
    bad.write_text("version: 1\nbackup:\n  workers: 0\n")
    result = airvault("--config", str(bad), "check", "--dsn", "postgresql://x@127.0.0.1:1/x")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1, result.stderr
    assert "backup.workers" in result.stderr and "Traceback" not in result.stderr


def test_unknown_key_and_bad_yaml_are_named(tmp_path):
    cfg = tmp_path / "a.yaml"
    cfg.write_text("version: 1\nstorage:\n  roto: x\n")
    result = airvault("--config", str(cfg), "list")
    assert "storage.roto" in result.stderr and result.returncode == 2
    cfg.write_text("version: 1\nmodules: [unclosed\n")
    result = airvault("--config", str(cfg), "list")
    assert "not valid YAML" in result.stderr and "line" in result.stderr


HEAVY = ["psycopg", "psycopg_pool", "pydantic", "yaml", "pyarrow", "openpyxl", "boto3",
         "botocore", "s3fs", "fsspec", "cryptography", "zstandard", "airflow", "numpy"]  # fmt: skip


def test_help_and_start_up_import_nothing_heavy():
    """`airvault --help` (and every command up to its handler) stays fast by importing only
    the standard library: each handler imports the heavy modules it needs."""
    probe = (
        "import contextlib, io, json, sys\n"
        "from airvault.cli.main import build_parser, main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    for argv in (['--help'], ['backup', '--help'], ['restore', '--help']):\n"
        "        try:\n"
        "            main(argv)\n"
        "        except SystemExit:\n"
        "            pass\n"
        "    build_parser().parse_args(['verify', '/nowhere'])\n"
        f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_unreachable_database_gives_one_clear_line(tmp_root):
    result = airvault(
        "backup", "--dsn", "postgresql://postgres@127.0.0.1:1/nope", "--to", str(tmp_root)
    )
    assert result.returncode == 2
    assert result.stderr.startswith("error: cannot connect to the database")
    assert result.stderr.count("\n") == 1, result.stderr
    assert list(tmp_root.iterdir()) == []


def test_check_accepts_the_shipped_config(demo_dsn):
    assert check_config(load_config(ROOT / "airvault.yaml"), demo_dsn) == []


def test_check_names_a_table_that_does_not_exist(demo_dsn, tmp_path):
    data = yaml.safe_load((ROOT / "airvault.yaml").read_text())
    data["modules"]["contacts"]["tables"] = ["contacts_module"]
    data["modules"]["leads"]["user_columns"].append("lead_ownr")
    cfg = tmp_path / "airvault.yaml"
    cfg.write_text(yaml.safe_dump(data))
    result = airvault("--config", str(cfg), "check", "--dsn", demo_dsn)
    assert result.returncode == 1
    assert "modules.contacts.tables: table 'contacts_module' does not exist" in result.stderr
    assert "modules.leads.user_columns: column 'lead_ownr'" in result.stderr


def test_check_warns_of_a_superuser_and_its_roles_back_up_as_least_privilege(
    copy_of_demo, tmp_root: Path
):
    """As the embedded superuser, `check` warns and prints the roles to create instead; run as
    printed (passwords filled in), airvault_backup backs the database up and has no warning."""
    import psycopg
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    cfg = ROOT / "airvault.yaml"
    result = airvault("--config", str(cfg), "check", "--dsn", copy_of_demo)
    assert (
        "warning: the app connection logs in as" in result.stderr and "superuser" in result.stderr
    )
    roles_sql = result.stderr[result.stderr.index("-- backups") :]
    roles_sql = roles_sql.replace("PASSWORD '...'", "PASSWORD 'pw'")
    # the demo's tables belong to the superuser: that role is never advised as a grant
    assert 'GRANT "postgres"' not in roles_sql and "(not postgres: a superuser" in roles_sql
    with psycopg.connect(copy_of_demo, autocommit=True) as conn:
        for role in ("airvault_backup", "airvault_restore", "airvault_capture"):
            conn.execute(f"DROP ROLE IF EXISTS {role}")
        conn.execute(roles_sql)
        assert not conn.execute(
            "SELECT rolsuper FROM pg_roles WHERE rolname = 'airvault_backup'"
        ).fetchone()[0]
    backup_dsn = make_conninfo(
        **{**conninfo_to_dict(copy_of_demo), "user": "airvault_backup", "password": "pw"}
    )
    checked = airvault("--config", str(cfg), "check", "--dsn", backup_dsn)
    assert "warning" not in checked.stderr, checked.stderr
    backed = airvault("backup", "--dsn", backup_dsn, "--to", str(tmp_root))
    assert backed.returncode == 0, backed.stderr
    assert airvault("verify", backed.stdout.strip().splitlines()[-1]).returncode == 0


def test_check_names_a_recurring_export_no_export_may_read(demo_dsn, tmp_path):
    data = yaml.safe_load((ROOT / "airvault.yaml").read_text())
    data["exports"]["roles"] = {"dataset": "pg_catalog.pg_authid", "schedule": "0 6 * * 1"}
    cfg = tmp_path / "airvault.yaml"
    cfg.write_text(yaml.safe_dump(data))
    result = airvault("--config", str(cfg), "check", "--dsn", demo_dsn)
    assert result.returncode == 1
    assert "exports.roles.dataset: export of pg_catalog.pg_authid refused" in result.stderr


def test_cli_backup_list_verify_round_trip(demo_dsn, tmp_root: Path):
    result = airvault("backup", "--dsn", demo_dsn, "--to", str(tmp_root), "--schema", "public")
    assert result.returncode == 0, result.stderr
    url = result.stdout.strip().splitlines()[-1]
    listing = airvault("list", str(tmp_root))
    assert "Manual backup" in listing.stdout and url.rsplit("-", 1)[1] in listing.stdout
    verified = airvault("verify", url)
    assert verified.returncode == 0 and ": OK:" in verified.stdout
    folder = Path(url.removeprefix("file://"))
    (folder / "schema.sql").write_text("-- edited\n")
    broken = airvault("verify", url)
    assert broken.returncode == 1
    assert "schema.sql: sha256 does not match" in broken.stderr


def test_ids_as_listed_are_accepted_and_ctrl_c_is_one_line(demo_dsn, tmp_path):
    """`airvault list` shows ids; verify and restore take them (looked up under the config's
    storage root). Ctrl-C during a backup is one line, exit 130, and lists no backup."""
    import signal
    import time

    config = tmp_path / "airvault.yaml"
    root = tmp_path / "storage"
    config.write_text(yaml.safe_dump({"storage": {"root": str(root)}}))
    made = airvault("--config", str(config), "backup", "--dsn", demo_dsn)
    assert made.returncode == 0, made.stderr
    url = made.stdout.strip().splitlines()[-1]
    backup_id = url.rsplit("-", 1)[1]
    assert backup_id in airvault("--config", str(config), "list").stdout
    verified = airvault("--config", str(config), "verify", backup_id)
    assert verified.returncode == 0 and ": OK:" in verified.stdout, verified.stderr
    unknown = airvault("--config", str(config), "verify", "0badc0de")
    assert unknown.returncode == 2 and "no backup or archive with id 0badc0de" in unknown.stderr

    slow = subprocess.Popen(
        [sys.executable, "-m", "airvault.cli.main", "--config", str(config), "backup",
         "--dsn", demo_dsn],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "AIRVAULT_FAILPOINT": "backup:manifest"},
    )  # fmt: skip
    while "stopped at failpoint" not in slow.stderr.readline():  # every file written
        time.sleep(0.1)
    slow.send_signal(signal.SIGINT)
    _, err = slow.communicate(timeout=60)
    assert slow.returncode == 130, err
    assert "Traceback" not in err and err.strip().startswith("interrupted:"), err
    listed = airvault("--config", str(config), "list").stdout
    assert listed.count("Manual backup") == 1  # the interrupted one is not listed
