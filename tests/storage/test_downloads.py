"""Downloading a backup as one .tar (storage/download.py; issue 30.6): from the CLI and from
the Backups page on local storage (the default, where Download used to fail), the same bytes
with a sha256 the user can check; the files inside are the backup's, byte for byte as its
manifest records them, and the unpacked folder verifies and restores. A damaged file stops the
download; a viewer may not download."""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
import sys
import tarfile
import urllib.request
from pathlib import Path

import pytest

from airvault.errors import IntegrityError
from airvault.storage.digest import new_hasher
from airvault.storage.download import backup_tar
from airvault.storage.manifest import listed_entries, read_manifest
from airvault.storage.models import DataFile
from airvault.storage.store import open_store

CLI = str(Path(sys.executable).with_name("airvault"))


def check_tar(data: bytes, backup_url: str, into: Path) -> Path:
    """Unpack the downloaded tar into `into` and check it as a user would: every file's digest
    against the backup's manifest, the `.sha256` beside the folder against the files, and
    `airvault verify` on the folder. Returns the folder."""
    manifest = read_manifest(open_store(backup_url))
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        names = tar.getnames()
        tar.extractall(into, filter="data")
    folder_name = backup_url.rstrip("/").rsplit("/", 1)[-1]
    folder = into / folder_name
    entries = listed_entries(manifest)
    assert names == [f"{folder_name}/{e.file}" for e in entries] + [
        f"{folder_name}/manifest.json",
        f"{folder_name}.sha256",
    ]
    for e in entries:
        digest, expected = (
            (e.digest, e.file_sha256) if isinstance(e, DataFile) else ("sha256", e.sha256)
        )
        hasher = new_hasher(digest)
        hasher.update((folder / e.file).read_bytes())
        assert hasher.hexdigest() == expected, e.file
    sums = (into / f"{folder_name}.sha256").read_text().splitlines()
    assert len(sums) == len(entries) + 1
    for line in sums:
        sha, path = line.split("  ", 1)
        assert hashlib.sha256((into / path).read_bytes()).hexdigest() == sha, path
    out = subprocess.run([CLI, "verify", str(folder)], capture_output=True, text=True)
    assert out.returncode == 0 and ": OK: " in out.stdout, out
    return folder


def test_the_cli_downloads_a_backup_as_one_checked_tar_and_a_damaged_one_stops(
    demo_backup, tmp_path
):
    target = tmp_path / "mine.tar"
    out = subprocess.run([CLI, "download", demo_backup.url, "-o", str(target)],
                         capture_output=True, text=True)  # fmt: skip
    assert out.returncode == 0, out.stderr
    data = target.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    assert (tmp_path / "mine.tar.sha256").read_text() == f"{sha}  mine.tar\n"
    assert f"sha256 {sha}" in out.stdout
    tar = backup_tar(open_store(demo_backup.url))
    assert tar.size == len(data) and tar.sha256() == sha  # known before, the same every time
    check_tar(data, demo_backup.url, tmp_path / "x")

    # one flipped byte in a data file: the stream stops at that file, naming it; the CLI
    # leaves no .tar behind
    damaged = tmp_path / "damaged" / Path(demo_backup.url).name
    shutil.copytree(demo_backup.url.removeprefix("file://"), damaged)
    victim = next(e.file for e in demo_backup.manifest.tables if e.file_bytes > 100)
    body = bytearray((damaged / victim).read_bytes())
    body[50] ^= 0xFF
    (damaged / victim).write_bytes(bytes(body))
    with pytest.raises(IntegrityError, match=f"{victim}: its .* does not match the manifest"):
        b"".join(backup_tar(open_store(damaged)).chunks())
    out = subprocess.run([CLI, "download", str(damaged), "-o", str(tmp_path / "bad.tar")],
                         capture_output=True, text=True)  # fmt: skip
    assert out.returncode != 0 and victim in out.stderr
    assert not list(tmp_path.glob("*bad.tar*"))


def test_the_page_downloads_a_backup_on_local_storage_for_who_may_restore(
    live_airflow, backed_up_live, tmp_path
):
    from urllib.parse import quote

    path = f"/airvault/api/download?url={quote(backed_up_live)}"
    assert live_airflow.call("GET", path, user=None)[0] == 401
    status, answer = live_airflow.call("GET", path, user="viewer")
    assert status == 403
    assert answer["detail"] == (
        "user 'viewer' may not download backups: that needs the right to trigger runs of restore"
    )
    status, answer = live_airflow.call("GET", f"/airvault/api/download?url={quote('file:///etc')}")
    assert status == 400
    request = urllib.request.Request(f"{live_airflow.url}{path}",
                                     headers={"Authorization": f"Bearer {live_airflow.token('op')}"})  # fmt: skip
    with urllib.request.urlopen(request, timeout=120) as response:
        data = response.read()
        name = Path(backed_up_live).name
        assert response.headers["Content-Disposition"] == f'attachment; filename="{name}.tar"'
        assert int(response.headers["Content-Length"]) == len(data)
    # the checksum the page gives, the one the CLI writes, and the bytes received agree
    status, text = live_airflow.call(
        "GET", path.replace("download?", "download/sha256?"), user="op"
    )
    assert status == 200 and text["content"] == f"{hashlib.sha256(data).hexdigest()}  {name}.tar\n"
    out = subprocess.run([CLI, "download", backed_up_live, "-o", str(tmp_path / "cli.tar")],
                         capture_output=True, text=True)  # fmt: skip
    assert out.returncode == 0 and (tmp_path / "cli.tar").read_bytes() == data, out.stderr
    folder = check_tar(data, backed_up_live, tmp_path / "x")
    # the unpacked folder restores: a dry run plans every table of the backup
    out = subprocess.run([CLI, "restore", "--from", str(folder), "--dsn", live_airflow.app_dsn,
                          "--dry-run"], capture_output=True, text=True)  # fmt: skip
    assert out.returncode == 0 and "plan" in out.stdout, out
