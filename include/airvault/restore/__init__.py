"""Restoring backups: plan, new database, replace or merge, check."""
