"""Uploads of a backup: a .tar (or .tar.gz) of a backup folder sent by the page, unpacked
safely, its manifest authenticated, and copied into storage under uploads/<time>-<id>/ to be
restored from there (the right to trigger `restore`)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool

from airvault.airflow.page.auth import may_trigger
from airvault.airflow.page.models import Uploaded
from airvault.airflow.page.storage import storage_root

router = APIRouter()


@router.post("/api/upload", response_model=Uploaded, dependencies=[may_trigger("restore")])
async def upload(request: Request, filename: str = "") -> dict:
    """A .tar (or .tar.gz) of a backup folder, sent as the request body (Content-Type
    application/x-tar, the file's name in ?filename=): at most uploads.max_mb, and only while
    fewer than uploads.max_stored uploads are kept (older than uploads.keep_days are deleted
    first). Nothing is read before the caller's role is checked. Unpacked safely (no entry
    may leave the folder, no links, no bombs), checked, and copied into storage under
    uploads/<time>-<id>/ to be restored from there."""
    from airvault.storage.uploads import TARS

    name = filename or request.headers.get("x-filename", "")
    if request.headers.get("content-type", "").startswith("multipart/"):
        raise HTTPException(
            415, "send the .tar itself as the request body (Content-Type: application/x-tar)"
        )
    if not name.endswith(TARS):
        raise HTTPException(400, "upload a .tar or .tar.gz of a backup folder (?filename=...)")
    config, root = storage_root()
    limit = config.uploads.max_mb << 20
    too_big = f"{name[:100]}: more than uploads.max_mb ({config.uploads.max_mb} MiB), refused"
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, too_big)
    expired = await run_in_threadpool(_room_for_one, config, root)
    with tempfile.TemporaryDirectory(prefix="airvault-upload-") as tmp:
        archive = Path(tmp) / "upload.tar"
        size = 0
        with archive.open("wb") as out:
            async for chunk in request.stream():
                size += len(chunk)
                if size > limit:
                    raise HTTPException(413, too_big)
                await run_in_threadpool(out.write, chunk)
        result = await run_in_threadpool(_store_upload, config, root, archive, name)
    for rel in expired:  # only once a new upload is stored: a refused one changes nothing
        await run_in_threadpool(root.remove_tree, rel)
    return {**result, "pruned": expired}


def _room_for_one(config, root) -> list[str]:
    """The uploads older than uploads.keep_days (deleted once the new one is stored); 409 if
    uploads.max_stored others are kept already."""
    from airvault.storage.uploads import UPLOADS, expired_uploads

    expired, kept = expired_uploads(root, config.uploads.keep_days)
    if len(kept) >= config.uploads.max_stored:
        raise HTTPException(
            409,
            f"{len(kept)} uploads are stored already (uploads.max_stored is "
            f"{config.uploads.max_stored}): restore from one or delete one in "
            f"{root.url_of(UPLOADS)}/ first; uploads older than {config.uploads.keep_days:g} "
            "days are deleted when a new one is stored",
        )
    return expired


def _store_upload(config, root, archive: Path, name: str) -> dict:
    """Unpack the upload in its temp folder, authenticate its manifest, and copy into
    storage only the files that manifest lists (manifest last): whatever else the archive
    held stays behind and goes with the temp folder."""
    from airvault.errors import IntegrityError
    from airvault.storage.manifest import MANIFEST, listed_entries, read_manifest
    from airvault.storage.store import open_store
    from airvault.storage.uploads import new_upload_folder, safe_extract

    unpacked_to = (archive.parent / "x").resolve()
    try:
        folder = safe_extract(archive, unpacked_to, config.uploads.max_unpacked_mb << 20)
        unpacked = open_store(folder)
        unpacked.key, unpacked.signing = root.key, root.signing  # this installation's keys
        manifest = read_manifest(unpacked)
    except (IntegrityError, OSError, ValueError) as e:
        raise HTTPException(400, _as_sent(e, archive, name)) from None
    listed = sorted({e.file for e in listed_entries(manifest) if (folder / e.file).is_file()})
    dest = new_upload_folder()
    try:
        for rel in [*listed, MANIFEST]:
            with (folder / rel).open("rb") as src, root.open_write(f"{dest}/{rel}") as out:
                while chunk := src.read(1 << 20):
                    out.write(chunk)
    except BaseException:
        root.remove_tree(dest)  # no half-copied upload is left behind
        raise
    unpacked_files = sum(1 for p in unpacked_to.rglob("*") if p.is_file())
    return {
        "url": root.url_of(dest),
        "label": manifest.label,
        "id": manifest.id,
        "left_out": unpacked_files - len(listed) - 1,
    }


def _as_sent(error: Exception, archive: Path, name: str) -> str:
    """An error about an upload as its sender knows it: the archive by the name it was sent
    with, a file by its path inside it; never the api-server's temp folder."""
    text = str(error).replace(str(archive), name[:100])
    for temp in dict.fromkeys([archive.parent, archive.parent.resolve()]):
        for form in (f"{temp.as_uri()}/x/", f"{temp}/x/", temp.as_uri(), str(temp)):
            text = text.replace(form, "")
    return text if text.startswith(name[:100]) else f"{name[:100]}: {text}"
