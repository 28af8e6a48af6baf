"""Sequences at the point of a replay. Their values are not in the change stream; what is
known of a sequence at the point: the base's value, the values drains read before the point
(`bounds`: a sequence only moves forward), and for a serial or identity column the highest
value its table holds at the point. The sequence is set to the greatest of these: past every
value used by the point, and not past the ones handed out after it (the drained value of a
segment that ends after the point is not used)."""

from __future__ import annotations

from datetime import datetime

import psycopg
from psycopg import sql

from airvault.storage.models import ChangeSegment

_SEQUENCES = """
SELECT n.nspname, s.relname, t.oid IS NOT NULL, tn.nspname, t.relname, a.attname
FROM pg_sequence q
JOIN pg_class s ON s.oid = q.seqrelid JOIN pg_namespace n ON n.oid = s.relnamespace
LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.oid
     AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
LEFT JOIN pg_class t ON t.oid = d.refobjid LEFT JOIN pg_namespace tn ON tn.oid = t.relnamespace
LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
WHERE q.seqincrement > 0 AND n.nspname NOT IN ('pg_catalog', 'information_schema')
"""


def bounds_at(segments: list[ChangeSegment], until: datetime | None) -> dict[str, int]:
    """Each sequence's greatest value read by a drain at or before `until` (None: every
    drain's, for the latest point)."""
    found: dict[str, int] = {}
    for segment in segments:
        if until is None or datetime.fromisoformat(segment.drained_at) <= until:
            for name, value in segment.sequences.items():
                found[name] = max(found.get(name, value), value)
    return found


def set_at_point(conn: psycopg.Connection, bounds: dict[str, int], tables: set[str]) -> None:
    """Move each ascending sequence forward to the greatest of its value, its bound and the
    highest value of the column of `tables` (the replayed ones) it serves."""
    for schema, name, owned, table_schema, table, column in conn.execute(_SEQUENCES).fetchall():
        seq = sql.Identifier(schema, name)
        highest: sql.Composable = sql.SQL("NULL")
        if owned and f"{table_schema}.{table}" in tables:
            highest = sql.SQL("(SELECT max({}) FROM {})").format(
                sql.Identifier(column), sql.Identifier(table_schema, table)
            )
        bound = bounds.get(f"{schema}.{name}")
        conn.execute(
            sql.SQL(
                "SELECT setval({seq}, t) FROM (SELECT GREATEST({b}, {h})::bigint t, last_value, "
                "is_called FROM {rel}) x WHERE t > last_value OR (t = last_value AND NOT is_called)"
            ).format(
                seq=sql.Literal(seq.as_string(conn)),
                b=sql.Literal(bound),
                h=highest,
                rel=seq,
            )
        )
