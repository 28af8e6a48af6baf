"""The row of a query that always returns one (SHOW, an aggregate, SELECT without FROM)."""

from __future__ import annotations

from typing import TypeVar

T = TypeVar("T")


def one_row(row: T | None) -> T:
    """`row` (psycopg's fetchone() is typed None-able), which such a query never leaves None:
    an error if it does, where indexing None would have raised a TypeError."""
    if row is None:
        raise LookupError("the query returned no row, where it always returns one")
    return row
