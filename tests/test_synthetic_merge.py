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
