"""Bad inputs: hostile names, hostile archives, tampered manifests.

* Hostile names (quotes, semicolons, SQL keywords, unicode, control characters, NUL, 200
  characters, path pieces) as CSV header columns, mapping sources and targets, import and
  export tables, columns, filters and datasets, restore selections, in Params strings and in
  the config (module tables, user columns, tenant column and table, module names, mappings,
  exports). Each use is refused with an AirvaultError naming the value (a ConfigError naming
  the key), or the name is taken as one literal identifier: tables with those very names in
  a schema `hostile` are imported into, exported, backed up and restored. A `canary` table
  must keep its row and no other table may change.
* Hostile archives (.tar, .tar.gz, .zip): entries escaping the folder (`../`, absolute
  paths), symlinks, hardlinks, devices, fifos, members declaring a huge size (sparse, cut
  off, a decompression bomb), 200,000 empty files, an entry 1,500 levels deep, a long name,
  a 64 MiB PAX header, archives that are not tars at all. Tried through
  `safe_extract`, `restore` of the archive file (what `airvault restore --from x.tar` does)
  and, in the full run, the Backups page's upload handler: refused with an error naming the
  entry, nothing written outside the extraction folder, nothing left behind or listed.
* Tampered manifests: every restore mode refuses before the first write (the database's
  checksums do not move, no safety backup is taken, no new database is left) and verify
  reports the problem.
* Look-alikes of `..` (percent-encoded, NFKC, slashes) in every segment of a backup path:
  refused by storage.confine, which the page, the operators and the DAGs use.
* Unreadable CSV files (fields over the csv module's limit, undeclared Latin-1): refused by
  the page's preview and by an import naming line and column, nothing written.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import random
import shutil
import stat
import struct
import tarfile
import tempfile
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import pytest
import yaml
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from airvault.errors import AirvaultError, ConfigError
from airvault.storage.manifest import MANIFEST, list_backups
from airvault.storage.signing import PUBLIC_KEY_FILE
from airvault.storage.store import open_store
from tests.airflow_env import ROOT
from tests.dbutil import table_checksums
from tests.reliability.conftest import FULL, trials

# ------------------------------------------------------------------------------- helpers


@dataclass
class Tally:
    """Counts of one scenario group: each attempt is refused cleanly, taken literally, or a
    failure (anything else: an unclear exception, an accepted hostile input, a write)."""

    cases: int = 0
    outcomes: Counter = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    data_lost: int = 0

    def fail(self, what: str) -> None:
        self.failures.append(what)

    def detail(self) -> str:
        return ", ".join(f"{n} {k}" for k, n in sorted(self.outcomes.items()))

    def report(self, record, scenario: str, detail: str) -> None:
        """One row of the reliability table, then the verdict."""
        record(scenario, self.cases, len(self.failures), self.data_lost, detail)
        assert not self.failures, "\n".join(self.failures)
        assert self.data_lost == 0


def _mentions(message: str, value: str) -> bool:
    """Does an error message name `value` (as it is, stripped, escaped, or its start)?"""
    forms = {value, value.strip(), repr(value)[1:-1], value[:60], repr(value[:60])[1:-1]}
    if "\x00" in value and "NUL" in message:  # a NUL cannot be shown, only named
        return True
    return any(f and f in message for f in forms)


def _db_state(dsn: str, skip_schema: str = "") -> dict[str, str]:
    """md5 of every table of every user schema (rows in a stable order), whatever its name:
    a table dropped or created by an injection shows up too."""
    with psycopg.connect(dsn) as conn:
        rels = conn.execute(
            "SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n "
            "ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN "
            "('pg_catalog', 'information_schema', %s) AND n.nspname NOT LIKE 'pg\\_%%' "
            "ORDER BY 1, 2",
            (skip_schema,),
        ).fetchall()
        return {
            f"{s}.{t}": conn.execute(
                sql.SQL(
                    "SELECT md5(coalesce(string_agg(md5(x::text), '' ORDER BY md5(x::text)), '')) "
                    "FROM {} x"
                ).format(sql.Identifier(s, t))
            ).fetchone()[0]
            for s, t in rels
        }


def _canary_alive(conn: psycopg.Connection) -> bool:
    try:
        return conn.execute("SELECT array_agg(id) FROM public.canary").fetchone()[0] == [1]
    except psycopg.Error:
        return False


def _files(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")} if folder.exists() else set()


# ======================================================================== 1. hostile names


def _hostile_names(sentinel: Path) -> list[str]:
    return [
        'x"; DROP TABLE canary; --',
        "x'); DROP TABLE canary; --",
        "a'b",
        "select",
        '"quoted"',
        "ünï😀",
        "tab\tname",
        "new\nline",
        "a;b",
        "--",
        "/* */",
        "%s",
        "{}",
        "$$; DROP TABLE canary; $$",
        "public.canary; DROP TABLE canary",
        "..",
        ".",
        " ",
        "a" * 200,
        "nul\x00byte",
        # an export names its folder and file after the table: these aim at `sentinel`
        f"../../..{sentinel}/owned",
        f"x.{sentinel}/owned",
    ]


def _literal(name: str) -> bool:
    """Can PostgreSQL hold a table of exactly this name? (no NUL, at most 63 bytes)"""
    return "\x00" not in name and 0 < len(name.encode()) <= 63


def _split(text: str) -> list[str]:
    """How the DAGs read a comma-separated text Param."""
    return [x for x in (text or "").split(",") if x.strip()]


def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    out = io.StringIO()
    csv.writer(out).writerows([header, *rows])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(out.getvalue())


class NameCases:
    """Every place a name can come in, against a copy of the demo with a canary table and
    a schema `hostile` holding one table per hostile name (a column of the same name)."""

    def __init__(self, dsn: str, demo_url: str, tmp: Path, tally: Tally) -> None:
        self.dsn, self.demo_url, self.tmp, self.tally = dsn, demo_url, tmp, tally
        self.exports = open_store(tmp / "exports")
        self.backups = open_store(tmp / "backups")
        self.safety = open_store(tmp / "safety")
        self.base = yaml.safe_load((ROOT / "airvault.yaml").read_text())
        # the app's schemas: the tables named after the hostile names live in `hostile`, so
        # a config naming them must be refused, not take them literally
        self.base["backup"]["schemas"] = ["public", "auth", "storage"]
        self.n = 0
        self.watch = psycopg.connect(dsn, autocommit=True)  # looks at the canary after each try
        with psycopg.connect(dsn) as conn:
            self.contacts = [
                list(r)
                for r in conn.execute(
                    "SELECT id::text, first_name FROM contacts ORDER BY id LIMIT 2"
                ).fetchall()
            ]
            self.contact_count = conn.execute("SELECT count(*) FROM contacts").fetchone()[0]
            self.org = conn.execute("SELECT id::text FROM organizations LIMIT 1").fetchone()[0]

    # --- one attempt
    def attempt(
        self,
        label: str,
        value: str,
        run: Callable[[], object],
        literal: Callable[[object], str | None] | None = None,
        named: str | None = None,
    ) -> str:
        """`run` must raise an AirvaultError naming `named` (default: the value), or, when
        `literal` is given, succeed with a result `literal` finds no problem with. Returns
        "refused", "literal" or "failed"."""
        t = self.tally
        t.cases += 1
        self.n += 1
        where = f"{label} with {value!r}"
        outcome = "failed"
        try:
            result = run()
        except AirvaultError as e:
            if _mentions(str(e), named or value):
                t.outcomes["refused naming the value"] += 1
                outcome = "refused"
            else:
                t.fail(f"{where}: refused without naming it: {e}")
        except Exception as e:  # noqa: BLE001 - any other exception is an unclean refusal
            t.fail(f"{where}: {type(e).__name__}: {str(e).strip()[:300]}")
        else:
            if literal is None:
                t.fail(f"{where}: accepted")
            elif problem := literal(result):
                t.fail(f"{where}: taken, but {problem}")
            else:
                t.outcomes["taken as a literal name"] += 1
                outcome = "literal"
        if not _canary_alive(self.watch):
            t.data_lost += 1
            t.fail(f"{where}: the canary is gone")
            self.watch.execute("CREATE TABLE IF NOT EXISTS public.canary (id int PRIMARY KEY)")
            self.watch.execute("INSERT INTO public.canary VALUES (1) ON CONFLICT DO NOTHING")
        return outcome

    # --- imports
    def _import(self, header, rows, **spec):
        from airvault.exchange.imports import ImportSpec, run_import

        rel = f"in/{self.n}.csv"
        _write_csv(self.tmp / rel, header, rows)
        table = spec.pop("table", "contacts")
        return run_import(self.dsn, open_store(self.tmp), rel, ImportSpec(table, **spec))

    def _unchanged_import(self, report) -> str | None:
        if report.status != "success" or report.inserted or report.updated:
            return f"status {report.status}, {report.inserted} inserted, {report.updated} updated"
        return None

    def imports(self, name: str) -> None:
        from airvault.exchange.exports import parse_filters

        ids = [[c[0], c[1]] for c in self.contacts]
        self.attempt("import: CSV header column", name,
                     lambda: self._import(["id", "first_name", name],
                                          [[*r, "x"] for r in ids], mode="update-only"))  # fmt: skip
        self.attempt("import: mapping target", name,
                     lambda: self._import(["id", "first_name"], ids, mode="update-only",
                                          mapping={"first_name": name}))  # fmt: skip
        # the hostile header mapped onto a real column: the same values, so nothing changes
        self.attempt("import: mapping source", name,
                     lambda: self._import(["id", name], ids, mode="update-only",
                                          mapping={name: "first_name"}),
                     literal=self._unchanged_import)  # fmt: skip
        self.attempt("import: key column", name,
                     lambda: self._import(["id", "first_name"], ids, mode="update-only",
                                          key=[name]))  # fmt: skip
        self.attempt("import: table", name,
                     lambda: self._import(["id", "first_name"], ids, table=name))  # fmt: skip
        if name.strip():  # the Params' split drops a blank name: nothing left to try
            self.attempt("import: Params mapping", name,
                         lambda: self._import(["id", "first_name"], ids, mode="update-only",
                                              mapping=parse_filters(_split(f"first_name={name}"),
                                                                    "mapping")))  # fmt: skip
        self.attempt("import: encoding", name,
                     lambda: self._import(["id", "first_name"], ids, mode="update-only",
                                          encoding=name))  # fmt: skip

    # --- exports
    def _export(self, **spec):
        from airvault.exchange.exports import ExportSpec, run_export

        table = spec.pop("table", "contacts")
        return run_export(self.dsn, self.exports, ExportSpec(table, **spec), run_id=f"r{self.n}")

    def _export_inside(self, report) -> str | None:
        if not report["file"].startswith(self.exports.url + "/exports/"):
            return f"the file went to {report['file']}"
        return None

    def exports_(self, name: str) -> None:
        from airvault.config import Config
        from airvault.exchange.exports import parse_filters, run_export, specs_for

        def dataset():
            return [run_export(self.dsn, self.exports, s, run_id=f"r{self.n}")
                    for s in specs_for(Config.model_validate(self.base), name)]  # fmt: skip

        def no_rows(report):
            return self._export_inside(report) or (
                f"{report['rows']} rows" if report["rows"] else None
            )

        self.attempt("export: table", name, lambda: self._export(table=name))
        self.attempt("export: column", name, lambda: self._export(columns=["id", name]))
        self.attempt("export: filter column", name, lambda: self._export(filters={name: "x"}))
        self.attempt("export: filter value", name,
                     lambda: self._export(filters={"first_name": name}), literal=no_rows)  # fmt: skip
        self.attempt("export: date column", name,
                     lambda: self._export(date_column=name, since="2020-01-01"))  # fmt: skip
        self.attempt("export: dataset", name, dataset)
        if name.strip():  # the Params' split drops a blank name: nothing left to try
            self.attempt("export: Params filters", name,
                         lambda: self._export(filters=parse_filters(_split(f"{name}=x"))))  # fmt: skip
            self.attempt("export: Params columns", name,
                         lambda: self._export(columns=_split(f"id,{name}")))  # fmt: skip

    # --- restores
    def _restore(self, tables):
        from airvault.restore.run import restore

        return restore(self.demo_url, self.dsn, mode="replace", tables=tables,
                       safety_root=self.safety, verify_data=False)  # fmt: skip

    def restores(self, name: str) -> None:
        self.attempt("restore: tables", name, lambda: self._restore([name]))
        if name.strip():  # the Params' split drops a blank name: nothing left to try
            self.attempt("restore: Params tables", name,
                         lambda: self._restore(_split(f"contacts,{name}")))  # fmt: skip
        if self.safety.list_files():
            self.tally.fail(f"restore with {name!r}: a safety backup was taken")

    # --- the config
    def _config(self, change: Callable[[dict], None]):
        from airvault.config import load_config

        data = json.loads(json.dumps(self.base))
        change(data)
        path = self.tmp / f"config-{self.n}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True))
        return load_config(path)

    def _config_case(self, label: str, name: str, change, key: str, uses) -> None:
        """Load a config with `name` at `key`: refused (naming the key), or each later use
        in `uses` (label, run(config), literal check or None) is tried."""
        try:
            config = self._config(change)
        except Exception:  # noqa: BLE001 - attempt() tells a ConfigError from anything else
            self.attempt(f"config: {label}", name, lambda: self._config(change), named=key)
            return
        for use, run, literal in uses:
            self.attempt(f"config: {label}, then {use}", name, lambda r=run: r(config), literal)

    def _backup(self, config, **overrides):
        from airvault.backup.run import options_from_config, run_backup

        opts = options_from_config(config)
        for k, v in overrides.items():
            setattr(opts, k, v)
        return run_backup(self.dsn, self.backups, opts)

    def _module_backup(self, config, module: str):
        m = config.modules[module]
        return self._backup(config, kind="module", scope=module, only=list(m.tables))

    def _listed(self, result) -> str | None:
        listed = [b.url for b in list_backups(self.backups)[0]]
        inside = result.url.startswith(self.backups.url + "/backups/module/")
        if result.url not in listed or not inside:
            return f"the backup went to {result.url}, listed: {result.url in listed}"
        return None

    def configs(self, name: str) -> None:
        from airvault.exchange.exports import run_export, specs_for
        from airvault.restore.run import restore

        def module(**m):
            return lambda d: d["modules"].update(crm={"tables": ["contacts"], **m})

        def export_module(config, dataset="crm", **options):
            return [run_export(self.dsn, self.exports, s, run_id=f"r{self.n}")
                    for s in specs_for(config, dataset, **options)]  # fmt: skip

        def all_rows(reports):
            rows = sum(r["rows"] for r in reports)
            return None if rows == self.contact_count else f"{rows} rows exported"

        def restore_module(config):
            return restore(self.demo_url, self.dsn, mode="replace",
                           tables=list(config.modules["crm"].tables), safety_root=self.safety,
                           verify_data=False)  # fmt: skip

        def tenant_backup(config):
            self._backup(config, kind="tenant", scope="t", rows=_tenant_rules(config, self.org))

        self._config_case("module tables", name, module(tables=[name]), "modules.crm.tables", [
            ("a module backup", lambda c: self._module_backup(c, "crm"), None),
            ("a module export", export_module, None),
            ("a module restore", restore_module, None),
        ])  # fmt: skip
        self._config_case("user and datetime columns", name,
                          module(user_columns=[name], datetime_columns=[name]),
                          "modules.crm.user_columns", [
            ("a readable module export", export_module, all_rows),
        ])  # fmt: skip
        self._config_case("tenant column", name,
                          lambda d: d.setdefault("tenancy", {}).update(column=name),
                          "tenancy.column", [
            ("a tenant export", lambda c: export_module(c, "contacts", tenant=self.org), None),
        ])  # fmt: skip
        self._config_case("tenant table", name,
                          lambda d: d.setdefault("tenancy", {}).update(table=name),
                          "tenancy.table", [("a tenant backup", tenant_backup, None)])  # fmt: skip
        self._config_case("module name", name,
                          lambda d: d["modules"].update({name: {"tables": ["organizations"]}}),
                          "modules", [
            ("a module backup", lambda c: self._module_backup(c, name), self._listed),
        ])  # fmt: skip
        self._config_case("import mapping", name,
                          lambda d: d["import_mappings"].update(m={"first_name": name}),
                          "import_mappings.m", [
            ("an import with it", lambda c: self._import(
                ["id", "first_name"], [[r[0], r[1]] for r in self.contacts],
                mode="update-only", mapping=c.import_mapping("m")), None),
        ])  # fmt: skip
        self._config_case("recurring export dataset", name,
                          lambda d: d["exports"].update(
                              e={"dataset": name, "schedule": "0 6 * * 1"}),
                          "exports.e.dataset", [
            ("the export", lambda c: [run_export(self.dsn, self.exports, s, run_id=f"r{self.n}")
                                      for s in specs_for(c, c.exports["e"].dataset)], None),
        ])  # fmt: skip
        # (the installation's public key, beside the backups, is stored by any backup)
        if [p for p in self.backups.list_files() if "/module/" not in p
                and p != PUBLIC_KEY_FILE]:  # fmt: skip
            self.tally.fail(f"config with {name!r}: a refused backup left files behind")


def _tenant_rules(config, tenant_id: str):
    from airvault.pg.scope import RowRules

    return RowRules(tenant_id=tenant_id, tenant_table=config.tenancy.table,
                    tenant_column=config.tenancy.column)  # fmt: skip


def _literal_roundtrips(cases: NameCases, names: list[str]) -> dict[str, dict[int, str]]:
    """Tables named after the hostile names, in schema `hostile`: imported into, exported,
    backed up and restored by their names. Returns the rows each table must end with."""
    from airvault.backup.run import BackupOptions, run_backup
    from airvault.restore.run import restore

    expected = {}
    for name in names:
        table = f"hostile.{name}"
        value = f"<{name}>"

        def imported(report):
            if (report.status, report.inserted, report.updated) != ("success", 1, 1):
                return f"{report.status}: {report.inserted} inserted, {report.updated} updated"
            return None

        outcome = cases.attempt("import into a table of that name", name,
                      lambda t=table, v=value: cases._import(
                          ["id", t.split(".", 1)[1]], [["1", "one-updated"], ["2", v]],
                          table=t, mode="upsert"),
                      literal=imported)  # fmt: skip
        ok = outcome == "literal"
        expected[name] = {1: "one-updated", 2: value} if ok else {1: "one"}

        def exported(report, name=name, value=value, ok=ok):
            if problem := cases._export_inside(report):
                return problem
            path = Path(report["file"].removeprefix("file://"))
            rows = list(csv.reader(io.StringIO(path.read_text(), newline="")))
            want = [["id", name]] + ([["2", value]] if ok else [])
            return None if rows == want else f"the file holds {rows!r}"

        cases.attempt("export of a table of that name", name,
                      lambda t=table, n=name, v=value: cases._export(
                          table=t, columns=["id", n], filters={n: v}, readable=False),
                      literal=exported)  # fmt: skip
    # one backup of them all, the tables emptied, then each restored by its own name
    backup = run_backup(cases.dsn, cases.backups, BackupOptions(schemas=["hostile"]))
    with psycopg.connect(cases.dsn) as conn:
        for name in names:
            conn.execute(sql.SQL("DELETE FROM {}").format(sql.Identifier("hostile", name)))
    for name in names:
        cases.attempt("restore of a table of that name", name,
                      lambda n=name: restore(backup.url, cases.dsn, mode="replace",
                                             tables=[f"hostile.{n}"], verify_data=False),
                      literal=lambda _r: None)  # fmt: skip
    return expected


def test_hostile_names_never_reach_sql_as_code(copy_of_demo, demo_backup, tmp_path, record):
    """Every use of every hostile name is refused naming it, or taken as one literal name;
    the canary keeps its row and no table outside the `hostile` schema changes."""
    sentinel = Path(tempfile.mkdtemp(prefix="av-", dir="/tmp"))  # short: names are <= 63 bytes
    names = _hostile_names(sentinel)
    literal = [n for n in names if _literal(n)]
    with psycopg.connect(copy_of_demo) as conn:
        conn.execute("CREATE TABLE public.canary (id int PRIMARY KEY)")
        conn.execute("INSERT INTO public.canary VALUES (1)")
        conn.execute("CREATE SCHEMA hostile")
        for n in literal:
            t = sql.Identifier("hostile", n)
            conn.execute(sql.SQL("CREATE TABLE {} (id int PRIMARY KEY, {} text)").format(
                t, sql.Identifier(n)))  # fmt: skip
            conn.execute(sql.SQL("INSERT INTO {} VALUES (1, 'one')").format(t))
    before = _db_state(copy_of_demo, skip_schema="hostile")
    tally = Tally()
    cases = NameCases(copy_of_demo, demo_backup.url, tmp_path, tally)
    try:
        for name in names:
            cases.imports(name)
            cases.exports_(name)
            cases.restores(name)
            cases.configs(name)
            if FULL and _db_state(copy_of_demo, skip_schema="hostile") != before:
                tally.data_lost += 1
                tally.fail(f"{name!r}: a table outside schema hostile changed")
        expected = _literal_roundtrips(cases, literal)
        with psycopg.connect(copy_of_demo) as conn:
            for n, rows in expected.items():
                got = dict(conn.execute(sql.SQL("SELECT id, {} FROM {}").format(
                    sql.Identifier(n), sql.Identifier("hostile", n))).fetchall())  # fmt: skip
                if got != rows:
                    tally.data_lost += 1
                    tally.fail(f"table hostile.{n!r} holds {got!r}, not {rows!r}")
        if _db_state(copy_of_demo, skip_schema="hostile") != before:
            tally.data_lost += 1
            tally.fail("a table outside schema hostile changed")
        if written := _files(sentinel):
            tally.fail(f"files written outside the storage root: {sorted(written)}")
    finally:
        cases.watch.close()
        shutil.rmtree(sentinel, ignore_errors=True)
    tally.report(
        record,
        "hostile names",
        f"{len(names)} names x every input: {tally.detail()}"
        + ("; canary intact" if not tally.data_lost else ""),
    )


# ===================================================================== 2. hostile archives

GIB = 1 << 30


def _info(name: str, kind: bytes = tarfile.REGTYPE, size: int = 0, **attrs) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type, info.size, info.mode = kind, size, 0o644
    for k, v in attrs.items():
        setattr(info, k, v)
    return info


def _tar_bytes(folder: Path | None, entries: list[tuple[tarfile.TarInfo, bytes | None]],
               fmt: int = tarfile.GNU_FORMAT) -> bytes:  # fmt: skip
    """A tar of the backup `folder` (as my-backup/) followed by the hostile `entries`."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=fmt) as tar:
        if folder is not None:
            tar.add(folder, arcname="my-backup")
        for info, data in entries:
            tar.addfile(info, io.BytesIO(data) if data is not None else None)
    return buf.getvalue()


def _sparse_entry(name: str, real_size: int) -> tuple[tarfile.TarInfo, bytes]:
    """A PAX (GNU 1.0) sparse member: 512 bytes stored, `real_size` declared."""
    sparse_map = b"1\n0\n512\n".ljust(512, b"\0")
    info = _info(name, size=1024)
    info.pax_headers = {"GNU.sparse.major": "1", "GNU.sparse.minor": "0",
                        "GNU.sparse.name": name, "GNU.sparse.realsize": str(real_size)}  # fmt: skip
    return info, sparse_map + b"x" * 512


def _gzip_of_zeros(out, size: int) -> None:
    """Stream `size` zero bytes as gzip members of 1 MiB each (a valid multi-member gzip
    stream): ~1 KiB per MiB, built without compressing `size` bytes."""
    member = gzip.compress(bytes(1 << 20), compresslevel=9)
    for _ in range(size >> 20):
        out.write(member)


def _tar_gz_bomb(path: Path, size: int, junk: int = 0) -> None:
    """A .tar.gz whose member `my-backup/zeros` is `size` zero bytes (after `junk` random
    bytes in my-backup/junk, which only pad the archive: each member has its own ratio)."""
    with path.open("wb") as out:
        if junk:
            head = _info("my-backup/junk", size=junk).tobuf(tarfile.GNU_FORMAT)
            out.write(gzip.compress(head + random.Random(1).randbytes(junk), compresslevel=1))
        out.write(gzip.compress(_info("my-backup/zeros", size=size).tobuf(tarfile.GNU_FORMAT)))
        _gzip_of_zeros(out, size)
        out.write(gzip.compress(bytes(1024)))  # the end-of-archive blocks


def _zip_bomb(path: Path, size: int = GIB, name: str = "my-backup/zeros") -> None:
    """One deflated member of `size` zero bytes (~1 MB stored), streamed: the same flushed
    deflate block of 1 MiB of zeros repeated, then an empty final block."""
    chunk = bytes(1 << 20)
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = comp.compress(chunk) + comp.flush(zlib.Z_FULL_FLUSH)
    final = zlib.compressobj(9, zlib.DEFLATED, -15).flush()
    crc = 0
    for _ in range(size >> 20):
        crc = zlib.crc32(chunk, crc)
    csize = len(block) * (size >> 20) + len(final)
    raw = name.encode()
    with path.open("wb") as out:
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, csize,
                              size, len(raw), 0) + raw)  # fmt: skip
        for _ in range(size >> 20):
            out.write(block)
        out.write(final)
        cd_offset = out.tell()
        central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 0x314, 20, 0, 8, 0, 0x21, crc,
                              csize, size, len(raw), 0, 0, 0, 0, 0o644 << 16, 0) + raw  # fmt: skip
        out.write(central)
        out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(central), cd_offset, 0))


def _zip(path: Path, entries: list[tuple[str, int, bytes]], folder: Path | None) -> None:
    """A zip of the backup `folder` (as my-backup/) plus entries (name, st_mode, data)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        if folder is not None:
            for p in sorted(folder.rglob("*")):
                if p.is_file():
                    z.write(p, f"my-backup/{p.relative_to(folder)}")
        for name, mode, data in entries:
            info = zipfile.ZipInfo(name)
            info.external_attr = mode << 16
            info.create_system = 3
            z.writestr(info, data)


def empty_files_tar_gz(count: int, folder: str = "bomb") -> bytes:
    """`count` empty files in a .tar.gz of about 7 bytes each (200,000 in ~1.4 MB): one header
    template, its name's digits and checksum rewritten per entry (tarfile takes 5x longer)."""
    name = f"{folder}/f"
    header = bytearray(tarfile.TarInfo(name + "0" * 7).tobuf(tarfile.GNU_FORMAT))
    gz = zlib.compressobj(6, zlib.DEFLATED, 31)  # 31: a gzip stream
    out = []
    for i in range(count):
        header[len(name) : len(name) + 7] = b"%07d" % i
        header[148:156] = b" " * 8  # the checksum is summed over its own field as spaces
        header[148:156] = b"%06o\x00 " % sum(header)
        out.append(gz.compress(header))
    return b"".join([*out, gz.compress(bytes(1024)), gz.flush()])


def deep_tar(levels: int, folder: Path | None = None) -> bytes:
    """A tar (of the backup `folder`, if given) with one file `levels` folders deep."""
    name = "my-backup/" + "d/" * levels + "deep"
    return _tar_bytes(folder, [(_info(name, size=4), b"deep")], tarfile.PAX_FORMAT)


@dataclass
class Archive:
    label: str
    path: Path
    expect: list[str]  # what the error must mention (the entry, or the reason)
    max_bytes: int | None = None  # a byte limit to pass to safe_extract


def _hostile_archives(work: Path, backup: Path, jail: Path) -> list[Archive]:
    """Every trick as .tar and .tar.gz (the backup folder first, the trick last), the bombs,
    things that are not tars, and the same tricks as .zip."""
    outside = jail / "outside"  # a folder beside the extraction target: must stay as it is
    target = jail / "sentinel.txt"
    tricks: list[tuple[str, list[tuple[tarfile.TarInfo, bytes | None]], str, int]] = [
        ("../ entry", [(_info("../evil", size=4), b"evil")], "../evil", tarfile.GNU_FORMAT),
        ("../../ entry", [(_info("../../evil", size=4), b"evil")], "../../evil",
         tarfile.GNU_FORMAT),
        ("nested ../ entry", [(_info("my-backup/data/../../../evil", size=4), b"evil")],
         "my-backup/data/../../../evil", tarfile.GNU_FORMAT),
        ("absolute entry", [(_info(f"{outside}/abs-evil", size=4), b"evil")],
         f"{outside}/abs-evil", tarfile.GNU_FORMAT),
        ("symlink out, then a file through it",
         [(_info("my-backup/link", tarfile.SYMTYPE, linkname=str(outside)), None),
          (_info("my-backup/link/evil", size=4), b"evil")], "my-backup/link", tarfile.GNU_FORMAT),
        ("relative symlink out", [(_info("my-backup/up", tarfile.SYMTYPE, linkname="../.."), None)],
         "my-backup/up", tarfile.GNU_FORMAT),
        ("hardlink to a file outside",
         [(_info("my-backup/hard", tarfile.LNKTYPE, linkname=str(target)), None)],
         "my-backup/hard", tarfile.GNU_FORMAT),
        ("relative hardlink outside",
         [(_info("my-backup/hard2", tarfile.LNKTYPE, linkname="../sentinel.txt"), None)],
         "my-backup/hard2", tarfile.GNU_FORMAT),
        ("character device", [(_info("my-backup/null", tarfile.CHRTYPE, devmajor=1, devminor=3),
                               None)], "my-backup/null", tarfile.GNU_FORMAT),
        ("block device", [(_info("my-backup/disk", tarfile.BLKTYPE, devmajor=8, devminor=0),
                           None)], "my-backup/disk", tarfile.GNU_FORMAT),
        ("fifo", [(_info("my-backup/fifo", tarfile.FIFOTYPE), None)], "my-backup/fifo",
         tarfile.GNU_FORMAT),
        ("sparse member declaring 1 TiB", [_sparse_entry("my-backup/sparse", 1 << 40)],
         "my-backup/sparse", tarfile.PAX_FORMAT),
    ]  # fmt: skip
    found: list[Archive] = []
    for label, entries, entry, fmt in tricks:
        data = _tar_bytes(backup, entries, fmt)
        for suffix, blob in [(".tar", data), (".tar.gz", gzip.compress(data, compresslevel=1))]:
            path = work / f"{label.replace(' ', '_').replace('/', '')}{suffix}"
            path.write_bytes(blob)
            found.append(Archive(f"{label} ({suffix})", path, [entry]))
    # a member declaring 1 TiB whose data is not there at all (a cut-off archive)
    huge = _info("my-backup/huge", size=1 << 40).tobuf(tarfile.GNU_FORMAT)
    for suffix, blob in [(".tar", huge), (".tar.gz", gzip.compress(huge))]:
        (work / f"huge{suffix}").write_bytes(blob)
        found.append(Archive(f"member declaring 1 TiB, cut off ({suffix})", work / f"huge{suffix}",
                             ["my-backup/huge"]))  # fmt: skip
    _tar_gz_bomb(work / "bomb.tar.gz", GIB)
    found.append(Archive("gzip bomb: 1 GiB of zeros in ~1 MB (.tar.gz)", work / "bomb.tar.gz",
                         ["my-backup/zeros"]))  # fmt: skip
    _tar_gz_bomb(work / "padded-bomb.tar.gz", 128 << 20, junk=1 << 20)
    found.append(Archive("128 MiB of zeros padded with 1 MiB of noise (.tar.gz)",
                         work / "padded-bomb.tar.gz", ["my-backup/zeros"]))  # fmt: skip
    noise = _tar_bytes(backup, [(_info("my-backup/noise", size=2 << 20),
                                 random.Random(2).randbytes(2 << 20))])  # fmt: skip
    (work / "noise.tar").write_bytes(noise)
    folder_bytes = sum(p.stat().st_size for p in backup.rglob("*") if p.is_file())
    found.append(Archive("more bytes than the limit", work / "noise.tar", ["my-backup/noise"],
                         max_bytes=folder_bytes + (1 << 20)))  # fmt: skip
    # many entries, deep entries, long names, huge headers: refused from their headers alone
    (work / "many.tar.gz").write_bytes(empty_files_tar_gz(200_000))
    found.append(Archive("200,000 empty files in ~1.4 MB (.tar.gz)", work / "many.tar.gz",
                         ["more than 20,000 entries"]))  # fmt: skip
    deep = deep_tar(1_500, backup)
    for suffix, blob in [(".tar", deep), (".tar.gz", gzip.compress(deep, compresslevel=1))]:
        (work / f"deep{suffix}").write_bytes(blob)
        found.append(Archive(f"an entry 1,500 folders deep ({suffix})", work / f"deep{suffix}",
                             ["1,502 levels deep"]))  # fmt: skip
    long_name = _tar_bytes(backup, [(_info("my-backup/" + "n" * 300, size=1), b"n")])
    (work / "long-name.tar").write_bytes(long_name)
    found.append(Archive("a name part of 300 bytes", work / "long-name.tar", ["longer than"]))
    big_header = _info("my-backup/pax")
    big_header.pax_headers = {"comment": "z" * (64 << 20)}  # 64 MiB held whole by tarfile
    (work / "pax.tar.gz").write_bytes(gzip.compress(_tar_bytes(None, [(big_header, None)],
                                                               tarfile.PAX_FORMAT), 1))  # fmt: skip
    found.append(Archive("a 64 MiB PAX header in ~300 KB (.tar.gz)", work / "pax.tar.gz",
                         ["a tar header of"]))  # fmt: skip
    # not tars at all
    whole = gzip.compress(_tar_bytes(backup, []), compresslevel=1)
    (work / "cut.tar.gz").write_bytes(whole[: len(whole) // 2])
    found.append(Archive("a .tar.gz cut in half", work / "cut.tar.gz", ["cut.tar.gz"]))
    (work / "empty.tar").write_bytes(b"")
    found.append(Archive("an empty file", work / "empty.tar", ["empty.tar"]))
    (work / "noise.tar.gz").write_bytes(random.Random(3).randbytes(10_000))
    found.append(Archive("random bytes named .tar.gz", work / "noise.tar.gz", ["noise.tar.gz"]))
    # zip files, with the same tricks: airvault takes none (only .tar / .tar.gz uploads)
    zips = [
        ("../ entry", [("../evil", stat.S_IFREG | 0o644, b"evil")]),
        ("absolute entry", [(f"{outside}/abs-evil", stat.S_IFREG | 0o644, b"evil")]),
        ("symlink out", [("my-backup/link", stat.S_IFLNK | 0o777, str(outside).encode())]),
        ("device", [("my-backup/null", stat.S_IFCHR | 0o666, b"")]),
    ]
    for label, entries in zips:
        path = work / f"zip-{label.replace(' ', '_').replace('/', '')}.zip"
        _zip(path, entries, backup)
        found.append(Archive(f"zip: {label}", path, ["unsupported"]))
        renamed = path.with_suffix(".tar")
        shutil.copy(path, renamed)
        found.append(Archive(f"zip named .tar: {label}", renamed, [renamed.name]))
    _zip_bomb(work / "bomb.zip")
    with zipfile.ZipFile(work / "bomb.zip") as z:  # a real bomb: 1 GiB of zeros inside
        member = z.infolist()[0]
        assert member.file_size == GIB and member.compress_size < 2 << 20
        with z.open(member) as f:
            assert f.read(4 << 20) == bytes(4 << 20)
    found.append(Archive("zip bomb: 1 GiB of zeros in ~1 MB", work / "bomb.zip", ["unsupported"]))
    shutil.copy(work / "bomb.zip", work / "bomb-zip.tar.gz")
    found.append(Archive("zip bomb named .tar.gz", work / "bomb-zip.tar.gz", ["bomb-zip.tar.gz"]))
    return found


def _upload(archive: Path, root: Path, monkeypatch) -> tuple[int, str]:
    """The Backups page's upload handler, called directly (authorized, storage at `root`),
    with the archive as the request body as the page sends it."""
    import asyncio

    from fastapi import HTTPException
    from starlette.requests import Request

    import airvault.airflow.page.routes.uploads as page
    from airvault.config import load_config

    monkeypatch.setattr(
        page, "storage_root", lambda: (load_config(ROOT / "airvault.yaml"), open_store(root))
    )
    body = archive.read_bytes()
    sent = False

    async def receive() -> dict:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    headers = [
        (b"content-type", b"application/x-tar"),
        (b"content-length", str(len(body)).encode()),
    ]
    request = Request({"type": "http", "method": "POST", "path": "/airvault/api/upload",
                       "headers": headers, "query_string": b""}, receive)  # fmt: skip
    try:
        asyncio.run(page.upload(request, filename=archive.name))
    except HTTPException as e:
        return e.status_code, str(e.detail)
    return 200, ""


def test_hostile_archives_are_refused_and_write_nothing_outside(
    copy_of_demo, demo_backup, tmp_path, monkeypatch, record
):
    from airvault.restore.run import restore
    from airvault.storage.uploads import safe_extract

    backup = Path(demo_backup.url.removeprefix("file://"))
    work, jail, systmp = tmp_path / "archives", tmp_path / "jail", tmp_path / "systmp"
    for d in (work, jail / "outside", systmp):
        d.mkdir(parents=True)
    (jail / "sentinel.txt").write_text("untouched")
    monkeypatch.setattr(tempfile, "tempdir", str(systmp))  # where open_backup unpacks
    archives = _hostile_archives(work, backup, jail)
    safety, storage = tmp_path / "safety", tmp_path / "storage"
    before = table_checksums(copy_of_demo)
    tally = Tally()

    def check(a: Archive, route: str, error: str | None, leftovers: set[str]) -> None:
        tally.cases += 1
        where = f"{a.label} via {route}"
        expect = a.expect
        if route == "upload" and a.path.suffix == ".zip":  # refused by its name, unopened
            expect = ["upload a .tar or .tar.gz"]
        if error is None:
            tally.fail(f"{where}: accepted")
        elif not all(e in error for e in expect):
            tally.fail(f"{where}: the error does not name {expect}: {error}")
        else:
            tally.outcomes[f"refused ({route})"] += 1
        if leftovers:
            tally.fail(f"{where}: left {sorted(leftovers)[:5]}")
        if (jail / "sentinel.txt").read_text() != "untouched" or _files(jail) != {
            "outside",
            "sentinel.txt",
        }:
            tally.fail(f"{where}: wrote outside the target: {sorted(_files(jail))}")
            shutil.rmtree(jail)
            (jail / "outside").mkdir(parents=True)
            (jail / "sentinel.txt").write_text("untouched")
        if list(tmp_path.rglob("*evil*")):
            tally.fail(f"{where}: an 'evil' file exists: {list(tmp_path.rglob('*evil*'))}")

    # the control: an honest tar and tar.gz of the backup unpack and verify
    from airvault.verify import verify_backup

    honest = _tar_bytes(backup, [])
    for suffix, blob in [(".tar", honest), (".tar.gz", gzip.compress(honest, compresslevel=1))]:
        (work / f"honest{suffix}").write_bytes(blob)
        folder = safe_extract(work / f"honest{suffix}", (tmp_path / "honest").resolve())
        assert verify_backup(open_store(folder)).ok, suffix
        shutil.rmtree(tmp_path / "honest")

    for a in archives:
        # 1. safe_extract into jail/x: only jail/x may change
        error = None
        try:
            safe_extract(a.path, (jail / "x").resolve(), **(
                {"max_bytes": a.max_bytes} if a.max_bytes else {}))  # fmt: skip
        except AirvaultError as e:
            error = str(e)
        except Exception as e:  # noqa: BLE001
            error = f"unclean {type(e).__name__}: {e}"
            tally.fail(f"{a.label} via safe_extract: {error}")
        shutil.rmtree(jail / "x", ignore_errors=True)
        check(a, "safe_extract", error, set())
        if a.max_bytes:  # a limit only safe_extract takes: the disk's free space elsewhere
            continue
        # 2. a restore from the archive file (airvault restore --from x.tar, the restore DAG)
        error = None
        try:
            restore(str(a.path), copy_of_demo, mode="replace", safety_root=open_store(safety))
        except AirvaultError as e:
            error = str(e)
        except Exception as e:  # noqa: BLE001
            error = f"unclean {type(e).__name__}: {e}"
            tally.fail(f"{a.label} via restore: {error}")
        check(a, "restore", error, _files(systmp) | _files(safety))
        # 3. the Backups page's upload (full run: importing the Airflow API server is slow)
        if FULL:
            status, detail = _upload(a.path, storage, monkeypatch)
            error = detail if status == 400 else None
            if status not in (200, 400):
                tally.fail(f"{a.label} via upload: HTTP {status}: {detail}")
            check(a, "upload", error, _files(systmp) | _files(storage))
    if table_checksums(copy_of_demo) != before:
        tally.data_lost += 1
        tally.fail("the target database changed")
    if list_backups(open_store(safety)) != ([], []) or list_backups(open_store(storage)) != (
        [],
        [],
    ):
        tally.fail("something is listed as a backup")
    tally.report(
        record,
        "hostile archives",
        f"{len(archives)} archives (.tar, .tar.gz, .zip): {tally.detail()}"
        + ("; nothing written outside the target" if not tally.failures else ""),
    )


# =================================================================== 3. tampered manifests


def _edit_manifest(folder: Path, change: Callable[[dict], None], resign: bool = True) -> None:
    """Change the manifest. Re-signed with this installation's key by default: the checks
    behind the signature must hold on their own too (a bug, or a trusted unsigned backup);
    the signature's own cases edit without re-signing."""
    from airvault.storage.signing import keys_from_env, sign

    manifest = json.loads((folder / MANIFEST).read_text())
    change(manifest)
    if resign:
        manifest = sign(manifest, keys_from_env())
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")


def _table_entry(manifest: dict, name: str = "public.contacts") -> dict:
    return next(t for t in manifest["tables"] if f"{t['schema']}.{t['name']}" == name)


def _flip(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset % len(data)] ^= 0x5A
    path.write_bytes(bytes(data))


def _named(rel: str) -> tuple[str, str]:
    """What an error about a data file may name: the file, or (an error while its rows are
    loaded, when the data is checked as it loads) its table."""
    return rel, Path(rel).name.split(".copy")[0]


Tamper = tuple[Callable[[Path], None], tuple[str, ...], bool]


def _tampers(folder: Path) -> dict[str, Tamper]:
    """name -> (tamper(folder), what the error must mention (one of), whether verify can see
    it). Edits are re-signed with this installation's key unless the case is about the
    signature, so each check behind the signature is shown to hold on its own; an edit of
    the column list re-signed that way is then only caught by the restore's schema check."""
    manifest = json.loads((folder / MANIFEST).read_text())
    contacts = _table_entry(manifest)["file"]
    about_contacts = _named(contacts)
    schema = manifest["schema_archive"]["file"]

    def edit(change: Callable[[dict], object]) -> Callable[[Path], None]:
        return lambda f: _edit_manifest(f, change)

    def unsigned_edit(change: Callable[[dict], object]) -> Callable[[Path], None]:
        return lambda f: _edit_manifest(f, change, resign=False)

    def foreign_key(m: dict) -> None:
        from airvault.storage.signing import parse_signing_keys, sign

        m.update(sign(m, parse_signing_keys("an-attackers-own-key-0123456789")))

    def write(rel: str, text: str) -> Callable[[Path], None]:
        return lambda f: (f / rel).write_text(text)

    def cut_manifest(f: Path) -> None:
        text = (f / MANIFEST).read_text()
        (f / MANIFEST).write_text(text[: len(text) // 2])

    def cut_contacts(f: Path) -> None:
        (f / contacts).write_bytes((f / contacts).read_bytes()[:-100])

    def extra_table(file: str) -> Callable[[dict], None]:
        return lambda m: m["tables"].append({**_table_entry(m), "name": "ghost", "file": file})

    def contacts_edit(**changes) -> Callable[[Path], None]:
        return edit(lambda m: _table_entry(m).update(changes))

    def moved_outside(f: Path) -> None:  # the intact file, moved beside the folder
        shutil.move(f / contacts, f.parent / "outside.copy.zst")
        _edit_manifest(f, lambda m: _table_entry(m).update(file="../outside.copy.zst"))

    def renamed_column(m: dict) -> None:
        _table_entry(m)["columns"][1]["name"] = 'x"; DROP TABLE canary; --'

    rows = _table_entry(manifest)["rows"] + 1
    tampers: dict[str, tuple[Callable[[Path], None], str | tuple[str, ...], bool]] = {
        "manifest cut in half": (cut_manifest, "not valid JSON", True),
        "manifest not JSON": (write(MANIFEST, "{'tables': [}"), "not valid JSON", True),
        "manifest empty": (write(MANIFEST, ""), "not valid JSON", True),
        "manifest a JSON list": (write(MANIFEST, "[]"), "not an airvault", True),
        "manifest missing": (lambda f: (f / MANIFEST).unlink(), "missing", True),
        "newer format version": (edit(lambda m: m.update(format_version=9)), "version 9", True),
        "replace_where widened, not re-signed": (
            unsigned_edit(lambda m: _table_entry(m).update(replace_where="TRUE")),
            "does not match its signature",
            True,
        ),
        "row count edited, not re-signed": (
            unsigned_edit(lambda m: _table_entry(m).update(rows=rows)),
            "does not match its signature",
            True,
        ),
        "compression codec edited, not re-signed": (
            unsigned_edit(lambda m: m["compression"].update(codec="gzip")),
            "does not match its signature",
            True,
        ),
        "signature removed": (unsigned_edit(lambda m: m.pop("signature")), "not signed", True),
        "re-signed with another key": (unsigned_edit(foreign_key), "not configured", True),
        "format version as text": (edit(lambda m: m.update(format_version="1")), "'1'", True),
        "other format": (edit(lambda m: m.update(format="airvault-archive")), "not an", True),
        "tables key removed": (edit(lambda m: m.pop("tables")), "tables: Field required", True),
        "tables not a list": (edit(lambda m: m.update(tables="x")), "malformed", True),
        "file checksum edited": (contacts_edit(file_sha256="0" * 64), about_contacts, True),
        "content checksum edited": (contacts_edit(content_sha256="0" * 64), about_contacts, True),
        "row count edited": (contacts_edit(rows=rows), about_contacts, True),
        "schema checksum edited": (
            edit(lambda m: m["schema_archive"].update(sha256="0" * 64)),
            schema,
            True,
        ),
        "data file byte flipped": (lambda f: _flip(f / contacts, 200), about_contacts, True),
        "data file cut short": (cut_contacts, about_contacts, True),
        "data file removed": (lambda f: (f / contacts).unlink(), about_contacts, True),
        "schema file byte flipped": (lambda f: _flip(f / schema, 50), schema, True),
        "table added without a data file": (
            edit(extra_table("data/public.ghost.copy.zst")),
            "data/public.ghost.copy.zst",
            True,
        ),
        "table added reusing another table's file": (edit(extra_table(contacts)), "ghost", False),
        "stray file added": (write("data/extra.copy.zst", "x"), "extra.copy.zst", True),
        "data file path leaves the folder": (moved_outside, "not a path inside", True),
        "data file path absolute": (contacts_edit(file="/etc/hostname"), "not a path", True),
        "schema path leaves the folder": (
            edit(lambda m: m["schema_archive"].update(file="../../x.sql")),
            "not a path inside",
            True,
        ),
        "column renamed in the manifest": (edit(renamed_column), "DROP TABLE canary", False),
        "compression codec edited": (
            edit(lambda m: m["compression"].update(codec="gzip")),
            "cannot be decompressed",
            True,
        ),
    }
    return {
        name: (tamper, (what,) if isinstance(what, str) else what, seen)
        for name, (tamper, what, seen) in tampers.items()
    }


def _random_tamper(
    rng: random.Random, folder: Path
) -> tuple[str, Callable[[Path], None], tuple[str, ...]]:
    """A byte flipped at a random offset of a random data or schema file, a random file cut
    at a random length, or the manifest cut at a random point before its closing brace."""
    files = sorted(
        str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file() and p.name != MANIFEST
    )
    rel = rng.choice(files)
    size = (folder / rel).stat().st_size
    kind = rng.choice(["flip", "flip", "cut", "manifest"])
    if kind == "flip":
        at = rng.randrange(size)
        return f"byte {at} of {rel} flipped", lambda f: _flip(f / rel, at), _named(rel)
    if kind == "cut":
        at = rng.randrange(size)

        def cut(f: Path) -> None:
            (f / rel).write_bytes((f / rel).read_bytes()[:at])

        return f"{rel} cut at {at} bytes", cut, _named(rel)
    text = (folder / MANIFEST).read_text()
    at = rng.randrange(1, text.rindex("}"))
    return f"manifest cut at {at} bytes", write_manifest(text[:at]), ("not valid JSON",)


def write_manifest(text: str) -> Callable[[Path], None]:
    return lambda f: (f / MANIFEST).write_text(text)


RESTORE_MODES = {  # label -> restore() arguments; a safety backup wherever the mode takes one
    "replace": {"mode": "replace"},
    "merge": {"mode": "merge"},
    "dry run": {"mode": "replace", "dry_run": True},
    "merge dry run": {"mode": "merge", "dry_run": True},
    # after the DAG's verify task: the data is checked while it is loaded, then rolled back
    "replace, data checked while loading": {"mode": "replace", "verify_data": False},
    "new-database": {"mode": "new-database"},
}


def test_tampered_manifests_are_refused_before_any_write(
    pg, copy_of_demo, demo_backup, tmp_path, record
):
    from airvault.restore.run import MODES, restore
    from airvault.verify import verify_backup

    assert set(MODES) <= {m["mode"] for m in RESTORE_MODES.values()}, "a restore mode is untried"
    original = Path(demo_backup.url.removeprefix("file://"))
    fixed = _tampers(original)
    rng = random.Random(20)
    randoms = [_random_tamper(rng, original) for _ in range(trials(50, 5))]
    cases = [(name, t, what, seen) for name, (t, what, seen) in fixed.items()]
    cases += [(name, t, what, True) for name, t, what in randoms]
    safety = tmp_path / "safety"
    before = table_checksums(copy_of_demo)
    tally = Tally()
    for i, (name, tamper, what, verify_sees) in enumerate(cases):
        folder = tmp_path / f"t{i}" / "backup"
        shutil.copytree(original, folder)
        tamper(folder)
        # verify: raises on a manifest it cannot read, else reports the problem
        tally.cases += 1
        try:
            report = verify_backup(open_store(folder))
            found = "; ".join(report.problems)
        except AirvaultError as e:
            found = str(e)
        except Exception as e:  # noqa: BLE001
            found = ""
            tally.fail(f"{name}: verify raised {type(e).__name__}: {e}")
        if verify_sees and not any(w in found for w in what):
            tally.fail(f"{name}: verify does not report it (mentions {what!r}?): {found!r}")
        elif verify_sees:
            tally.outcomes["reported by verify"] += 1
        else:
            tally.outcomes["re-signed with our key: only the restore sees it"] += 1
        modes = list(RESTORE_MODES.items())
        if i >= len(fixed):  # random tampers: one mode each, in turn
            modes = [modes[i % len(modes)]]
        for label, kwargs in modes:
            tally.cases += 1
            target = copy_of_demo
            if kwargs["mode"] == "new-database":
                target = pg.dsn_for(f"tampered_{os.getpid()}_{i}")
            safety_root = None if kwargs.get("verify_data") is False else open_store(safety)
            where = f"{name}, {label}"
            try:
                restore(str(folder), target, safety_root=safety_root, **kwargs)
            except AirvaultError as e:
                if any(w in str(e) for w in (*what, "failed verification")):
                    tally.outcomes["refused"] += 1
                else:
                    tally.fail(f"{where}: refused, but not naming {what!r}: {e}")
            except Exception as e:  # noqa: BLE001
                tally.fail(f"{where}: {type(e).__name__}: {str(e)[:300]}")
            else:
                tally.fail(f"{where}: restored")
            if safety.exists() and _files(safety):
                tally.fail(f"{where}: a safety backup was written: {sorted(_files(safety))[:3]}")
                shutil.rmtree(safety)
            if target != copy_of_demo:
                db = conninfo_to_dict(target)["dbname"]
                with psycopg.connect(make_conninfo(target, dbname="postgres")) as conn:
                    left = conn.execute(
                        "SELECT datname FROM pg_database WHERE datname = %s OR datname LIKE "
                        "'airvault\\_restoring\\_%%'",
                        (db,),
                    ).fetchall()
                if left:
                    tally.fail(f"{where}: left databases {left}")
        if table_checksums(copy_of_demo) != before:
            tally.data_lost += 1
            tally.fail(f"{name}: the target database changed")
        shutil.rmtree(folder.parent)
    tally.report(
        record,
        "tampered manifests",
        f"{len(fixed)} tampers x {len(RESTORE_MODES)} restore modes + verify, "
        f"{len(randoms)} random ones: {tally.detail()}",
    )


@pytest.mark.parametrize(
    ("name", "refusal"),
    [("ünï😀", None), ('x"; DROP TABLE canary; --', None), ("a" * 200, "at most 63"),
     ("nul\x00byte", "NUL")],
)  # fmt: skip
def test_config_refuses_or_keeps_hostile_names_literal(tmp_path, name, refusal):
    """load_config: a name PostgreSQL cannot have (over 63 characters, a NUL) is refused
    naming its key; others load as they are (checked against the catalog where used)."""
    from airvault.config import load_config

    data = yaml.safe_load((ROOT / "airvault.yaml").read_text())
    data["modules"]["crm"] = {"tables": [name], "user_columns": [name]}
    path = tmp_path / "airvault.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    if refusal:
        with pytest.raises(ConfigError, match=rf"modules\.crm\.tables\.0: .*{refusal}"):
            load_config(path)
    else:
        assert load_config(path).modules["crm"].tables == [name]


# ============================================================ 4. look-alikes of `..` in paths

# what reads as `..` (or `.`) to a layer that decodes: percent-encoded (once, twice, any
# case), NFKC look-alikes (two-dot leader, one-dot leaders, fullwidth and small full stops,
# a fullwidth percent), mixed, and `..` hidden between encoded or back slashes
DOT_LOOKALIKES = ["%2e%2e", "%2E%2E", "%2e%2E", ".%2e", "%2e.", "%252e%252e", "%25252e%25252e",
                  "\u2025", "\u2024\u2024", "\uff0e\uff0e", "\ufe52\ufe52", ".\uff0e", "\u2024.",
                  "\uff05\uff12\uff45\uff05\uff12\uff45", "%ef%bc%8e%ef%bc%8e", "%e2%80%a5",
                  "%2e", "\uff0e", "a%2f..%2fb", "a%2F%2e%2e%2Fb", "..\\x", "x\\..", "%5c..%5c"]  # fmt: skip


def test_lookalikes_of_dotdot_are_refused_in_every_position(tmp_path, record):
    """storage.confine (the page's, the operators' and the DAGs' check of a location): a
    look-alike of `..` or `.` in any segment of a backup, archive or upload path, relative or
    as a file:// URL, is refused naming it; the real folders beside them are still taken."""
    from airvault.storage.confine import NotInStorage, confine

    kinds = ("backup", "archive", "upload")

    root = open_store(tmp_path / "storage")
    real = ["backups", "full", "all", "2026-12-05T000000Z-0123abcd"]
    shapes = {"backup": real, "archive": ["archives", real[3]], "upload": ["uploads", real[3]]}
    tally = Tally()
    for kind, parts in shapes.items():
        assert confine(root, "/".join(parts), kinds, "url") == "/".join(parts)  # the control
        for form in DOT_LOOKALIKES:
            for at in range(len(parts)):
                rel = "/".join([*parts[:at], form, *parts[at + 1 :]])
                for given in (rel, f"{root.url}/{rel}"):
                    tally.cases += 1
                    try:
                        confine(root, given, kinds, "url")
                        tally.fail(f"{given!r} accepted")
                    except NotInStorage as e:
                        if "look-alike of '..'" not in str(e):
                            tally.fail(f"{given!r}: refused for another reason: {e}")
                        else:
                            tally.outcomes[f"refused ({kind})"] += 1
    tally.report(record, "look-alikes of '..' in backup paths",
                 f"{len(DOT_LOOKALIKES)} forms (percent-encoded, NFKC, slashes) x every segment "
                 f"of a backup, archive and upload path, relative and file://: {tally.detail()}")  # fmt: skip


# =================================================================== 5. unreadable CSV files

LONG = 200_000  # characters: over the csv module's field limit (131,072)


def _unreadable_csvs() -> list[tuple[str, bytes, str]]:
    """(label, file, what the error must say): long fields where the page's preview reads
    them, bytes the encoding cannot have."""
    long = b"x" * LONG
    return [
        ("a long header", b"id," + long + b"\n1,2\n", "line 1, column 2"),
        ("a long first field", b"id,first_name\n" + long + b",Ada\n", "line 2, column 1 ('id')"),
        ("a long quoted field", b'id,first_name\n1,"' + long + b'"\n', "line 2, column 2"),
        ("a long field with quoted newlines", b'id,first_name\n1,"a\n' + long + b'"\n',
         "line 2, column 2"),
        ("a long field after quoted separators", b'id,first_name,last_name\n1,"a,b",' + long
         + b"\n", "line 2, column 3 ('last_name')"),
        ("a long field, ; separated", b"id;first_name\n1;" + long + b"\n",
         "line 2, column 2 ('first_name')"),
        ("a long field on line 4", b"id,first_name\n1,a\n2,b\n3," + long + b"\n",
         "line 4, column 2"),
        ("Latin-1 bytes, undeclared", b"id,first_name\n1,Andr\xe9\n", "not UTF-8 (near line"),
    ]  # fmt: skip


def test_unreadable_csv_files_are_refused_naming_line_and_column(copy_of_demo, tmp_path, record):
    """The page's preview of an uploaded CSV refuses each with an AirvaultError naming the
    line and column (the page's 400); an import of the same file (a dry run) refuses it the
    same way, or takes the field as PostgreSQL's COPY does; nothing is written either way."""
    from airvault.exchange.imports import ImportSpec, preview, run_import

    store = open_store(tmp_path)
    before = table_checksums(copy_of_demo)
    tally = Tally()
    for n, (label, data, why) in enumerate(_unreadable_csvs()):
        rel = f"in/{n}.csv"
        store.write_bytes_atomic(rel, data)
        for route in ("preview", "import"):
            tally.cases += 1
            try:
                if route == "preview":
                    preview(store, rel)
                else:
                    spec = ImportSpec("contacts", mode="update-only", dry_run=True)
                    run_import(copy_of_demo, store, rel, spec)
                if route == "preview":
                    tally.fail(f"{label}: accepted by the preview")
                else:
                    tally.outcomes["validated as COPY reads it (import)"] += 1
            except AirvaultError as e:
                if not str(e).startswith(f"{rel}: ") or why not in str(e):
                    tally.fail(f"{label} ({route}): the error does not say {why!r}: {e}")
                else:
                    tally.outcomes[f"refused ({route})"] += 1
            except Exception as e:  # noqa: BLE001
                tally.fail(f"{label} ({route}): unclean {type(e).__name__}: {str(e)[:200]}")
    if table_checksums(copy_of_demo) != before:
        tally.data_lost += 1
        tally.fail("the database changed")
    tally.report(record, "unreadable CSV files (long fields, wrong encoding)",
                 f"{len(_unreadable_csvs())} files x (upload preview, import dry run): "
                 f"{tally.detail()}")  # fmt: skip
