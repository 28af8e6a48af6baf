"""The one config file (YAML) that declares connections, storage, modules, schedules, retention.

Validated with pydantic; every error names the key path and the problem in one line.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ByteSize,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    field_validator,
    model_validator,
)

from airvault.errors import ConfigError
from airvault.storage.digest import DEFAULT_DIGEST, Digest

# In the working directory, as documented: not the project checkout beside the package, whose
# config (exclusions, modules) would otherwise silently shape a user's backups elsewhere.
DEFAULT_CONFIG = Path("airvault.yaml")


def _no_nul(name: str) -> str:
    if "\x00" in name:
        raise ValueError(f"{name!r}: a PostgreSQL name cannot hold a NUL character")
    return name


IDENTIFIER = Annotated[str, Field(min_length=1, max_length=63), AfterValidator(_no_nul)]

# Columns no export or import ever touches, whatever the config says (`secrets` adds to them):
# password hashes and the tokens that log someone in, in the auth tables of Supabase (GoTrue),
# Django and Rails (Devise, has_secure_password). Exact names, no schema wildcards: a pattern
# such as *.*.password_hash belongs in an installation's own `secrets`.
BUILTIN_SECRETS = (
    "auth.users.encrypted_password",
    "auth.users.confirmation_token",
    "auth.users.recovery_token",
    "auth.users.email_change_token_new",
    "auth.users.email_change_token_current",
    "auth.users.phone_change_token",
    "auth.users.reauthentication_token",
    "auth.refresh_tokens.token",
    "auth.one_time_tokens.token_hash",
    "auth.mfa_factors.secret",
    "vault.secrets.secret",
    "public.auth_user.password",
    "public.users.encrypted_password",
    "public.users.reset_password_token",
    "public.users.password_digest",
)


def _column_pattern(pattern: str) -> str:
    if pattern.count(".") < 2:
        raise ValueError(
            f"{pattern!r}: give schema.table.column (shell patterns allowed, e.g. *.*.password_hash)"
        )
    return pattern


SECRET = Annotated[str, Field(min_length=5), AfterValidator(_column_pattern)]


def _cron(expression: str) -> str:
    """A schedule as Airflow reads it (croniter, as its cron timetables do): a typo must fail
    here, naming the key, not later as a DAG file that no longer imports and a daily backup
    that silently stops."""
    from croniter import CroniterBadCronError, CroniterBadDateError, croniter

    if expression in ("@once", "@continuous"):
        return expression
    try:
        fields = len(croniter(expression).expanded)
    except (CroniterBadCronError, CroniterBadDateError, ValueError) as e:
        raise ValueError(f"{expression!r} is not a schedule Airflow accepts: {e}") from None
    if fields != 5:
        raise ValueError(
            f"{expression!r} has {fields} fields: a schedule is a 5-field cron expression "
            "(minute hour day month weekday, in UTC) or a preset such as @daily"
        )
    return expression


CRON = Annotated[str, AfterValidator(_cron)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Connections(Strict):
    app_db: str = Field("airvault_app_db", description="Airflow connection id of the app database")
    storage: str | None = Field(None, description="Airflow connection id for s3:// storage")
    # the `restore` DAG writes only into app_db or one of these (its target_conn_id Param)
    restore_targets: list[str] = []


class Storage(Strict):
    root: str = Field("file://.airvault/storage", description="file://, a path or s3://[conn@]b/p")


class Module(Strict):
    tables: list[IDENTIFIER] = Field(min_length=1)
    user_columns: list[IDENTIFIER] = []
    datetime_columns: list[IDENTIFIER] = []
    schedule: CRON | None = None  # cron (UTC) for module_backup_<name>; None = manual / REST


class CapRule(Strict):
    column: IDENTIFIER = "created_at"
    newest: int | None = Field(None, ge=1, description="keep the newest N rows by column")
    days: int | None = Field(None, ge=1, description="keep the rows of the last D days")

    @model_validator(mode="after")
    def _one_limit(self) -> CapRule:
        if (self.newest is None) == (self.days is None):
            raise ValueError("give exactly one of 'newest' or 'days'")
        return self


class Backup(Strict):
    schemas: list[IDENTIFIER] | None = None  # None: every schema but the system ones
    exclude_schemas: list[IDENTIFIER] = []
    exclude_tables: list[str] = []
    row_filters: dict[str, str] = Field({}, description="table -> SQL predicate of rows to keep")
    caps: dict[str, CapRule] = Field({}, description="append-only logs: table -> cap")
    workers: int = Field(2, ge=1, le=32)
    compression: Literal["zstd", "gzip"] = "zstd"  # gzip: readable by any tool, slower
    compression_level: int = Field(1, ge=1, le=19)
    digest: Digest = DEFAULT_DIGEST  # of each data file; sha256 where a policy requires it
    pool: str = "airvault_app_db"
    pool_slots: int = Field(2, ge=1)
    retries: int = Field(3, ge=0)
    # a second backup of the same kind and scope while one runs: wait for it, or fail at once
    concurrent: Literal["wait", "fail"] = "wait"
    concurrent_wait_minutes: float = Field(30, gt=0)
    # SQL giving the app's schema version (one row, one column), recorded in each backup and
    # compared before a restore; null: the migration tool's table is detected
    app_version_query: str | None = None
    # full backups built from the newest base and its change segments (capture on), reading
    # no app table: true refuses what cannot be exact, "auto" takes a real full backup then
    synthetic: bool | Literal["auto"] = False


class Archive(Strict):
    schedule: CRON | None = None  # cron (UTC) of the pg_dump_archive DAG; None = manual / REST
    auth_table: str | None = "auth.users"  # exported as JSON, its rows left out of the dump
    # Deprecated alias: columns of auth_table, merged into `secrets` (Config.secret_patterns)
    secret_columns: list[IDENTIFIER] = []
    # the auth table's secret columns (password hashes) in auth/users.json: null (the default)
    # keeps them when the archive is encrypted (ciphertext at rest) and leaves them out when it
    # is not (restored users then reset their passwords); true / false decide either way
    include_secrets: bool | None = None
    buckets: dict[IDENTIFIER, str] = {}  # storage bucket name -> folder or s3:// URL of its files
    compress: str = "gzip:6"  # pg_dump --compress (zstd:3 where the pg_dump build has zstd)
    link_expires_minutes: int = Field(15, ge=1, le=7 * 24 * 60)


class Drills(Strict):
    schedule: CRON | None = "0 5 * * 0"  # restore_drill DAG (UTC, weekly)
    on_backup: bool = False  # also run after every completed full backup (its Asset)
    kinds: list[str] = ["full"]  # the newest backup of each of these kinds and scopes
    admin_connection: str | None = None  # creates the scratch database; None: connections.app_db
    invariants: dict[IDENTIFIER, str] = {}  # name -> SQL returning the count of rows breaking it


class RecurringExport(Strict):
    dataset: IDENTIFIER  # a module or a table
    schedule: CRON  # cron (UTC) of export_<name>
    format: Literal["csv", "json", "parquet", "xlsx", "pdf"] = "csv"
    readable: bool = True
    timezone: str = "UTC"


class ImportWatch(Strict):
    """import_incoming DAG: a file landing in imports/incoming/<table>/ is imported."""

    enabled: bool = False
    mode: Literal["insert", "upsert", "update-only"] = "upsert"
    policy: Literal["atomic", "skip"] = "atomic"
    poke_seconds: int = Field(60, ge=5)  # how often the sensor looks (reschedule mode)


class Uploads(Strict):
    """Backups uploaded on the Backups page: kept under <root>/uploads/<time>-<id>/."""

    max_mb: int = Field(1024, ge=1)  # the largest .tar accepted, in MiB (2**20 bytes)
    max_unpacked_mb: int = Field(2048, ge=1)  # what one upload may unpack to, in MiB
    max_stored: int = Field(20, ge=1)  # uploads kept at once; more are refused (409)
    keep_days: float = Field(7, gt=0)  # older uploads are deleted when a new one arrives


class Health(Strict):
    schedule: CRON | None = "15 * * * *"  # backup_health DAG (UTC, hourly)
    freshness_hours: dict[str, float] = {"full": 26}  # kind -> max age of its newest backup


class Capture(Strict):
    """Continuous protection: the change_capture DAG drains a logical replication slot into
    change segments (<root>/changes/<slot>/), replayed by `airvault restore --until`."""

    enabled: bool = False
    slot: IDENTIFIER = "airvault"  # the logical replication slot (pgoutput) on the app database
    publication: IDENTIFIER = "airvault"  # over the tables a full backup holds
    schedule: CRON | None = "* * * * *"  # change_capture DAG (UTC): every minute, RPO ~1 min
    segment_changes: int = Field(100_000, ge=1)  # row changes per segment (whole transactions)
    idle_segment_minutes: float = Field(10, gt=0)  # no changes: a segment this often anyway
    replica_identity_full: bool = False  # tables without a primary key: log whole old rows
    max_retained_wal_mb: float = Field(1024, gt=0)  # health alerts above (WAL the slot holds)
    max_lag_minutes: float = Field(5, gt=0)  # health alerts when no segment is this recent
    # `airvault capture stream` runs (compose service airvault-stream, `make run`): the DAG
    # then supervises it and drains only when it is down (docs/capture.md)
    stream: bool = False
    stream_flush_seconds: float = Field(2, gt=0, le=60)  # a segment this often: the RPO


class Encryption(Strict):
    enabled: bool = False  # encrypt every backup and archive file (AES-256-GCM)
    # Airflow connection whose password is the key (DAGs); the CLI reads $AIRVAULT_ENCRYPTION_KEY
    key_connection: str = "airvault_encryption"


class TenantBackup(Strict):
    id: str = Field(min_length=1, description="the tenant's key in the tenant table")
    schedule: CRON | None = None  # cron (UTC) for tenant_backup_<name>; None = manual / REST


class Tenancy(Strict):
    table: str = "public.organizations"  # one row per tenant
    column: IDENTIFIER = "organization_id"  # the tenant column of the app's tables
    backups: dict[IDENTIFIER, TenantBackup] = {}  # a tenant_backup_<name> DAG each


class Schedules(Strict):
    full_backup_daily: CRON | None = "0 2 * * *"
    full_backup_weekly: CRON | None = "0 3 * * 0"


def _timezone(name: str) -> str:
    """An IANA time zone (Europe/Paris, UTC), as a cron timetable of Airflow takes it."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"{name[:60]!r} is not a time zone (e.g. UTC, Europe/Paris)") from None
    return name


TIMEZONE = Annotated[str, Field(min_length=1, max_length=64), AfterValidator(_timezone)]


def _size(value: object) -> ByteSize:
    """A size as people write it: 50GB (10**9 bytes each), 5GiB (2**30) or a number of bytes."""
    try:
        size = TypeAdapter(ByteSize).validate_python(value)
    except ValidationError:
        raise ValueError(f"{value!r} is not a size: write e.g. 50GB, 500MB or 5GiB") from None
    if size <= 0:
        raise ValueError(f"{value!r}: give a size above 0, e.g. 50GB")
    return ByteSize(size)


SIZE = Annotated[ByteSize, BeforeValidator(_size)]

# the kinds of backup (storage.manifest.KINDS): what a per-kind setting may name
BackupKind = Literal["full", "module", "tenant", "pre-restore", "manual"]


class RetentionRule(Strict):
    keep_last: int | None = Field(None, ge=1)
    keep_days: int | None = Field(None, ge=1)
    daily: int | None = Field(None, ge=1)  # grandfather-father-son: newest of each of N days
    weekly: int | None = Field(None, ge=1)
    monthly: int | None = Field(None, ge=1)
    yearly: int | None = Field(None, ge=1)
    minimum_good: int = Field(1, ge=0)  # never fewer verified backups than this


class Retention(Strict):
    schedule: CRON | None = "30 4 * * *"  # the retention_cleanup DAG (UTC)
    grace_hours: float = Field(6, gt=0)  # incomplete backups younger than this are left alone
    # an incomplete backup whose heartbeat (writing.json, one beat a minute) is younger than
    # this is still being written: at least two beats
    heartbeat_stale_minutes: float = Field(10, ge=2)
    policies: dict[str, RetentionRule] = {}  # by kind: full, module, tenant, pre-restore, manual
    # by kind/scope (module/contacts, full/all): before the kind's policy and the tenant tiers;
    # the Backups page's schedule editor sets these (retention per schedule)
    scopes: dict[str, RetentionRule] = {}
    tiers: dict[IDENTIFIER, RetentionRule] = {}  # per-tenant tiers, e.g. free / pro
    tenant_tiers: dict[str, IDENTIFIER] = {}  # tenant backup scope -> tier
    # by kind, over all its scopes: "50GB" (10**9 bytes), "5GiB" (2**30) or bytes; the oldest
    # go first, never a pinned one nor below a scope's minimum_good
    max_size: dict[BackupKind, SIZE] = {}

    @model_validator(mode="after")
    def _known_tiers(self) -> Retention:
        for scope, tier in self.tenant_tiers.items():
            if tier not in self.tiers:
                raise ValueError(f"tenant_tiers.{scope}: tier '{tier}' is not in retention.tiers")
        return self

    def policy_for(self, kind: str, scope: str) -> RetentionRule | None:
        if f"{kind}/{scope}" in self.scopes:
            return self.scopes[f"{kind}/{scope}"]
        if kind == "tenant" and scope in self.tenant_tiers:
            return self.tiers[self.tenant_tiers[scope]]
        return self.policies.get(kind)


def _http_url(url: str) -> str:
    """A URL airvault calls out to (a ping): http or https with a host, nothing else (no
    file://, no ftp://: a config must not make a worker read local files or odd services)."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{url[:100]!r} is not an http:// or https:// URL with a host")
    return url


HTTP_URL = Annotated[str, AfterValidator(_http_url)]


class Pings(Strict):
    """Dead-man's-switch URLs of one backup DAG (healthchecks.io and the like): called when
    its backup starts, when its run succeeds (backup and verify), and when a task fails for
    good. A monitor that hears nothing by the schedule's next deadline alerts by itself, so
    a scheduler that stopped is noticed too."""

    start: HTTP_URL | None = None
    success: HTTP_URL | None = None
    failure: HTTP_URL | None = None
    timeout_seconds: float = Field(10, gt=0, le=60)  # per attempt
    retries: int = Field(2, ge=0, le=5)  # more attempts, 1 s then 2 s apart


class Notify(Strict):
    """When one backup DAG notifies (the AirvaultNotifier's channels: webhook, e-mail)."""

    on: list[Literal["failure", "success"]] = ["failure"]

    @model_validator(mode="before")
    @classmethod
    def _yaml_on(cls, data: object) -> object:
        """YAML 1.1 (PyYAML) reads a bare `on:` key as the boolean true: take it as `on`."""
        if isinstance(data, dict) and True in data:
            data = {("on" if k is True else k): v for k, v in data.items()}
        return data


class MetricsAccess(Strict):
    """Who may scrape /airvault/metrics besides an Airflow user who may list backups: a
    bearer token read from a file or an environment variable (never the config itself), or
    anyone when `anonymous` (scope names and sizes are then public)."""

    token_file: str | None = None  # relative to the config file
    token_env: str | None = "AIRVAULT_METRICS_TOKEN"
    anonymous: bool = False


class Monitoring(Strict):
    """Monitoring from outside Airflow: /metrics, and per backup DAG pings and notifications."""

    metrics: MetricsAccess = MetricsAccess()
    pings: dict[str, Pings] = {}  # backup DAG id -> its ping URLs
    notify: dict[str, Notify] = {}  # backup DAG id -> when it notifies (default: on failure)


def _storage_url(url: str) -> str:
    """A copy's place: a folder, file:///abs or s3://[conn@]bucket/prefix (as storage.root)."""
    if "://" in url and not url.startswith(("file://", "s3://")):
        raise ValueError(f"{url!r}: give a folder, file:///abs or s3://[conn@]bucket/prefix")
    if url.startswith("s3://") and not url.removeprefix("s3://").split("@")[-1].strip("/"):
        raise ValueError(f"{url!r}: name the bucket (s3://[conn@]bucket/prefix)")
    return url


def _place(url: str) -> str:
    """A storage URL without its connection id (s3://conn@bucket/p and s3://bucket/p are one)."""
    if url.startswith("s3://"):
        return "s3://" + url.removeprefix("s3://").split("@", 1)[-1].rstrip("/")
    return url.rstrip("/")


class Copy(Strict):
    """A further storage every completed backup, archive and change segment is copied to
    (3-2-1: another bucket, region or provider, or a local folder). storage/copies.py."""

    url: Annotated[str, Field(min_length=1), AfterValidator(_storage_url)]
    # Airflow connection of an s3:// copy (default: the URL's conn@, else connections.storage)
    conn_id: str | None = None
    # kind -> rule, as retention.policies; None: the primary's policies and tiers apply
    retention: dict[str, RetentionRule] | None = None
    # kind -> cap, as retention.max_size; None: the primary's caps apply ({}: none)
    max_size: dict[BackupKind, SIZE] | None = None


class Config(Strict):
    version: int = 1
    connections: Connections = Connections()
    storage: Storage = Storage()
    backup: Backup = Backup()
    modules: dict[IDENTIFIER, Module] = {}
    tenancy: Tenancy = Tenancy()
    encryption: Encryption = Encryption()
    capture: Capture = Capture()
    archive: Archive = Archive()
    drills: Drills = Drills()
    health: Health = Health()
    monitoring: Monitoring = Monitoring()
    exports: dict[IDENTIFIER, RecurringExport] = {}  # an export_<name> DAG each
    # saved column mappings for imports: name -> {file column: table column}
    import_mappings: dict[IDENTIFIER, dict[str, str]] = {}
    import_watch: ImportWatch = ImportWatch()
    uploads: Uploads = Uploads()
    # schema.table.column (shell patterns) never exported nor imported into, nor kept in an
    # archive's auth/users.json; added to BUILTIN_SECRETS, which always apply
    secrets: list[SECRET] = []

    def secret_patterns(self) -> list[str]:
        """Every secret column pattern: the built-in ones, `secrets`, and the columns of the
        deprecated archive.secret_columns (bare names of archive.auth_table)."""
        table = self.archive.auth_table
        legacy = [f"{table}.{c}" for c in self.archive.secret_columns] if table else []
        return list(dict.fromkeys([*BUILTIN_SECRETS, *self.secrets, *legacy]))

    def import_mapping(self, name: str) -> dict[str, str]:
        if name not in self.import_mappings:
            known = ", ".join(sorted(self.import_mappings)) or "none"
            raise ConfigError(f"import mapping template '{name}' is not in the config ({known})")
        return dict(self.import_mappings[name])

    schedules: Schedules = Schedules()
    retention: Retention = Retention()
    copies: dict[IDENTIFIER, Copy] = {}  # name -> a further storage (storage/copies.py)
    # the schedule edits of the Backups page, relative to this file: an overlay over the
    # schedules above, read when the config is loaded (schedule_edits.py); null: no page edits
    schedule_edits: str | None = ".airvault/schedule-edits.json"
    # what that overlay changed, and its problems (schedule_edits.AppliedEdits); None: not read
    edits: Any = Field(None, exclude=True)
    base_dir: Path = Field(Path.cwd(), exclude=True)
    source: Path | None = Field(None, exclude=True)  # the file it was loaded from

    @field_validator("version")
    @classmethod
    def _known_version(cls, v: int) -> int:
        if v != 1:
            raise ValueError(f"unsupported config version {v}; this airvault reads version 1")
        return v

    @model_validator(mode="after")
    def _monitored_dags_exist(self) -> Config:
        """A ping or notification of a DAG the config does not make would never fire: a typo
        in a DAG id must fail here, naming the key."""
        from airvault.ops.health import backup_dags  # imports this module

        known = [d.dag_id for d in backup_dags(self)]
        for section in ("pings", "notify"):
            for dag_id in getattr(self.monitoring, section):
                if dag_id not in known:
                    raise ValueError(
                        f"monitoring.{section}.{dag_id}: not a backup DAG of this config "
                        f"({', '.join(known)})"
                    )
        return self

    def metrics_token(self) -> str | None:
        """The bearer token a scraper of /metrics presents: monitoring.metrics.token_file's
        content, else the variable token_env names; None when neither is set."""
        access = self.monitoring.metrics
        if access.token_file:
            path = self.base_dir / access.token_file  # an absolute token_file stays itself
            try:
                token = path.read_text()
            except OSError as e:
                raise ConfigError(f"monitoring.metrics.token_file: cannot read it: {e}") from None
        else:
            token = os.environ.get(access.token_env or "", "")
        return token.strip() or None

    def restore_targets(self) -> list[str]:
        """The connections a restore may write into: the app database, then restore_targets."""
        return list(dict.fromkeys([self.connections.app_db, *self.connections.restore_targets]))

    def storage_root(self) -> str:
        """The storage root URL with a relative local path resolved against the config's folder."""
        return self.resolve_url(self.storage.root)

    @model_validator(mode="after")
    def _copies_elsewhere(self) -> Config:
        """A copy in the primary root (or holding it, or in another copy) would be lost with
        it: not a second place."""
        places = {"storage.root": _place(self.storage_root())}
        for name, copy in self.copies.items():
            url = _place(self.resolve_url(copy.url))
            for key, other in places.items():
                if url == other or url.startswith(other + "/") or other.startswith(url + "/"):
                    raise ValueError(
                        f"copies.{name}.url: {copy.url} overlaps {key}: a copy "
                        "must be a place of its own"
                    )
            places[f"copies.{name}.url"] = url
        return self

    def copy_retention(self, name: str) -> Retention:
        """The retention settings of copy `name`: its own rules by kind and its own size caps,
        else the primary's."""
        copy = self.copies[name]
        update: dict = {}
        if copy.retention is not None:
            update |= {"policies": copy.retention, "tiers": {}, "tenant_tiers": {}}
        if copy.max_size is not None:
            update["max_size"] = copy.max_size
        return self.retention.model_copy(update=update) if update else self.retention

    def resolve_url(self, url: str) -> str:
        """A URL of the config with a relative local path resolved against the config's folder."""
        root = url
        if "://" in root and not root.startswith("file://"):
            return root
        path = Path(root.removeprefix("file://"))
        if not path.is_absolute():
            path = self.base_dir / path
        return f"file://{path}"


def _describe(err: ValidationError, source: str) -> str:
    """Every problem, each naming its key, on one line (the first three; then how many more)."""
    shown = [
        f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}"
        if e["loc"]  # a check of the whole config names its key itself
        else e["msg"].removeprefix("Value error, ")
        for e in err.errors()[:3]
    ]
    more = f" (+{err.error_count() - 3} more)" if err.error_count() > 3 else ""
    return f"{source}: {'; '.join(shown)}{more}"


def config_path(path: str | Path | None = None) -> Path:
    return Path(path or os.environ.get("AIRVAULT_CONFIG") or DEFAULT_CONFIG)


def load_config(path: str | Path | None = None, edits: bool = True) -> Config:
    """Load and validate the config: `path`, else $AIRVAULT_CONFIG, else ./airvault.yaml; with
    `edits`, the Backups page's schedule edits applied over it (an unreadable or bad edit is
    left out and reported in `config.edits.problems`, never an error: schedule_edits.py)."""
    p = config_path(path)
    try:
        raw = yaml.safe_load(p.read_text()) or {}
    except FileNotFoundError:
        raise ConfigError(
            f"config file not found: {p.absolute()} (give --config, set $AIRVAULT_CONFIG or put airvault.yaml in the working directory)"
        ) from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        at = f" line {mark.line + 1}" if mark else ""
        raise ConfigError(f"{p}:{at} is not valid YAML: {getattr(e, 'problem', e)}") from None
    if not isinstance(raw, dict):
        raise ConfigError(f"{p}: the top level must be a mapping of keys, not {type(raw).__name__}")
    try:
        config = Config.model_validate(
            {**raw, "base_dir": p.resolve().parent, "source": p.resolve(), "edits": None}
        )
    except ValidationError as e:
        raise ConfigError(_describe(e, str(p))) from None
    if not edits:
        return config
    from airvault.schedule_edits import apply_edits

    return apply_edits(config)
