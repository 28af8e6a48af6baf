"""What one backup takes: its kind and scope, the tables and rows it holds, how its files are
written, and what people call it. Built from the config by the CLI and the operators alike."""

from __future__ import annotations

from dataclasses import dataclass, field

from airvault.config import Config
from airvault.errors import AirvaultError
from airvault.pg.scope import Cap, RowRules, parse_cap, parse_filter
from airvault.storage.crypto import AnyKey
from airvault.storage.digest import DEFAULT_DIGEST, Digest
from airvault.storage.models import PointInTime, RestoreOrigin


@dataclass
class BackupOptions:
    kind: str = "full"
    scope: str = "all"
    schemas: list[str] | None = None  # None: every schema but the system ones, like pg_dump
    exclude_schemas: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    rows: RowRules = field(default_factory=RowRules)  # tenant, row filters, caps
    modules: dict[str, list[str]] = field(default_factory=dict)  # counted in the manifest
    only: list[str] | None = None  # table names (bare or schema.table); None = all not excluded
    workers: int = 2
    compression: str = "zstd"  # or "gzip"
    compression_level: int = 1
    encryption_key: AnyKey | None = None  # AES-256-GCM of every file but the manifest
    label: str | None = None  # None: default_label (kind, scope, start to the second, id)
    note: str | None = None  # free text kept in the manifest ("before the v42 migration")
    concurrent: str = "wait"  # another backup of this kind and scope runs: "wait" or "fail"
    concurrent_wait_s: float = 30 * 60
    restore: RestoreOrigin | None = None  # a safety backup: the restore it was taken before
    # Change capture's slot: while it exists, the backup is taken in a snapshot lined up with
    # it and records that LSN, so it is a base for point-in-time restores.
    capture_slot: str | None = "airvault"
    capture_publication: str = "airvault"  # its publication: what a synthetic full relies on
    point_in_time: PointInTime | None = None  # made by a point-in-time restore: of what
    digest: Digest = DEFAULT_DIGEST  # of the data files' content and stored bytes
    app_version_query: str | None = None  # the config's; None: detect the migration tool


def options_from_config(config: Config, **overrides) -> BackupOptions:
    """The backup settings of the config (schemas, exclusions, row filters, caps, modules)."""
    b = config.backup
    rules = RowRules(
        tenant_table=config.tenancy.table,
        tenant_column=config.tenancy.column,
        row_filters=dict(b.row_filters),
        caps={t: Cap(c.column, c.newest, c.days) for t, c in b.caps.items()},
    )
    opts = BackupOptions(
        schemas=None if b.schemas is None else list(b.schemas),
        exclude_schemas=list(b.exclude_schemas),
        exclude=list(b.exclude_tables),
        rows=rules,
        modules={name: m.tables for name, m in config.modules.items()},
        workers=b.workers,
        compression=b.compression,
        compression_level=b.compression_level,
        digest=b.digest,
        concurrent=b.concurrent,
        concurrent_wait_s=b.concurrent_wait_minutes * 60,
        capture_slot=config.capture.slot,
        capture_publication=config.capture.publication,
        app_version_query=b.app_version_query,
    )
    for key, value in overrides.items():
        setattr(opts, key, value)
    return opts


def scoped_options(
    config: Config | None,
    *,
    kind: str = "full",
    module: str | None = None,
    tenant: str | None = None,
    tables: list[str] | None = None,
    filters: list[str] | None = None,
    caps: list[str] | None = None,
) -> BackupOptions:
    """The options of one backup (CLI and operators): the config's settings (defaults without
    one) narrowed to a module's tables, one tenant's rows or some `tables`, plus row filters
    (TABLE:PREDICATE) and caps (TABLE:newest=N, TABLE:days=D[:COLUMN])."""
    opts = options_from_config(config) if config else BackupOptions()
    opts.kind = kind
    opts.rows.row_filters.update(parse_filter(f) for f in filters or [])
    opts.rows.caps.update(parse_cap(c) for c in caps or [])
    if module:  # a module backup: the module's tables, scoped and labelled as such
        found = config.modules.get(module) if config else None
        if found is None:
            raise AirvaultError(f"module '{module}' is not in the config")
        opts.kind, opts.scope, opts.only = "module", module, found.tables
    elif tables:
        opts.only = list(tables)
    if tenant:  # one tenant's rows and what they reference
        opts.kind, opts.scope, opts.rows.tenant_id = "tenant", tenant, tenant
    return opts
