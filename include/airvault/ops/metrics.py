"""Prometheus metrics of a storage root, for monitoring from outside Airflow (a scheduler that
stopped stops alerting from inside; a scrape of storage does not depend on it). Every figure
is the health check's (ops/health.py: the same newest usable backup, the same verifications,
drills, capture lag and storage per kind), and each of the config's copies (ops/copies.py:
its newest backup per scope, what it stores, whether it holds each scope's newest backup of
the root), in the text exposition format. No Airflow here; the Backups page's app serves it
at /airvault/metrics."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from airvault.config import Config
from airvault.ops.copies import CopySite, SiteFigures, site_figures
from airvault.ops.health import capture_of, drill_summaries, health_report
from airvault.storage.models import DrillSummary, HealthReport
from airvault.storage.store import Store

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
SCOPE = ["kind", "scope"]
COPY_SCOPE = ["copy", "kind", "scope"]


def _seconds(iso: str | None) -> float | None:
    """Unix time of an ISO 8601 time; None for one that does not parse (drill evidence and
    verification records are unsigned files: one bad time must not take every metric down)."""
    try:
        return datetime.fromisoformat(iso).timestamp() if iso else None
    except ValueError:
        return None


def _gauge(name: str, doc: str, labels: list[str], rows) -> GaugeMetricFamily:
    """A gauge of (label values, value) rows; a row without a value is left out."""
    family = GaugeMetricFamily(name, doc, labels=labels)
    for values, value in rows:
        if value is not None:
            family.add_metric(values, value)
    return family


class _Snapshot(Collector):
    """One scrape's figures, gathered before they are written."""

    def __init__(
        self,
        report: HealthReport,
        drills: list[DrillSummary],
        now: datetime,
        copies: list[SiteFigures] | None = None,
    ):
        self.report, self.drills, self.now = report, drills, now
        self.copies = copies or []

    def collect(self) -> Iterator[GaugeMetricFamily]:
        r = self.report
        newest = [([s.kind, s.scope], _seconds(s.newest_at)) for s in r.scopes]
        yield _gauge(
            "airvault_backup_newest_age_seconds",
            "Age of the newest usable backup (not failed verification) per kind and scope",
            SCOPE,
            [(k, self.now.timestamp() - at) for k, at in newest if at],
        )
        yield _gauge(
            "airvault_backup_newest_timestamp_seconds",
            "Start time of the newest usable backup (Unix time)",
            SCOPE,
            newest,
        )
        yield _gauge(
            "airvault_backup_freshness_target_seconds",
            "health.freshness_hours of the kind, in seconds",
            SCOPE,
            [
                ([s.kind, s.scope], s.target_hours * 3600)
                for s in r.scopes
                if s.target_hours is not None
            ],
        )
        checked = [([v.kind, v.scope, v.by], v) for v in r.verifications]
        yield _gauge(
            "airvault_verify_ok",
            "Newest recorded verification (verify or drill) of "
            "the kind and scope: 1 passed, 0 failed",
            [*SCOPE, "by"],
            [(k, float(v.ok)) for k, v in checked],
        )
        yield _gauge(
            "airvault_verify_timestamp_seconds",
            "When that verification ran",
            [*SCOPE, "by"],
            [(k, _seconds(v.at)) for k, v in checked],
        )
        yield from self._drills()
        yield _gauge(
            "airvault_storage_bytes",
            "Bytes of backup table files in storage, per kind",
            ["kind"],
            [([k], float(b)) for k, b in sorted(r.bytes_by_kind.items())],
        )
        yield _gauge(
            "airvault_incomplete_folders",
            "Backup folders without a manifest",
            [],
            [([], float(r.incomplete_folders))],
        )
        yield _gauge(
            "airvault_unreadable_folders",
            "Backup folders that cannot be used",
            [],
            [([], float(len(r.unreadable)))],
        )
        yield _gauge(
            "airvault_health_problems",
            "Problems the health check names (targets missed, unreadable folders, capture)",
            [],
            [([], float(len(r.problems)))],
        )
        if r.capture is not None:
            yield from self._capture()
        if self.copies:
            yield from self._copies()

    def _drills(self) -> Iterator[GaugeMetricFamily]:
        newest: dict[tuple[str, str], DrillSummary] = {}
        for d in self.drills:  # newest first
            if d.kind and d.scope and _seconds(d.drilled_at) and d.ok is not None:
                newest.setdefault((d.kind, d.scope), d)
        rows = [(list(k), d) for k, d in sorted(newest.items())]
        yield _gauge(
            "airvault_drill_ok",
            "Newest restore drill of the kind and scope: 1 passed",
            SCOPE,
            [(k, float(bool(d.ok))) for k, d in rows],
        )
        yield _gauge(
            "airvault_drill_timestamp_seconds",
            "When that drill ran",
            SCOPE,
            [(k, _seconds(d.drilled_at)) for k, d in rows],
        )
        yield _gauge(
            "airvault_drill_rto_seconds",
            "That drill's restore time",
            SCOPE,
            [(k, d.rto_s) for k, d in rows],
        )

    def _copies(self) -> Iterator[GaugeMetricFamily]:
        newest = [
            ([c.name, kind, scope], _seconds(at))
            for c in self.copies
            for (kind, scope), at in sorted(c.newest.items())
        ]
        yield _gauge(
            "airvault_copy_backup_newest_age_seconds",
            "Age of the newest usable backup in each copy, per kind and scope",
            COPY_SCOPE,
            [(k, self.now.timestamp() - at) for k, at in newest if at],
        )
        yield _gauge(
            "airvault_copy_backup_newest_timestamp_seconds",
            "Start time of the newest usable backup in each copy (Unix time)",
            COPY_SCOPE,
            newest,
        )
        yield _gauge(
            "airvault_copy_storage_bytes",
            "Bytes of backup table files in each copy, per kind",
            ["copy", "kind"],
            [
                ([c.name, k], float(b))
                for c in self.copies
                for k, b in sorted(c.bytes_by_kind.items())
            ],
        )
        yield _gauge(
            "airvault_copy_incomplete_folders",
            "Backup folders without a manifest in each copy (a copy cut short, until resumed)",
            ["copy"],
            [([c.name], float(c.incomplete)) for c in self.copies if c.reachable],
        )
        yield _gauge(
            "airvault_copy_up",
            "1 when the copy could be listed, 0 when not (storage down, credentials refused)",
            ["copy"],
            [([c.name], float(c.reachable)) for c in self.copies],
        )
        states = self.report.copies  # copy -> state -> how many scopes' newest backups
        yield _gauge(
            "airvault_copy_newest_backups",
            "How many scopes' newest usable backups of the root each copy holds (state ok), "
            "holds cut short (incomplete), lacks (missing) or cannot tell (unreachable)",
            ["copy", "state"],
            [
                ([name, state], float(n))
                for name, by in sorted(states.items())
                for state, n in sorted(by.items())
            ],
        )

    def _capture(self) -> Iterator[GaugeMetricFamily]:
        c = self.report.capture
        assert c is not None
        slot = [c.slot]
        yield _gauge(
            "airvault_capture_lag_seconds",
            "Now minus the newest durable change (the RPO)",
            ["slot"],
            [(slot, c.rpo_seconds)],
        )
        yield _gauge(
            "airvault_capture_covered_until_timestamp_seconds",
            "Point-in-time restores reach up to this time (Unix time)",
            ["slot"],
            [(slot, _seconds(c.covered_until))],
        )
        yield _gauge(
            "airvault_capture_segments",
            "Change segments in storage",
            ["slot"],
            [(slot, float(c.segments))],
        )
        yield _gauge(
            "airvault_capture_bytes",
            "Bytes of change segments in storage",
            ["slot"],
            [(slot, float(c.segment_bytes))],
        )
        yield _gauge(
            "airvault_capture_problems",
            "Problems of the segment chain and its lag",
            ["slot"],
            [(slot, float(len(c.problems)))],
        )


def metrics_text(
    config: Config, root: Store, now: datetime | None = None, copies: list[CopySite] | None = None
) -> str:
    """The metrics of `root` now, in Prometheus' text format (the storage only: the app
    database is not asked, as for the page), with those of `copies` (the config's, opened)."""
    now = now or datetime.now(UTC)
    drills = drill_summaries(root)
    report = health_report(
        root,
        config.health.freshness_hours,
        now,
        write=False,
        capture=capture_of(config, root),
        drills=drills,
        copies=copies,
    )
    figures = [site_figures(site) for site in copies or []]
    registry = CollectorRegistry(auto_describe=False)
    registry.register(_Snapshot(report, drills, now, figures))
    return generate_latest(registry).decode()
