"""Error types. The CLI prints these as one clear line; the operators decide retry or not."""


class AirvaultError(Exception):
    """A failure the user can act on; the message says what and where."""


class ConfigError(AirvaultError):
    """The config file is missing, malformed or names things that do not exist."""


class IntegrityError(AirvaultError):
    """A checksum, row count or manifest does not match: never transient, never retried."""


class ManifestUnreadable(IntegrityError):
    """A manifest is there but cannot be used: malformed, from a newer airvault, or not
    authenticated. Retention keeps such a backup; it is never taken for an incomplete one."""


class ToolVersionError(AirvaultError):
    """pg_dump is older than the server it must dump."""
