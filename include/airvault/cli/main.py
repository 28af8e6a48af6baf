"""The `airvault` command: works with Airflow down (the disaster-recovery path)."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Iterable
from datetime import UTC, datetime

from airvault.errors import AirvaultError

# Nothing heavy at module level: `airvault --help` and the start of every command import only
# the standard library (tests/test_cli_and_config.py checks); each handler imports what it uses.

EXIT_PROBLEMS = 1  # verify or check found problems
EXIT_ERROR = 2  # bad input, unreachable database, ...
EXIT_INTERRUPTED = 130  # Ctrl-C, as a shell reports SIGINT


def _dsn(args: argparse.Namespace) -> str:
    dsn = args.dsn or os.environ.get("AIRVAULT_DSN")
    if not dsn:
        raise AirvaultError("no database given: pass --dsn or set AIRVAULT_DSN")
    return dsn


def _root(args: argparse.Namespace, attr: str = "to") -> str:
    from airvault.config import load_config

    return getattr(args, attr, None) or load_config(args.config).storage_root()


def _resolve_ids(args: argparse.Namespace) -> None:
    """A backup or archive named by the id `airvault list` shows (8 hex digits) is looked up
    under the config's storage root: `airvault restore --from 3fa2c1d9` works as listed."""
    import re
    from pathlib import Path

    for attr in ("backup_url", "source", "a", "b"):
        given = getattr(args, attr, None)
        if (
            isinstance(given, str)
            and re.fullmatch(r"[0-9a-f]{8}", given)
            and not Path(given).exists()
        ):
            setattr(args, attr, _url_of_id(args, given))


def _url_of_id(args: argparse.Namespace, backup_id: str) -> str:
    from airvault.ops.inventory import inventory
    from airvault.storage.store import open_store

    if _config_if_any(args) is None:
        raise AirvaultError(
            f"{backup_id} is taken for a backup id, which is looked up under the config's "
            "storage root, and there is no config (--config, $AIRVAULT_CONFIG or ./airvault.yaml): "
            "give the backup's URL or folder instead"
        )
    root = open_store(_root(args, "url"))
    # (listed from storage: every row has its url)
    found = [r.url for r in inventory(root)[0] if r.id == backup_id and r.url is not None]
    if not found:
        raise AirvaultError(
            f"no backup or archive with id {backup_id} under {root.url} (`airvault list` shows "
            "the ids; or give the backup's URL or folder)"
        )
    return found[0]


def _config_if_any(args: argparse.Namespace):
    """The config, whenever there is one (--config, $AIRVAULT_CONFIG or ./airvault.yaml):
    it applies to every command, also when --to names another storage root."""
    from airvault.config import config_path, load_config

    if args.config or config_path().exists():
        return load_config(args.config)
    return None


def _row_filters(args: argparse.Namespace) -> dict[str, str]:
    """The installation's row filters (the config's backup.row_filters; none without a
    config): the only SQL a filtered backup's restore runs (pg.scope.installed_row_filters)."""
    config = _config_if_any(args)
    return dict(config.backup.row_filters) if config else {}


def cmd_demo_db(args: argparse.Namespace) -> int:
    from airvault.demo.database import create_demo_db

    counts = create_demo_db(_dsn(args), scale=args.scale)
    width = max(map(len, counts))
    for table, n in counts.items():
        print(f"{table:<{width}}  {n:>10,}")
    print(f"{'total':<{width}}  {sum(counts.values()):>10,}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from airvault.config import config_path, load_config
    from airvault.ops.check import check_config
    from airvault.ops.privileges import privilege_warnings

    if args.privileges:  # no config needed: what this login may do, and the GRANTs for the rest
        from airvault.ops.privileges import check_privileges

        found = check_privileges(_dsn(args))
        print(found.report())
        return 0 if found.ok else EXIT_PROBLEMS
    config = load_config(args.config)
    problems = check_config(config, _dsn(args))
    warnings, roles_sql = privilege_warnings(_dsn(args))
    for w in warnings:
        print(f"warning: {w}", file=sys.stderr)
    if roles_sql:
        print(roles_sql, file=sys.stderr)
    for p in problems:
        print(f"error: {p}", file=sys.stderr)
    if not problems:
        print(f"{config_path(args.config)}: OK ({len(config.modules)} modules checked)")
    return EXIT_PROBLEMS if problems else 0


def cmd_backup(args: argparse.Namespace) -> int:
    from airvault.backup.run import run_backup, scoped_options
    from airvault.config import load_config
    from airvault.storage.store import open_store

    config = _config_if_any(args) if args.to else load_config(args.config)
    if args.module and config is None:
        config = load_config(args.config)
    opts = scoped_options(config, kind=args.kind, module=args.module, tenant=args.tenant,
                          filters=args.filter, caps=args.cap)  # fmt: skip
    opts.schemas = args.schema or opts.schemas
    opts.exclude_schemas += args.exclude_schema or []
    opts.exclude += args.exclude or []
    opts.workers = args.workers or opts.workers
    opts.compression = args.compression or opts.compression
    opts.compression_level = args.level or opts.compression_level
    if args.encrypt or (config and config.encryption.enabled):
        opts.encryption_key = _require_key()
    root = args.to or config.storage_root()
    result = run_backup(_dsn(args), open_store(root), opts)
    print(f"{result.manifest.label}: {result.rows:,} rows in {len(result.manifest.tables)} tables")
    for name, module in result.manifest.modules.items():
        print(f"  {name:<20} {module.rows:>12,} rows")
    for d in result.manifest.dangling_references:
        print(
            f"warning: {d.rows:,} rows of {d.table} point ({d.foreign_key}) at "
            f"{d.ref_table} rows this backup does not hold",
            file=sys.stderr,
        )
    for r in result.manifest.outside_references:
        print(
            f"note: {r.table} references {r.ref_table}, outside the schemas backed up: a "
            "restore into an empty database needs it there",
            file=sys.stderr,
        )
    print(result.url)
    return 0


def cmd_archive(args: argparse.Namespace) -> int:
    from airvault.archive.run import ArchiveOptions, archive_options, run_archive
    from airvault.config import load_config
    from airvault.storage.store import open_store

    config = _config_if_any(args) if args.to else load_config(args.config)
    opts = archive_options(config) if config else ArchiveOptions()
    for spec in args.bucket or []:
        name, sep, url = spec.partition("=")
        if not sep or not name or not url:
            raise AirvaultError(f"--bucket {spec!r}: use NAME=URL (a folder or s3://bucket/prefix)")
        opts.buckets[name] = url
    if args.no_auth:
        opts.auth_table = None
    opts.include_secrets = opts.include_secrets or args.include_secrets
    if args.encrypt or (config and config.encryption.enabled):
        opts.encryption_key = _require_key()
    manifest = run_archive(_dsn(args), open_store(args.to or config.storage_root()), opts)
    auth = manifest.auth
    print(
        f"{manifest.label}: {len(manifest.files)} files, "
        f"{sum(f.bytes for f in manifest.files) / 1e6:.1f} MB"
        + (f", {auth.rows} auth users" if auth else "")
    )
    print(manifest.url)
    return 0


def cmd_archive_restore(args: argparse.Namespace) -> int:
    from airvault.archive.run import restore_archive

    result = restore_archive(
        args.source, _dsn(args), args.storage_to, args.clean, args.jobs, roles=args.roles
    )
    print(
        f"restored {result.archive} into {result.database}: {result.auth_users} auth "
        f"users, {result.files} files, {result.seconds:.1f}s"
    )
    return 0


def parse_duration(text: str) -> int:
    """'15m', '2h', '1d', '900s' or '900' -> seconds."""
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    number, unit = (text[:-1], text[-1]) if text and text[-1] in units else (text, "s")
    if not number.isdigit() or int(number) < 1:
        raise AirvaultError(f"--expires {text!r}: use a number with s, m, h or d, e.g. 15m")
    seconds = int(number) * units[unit]
    if seconds > 7 * 86400:
        raise AirvaultError(f"--expires {text!r}: S3 signed links last at most 7 days")
    return seconds


def cmd_link(args: argparse.Namespace) -> int:
    from airvault.storage.store import open_store

    seconds = parse_duration(args.expires)
    url = args.url.rstrip("/")
    parent, _, name = url.rpartition("/")
    store = open_store(parent)
    if store.exists(f"{name}/manifest.json"):  # a backup or archive folder: every file
        folder = store.child(name)
        rels = [r for r in folder.list_files() if r != "manifest.json"] + ["manifest.json"]
        for rel in rels:
            print(f"{rel}\t{folder.signed_url(rel, seconds)}")
    else:
        print(store.signed_url(name, seconds))
    print(f"(links expire in {seconds // 60} min)", file=sys.stderr)
    return 0


def cmd_prune(args: argparse.Namespace) -> int:
    from airvault.config import load_config
    from airvault.ops.retention import prune
    from airvault.storage.store import open_store

    config = load_config(args.config)
    root = open_store(args.url or config.storage_root())
    now = datetime.now(UTC)
    plan = prune(root, config.retention, dry_run=args.dry_run, now=now)
    print(plan.summary(now))
    if args.dry_run:
        print("dry run: nothing deleted")
    return 0


def cmd_pin(args: argparse.Namespace) -> int:
    from airvault.ops.retention import pin
    from airvault.storage.store import open_store

    pin(open_store(args.backup_url), args.reason, unpin=args.unpin)
    print(f"{args.backup_url}: {'unpinned' if args.unpin else 'pinned (retention keeps it)'}")
    return 0


def cmd_drill(args: argparse.Namespace) -> int:
    from airvault.config import load_config
    from airvault.ops.drill import run_drill
    from airvault.storage.store import open_store

    config = load_config(args.config) if (args.config or not args.evidence_to) else None
    evidence_root = open_store(
        args.evidence_to if args.evidence_to or config is None else config.storage_root()
    )
    invariants = config.drills.invariants if config else {}
    filters = config.backup.row_filters if config else {}
    evidence = run_drill(args.backup_url, _dsn(args), evidence_root, invariants, filters)
    status = "PASSED" if evidence.ok else "FAILED"
    print(
        f"drill {status}: {evidence.label}: {evidence.tables} tables, {evidence.rows:,} "
        f"rows, restored in {evidence.rto_s}s (RTO), {len(evidence.invariants)} invariants"
    )
    for p in evidence.problems:
        print(f"  problem: {p}", file=sys.stderr)
    print(f"evidence: {evidence_root.url_of('drills/' + evidence.backup_id + '.json')}")
    return 0 if evidence.ok else EXIT_PROBLEMS


def cmd_diff(args: argparse.Namespace) -> int:
    from airvault.exchange.diff import diff_backups
    from airvault.storage.uploads import open_backup

    if args.details:
        with open(args.details, "w", newline="") as details:
            result = diff_backups(open_backup(args.a), open_backup(args.b), details)
    else:
        result = diff_backups(open_backup(args.a), open_backup(args.b))
    print(json.dumps(result.to_json(), indent=2) if args.json else result.summary())
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from airvault.config import load_config
    from airvault.exchange.exports import (
        BUNDLE,
        export_bundle,
        parse_filters,
        run_export,
        specs_for,
    )
    from airvault.storage.store import open_store

    config = load_config(args.config)
    options = dict(
        readable=not args.raw, filters=parse_filters(args.filter or []), tenant=args.tenant,
        columns=args.columns.split(",") if args.columns else None,
        date_column=args.date_column, since=args.since, until=args.until, timezone=args.timezone,
        short_ids=args.short_ids,
    )  # fmt: skip
    root = open_store(args.to or config.storage_root())
    reports: Iterable[dict]
    if args.format == BUNDLE:  # the module's tables as CSV files in one ZIP
        reports = [export_bundle(_dsn(args), root, config, args.dataset, None, _who(), **options)]
    else:
        specs = specs_for(config, args.dataset, format=args.format, **options)
        reports = (run_export(_dsn(args), root, spec, triggered_by=_who(), config=config)
                   for spec in specs)  # fmt: skip
    for report in reports:
        print(f"{report['rows']:,} rows -> {report['file']} ({report['bytes'] / 1e6:.1f} MB)")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from airvault.config import load_config
    from airvault.exchange.exports import parse_filters
    from airvault.exchange.imports import ImportSpec, run_import
    from airvault.storage.store import open_store

    config = load_config(args.config)
    module = next((m for m in config.modules.values() if args.table in m.tables), None)
    spec = ImportSpec(
        table=args.table, mode=args.mode, policy=args.policy,
        mapping={**(config.import_mapping(args.template) if args.template else {}),
                 **parse_filters(args.map or [], "--map")},
        key=args.key.split(",") if args.key else None,
        max_errors=args.max_errors, encoding=args.encoding, dry_run=args.dry_run,
        user_columns=list(module.user_columns) if module else [],
    )  # fmt: skip
    parent, _, name = args.file.rstrip("/").rpartition("/")
    root = open_store(config.storage_root())
    report = run_import(_dsn(args), open_store(parent or "."), name, spec, reports=root,
                        triggered_by=_who(), config=config)  # fmt: skip
    print(f"{report.status}: {report.rows:,} rows, {report.inserted:,} inserted, "
          f"{report.updated:,} updated, {report.rejected:,} rejected. {report.message}")  # fmt: skip
    for r in report.rejects[:20]:
        print(f"  line {r.line}, {r.column}: {r.reason}", file=sys.stderr)
    return 0 if report.status in ("success", "dry-run") else EXIT_PROBLEMS


def cmd_jobs(args: argparse.Namespace) -> int:
    from airvault.exchange.jobs import AirflowAPI, parse_when, schedule

    api = AirflowAPI.from_env(args.airflow_url)
    if args.action == "schedule":
        conf = json.loads(args.conf) if args.conf else {}
        if not isinstance(conf, dict):
            raise AirvaultError('--conf: a JSON object, e.g. \'{"dataset": "contacts"}\'')
        from airvault.exchange.exports import parse_filters

        conf.update(parse_filters(args.param or [], "--param"))
        at = parse_when(args.at) if args.at else None
        run, notice = schedule(api, args.dag_id, conf, at, args.unpause)
        if notice:
            print(notice, file=sys.stderr)
        print(f"{run['dag_run_id']}  {run['state']}  runs after {run['run_after']}")
        return 0
    if args.action == "cancel":
        run = api.cancel(args.dag_id, args.run_id, f"cancelled by {_who()}")
        print(f"{run['dag_run_id']}  {run['state']}  (cancelled)")
        return 0
    runs = api.runs(args.dag_id or "~", args.limit, args.state)
    if args.json:
        print(json.dumps(runs, indent=2, default=str))
        return 0
    print(f"{'dag':<22} {'run id':<44} {'state':<8} {'run after':<20} by")
    for r in runs:
        print(f"{r['dag_id']:<22} {r['dag_run_id']:<44} {r['state']:<8} "
              f"{(r.get('run_after') or '')[:19]:<20} {r.get('triggering_user_name') or ''}")  # fmt: skip
    return 0


def _who() -> str:
    import getpass

    return f"{getpass.getuser()} (airvault CLI)"


def _require_key():
    from airvault.storage.crypto import KEY_ENV, key_from_env

    key = key_from_env()
    if key is None:
        raise AirvaultError(
            f"encryption is on but {KEY_ENV} is not set (airvault keygen makes one)"
        )
    return key


def cmd_keygen(args: argparse.Namespace) -> int:
    from airvault.storage.crypto import new_key_text, parse_key

    if args.signing:
        from airvault.storage.signing import SIGNING_ENV, new_signing_key_text, parse_signing_keys

        text = new_signing_key_text()
        print(text)
        print(
            f"key id {parse_signing_keys(text).writer.id}: put it in {SIGNING_ENV} (CLI) or the "
            "password of the airvault_signing connection (Airflow), never in storage; to rotate, "
            "put the new key first and keep the old ones after it",
            file=sys.stderr,
        )
        return 0

    text = new_key_text()
    print(text)
    print(
        f"fingerprint {parse_key(text).fingerprint}: keep the key in a password manager and in "
        "AIRVAULT_ENCRYPTION_KEY or the password of the airvault_encryption connection; "
        "without it, backups made with it cannot be read. To rotate, put the new key first: "
        "AIRVAULT_ENCRYPTION_KEY=NEW,OLD (older backups stay readable)",
        file=sys.stderr,
    )
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from airvault.ops.inventory import inventory
    from airvault.storage.store import open_store

    rows, incomplete = inventory(open_store(args.url or _root(args, "url")))
    if args.json:
        keys = ("id", "type", "kind", "scope", "label", "started_at", "url", "verification")
        print(json.dumps([{k: r.to_json()[k] for k in keys} for r in rows], indent=2))
        return 0
    print(
        f"{'label':<44} {'kind':<11} {'scope':<12} {'when':<16} {'tables':>6} {'rows':>11} "
        f"{'MB':>8}  {'verified':<8}  id"
    )
    for r in rows:  # archives: tables '-', rows = auth users
        tables = "-" if r.tables is None else r.tables
        print(
            f"{(r.label or '')[:44]:<44} {r.kind:<11} {r.scope[:12]:<12} {r.age:<16} "
            f"{tables:>6} {r.rows:>11,} {r.bytes / 1e6:>8.1f}  {r.verified:<8}  {r.id}"
        )
    if not rows:
        print("(no complete backups)")
    if incomplete:
        print(
            f"{len(incomplete)} folder(s) not restorable (incomplete: no manifest yet; or a "
            "manifest that cannot be used, kept by retention):"
        )
        for url in incomplete:
            print(f"  {url}")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from airvault.archive.run import is_archive, verify_archive
    from airvault.storage.store import open_store
    from airvault.verify import verify_backup

    store = open_store(args.backup_url)
    if is_archive(store):
        report = verify_archive(store)
    else:
        report = verify_backup(store, record=True)
    for p in report.problems:
        print(f"MISMATCH {report.url}/{p}", file=sys.stderr)
    for note in getattr(report, "notes", []):
        print(f"note: {note}", file=sys.stderr)
    status = "OK" if report.ok else f"FAILED ({len(report.problems)} problems)"
    print(f"{report.url}: {status}: {report.checked_files} files, {report.rows:,} rows checked")
    return 0 if report.ok else EXIT_PROBLEMS


def cmd_restore(args: argparse.Namespace) -> int:
    from airvault.restore.request import RestoreTarget, module_tables, restore_request
    from airvault.restore.run import apply_plan, find_safety_backup, plan_restore, run_restore
    from airvault.storage.crypto import key_from_env
    from airvault.storage.opened import OpenedBackup
    from airvault.storage.store import open_store

    dsn = _dsn(args)
    saved = _saved_plan(args)
    source, mode = args.source, saved.mode if saved else args.mode
    root = None  # where safety backups go and --undo looks: needless for a new database
    safety_needed = mode != "new-database" and not (args.no_safety_backup or args.dry_run)
    if args.safety_to or args.undo or safety_needed:
        config = None if args.safety_to else _config_if_any(args)
        if not args.safety_to and config is None:
            raise AirvaultError(
                "a safety backup needs a place: pass --safety-to URL (or a config), or "
                "--no-safety-backup"
            )
        root = open_store(
            args.safety_to if args.safety_to or config is None else config.storage_root()
        )
        root.key = key_from_env()  # safety backups are encrypted when a key is set
    progress_root = root  # where the Backups page reads how far a restore is
    if progress_root is None and (config := _config_if_any(args)) is not None:
        progress_root = open_store(config.storage_root())
    target = RestoreTarget(dsn, None if args.no_safety_backup else root, progress_root,
                           _row_filters(args))  # fmt: skip
    if args.undo and root is not None:  # (root is set whenever --undo is)
        source, mode = find_safety_backup(root, args.undo), "replace"
    if not (source or saved):
        raise AirvaultError("nothing to restore: pass --from URL, --plan FILE or --undo RESTORE_ID")
    tables = [t.strip() for t in args.tables.split(",") if t.strip()] if args.tables else None
    modules = module_tables(_config_if_any(args), args.module)
    choices = dict(roles=args.roles, allow_schema_drift=args.allow_schema_drift,
                   allow_cascade=args.allow_cascade, allow_unencrypted=args.allow_unencrypted)  # fmt: skip
    if args.until:
        if args.plan_out:
            raise AirvaultError("--plan-out does not go with --until (a point is built anew)")
        point = restore_request(source, mode, tables, modules, args.owner_map, until=args.until,
                                tenant=args.tenant, **choices)  # fmt: skip
        return _restore_to_point(args, point, target)
    if args.tenant:
        raise AirvaultError("--tenant goes with --until (a tenant backup restores its tenant)")
    backup = OpenedBackup.open(source or saved.request.source)  # once, for plan and apply
    if saved is None:
        request = restore_request(source, mode, tables, modules, args.owner_map, **choices)
    asks = args.dry_run or not (args.yes or mode == "new-database")  # a new one loses nothing
    if saved is None and not (asks or args.plan_out):
        result = run_restore(request, target, backup)  # --yes: planned and applied at once
    else:
        plan = saved or plan_restore(request, target, backup)
        print(plan.summary())
        if args.plan_out:
            with open(args.plan_out, "w") as f:
                json.dump(plan.to_json(), f, indent=2)
            print(f"plan {plan.id} saved to {args.plan_out} (to apply it as it is: "
                  f"airvault restore --plan {args.plan_out})")  # fmt: skip
        if (args.dry_run or not args.yes) and (stop := _stop_after_plan(args)) is not None:
            return stop
        result = apply_plan(plan, target, backup)  # exactly this plan, or refused if changed
    print(result.summary())
    print(f"restore {result.restore_id} done in {result.seconds:.1f}s")
    if result.safety_backup:
        print(
            f"safety backup: {result.safety_backup}  (undo: airvault restore --undo {result.restore_id})"
        )
    return 0


def _saved_plan(args: argparse.Namespace):
    """--plan FILE: the plan a user saved (--plan-out) and confirms; the choices are its own,
    so none may be given beside it."""
    from airvault.restore.plan import RestorePlan

    if not args.plan:
        return None
    beside = {"--from": args.source, "--tables": args.tables, "--module": args.module,
              "--until": args.until, "--undo": args.undo, "--owner-map": args.owner_map,
              "--allow-cascade": args.allow_cascade, "--allow-schema-drift":
              args.allow_schema_drift, "--allow-unencrypted": args.allow_unencrypted}  # fmt: skip
    given = [flag for flag, value in beside.items() if value]
    if given:
        raise AirvaultError(
            f"--plan FILE holds what to restore: {', '.join(given)} cannot go with it"
        )
    try:
        with open(args.plan, "rb") as f:
            text = f.read(1 << 24)  # a plan is a few KB per table
    except OSError as e:
        raise AirvaultError(f"--plan {args.plan}: {e.strerror or e}") from None
    return RestorePlan.load(text, args.plan)


def _owner_map(pairs: list[str] | None) -> dict[str, str]:
    """--owner-map OLD=NEW (repeatable) as a dict."""
    from airvault.restore.request import parse_owner_map

    return parse_owner_map(pairs)


def _stop_after_plan(args: argparse.Namespace) -> int | None:
    """After the plan was printed: the exit code when the restore stops here (a dry run, or a
    person who said no), None to apply."""
    if args.dry_run:
        return 0
    if not sys.stdin.isatty():
        raise AirvaultError("not applied: pass --yes to restore without a prompt")
    if input("Apply this restore? [y/N] ").strip().lower() not in ("y", "yes"):
        print("not applied")
        return EXIT_PROBLEMS
    return None


def _restore_to_point(args: argparse.Namespace, request, target) -> int:
    """restore --until: the base plus its changes, planned first like any restore."""
    from airvault.pg.scope import RowRules
    from airvault.restore.point_in_time import restore_to_point

    rows = None
    if request.tenant:
        config = _config_if_any(args)
        tenancy = config.tenancy if config else None
        rows = RowRules(tenant_id=request.tenant, tenant_table=tenancy.table if tenancy else
                        "public.organizations", tenant_column=tenancy.column if tenancy else
                        "organization_id")  # fmt: skip
    if args.dry_run or (request.mode != "new-database" and not args.yes):
        plan = restore_to_point(request, target, rows=rows, changes_root=args.changes,
                                dry_run=True)  # fmt: skip
        print(f"Plan ({request.mode}, dry run):\n{plan.summary()}")
        if (stop := _stop_after_plan(args)) is not None:
            return stop
    result = restore_to_point(request, target, rows=rows, changes_root=args.changes)
    print(result.summary())
    print(f"point-in-time restore done in {result.seconds:.1f}s")
    done = result.restore
    if done and done.safety_backup:
        print(f"safety backup: {done.safety_backup}  (undo: airvault restore --undo "
              f"{done.restore_id})")  # fmt: skip
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="airvault",
        description="Consistent, checksummed PostgreSQL backups. Works with Airflow down.",
        epilog="Database: --dsn or $AIRVAULT_DSN. Config: --config, $AIRVAULT_CONFIG or "
        "./airvault.yaml. S3: s3://bucket/prefix with AWS_* variables (AWS_ENDPOINT_URL for "
        "S3-compatible servers).",
    )
    parser.add_argument("--config", help="config file (default $AIRVAULT_CONFIG or airvault.yaml)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress per table")
    parser.add_argument(
        "--trust-unsigned",
        action="store_true",
        help="accept backup manifests this installation did not sign (from before signing, or "
        "another installation whose key is not in $AIRVAULT_SIGNING_KEY); a manifest that "
        "fails its signature is refused even so",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, func: Callable, help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help)
        p.set_defaults(func=func)
        return p

    p = add("demo-db", cmd_demo_db, "create or refresh the deterministic demo CRM database")
    p.add_argument("--dsn", help="target database")
    p.add_argument("--scale", type=int, default=1, help="size multiplier (1 = 4,402 contacts)")

    p = add("check", cmd_check, "validate the config against the live database schema")
    p.add_argument("--dsn", help="the app database")
    p.add_argument("--privileges", action="store_true",
                   help="list what this login can do per operation, with the GRANTs it lacks")  # fmt: skip

    p = add("backup", cmd_backup, "take a consistent logical backup (full, module or tenant)")
    p.add_argument("--dsn", help="the database to back up")
    p.add_argument("--to", help="storage root URL (default: the config's storage.root)")
    p.add_argument("--kind", default="manual", choices=["full", "manual"], help="default: manual")
    p.add_argument("--schema", action="append", help="schema to include (repeatable)")
    p.add_argument("--exclude", action="append", help="table name or pattern to skip (repeatable)")
    p.add_argument("--workers", type=int, help="parallel COPY connections")
    p.add_argument("--exclude-schema", action="append", help="schema to skip (repeatable)")
    p.add_argument("--module", help="back up only this module of the config (kind 'module')")
    p.add_argument(
        "--tenant",
        metavar="TENANT_ID",
        help="only this tenant's rows and the rows "
        "they reference (kind 'tenant'; tenant table/column from the config)",
    )
    p.add_argument(
        "--filter",
        action="append",
        metavar="TABLE:PREDICATE",
        help="keep only matching rows, e.g. 'contacts:is_demo = false' (repeatable)",
    )
    p.add_argument("--compression", choices=["zstd", "gzip"], help="default: the config's (zstd)")
    p.add_argument("--level", type=int, help="compression level (zstd 1-19, gzip 1-9)")
    p.add_argument(
        "--encrypt",
        action="store_true",
        help="AES-256-GCM with the key in $AIRVAULT_ENCRYPTION_KEY (also: config "
        "encryption.enabled); restore and verify decrypt with the same variable",
    )
    p.add_argument(
        "--cap",
        action="append",
        metavar="TABLE:newest=N|days=D[:COLUMN]",
        help="cap an append-only log, e.g. audit_logs:days=90 (repeatable)",
    )

    p = add("restore", cmd_restore, "restore a backup: atomic, verified first, safety backup taken")
    p.add_argument("--from", dest="source", help="backup URL: file://, s3://, a folder or a .tar")
    p.add_argument("--dsn", help="the target database (the new one, in new-database mode)")
    p.add_argument("--mode", choices=["replace", "merge", "new-database"], default="replace",
                   help="replace: tables end equal to the backup; merge: upsert by primary key "
                   "(or a NOT NULL unique index; a keyless table gets the copies it lacks), keep "
                   "rows only in the target; new-database: create it from schema.sql")  # fmt: skip
    p.add_argument("--tables", help="comma-separated tables (their parents come along, merged)")
    p.add_argument("--module", help="a module from the config")
    p.add_argument("--dry-run", action="store_true", help="print the plan, write nothing")
    p.add_argument("--yes", action="store_true", help="apply without asking")
    p.add_argument("--plan-out", metavar="FILE",
                   help="save the plan (JSON) to FILE; with --dry-run, stop there")  # fmt: skip
    p.add_argument("--plan", metavar="FILE",
                   help="apply the plan saved in FILE (--plan-out), exactly: refused if the "
                   "backup or the target changed since it was made")  # fmt: skip
    p.add_argument("--allow-schema-drift", action="store_true", help="restore the common columns")
    p.add_argument("--safety-to", help="where the safety backup goes (default: storage.root)")
    p.add_argument("--no-safety-backup", action="store_true", help="skip the pre-restore backup")
    p.add_argument("--undo", metavar="RESTORE_ID", help="restore the safety backup of a restore")
    p.add_argument("--roles", choices=["require", "create", "ignore"], default="require",
                   help="new-database: roles that own or are granted the backup's objects but "
                   "are missing on the server: require (refuse, default), create (as the backup "
                   "recorded them, no passwords) or ignore (no owners and grants)")  # fmt: skip
    p.add_argument("--owner-map", action="append", metavar="OLD=NEW",
                   help="new-database: give the objects OLD owns to NEW instead (a role this "
                   "login may become); repeatable, recorded in the result")  # fmt: skip
    p.add_argument("--allow-cascade", action="store_true",
                   help="replace: allow ON DELETE CASCADE / SET NULL to change rows of tables "
                   "the restore does not include (the plan lists them; the safety backup "
                   "holds them)")  # fmt: skip
    p.add_argument("--allow-unencrypted", action="store_true",
                   help="accept an unencrypted backup where a key is configured")  # fmt: skip
    p.add_argument("--until", metavar="ISO_TIME|LSN|latest",
                   help="point in time: the base (--from, a backup taken while change capture "
                   "ran) plus its captured changes up to this time (UTC unless given), LSN or "
                   "the latest change")  # fmt: skip
    p.add_argument("--tenant", metavar="TENANT_ID",
                   help="with --until, replace/merge: only this tenant's rows (tenant table and "
                   "column from the config)")  # fmt: skip
    p.add_argument("--changes", metavar="URL",
                   help="with --until: the storage root holding the change segments (default: "
                   "the base's own root)")  # fmt: skip

    from airvault.cli.capture import add_capture_parser

    add_capture_parser(add)

    p = add(
        "archive",
        cmd_archive,
        "pg_dump archive of the database + auth users as JSON + storage bucket files",
    )
    p.add_argument("--dsn", help="the database to archive")
    p.add_argument("--to", help="storage root URL (default: the config's storage.root)")
    p.add_argument(
        "--bucket",
        action="append",
        metavar="NAME=URL",
        help="a storage bucket's files to include (repeatable; also config archive.buckets)",
    )
    p.add_argument(
        "--include-secrets",
        action="store_true",
        help="keep password hashes in auth/users.json (default: left out)",
    )
    p.add_argument("--no-auth", action="store_true", help="no separate auth users table")
    p.add_argument(
        "--encrypt", action="store_true", help="encrypt every file ($AIRVAULT_ENCRYPTION_KEY)"
    )

    p = add(
        "archive-restore",
        cmd_archive_restore,
        "restore an archive into a new database with pg_restore, then its users and files",
    )
    p.add_argument("--from", dest="source", required=True, help="the archive folder URL")
    p.add_argument("--dsn", help="the database to create")
    p.add_argument(
        "--storage-to", help="copy bucket files to URL/<bucket>/ (default: where they came from)"
    )
    p.add_argument(
        "--clean", action="store_true", help="drop and recreate the database if it exists"
    )
    p.add_argument(
        "--jobs", type=int, default=2, help="parallel pg_restore jobs for data and indexes"
    )
    p.add_argument("--roles", choices=["require", "create", "ignore"], default="require",
                   help="roles the archive's objects need that the server lacks: require "
                   "(refuse), create, or ignore (no owners and grants)")  # fmt: skip

    p = add("link", cmd_link, "presigned S3 download link(s) for a file or a backup/archive folder")
    p.add_argument("url", help="s3://bucket/path of a file, or a backup or archive folder")
    p.add_argument("--expires", default="15m", help="lifetime: 900s, 15m, 2h, 1d (default 15m)")

    p = add(
        "prune", cmd_prune, "apply the config's retention: keep/delete per backup, with the rule"
    )
    p.add_argument("url", nargs="?", help="storage root URL (default: the config's storage.root)")
    p.add_argument("--dry-run", action="store_true", help="print the plan, delete nothing")

    p = add("pin", cmd_pin, "put a backup on legal hold (never deleted by retention)")
    p.add_argument("backup_url", help="the backup folder")
    p.add_argument("--reason", default="legal hold", help="why (kept in pinned.json)")
    p.add_argument("--unpin", action="store_true", help="take the hold off")

    p = add(
        "drill",
        cmd_drill,
        "restore a backup into a scratch database, check it, record evidence, drop it",
    )
    p.add_argument("backup_url", help="the backup folder")
    p.add_argument("--dsn", help="a database on the server where the scratch database is made")
    p.add_argument("--evidence-to", help="storage root for drills/<id>.json (default: config)")

    p = add("diff", cmd_diff, "rows added, removed and changed per table between two backups")
    p.add_argument("a", help="the older backup")
    p.add_argument("b", help="the newer backup")
    p.add_argument("--json", action="store_true", help="the summary as JSON")
    p.add_argument("--details", metavar="FILE.csv", help="one line per changed row")

    p = add("export", cmd_export, "export a module or table to CSV, JSON lines or Parquet")
    p.add_argument("dataset", help="a module of the config (each of its tables) or a table")
    p.add_argument("--dsn", help="the app database")
    p.add_argument("--to", help="storage root (default: the config's): exports/<table>/<run>/")
    p.add_argument(
        "--format",
        choices=["csv", "json", "parquet", "xlsx", "pdf", "zip"],
        default="csv",
        help="zip: a module's tables as CSV files in one ZIP",
    )
    p.add_argument("--raw", action="store_true", help="exact values: ids, UTC timestamps")
    p.add_argument("--short-ids", action="store_true", help="readable: uuids as 8 hex digits")
    p.add_argument("--columns", help="comma-separated columns (default: all)")
    p.add_argument("--filter", action="append", metavar="COLUMN=VALUE", help="repeatable")
    p.add_argument("--date-column", help="the column --since/--until apply to")
    p.add_argument("--since", help="ISO date or time, inclusive")
    p.add_argument("--until", help="ISO date or time, exclusive")
    p.add_argument("--timezone", default="UTC", help="readable timestamps in this zone")
    p.add_argument("--tenant", help="only this tenant's rows (the config's tenant column)")

    p = add(
        "import",
        cmd_import,
        "validate and load a CSV into a table: all or nothing, or skip bad rows",
    )
    p.add_argument("file", help="the CSV file (path, file:// or s3:// URL)")
    p.add_argument("--table", required=True, help="the target table")
    p.add_argument("--dsn", help="the app database")
    p.add_argument("--mode", choices=["insert", "upsert", "update-only"], default="upsert")
    p.add_argument(
        "--policy",
        choices=["atomic", "skip"],
        default="atomic",
        help="atomic: any bad row rejects the file; skip: load the good rows",
    )
    p.add_argument("--max-errors", type=int, help="skip policy: fail beyond this many bad rows")
    p.add_argument("--map", action="append", metavar="FILE_COLUMN=TABLE_COLUMN", help="repeatable")
    p.add_argument("--template", help="a saved mapping of the config (import_mappings)")
    p.add_argument("--key", help="comma-separated key columns (default: the primary key)")
    p.add_argument("--encoding", help="e.g. latin-1 (default: UTF-8, a BOM is fine)")
    p.add_argument("--dry-run", action="store_true", help="validate and plan, write nothing")

    p = add("jobs", cmd_jobs, "schedule, list and cancel DAG runs through Airflow's REST API")
    p.add_argument("--airflow-url", help="default $AIRVAULT_AIRFLOW_URL or http://localhost:8080")
    jobs = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    j = jobs.add_parser("schedule", help="trigger a DAG now or at a future time (--at)")
    j.add_argument("dag_id", help="e.g. export, import, full_backup_daily, restore")
    j.add_argument("--at", help="+30s, +10m, +2h, +1d or an ISO time (UTC unless zoned)")
    j.add_argument("--conf", help="the run's conf (the DAG's Params) as a JSON object")
    j.add_argument("--param", action="append", metavar="NAME=VALUE", help="a text Param")
    j.add_argument("--unpause", action="store_true",
                   help="unpause a paused DAG that has its own schedule (starts that schedule too)")  # fmt: skip
    j = jobs.add_parser("list", help="recent runs, newest first, with who triggered them")
    j.add_argument("--dag", dest="dag_id", help="only this DAG")
    j.add_argument("--state", action="append", help="queued, running, success, failed")
    j.add_argument("--limit", type=int, default=20)
    j.add_argument("--json", action="store_true")
    j = jobs.add_parser("cancel", help="set a queued or running run to failed: it never writes")
    j.add_argument("dag_id")
    j.add_argument("run_id")
    p.epilog = (
        "Credentials: $AIRVAULT_AIRFLOW_TOKEN, or $AIRVAULT_AIRFLOW_USER and "
        "$AIRVAULT_AIRFLOW_PASSWORD (exchanged at POST /auth/token)."
    )

    p = add("keygen", cmd_keygen, "print a new random encryption key (64 hex digits)")
    p.add_argument("--signing", action="store_true",
                   help="a manifest signing key instead (for $AIRVAULT_SIGNING_KEY)")  # fmt: skip

    p = add("list", cmd_list, "list complete backups under a storage root")
    p.add_argument("url", nargs="?", help="storage root URL (default: the config's storage.root)")
    p.add_argument("--json", action="store_true", help="machine-readable output")

    p = add(
        "verify",
        cmd_verify,
        "re-check every checksum and row count of a backup (result kept for `list`), or every "
        "file of an archive and that pg_restore can read its dump",
    )
    p.add_argument("backup_url", help="the backup folder (file://, s3:// or a path)")
    return parser


def _database_error(e: Exception) -> str | None:
    """The one line for a psycopg error, None for any other exception. psycopg is imported
    only if a handler already did (an error of it cannot be raised otherwise)."""
    psycopg = sys.modules.get("psycopg")
    if psycopg is None or not isinstance(e, psycopg.Error):
        return None
    if isinstance(e, psycopg.OperationalError):
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        if first.startswith(("connection failed", "connection to server")):
            return f"cannot connect to the database: {first}"
        return f"the database connection was lost: {first}"  # nothing was committed
    return f"database error: {str(e).strip().splitlines()[0]}"


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(message)s",
        stream=sys.stderr,
    )
    if args.trust_unsigned:
        import airvault.storage.store

        airvault.storage.store.TRUST_UNSIGNED = True
    try:
        _resolve_ids(args)
        return args.func(args)
    except KeyboardInterrupt:
        # Nothing is left half-done to explain: a backup's manifest is written last (an
        # unfinished one is never listed), a restore is one transaction or a new database
        # dropped on error.
        print("interrupted: an unfinished backup is never listed (retention removes it); an "
              "unfinished restore or import was rolled back", file=sys.stderr)  # fmt: skip
        return EXIT_INTERRUPTED
    except AirvaultError as e:
        message = str(e)
    except OSError as e:  # a full disk, a missing file, storage unreachable: no traceback
        where = f": {e.filename}" if e.filename else ""
        message = f"{e.strerror or e}{where}"
    except Exception as e:
        database_message = _database_error(e)
        if database_message is None:
            raise
        message = database_message
    from airvault.pg.tools import redact

    # libpq quotes the bad part of a DSN it cannot parse, which can be the password
    dsn = getattr(args, "dsn", None)
    print(f"error: {redact(message, dsn, os.environ.get('AIRVAULT_DSN'))}", file=sys.stderr)
    return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
