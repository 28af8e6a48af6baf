"""Restores against a real PostgreSQL: atomic, ordered, idempotent, verified first."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import tarfile

import psycopg
import pytest

from airvault.errors import AirvaultError, IntegrityError
from airvault.restore.run import restore
from airvault.storage.manifest import list_backups
from airvault.storage.store import open_store
from tests.dbutil import INFRA, backup, resign, table_checksums


def contents(result) -> dict[str, str]:
    return {t.file: t.content_sha256 for t in result.manifest.tables}


def test_round_trip_through_a_new_database_is_lossless(copy_of_demo, demo_backup, tmp_root):
    again = backup(copy_of_demo, tmp_root)
    assert contents(again) == contents(demo_backup)  # type_zoo included
    with psycopg.connect(copy_of_demo) as conn:  # sequences are past the restored maximum
        new_id = conn.execute(
            "INSERT INTO activities (organization_id, kind, subject) "
            "SELECT id, 'call', 'after restore' FROM organizations LIMIT 1 RETURNING id"
        ).fetchone()[0]
        assert (
            new_id
            > conn.execute("SELECT max(id) FROM activities WHERE id <> %s", (new_id,)).fetchone()[0]
        )


def mutate(dsn: str) -> None:
    with psycopg.connect(dsn) as conn:
        conn.execute(
            "UPDATE contacts SET first_name = 'Changed' WHERE email LIKE '%%.1__@example.org'"
        )
        conn.execute(
            "INSERT INTO contacts (id, organization_id, first_name, last_name, created_at, updated_at) "
            "SELECT gen_random_uuid(), id, 'New', 'Person', now(), now() FROM organizations"
        )
        conn.execute("DELETE FROM bids WHERE amount < 5000")
        conn.execute(
            "UPDATE type_zoo SET jsonb_col = '{\"x\": 1}', text_col = E'new\\ttext' WHERE id % 3 = 0"
        )
        # the cycle: point some accounts at other contacts
        conn.execute(
            "UPDATE accounts a SET primary_contact_id = (SELECT c.id FROM contacts c "
            "WHERE c.account_id = a.id ORDER BY c.id DESC LIMIT 1) WHERE a.name LIKE '%%7'"
        )


def test_replace_returns_changed_added_and_deleted_rows_to_the_backup(
    copy_of_demo, demo_backup, tmp_root
):
    original = table_checksums(copy_of_demo)
    mutate(copy_of_demo)
    mutated = table_checksums(copy_of_demo)
    assert mutated != original
    result = restore(
        demo_backup.url, copy_of_demo, mode="replace", safety_root=open_store(tmp_root)
    )
    assert table_checksums(copy_of_demo) == original
    plan = {t.table: t for t in result.tables}
    assert plan["public.contacts"].delete == 3 and plan["public.contacts"].update > 0
    assert plan["public.bids"].insert > 0
    # the safety backup holds the state just before the restore, and is linked to it
    safety = [b for b in list_backups(open_store(tmp_root))[0] if b.kind == "pre-restore"]
    assert [s.url for s in safety] == [result.safety_backup]
    assert safety[0].restore.id == result.restore_id
    restore(result.safety_backup, copy_of_demo, mode="replace")  # undo
    assert table_checksums(copy_of_demo) == mutated


def test_merge_twice_changes_nothing_the_second_time(copy_of_demo, demo_backup):
    mutate(copy_of_demo)
    first = restore(demo_backup.url, copy_of_demo, mode="merge")
    assert sum(t.insert + t.update for t in first.tables) > 0
    with psycopg.connect(copy_of_demo) as conn:  # merge keeps the rows only the target has
        assert (
            conn.execute("SELECT count(*) FROM contacts WHERE first_name = 'New'").fetchone()[0]
            == 3
        )
    after_first = table_checksums(copy_of_demo)
    second = restore(demo_backup.url, copy_of_demo, mode="merge")
    assert [
        (t.table, t.insert, t.update, t.delete) for t in second.tables if t.insert or t.update
    ] == []
    assert table_checksums(copy_of_demo) == after_first


def test_failure_in_the_last_table_leaves_everything_as_before(copy_of_demo, demo_backup, tmp_root):
    mutate(copy_of_demo)
    last = demo_backup.manifest.dependency_order[-1]
    with psycopg.connect(copy_of_demo) as conn:  # a rule the backup's rows violate
        conn.execute(f"DELETE FROM {last}")
        conn.execute(f"ALTER TABLE {last} ADD CONSTRAINT no_rows CHECK (false) NOT VALID")
    before = table_checksums(copy_of_demo)
    with pytest.raises(AirvaultError) as failure:
        restore(demo_backup.url, copy_of_demo, mode="replace", safety_root=open_store(tmp_root))
    assert last in str(failure.value) and "no_rows" in str(failure.value)
    assert table_checksums(copy_of_demo) == before
    assert [b.kind for b in list_backups(open_store(tmp_root))[0]] == ["pre-restore"]


def test_corrupted_or_truncated_file_is_refused_before_any_write(
    copy_of_demo, demo_backup, tmp_path
):
    import shutil

    folder = tmp_path / "bad"
    shutil.copytree(demo_backup.url.removeprefix("file://"), folder)
    victim = folder / "data" / "public.deals.copy.zst"
    victim.write_bytes(victim.read_bytes()[:-10])
    mutate(copy_of_demo)
    before = table_checksums(copy_of_demo)
    with pytest.raises(IntegrityError, match="public.deals.copy.zst"):
        restore(
            str(folder), copy_of_demo, mode="replace", safety_root=open_store(tmp_path / "safety")
        )
    assert table_checksums(copy_of_demo) == before
    assert not (tmp_path / "safety").exists()  # not even the safety backup was started


def test_selected_table_brings_the_parents_it_references(pg, demo_backup):
    dsn = pg.dsn_for("only_contacts")
    result = restore(demo_backup.url, dsn, mode="new-database", tables=["contacts"])
    roles = {t.table: t.role for t in result.tables}
    assert roles["public.contacts"] == "selected"
    assert {"public.accounts", "public.users", "public.organizations", "auth.users"} <= {
        t for t, r in roles.items() if r == "parent"
    }
    assert "public.deals" not in roles
    with psycopg.connect(dsn) as conn:
        assert conn.execute("SELECT count(*) FROM contacts").fetchone()[0] == 4402
        assert conn.execute("SELECT count(*) FROM deals").fetchone()[0] == 0


def test_tar_with_an_escaping_entry_is_refused(tmp_path, copy_of_demo):
    evil = tmp_path / "upload.tar"
    with tarfile.open(evil, "w") as tar:
        data = b"owned"
        info = tarfile.TarInfo("../../escaped.txt")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    with pytest.raises(IntegrityError, match="escapes"):
        restore(str(evil), copy_of_demo, mode="replace")
    assert not (tmp_path.parent / "escaped.txt").exists()


def test_tar_of_a_backup_folder_restores(tmp_path, demo_backup, copy_of_demo):
    folder = demo_backup.url.removeprefix("file://")
    upload = tmp_path / "backup.tar"
    with tarfile.open(upload, "w") as tar:
        tar.add(folder, arcname="my-backup")
    mutate(copy_of_demo)
    restore(str(upload), copy_of_demo, mode="replace")
    assert contents(backup(copy_of_demo, tmp_path / "again")) == contents(demo_backup)


def test_cli_dry_run_writes_nothing_and_yes_applies(copy_of_demo, demo_backup, tmp_root):
    mutate(copy_of_demo)
    before = table_checksums(copy_of_demo)
    cli = [
        sys.executable,
        "-m",
        "airvault.cli.main",
        "restore",
        "--from",
        demo_backup.url,
        "--dsn",
        copy_of_demo,
    ]
    dry = subprocess.run(cli + ["--dry-run"], capture_output=True, text=True)
    assert dry.returncode == 0, dry.stderr
    assert "public.contacts" in dry.stdout and "delete" in dry.stdout
    assert table_checksums(copy_of_demo) == before
    refused = subprocess.run(
        cli + ["--safety-to", str(tmp_root)],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    assert refused.returncode == 2 and "--yes" in refused.stderr
    applied = subprocess.run(
        cli + ["--yes", "--safety-to", str(tmp_root)], capture_output=True, text=True
    )
    assert applied.returncode == 0, applied.stderr
    restore_id = re.search(r"restore (\w+) done", applied.stdout).group(1)
    assert f"--undo {restore_id}" in applied.stdout
    undo = subprocess.run(
        [sys.executable, "-m", "airvault.cli.main", "restore", "--undo", restore_id, "--dsn", copy_of_demo,
         "--safety-to", str(tmp_root), "--yes", "--no-safety-backup"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert undo.returncode == 0, undo.stderr
    assert table_checksums(copy_of_demo) == before


def test_restore_from_s3_with_airflow_down(s3_endpoint, demo_dsn, demo_backup, pg, monkeypatch):
    """The disaster-recovery path: the CLI alone, a backup in S3, a new machine's database."""
    monkeypatch.setenv("AWS_ENDPOINT_URL", s3_endpoint)
    remote = backup(demo_dsn, "s3://airvault-test/dr")
    target = pg.dsn_for("from_s3")
    result = subprocess.run(
        [sys.executable, "-m", "airvault.cli.main", "restore", "--from", remote.url, "--dsn", target,
         "--mode", "new-database"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    restored, source = table_checksums(target), table_checksums(demo_dsn)
    backed_up = [t for t in source if t.split(".")[1] not in INFRA]
    assert {t: restored[t] for t in backed_up} == {t: source[t] for t in backed_up}


def test_schema_mismatch_is_listed_in_one_error_before_any_write(copy_of_demo, demo_backup):
    with psycopg.connect(copy_of_demo) as conn:
        conn.execute("ALTER TABLE contacts DROP COLUMN phone")
        conn.execute("ALTER TABLE deals ALTER COLUMN name TYPE integer USING 0")
        conn.execute("DROP TABLE bids")
    before = table_checksums(copy_of_demo)
    with pytest.raises(AirvaultError) as err:
        restore(demo_backup.url, copy_of_demo, mode="replace")
    message = str(err.value)
    assert "public.contacts.phone is missing" in message
    assert "public.deals.name is integer in the target, text in the backup" in message
    assert "table public.bids does not exist" in message
    assert table_checksums(copy_of_demo) == before


def test_schema_drift_allowed_restores_the_common_columns(copy_of_demo, demo_backup):
    with psycopg.connect(copy_of_demo) as conn:
        conn.execute("ALTER TABLE contacts DROP COLUMN phone")
        conn.execute("ALTER TABLE contacts ADD COLUMN nickname text")
        conn.execute("UPDATE contacts SET last_name = 'Drifted'")
    restore(
        demo_backup.url, copy_of_demo, mode="replace", tables=["contacts"], allow_schema_drift=True
    )
    with psycopg.connect(copy_of_demo) as conn:
        assert (
            conn.execute("SELECT count(*) FROM contacts WHERE last_name = 'Drifted'").fetchone()[0]
            == 0
        )


def test_a_newer_manifest_version_is_refused(demo_backup, tmp_path, copy_of_demo):
    import shutil

    folder = tmp_path / "future"
    shutil.copytree(demo_backup.url.removeprefix("file://"), folder)
    resign(folder, lambda m: m.update(format_version=99))  # as a newer airvault writes it
    with pytest.raises(IntegrityError, match="format version 99"):
        restore(str(folder), copy_of_demo, mode="merge")


def test_new_database_from_a_corrupted_backup_leaves_no_database(pg, demo_backup, tmp_path):
    import shutil

    folder = tmp_path / "bad"
    shutil.copytree(demo_backup.url.removeprefix("file://"), folder)
    victim = folder / "data" / "public.contacts.copy.zst"
    data = bytearray(victim.read_bytes())
    data[len(data) // 3] ^= 0x20
    victim.write_bytes(bytes(data))
    # Refused by the checksum, or earlier by PostgreSQL if the damage makes a value invalid.
    with pytest.raises(AirvaultError, match="contacts"):
        restore(str(folder), pg.dsn_for("never_created"), mode="new-database")
    with psycopg.connect(pg.dsn) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = 'never_created'"
        ).fetchone()
    assert exists is None


def test_new_database_checks_content_checksums_while_loading(pg, demo_backup, tmp_path):
    """Damage that still parses (here: the recorded checksum differs) is caught by the hash."""
    import shutil

    folder = tmp_path / "edited"
    shutil.copytree(demo_backup.url.removeprefix("file://"), folder)

    def edit(manifest: dict) -> None:
        next(t for t in manifest["tables"] if t["name"] == "deals")["content_sha256"] = "0" * 64

    resign(folder, edit)  # past the signature: the loading hash must still catch it
    with pytest.raises(IntegrityError, match=r"public.deals.copy.zst: content checksum \(blake3\)"):
        restore(str(folder), pg.dsn_for("never_created_2"), mode="new-database")
    with psycopg.connect(pg.dsn) as conn:
        assert not conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = 'never_created_2'"
        ).fetchone()


def _staged_tables(monkeypatch) -> list[str]:
    """The names of the tables a restore stages, as they are staged."""
    import airvault.restore.apply as apply

    staged: list[str] = []
    real = apply._stage

    def spy(conn, store, entry, name, *args):
        staged.append(name)
        return real(conn, store, entry, name, *args)

    monkeypatch.setattr(apply, "_stage", spy)
    return staged


@pytest.mark.parametrize("mode", ["replace", "merge"])
def test_unchanged_tables_are_compared_by_checksum_and_never_staged(
    copy_of_demo, demo_backup, monkeypatch, mode
):
    from airvault.restore.apply import UNCHANGED

    original = table_checksums(copy_of_demo)
    with psycopg.connect(copy_of_demo) as conn:  # one table changed, same row count
        conn.execute(
            "UPDATE contacts SET first_name = 'Changed' WHERE email LIKE '%%.1__@example.org'"
        )
    staged = _staged_tables(monkeypatch)
    result = restore(demo_backup.url, copy_of_demo, mode=mode)
    assert staged == ["public.contacts"]
    plan = {t.table: t for t in result.tables}
    assert plan["public.contacts"].how == "" and plan["public.contacts"].update > 0
    unchanged = [t for t in result.tables if t.table != "public.contacts"]
    assert unchanged and all(t.how == UNCHANGED for t in unchanged)
    assert all(t.insert == t.update == t.delete == 0 for t in unchanged)
    assert all(t.target_rows == t.backup_rows for t in unchanged)
    (accounts,) = [x for x in result.summary().splitlines() if x.startswith("public.accounts ")]
    assert accounts.endswith(f"  {UNCHANGED}")  # the report says so
    assert table_checksums(copy_of_demo) == original
    # the same restore again: nothing left to stage at all
    staged.clear()
    again = restore(demo_backup.url, copy_of_demo, mode=mode)
    assert staged == [] and {t.how for t in again.tables} == {UNCHANGED}
    assert table_checksums(copy_of_demo) == original


def test_a_table_reached_by_an_on_delete_action_of_a_changed_one_is_staged(
    copy_of_demo, demo_backup, monkeypatch
):
    """bids is unchanged, but a replace deletes rows of deals, whose ON DELETE CASCADE reaches
    bids: comparing bids before the deletes would prove nothing, so it is staged."""
    original = table_checksums(copy_of_demo)
    with psycopg.connect(copy_of_demo) as conn:
        conn.execute("ALTER TABLE bids DROP CONSTRAINT bids_deal_fk")
        conn.execute(
            "ALTER TABLE bids ADD CONSTRAINT bids_deal_fk FOREIGN KEY (deal_id) "
            "REFERENCES deals (id) ON DELETE CASCADE"
        )
        conn.execute("UPDATE deals SET name = name || ' (changed)' WHERE id IN "
                     "(SELECT id FROM deals ORDER BY id LIMIT 3)")  # fmt: skip
    staged = _staged_tables(monkeypatch)
    result = restore(demo_backup.url, copy_of_demo, mode="replace")
    assert set(staged) == {"public.deals", "public.bids"}
    assert {t.table: t.how for t in result.tables}["public.bids"] == ""
    assert table_checksums(copy_of_demo) == original


@pytest.mark.parametrize("mode", ["replace", "merge"])
def test_a_table_empty_in_the_target_is_loaded_directly_and_exactly(
    copy_of_demo, demo_backup, monkeypatch, mode, tmp_path
):
    """type_zoo (every type, an ALWAYS identity, a generated column) and bids, emptied: COPY'd
    straight into the target, in the table order, with the backup's exact rows."""
    from airvault.restore.apply import EMPTY

    original = table_checksums(copy_of_demo)
    with psycopg.connect(copy_of_demo) as conn:
        conn.execute("DELETE FROM type_zoo")
        conn.execute("DELETE FROM bids")
        conn.execute(
            "UPDATE contacts SET first_name = 'Changed' WHERE email LIKE '%%.1__@example.org'"
        )
    staged = _staged_tables(monkeypatch)
    dry = restore(demo_backup.url, copy_of_demo, mode=mode, dry_run=True)
    plan = {t.table: t for t in dry.tables}
    for name in ("public.type_zoo", "public.bids"):
        assert plan[name].how == EMPTY and plan[name].insert == plan[name].backup_rows > 0
    result = restore(demo_backup.url, copy_of_demo, mode=mode)
    assert "public.type_zoo" not in staged and "public.bids" not in staged
    assert "public.contacts" in staged
    assert {t.table: t.how for t in result.tables}["public.type_zoo"] == EMPTY
    assert table_checksums(copy_of_demo) == original
    again = backup(copy_of_demo, tmp_path)
    assert contents(again) == contents(demo_backup)  # byte for byte what was backed up
    with psycopg.connect(copy_of_demo) as conn:  # the identity goes on past the restored rows
        new_id = conn.execute("INSERT INTO type_zoo (int_col) VALUES (1) RETURNING id").fetchone()[
            0
        ]
        assert new_id > conn.execute("SELECT max(id) FROM type_zoo WHERE id <> %s",
                                     (new_id,)).fetchone()[0]  # fmt: skip
