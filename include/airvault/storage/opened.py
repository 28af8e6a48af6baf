"""A backup opened once for everything that follows (a restore's plan, its apply, its check):
the store, the authenticated typed manifest, the codec with the right key, and how far the
backup has been verified. Commands take one of these instead of re-reading the manifest and
re-deriving the codec at every level."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Literal

from airvault.storage.codec import FileCodec, codec_of
from airvault.storage.manifest import read_manifest
from airvault.storage.models import BackupManifest
from airvault.storage.store import Store
from airvault.storage.uploads import open_backup

# "files": every file is there; "data": every file's checksums, content digest and rows match
Verification = Literal["none", "files", "data"]


@dataclass
class OpenedBackup:
    store: Store
    manifest: BackupManifest
    codec: FileCodec
    verified: Verification = "none"

    @classmethod
    def open(cls, source: str | Store | OpenedBackup) -> OpenedBackup:
        """Open the backup at `source` (a URL, a folder, a .tar, or a Store built elsewhere
        with its keys): the manifest authenticated, a wrong or missing key refused here,
        before anything else is read."""
        if isinstance(source, OpenedBackup):
            return source
        store = open_backup(source)
        manifest = read_manifest(store)
        return cls(store, manifest, codec_of(manifest, store.key))

    @property
    def url(self) -> str:
        return self.store.url

    @property
    def digest(self) -> str:
        """sha256 of the manifest as stored: the same backup, byte for byte in what it
        promises, wherever it was opened from (a plan is applied only to the backup it was
        made from)."""
        text = json.dumps(self.manifest.to_json(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()
