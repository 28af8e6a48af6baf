"""Continuous protection: a logical replication slot's changes, drained into signed change
segments in storage, replayed onto a base backup for point-in-time restores."""
