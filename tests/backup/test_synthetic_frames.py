"""Data files as zstd frames of whole lines (storage/frames.py): a synthetic full copies the
frames of its base no change falls into as they are stored, builds on a base written before
framing (one frame a file), and what it writes reads as one stream everywhere."""

from __future__ import annotations

import io
import logging
import subprocess
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest

from airvault.backup.run import BackupOptions
from airvault.backup.synthetic.command import run_full_backup
from airvault.capture.drain import drain
from airvault.errors import IntegrityError
from airvault.storage import frames
from airvault.storage.codec import FileCodec
from airvault.storage.crypto import Key
from airvault.storage.frames import Frame, LineWriter, read_frames
from airvault.storage.manifest import list_backups
from airvault.storage.opened import OpenedBackup
from airvault.storage.store import open_store
from airvault.verify import verify_backup
from tests.backup.test_synthetic import WRITES, _digests
from tests.capture.test_capture import LEDGER, capturing
from tests.dbutil import INFRA, backup

LINES = b"".join(b"%d\tline %d\t%s\n" % (i, i, b"x" * (i % 97)) for i in range(3000))


def _write(codec: FileCodec, pieces: list[bytes]) -> bytes:
    out = io.BytesIO()
    with codec.line_writer(out) as writer:
        for piece in pieces:
            writer.write(piece)
    return out.getvalue()


@pytest.mark.parametrize("key", [None, Key(b"k" * 32)], ids=["plain", "encrypted"])
def test_frames_end_at_lines_whatever_the_pieces_and_read_as_one_stream(monkeypatch, key):
    monkeypatch.setattr(frames, "FRAME_BYTES", 8 << 10)
    codec = FileCodec("zstd", 1, key)
    whole = _write(codec, [LINES])
    found = list(codec.frames(io.BytesIO(whole), "t"))
    pieces = _write(codec, [LINES[i : i + 777] for i in range(0, len(LINES), 777)])
    assert [f.stored for f in codec.frames(io.BytesIO(pieces), "t")] == [f.stored for f in found]  # type: ignore[union-attr]
    assert len(found) > 10 and all(isinstance(f, Frame) for f in found)
    assert all(f.content.endswith(b"\n") and len(f.content) >= 8 << 10 for f in found[:-1])
    assert b"".join(f.content for f in found) == LINES
    assert codec.reader(io.BytesIO(whole), "t").read() == LINES
    if key is None:  # the zstd tool reads the concatenated frames as one stream
        cli = subprocess.run(["zstd", "-dc"], input=whole, capture_output=True, check=True)
        assert cli.stdout == LINES
        assert b"".join(f.stored for f in found) == whole
    # A file from before framing, one frame of 12 MB, comes as plain chunks of bounded size
    single = io.BytesIO()
    with FileCodec("zstd", 1).writer(single) as out:
        out.write(LINES * 60)
    chunks = list(read_frames(io.BytesIO(single.getvalue())))
    assert all(isinstance(c, bytes) and len(c) <= 8 << 20 for c in chunks)
    assert b"".join(c for c in chunks if isinstance(c, bytes)) == LINES * 60


@contextmanager
def _unframed(monkeypatch):
    """Data files written as before framing: one zstd stream (one frame) a file."""

    @contextmanager
    def line_writer(self, sink):
        with self.writer(sink) as out:
            yield LineWriter(out)

    with monkeypatch.context() as m:
        m.setattr(FileCodec, "line_writer", line_writer)
        yield


def _stored_frames(result, table: str) -> list[Frame | bytes]:
    opened = OpenedBackup.open(open_store(result.url))
    entry = opened.manifest.table(table)
    with opened.store.open_read(entry.file) as raw:
        return list(opened.codec.frames(raw, entry.file))


def test_synthetic_fulls_on_a_base_from_before_framing_then_copying_untouched_frames(
    copy_of_demo, tmp_path, monkeypatch, caplog
):
    monkeypatch.setattr(frames, "FRAME_BYTES", 16 << 10)  # many frames in the demo's tables
    dsn = copy_of_demo
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(LEDGER)
    with capturing(dsn, tmp_path, "frames", replica_identity_full=True) as (slot, root):
        options = BackupOptions(
            kind="full", exclude=INFRA, capture_slot=slot, capture_publication=slot
        )
        with _unframed(monkeypatch):
            old = backup(dsn, root.url, capture_slot=slot, kind="full")
        assert len(_stored_frames(old, "public.contacts")) == 1  # one frame, as before
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(WRITES)
        drain(dsn, root, slot, slot)
        first = run_full_backup(dsn, root, options, "yes")
        assert first.manifest.synthetic is not None and first.manifest.synthetic.base_id == old.id
        real = backup(dsn, root.url, capture_slot=slot, kind="full")
        assert _digests(first.manifest) == _digests(real.manifest)

        # One contact in the middle grows and activities grow at the end: a synthetic full on
        # the framed base copies the other frames as they are stored (compressed again, the
        # frames after the longer line would end elsewhere)
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute("""
                UPDATE contacts SET phone = '+1 555 0199 extension 123456789 (reception)'
                WHERE id = (SELECT id FROM contacts ORDER BY id OFFSET 2000 LIMIT 1);
                INSERT INTO activities (organization_id, kind, subject)
                SELECT organization_id, 'call', 'framed' FROM contacts ORDER BY id LIMIT 50;
            """)  # fmt: skip
        drain(dsn, root, slot, slot)
        caplog.clear()
        with caplog.at_level(logging.INFO, logger="airvault.backup.run"):
            second = run_full_backup(dsn, root, options, "yes")
        assert second.manifest.synthetic is not None
        assert second.manifest.synthetic.base_id == real.id
        after = backup(dsn, root.url, capture_slot=slot, kind="full")
        assert _digests(second.manifest) == _digests(after.manifest)
        for table in ("public.contacts", "public.activities"):
            then = {f.stored for f in _stored_frames(real, table) if isinstance(f, Frame)}
            now = [f.stored for f in _stored_frames(second, table) if isinstance(f, Frame)]
            # the changed frame (and a short rest of it joined to the next) written anew
            assert len(then) > 10 and 1 <= len([f for f in now if f not in then]) <= 2, table
            line = next(r.getMessage() for r in caplog.records if r.getMessage().startswith(table))
            copied = int(line.split("(")[1].split(" frames of the base copied")[0])
            assert len(then) - 2 <= copied == len([f for f in now if f in then]), line
        assert verify_backup(open_store(second.url)).ok

        # A byte of the newest base changed: the synthetic full names its file and leaves
        # nothing behind (the error comes from the thread that reads the base)
        entry = after.manifest.table("public.contacts")
        path = Path(after.url.removeprefix("file://")) / entry.file
        data = bytearray(path.read_bytes())
        data[len(data) // 2] ^= 0xFF
        path.write_bytes(bytes(data))
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute("UPDATE contacts SET phone = '+1 555 0100' WHERE id = "
                         "(SELECT id FROM contacts ORDER BY id LIMIT 1)")  # fmt: skip
        drain(dsn, root, slot, slot)
        made = len(list_backups(root)[0])
        with pytest.raises(IntegrityError, match=f"{entry.file} does not match its manifest"):
            run_full_backup(dsn, root, options, "yes")
        assert len(list_backups(root)[0]) == made
        assert sorted(p.name for p in path.parents[2].iterdir()) == sorted(
            Path(b.url.removeprefix("file://")).name for b in list_backups(root)[0]
        )
