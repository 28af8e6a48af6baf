"""Rewrite the README's `## Benchmark` section from docs/bench-backup.json (`make bench` runs it)."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def met(flag: bool) -> str:
    return "met" if flag else "MISSED"


def section(d: dict) -> str:
    cpu, t = d["airvault_cpu"], d["targets"]
    content_mb = cpu["content_mb"]
    backup = d["results"]["airvault backup (2 workers, zstd)"]
    restores = d["restore_results"]
    new_db = restores["airvault restore new-database"]["seconds"]
    backup_rows = "\n".join(
        f"| {k} | {v['seconds']:.1f} | {content_mb / v['seconds']:.0f} | {v['output_mb'] or '-'} "
        f"| {backup['seconds'] / v['seconds']:.2f}x |"
        for k, v in d["results"].items()
    )
    restore_rows = "\n".join(
        f"| {k} | {v['seconds']:.1f} | {content_mb / v['seconds']:.0f} | {v['peak_rss_mb']} "
        f"| {new_db / v['seconds']:.2f}x |"
        for k, v in restores.items()
    )
    replace = restores["airvault restore replace"]["seconds"]
    archive_line = ""
    if "encryption_adds_under_15pct" in t:
        r = d["ratios"]
        archive_line = (
            f"- encryption (AES-256-GCM, chunked) adds under 15% to backup time: "
            f"{met(t['encryption_adds_under_15pct'])} ({r['encryption_overhead']:+.1%} of the "
            f"backup's own duration; it encrypts the compressed bytes, about a fifth of the data).\n"
            f"- `airvault archive` (pg_dump -Fc streamed to storage, plus auth users as JSON, "
            f"sha256 of every file) vs plain `pg_dump -Fc` to a local file: "
            f"{r['archive_vs_pg_dump_fc']}x its time.\n"
        )
    if "prune_planning_10k_under_2s" in t:
        archive_line += (
            f"- retention planning over 10,000 backups under 2 s: "
            f"{met(t['prune_planning_10k_under_2s'])} ({d['ratios']['prune_planning_10k_s']} s).\n"
        )
    if "diff_within_1_5x_of_reading_both" in t:
        diff = d["diff"]
        archive_line += (
            f"- `airvault diff` of two backups with 1% of the rows changed "
            f"({diff['changed_rows']:,} rows) within 1.5x of reading both backups once: "
            f"{met(t['diff_within_1_5x_of_reading_both'])} ({diff['diff_s']} s vs "
            f"{diff['read_both_s']} s = {d['ratios']['diff_vs_reading_both']}x).\n"
        )
    tenant_line = ""
    if "tenant_backup_under_20pct_of_full" in t:  # runs before this target existed lack it
        durations = d["backup_durations_s"]
        tenant_s, full_s = (min(durations[k]) for k in ("tenant", "full"))
        tenant_line = (
            f"- tenant backup (one of the demo's equal tenants, `--tenant`) under 20% of the full "
            f"backup's time (best of the rounds for both): {met(t['tenant_backup_under_20pct_of_full'])} "
            f"({tenant_s:.2f} s / {full_s:.2f} s = {d['ratios']['tenant_vs_full_backup']}x, the "
            f"backups' own durations from their manifests; the CLI wall times above add the same "
            f"~1.5 s of Python start-up to both, {d['ratios']['tenant_vs_full_backup_cli_wall']}x). "
            f"It reads through the tenant-column indexes, but the demo's tenants are interleaved "
            f"row by row (as rows of a live app are), so every heap page still holds some of the "
            f"tenant's rows; the reference check (~0.45 s here) overlaps the COPYs.\n"
        )
    io_line = ""
    if "io" in d:
        io = d["io"]
        copy_in = io["results"]["psql \\copy FROM csv (no validation)"]["rows_per_s"]
        io_rows = "\n".join(
            f"| {k} | {v['seconds']:.1f} | {v['rows_per_s']:,} | {v.get('peak_rss_mb', '-')} |"
            for k, v in io["results"].items()
        )
        io_line = (
            f"- readable CSV export (3 user columns as display names, 2 local times) at least 0.7x "
            f"the rate of `psql \\copy` of the same SELECT: "
            f"{met(t['readable_export_at_least_0_7x_copy'])} ({io['readable_export_rate_vs_copy']}x).\n"
            f"- validated import at least 0.4x the rate of `\\copy FROM`: "
            f"{met(t['validated_import_at_least_0_4x_copy'])} ({io['validated_import_rate_vs_copy']}x), "
            f"and at least 100,000 rows/s: {met(t['import_at_least_100k_rows_per_s'])} "
            f"({io['import_rows_per_s']:,} rows/s; `\\copy FROM` itself does "
            f"{copy_in:,} rows/s of these "
            f"14-column rows here).\n\n"
            f"| export / import of {io['rows']:,} contacts rows | wall s | rows/s | peak RSS MB |\n"
            f"|---|---:|---:|---:|\n{io_rows}\n"
        )
    return f"""## Benchmark

`make bench` (`scripts/bench.py`) builds the demo CRM at scale {d["scale"]} ({d["rows"]:,} rows, {content_mb} MB of
COPY text) in an embedded PostgreSQL 18 (built once, reused), then in the same run against the
same data times: airvault's full backup (the real CLI, 2 workers), the same backup encrypted,
a tenant backup of one of its tenants, `airvault archive`, `pg_dump -Fc`, `pg_dump -Fd -j2`
compressed and uncompressed, raw `COPY ... TO STDOUT` of every table into /dev/null over 2
connections (the floor); then restores: airvault `new-database` vs `pg_restore --single-transaction`
of the `-Fc` dump and `pg_restore -j2` of the directory dump, and airvault `merge` of unchanged
data vs `replace` (both without the safety backup, which is a backup as timed above). Backups: 3
rounds, medians; restores: 1 round (`--restore-repeat N`). Results: `docs/bench-backup.json`; this
section is written from it by `scripts/bench_readme.py`. Run-to-run spread on this shared 2-core
machine is 20-40% in seconds; the ratios, measured side by side, are steadier.

Latest run (MB/s = COPY text / wall time):

| backup | wall s | MB/s | output MB | airvault / tool |
|---|---:|---:|---:|---:|
{backup_rows}

| restore | wall s | MB/s | peak RSS MB | airvault new-database / tool |
|---|---:|---:|---:|---:|
{restore_rows}

Targets:
- backup no slower than `pg_dump -Fd -j2` with compression: {met(t["no_slower_than_pg_dump_fd_j2"])} ({d["ratios"]["airvault_vs_pg_dump_fd_j2"]}x its time).
  The embedded wheel's pg_dump is built without zstd and lz4, so the bench compares with
  `--compress={d["pg_dump_fd_codec"]}` (it uses zstd where the pg_dump build has it).
- peak RSS under 300 MB: {met(t["peak_rss_under_300_mb"])} ({backup["peak_rss_mb"]} MB for the backup, flat in table size).
- atomic `new-database` restore no slower than `pg_restore --single-transaction`: {met(t["new_database_no_slower_than_pg_restore_single_transaction"])}.
- `merge` of unchanged data within 2x of `replace`: {met(t["merge_unchanged_within_2x_of_replace"])}.
{tenant_line}{archive_line}- backup within 1.5x of the COPY floor: {met(t["within_1_5x_of_copy_floor"])} ({d["ratios"]["airvault_vs_copy_floor"]}x). The floor neither checksums nor
  compresses; on this CPU (no SHA instructions) sha256 of the {content_mb} MB runs at {cpu["sha256_mb_s"]} MB/s
  ({cpu["sha256_s"]} s of CPU) and zstd-1 at {cpu["zstd1_mb_s"]} MB/s ({cpu["zstd1_s"]} s): on 2 cores shared with the
  server that alone is about the floor's whole wall time. The content sha256 is what proves
  backup -> restore -> backup lossless, so it stays; a faster content hash is the lever if this
  target matters more.
- `replace` / `merge` into a populated database stage the backup and compare rows (that is what
  makes them idempotent and lets them report exact counts): {replace / new_db:.1f}x a fresh `new-database` restore here.
{io_line}
"""


def main() -> None:
    data = json.loads((ROOT / "docs" / "bench-backup.json").read_text())
    readme = ROOT / "README.md"
    text = readme.read_text()
    start, end = text.index("## Benchmark"), text.index("## Layout")
    readme.write_text(text[:start] + section(data) + text[end:])
    print(f"updated {readme}")


if __name__ == "__main__":
    main()
