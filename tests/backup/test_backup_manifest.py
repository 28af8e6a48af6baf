"""What a backup writes for a fixed database does not change unless we mean it to: the demo CRM
is byte-identical on every machine (airvault.demo.database), so its backup's manifest (every
table's rows and digests, columns, keys, modules, references, dependency order) is kept in
tests/fixtures/demo_backup_manifest_<case>.json, with only what differs per run blanked (ids, times,
durations, the snapshot, and pg_dump's output: its archive records when it was made, its
SQL text a random \\restrict key).

After a deliberate change of the manifest format, rewrite the fixture with
`AIRVAULT_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/backup/test_backup_manifest.py` and review
its diff."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from airvault.backup.run import BackupOptions, run_backup, scoped_options
from airvault.config import load_config
from airvault.storage.models import BackupManifest
from airvault.storage.store import open_store
from tests.airflow_env import ROOT
from tests.dbutil import first_org

GOLDEN = Path(__file__).parents[1] / "fixtures" / "demo_backup_manifest_full.json"
PER_RUN = "(per run)"


def _blank(document: dict | None, *keys: str) -> None:
    for key in keys:
        if document is not None and key in document:
            document[key] = PER_RUN


def normalized(manifest: BackupManifest) -> dict:
    """The manifest as written, with what legitimately differs from run to run blanked."""
    document = manifest.to_json()
    _blank(document, "id", "label", "started_at", "started_us", "completed_at", "duration_s")
    _blank(document["snapshot"], "id")
    _blank(document["source"], "system_identifier", "server_version", "server_version_num")
    _blank(document["tool"], "airvault", "pg_dump")
    _blank(document["schema_archive"], "sha256", "bytes")  # pg_dump stamps its archive's time
    _blank(document["schema_file"], "sha256")  # and its text's \restrict key is random
    for entry in [*document["tables"], document["large_objects"]]:
        _blank(entry, "seconds")
    return document


def _options(case: str, dsn: str) -> BackupOptions:
    config = load_config(ROOT / "airvault.yaml")
    if case == "full":
        return scoped_options(config, kind="full")
    # one tenant's rows and the shared rows they reference, a row filter, a cap
    return scoped_options(config, tenant=first_org(dsn), filters=["contacts:is_demo = false"],
                          caps=["audit_logs:newest=100"])  # fmt: skip


@pytest.mark.parametrize("case", ["full", "tenant"])
def test_a_fixed_database_gives_the_manifest_and_digests_it_always_gave(case, demo_dsn, tmp_root):
    result = run_backup(demo_dsn, open_store(tmp_root), _options(case, demo_dsn))
    found = normalized(result.manifest)
    golden = GOLDEN.with_name(f"demo_backup_manifest_{case}.json")
    if os.environ.get("AIRVAULT_UPDATE_GOLDEN"):
        golden.write_text(json.dumps(found, indent=2, sort_keys=True) + "\n")
    expected = json.loads(golden.read_text())

    def digests(document: dict) -> dict:
        return {t["file"]: (t["rows"], t["content_sha256"], t["file_sha256"])
                for t in document["tables"]}  # fmt: skip

    assert digests(found) == digests(expected)
    assert found == expected
