"""The Backups page's downloads: one backup or archive as one .tar, on local storage and S3
alike (storage/download.py: streamed from storage, encrypted files kept encrypted, checked
against the signed manifest on the way), and the sha256 of that .tar for who wants to check
the file they got. S3 keeps its presigned links too (/api/link).

Same rules as every endpoint of the page: an Airflow user, and the right a download link
needs, to trigger `restore` (a restore could read the backup anyway): a viewer gets 403.
Only one backup or archive folder under the storage root is served (400 else)."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException
from fastapi.responses import PlainTextResponse, StreamingResponse
from pydantic import BaseModel

from airvault.airflow.page.auth import User, may_trigger
from airvault.airflow.page.storage import folder, storage_root
from airvault.errors import AirvaultError

router = APIRouter()
RIGHT = may_trigger("restore", "download backups")


class TarInfo(BaseModel):
    """What a download will be, before it is fetched."""

    filename: str
    bytes: int
    files: int
    sums: str  # the member beside the folder with each file's sha256 (sha256sum -c)


def _tar(url: str):
    from airvault.storage.download import backup_tar

    config, root = storage_root()
    rel = folder(config, root, url, ("backup", "archive"))
    try:
        return backup_tar(root.child(rel))
    except (AirvaultError, FileNotFoundError) as e:
        raise HTTPException(400, f"{root.url_of(rel)}: cannot be downloaded: {e}") from None


@router.get("/api/download", dependencies=[RIGHT])
def download(user: User, url: str) -> StreamingResponse:
    """The backup or archive at `url` as `<folder>.tar`, streamed: its size is known first
    (Content-Length), so a stopped stream (a file that is not what the manifest says) shows
    as a failed download, never as a complete one."""
    tar = _tar(url)
    return StreamingResponse(
        tar.chunks(),
        media_type="application/x-tar",
        headers={
            "Content-Disposition": f'attachment; filename="{tar.filename}"',
            "Content-Length": str(tar.size),
            "X-Airvault-Checksums": tar.sums_name,
        },
    )


@router.get("/api/download/info", dependencies=[RIGHT])
def download_info(user: User, url: str) -> TarInfo:
    tar = _tar(url)
    return TarInfo(
        filename=tar.filename, bytes=tar.size, files=len(tar.members), sums=tar.sums_name
    )


@router.get("/api/download/sha256", dependencies=[RIGHT], response_class=PlainTextResponse)
def download_sha256(user: User, url: str) -> str:
    """`<sha256>  <folder>.tar`, as `sha256sum -c` reads it: the same bytes every time (and
    as `airvault download` writes), so this checks the file a download gave. Reads the backup
    once more to compute it."""
    tar = _tar(url)
    try:
        return f"{tar.sha256()}  {tar.filename}\n"
    except AirvaultError as e:
        raise HTTPException(409, str(e)) from None
