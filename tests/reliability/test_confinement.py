"""Hostile storage locations: every form a request could name a worker file or another
folder in (issue 26: an `op` read airflow.cfg through the import DAG's `file` Param), and
random compositions of their pieces, against the one gate every entry point uses
(storage/confine.py) on a real folder with a secret beside it and links planted inside.

A trial fails if a location is accepted that resolves outside the root, is not of the kind
asked for, or if a refusal quotes the secret; a refusal must name the parameter."""

from __future__ import annotations

import random
from pathlib import Path

from airvault.storage.confine import NotInStorage, confine, kind_of
from airvault.storage.store import open_store
from tests.reliability.conftest import trials

SECRET = "TOPSECRET-jwt-secret"
PIECES = [
    "..", ".", "", "%2e%2e", "%2E%2e", "%2f", "\u2025", "\uff0e\uff0e", "\uff0f", "\u2024\u2024",
    "..\\..", "imports", "uploads", "incoming", "contacts", "backups", "full", "all",
    "2026-12-01T000000Z-abcd0000", "ok.csv", "link.csv", "linkdir", "airflow.cfg", "etc",
    "passwd", "~", "\u0000", "a\nb", " ", "file:", "s3:", "x@y", "%00", "\u202e",
]  # fmt: skip
PREFIXES = ["", "/", "file://", "file:///", "s3://other@bucket/", "s3://bucket/", "http://h/"]


def _jail(tmp_path: Path) -> tuple[Path, Path]:
    """A storage root with import files and backups, links leading out, a secret beside it."""
    secret = tmp_path / "airflow.cfg"
    secret.write_text(f"jwt_secret = {SECRET}\n")
    root = tmp_path / "storage"
    uploads = root / "imports" / "uploads"
    uploads.mkdir(parents=True)
    (uploads / "ok.csv").write_text("a\n1\n")
    (uploads / "link.csv").symlink_to(secret)
    (uploads / "linkdir").symlink_to(tmp_path)
    (root / "imports" / "incoming" / "contacts").mkdir(parents=True)
    (root / "backups" / "full" / "all" / "2026-12-01T000000Z-abcd0000").mkdir(parents=True)
    return root, secret


def _candidates(root: Path, secret: Path, n: int, rng: random.Random) -> list[str]:
    fixed = [str(secret), f"file://{secret}", f"file://{root}/../airflow.cfg",
             f"{root}/imports/uploads/../../../airflow.cfg", "imports/uploads/link.csv",
             "imports/uploads/linkdir/airflow.cfg", f"file://{root}/imports/uploads/ok.csv",
             "imports/uploads/ok.csv"]  # fmt: skip
    made = []
    for _ in range(n):
        parts = [rng.choice(PIECES) for _ in range(rng.randint(1, 6))]
        made.append(rng.choice(PREFIXES + [f"file://{root}/", f"{root}/"]) + "/".join(parts))
    return fixed + made


def test_hostile_locations_never_leave_the_root(tmp_path, record):
    root_dir, secret = _jail(tmp_path)
    root = open_store(root_dir)
    rng = random.Random(26)
    cases = _candidates(root_dir, secret, trials(20_000, 2_000), rng)
    accepted = refused = 0
    failures: list[str] = []
    for given in cases:
        for kinds, param in ((("import",), "file"), (("backup", "upload"), "backup_url")):
            try:
                rel = confine(root, given, kinds, param)
            except NotInStorage as e:
                refused += 1
                if not str(e).startswith(f"{param}: ") or SECRET in str(e):
                    failures.append(f"{given!r}: {e}")
                continue
            accepted += 1
            real = Path(root.path(rel)).resolve()
            if not real.is_relative_to(root_dir.resolve()) or kind_of(rel) not in kinds:
                failures.append(f"{given!r} accepted as {rel!r} ({real})")
    record(
        "hostile storage locations (Params, REST conf, page)",
        len(cases) * 2,
        len(failures),
        0,
        f"{refused:,} refused naming the parameter, {accepted:,} accepted inside the root",
    )
    assert not failures, failures[:10]
    assert accepted >= 2  # the honest locations still work
