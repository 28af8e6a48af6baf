"""The logical replication protocol, as `airvault capture stream` speaks it: a replication
connection, START_REPLICATION SLOT ... LOGICAL with pgoutput's options, then the CopyBoth
sub-protocol (PostgreSQL docs, "Streaming Replication Protocol"): XLogData ('w') and primary
keepalive ('k') messages from the server, standby status updates ('r') from us.

Spoken over psycopg 3's libpq wrapper (psycopg.pq), the driver everything else uses: psycopg 3
has no replication API, and psycopg2's ReplicationCursor moves the flush position it reports
to a keepalive's WAL end on its own once the last message was confirmed (pqpath.c), which
would confirm the slot past what is in storage. Here the flush position sent is only ever the
one `confirm` was given: the end of a segment that is durable.
"""

from __future__ import annotations

import select
import struct
from dataclasses import dataclass
from datetime import UTC, datetime

import psycopg
from psycopg import pq, sql
from psycopg.conninfo import conninfo_to_dict

from airvault.capture.pgoutput import lsn_text, pg_time
from airvault.capture.slot import CaptureError
from airvault.pg.session import SESSION_SETTINGS

APPLICATION = "airvault stream"  # the walsender's application_name: who holds the slot

_XLOG = struct.Struct(">QQq")  # 'w': data start, WAL end, send time
_KEEPALIVE = struct.Struct(">QqB")  # 'k': WAL end, send time, reply requested
_STATUS = struct.Struct(">cQQQqB")  # 'r': written, flushed, applied, client time, reply
_PAYLOAD = 1 + _XLOG.size  # where an XLogData's pgoutput message starts


class StreamRefused(CaptureError):
    """The server (or what stands in front of it) does not allow a replication connection:
    the minute drain is the way to capture here."""


@dataclass(frozen=True)
class Keepalive:
    """Everything committed before `wal_end` has been sent (at `sent_at`, the server's clock)."""

    wal_end: int
    sent_at: datetime
    reply: bool


# What a refused replication connection says, and what it means for the operator.
_REFUSALS = (
    ("permission denied to start wal sender", "REPLICATION"),
    ("must be superuser or replication role", "REPLICATION"),
    ("no pg_hba.conf entry for replication", "pg_hba"),
    ("exceeds max_wal_senders", "max_wal_senders"),
    ("unsupported startup parameter", "pooler"),  # PgBouncer
)


def refusal(error: psycopg.Error, login: str) -> StreamRefused | None:
    """A clear StreamRefused for a connection the server refused as a replication connection
    (None for any other error: a network fault is retried)."""
    text = str(error).strip()
    kind = next((k for pattern, k in _REFUSALS if pattern in text.lower()), None)
    if kind is None:
        return None
    fallback = (
        "the change_capture DAG's minute drain keeps capturing meanwhile (RPO about a "
        "minute); see docs/capture.md"
    )
    why = {
        "REPLICATION": f"the login '{login}' lacks the REPLICATION attribute, which a "
        f"replication connection needs: ALTER ROLE {login} REPLICATION (on RDS and Aurora: "
        f"GRANT rds_replication TO {login}; on Cloud SQL: ALTER USER {login} WITH "
        "REPLICATION as cloudsqlsuperuser)",
        "pg_hba": "pg_hba.conf has no entry allowing this replication connection: add one "
        "for the database and login",
        "max_wal_senders": "the server's max_wal_senders are all in use (or 0): raise "
        "max_wal_senders",
        "pooler": "a connection pooler in front of the server does not pass replication "
        "connections on: point capture.stream at the server itself (port 5432, not the pooler)",
    }[kind]
    first = text.splitlines()[0]
    return StreamRefused(f"streaming changes is not possible here ({first}): {why}; {fallback}")


class ReplicationStream:
    """One replication connection streaming a slot from `start`; `confirm` reports durability."""

    def __init__(self, dsn: str, slot: str) -> None:
        self.slot = slot
        try:
            self.conn = psycopg.connect(
                dsn, autocommit=True, replication="database", application_name=APPLICATION
            )
        except psycopg.OperationalError as e:
            login = conninfo_to_dict(dsn).get("user") or "(this login)"
            raise refusal(e, str(login)) or e from None
        self.pg = self.conn.pgconn
        cur = psycopg.ClientCursor(self.conn)  # a walsender speaks the simple protocol only
        for name, value in SESSION_SETTINGS.items():  # how the values are printed
            cur.execute("SELECT set_config(%s, %s, false)", (name, value))

    def start(self, publication: str, start: int) -> None:
        command = sql.SQL(
            "START_REPLICATION SLOT {} LOGICAL {} (proto_version '1', publication_names {})"
        ).format(
            sql.Identifier(self.slot),
            sql.SQL(lsn_text(start)),
            sql.Literal(sql.Identifier(publication).as_string(self.conn)),
        )
        self.pg.send_query(command.as_bytes(self.conn))
        result = self.pg.get_result()
        if result is None or result.status != pq.ExecStatus.COPY_BOTH:
            message = (result.error_message if result else self.pg.error_message).decode()
            raise CaptureError(
                f"the server refused to stream slot {self.slot}: {message.strip() or '?'}"
            )

    def read_batch(self, timeout: float) -> list[bytes | Keepalive]:
        """Every message that has arrived, waiting at most `timeout` seconds for the first:
        an XLogData as its pgoutput message (the bytes only: nothing else is needed of it),
        a keepalive as Keepalive. One call a wakeup instead of one a message."""
        pg = self.pg
        size, data = pg.get_copy_data(1)
        if size == 0:
            select.select([pg.socket], [], [], timeout)
            pg.consume_input()
            size, data = pg.get_copy_data(1)
        found: list[bytes | Keepalive] = []
        while size > 0:
            kind = data[0]
            if kind == 119:  # w
                found.append(bytes(data[_PAYLOAD:]))
            elif kind == 107:  # k
                wal_end, sent, reply = _KEEPALIVE.unpack_from(data, 1)
                found.append(Keepalive(wal_end, pg_time(sent), bool(reply)))
            else:
                raise CaptureError(f"unexpected replication message type {bytes(data[:1])!r}")
            size, data = pg.get_copy_data(1)
        if size < 0:  # the server ended the stream (what came before it is lost with it)
            result = pg.get_result()
            message = (result.error_message if result else pg.error_message).decode()
            raise psycopg.OperationalError(f"the server ended the stream: {message.strip()}")
        return found

    def confirm(self, flushed: int) -> None:
        """Tell the server everything before `flushed` is durable (the slot may free it). Also
        the heartbeat the server's wal_sender_timeout waits for."""
        now = int((datetime.now(UTC) - pg_time(0)).total_seconds() * 1_000_000)
        self.pg.put_copy_data(_STATUS.pack(b"r", flushed, flushed, flushed, now, 0))
        self.pg.flush()

    def close(self) -> None:
        self.conn.close()
