"""docs/disaster-recovery.md runs as written: on a "fresh machine" (an empty folder, an
environment holding only the public key, the encryption key and the storage URL with its S3
credentials; no config, no Airflow home, Airflow unimportable), the runbook's block restores
the newest backup from S3 (moto's server) into a new database, which then holds exactly what
the source held."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from airvault.backup.run import BackupOptions, run_backup
from airvault.storage.crypto import new_key_text, parse_key
from airvault.storage.signing import keys_from_env, parse_signing_keys, public_keys_text
from airvault.storage.store import open_store
from tests.dbutil import table_checksums

DOC = Path(__file__).resolve().parents[1] / "docs" / "disaster-recovery.md"
BIN = Path(sys.executable).parent


def _runbook() -> str:
    (block,) = re.findall(r"```bash\n(.*?)```", DOC.read_text(), re.S)
    return block


def _fresh_machine(home: Path, s3_endpoint: str, kept: dict[str, str]) -> dict[str, str]:
    """The environment of a machine that never ran the installation: PATH to airvault and
    PostgreSQL's client tools, the S3 credentials, what was kept; an `airflow` that fails."""
    blocker = home / "no-airflow"
    (blocker / "airflow").mkdir(parents=True)
    (blocker / "airflow" / "__init__.py").write_text(
        "raise ImportError('Airflow is not installed on this machine')\n"
    )
    return {
        "PATH": f"{BIN}:/usr/bin:/bin",
        "HOME": str(home),
        "PYTHONPATH": str(blocker),
        "AIRFLOW_HOME": str(home / "airflow-never-made"),
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_ENDPOINT_URL": s3_endpoint,
        **{k: v for k, v in os.environ.items() if k == "AIRVAULT_PG_BIN"},
        **kept,
    }


def test_the_runbook_restores_the_newest_backup_on_a_fresh_machine(
    copy_of_demo, pg, s3_endpoint, tmp_path, monkeypatch
):
    import psycopg

    monkeypatch.setenv("AWS_ENDPOINT_URL", s3_endpoint)
    key_text = new_key_text()
    storage = f"s3://airvault-test/dr-{os.getpid()}"
    options = dict(kind="full", encryption_key=parse_key(key_text))
    run_backup(copy_of_demo, open_store(storage), BackupOptions(**options))  # an older one
    with psycopg.connect(copy_of_demo) as conn:
        conn.execute("UPDATE public.contacts SET first_name = 'Newest' WHERE id = "
                     "(SELECT id FROM public.contacts ORDER BY id LIMIT 1)")  # fmt: skip
    newest = run_backup(copy_of_demo, open_store(storage), BackupOptions(**options))

    machine = tmp_path / "fresh-machine"
    machine.mkdir()
    (machine / "airvault-public-key.pem").write_text(public_keys_text(keys_from_env()))
    target = pg.dsn_for(f"dr_{os.getpid()}")
    env = _fresh_machine(machine, s3_endpoint, {
        "AIRVAULT_PUBLIC_KEY_FILE": str(machine / "airvault-public-key.pem"),
        "AIRVAULT_ENCRYPTION_KEY": key_text,
        "STORAGE": storage,
        "NEW_DSN": target,
    })  # fmt: skip
    run = subprocess.run(["bash", "-euo", "pipefail", "-c", _runbook()], cwd=machine, env=env,
                         capture_output=True, text=True, timeout=300)  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert f"restoring {newest.url}" in run.stdout
    assert f"{newest.url}: OK" in run.stdout and "matches" in run.stderr
    assert table_checksums(target) == table_checksums(copy_of_demo)
    assert not list(machine.rglob("airflow.cfg")) and not list(machine.rglob("*.db"))

    # the same machine with another installation's public key restores nothing
    other = parse_signing_keys("another-installation-0123456789")
    (machine / "other.pem").write_text(public_keys_text(other))
    env["AIRVAULT_PUBLIC_KEY_FILE"] = str(machine / "other.pem")
    env["NEW_DSN"] = pg.dsn_for(f"dr_refused_{os.getpid()}")
    refused = subprocess.run(["bash", "-euo", "pipefail", "-c", _runbook()], cwd=machine,
                             env=env, capture_output=True, text=True, timeout=300)  # fmt: skip
    assert refused.returncode == 1 and "NOT one of these" in refused.stderr
