"""Confinement (storage/confine.py): a location a user names is one object of the expected
kind under the storage root, whatever the entry point; found by an attacker with an `op`
account who read airflow.cfg through the import DAG's `file` Param (issue 26)."""

from __future__ import annotations

import os

import pytest

from airvault.storage.confine import NotInStorage, confine
from airvault.storage.store import open_store
from tests.airflow.test_dags import load_dags
from tests.airflow_env import set_postgres_connection, set_s3_connection, write_config

SECRET = "jwt_secret = TOPSECRET-do-not-leak"


@pytest.fixture
def worker_secret(tmp_path):
    """A file outside the storage root, as airflow.cfg is on a worker, and a link to it
    planted inside the root."""
    secret = tmp_path / "airflow.cfg"
    secret.write_text(f"{SECRET}\n{SECRET}\n")
    return secret


def _hostile_files(secret, root) -> list[tuple[str, str]]:
    """(a `file` Param, the rule its refusal names): every form the attack took, and more."""
    rel_up = os.path.relpath(secret, root / "imports" / "uploads")
    return [
        (str(secret), "is not under the storage root"),
        (f"file://{secret}", "is not under the storage root"),
        (f"imports/uploads/{rel_up}", "'..' is not allowed"),
        ("imports/uploads/%2e%2e/%2e%2e/airflow.cfg", "look-alike of '..'"),
        ("imports/uploads/\u2025/\u2025/airflow.cfg", "look-alike of '..'"),  # ‥
        ("imports/uploads/\uff0e\uff0e/airflow.cfg", "look-alike of '..'"),  # ．．
        ("imports/uploads/..\\..\\airflow.cfg", "look-alike of '..'"),
        ("imports/uploads/link.csv", "leads outside the storage root"),
        ("s3://other_s3@bucket/x/imports/uploads/a.csv", "is not under the storage root"),
        ("backups/full/all/2026-12-01T000000Z-abcd0000", "is not an import file"),
        ("airflow.cfg", "is not an import file"),
        ("", "the path is empty"),
        ("imports/uploads/a\nb.csv", "control characters"),
    ]


def test_confine_refuses_every_escape_naming_the_parameter_and_the_rule(tmp_root, worker_secret):
    uploads = tmp_root / "imports" / "uploads"
    uploads.mkdir(parents=True)
    (uploads / "link.csv").symlink_to(worker_secret)
    (uploads / "ok.csv").write_text("a\n1\n")
    root = open_store(tmp_root)
    for given, rule in _hostile_files(worker_secret, tmp_root):
        with pytest.raises(NotInStorage) as refused:
            confine(root, given, ("import",), "file")
        message = str(refused.value)
        assert message.startswith("file: ") and rule in message, (given, message)
        assert "TOPSECRET" not in message
    # what is allowed: an import file as a relative path or as the root's own URL
    assert confine(root, "imports/uploads/ok.csv", ("import",), "file") == "imports/uploads/ok.csv"
    assert confine(root, f"{root.url}/imports/incoming/contacts/x.csv", ("import",), "file") == (
        "imports/incoming/contacts/x.csv"
    )


def test_confine_on_s3_takes_only_the_storages_own_connection():
    root = open_store("s3://airvault-test/prefix")
    rel = "backups/full/all/2026-12-01T000000Z-abcd0000"
    assert confine(root, f"s3://airvault-test/prefix/{rel}", ("backup",), "a", "conn") == rel
    assert confine(root, f"s3://conn@airvault-test/prefix/{rel}", ("backup",), "a", "conn") == rel
    for given, rule in [
        (f"s3://other@airvault-test/prefix/{rel}", "names the Airflow connection 'other'"),
        (f"s3://key:pw@airvault-test/prefix/{rel}", "with a password"),
        (f"file:///prefix/{rel}", "is not under the storage root"),
        (f"/prefix/{rel}", "is not under the storage root"),
        (f"s3://airvault-test/prefix/backups/%2e%2e/{rel}", "look-alike of '..'"),
        (f"http://airvault-test/prefix/{rel}", "unsupported URL scheme"),
    ]:
        with pytest.raises(NotInStorage, match=rule):
            confine(root, given, ("backup",), "a", "conn")


def test_store_paths_never_leave_the_root(tmp_root):
    from airvault.errors import AirvaultError

    root = open_store(tmp_root)
    for rel in ("/etc/passwd", "../x", "imports/../../x"):
        with pytest.raises(AirvaultError, match="leaves the storage folder"):
            root.path(rel)


def test_import_dag_refuses_hostile_file_params_and_reads_nothing(
    airflow_db, copy_of_demo, tmp_path, tmp_root, worker_secret, s3_endpoint, capfd
):
    """A REST-triggered run goes through the same gate as the page: each hostile `file`
    fails the task naming the rule; no line of the file appears anywhere, no rejects or
    report is written, the table is unchanged."""
    from tests.dbutil import table_checksums

    uploads = tmp_root / "imports" / "uploads"
    uploads.mkdir(parents=True)
    (uploads / "link.csv").symlink_to(worker_secret)
    set_postgres_connection("airvault_app_db", copy_of_demo)
    set_s3_connection("other_s3", s3_endpoint)
    dag = load_dags(write_config(tmp_path / "airvault.yaml", f"file://{tmp_root}"))["import"]
    before = table_checksums(copy_of_demo)
    capfd.readouterr()
    for given, rule in _hostile_files(worker_secret, tmp_root)[:-2]:  # Params need a value
        run = dag.test(run_conf={"file": given, "table": "products"})
        out = capfd.readouterr()
        text = out.out + out.err
        assert run.state == "failed", given
        assert "file: " in text and rule in text, (given, text[-2000:])
        assert "TOPSECRET" not in text, given
    assert not (tmp_root / "imports" / "rejects").exists()
    assert not (tmp_root / "imports" / "reports").exists()
    assert table_checksums(copy_of_demo) == before
