"""Data in and out: CSV imports, exports, diffs of two backups, one-off jobs."""
