"""`airvault capture start|drain|status|stop`: continuous protection, the changes that
`airvault restore --until` replays onto a base backup."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from airvault.cli.context import EXIT_PROBLEMS, CliContext, add_command
from airvault.errors import AirvaultError

if TYPE_CHECKING:
    from airvault.capture.drain import DrainResult
    from airvault.capture.heartbeat import StreamSupervision
    from airvault.config import Capture
    from airvault.storage.codec import FileCodec
    from airvault.storage.crypto import AnyKey
    from airvault.storage.store import Store


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = add_command(
        sub,
        "capture",
        run,
        "continuous protection: a logical replication slot drained into change segments "
        "(start, drain, stream, status, stop); restore --until replays them onto a base backup",
    )
    p.add_argument(
        "action",
        choices=["start", "drain", "stream", "status", "stop"],
        help="start: publication + slot (refuses without wal_level=logical); "
        "drain: move the changes into storage (the change_capture DAG does it every "
        "minute); stream: a long-running process on a replication connection, a segment "
        "every few seconds (docs/capture.md); status: slot, retained WAL, segments, RPO; stop: drop the slot "
        "and the publication",
    )
    p.add_argument("--dsn", help="the app database")
    p.add_argument("--to", help="storage root URL (default: the config's storage.root)")
    p.add_argument("--slot", help="slot name (default: the config's capture.slot, 'airvault')")
    p.add_argument("--publication", help="publication (default: capture.publication)")
    p.add_argument(
        "--replica-identity-full",
        action="store_true",
        help="start: give tables without a primary key REPLICA IDENTITY FULL "
        "(otherwise they are refused)",
    )
    p.add_argument(
        "--flush-seconds",
        type=float,
        help="stream: a segment this often while changes come (default: the config's "
        "capture.stream_flush_seconds, 2)",
    )
    p.add_argument("--json", action="store_true", help="status as JSON")


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from airvault.capture.drain import drain
    from airvault.capture.slot import start_capture, stop_capture
    from airvault.storage.codec import FileCodec

    dsn, config = ctx.dsn, ctx.config

    cap = config.capture if config else None
    slot = args.slot or (cap.slot if cap else "airvault")
    publication = args.publication or (cap.publication if cap else "airvault")
    if args.action == "start":
        b = config.backup if config else None
        status = start_capture(
            dsn,
            slot,
            publication,
            replica_identity_full=args.replica_identity_full
            or bool(cap and cap.replica_identity_full),
            schemas=b.schemas if b else None,
            exclude_schemas=list(b.exclude_schemas) if b else [],
            exclude=list(b.exclude_tables) if b else [],
        )
        for w in status.warnings:
            print(f"warning: {w}", file=sys.stderr)
        print(
            f"capturing {len(status.tables)} tables of {status.database} with slot {slot} "
            f"(publication {publication}) from {status.confirmed_lsn}"
        )
        if status.ddl_capture:
            print("schema changes are recorded in the stream and replayed at their place")
        print(
            "next: take a backup (airvault backup): backups taken from now on are bases "
            "for point-in-time restores; drain every minute (the change_capture DAG)"
        )
        return 0
    if args.action == "stop":
        had = stop_capture(dsn, slot, publication)
        print(
            f"slot {slot} and publication {publication} dropped"
            if had
            else f"no slot {slot} or publication {publication}: nothing to stop"
        )
        return 0
    root = ctx.open_root(args.to) if (args.to or config) else None
    if root is None:
        raise AirvaultError("capture drain and status need a storage root: --to URL or a config")
    b = config.backup if config else None
    key = ctx.key if config and config.encryption.enabled else None
    codec = FileCodec(b.compression if b else "zstd", b.compression_level if b else 1, key)
    if args.action == "stream":
        return _stream(args, dsn, root, slot, publication, codec, cap)
    if args.action == "drain":
        result = drain(
            dsn,
            root,
            slot,
            publication,
            codec,
            segment_changes=cap.segment_changes if cap else 100_000,
            idle_segment_minutes=cap.idle_segment_minutes if cap else 10,
        )
        print(result.summary())
        _rebase(result, ctx, root, key)
        return 0
    return _status(args, root, slot, dsn, publication, cap)


def _status(
    args: argparse.Namespace,
    root: Store,
    slot: str,
    dsn: str,
    publication: str,
    cap: Capture | None,
) -> int:
    """Segments, RPO, the WAL the slot holds, and who streams it."""
    from airvault.ops.capture_health import capture_health, describe

    health = capture_health(
        root,
        slot,
        dsn,
        publication,
        max_lag_minutes=cap.max_lag_minutes if cap else 5,
        max_retained_wal_mb=cap.max_retained_wal_mb if cap else 1024,
    )
    streamer = None if health.slot_exists is False else _streamer(root, slot, dsn)
    if args.json:
        stream = streamer.to_json() if streamer else None
        print(json.dumps({**health.to_json(), "stream": stream}, indent=2))
    else:
        print(describe(health))
        if streamer and streamer.alive:
            since, restarts = streamer.streaming_since, streamer.restarts
            print(f"streamed by `airvault capture stream` since {since} ({restarts} restarts)")
        elif streamer and cap and cap.stream:
            print(f"problem: {streamer.problem}")
    stream_down = bool(streamer and cap and cap.stream and not streamer.alive)
    return EXIT_PROBLEMS if health.problems or stream_down else 0


def _streamer(root: Store, slot: str, dsn: str) -> StreamSupervision | None:
    """Who streams the slot (None when the app database cannot be asked: status said so)."""
    import psycopg

    from airvault.capture.heartbeat import supervise

    try:
        return supervise(root, slot, dsn)
    except psycopg.Error:
        return None


def _stream(
    args: argparse.Namespace,
    dsn: str,
    root: Store,
    slot: str,
    publication: str,
    codec: FileCodec,
    cap: Capture | None,
) -> int:
    """Until SIGTERM or Ctrl-C: what is whole is stored and confirmed before it exits."""
    import logging
    import signal
    import threading

    from airvault.capture.stream import StreamOptions, stream

    logging.getLogger("airvault.capture").setLevel(logging.INFO)
    flush = args.flush_seconds or (cap.stream_flush_seconds if cap else 2.0)
    if not 0 < flush <= 60:
        raise AirvaultError(f"--flush-seconds {flush:g}: give a number of seconds from 0 to 60")
    options = StreamOptions(
        flush_seconds=flush,
        segment_changes=cap.segment_changes if cap else 100_000,
        idle_segment_minutes=cap.idle_segment_minutes if cap else 10,
    )
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    print(f"streaming slot {slot} into {root.url}, a segment every {flush:g} s", flush=True)
    stream(dsn, root, slot, publication, codec, options, stop)
    print(f"stopped streaming slot {slot}")
    return 0


def _rebase(result: DrainResult, ctx: CliContext, root: Store, key: AnyKey | None) -> None:
    """A schema change the replay cannot repeat ends coverage from older bases: a new base
    at once."""
    from airvault.backup.run import scoped_options
    from airvault.capture.rebase import new_base_after_gaps

    opts = scoped_options(ctx.config)
    opts.encryption_key = key
    if rebased := new_base_after_gaps(result, ctx.dsn, root, opts):
        print(f"new base after the gap: {rebased.url}")
