"""The `airvault` command line."""
