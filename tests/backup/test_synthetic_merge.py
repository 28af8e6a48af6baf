"""The synthetic backup's streaming merge on its own, where the database test cannot reach:
base files cut into chunks mid-line, changes at the first and the last row and between
chunks, identical keyless rows spread over several chunks. The expected file is the naive
one: every row of the base and the changes, sorted as the backup orders them."""

from __future__ import annotations

import random

import pytest

from airvault.backup.synthetic.merge import Edit, Merge, Order, copy_line, parse_line
from airvault.errors import IntegrityError


def _chunks(data: bytes, size: int) -> list[bytes]:
    return [data[i : i + size] for i in range(0, len(data), size)]


def _file(rows: list[list], order: Order) -> bytes:
    return b"".join(copy_line(r) for r in sorted(rows, key=order.of_row))


@pytest.mark.parametrize("chunk", [7, 64, 1 << 20])
def test_keyed_changes_land_where_a_real_backup_puts_them(chunk):
    rng = random.Random(chunk)
    order = Order([1], [int])  # the key is the second column
    base = {k: [f"v{k}\t\\tab", str(k), None] for k in range(0, 3000, 3)}
    final = dict(base)
    edits = []
    for k in sorted({0, 2997, 3001, -5, *rng.sample(range(-10, 3010), 400)}):
        if k in base and rng.random() < 0.4:
            final.pop(k)  # deleted
            edits.append(Edit((k,), 1, []))
        else:
            final[k] = [f"new {k}\n", str(k), "x"]
            edits.append(Edit((k,), 1 if k in base else 0, [final[k]]))
    merged = b"".join(
        Merge("t", order, edits, False).run(_chunks(_file(list(base.values()), order), chunk))
    )
    assert merged == _file(list(final.values()), order)
    assert parse_line(merged.splitlines(keepends=True)[0]) == final[min(final)]


@pytest.mark.parametrize("chunk", [5, 50, 1 << 20])
def test_keyless_copies_are_counted_across_chunks(chunk):
    order = Order(None, [])
    rows = [["a", None]] * 40 + [["b", "x y"]] * 3 + [["(", ""]]
    edits = sorted(
        [
            Edit(order.of_row(["a", None]), 25, []),  # 25 of the 40 copies go
            Edit(order.of_row(["b", "x y"]), 0, [["b", "x y"]] * 2),  # two more
            Edit(order.of_row(["zz", "1"]), 0, [["zz", "1"]]),  # after the last row
        ],
        key=lambda e: e.order,
    )
    merged = b"".join(Merge("t", order, edits, False).run(_chunks(_file(rows, order), chunk)))
    expected = [["a", None]] * 15 + [["b", "x y"]] * 5 + [["(", ""], ["zz", "1"]]
    assert merged == _file(expected, order)
    with pytest.raises(IntegrityError, match="the base and the change segments do not fit"):
        too_many = [Edit(order.of_row(["b", "x y"]), 4, [])]
        b"".join(Merge("t", order, too_many, False).run(_chunks(_file(rows, order), chunk)))


SAMPLES = {  # key type -> values, edge cases included, as SQL literals
    "bigint": ["-9223372036854775808", "-1", "0", "7", "10", "9223372036854775807"],
    "numeric": ["'NaN'", "'Infinity'", "'-Infinity'", "-1.5", "-1.50001", "0", "2", "10.25"],
    "uuid": ["'00000000-0000-0000-0000-00000000000a'", "'ffffffff-0000-0000-0000-000000000000'",
             "'0a000000-0000-0000-0000-000000000000'", "'a0000000-0000-0000-0000-000000000000'"],
    "boolean": ["true", "false"],
    "date": ["'infinity'", "'-infinity'", "'2026-12-01'", "'0999-01-01'", "'2026-01-31'"],
    "timestamptz": ["'2026-12-01 12:00:00+00'", "'2026-12-01 12:00:00.5+00'",
                    "'2026-12-01 12:00:00.25+00'", "'2026-12-01 11:59:59.999999+00'",
                    "'2026-12-01 14:00:00+03'", "'infinity'"],
    "text COLLATE \"C\"": ["'a'", "'B'", "'ä'", "'ab'", "''", "'a b'", "'Z'", "'€'", "'😀'"],
}  # fmt: skip


@pytest.mark.parametrize("type_", list(SAMPLES))
def test_key_orders_are_the_servers(pg, type_):
    """Each key type the merge accepts sorts in Python as PostgreSQL sorts it (the server
    asked, with the backups' session settings)."""
    from airvault.backup.synthetic.merge import _converter
    from airvault.pg.session import connect

    with connect(pg.dsn) as conn:
        values = [v for (v,) in conn.execute(
            f"SELECT (v::{type_})::text FROM (VALUES ({'), ('.join(SAMPLES[type_])})) t(v) "
            f"ORDER BY v::{type_}"
        )]  # fmt: skip
    name = type_.split(" COLLATE")[0]
    convert = _converter("t", "k", {"timestamptz": "timestamp with time zone"}.get(name, name), "C")
    assert sorted(values, key=convert) == values
    assert sorted(reversed(values), key=convert) == values
