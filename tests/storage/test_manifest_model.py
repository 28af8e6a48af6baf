"""The typed manifest: what this version writes reads back field for field, and a manifest
whose shape is wrong is refused with the file and the field named, never a KeyError."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from airvault.errors import ManifestUnreadable
from airvault.storage.manifest import MANIFEST, VERIFICATION, read_manifest, read_verification
from airvault.storage.models import VerifyRecord
from airvault.storage.store import open_store
from tests.dbutil import resign

CLI = str(Path(sys.executable).parent / "airvault")


def _stored(folder: Path, name: str = MANIFEST) -> dict:
    document = json.loads((folder / name).read_text())
    document.pop("signature")
    return document


def _folder_copy(url: str, dest: Path) -> Path:
    shutil.copytree(url.removeprefix("file://"), dest)
    return dest


def test_a_manifest_round_trips_through_the_model(demo_backup, tmp_path):
    from airvault.verify import verify_backup

    folder = _folder_copy(demo_backup.url, tmp_path / "b")
    store = open_store(folder)
    manifest = read_manifest(store)
    assert manifest.to_json() == _stored(folder)  # same keys, same values, None kept
    assert manifest.to_json() == demo_backup.manifest.to_json()  # as run_backup wrote it
    assert "url" not in manifest.to_json() and manifest.url == store.url
    assert manifest.rows == sum(t.rows for t in manifest.tables) > 0
    verify_backup(store, record=True)
    recorded = read_verification(store)
    assert isinstance(recorded, VerifyRecord) and recorded.ok
    assert recorded.to_json() == _stored(folder, VERIFICATION)


@pytest.mark.parametrize(
    ("change", "field", "why"),
    [
        (lambda m: m["tables"][3].update(rows="many"), "tables.3.rows", "valid integer"),
        (lambda m: m["tables"][0].pop("file_sha256"), "tables.0.file_sha256", "Field required"),
        (lambda m: m.pop("schema_file"), "schema_file", "Field required"),
        (lambda m: m["sequences"].append(7), "sequences.", "valid dictionary"),
        (lambda m: m["row_rules"].update(tenant="x"), "row_rules.tenant", "valid dictionary"),
    ],
)
def test_a_malformed_manifest_is_refused_naming_the_field(
    demo_backup, tmp_path, change, field, why
):
    """Signed with this installation's key (the check behind the signature must hold alone)."""
    folder = _folder_copy(demo_backup.url, tmp_path / "b")
    resign(folder, change)
    with pytest.raises(ManifestUnreadable) as refused:
        read_manifest(open_store(folder))
    message = str(refused.value)
    assert message.startswith(f"{open_store(folder).url_of(MANIFEST)} is malformed: {field}")
    assert why in message
    out = subprocess.run([CLI, "verify", str(folder)], capture_output=True, text=True)
    assert out.returncode != 0 and field in out.stderr and why in out.stderr, out.stderr
    assert "Traceback" not in out.stderr
