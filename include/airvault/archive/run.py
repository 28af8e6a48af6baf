"""pg_dump archives: the database as PostgreSQL's own tools dump it, plus what database
backups usually miss: the auth users and the files of the storage buckets.

Layout under `<root>/archives/<YYYY-MM-DDTHHMMSSZ>-<id>/`:
    db/database.pgdump        pg_dump -Fc (custom format; the auth table's rows left out)
    auth/users.json           the auth table's rows as JSON (secret columns only if configured)
    storage/<bucket>/<path>   every file of each configured bucket (a folder or s3:// prefix)
    manifest.json             written last: files with sizes and sha256, versions, counts

Every file but the manifest is encrypted when a key is given (the sha256 is of the stored
bytes, so `verify` needs no key for the checksums). `restore_archive` loads it into a new
database with pg_restore, keeping owners and grants (the roles the manifest records must
exist on the server, or be created with roles="create"; roles="ignore" restores without
them): pre-data, data, the auth users, then post-data (the foreign keys to the users are
checked once they are back), and copies the files to the buckets.
"""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
import subprocess
import tempfile
import time
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import cast

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict
from psycopg.types.json import Jsonb

from airvault import __version__
from airvault.config import Config
from airvault.errors import AirvaultError, IntegrityError
from airvault.exchange.datasets import matching_pattern
from airvault.pg.objects import list_schemas, read_extensions, read_roles
from airvault.pg.rows import one_row
from airvault.pg.tools import check_dump_version, client_args, pg_restore_into, pg_tool
from airvault.progress import Progress, publishing_job
from airvault.storage.codec import codec_of
from airvault.storage.crypto import AnyKey, DecryptingReader, EncryptingWriter
from airvault.storage.manifest import (
    MANIFEST,
    check_format,
    read_signed,
    require_inside,
    write_signed,
)
from airvault.storage.models import (
    ArchiveAuth,
    ArchiveFile,
    ArchiveManifest,
    ArchiveRestoreResult,
    Bucket,
    Encryption,
    parse,
)
from airvault.storage.signing import require_keys
from airvault.storage.store import HashingSink, Store, open_store

log = logging.getLogger("airvault.archive.run")
FORMAT = "airvault-archive"
FORMAT_VERSION = 2  # 2: signed manifests
DUMP = "db/database.pgdump"
USERS = "auth/users.json"
CHUNK = 1 << 20


@dataclass
class ArchiveOptions:
    auth_table: str | None = "auth.users"  # None: the app has no separate auth table
    # schema.table.column patterns (Config.secret_patterns) left out of the auth table's JSON
    secret_columns: list[str] = field(default_factory=lambda: Config().secret_patterns())
    include_secrets: bool | None = None  # None: when encrypted (secrets_included)
    buckets: dict[str, str | Store] = field(
        default_factory=dict
    )  # name -> folder, s3:// URL or Store
    schemas: list[str] = field(default_factory=list)  # empty: the whole database
    compress: str = "gzip:6"  # pg_dump --compress; zstd where the pg_dump build has it
    encryption_key: AnyKey | None = None


def archive_options(config: Config) -> ArchiveOptions:
    """The archive settings of the config (bucket folders resolved against its folder)."""
    a = config.archive
    return ArchiveOptions(
        auth_table=a.auth_table,
        secret_columns=config.secret_patterns(),
        include_secrets=a.include_secrets,
        buckets={name: config.resolve_url(url) for name, url in a.buckets.items()},
        compress=a.compress,
    )


def secrets_included(opts: ArchiveOptions) -> bool:
    """Whether the auth table's secrets go into the archive: as configured, else exactly when
    the archive is encrypted (the hashes are then ciphertext at rest). Left out, the restored
    users must reset their passwords, which the archive and its restore say."""
    if opts.include_secrets is not None:
        return opts.include_secrets
    return opts.encryption_key is not None


RESET_PASSWORDS = (
    "the auth users' password hashes ({columns}) were left out of this archive (not "
    "encrypted, archive.include_secrets off): restored users must reset their passwords"
)


def _store_stream(
    store: Store, rel: str, chunks, key: AnyKey | None, progress: Progress | None = None
) -> ArchiveFile:
    """Stream `chunks` to `rel` (encrypted with `key`), counted in `progress`; return its
    manifest file entry."""
    with store.open_write(rel) as raw:
        sink = HashingSink(raw)
        out = EncryptingWriter(sink, key) if key else sink
        for chunk in chunks:
            out.write(chunk)
            if progress is not None:
                progress.add(0, len(chunk))
        if isinstance(out, EncryptingWriter):  # (when there is a key)
            out.close()
    return ArchiveFile(path=rel, bytes=sink.bytes, sha256=sink.sha.hexdigest())


def _pg_dump_chunks(dsn: str, opts: ArchiveOptions):
    """Stream `pg_dump -Fc` from its stdout: no temporary copy of the dump on disk."""
    conninfo, env = client_args(dsn)
    args = [pg_tool("pg_dump"), "-Fc", f"--compress={opts.compress}", "-d", conninfo]
    if opts.auth_table:
        args += ["--exclude-table-data", _pattern(opts.auth_table)]
    for schema in opts.schemas:
        args += ["--schema", '"' + schema.replace('"', '""') + '"']
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert proc.stdout is not None and proc.stderr is not None
    try:
        while chunk := proc.stdout.read(CHUNK):
            yield chunk
    finally:
        proc.stdout.close()
        err = proc.stderr.read().decode(errors="replace").strip()
        code = proc.wait()
    if code != 0:
        raise AirvaultError(f"pg_dump failed (exit {code}): {err.splitlines()[-1:]}")


def _pattern(qualified: str) -> str:
    """A pg_dump pattern that matches exactly this schema.table (no wildcards)."""
    return ".".join('"' + p.replace('"', '""') + '"' for p in qualified.split(".", 1))


def _auth_users(dsn: str, opts: ArchiveOptions) -> tuple[bytes, int, list[str]]:
    """(JSON of the auth table's rows, row count, columns left out)."""
    assert opts.auth_table  # called only when there is one
    schema, table = opts.auth_table.split(".", 1)
    with psycopg.connect(dsn) as conn:
        columns = [
            r[0]
            for r in conn.execute(
                "SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0 "
                "AND NOT attisdropped ORDER BY attnum",
                (sql.Identifier(schema, table).as_string(conn),),
            )
        ]
        secret = [c for c in columns if matching_pattern(opts.secret_columns, opts.auth_table, c)]
        dropped = [] if secrets_included(opts) else secret
        kept = [c for c in columns if c not in dropped]
        query = sql.SQL(
            "SELECT coalesce(jsonb_agg(to_jsonb(u) - {drop}::text[] ORDER BY u.{pk}), '[]') FROM {t} u"
        ).format(
            drop=sql.Literal(dropped),
            pk=sql.Identifier(kept[0]),
            t=sql.Identifier(schema, table),
        )
        rows = one_row(conn.execute(query).fetchone())[0]
    return json.dumps(rows, indent=1, sort_keys=True).encode(), len(rows), dropped


def _bucket_files(bucket: str | Store) -> tuple[Store, list[str]]:
    store = bucket if isinstance(bucket, Store) else open_store(bucket)
    return store, store.list_files()


def run_archive(dsn: str, root: Store, opts: ArchiveOptions | None = None) -> ArchiveManifest:
    """Write one archive under `root`; return its manifest (with its `url`)."""
    opts = opts or ArchiveOptions()
    started = datetime.now(UTC).replace(microsecond=0)
    t0 = time.monotonic()
    archive_id = secrets.token_hex(4)
    store = root.child(f"archives/{started:%Y-%m-%dT%H%M%SZ}-{archive_id}")
    require_keys(store.signing_keys())  # none: fail before anything is written
    with psycopg.connect(dsn) as conn:
        server_num = int(one_row(conn.execute("SHOW server_version_num").fetchone())[0])
        server = one_row(conn.execute("SHOW server_version").fetchone())[0]
        database = conn.info.dbname
        schemas = list_schemas(conn, opts.schemas or None, [])
        extensions, roles = read_extensions(conn), read_roles(conn, schemas)
        if (
            opts.auth_table
            and not one_row(
                conn.execute(
                    "SELECT to_regclass(%s)",
                    (sql.Identifier(*opts.auth_table.split(".", 1)).as_string(conn),),
                ).fetchone()
            )[0]
        ):
            log.info("no table %s: the archive has no separate auth users", opts.auth_table)
            opts = replace(opts, auth_table=None)
    pg_dump_version = check_dump_version(server_num)  # before anything is written
    key = opts.encryption_key
    files = []
    # (no table count: pg_dump streams the whole database; the CLI shows MB and the step)
    label = f"pg_dump archive of {database}"
    progress = Progress("archive", database, label, 0, 0, step="pg_dump", folder=store)
    with publishing_job(root, "archive", progress):  # shown on the Backups page
        try:
            files.append(_store_stream(store, DUMP, _pg_dump_chunks(dsn, opts), key, progress))
            auth = None
            if opts.auth_table:
                progress.step = "auth users"
                users, count, dropped = _auth_users(dsn, opts)
                files.append(_store_stream(store, USERS, [users], key, progress))
                auth = ArchiveAuth(
                    table=opts.auth_table,
                    rows=count,
                    file=USERS,
                    columns_left_out=dropped,
                    secrets_included=not dropped,
                )
                if dropped:
                    log.warning(RESET_PASSWORDS.format(columns=", ".join(dropped)))
            buckets = {}
            for name, url in opts.buckets.items():
                progress.step = f"bucket {name}"
                source, rels = _bucket_files(url)
                for rel in rels:
                    with source.open_read(rel) as f:
                        chunks = iter(partial(f.read, CHUNK), b"")
                        files.append(
                            _store_stream(store, f"storage/{name}/{rel}", chunks, key, progress)
                        )
                buckets[name] = Bucket(
                    source=source.url, files=len(rels), bytes=source.total_size()
                )
        except BaseException:
            try:
                store.remove_tree("")
            except Exception:  # noqa: BLE001 - the original error matters more
                log.warning("could not remove the unfinished archive %s", store.url)
            raise
    manifest = ArchiveManifest.model_validate(
        {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "id": archive_id,
            "kind": "archive",
            "label": f"pg_dump archive, {started:%d %b %Y %H:%M} UTC",
            "started_at": started.isoformat(),
            "completed_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
            "duration_s": round(time.monotonic() - t0, 3),
            "source": {
                "database": database,
                "server_version": server,
                "server_version_num": server_num,
            },
            "tool": {"airvault": __version__, "pg_dump": pg_dump_version},
            "extensions": extensions,  # what the target server must offer
            "roles": roles,  # the owners and grantees a restore keeps, or creates
            "database": {
                "file": DUMP,
                "format": "custom",
                "compress": opts.compress,
                "auth_table_data_excluded": opts.auth_table,
            },
            "auth": auth,
            "storage": buckets,
            "files": files,
            "encryption": None if key is None else Encryption(key_fingerprint=key.fingerprint),
            "compression": None,  # the dump compresses itself; files are stored as they are
        }
    )
    write_signed(store, MANIFEST, manifest)
    log.info(
        "archive %s: %d files, %.1f MB in %.1f s -> %s",
        archive_id,
        len(files),
        sum(f.bytes for f in files) / 1e6,
        manifest.duration_s,
        store.url,
    )
    manifest.url = store.url
    return manifest


def read_archive_manifest(store: Store) -> ArchiveManifest:
    """Load and authenticate an archive's manifest (the signature on the raw document, before
    it is parsed); refuse what this version cannot read."""
    where = store.url_of(MANIFEST)
    document = read_signed(store, MANIFEST, "archive")
    check_format(document, where, FORMAT, FORMAT_VERSION, "archive")
    manifest = parse(ArchiveManifest, document, where)
    for rel in [f.path for f in manifest.files] + [manifest.auth.file if manifest.auth else "x"]:
        require_inside(store, rel)
    manifest.url = store.url
    return manifest


def list_archives(root: Store) -> list[ArchiveManifest]:
    """Manifests of the complete archives under `root`, newest first, each with its `url`."""
    found = []
    for rel in root.glob("archives/*/manifest.json"):
        store = root.child(rel.rsplit("/", 1)[0])
        try:
            found.append(read_archive_manifest(store))
        except IntegrityError:
            continue
    return sorted(found, key=lambda m: m.started_at, reverse=True)


def is_archive(store: Store) -> bool:
    try:
        return json.loads(store.read_bytes(MANIFEST)).get("format") == FORMAT
    except (FileNotFoundError, ValueError, AttributeError):
        return False


def _archive_key(manifest: ArchiveManifest, key: AnyKey | None) -> AnyKey | None:
    """The key for an encrypted archive (checked against its fingerprint); None if plain."""
    if manifest.encryption is None:
        return None
    return codec_of(manifest, key).key


def _copy_plain(store: Store, rel: str, key: AnyKey | None, out) -> None:
    """Write the plaintext of an archive file to `out` (authenticated while read)."""
    with store.open_read(rel) as raw:
        reader = DecryptingReader(raw, key, rel) if key else raw
        while chunk := reader.read(CHUNK):
            out.write(chunk)


def verify_archive(store: Store, key: AnyKey | None = None, dump_to: Path | None = None):
    """Every file's sha256 and size against the manifest, no stray files, and
    `pg_restore --list` can read the dump (decrypted with the key if it is encrypted). With
    `dump_to`, the checked plaintext dump is left there as database.pgdump for a restore."""
    from airvault.verify import VerifyReport

    manifest = read_archive_manifest(store)
    report = VerifyReport(store.url)
    expected = {f.path: f for f in manifest.files}
    for rel, entry in expected.items():
        sha, size = hashlib.sha256(), 0
        try:
            with store.open_read(rel) as f:
                while chunk := f.read(CHUNK):
                    sha.update(chunk)
                    size += len(chunk)
        except FileNotFoundError:
            report.problems.append(f"{rel}: file is missing")
            continue
        report.checked_files += 1
        if sha.hexdigest() != entry.sha256 or size != entry.bytes:
            report.problems.append(f"{rel}: sha256 does not match the manifest")
    for rel in store.list_files():
        if rel not in expected and rel != MANIFEST:
            report.problems.append(f"{rel}: not listed in the manifest")
    if not report.problems:
        key = _archive_key(manifest, key or store.key)
        with tempfile.TemporaryDirectory(prefix="airvault-archive-") as tmp:
            dump = Path(dump_to or tmp) / "database.pgdump"
            try:
                with open(dump, "wb") as out:
                    _copy_plain(store, DUMP, key, out)
                _pg_restore_list(dump)
            except AirvaultError as e:
                report.problems.append(f"{DUMP}: {e}")
    return report


def _pg_restore_list(dump: Path) -> int:
    result = subprocess.run([pg_tool("pg_restore"), "--list", str(dump)], capture_output=True)
    if result.returncode != 0:
        err = result.stderr.decode(errors="replace").strip().splitlines()[-1:]
        raise AirvaultError(f"pg_restore --list cannot read the dump: {err}")
    return sum(1 for line in result.stdout.splitlines() if line and not line.startswith(b";"))


def restore_archive(
    source: str | Store,
    dsn: str,
    storage_to: str | None = None,
    clean: bool = False,
    jobs: int = 2,
    key: AnyKey | None = None,
    roles: str = "require",
) -> ArchiveRestoreResult:
    """Restore an archive into a new database (`clean`: drop and recreate an existing one)
    and copy its files back (to `storage_to`/<bucket>/..., else to where they came from).
    Verified first; on any error the new database is dropped and no file is copied."""
    from airvault.restore.new_database import (
        check_target_server,
        drop_database,
        make_database,
        stand_in_roles,
    )

    store = source if isinstance(source, Store) else open_store(source)
    manifest = read_archive_manifest(store)
    key = _archive_key(manifest, key or store.key)  # a wrong key fails before anything else
    t0 = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="airvault-archive-") as tmp:
        # Verification decrypts and checks the dump once; the restore loads that same copy.
        report = verify_archive(store, key, dump_to=Path(tmp))
        if not report.ok:
            raise IntegrityError(
                f"{store.url} failed verification, nothing was written: "
                + "; ".join(report.problems)
            )
        dump = Path(tmp) / "database.pgdump"
        owner_options = check_target_server(dsn, manifest, roles)  # before anything is written
        make_database(dsn, "archive-restore", "pass --clean to drop and recreate it", clean)
        try:
            with stand_in_roles(dsn, manifest, owner_options):
                _pg_restore(dsn, dump, "pre-data", owner_options)
                _pg_restore(dsn, dump, "data", owner_options, jobs)
                users = _restore_users(dsn, store, manifest, key)
                _pg_restore(dsn, dump, "post-data", owner_options, jobs)
        except BaseException:
            drop_database(dsn)
            raise
    copied = _restore_files(store, manifest, key, storage_to)
    dbname = cast(str | None, conninfo_to_dict(dsn).get("dbname"))  # parsed from text: a str
    auth = manifest.auth
    result = ArchiveRestoreResult(
        archive=store.url,
        database=dbname,
        auth_users=users,
        files=copied,
        seconds=round(time.monotonic() - t0, 3),
    )
    if auth and auth.rows and auth.columns_left_out:
        result.notices.append(RESET_PASSWORDS.format(columns=", ".join(auth.columns_left_out)))
    log.info("archive %s restored: %s", manifest.id, result.to_json())
    return result


def _pg_restore(
    dsn: str, dump: Path, section: str, owner_options: list[str], jobs: int = 1
) -> None:
    options = [f"--section={section}", *owner_options]
    jobs = jobs if section != "pre-data" else 1
    pg_restore_into(
        dsn,
        str(dump),
        f"pg_restore --section={section}",
        options,
        jobs=jobs,
        single_transaction=False,
    )


def _restore_users(dsn: str, store: Store, manifest: ArchiveManifest, key: AnyKey | None) -> int:
    auth = manifest.auth
    if not auth:
        return 0
    import io

    buf = io.BytesIO()
    _copy_plain(store, auth.file, key, buf)
    rows = json.loads(buf.getvalue())
    if not rows:
        return 0
    schema, table = auth.table.split(".", 1)
    target = sql.Identifier(schema, table)
    with psycopg.connect(dsn) as conn:
        columns = [
            r[0]
            for r in conn.execute(
                "SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0 "
                "AND NOT attisdropped AND attgenerated = '' ORDER BY attnum",
                (target.as_string(conn),),
            )
            if r[0] in rows[0]
        ]
        cols = sql.SQL(", ").join(map(sql.Identifier, columns))
        conn.execute(
            sql.SQL(
                "INSERT INTO {t} ({c}) SELECT {c} FROM jsonb_populate_recordset(NULL::{t}, %s)"
            ).format(t=target, c=cols),
            (Jsonb(rows),),
        )
    return len(rows)


def _restore_files(
    store: Store, manifest: ArchiveManifest, key: AnyKey | None, storage_to: str | None
) -> int:
    copied = 0
    for name, bucket in manifest.storage.items():
        target = open_store(f"{storage_to.rstrip('/')}/{name}" if storage_to else bucket.source)
        prefix = f"storage/{name}/"
        for entry in manifest.files:
            if entry.path.startswith(prefix):
                rel = entry.path[len(prefix) :]
                if rel.startswith("/") or ".." in rel.split("/") or ".." in name.split("/"):
                    raise IntegrityError(f"{entry.path}: escapes its bucket, refused")
                with target.open_write(rel) as out:
                    _copy_plain(store, entry.path, key, out)
                copied += 1
    return copied
