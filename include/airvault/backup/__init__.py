"""Taking backups: a consistent snapshot streamed table by table, verified."""
