"""As exact as pg_dump on PostgreSQL's own regression database, the way pg_upgrade's test proves
pg_dump exact: hundreds of tables with nearly every feature the server has (tests/pg_regress.py
builds it once per session, on a server of its own: its scripts create roles cluster-wide).

`airvault backup` of the whole database with no config, as a new user would; a new-database
restore whose `pg_dump --schema-only` is identical to that of a `pg_dump -Fc | pg_restore` copy
and whose rows (every table, ONLY, columns by name), sequences and large objects are the
source's; replace onto an unchanged copy changes nothing; replace after changes to tables of
every kind gives back exactly the backup; a second merge changes nothing. What pg_dump itself
does not carry is listed in docs/compatibility.md (REGRESSION_DIFFERENCES here).
"""

from __future__ import annotations

import difflib
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from airvault.demo.embedded import EmbeddedPostgres, free_port
from airvault.pg.tools import pg_tool
from airvault.restore.run import restore
from airvault.storage.store import open_store
from tests import pg_regress
from tests.cli.test_cli_exact import run
from tests.pg_regress import large_objects, schema_dump, sequence_values, table_rows

pytestmark = pytest.mark.skipif(not pg_regress.available(), reason=pg_regress.MISSING)

# Where pg_dump itself differs from the source, by name (docs/compatibility.md): the airvault
# copy is compared with pg_dump's copy there, so nothing has to be left out of the comparison.
# Column order of these inheritance children (pg_dump recreates them with INHERITS, which
# puts the inherited columns first): rows are read by column name, so they compare equal.
REGRESSION_DIFFERENCES = {
    "column order": {
        "generated_stored_tests.gtestxx_4", "generated_virtual_tests.gtestxx_4",
        "public.test_type_diff2_c1", "public.test_type_diff2_c2",
    },
}  # fmt: skip

# Changes an application could make, to tables of every kind: partitioned (through the root),
# inheritance parents and children (ONLY), keyless with duplicates, a key with INCLUDE
# columns, generated columns, domains, arrays, ranges, multiranges, geometric types, a table
# of no columns. Each must change at least one row.
MUTATIONS = [
    "UPDATE mlparted SET c = c || '!' WHERE a = 1",
    "DELETE FROM fk_partitioned_fk WHERE (tableoid, ctid) IN "
    "(SELECT tableoid, ctid FROM fk_partitioned_fk LIMIT 1)",
    "UPDATE ONLY person SET age = age + 1 WHERE name < 'd'",
    "DELETE FROM ONLY emp WHERE name = (SELECT min(name) FROM ONLY emp)",
    "INSERT INTO student VALUES ('newcomer', 20, '(1,1)', 3.5)",
    "DELETE FROM ONLY road WHERE ctid IN (SELECT ctid FROM ONLY road LIMIT 10)",
    "INSERT INTO a_star SELECT * FROM ONLY a_star LIMIT 1",
    "UPDATE ONLY c_star SET a = 'changed'",
    "UPDATE agg_data_20k SET g = g + 1 WHERE g < 100",
    "DELETE FROM hash_i4_heap WHERE seqno < 50",
    "UPDATE quad_box_tbl SET b = box(point(0, 0), point(1, 1)) WHERE id < 20",
    "UPDATE tbl_include_pk SET c3 = c3 + 1, c4 = box(point(9, 9), point(0, 0)) WHERE c1 < 5",
    "INSERT INTO generated_stored_tests.gtest1 (a) VALUES (999)",
    "UPDATE generated_stored_tests.gtest1 SET a = a + 100 WHERE a = 1",
    "DELETE FROM domcontest WHERE ctid IN (SELECT ctid FROM domcontest LIMIT 1)",
    "INSERT INTO numrange_test VALUES ('[1,2)')",
    "UPDATE arrtest SET b = '{{1,2},{3,4}}'",
    "DELETE FROM test_range_excl WHERE ctid IN (SELECT ctid FROM test_range_excl LIMIT 1)",
    "INSERT INTO nummultirange_test SELECT * FROM nummultirange_test LIMIT 1",
    "UPDATE tenk1 SET stringu1 = 'CHANGED' WHERE unique1 < 10",
    "DELETE FROM domnotnull",
]


@pytest.fixture(scope="session")
def workdir():
    """A folder for the session (not pytest's tmp_path: concurrent pytest runs of the same
    user prune its numbered folders while this server still uses one)."""
    path = Path(tempfile.mkdtemp(prefix="airvault-regress-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="session")
def regression(workdir):
    """(server, DSN) of the regression database, built once, kept as a template for copies."""
    server = EmbeddedPostgres(workdir / "pgdata", port=free_port())
    server.start().wait_ready()
    dsn, seconds = pg_regress.build(server.dsn)
    print(f"\nregression database built in {seconds:.0f} s")
    with psycopg.connect(server.dsn, autocommit=True) as conn:
        conn.execute("ALTER DATABASE regression WITH IS_TEMPLATE true")
    yield server, dsn
    server.stop("immediate")  # its data is deleted next: no shutdown checkpoint


@pytest.fixture(scope="module")
def backed_up(regression, workdir):
    """(storage root, backup URL): `airvault backup --dsn DSN --to URL`, no config."""
    root = workdir / "storage"
    root.mkdir()
    started = time.monotonic()
    out = run("backup", "--dsn", regression[1], "--to", f"file://{root}", cwd=root)
    print(f"\nairvault backup: {time.monotonic() - started:.1f} s")
    return root, out.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def source(regression):
    """What the regression database holds, as a user compares it."""
    dsn = regression[1]
    return table_rows(dsn), sequence_values(dsn), large_objects(dsn)


def clone(server: EmbeddedPostgres, name: str) -> str:
    """A copy of the regression database (CREATE DATABASE ... TEMPLATE: a file copy)."""
    with psycopg.connect(server.dsn, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE regression").format(sql.Identifier(name)))
    return server.dsn_for(name)


def pg_dump_copy(server: EmbeddedPostgres, source: str, name: str) -> str:
    """`pg_dump -Fc | pg_restore` of `source` into a new database `name` (from template0)."""
    with psycopg.connect(server.dsn, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE template0").format(sql.Identifier(name)))
    dump = subprocess.run([pg_tool("pg_dump"), "-Fc", "-d", source], capture_output=True,
                          check=True).stdout  # fmt: skip
    target = server.dsn_for(name)
    subprocess.run([pg_tool("pg_restore"), "-d", target], input=dump, check=True)
    return target


def same_text(a: str, b: str) -> str:
    """'' when equal, else the first lines of a unified diff (for the assertion message)."""
    diff = difflib.unified_diff(a.splitlines(), b.splitlines(), "pg_dump", "airvault", lineterm="")
    return "\n".join(list(diff)[:80])


def mutate(dsn: str) -> None:
    with psycopg.connect(dsn) as conn:
        for statement in MUTATIONS:
            assert conn.execute(statement).rowcount > 0, statement


def changed(result) -> dict[str, tuple[int, int, int]]:
    return {t.table: (t.insert, t.update, t.delete) for t in result.tables
            if t.insert or t.update or t.delete}  # fmt: skip


def test_new_database_is_as_exact_as_pg_dump(regression, backed_up, source):
    server, dsn = regression
    copy = server.dsn_for("regression_airvault")
    started = time.monotonic()
    run("restore", "--from", backed_up[1], "--dsn", copy, "--mode", "new-database", "--yes")
    print(f"\nairvault restore --mode new-database: {time.monotonic() - started:.1f} s")
    reference = pg_dump_copy(server, dsn, "regression_pg_dump")
    assert not same_text(schema_dump(reference), schema_dump(copy)), same_text(
        schema_dump(reference), schema_dump(copy)
    )
    rows, sequences, objects = source
    assert len(rows) > 500 and sum(n for n, _ in rows.values()) > 400_000  # it is the real one
    assert table_rows(copy) == rows
    assert sequence_values(copy) == sequences
    print(f"sequences exact: {len(sequences)} of {len(sequences)}")
    assert large_objects(copy) == objects and objects


def test_replace_onto_an_unchanged_copy_plans_and_changes_nothing(regression, backed_up, source):
    copy = clone(regression[0], "regression_unchanged")
    assert changed(restore(backed_up[1], copy, mode="replace", dry_run=True)) == {}
    result = restore(backed_up[1], copy, mode="replace", safety_root=open_store(backed_up[0]))
    assert changed(result) == {}
    assert table_rows(copy) == source[0]
    # Sequences too: one behind its column is pushed past its maximum only where the restore
    # writes rows of that column's table.
    assert sequence_values(copy) == source[1] and result.sequences_moved == []


def test_replace_after_changes_to_tables_of_every_kind_is_exactly_the_backup(
    regression, backed_up, source
):
    copy = clone(regression[0], "regression_replace")
    mutate(copy)
    assert table_rows(copy) != source[0]
    result = restore(backed_up[1], copy, mode="replace", allow_cascade=True,
                     safety_root=open_store(backed_up[0]))  # fmt: skip
    assert len(changed(result)) >= 20
    assert table_rows(copy) == source[0]
    assert large_objects(copy) == source[2]


def test_merge_twice_changes_nothing_the_second_time(regression, backed_up, source):
    copy = clone(regression[0], "regression_merge")
    mutate(copy)
    first = restore(backed_up[1], copy, mode="merge", safety_root=open_store(backed_up[0]))
    assert changed(first) and all(t.delete == 0 for t in first.tables)
    assert changed(restore(backed_up[1], copy, mode="merge", dry_run=True)) == {}


def test_a_drill_of_the_backup_passes(regression, backed_up):
    out = run("drill", backed_up[1], "--dsn", regression[0].dsn,
              "--evidence-to", f"file://{backed_up[0]}")  # fmt: skip
    assert "drill PASSED" in out


def test_new_database_on_another_cluster_creates_the_roles(pg, backed_up, source):
    """The session's main server lacks the regression scripts' roles: `--roles create` makes
    them as the backup recorded them; owners and grants of large objects come back too."""
    copy = pg.dsn_for(f"regression_elsewhere_{os.getpid()}")
    run("restore", "--from", backed_up[1], "--dsn", copy, "--mode", "new-database",
        "--roles", "create", "--yes")  # fmt: skip
    assert table_rows(copy) == source[0]
    assert sequence_values(copy) == source[1]
    assert large_objects(copy) == source[2]
