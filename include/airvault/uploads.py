"""Opening a backup from wherever a user has it: a URL, a folder, or an uploaded .tar."""

from __future__ import annotations

import tarfile
import tempfile
from pathlib import Path

from airvault.errors import IntegrityError
from airvault.storage import Store, open_store


def safe_extract(archive: Path, dest: Path) -> Path:
    """Unpack a tar of a backup folder, refusing any entry that could land outside `dest`."""
    with tarfile.open(archive) as tar:
        for member in tar.getmembers():
            name = member.name
            target = (dest / name).resolve()
            if name.startswith("/") or ".." in Path(name).parts or not target.is_relative_to(dest):
                raise IntegrityError(f"{archive}: entry '{name}' escapes the backup folder")
            if not (member.isfile() or member.isdir()):
                raise IntegrityError(f"{archive}: entry '{name}' is a link or device, refused")
        tar.extractall(dest, filter="data")
    manifests = sorted(dest.rglob("manifest.json"))
    if not manifests:
        raise IntegrityError(f"{archive}: no manifest.json inside: not a complete backup")
    return manifests[0].parent


def open_backup(url: str | Store, workdir: Path | None = None) -> Store:
    """A Store for a backup given as file://, s3://, a folder, or a .tar/.tar.gz of a folder
    (a Store built elsewhere, e.g. from an Airflow connection, is taken as it is)."""
    if isinstance(url, Store):
        return url
    text = str(url)
    if text.endswith((".tar", ".tar.gz", ".tgz")) and "://" not in text.replace("file://", ""):
        dest = Path(tempfile.mkdtemp(prefix="airvault-upload-", dir=workdir)).resolve()
        return open_store(safe_extract(Path(text.removeprefix("file://")), dest))
    return open_store(text)
