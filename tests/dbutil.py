"""Test helpers that look at a database the way a user would check it."""

from __future__ import annotations

import psycopg
from psycopg import sql

from airvault.backup.run import BackupOptions, BackupResult, run_backup
from airvault.demo.database import table_counts
from airvault.storage.store import open_store

INFRA = ["sync_sessions", "sync_nodes", "offline_queue", "data_snapshots"]
SCHEMAS = ["public", "auth", "storage"]


def backup(dsn: str, root, **options) -> BackupResult:
    """A full backup (every schema), infrastructure tables skipped (as configured)."""
    opts = BackupOptions(exclude=INFRA, **options)
    return run_backup(dsn, open_store(root), opts)


def resign(folder, change=None) -> None:
    """Edit a backup's manifest and sign it again with this installation's key: the checks
    behind the signature must hold on their own too."""
    import json
    from pathlib import Path

    from airvault.storage.signing import keys_from_env, sign

    path = Path(str(folder).removeprefix("file://")) / "manifest.json"
    manifest = json.loads(path.read_text())
    if change:
        change(manifest)
    if "signature" not in manifest:  # the change removed it: leave the manifest unsigned
        path.write_text(json.dumps(manifest, indent=2, sort_keys=True))
        return
    path.write_text(json.dumps(sign(manifest, keys_from_env()), indent=2, sort_keys=True))


def per_table_md5(dsn: str, row: str, separator: str = "|") -> dict[str, str]:
    """md5 over every table's rows (the SQL expression `row` of alias x), in id order."""
    with psycopg.connect(dsn) as conn:
        return {
            t: conn.execute(
                sql.SQL(
                    "SELECT md5(coalesce(string_agg({row}, {sep} ORDER BY x.id), '')) FROM {t} x"
                ).format(
                    row=sql.SQL(row), sep=sql.Literal(separator), t=sql.Identifier(*t.split("."))
                )
            ).fetchone()[0]
            for t in table_counts(conn)
        }


def table_checksums(dsn: str) -> dict[str, str]:
    """md5 of every table's rows in primary-key (id) order."""
    return per_table_md5(dsn, "x::text")


def first_org(dsn: str) -> str:
    """The id of the demo's first organization (imports of products need one)."""
    with psycopg.connect(dsn) as conn:
        return conn.execute("SELECT id::text FROM organizations ORDER BY id LIMIT 1").fetchone()[0]
