"""Full logical backups against the real scale-1 demo CRM."""

from __future__ import annotations

import threading
import time

import psycopg
import zstandard
from psycopg import sql

from airvault.storage.manifest import list_backups
from airvault.storage.store import open_store
from airvault.verify import verify_backup
from tests.dbutil import INFRA, SCHEMAS, backup


def source_counts(dsn: str, tables: list[tuple[str, str]]) -> dict[str, int]:
    with psycopg.connect(dsn) as conn:
        return {
            f"{s}.{t}": conn.execute(
                sql.SQL("SELECT count(*) FROM {}.{}").format(sql.Identifier(s), sql.Identifier(t))
            ).fetchone()[0]
            for s, t in tables
        }


def test_every_row_of_every_table_skipping_infrastructure(demo_dsn, tmp_root):
    result = backup(demo_dsn, tmp_root)
    backed_up = {f"{t.schema_name}.{t.name}": t.rows for t in result.manifest.tables}
    with psycopg.connect(demo_dsn) as conn:
        all_tables = conn.execute(
            "SELECT table_schema, table_name FROM information_schema.tables "
            "WHERE table_type = 'BASE TABLE' AND table_schema = ANY(%s)",
            (SCHEMAS,),
        ).fetchall()
    expected = {(s, t) for s, t in all_tables if t not in INFRA}
    assert set(backed_up) == {f"{s}.{t}" for s, t in expected}
    assert backed_up == source_counts(demo_dsn, sorted(expected))
    assert backed_up["public.contacts"] >= 4402  # nothing stops at 1,000 rows
    assert sorted(result.manifest.excluded_tables) == sorted(f"public.{t}" for t in INFRA)
    assert result.manifest.cycles, "the demo's accounts <-> contacts cycle is detected"
    assert "public.accounts" in result.manifest.self_referencing
    order = result.manifest.dependency_order
    assert order.index("public.organizations") < order.index("public.deals")


def test_two_backups_of_unchanged_data_have_identical_checksums(demo_dsn, tmp_root):
    first = backup(demo_dsn, tmp_root)
    second = backup(demo_dsn, tmp_root, workers=1)
    assert first.id != second.id

    def sums(r):
        return {t.file: (t.content_sha256, t.rows) for t in r.manifest.tables}

    assert sums(first) == sums(second)


def test_small_tables_read_over_the_workers_connection_give_psqls_bytes(
    demo_dsn, tmp_root, monkeypatch
):
    """Tables under SMALL_TABLE_BYTES are read with psycopg's COPY on each worker's snapshot
    connection instead of a psql each: the same files, the same digests."""
    import airvault.backup.dump as dump

    small = dump.SMALL_TABLE_BYTES
    mixed = backup(demo_dsn, tmp_root)
    monkeypatch.setattr(dump, "SMALL_TABLE_BYTES", 0)  # every table through psql
    psql_only = backup(demo_dsn, tmp_root)
    sizes = [t.content_bytes for t in mixed.manifest.tables]
    assert min(sizes) < small < max(sizes)  # both paths were taken

    def sums(r):
        return {t.file: (t.content_sha256, t.rows) for t in r.manifest.tables}

    assert sums(mixed) == sums(psql_only)


def test_data_file_is_the_copy_stream_in_primary_key_order(demo_dsn, tmp_root):
    result = backup(demo_dsn, tmp_root)
    entry = next(t for t in result.manifest.tables if t.name == "contacts")
    raw = (
        zstandard.ZstdDecompressor()
        .decompressobj()
        .decompress(
            (tmp_root / result.url.split(str(tmp_root))[1].lstrip("/") / entry.file).read_bytes()
        )
    )
    with psycopg.connect(demo_dsn) as conn:
        ids = [r[0] for r in conn.execute("SELECT id::text FROM contacts ORDER BY id")]
    assert [line.split(b"\t", 1)[0].decode() for line in raw.splitlines()] == ids


def test_a_table_whose_heap_is_not_in_key_order_is_sorted_and_gives_the_same_bytes(
    new_db, tmp_root
):
    """A random uuid key (heap order unrelated to key order) is read by a seq scan and a sort,
    an identity key appended to by its index: either way the file is the rows in key order."""
    from airvault.pg.catalog import key_order_plan, read_catalog
    from airvault.pg.session import connect

    dsn = new_db()
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("CREATE TABLE random_key (id uuid PRIMARY KEY, v text)")
        conn.execute("INSERT INTO random_key SELECT gen_random_uuid(), 'v' || g "
                     "FROM generate_series(1, 20000) g")  # fmt: skip
        conn.execute("CREATE TABLE appended (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY)")
        conn.execute("INSERT INTO appended SELECT FROM generate_series(1, 20000)")
        conn.execute("ANALYZE")
        in_key_order = conn.execute(
            "SELECT string_agg(id::text || E'\\t' || v, E'\\n' ORDER BY id) || E'\\n' "
            "FROM random_key"
        ).fetchone()[0]
    with connect(dsn) as conn:
        tables = read_catalog(conn, ["public"]).tables
        random_key, appended = tables["public.random_key"], tables["public.appended"]
        assert key_order_plan(random_key) == {"enable_indexscan": "off"}
        assert key_order_plan(appended) == {}
        assert key_order_plan(random_key, "v <> 'x'") == {}  # a selection: the planner's choice

    def scans() -> tuple[int, int]:  # the server's own count of how the table was read
        time.sleep(0.5)  # the backends' statistics reach shared memory as they exit
        with psycopg.connect(dsn) as conn:
            return conn.execute("SELECT seq_scan, coalesce(idx_scan, 0) FROM pg_stat_user_tables "
                                "WHERE relname = 'random_key'").fetchone()  # fmt: skip

    (seq_before, idx_before) = scans()
    result = backup(dsn, tmp_root)
    (seq_after, idx_after) = scans()
    assert seq_after > seq_before and idx_after == idx_before  # read once, without the index
    entry = next(t for t in result.manifest.tables if t.name == "random_key")
    folder = tmp_root / result.url.split(str(tmp_root))[1].lstrip("/")
    raw = (
        zstandard.ZstdDecompressor().decompressobj().decompress((folder / entry.file).read_bytes())
    )
    assert raw.decode() == in_key_order and entry.rows == 20000


def test_backup_during_concurrent_writes_is_consistent(new_db, tmp_root):
    """A writer inserts parents+children and deletes them while the backup runs; every
    foreign key inside the backup must still point at a row inside the backup."""
    dsn = new_db("busy")
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("CREATE TABLE parent (id bigint PRIMARY KEY, pad text)")
        conn.execute(
            "CREATE TABLE child (id bigint PRIMARY KEY, "
            "parent_id bigint NOT NULL REFERENCES parent ON DELETE CASCADE, pad text)"
        )
        conn.execute(
            "INSERT INTO parent SELECT g, repeat('x', 200) FROM generate_series(1, 20000) g"
        )
        conn.execute(
            "INSERT INTO child SELECT g, g % 20000 + 1, repeat('y', 200) FROM generate_series(1, 60000) g"
        )
    stop = threading.Event()
    writes = [0]

    def writer() -> None:
        next_id = 100_000
        with psycopg.connect(dsn, autocommit=True) as conn:
            while not stop.is_set():
                with conn.transaction():
                    conn.execute("INSERT INTO parent VALUES (%s, 'new')", (next_id,))
                    conn.execute("INSERT INTO child VALUES (%s, %s, 'new')", (next_id, next_id))
                    conn.execute("DELETE FROM parent WHERE id = %s", (next_id - 5000 - 1,))
                    conn.execute("DELETE FROM parent WHERE id = (SELECT min(id) FROM parent)")
                next_id += 1
                writes[0] += 1

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        time.sleep(0.3)
        results = [backup(dsn, tmp_root, workers=2) for _ in range(3)]
    finally:
        stop.set()
        thread.join()
    assert writes[0] > 10, "the writer really ran during the backups"
    for result in results:
        parents = set(_column(result, "parent", 0))
        orphans = [p for p in _column(result, "child", 1) if p not in parents]
        assert not orphans, f"{len(orphans)} children point at parents missing from the backup"


def _column(result, table: str, index: int) -> list[int]:
    """One integer column of a table, read back from the backup's data file."""
    entry = next(t for t in result.manifest.tables if t.name == table)
    with open_store(result.url).open_read(entry.file) as f:
        data = zstandard.ZstdDecompressor().stream_reader(f).read()
    return [int(line.split(b"\t")[index]) for line in data.splitlines()]


def test_verify_names_a_changed_byte_and_a_missing_file(demo_dsn, tmp_root):
    result = backup(demo_dsn, tmp_root)
    folder = tmp_root / result.url.split(str(tmp_root) + "/")[1]
    assert verify_backup(open_store(folder)).ok

    victim = folder / "data" / "public.contacts.copy.zst"
    data = bytearray(victim.read_bytes())
    data[len(data) // 2] ^= 0x01
    victim.write_bytes(bytes(data))
    (folder / "data" / "public.deals.copy.zst").unlink()

    report = verify_backup(open_store(folder))
    assert not report.ok
    text = "\n".join(report.problems)
    assert "data/public.contacts.copy.zst" in text
    assert "data/public.deals.copy.zst: file is missing" in text


def test_folder_without_manifest_is_not_listed(demo_dsn, tmp_root):
    result = backup(demo_dsn, tmp_root)
    folder = tmp_root / result.url.split(str(tmp_root) + "/")[1]
    (folder / "manifest.json").unlink()
    backups, incomplete = list_backups(open_store(tmp_root))
    assert backups == []
    assert incomplete == [result.url]
