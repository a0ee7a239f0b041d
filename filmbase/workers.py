"""gunicorn's threaded worker, but a request reaches a thread only once its head is complete.

With the stock `gthread` worker, a thread reads the request line and headers itself,
blocking: a client that sends its request one byte at a time (a bad mobile link, or a
"slowloris" attack) holds a thread until it is done. With two processes of four threads,
eight such clients stop the site for everyone.

`BufferedThreadWorker` reads request heads in the worker's event loop instead, without
blocking, alongside the connections kept alive between requests; only when the blank
line that ends the head has arrived is the connection handed to a thread, with the bytes
read so far put back in front of gunicorn's own parser. The same holds for the next
request on a kept-alive connection, including one pipelined behind the previous answer.
A slow client then costs a socket and a few bytes, not a thread. A head that is not
complete within GUNICORN_HEAD_TIMEOUT seconds (default 20) is answered 408 and closed;
one larger than 64 KiB is answered 431.

A worker that already holds a connection for each of its threads also stops watching
the listening socket for a moment (ACCEPT_YIELD) after accepting, so that the next
connection goes to a worker with a thread to spare, as nginx's workers do
(`accept_disabled`). Without it, clients that open their connections together and keep
them alive (a proxy's upstream pool, a load tester) could all land on one worker and
leave the others idle: measured with wrk's 8 kept-alive connections on two workers,
splits of 8–0 and 7–1 halved the requests per second; with it, the splits were 4–4. The
pause ends early when a connection closes, so clients that do not keep connections alive
are not held up.

Request bodies are still read by the thread (only curators send them, and they are
small); TLS and HTTP/2 prior knowledge, which filmbase leaves to the proxy in front, fall
back to the stock behaviour. docs/deployment.md has the measurements behind choosing it.
"""

import contextlib
import errno
import io
import os
import selectors
import time
from functools import partial

from gunicorn.workers.gthread import TConn, ThreadWorker

MAX_HEAD_BYTES = 64 * 1024
# Seconds a worker with a connection for each thread leaves new ones to the others.
ACCEPT_YIELD = 0.005
_HEAD_ENDS = (b"\r\n\r\n", b"\n\n")
_TIMEOUT_ANSWER = b"HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
_TOO_LARGE_ANSWER = (
    b"HTTP/1.1 431 Request Header Fields Too Large\r\n"
    b"Connection: close\r\nContent-Length: 0\r\n\r\n"
)


def head_complete(data: bytes) -> bool:
    """Return whether `data` holds a whole request head (blank lines before it ignored)."""
    data = data.lstrip(b"\r\n")
    return any(end in data for end in _HEAD_ENDS)


class BufferedThreadWorker(ThreadWorker):
    """A `gthread` worker that buffers each request head before giving it a thread."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.head_timeout = float(os.environ.get("GUNICORN_HEAD_TIMEOUT", "20"))
        self.reading_heads = set()
        self.accept_paused_until = 0.0
        self.buffering = not self.cfg.is_ssl and getattr(self.cfg, "http2_cleartext", None) not in (
            "prior-knowledge",
            "both",
        )

    # -- Sharing new connections with the other workers --------------------------------

    def _yield_if_full(self):
        """With a connection for every thread, let the next one go to another worker."""
        if self.nr_conns >= self.cfg.threads and self.alive:
            self.accept_paused_until = time.monotonic() + ACCEPT_YIELD
            super().set_accept_enabled(False)

    def set_accept_enabled(self, enabled):
        # run() asks for the listener back on every turn of its loop: not while yielding,
        # unless a connection has closed meanwhile and a thread is free again.
        yielding = self.nr_conns >= self.cfg.threads and time.monotonic() < self.accept_paused_until
        if enabled and yielding:
            return
        super().set_accept_enabled(enabled)

    def wait_for_and_dispatch_events(self, timeout):
        # Wake up when the pause ends, to take the listener back.
        pause = self.accept_paused_until - time.monotonic()
        super().wait_for_and_dispatch_events(min(timeout, pause) if pause > 0 else timeout)

    # -- New connections and kept-alive ones that become readable: buffer the head ----

    def accept(self, listener):
        if not self.buffering:
            super().accept(listener)
            self._yield_if_full()
            return
        try:
            client_sock, client_addr = listener.accept()
        except OSError as e:
            if e.errno not in (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK):
                raise
            return
        self.nr_conns += 1
        self._yield_if_full()
        conn = TConn(self.cfg, client_sock, client_addr, listener.getsockname())  # non-blocking
        self._read_head(conn, register=True)

    def on_client_socket_readable(self, conn, client):
        if not self.buffering:
            return super().on_client_socket_readable(conn, client)
        self.keepalived_conns.remove(conn)
        self._read_head(conn, register=False)

    def _read_head(self, conn, *, register: bool):
        conn.head = bytearray()
        conn.head_deadline = time.monotonic() + self.head_timeout
        self.reading_heads.add(conn)
        callback = partial(self.on_head_readable, conn)
        if register:
            self.poller.register(conn.sock, selectors.EVENT_READ, callback)
        else:
            self.poller.modify(conn.sock, selectors.EVENT_READ, callback)

    def on_head_readable(self, conn, client):
        try:
            data = conn.sock.recv(MAX_HEAD_BYTES)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if not data:  # the client went away before finishing its request
            self._drop(conn)
            return
        conn.head += data
        if head_complete(conn.head):
            self.poller.unregister(conn.sock)
            self.reading_heads.discard(conn)
            conn.buffered, conn.head = bytes(conn.head), None
            conn.data_ready = True
            self.enqueue_req(conn)
        elif len(conn.head) > MAX_HEAD_BYTES:
            self._drop(conn, answer=_TOO_LARGE_ANSWER)

    def finish_request(self, conn, fs):
        """After a kept-alive answer, buffer a pipelined head that is not complete yet."""
        if self.buffering and self.alive and not fs.cancelled() and fs.exception() is None:
            leftover = conn.parser.unreader.buf.getvalue() if fs.result() is True else b""
            if leftover and not head_complete(leftover):
                conn.parser.unreader.buf = io.BytesIO()
                conn.sock.setblocking(False)
                self._read_head(conn, register=True)
                conn.head += leftover
                return
        super().finish_request(conn, fs)

    def murder_pending(self):
        """Also close connections whose head is late; all of them when the worker stops."""
        super().murder_pending()
        now = time.monotonic()
        for conn in [c for c in self.reading_heads if c.head_deadline <= now or not self.alive]:
            self._drop(conn, answer=_TIMEOUT_ANSWER if conn.head and self.alive else None)

    def _drop(self, conn, answer: bytes | None = None):
        self.reading_heads.discard(conn)
        with contextlib.suppress(KeyError, ValueError, OSError):
            self.poller.unregister(conn.sock)
        if answer:
            with contextlib.suppress(OSError):
                conn.sock.send(answer)
        self.nr_conns -= 1
        conn.close()

    # -- In the thread: put the buffered head back in front of gunicorn's parser ----

    def handle(self, conn):
        buffered = getattr(conn, "buffered", None)
        if buffered is not None:
            conn.buffered = None
            conn.sock.setblocking(True)
            conn.init()  # plain HTTP/1: makes the parser without reading; no-op if kept alive
            conn.parser.unreader.unread(buffered)
        return super().handle(conn)
