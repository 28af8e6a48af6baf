"""Continuous protection: draining the change-capture slot into storage."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from airvault.airflow.operators.base import AirvaultOperator, core_errors, flag, names


class ChangeCaptureOperator(AirvaultOperator):
    """Move every change committed on the app database since the last drain into change
    segments in storage (``<root>/changes/<slot>/``), then confirm the slot. Run every minute
    (the ``change_capture`` DAG), it keeps the RPO near one minute. With ``capture.stream``,
    ``airvault capture stream`` does that every few seconds: this then checks it is alive
    (its XCom: lag, restarts) and drains only when it is not, failing after the drain so that
    the DAG's alert goes out. Fails clearly when the
    slot is missing (``airvault capture start``) or another drain of it is running. With
    ``copies`` in the config, the segments then go to each copy (a failed copy fails the task
    after the slot is confirmed; the next drain copies what is still missing). A schema
    change the replay cannot repeat (named in the result's ``gaps``) ends point-in-time
    coverage from older bases: a new full base is taken at once (``new_base``).

    :param slot: the replication slot (default: the config's ``capture.slot``)
    :param publication: its publication (default: ``capture.publication``)
    """

    template_fields: Sequence[str] = (*AirvaultOperator.template_fields, "slot", "publication")

    def __init__(
        self, *, slot: str | None = None, publication: str | None = None, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.slot, self.publication = slot, publication

    def execute(self, context: Any) -> dict:
        from airvault.backup.run import scoped_options
        from airvault.capture.drain import drain
        from airvault.capture.heartbeat import supervise
        from airvault.capture.rebase import new_base_after_gaps, new_base_after_streamed_gap
        from airvault.capture.slot import CaptureError
        from airvault.storage.codec import FileCodec

        hook = self.hook
        config = hook.config
        cap, b = config.capture, config.backup
        slot, dsn = self.slot or cap.slot, hook.get_dsn()
        with core_errors():
            store = hook.get_store()
            watch = supervise(store, slot, dsn) if cap.stream else None
            opts = scoped_options(config)
            opts.encryption_key = hook.new_files_key(store)
            if watch and watch.alive:  # the streamer has it: report, copy, nothing to drain
                self.log.info("slot %s is streamed: RPO %s s", slot, watch.rpo_seconds)
                result = None
                rebased = new_base_after_streamed_gap(slot, dsn, store, opts)
            else:  # no streamer expected, or the fallback while it is down
                codec = FileCodec(b.compression, b.compression_level, opts.encryption_key)
                result = drain(
                    dsn,
                    store,
                    slot,
                    self.publication or cap.publication,
                    codec,
                    segment_changes=cap.segment_changes,
                    idle_segment_minutes=cap.idle_segment_minutes,
                )
                self.log.info("%s", result.summary())
                # a schema change the replay cannot cross: coverage from older bases ends
                # there, so a new base at once
                rebased = new_base_after_gaps(result, dsn, store, opts)
            if config.copies:  # the new segments (and any a copy lacks) to each copy
                from airvault.ops.copies import sync

                sync(store, hook.copy_sites(), rels=[])
            if watch and not watch.alive:  # drained: nothing waits; now the alert
                raise CaptureError(watch.problem or f"slot {slot} is not streamed")
        if watch:
            return {
                "streamed": True,
                **watch.to_json(),
                "new_base": rebased.url if rebased else None,
            }
        assert result is not None
        last = result.segments[-1] if result.segments else None
        return {
            "segments": len(result.segments),
            "transactions": result.transactions,
            "changes": result.changes,
            "covered_until": last.covered_until if last else None,
            "end_lsn": last.end_lsn if last else None,
            "schema_changes": sum(len(s.schema_changes) for s in result.segments),
            "gaps": [g.model_dump() for g in result.gaps],
            "new_base": rebased.url if rebased else None,
        }


class PointInTimeRestoreOperator(AirvaultOperator):
    """Restore the app database's state at a point in time: a base backup (taken while change
    capture ran) plus its change segments, replayed up to `until`. Planned in a scratch
    database first; with `dry_run` (the default) the XCom is that plan (rows per table that
    would change) and nothing is written.

    :param backup_url: the base backup, a folder under the storage root (or under the root of
        one of the config's copies)
    :param copy: read the base and its change segments from this copy of the config
        (``copies.NAME``): a URL of the storage root names the same folder there
    :param until: "latest", an ISO time (UTC unless it says otherwise) or an LSN
    :param mode: "replace", "merge" or "new-database" (the database of `target_conn_id`)
    :param tables: only these tables (list or comma-separated); `module` adds a module's
    :param tenant: replace / merge only this tenant's rows (``tenancy`` of the config)
    :param target_conn_id: ``connections.app_db`` (default) or a ``restore_targets`` entry
    :param owner_map: new-database: give the objects an owner owns to another role: a dict,
        or ``OLD=NEW`` pairs (a list, or comma-separated text), as the CLI's ``--owner-map``
    :param allow_cascade: replace: let ON DELETE actions reach tables the restore leaves out
    :param dry_run: plan only (default True)
    :param confirm: when given, it must say RESTORE before anything is written
    """

    template_fields: Sequence[str] = (
        *AirvaultOperator.template_fields,
        *("backup_url", "until", "mode", "tables", "module", "tenant", "target_conn_id"),
        *("owner_map", "allow_cascade", "dry_run", "confirm", "copy"),
    )

    def __init__(
        self,
        *,
        backup_url: str,
        until: str = "latest",
        mode: str = "replace",
        tables: list[str] | str | None = None,
        module: str | None = None,
        tenant: str | None = None,
        target_conn_id: str | None = None,
        owner_map: dict[str, str] | list[str] | str | None = None,
        allow_cascade: bool | str = False,
        dry_run: bool | str = True,
        confirm: str | None = None,
        copy: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.owner_map, self.copy = owner_map, copy
        self.backup_url, self.until, self.mode = backup_url, until, mode
        self.tables, self.module, self.tenant = tables, module, tenant
        self.target_conn_id, self.allow_cascade = target_conn_id, allow_cascade
        # (the dry_run argument shadows BaseOperator.dry_run(), which Airflow 3 never calls)
        self.dry_run, self.confirm = dry_run, confirm  # type: ignore[method-assign, assignment]

    def execute(self, context: Any) -> dict:
        from airflow.sdk.exceptions import AirflowFailException

        from airvault.airflow.operators.restore import CONFIRM_WORD
        from airvault.airflow.run_conf import check_run_conf
        from airvault.pg.scope import RowRules
        from airvault.restore.point_in_time import restore_to_point
        from airvault.restore.request import RestoreTarget, module_tables, restore_request
        from airvault.storage.opened import OpenedBackup

        check_run_conf(self.hook, context["dag_run"].conf)  # first, before anything is read
        hook = self.hook
        config = hook.config
        dry_run = flag(self.dry_run)
        if not dry_run and self.confirm is not None and self.confirm != CONFIRM_WORD:
            raise AirflowFailException(f"not confirmed: set confirm to {CONFIRM_WORD} to apply")
        with core_errors():
            # checked as the CLI and the page check it (mode, tables, owner map, point)
            request = restore_request(
                str(self.backup_url),
                str(self.mode),
                names(self.tables),
                module_tables(config, self.module),
                self.owner_map or None,
                allow_cascade=flag(self.allow_cascade),
                until=str(self.until or "latest"),
                tenant=self.tenant or None,
            )
            rows = None
            if self.tenant:
                rows = RowRules(
                    tenant_id=self.tenant,
                    tenant_table=config.tenancy.table,
                    tenant_column=config.tenancy.column,
                )
            store = hook.get_store()
            source = hook.backup_source(self.backup_url, copy=self.copy or None)
            base = OpenedBackup.open(source)
            target = RestoreTarget(
                hook.restore_target_dsn(self.target_conn_id),
                safety_root=None if request.mode == "new-database" else store,
                progress_root=store,
                row_filters=config.backup.row_filters,
            )
            changes = hook.root_holding(source)  # the segments beside the base it read
            result = restore_to_point(
                request, target, base, rows=rows, changes_root=changes, dry_run=dry_run
            )
        return result.to_json()
