"""Security: the secrets a deployment hands airvault (the database password, the S3 secret
key, the encryption key) appear in nothing it leaves behind; signed links stop working when
they expire; an encrypted backup says nothing without its key.

The first test makes a full run with distinctive secrets (the Airflow DAGs through
`dag.test()` and the `airvault` CLI in subprocesses, successes and failures alike), then
greps every artifact for every secret in its usual encodings.
"""

from __future__ import annotations

import base64
import gzip
import io
import json
import logging
import os
import re
import secrets
import subprocess
import sys
import time
import traceback
import urllib.error
import urllib.request
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, quote, quote_plus, urlsplit

import psycopg
import pytest
import yaml
import zstandard
from psycopg import sql

from airvault.restore.run import restore
from airvault.storage.crypto import WrongKeyError, parse_key
from airvault.storage.store import open_store
from tests.airflow.test_dags import load_dags
from tests.airflow_env import write_config
from tests.dbutil import backup, first_org, table_checksums
from tests.reliability.conftest import FULL, trials
from tests.s3_proxy import S3Proxy

AIRVAULT = str(Path(sys.executable).parent / "airvault")
ROLE = "airvault_sec"  # a password-authenticated (scram) role, made for these tests
BUCKET = "airvault-test"


@dataclass(frozen=True)
class Secrets:
    """Distinctive secrets: each has a random core no artifact could hold by chance."""

    pg_password: str  # '%' and '!' make its URL-encoded form differ from the plain one
    wrong_password: str  # a mistyped password is a secret too (this one has a space)
    s3_access_key: str  # not a secret (it is in every signed link), but distinctive
    s3_secret_key: str  # '/' and '+' as real AWS secret keys have
    encryption_key: str  # a passphrase (scrypt-stretched) as $AIRVAULT_ENCRYPTION_KEY
    wrong_key: str

    @classmethod
    def new(cls) -> Secrets:
        h = lambda: secrets.token_hex(12)  # noqa: E731
        return cls(
            pg_password=f"Pw-{h()}%!",
            wrong_password=f"Wrong {h()}%!",
            s3_access_key="AKIA" + secrets.token_hex(8).upper(),
            s3_secret_key=f"Sk/{h()}+q",
            encryption_key=f"enc-{h()}",
            wrong_key=f"enc-wrong-{h()}",
        )

    def named(self) -> dict[str, str]:
        return {
            "pg password": self.pg_password,
            "wrong pg password": self.wrong_password,
            "S3 secret key": self.s3_secret_key,
            "encryption key": self.encryption_key,
            "wrong encryption key": self.wrong_key,
        }


def needles(sec: Secrets) -> list[tuple[str, bytes, bool]]:
    """(secret name, bytes to look for, case-insensitive?) for every secret in every usual
    encoding: plain, URL-encoded, base64; its random core (caught in any text encoding that
    keeps letters and digits: JSON, conninfo quoting, shell quoting); and for the encryption
    keys the 32 key bytes they stretch to, raw, hex and base64."""
    out = []
    for name, text in sec.named().items():
        raw = text.encode()
        core = re.search(r"[0-9a-f]{24}", text).group()
        forms = {raw, quote(text, safe="").encode(), quote_plus(text).encode()}
        forms |= {base64.b64encode(raw).rstrip(b"="), base64.urlsafe_b64encode(raw).rstrip(b"=")}
        out += [(name, f, False) for f in forms]
        out.append((name, core.encode(), True))
    for name, text in (("encryption key", sec.encryption_key), ("wrong encryption key", sec.wrong_key)):  # fmt: skip
        secret = parse_key(text).secret
        out += [(f"{name} (32 bytes)", secret, False), (f"{name} (32 bytes)", secret.hex().encode(), True)]  # fmt: skip
        out.append((f"{name} (32 bytes)", base64.b64encode(secret).rstrip(b"="), False))
    return out


@dataclass
class Scan:
    """Artifacts looked at, by kind, and the ones holding a secret."""

    needles: list[tuple[str, bytes, bool]]
    counts: dict[str, int] = field(default_factory=dict)
    leaks: list[str] = field(default_factory=list)

    def found(self, blob: bytes) -> set[str]:
        low = blob.lower()
        return {name for name, n, nocase in self.needles if n in (low if nocase else blob)}

    def check(self, kind: str, where: str, blob: bytes | str) -> None:
        if isinstance(blob, str):
            blob = blob.encode("utf-8", "surrogateescape")
        self.counts[kind] = self.counts.get(kind, 0) + 1
        hit = self.found(blob)
        if hit:
            self.leaks.append(f"{kind} {where}: {', '.join(sorted(hit))}")

    def lines(self, kind: str, where: str, text: str) -> None:
        for n, line in enumerate(text.splitlines()):
            self.check(kind, f"{where}:{n + 1}", line)

    def files(self, root: Path, kind: str = "file") -> None:
        for p in sorted(root.rglob("*")):
            if p.is_file():
                self.check(kind, str(p), p.read_bytes())

    @property
    def total(self) -> int:
        return sum(self.counts.values())


# ---------------------------------------------------------------- the role and the connections


@pytest.fixture(scope="module")
def sec(pg):
    """The secrets, with a SUPERUSER role `airvault_sec` that logs in with scram-sha-256 over
    TCP (one pg_hba.conf line ahead of the embedded server's `trust`), so a wrong password is
    refused and the right one is really needed."""
    s = Secrets.new()
    with psycopg.connect(pg.dsn, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (ROLE,)).fetchone()
        conn.execute(
            sql.SQL("{} ROLE {} LOGIN SUPERUSER PASSWORD {}").format(
                sql.SQL("ALTER" if exists else "CREATE"),
                sql.Identifier(ROLE),
                sql.Literal(s.pg_password),
            )
        )
        hba = Path(conn.execute("SHOW hba_file").fetchone()[0])
        original = hba.read_text()
        hba.write_text(f"host all {ROLE} 127.0.0.1/32 scram-sha-256\n{original}")
        conn.execute("SELECT pg_reload_conf()")
    deadline = time.monotonic() + 10
    while True:  # the reload is asynchronous: wait until a wrong password is refused
        try:
            psycopg.connect(role_dsn(pg, "postgres", s.wrong_password), connect_timeout=3).close()
        except psycopg.OperationalError as e:
            assert "password authentication failed" in str(e)
            break
        assert time.monotonic() < deadline, "pg_hba.conf reload did not take effect"
        time.sleep(0.1)
    psycopg.connect(role_dsn(pg, "postgres", s.pg_password)).close()
    yield s
    hba.write_text(original)
    with psycopg.connect(pg.dsn, autocommit=True) as conn:
        conn.execute("SELECT pg_reload_conf()")


def role_dsn(pg, database: str, password: str, port: int | None = None) -> str:
    """A URL DSN of the role, the password URL-encoded as it must be."""
    return f"postgresql://{ROLE}:{quote(password, safe='')}@127.0.0.1:{port or pg.port}/{database}"


def _db(dsn: str) -> str:
    return dsn.rsplit("/", 1)[1]


def set_pg_connection(conn_id: str, pg, database: str, password: str) -> None:
    os.environ[f"AIRFLOW_CONN_{conn_id.upper()}"] = json.dumps(
        {"conn_type": "postgres", "host": "127.0.0.1", "port": pg.port, "login": ROLE,
         "password": password, "schema": database}
    )  # fmt: skip


def set_s3_connection(conn_id: str, endpoint: str, sec: Secrets) -> None:
    os.environ[f"AIRFLOW_CONN_{conn_id.upper()}"] = json.dumps(
        {"conn_type": "aws", "login": sec.s3_access_key, "password": sec.s3_secret_key,
         "extra": {"endpoint_url": endpoint, "region_name": "us-east-1"}}
    )  # fmt: skip


def set_key_connection(key_text: str) -> None:
    os.environ["AIRFLOW_CONN_AIRVAULT_ENCRYPTION"] = json.dumps(
        {"conn_type": "generic", "password": key_text}
    )


def _config(path: Path, root: str, storage_conn: str | None = None) -> Path:
    """The shipped config with encryption on and no retries (a failure fails the run now)."""
    write_config(path, root, storage_conn)
    data = yaml.safe_load(path.read_text())
    data["encryption"] = {"enabled": True, "key_connection": "airvault_encryption"}
    data["backup"]["retries"] = 0
    path.write_text(yaml.safe_dump(data))
    return path


@pytest.fixture(autouse=True)
def _restore_env(restored_env):
    """Every test here sets connections in os.environ: each starts from the same one."""


def _s3(endpoint: str):
    import boto3

    return boto3.client(
        "s3", endpoint_url=endpoint, region_name="us-east-1",
        aws_access_key_id="testing", aws_secret_access_key="testing",
    )  # fmt: skip


# ---------------------------------------------------------------- 1. secrets in artifacts


def test_secrets_never_appear_in_any_artifact(
    airflow_db, pg, sec, demo_dsn, copy_of_demo, s3_endpoint, tmp_path, caplog, capfd, record
):
    """A full run with distinctive secrets, then every artifact grepped for them: storage
    files and S3 objects (backups, manifests, reports, safety backups), task output and the
    Airflow log folder, XComs, the Airflow metadata DB, CLI stdout/stderr, exceptions, and
    every log record at DEBUG."""
    from airflow.configuration import conf as airflow_conf

    caplog.set_level(logging.DEBUG)
    started = time.monotonic()
    scan = Scan(needles(sec))
    # The scanner finds each secret in the forms a leak would take (or the test proves nothing).
    assert scan.found(role_dsn(pg, "x", sec.pg_password).encode()) == {"pg password"}
    assert scan.found(base64.b64encode(sec.s3_secret_key.encode())) == {"S3 secret key"}
    assert scan.found(json.dumps({"password": sec.encryption_key}).encode()) == {"encryption key"}
    assert scan.found(parse_key(sec.encryption_key).secret.hex().upper().encode())

    prefix = f"secrets-{secrets.token_hex(4)}"
    local = tmp_path / "storage"
    local.mkdir()
    # Its own S3 connection id: Airflow caches a store per id, and another test's store for
    # `airvault_s3` would sign with its credentials instead of this test's secret key.
    s3_root = f"s3://{BUCKET}/{prefix}/dags"
    s3_config = _config(tmp_path / "s3.yaml", s3_root, "airvault_s3_secrets")
    local_config = _config(tmp_path / "local.yaml", f"file://{local}")
    s3_dags, local_dags = load_dags(s3_config), load_dags(local_config)
    set_s3_connection("airvault_s3_secrets", s3_endpoint, sec)
    set_key_connection(sec.encryption_key)
    returned: list[tuple[str, object]] = []  # every task's XCom
    states: dict[str, str] = {}

    def dag_run(label: str, dag, **kwargs) -> object:
        run = dag.test(**kwargs)
        states[label] = run.state
        for ti in run.get_task_instances():
            returned.append((f"xcom {label}.{ti.task_id}", ti.xcom_pull(task_ids=ti.task_id)))
        out = capfd.readouterr()
        scan.lines("dag.test output line", label, out.out + out.err)
        return run

    # -- the DAGs, reading the demo database as the scram role
    set_pg_connection("airvault_app_db", pg, _db(demo_dsn), sec.pg_password)
    dag_run("full backup to S3", s3_dags["full_backup_daily"])
    local_run = dag_run("full backup to a folder", local_dags["full_backup_daily"])
    local_backup = local_run.get_task_instance("backup").xcom_pull(task_ids="backup")["url"]
    dag_run("pg_dump archive to S3", s3_dags["pg_dump_archive"])
    with psycopg.connect(demo_dsn) as conn:
        tenant = conn.execute(
            "SELECT organization_id::text FROM leads GROUP BY 1 ORDER BY 1 LIMIT 1"
        ).fetchone()[0]
    dag_run("export to S3", s3_dags["export"],
            run_conf={"dataset": "leads", "tenant": tenant, "short_ids": True})  # fmt: skip

    # -- import and restore into a copy of the demo
    set_pg_connection("airvault_app_db", pg, _db(copy_of_demo), sec.pg_password)
    org = first_org(copy_of_demo)
    incoming = local / "imports" / "incoming"
    incoming.mkdir(parents=True)
    (incoming / "p.csv").write_text("id,organization_id,sku,name,price,stock\n"
                                    f"dddddddd-0000-0000-0000-000000000001,{org},SEC-1,S,1.00,1\n")  # fmt: skip
    dag_run("import", local_dags["import"],
            run_conf={"file": "imports/incoming/p.csv", "table": "products"})  # fmt: skip
    conf = {"backup_url": local_backup, "mode": "replace", "tables": "products", "module": ""}
    dag_run("restore (dry run)", local_dags["restore"], run_conf={**conf, "dry_run": True})
    dag_run("restore", local_dags["restore"],
            run_conf={**conf, "dry_run": False, "confirm": "RESTORE"})  # fmt: skip

    # -- failures: the wrong password, then the wrong key
    set_pg_connection("airvault_app_db", pg, _db(demo_dsn), sec.wrong_password)
    dag_run("backup, wrong password", local_dags["full_backup_daily"])
    set_pg_connection("airvault_app_db", pg, _db(copy_of_demo), sec.pg_password)
    set_key_connection(sec.wrong_key)
    dag_run("restore, wrong key", local_dags["restore"], run_conf={**conf, "dry_run": True})
    assert states == {
        "full backup to S3": "success", "full backup to a folder": "success",
        "pg_dump archive to S3": "success", "export to S3": "success", "import": "success",
        "restore (dry run)": "success", "restore": "success",
        "backup, wrong password": "failed", "restore, wrong key": "failed",
    }  # fmt: skip
    dag_s = time.monotonic() - started

    # -- the CLI, as an operator would run it with Airflow down
    env = {**os.environ, "AWS_ACCESS_KEY_ID": sec.s3_access_key,
           "AWS_SECRET_ACCESS_KEY": sec.s3_secret_key, "AWS_ENDPOINT_URL": s3_endpoint,
           "AIRVAULT_ENCRYPTION_KEY": sec.encryption_key}  # fmt: skip
    env = {k: v for k, v in env.items() if not k.startswith("AIRFLOW_CONN_")}
    cli_outputs: list[tuple[str, subprocess.CompletedProcess]] = []

    def cli(label: str, *args: str, expect: int = 0, **extra_env: str | None):
        e = {k: v for k, v in {**env, **extra_env}.items() if v is not None}
        out = subprocess.run([AIRVAULT, "-v", *args], capture_output=True, text=True, env=e,
                             cwd=tmp_path, timeout=300)  # fmt: skip
        cli_outputs.append((label, out))
        assert out.returncode == expect, (label, out.returncode, out.stdout, out.stderr)
        return out

    demo, copy = (role_dsn(pg, _db(d), sec.pg_password) for d in (demo_dsn, copy_of_demo))
    cli_root = f"s3://{BUCKET}/{prefix}/cli"
    made = cli("backup to S3", "backup", "--dsn", demo, "--to", cli_root, "--encrypt")
    url = made.stdout.strip().splitlines()[-1]
    safety = ["--tables", "products", "--safety-to", str(tmp_path / "cli-safety")]
    works = {  # name: (arguments, environment); all need the password, the S3 key, the key
        "verify": (["verify", url], {}),
        "restore": (["restore", "--from", url, "--dsn", copy, *safety, "--yes"], {}),
    }

    def archive_and_link() -> None:
        archived = cli("archive", "archive", "--dsn", demo, "--to", cli_root, "--encrypt")
        cli("link", "link", archived.stdout.strip().splitlines()[-1], "--expires", "15m")

    if FULL:
        works |= {
            "list": (["list", cli_root], {}),
            "restore --dry-run": (["restore", "--from", url, "--dsn", copy, *safety, "--dry-run"], {}),
        }  # fmt: skip
    # The failures, each of which must say what is wrong (and nothing secret). They read the
    # local encrypted backup of the DAG run and write to a folder: no S3 client to start.
    to_local = ["--to", str(tmp_path / "cli-local")]
    from_local = ["restore", "--from", local_backup, "--dsn", copy, *safety, "--yes"]
    conninfo = f"host=127.0.0.1 port={pg.port} user={ROLE} dbname={_db(demo_dsn)} password="
    unencoded = f"postgresql://{ROLE}:{sec.pg_password}@127.0.0.1:{pg.port}/{_db(demo_dsn)}"
    wrong, no = {"AIRVAULT_ENCRYPTION_KEY": sec.wrong_key}, {"AIRVAULT_ENCRYPTION_KEY": None}
    cases = {  # name: (arguments, environment)
        "wrong password": (["backup", "--dsn", role_dsn(pg, _db(demo_dsn), sec.wrong_password), *to_local], {}),
        "unreachable host": (["backup", "--dsn", role_dsn(pg, _db(demo_dsn), sec.pg_password, port=1), *to_local], {}),
        # pasted into a URL without URL-encoding: libpq quotes the token it cannot read back
        "unencoded password": (["backup", "--dsn", unencoded, *to_local], {}),
        # a password with a space, unquoted: libpq quotes its second word
        "unquoted password": (["backup", "--dsn", f"{conninfo}{sec.wrong_password} connect_timeout=5", *to_local], {}),
        "wrong key": (["verify", local_backup], wrong),
        "no key": (from_local, no),
    }  # fmt: skip
    if FULL:
        cases |= {
            "key=value DSN, wrong password": (["backup", "--dsn", f"{conninfo}'{sec.wrong_password}'", *to_local], {}),
            "unencoded password in $AIRVAULT_DSN": (["backup", *to_local], {"AIRVAULT_DSN": unencoded}),
            "wrong key, restore": (from_local, wrong),
        }  # fmt: skip
    with ThreadPoolExecutor(2) as pool:  # independent of each other: two at a time
        done = [pool.submit(cli, name, *args, **env_) for name, (args, env_) in works.items()]
        done += [pool.submit(archive_and_link)] if FULL else []
        futures = {name: pool.submit(cli, name, *args, expect=2, **env_)
                   for name, (args, env_) in cases.items()}  # fmt: skip
        errors = {name: f.result().stderr for name, f in futures.items()}
        for f in done:
            f.result()
    assert "password authentication failed" in errors["wrong password"]
    assert "cannot connect" in errors["unreachable host"]
    assert "invalid percent-encoded token" in errors["unencoded password"]
    assert 'missing "=" after' in errors["unquoted password"]
    assert "wrong encryption key" in errors["wrong key"]
    assert "this backup is encrypted" in errors["no key"]
    for label, out in cli_outputs:
        scan.check("CLI output", label, f"{out.stdout}\n{out.stderr}")

    # -- the library's own exceptions (what a caller or a task log would show)
    from airvault.verify import verify_backup

    attempts = [
        lambda: backup(role_dsn(pg, _db(demo_dsn), sec.wrong_password), tmp_path / "x"),
        lambda: backup(role_dsn(pg, _db(demo_dsn), sec.pg_password, port=1), tmp_path / "x"),
        lambda: verify_backup(open_store(local_backup)),
        lambda: restore(local_backup, role_dsn(pg, _db(copy_of_demo), sec.pg_password)),
    ]
    os.environ["AIRVAULT_ENCRYPTION_KEY"] = sec.wrong_key
    for n, attempt in enumerate(attempts):
        with pytest.raises(Exception) as raised:  # any error; its text is checked
            attempt()
        text = "".join(traceback.format_exception(raised.value))
        scan.check("exception", f"#{n}", f"{raised.value!r}\n{text}")
    del os.environ["AIRVAULT_ENCRYPTION_KEY"]

    # -- every artifact: returned values, files, objects, logs
    for where, value in returned:
        scan.check("returned value", where, json.dumps(value, default=str))
    scan.files(tmp_path)  # storage root, reports, manifests, safety backups, configs
    s3 = _s3(s3_endpoint)
    pages = s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET, Prefix=prefix)
    keys = [o["Key"] for page in pages for o in page.get("Contents", [])]
    for key in keys:
        scan.check("S3 object", key, s3.get_object(Bucket=BUCKET, Key=key)["Body"].read())
    assert scan.counts["S3 object"] > 20, "\n".join(keys)
    log_folder = Path(airflow_conf.get("logging", "base_log_folder"))
    scan.counts["Airflow log file"] = 0  # dag.test() prints task logs (scanned above)
    if log_folder.exists():
        scan.files(log_folder, "Airflow log file")
    db_url = airflow_conf.get("database", "sql_alchemy_conn")
    if db_url.startswith("sqlite:///"):  # XComs, run confs, rendered fields, its journal
        metadata = Path(db_url.removeprefix("sqlite:///"))
        for p in metadata.parent.glob(metadata.name + "*"):
            scan.check("Airflow metadata DB", p.name, p.read_bytes())
    out = capfd.readouterr()
    scan.lines("captured output line", "test", out.out + out.err)
    for n, rec in enumerate(caplog.records):
        text = rec.getMessage() + (f"\n{rec.exc_text}" if rec.exc_text else "")
        if rec.exc_info and not rec.exc_text:
            text += "".join(traceback.format_exception(*rec.exc_info))
        scan.check("log record", f"{rec.name}#{n}", text)

    c = scan.counts
    files = sum(
        c.get(k, 0) for k in ("file", "S3 object", "Airflow log file", "Airflow metadata DB")
    )
    lines = sum(c.get(k, 0) for k in ("dag.test output line", "captured output line", "log record"))
    detail = (
        f"{files} files/objects, {lines} log lines, {c['CLI output']} CLI outputs, "
        f"{c['returned value'] + c['exception']} XComs/exceptions scanned"
    )
    print(f"secrets scan: {c}; DAG runs {dag_s:.0f} s, all {time.monotonic() - started:.0f} s")
    record("secrets in artifacts", scan.total, len(scan.leaks), 0, detail=detail)
    assert scan.leaks == [], "\n".join(scan.leaks[:30])


# ---------------------------------------------------------------- 2. signed links expire


def _deadline(link: str) -> float:
    """When a presigned SigV4 link stops working (epoch seconds)."""
    from datetime import UTC, datetime

    q = parse_qs(urlsplit(link).query)
    signed = datetime.strptime(q["X-Amz-Date"][0], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    return signed.timestamp() + int(q["X-Amz-Expires"][0])


def _fetch(link: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(link, timeout=30) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def test_signed_links_work_until_they_expire_then_are_refused(
    s3_endpoint, sec, tmp_path, record, monkeypatch
):
    """Links from every signer: `airvault link` (a backup folder: one link per file, and a
    single object), the core's Store and the Airflow connection's store (what the DAGs'
    archive and export links use). Each must serve its object before it expires and be
    refused (403) after."""
    from airvault.airflow.hook import AirvaultHook
    from airvault.config import Config

    proxy = S3Proxy(s3_endpoint)
    prefix = f"links-{secrets.token_hex(4)}/backup"
    s3 = _s3(s3_endpoint)
    objects = {f"data/t{i}.copy.zst": os.urandom(1000 + i) for i in range(5)}
    objects["manifest.json"] = b'{"id": "links"}'
    for rel, body in objects.items():
        s3.put_object(Bucket=BUCKET, Key=f"{prefix}/{rel}", Body=body)
    folder = f"s3://{BUCKET}/{prefix}"
    env = {**os.environ, "AWS_ENDPOINT_URL": proxy.url}
    monkeypatch.setenv("AWS_ENDPOINT_URL", proxy.url)
    # its own connection id: Airflow caches a store per id (another test's skips the proxy)
    set_s3_connection("airvault_s3_links", proxy.url, sec)
    rounds = trials(full=3, short=1)
    tried = failures = 0
    kinds: dict[str, int] = {}
    problems: list[str] = []
    airflow = AirvaultHook(config=Config(), storage_conn_id="airvault_s3_links").storage_for(folder)
    core = open_store(folder)

    def cli_links(target: str, expires: str) -> list[tuple[str, bytes]]:
        out = subprocess.run([AIRVAULT, "link", target, "--expires", expires], env=env,
                             capture_output=True, text=True, check=True)  # fmt: skip
        if target == folder:
            return [(link, objects[rel]) for rel, link in (x.split("\t") for x in out.stdout.splitlines())]  # fmt: skip
        return [(out.stdout.strip(), objects[target.removeprefix(folder + "/")])]

    signers = {
        "airvault link (folder, 4 s)": lambda: cli_links(folder, "4s"),
        "airvault link (object, 3 s)": lambda: cli_links(f"{folder}/data/t0.copy.zst", "3s"),
        "Store.signed_url (2 s)": lambda: [(core.signed_url(r, 2), b) for r, b in objects.items()],
        "Airflow connection (2 s)": lambda: [(airflow.signed_url(r, 2), b) for r, b in objects.items()],
    }  # fmt: skip
    try:
        for _ in range(rounds):
            links: list[tuple[str, str, bytes, tuple[int, bytes]]] = []
            for signer, sign in signers.items():  # each link is fetched as soon as it is made
                made = sign()
                with ThreadPoolExecutor(8) as pool:
                    before = list(pool.map(_fetch, [link for link, _ in made]))
                links += [(signer, link, body, b) for (link, body), b in zip(made, before, strict=True)]  # fmt: skip
            time.sleep(
                max(0.0, max(_deadline(link) for _, link, _, _ in links) - time.time()) + 1.2
            )
            with ThreadPoolExecutor(8) as pool:
                after = list(pool.map(_fetch, [link for _, link, _, _ in links]))
            for (signer, _, body, (code0, got)), (code1, refusal) in zip(links, after, strict=True):  # fmt: skip
                tried += 1
                kinds[signer] = kinds.get(signer, 0) + 1
                ok = code0 == 200 and got == body and code1 == 403 and b"expired" in refusal
                if not ok:
                    failures += 1
                    problems.append(f"{signer}: {code0} before ({got[:80]!r}), {code1} after")
            assert all(link.startswith(proxy.url + "/") for _, link, _, _ in links)
            # SigV4 everywhere, the DAGs' links too (AWS refuses SigV2 on newer buckets)
            assert all("X-Amz-Algorithm=AWS4-HMAC-SHA256" in link for _, link, _, _ in links)
            assert not Scan(needles(sec)).found("\n".join(x[1] for x in links).encode())
    finally:
        proxy.close()
    detail = ", ".join(f"{n} {k}" for k, n in kinds.items())
    record("signed links expire (2-4 s links, before/after)", tried, failures, 0,
           detail=f"{detail}; {proxy.counts['expired']} refused as expired")  # fmt: skip
    assert failures == 0, problems


# ---------------------------------------------------------------- 3. encrypted = unreadable


def _decompressed(blob: bytes) -> list[bytes]:
    """`blob` as it is and whatever zstd, gzip or zlib make of it."""
    out = [blob]
    attempts = (
        lambda b: (
            zstandard.ZstdDecompressor()
            .stream_reader(io.BytesIO(b), read_across_frames=True)
            .read()
        ),
        gzip.decompress,
        lambda b: zlib.decompress(b, wbits=47),  # zlib or gzip header, auto-detected
    )
    for attempt in attempts:
        try:
            out.append(attempt(blob))
        except Exception:  # noqa: BLE001 - not compressed data: expected for ciphertext
            continue
    return out


def test_encrypted_backups_are_unreadable_without_the_key(pg, tmp_path, record, monkeypatch):
    """Random strings planted in a table never appear in an encrypted backup's files (raw or
    decompressed), while an unencrypted backup of the same rows does show them (so the search
    works); a restore without the key or with a wrong one fails with a clear error before
    writing anything; the right key restores the planted rows."""
    from airvault.backup.run import BackupOptions, run_backup
    from airvault.storage.crypto import new_key_text

    n = trials(full=20, short=3)
    tag = f"{os.getpid()}_{secrets.token_hex(3)}"
    source = pg.create_database(f"sec_plant_{tag}")
    target = pg.create_database(f"sec_target_{tag}")  # a database restores must not touch
    ddl = "CREATE TABLE planted (id int PRIMARY KEY, words text NOT NULL, raw bytea NOT NULL)"
    for dsn in (source, target):
        with psycopg.connect(dsn) as conn:
            conn.execute(ddl)
    with psycopg.connect(target) as conn:
        conn.execute("INSERT INTO planted VALUES (1, 'untouched', '\\x00')")
    before = table_checksums(target)
    failures = lost = files = refused = 0
    problems: list[str] = []
    monkeypatch.delenv("AIRVAULT_ENCRYPTION_KEY", raising=False)
    for trial in range(n):
        words, raw = secrets.token_urlsafe(24), os.urandom(24)
        shown = [words.encode(), raw.hex().encode()]  # what COPY text holds (bytea: \x<hex>)
        plain = [*shown, raw]
        with psycopg.connect(source) as conn:
            conn.execute("TRUNCATE planted")
            conn.execute(
                "INSERT INTO planted SELECT g, md5(g::text), '\\x' FROM generate_series(2, 200) g"
            )
            conn.execute("INSERT INTO planted VALUES (1, %s, %s)", (words, raw))
        key_text = new_key_text() if trial % 2 else f"passphrase {secrets.token_hex(8)}"
        compression = ("zstd", "gzip")[trial % 2]
        opts = dict(compression=compression, label=f"trial {trial}")
        enc = run_backup(source, open_store(tmp_path / f"enc{trial}"),
                         BackupOptions(encryption_key=parse_key(key_text), **opts))  # fmt: skip
        clear = run_backup(source, open_store(tmp_path / f"clear{trial}"), BackupOptions(**opts))
        bad: list[str] = []
        # Control: the search finds the planted rows in the unencrypted backup.
        clear_blobs = [b for f in _files(clear.url) for b in _decompressed(f.read_bytes())]
        if not all(any(p in b for b in clear_blobs) for p in shown):
            bad.append("control: planted rows not found in the unencrypted backup")
        for f in _files(enc.url):
            files += 1
            blobs = _decompressed(f.read_bytes())
            if any(p in b for b in blobs for p in [*plain, key_text.encode()]):
                bad.append(f"plaintext or key in {f.name}")
        # Without the key, then with the wrong one: refused, and nothing written anywhere.
        for key, expected in ((None, "this backup is encrypted"), (new_key_text(), "wrong encryption key")):  # fmt: skip
            if key:
                monkeypatch.setenv("AIRVAULT_ENCRYPTION_KEY", key)
            new_db = pg.dsn_for(f"sec_new_{tag}_{trial}")
            safety = open_store(tmp_path / f"safety{trial}")
            for dsn, mode in ((new_db, "new-database"), (target, "replace")):
                try:
                    restore(enc.url, dsn, mode=mode, safety_root=safety)
                    bad.append(f"{mode} restore with key {key!r} succeeded")
                except WrongKeyError as e:
                    refused += 1
                    if expected not in str(e) or (key and key in str(e)):
                        bad.append(f"{mode} restore, key {key!r}: unclear error {e}")
            if _exists(pg, _db(new_db)) or (tmp_path / f"safety{trial}").exists():
                bad.append(f"key {key!r}: a database or a safety backup was written")
            if table_checksums(target) != before:
                bad.append(f"key {key!r}: the existing database changed")
            monkeypatch.delenv("AIRVAULT_ENCRYPTION_KEY", raising=False)
        # The right key brings every planted byte back.
        monkeypatch.setenv("AIRVAULT_ENCRYPTION_KEY", key_text)
        back = pg.dsn_for(f"sec_back_{tag}_{trial}")
        restore(enc.url, back, mode="new-database")
        with psycopg.connect(back) as conn:
            row = conn.execute("SELECT words, raw FROM planted WHERE id = 1").fetchone()
        lost += row != (words, raw)
        _drop(pg, _db(back))
        monkeypatch.delenv("AIRVAULT_ENCRYPTION_KEY")
        failures += bool(bad)
        problems += [f"trial {trial}: {b}" for b in bad]
    record("encrypted backups unreadable without the key", n, failures, lost,
           detail=f"{files} files scanned raw/zstd/gzip; {refused} restores without or with a "
           "wrong key refused, nothing written; the right key restored every trial")  # fmt: skip
    assert failures == 0 and lost == 0, problems


def _files(url: str) -> list[Path]:
    return [p for p in Path(url.removeprefix("file://")).rglob("*") if p.is_file()]


def _exists(pg, name: str) -> bool:
    with psycopg.connect(pg.dsn) as conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
    return bool(found)


def _drop(pg, name: str) -> None:
    with psycopg.connect(pg.dsn, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
