"""pg_dump archives: whole-database archives for keeping and for other tools."""
