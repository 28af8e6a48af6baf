"""Storage behind one small interface over fsspec, so file:// and s3:// take the same path.

The core never imports Airflow: inside Airflow the operators hand in the filesystem that
`ObjectStoragePath` built from a connection; the CLI builds one from the URL and the
environment (AWS_* variables, AWS_ENDPOINT_URL for S3-compatible servers).
"""

from __future__ import annotations

import os
import posixpath
import uuid
from pathlib import Path
from typing import IO, Any

from airvault.errors import AirvaultError
from airvault.failpoints import failpoint

# Transient S3 faults (500, 503, throttling, reset connections) are retried with exponential
# backoff by botocore; a multipart upload retries the failed part, not the whole file.
S3_RETRIES = {"retries": {"max_attempts": 10, "mode": "standard"}, "signature_version": "s3v4"}
# The CLI's --trust-unsigned: an operator's explicit choice for this process.
TRUST_UNSIGNED = False
S3_BLOCK = 16 * 2**20  # multipart part size: bounded memory per open file, >= S3's 5 MiB minimum


class Store:
    """A folder in some filesystem; all paths given to methods are relative to it."""

    def __init__(self, fs: Any, root: str, url: str, key: Any = None) -> None:
        self.fs = fs
        self.root = root.rstrip("/")
        self.url = url.rstrip("/")
        self.is_local = "file" in _protocols(fs)
        self.key = key  # encryption key(s) for reading backups here (crypto.Key or KeyRing)
        self.signing: Any = None  # signing.SigningKeys; None: $AIRVAULT_SIGNING_KEY
        self.trust_unsigned = TRUST_UNSIGNED  # accept manifests nobody here signed

    def __repr__(self) -> str:
        return f"Store({self.url})"

    def path(self, rel: str = "") -> str:
        """The full path of `rel`, which never leaves the root: an absolute path or a `..`
        segment is a bug or an attack, refused whatever the caller (names from manifests,
        requests and listings all end up here)."""
        if rel.startswith("/") or ".." in rel.split("/"):
            raise AirvaultError(f"{rel[:200]!r} leaves the storage folder {self.url}: refused")
        return posixpath.join(self.root, rel) if rel else self.root

    def url_of(self, rel: str) -> str:
        return f"{self.url}/{rel}" if rel else self.url

    def child(self, rel: str) -> Store:
        child = Store(self.fs, self.path(rel), self.url_of(rel), self.key)
        child.signing, child.trust_unsigned = self.signing, self.trust_unsigned
        return child

    def signing_keys(self) -> Any:
        """The keys that sign and authenticate manifests here (signing.SigningKeys or None)."""
        from airvault.storage.signing import keys_from_env

        return self.signing if self.signing is not None else keys_from_env()

    def open_write(self, rel: str) -> IO[bytes]:
        path = self.path(rel)
        if self.is_local:
            os.makedirs(posixpath.dirname(path), exist_ok=True)
            return self.fs.open(path, "wb")
        return self.fs.open(path, "wb", block_size=S3_BLOCK)

    def open_read(self, rel: str) -> IO[bytes]:
        return self.fs.open(self.path(rel), "rb")

    def write_bytes_atomic(self, rel: str, data: bytes) -> None:
        """Readers see the whole file or none of it (an S3 PUT already is all-or-nothing)."""
        path = self.path(rel)
        if not self.is_local:
            self.fs.pipe_file(path, data)
            return
        os.makedirs(posixpath.dirname(path), exist_ok=True)
        tmp = f"{path}.tmp-{uuid.uuid4().hex[:8]}"
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        failpoint("storage:before-rename")
        os.replace(tmp, path)

    def read_bytes(self, rel: str) -> bytes:
        return self.fs.cat_file(self.path(rel))

    def exists(self, rel: str) -> bool:
        return self.fs.exists(self.path(rel))

    def size(self, rel: str) -> int:
        return int(self.fs.size(self.path(rel)))

    def total_size(self) -> int:
        """Bytes of every file below this store, from one listing (not a request per file)."""
        return int(self.fs.du(self.root)) if self.fs.exists(self.root) else 0

    def glob(self, pattern: str) -> list[str]:
        """Relative paths matching `pattern`, sorted."""
        prefix = self.root + "/"
        hits = self.fs.glob(self.path(pattern))
        return sorted(h.removeprefix(prefix) for h in (_strip_protocol(self.fs, h) for h in hits))

    def list_files(self, rel: str = "") -> list[str]:
        """Every file below `rel`, relative to this store."""
        base = self.path(rel)
        if not self.fs.exists(base):
            return []
        prefix = self.root + "/"
        found = self.fs.find(base)
        return sorted(_strip_protocol(self.fs, f).removeprefix(prefix) for f in found)

    def signed_url(self, rel: str, seconds: int) -> str:
        """A presigned GET URL of one object that stops working after `seconds`."""
        if self.is_local:
            raise AirvaultError(
                f"signed download links need S3 storage; {self.url} is a local folder"
            )
        return self.fs.sign(self.path(rel), expiration=seconds)

    def move(self, rel: str, dest: str) -> None:
        """Rename within the store (S3: copy, then delete)."""
        if self.is_local:
            os.makedirs(posixpath.dirname(self.path(dest)), exist_ok=True)
        self.fs.mv(self.path(rel), self.path(dest))

    def remove_tree(self, rel: str) -> None:
        path = self.path(rel)
        if self.fs.exists(path):
            self.fs.rm(path, recursive=True)


class HashingSink:
    """File-like that hashes (sha256, or the `digest` of storage/digest.py) and counts the
    bytes on their way to `raw`: the bytes as stored, after compression and encryption, so
    they are verifiable without the key."""

    closed = False  # what pyarrow's PythonFile asks of a writable file

    def __init__(self, raw: IO[bytes], digest: str = "sha256") -> None:
        from airvault.storage.digest import new_hasher

        self.raw, self.sha, self.bytes = raw, new_hasher(digest), 0

    def write(self, data) -> int:
        data = bytes(data)  # the same object for bytes; a copy only for other buffers
        self.sha.update(data)
        self.bytes += len(data)
        self.raw.write(data)
        return len(data)

    def tell(self) -> int:
        return self.bytes

    def flush(self) -> None:
        pass


def _protocols(fs: Any) -> tuple[str, ...]:
    proto = fs.protocol
    return (proto,) if isinstance(proto, str) else tuple(proto)


def _strip_protocol(fs: Any, path: str) -> str:
    return fs._strip_protocol(path) if hasattr(fs, "_strip_protocol") else path


def split_s3_url(url: str) -> tuple[str | None, str]:
    """'s3://conn@bucket/prefix' -> ('conn', 'bucket/prefix'); conn is None when absent."""
    rest = url.removeprefix("s3://")
    conn, sep, path = rest.partition("@")
    if not sep or "/" in conn:
        return None, rest.rstrip("/")
    return conn, path.rstrip("/")


def open_store(url: str | os.PathLike, fs: Any = None) -> Store:
    """A Store for a URL: file:///abs, a local path, or s3://[conn@]bucket/prefix."""
    text = str(url)
    if fs is not None:
        root = text.split("://", 1)[-1]
        if text.startswith("s3://"):
            root = split_s3_url(text)[1]
        return Store(fs, root, text)
    if text.startswith("s3://"):
        _conn, root = split_s3_url(text)
        endpoint = os.environ.get("AIRVAULT_S3_ENDPOINT_URL") or os.environ.get("AWS_ENDPOINT_URL")
        kwargs: dict[str, Any] = {"config_kwargs": S3_RETRIES}
        if endpoint:
            kwargs["client_kwargs"] = {"endpoint_url": endpoint}
        import fsspec  # imported by the first store opened: ~35 ms

        return Store(fsspec.filesystem("s3", **kwargs), root, text)
    if "://" in text and not text.startswith("file://"):
        scheme = text.split("://", 1)[0]
        raise AirvaultError(f"unsupported storage URL scheme '{scheme}://' in {text}")
    import fsspec

    url = store_url(text)
    return Store(fsspec.filesystem("file"), url.removeprefix("file://"), url)


def store_url(url: str | os.PathLike) -> str:
    """The URL of the Store open_store(url) opens, without opening it: a local path or
    file:// URL made absolute (file:///abs, as listings show it), any other URL as given."""
    text = str(url)
    if "://" in text and not text.startswith("file://"):
        return text.rstrip("/")
    return f"file://{Path(text.removeprefix('file://')).expanduser().resolve()}"
