"""Keeping backups healthy: retention, drills, freshness, alerts, config checks."""
