"""Turn Airflow connections into what the core takes: a libpq DSN and a Store."""

from __future__ import annotations

from psycopg.conninfo import make_conninfo

from airvault.config import Config
from airvault.storage.crypto import AnyKey, key_from_env, parse_keys
from airvault.storage.store import Store, open_store


def postgres_dsn(conn_id: str) -> str:
    """A libpq DSN for an Airflow postgres connection (its `schema` is the database name)."""
    from airflow.sdk import Connection

    conn = Connection.get(conn_id)
    params = {
        "host": conn.host or "127.0.0.1",
        "port": conn.port or 5432,
        "user": conn.login or None,
        "password": conn.password or None,
        "dbname": conn.schema or None,
    }
    extra = conn.extra_dejson or {}
    for key in ("sslmode", "sslrootcert", "connect_timeout", "application_name"):
        if key in extra:
            params[key] = extra[key]
    return make_conninfo(**{k: v for k, v in params.items() if v is not None})


def encryption_key(config: Config) -> AnyKey | None:
    """The key in the password of the config's encryption connection, else
    $AIRVAULT_ENCRYPTION_KEY; None when neither is set (a clear error follows if needed)."""
    from airflow.sdk import Connection
    from airflow.sdk.exceptions import AirflowNotFoundException

    try:
        password = Connection.get(config.encryption.key_connection).password
    except AirflowNotFoundException:
        password = None
    return parse_keys(password) if password else key_from_env()


def signing_keys():
    """The manifest signing keys: the password of the `airvault_signing` connection (one key
    a line, or comma separated; the first signs), else $AIRVAULT_SIGNING_KEY."""
    from airflow.sdk import Connection
    from airflow.sdk.exceptions import AirflowNotFoundException

    from airvault.storage.signing import SIGNING_CONNECTION, keys_from_env, parse_signing_keys

    try:
        password = Connection.get(SIGNING_CONNECTION).password
    except AirflowNotFoundException:
        password = None
    return parse_signing_keys(password) if password else keys_from_env()


def new_files_key(config: Config, store: Store) -> AnyKey | None:
    """The key new backups and archives are encrypted with: None unless encryption is on,
    and then `store`'s key or a task failure that says where the key should be."""
    if not config.encryption.enabled:
        return None
    if store.key is None:
        from airflow.sdk.exceptions import AirflowFailException

        raise AirflowFailException(
            f"encryption is enabled but connection '{config.encryption.key_connection}' "
            "has no key (password) and AIRVAULT_ENCRYPTION_KEY is not set"
        )
    return store.key


def vault_store(config: Config, url: str | None = None) -> Store:
    """The config's storage root (or `url`), through Airflow, holding the encryption key for
    reading encrypted backups there."""
    store = storage_for(url or config.storage_root(), config.connections.storage)
    store.key = encryption_key(config)
    store.signing = signing_keys()
    return store


def storage_for(url: str, conn_id: str | None = None) -> Store:
    """A Store for a storage URL; s3:// goes through ObjectStoragePath so the Airflow
    connection (credentials, endpoint_url) applies. `conn_id` fills in s3://bucket URLs."""
    if not url.startswith("s3://"):
        return open_store(url)
    from airflow.sdk import ObjectStoragePath

    if conn_id and "@" not in url.split("/", 3)[2]:
        url = url.replace("s3://", f"s3://{conn_id}@", 1)
    fs = ObjectStoragePath(url).fs
    from s3fs import S3FileSystem

    from airvault.storage.store import S3_RETRIES

    if isinstance(fs, S3FileSystem):  # same session; our retries and SigV4 links (not SigV2)
        fs = S3FileSystem(session=fs.session, endpoint_url=fs.endpoint_url, anon=fs.anon,
                          client_kwargs=fs.client_kwargs,
                          config_kwargs={**fs.config_kwargs, **S3_RETRIES})  # fmt: skip
    return open_store(url, fs=fs)
