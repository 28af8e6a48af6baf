"""A backup is untrusted input: forged schema files, widened row selections, manifests
re-signed with a wrong key, newer, unreadable and still-being-written backups under
retention, formula cells in exports, rotated keys. Nothing a test plants may run, be deleted
or restore."""

from __future__ import annotations

import json
import os
import random
import shutil
import string
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import pytest

from airvault.errors import AirvaultError
from airvault.storage.manifest import MANIFEST
from airvault.storage.store import open_store
from tests.dbutil import backup, resign, table_checksums
from tests.reliability.conftest import trials

COMMANDS = ["\\! touch {canary}", "\\copy (SELECT 1) to '{canary}'", "\\o {canary}",
            "\\i {canary}.sql", "\\setenv X 1", "\\gexec"]  # fmt: skip


def test_forged_schema_files_never_run(demo_backup, pg, tmp_path, record):
    """Client-side commands planted in a legacy backup's SQL (trusted explicitly) or in place of
    the schema archive of a signed one (re-signed with the real key: the worst case)."""
    from airvault.restore.run import restore
    from tests.storage.test_signing import _copy, _legacy, _plant

    canary = tmp_path / "canary"
    (tmp_path / "canary.sql").write_text(f"\\! touch {canary}\n")
    legacy = _copy(demo_backup.url, tmp_path / "legacy")
    _legacy(legacy)
    rng = random.Random(15)
    cases = trials(len(COMMANDS) * 4, len(COMMANDS))
    failures, refused = [], 0
    for i in range(cases):
        command = COMMANDS[i % len(COMMANDS)].format(canary=canary)
        rel = rng.choice(["schema/pre-data.sql", "schema/post-data.sql"])
        folder = _copy(str(legacy), tmp_path / f"f{i}")
        _plant(folder, rel, command if i % 2 else f"SELECT 1;\n{command}")
        store = open_store(folder)
        store.trust_unsigned = True
        try:
            restore(store, pg.dsn_for(f"forged_{os.getpid()}_{i}"), mode="new-database")
            failures.append(f"{command!r} in {rel}: restored")
        except AirvaultError:
            refused += 1
        if canary.exists():
            failures.append(f"{command!r} in {rel}: ran on the client")
            canary.unlink()
        shutil.rmtree(folder)
    record("forged schema files (client-side commands)", cases, len(failures), 0,
           f"{len(COMMANDS)} psql meta-commands planted in a trusted legacy backup's SQL files: "
           f"{refused} refused by the server or pg_restore, none ran")  # fmt: skip
    assert not failures, failures


def test_widened_or_foreign_selections_are_refused(copy_of_demo, tmp_path, record):
    """A tenant backup's row selections, each widened in turn and re-signed (as a leaked key
    or a bug would allow), or re-signed with another installation's key: refused, nothing
    changes."""
    from airvault.backup.run import options_from_config
    from airvault.config import load_config
    from airvault.restore.run import restore
    from airvault.storage.signing import parse_signing_keys, sign
    from tests.airflow_env import ROOT

    with psycopg.connect(copy_of_demo) as conn:
        org = str(conn.execute("SELECT id FROM organizations ORDER BY slug LIMIT 1").fetchone()[0])
    opts = options_from_config(load_config(ROOT / "airvault.yaml"), kind="tenant", scope=org)
    opts.rows.tenant_id = org
    from airvault.backup.run import run_backup

    original = Path(run_backup(copy_of_demo, open_store(tmp_path / "b"), opts).url[7:])
    manifest = json.loads((original / MANIFEST).read_text())
    partial = [t["name"] for t in manifest["tables"] if t.get("where")]
    widenings = [(n, key, value) for n in partial for key in ("where", "replace_where")
                 for value in ("TRUE", "1 = 1 OR TRUE")]  # fmt: skip
    rng = random.Random(3)
    cases = widenings if trials(1, 0) else rng.sample(widenings, min(6, len(widenings)))
    before = table_checksums(copy_of_demo)
    failures = []
    for i, (name, key, value) in enumerate(cases):
        folder = tmp_path / f"w{i}"
        shutil.copytree(original, folder)

        def widen(m: dict, name=name, key=key, value=value) -> None:
            next(t for t in m["tables"] if t["name"] == name)[key] = value

        resign(folder, widen)
        try:
            restore(str(folder), copy_of_demo, mode="replace", verify_data=False)
            failures.append(f"{name}.{key} = {value}: restored")
        except AirvaultError as e:
            if "row rules" not in str(e):
                failures.append(f"{name}.{key}: refused for another reason: {e}")
    foreign = tmp_path / "foreign"
    shutil.copytree(original, foreign)
    m = json.loads((foreign / MANIFEST).read_text())
    m = sign(m, parse_signing_keys("someone-elses-key-0123456789"))
    (foreign / MANIFEST).write_text(json.dumps(m))
    try:
        restore(str(foreign), copy_of_demo, mode="replace")
        failures.append("re-signed with a foreign key: restored")
    except AirvaultError as e:
        if "not configured" not in str(e):
            failures.append(f"foreign key: {e}")
    lost = int(table_checksums(copy_of_demo) != before)
    record("widened row selections, foreign signatures", len(cases) + 1, len(failures), lost,
           f"{len(cases)} where/replace_where widened on {len(partial)} tenant tables and "
           "re-signed: refused by the rebuilt rules; 1 foreign signature refused")  # fmt: skip
    assert not failures and not lost, failures


def test_retention_never_deletes_what_it_cannot_read(demo_dsn, tmp_path, record):
    from airvault.config import Retention, RetentionRule
    from airvault.ops.retention import prune
    from airvault.progress import _beat

    root = tmp_path / "root"
    n = trials(12, 4)
    for _ in range(n + 1):
        backup(demo_dsn, root)
    for folder in list((root / "backups").glob("*/*/*")):  # all 40 days old
        when = datetime.now(UTC) - timedelta(days=40)
        folder.rename(folder.with_name(f"{when:%Y-%m-%dT%H%M%SZ}-{folder.name[-8:]}"))
    folders = sorted((root / "backups" / "full" / "all").iterdir())
    kinds = ["newer format", "not JSON", "failed signature", "unsigned", "pinned, bad manifest"]
    planted = {}
    for i, folder in enumerate(folders[:-1]):  # the newest stays good
        kind = kinds[i % len(kinds)]
        if kind == "newer format":
            resign(folder, lambda m: m.update(format_version=99))
        elif kind == "not JSON":
            (folder / MANIFEST).write_text("{" + "".join(random.choices(string.ascii_letters, k=9)))
        elif kind == "failed signature":
            m = json.loads((folder / MANIFEST).read_text())
            m["label"] = "edited"
            (folder / MANIFEST).write_text(json.dumps(m))
        elif kind == "unsigned":
            resign(folder, lambda m: m.pop("signature"))
        else:
            (folder / MANIFEST).write_text("[]")
            (folder / "pinned.json").write_text("{}")
        planted[folder.name] = kind
    running = []
    for i in range(max(1, n // 4)):  # long backups, started 40 days ago, still writing
        folder = folders[0].with_name(folders[0].name[:18] + f"-{i:08x}")
        folder.mkdir()
        _beat(open_store(folder))
        running.append(folder)
    plan = prune(open_store(root), Retention(policies={"full": RetentionRule(keep_last=1)},
                                              grace_hours=1))  # fmt: skip
    failures = [f"{d.backup.folder}: deleted ({d.rule})" for d in plan.deletions]
    failures += [f"{name} ({kind}) is gone" for name, kind in planted.items()
                 if not (root / "backups" / "full" / "all" / name).exists()]  # fmt: skip
    failures += [f"{f.name} (still writing) is gone" for f in running if not f.exists()]
    record("retention vs unreadable and running backups", len(planted) + len(running),
           len(failures), len(failures),
           f"{len(planted)} unreadable ({', '.join(kinds)}) and {len(running)} still writing "
           "past the grace period: all kept")  # fmt: skip
    assert not failures, failures


def test_formula_cells_are_neutralised_in_readable_exports(copy_of_demo, tmp_path, record):
    import csv
    import io

    import openpyxl

    from airvault.config import load_config
    from airvault.exchange.exports import run_export, specs_for
    from tests.airflow_env import ROOT

    rng = random.Random(7)
    n = trials(200, 20)
    values = ["".join([rng.choice("=+-@\t\r"), *rng.choices(string.printable[:94], k=12)])
              for _ in range(n)]  # fmt: skip
    with psycopg.connect(copy_of_demo) as conn:
        ids = [r[0] for r in conn.execute("SELECT id FROM contacts ORDER BY id LIMIT %s", (n,))]
        for cid, value in zip(ids, values, strict=True):
            conn.execute("UPDATE contacts SET first_name = %s WHERE id = %s", (value, cid))
    config = load_config(ROOT / "airvault.yaml")
    failures = []
    for fmt in ("csv", "xlsx"):
        (spec,) = specs_for(config, "contacts", format=fmt, readable=True)
        report = run_export(copy_of_demo, open_store(tmp_path), spec, run_id=f"f-{fmt}")
        path = Path(report["file"].removeprefix("file://"))
        if fmt == "csv":
            rows = list(csv.DictReader(io.StringIO(path.read_text(), newline="")))
            names = [r["first_name"] for r in rows]
        else:
            sheet = openpyxl.load_workbook(path).active
            header = [c.value for c in next(sheet.iter_rows(max_row=1))]
            col = header.index("first_name")
            names = [row[col].value for row in sheet.iter_rows(min_row=2)]
        exposed = [v for v in names if isinstance(v, str) and v[:1] in "=+-@\t\r"]
        failures += [f"{fmt}: {v!r} starts a formula" for v in exposed]
    record("formula cells in readable exports", 2 * n, len(failures), 0,
           f"{n} values starting with = + - @ tab CR, as CSV and XLSX: all begin with '")  # fmt: skip
    assert not failures, failures[:5]


@pytest.mark.parametrize("rounds", [trials(4, 2)])
def test_rotated_keys_keep_every_backup_readable(demo_dsn, tmp_path, record, rounds):
    from airvault.storage.crypto import new_key_text, parse_keys
    from airvault.verify import verify_backup

    keys, urls, failures = [], [], []
    for i in range(rounds):  # each round adds a new key in front, as an operator rotates
        keys.insert(0, new_key_text())
        ring = parse_keys(",".join(keys))
        urls.append(backup(demo_dsn, tmp_path / f"r{i}", encryption_key=ring).url)
    ring = parse_keys(",".join(keys))
    for url in urls:
        store = open_store(url)
        store.key = ring
        if not verify_backup(store).ok:
            failures.append(f"{url}: does not verify with the ring")
    store = open_store(urls[0])
    store.key = parse_keys(keys[0])  # only the newest key: the oldest backup names its key
    try:
        verify_backup(store)
        failures.append("the oldest backup verified without its key")
    except AirvaultError as e:
        if parse_keys(keys[-1]).fingerprint not in str(e):
            failures.append(f"the error does not name the missing key: {e}")
    record("encryption key rotation", rounds + 1, len(failures), 0,
           f"{rounds} backups, each under a newer key: all readable with the ring; the oldest "
           "without its key names its fingerprint")  # fmt: skip
    assert not failures, failures
