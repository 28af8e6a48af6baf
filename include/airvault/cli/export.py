"""`airvault export`: a module or table to CSV, JSON lines, Parquet, xlsx, pdf or a ZIP."""

from __future__ import annotations

import argparse
from collections.abc import Iterable

from airvault.cli.context import CliContext, add_command


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = add_command(sub, "export", run, "export a module or table to CSV, JSON lines or Parquet")
    p.add_argument(
        "dataset",
        nargs="?",
        help="a module of the config (each of its tables) or a table; several comma-separated "
        "(with --format zip: one ZIP of them all)",
    )
    p.add_argument(
        "--template",
        help="the choices of an export template saved on the Backups page (templates/export/ "
        "under the storage root), instead of a dataset and these options",
    )
    p.add_argument("--dsn", help="the app database")
    p.add_argument("--to", help="storage root (default: the config's): exports/<table>/<run>/")
    p.add_argument(
        "--format",
        choices=["csv", "json", "parquet", "xlsx", "pdf", "zip"],
        default="csv",
        help="zip: a module's tables (or several datasets') as CSV files in one ZIP",
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


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from airvault.exchange.exports import BUNDLE, export_bundle, run_export, specs_for
    from airvault.storage.store import open_store

    config = ctx.require_config()
    root = open_store(ctx.storage_root(args.to))
    datasets, fmt, options = _choices(args, ctx)
    reports: Iterable[dict]
    with ctx.progress():
        if fmt == BUNDLE:  # the module's tables (several datasets': all) as CSV files in one ZIP
            chosen = datasets if len(datasets) > 1 else datasets[0]
            reports = [export_bundle(ctx.dsn, root, config, chosen, None, ctx.who(), **options)]
        else:
            specs = [s for d in datasets for s in specs_for(config, d, format=fmt, **options)]
            reports = (
                run_export(ctx.dsn, root, spec, triggered_by=ctx.who(), config=config)
                for spec in specs
            )
        for report in reports:
            print(f"{report['rows']:,} rows -> {report['file']} ({report['bytes'] / 1e6:.1f} MB)")
    return 0


def _choices(args: argparse.Namespace, ctx: CliContext) -> tuple[list[str], str, dict]:
    """(datasets, format, ExportSpec options) from the options, or from --template (saved
    under the config's storage root, whatever --to says)."""
    from airvault.errors import AirvaultError
    from airvault.exchange.exports import parse_filters
    from airvault.exchange.templates import read_template

    if args.template:
        if args.dataset:
            raise AirvaultError("give a dataset or --template NAME, not both")
        choices = read_template(ctx.open_root(), "export", args.template).choices  # type: ignore[union-attr]
        return choices.datasets, choices.format, choices.options()
    if not args.dataset:
        raise AirvaultError("name a dataset to export (a module or a table), or --template NAME")
    options = dict(
        readable=not args.raw,
        filters=parse_filters(args.filter or []),
        tenant=args.tenant,
        columns=args.columns.split(",") if args.columns else None,
        date_column=args.date_column,
        since=args.since,
        until=args.until,
        timezone=args.timezone,
        short_ids=args.short_ids,
    )
    return [d.strip() for d in args.dataset.split(",") if d.strip()], args.format, options
