"""A loopback HTTP proxy in front of the moto S3 server that behaves like a bad day on S3.

* `fail_ratio` of the requests (chosen by a seeded random generator, so a run is repeatable)
  get a 503 SlowDown, a 500 InternalError, or a reset connection, instead of reaching moto;
* `stall_ratio` of the requests wait `stall_seconds` before they are forwarded (a slow link);
* after `outage_after` more requests (set at any time), every request gets a 503: an outage
  that outlasts the client's retries, in the middle of a transfer;
* presigned SigV4 URLs past X-Amz-Date + X-Amz-Expires are refused with 403, as AWS does
  (moto serves them forever, so without this no test could see a link expire).
"""

from __future__ import annotations

import http.client
import random
import socket
import threading
import time
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade"}


def _error(code: str, message: str) -> bytes:
    return f'<?xml version="1.0" encoding="UTF-8"?><Error><Code>{code}</Code><Message>{message}</Message></Error>'.encode()


class S3Proxy:
    def __init__(
        self,
        upstream: str,
        fail_ratio: float = 0.0,
        seed: int = 0,
        stall_ratio: float = 0.0,
        stall_seconds: float = 2.0,
    ) -> None:
        self.upstream = urlsplit(upstream)
        self.fail_ratio = fail_ratio
        self.stall_ratio, self.stall_seconds = stall_ratio, stall_seconds
        self.random = random.Random(seed)
        self.outage_after: int | None = None  # requests still served before an outage
        self.lock = threading.Lock()
        self.counts = {"forwarded": 0, "503": 0, "500": 0, "reset": 0, "expired": 0, "stall": 0}
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                if proxy._expired(self.path):
                    return self._reply(
                        403, _error("AccessDenied", "Request has expired"), "expired"
                    )
                if proxy._out():
                    return self._reply(503, _error("SlowDown", "injected outage"), "503")
                with proxy.lock:
                    roll = proxy.random.random()
                    fault = proxy.random.choice(["503", "500", "reset"])
                    stall = proxy.random.random() < proxy.stall_ratio
                if roll < proxy.fail_ratio:
                    if fault == "reset":
                        proxy._count("reset")
                        self.close_connection = True
                        self.connection.shutdown(socket.SHUT_RDWR)
                        return
                    code = {"503": "SlowDown", "500": "InternalError"}[fault]
                    return self._reply(int(fault), _error(code, "injected fault"), fault)
                if stall:
                    proxy._count("stall")
                    time.sleep(proxy.stall_seconds)
                conn = http.client.HTTPConnection(proxy.upstream.hostname, proxy.upstream.port)
                headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
                conn.request(self.command, self.path, body=body, headers=headers)
                resp = conn.getresponse()
                data = resp.read()
                self.send_response(resp.status)
                for k, v in resp.getheaders():
                    if k.lower() not in HOP_BY_HOP and k.lower() != "content-length":
                        self.send_header(k, v)
                # a HEAD has no body: its length is the object's, as upstream said
                length = resp.getheader("Content-Length") if self.command == "HEAD" else None
                self.send_header("Content-Length", length or str(len(data)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)
                conn.close()
                proxy._count("forwarded")

            def _reply(self, status: int, body: bytes, kind: str) -> None:
                proxy._count(kind)
                self.send_response(status)
                self.send_header("Content-Type", "application/xml")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)

            do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = _handle

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def _out(self) -> bool:
        with self.lock:
            if self.outage_after is None:
                return False
            if self.outage_after > 0:
                self.outage_after -= 1
                return False
            return True

    def _count(self, kind: str) -> None:
        with self.lock:
            self.counts[kind] += 1

    @staticmethod
    def _expired(path: str) -> bool:
        query = parse_qs(urlsplit(path).query)
        if "X-Amz-Expires" not in query or "X-Amz-Date" not in query:
            return False
        signed = datetime.strptime(query["X-Amz-Date"][0], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
        return datetime.now(UTC) > signed + timedelta(seconds=int(query["X-Amz-Expires"][0]))

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
