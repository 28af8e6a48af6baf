"""AirvaultHook: everything an airvault task needs from Airflow, in one place.

* the app database: an Airflow connection (type `airvault` or `postgres`) turned into the libpq
  DSN that psycopg, pg_dump and pg_restore take, through the postgres provider's own handling
  (every extra it passes to libpq: sslmode, sslcert, sslkey, sslrootcert, connect_timeout,
  application_name, options, keepalives, ...; `iam` tokens for RDS, Redshift and Azure);
* the storage: the config's storage root (or the connection's `storage_root` extra), s3://
  through ObjectStoragePath so the amazon connection (credentials, `endpoint_url`) applies;
* the keys: the encryption key (password of `encryption.key_connection`, else
  $AIRVAULT_ENCRYPTION_KEY) and the manifest signing keys (password of `airvault_signing`,
  else $AIRVAULT_SIGNING_KEY).
"""

from __future__ import annotations

from copy import deepcopy
from functools import cached_property
from typing import Any

from airflow.providers.postgres.hooks.postgres import PostgresHook

from airvault.config import Config, config_path, load_config
from airvault.errors import AirvaultError
from airvault.storage.crypto import AnyKey
from airvault.storage.store import Store

# extras of an `airvault` connection that are airvault's, not libpq's
AIRVAULT_EXTRAS = {"storage_root", "storage_conn_id"}


def load_config_or_defaults(path: str | None = None) -> Config:
    """The config at `path` / $AIRVAULT_CONFIG / ./airvault.yaml; the defaults when none is
    named and ./airvault.yaml is absent (a user's own DAG may need no config file)."""
    import os

    if path or os.environ.get("AIRVAULT_CONFIG") or config_path().exists():
        return load_config(path)
    return Config()


def _password(conn_id: str) -> str | None:
    from airflow.sdk import Connection
    from airflow.sdk.exceptions import AirflowNotFoundException

    try:
        return Connection.get(conn_id).password or None
    except AirflowNotFoundException:
        return None


class AirvaultHook(PostgresHook):
    """The app database, the backup storage and the keys of one airvault installation.

    :param airvault_conn_id: the app database's connection (default: the config's
        `connections.app_db`, `airvault_app_db`)
    :param config: path of airvault.yaml, or a loaded Config (default: $AIRVAULT_CONFIG)
    :param storage_root: where backups live (default: the connection's `storage_root` extra,
        else the config's `storage.root`)
    :param storage_conn_id: the amazon connection of an s3:// root (default: the connection's
        `storage_conn_id` extra, else the config's `connections.storage`)
    """

    conn_name_attr = "airvault_conn_id"
    default_conn_name = "airvault_app_db"
    conn_type = "airvault"
    hook_name = "airvault"

    def __init__(
        self,
        airvault_conn_id: str | None = None,
        *,
        config: str | Config | None = None,
        storage_root: str | None = None,
        storage_conn_id: str | None = None,
        **kwargs: Any,
    ) -> None:
        self.config = config if isinstance(config, Config) else load_config_or_defaults(config)
        conn_id = airvault_conn_id or self.config.connections.app_db
        super().__init__(airvault_conn_id=conn_id, **kwargs)
        self._storage_root = storage_root
        self._storage_conn_id = storage_conn_id

    # -- the app database -------------------------------------------------------------------
    def get_dsn(self, conn_id: str | None = None) -> str:
        """The libpq DSN of this hook's connection (or of `conn_id`: a restore target, the
        drills' admin connection), built as the postgres provider's get_conn() builds its
        arguments, without connecting."""
        from psycopg.conninfo import make_conninfo

        if conn_id and conn_id != self.get_conn_id():
            return type(self)(conn_id, config=self.config).get_dsn()
        conn = deepcopy(self.connection)
        if conn.extra_dejson.get("iam", False):
            conn.login, conn.password, conn.port = self.get_iam_token(conn)
        params: dict[str, Any] = {
            "host": conn.host or "127.0.0.1",
            "port": conn.port or 5432,
            "user": conn.login,
            "password": conn.password,
            "dbname": self.database or conn.schema,
        }
        if self.options:
            params["options"] = self.options
        for key, value in conn.extra_dejson.items():
            if key not in self.ignored_extra_options and key not in AIRVAULT_EXTRAS:
                params[key] = value
        return make_conninfo(**{k: v for k, v in params.items() if v not in (None, "")})

    def _extra(self, key: str) -> str | None:
        from airflow.sdk.exceptions import AirflowNotFoundException

        try:
            return self.connection.extra_dejson.get(key) or None
        except AirflowNotFoundException:
            return None

    # -- the storage ------------------------------------------------------------------------
    @cached_property
    def storage_conn_id(self) -> str | None:
        return (
            self._storage_conn_id
            or self._extra("storage_conn_id")
            or self.config.connections.storage
        )

    @cached_property
    def storage_root(self) -> str:
        root = self._storage_root or self._extra("storage_root")
        return self.config.resolve_url(root) if root else self.config.storage_root()

    def get_store(self) -> Store:
        """The storage root, holding the keys for reading and signing there."""
        store = self.storage_for(self.storage_root)
        store.key = self.encryption_key()
        store.signing = self.signing_keys()
        return store

    def storage_for(self, url: str, conn_id: str | None = None) -> Store:
        """A Store for a storage URL; s3:// goes through ObjectStoragePath so the Airflow
        connection (credentials, endpoint_url) applies. `conn_id` (else the storage
        connection) fills in s3://bucket URLs that name none."""
        from airvault.storage.store import open_store

        if not url.startswith("s3://"):
            return open_store(url)
        from airflow.sdk import ObjectStoragePath
        from s3fs import S3FileSystem

        from airvault.storage.store import S3_RETRIES

        conn_id = conn_id or self.storage_conn_id
        if conn_id and "@" not in url.split("/", 3)[2]:
            url = url.replace("s3://", f"s3://{conn_id}@", 1)
        fs = ObjectStoragePath(url).fs
        if isinstance(fs, S3FileSystem):  # same session; our retries and SigV4 links (not SigV2)
            fs = S3FileSystem(
                session=fs.session,
                endpoint_url=fs.endpoint_url,
                anon=fs.anon,
                client_kwargs=fs.client_kwargs,
                config_kwargs={**fs.config_kwargs, **S3_RETRIES},
            )
        return open_store(url, fs=fs)

    def copy_sites(self, only: str | None = None) -> list:
        """The config's copies (ops.copies.CopySite each), an s3:// one read through its own
        `conn_id` (else the storage connection), with the keys of the storage root."""
        from airvault.ops.copies import open_sites

        return open_sites(self.config, self.get_store(), self.storage_for, only)

    def backup_source(
        self,
        url: str,
        kinds: tuple[str, ...] = ("backup", "upload"),
        trust_unsigned: bool = False,
        param: str = "backup_url",
        copy: str | None = None,
    ) -> Store:
        """A backup a user names (the Param `param` of a run, a page request) as a Store
        holding the keys: one folder under the storage root (a backup, an upload, also a .tar
        there in local storage), read through the storage's own connection; or one under the
        root of a copy the config names (`copies:`), read through the copy's connection: the
        copy `copy`, or the one whose root a URL is under. Anything else (another connection,
        `..`, outside every root) is refused (storage/confine.py)."""
        from airvault.storage.confine import NotInStorage, confine
        from airvault.storage.uploads import TARS, open_backup

        if copy:
            return self._in_copy(url, kinds, param, copy, trust_unsigned)
        root = self.get_store()
        root.trust_unsigned = trust_unsigned
        try:
            rel = confine(root, url, kinds, param, self.storage_conn_id)
        except NotInStorage:
            if "://" not in url and not url.startswith("/"):  # relative: the root's
                raise
            found = self._under_a_copy(url, kinds, param, trust_unsigned)
            if found is None:
                raise
            return found
        if root.is_local and rel.endswith(TARS):
            store = open_backup(root.path(rel))
            store.key, store.signing, store.trust_unsigned = (
                root.key,
                root.signing,
                root.trust_unsigned,
            )
            return store
        return root.child(rel)

    def root_holding(self, source: Store) -> Store:
        """The root a backup_source() folder is under: the storage root, or the copy's root
        (where the change segments after a base read from that copy are)."""
        main = self.get_store()
        if not _under(source.url, main.url):
            for site in self.copy_sites():
                if _under(source.url, site.store.url):
                    return site.store
        return main

    def _copy_conn(self, name: str) -> str | None:
        return self.config.copies[name].conn_id or self.storage_conn_id

    def _in_copy(
        self, url: str, kinds: tuple[str, ...], param: str, name: str, trust_unsigned: bool
    ) -> Store:
        """The folder `url` names in copy `name`: a URL or path under the copy's root, or a
        URL of the storage root (the same folder there: what restores when the root is
        lost). Backups and archives only: nothing else is copied."""
        from airvault.storage.confine import NotInStorage, confine

        site = self.copy_sites(name)[0]
        copied = tuple(k for k in kinds if k in ("backup", "archive")) or ("backup",)
        try:
            rel = confine(site.store, url, copied, param, self._copy_conn(name))
        except NotInStorage as in_copy:
            try:
                rel = confine(self.get_store(), url, copied, param, self.storage_conn_id)
            except NotInStorage:
                raise in_copy from None
        store = site.store.child(rel)
        store.trust_unsigned = trust_unsigned
        return store

    def _under_a_copy(
        self, url: str, kinds: tuple[str, ...], param: str, trust_unsigned: bool
    ) -> Store | None:
        """The folder `url` names under the root of one of the config's copies; None when
        it is under none."""
        from airvault.storage.confine import NotInStorage

        for name in self.config.copies:
            try:
                return self._in_copy(url, kinds, param, name, trust_unsigned)
            except NotInStorage:
                continue
        return None

    # -- the keys ---------------------------------------------------------------------------
    def encryption_key(self) -> AnyKey | None:
        """The key in the password of the config's encryption connection, else
        $AIRVAULT_ENCRYPTION_KEY; None when neither is set."""
        from airvault.storage.crypto import key_from_env, parse_keys

        password = _password(self.config.encryption.key_connection)
        return parse_keys(password) if password else key_from_env()

    def signing_keys(self):
        """The manifest signing keys: the password of the `airvault_signing` connection (one
        key a line, or comma separated; the first signs), else $AIRVAULT_SIGNING_KEY; with the
        public keys of other installations in $AIRVAULT_PUBLIC_KEY (verified, never signing)."""
        from airvault.storage.signing import SIGNING_CONNECTION, keys_from_env

        return keys_from_env(_password(SIGNING_CONNECTION))

    def new_files_key(self, store: Store) -> AnyKey | None:
        """The key new backups and archives are encrypted with: None unless encryption is
        on, and then `store`'s key or an error that says where the key should be."""
        if not self.config.encryption.enabled:
            return None
        if store.key is None:
            raise AirvaultError(
                f"encryption is enabled but connection '{self.config.encryption.key_connection}' "
                "has no key (password) and AIRVAULT_ENCRYPTION_KEY is not set"
            )
        return store.key

    def storage_file(self, given: str, kinds: tuple[str, ...], param: str) -> tuple[Store, str]:
        """(the storage root, the path under it) of one file a user names (the Param
        `param`), confined to `kinds` of the root (storage/confine.py)."""
        from airvault.storage.confine import confine

        root = self.get_store()
        return root, confine(root, given, kinds, param, self.storage_conn_id)

    def restore_targets(self) -> list[str]:
        return self.config.restore_targets()

    def restore_target_dsn(self, conn_id: str | None) -> str:
        """The DSN of a restore target; only a connection the config names."""
        conn_id = conn_id or self.config.connections.app_db
        if conn_id not in self.restore_targets():
            raise AirvaultError(
                f"target_conn_id '{conn_id}' is not a restore target of the config: use one of "
                f"{', '.join(self.restore_targets())} (connections.app_db, "
                "connections.restore_targets)"
            )
        return self.get_dsn(conn_id)

    @classmethod
    def get_ui_field_behaviour(cls) -> dict[str, Any]:
        return {"hidden_fields": [], "relabeling": {"schema": "Database"}}


def _under(url: str, root: str) -> bool:
    return url.startswith(root.rstrip("/") + "/")
