"""Test helpers that look at a database the way a user would check it."""

from __future__ import annotations

import psycopg
from psycopg import sql

from airvault.demo_db import table_counts


def table_checksums(dsn: str) -> dict[str, str]:
    """md5 of every table's rows in primary-key (id) order."""
    with psycopg.connect(dsn) as conn:
        return {
            t: conn.execute(
                sql.SQL(
                    "SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x.id), '')) FROM {} x"
                ).format(sql.Identifier(*t.split(".")))
            ).fetchone()[0]
            for t in table_counts(conn)
        }
