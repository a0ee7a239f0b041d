"""filmbase.workers.BufferedThreadWorker: slow clients cost a socket, not a thread.

Each test runs gunicorn with the worker and a tiny WSGI application (one process of two
threads, or two for sharing connections), so that it checks the worker itself, quickly;
test_faults.py checks filmbase under it.
"""

import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections import Counter

import pytest

from filmbase.workers import head_complete
from tests.system.conftest import ROOT, free_port, request, wait_for

pytestmark = [pytest.mark.system, pytest.mark.faults]

APP = """
import os

def app(environ, start_response):
    body = environ["wsgi.input"].read()
    answer = f"{environ['REQUEST_METHOD']} {environ['PATH_INFO']} {len(body)}".encode()
    if environ["PATH_INFO"] == "/pid":
        answer = str(os.getpid()).encode()
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(answer)))])
    return [answer]
"""


# Long enough for a loaded machine to finish the tests' pipelined heads in time, short
# enough to see a head that never ends answered 408.
HEAD_TIMEOUT = 5


def _start_gunicorn(tmp_path, *, workers: int, threads: int):
    """Start the tiny application under the worker; yield its base URL and port."""
    (tmp_path / "tinyapp.py").write_text(APP)
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--chdir",
            str(tmp_path),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--worker-class",
            "filmbase.workers.BufferedThreadWorker",
            "tinyapp:app",
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "GUNICORN_HEAD_TIMEOUT": str(HEAD_TIMEOUT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    wait_for(lambda: request(base, "GET", "/", timeout=2).status == 200, 30, "gunicorn start")
    yield base, port
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(20)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    yield from _start_gunicorn(tmp_path_factory.mktemp("tinyapp"), workers=1, threads=2)


@pytest.fixture(scope="module")
def two_workers(tmp_path_factory):
    started = _start_gunicorn(tmp_path_factory.mktemp("tinyapp2"), workers=2, threads=2)
    base, port = next(started)
    # Both workers up: each has answered once (a new connection each time).
    seen = set()
    wait_for(
        lambda: seen.add(request(base, "GET", "/pid", timeout=2).body) or len(seen) == 2,
        30,
        "both workers",
    )
    yield base, port
    next(started, None)


def _connect(port):
    return socket.create_connection(("127.0.0.1", port), timeout=10)


def _read_all(sock) -> bytes:
    chunks = []
    while chunk := sock.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def _read_until(sock, end: bytes) -> bytes:
    """Read one answer of a kept-alive connection: its head and body may come apart."""
    answer = b""
    while not answer.endswith(end):
        chunk = sock.recv(65536)
        assert chunk, f"closed before {end!r}: {answer!r}"
        answer += chunk
    return answer


def _answer_body(sock) -> bytes:
    """Read one whole answer of a kept-alive connection and return its body."""
    answer = b""
    while b"\r\n\r\n" not in answer:
        chunk = sock.recv(65536)
        assert chunk, answer
        answer += chunk
    head, body = answer.split(b"\r\n\r\n", 1)
    length = int(re.search(rb"(?i)content-length: *(\d+)", head).group(1))
    while len(body) < length:
        chunk = sock.recv(65536)
        assert chunk, answer
        body += chunk
    return body


def _others_are_answered_at_once(base, count):
    """`count` ordinary requests, one after the other, all answered within 5 s."""
    started = time.monotonic()
    for _ in range(count):
        assert request(base, "GET", "/fast", timeout=5).body == b"GET /fast 0"
    assert time.monotonic() - started < 5


def test_a_head_is_complete_at_its_blank_line():
    assert head_complete(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
    assert head_complete(b"GET / HTTP/1.1\nHost: x\n\n")
    assert not head_complete(b"GET / HTTP/1.1\r\nHost: x\r\n")
    assert not head_complete(b"\r\n\r\nGET / HTTP/1.1\r\n")  # blank lines before a request


def test_slow_clients_do_not_hold_the_threads(server):
    """Four clients dribbling their heads (twice the threads) while others are served."""
    base, port = server
    slow = [_connect(port) for _ in range(4)]
    head = b"GET /slow HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    try:
        for sock in slow:
            sock.sendall(head[:5])
        _others_are_answered_at_once(base, 10)
        for sock in slow:  # the slow ones finish and are answered in full
            sock.sendall(head[5:])
        for sock in slow:
            assert _read_all(sock).endswith(b"GET /slow 0")
    finally:
        for sock in slow:
            sock.close()


def test_a_head_sent_byte_by_byte_reaches_the_application_intact(server):
    _, port = server
    with _connect(port) as sock:
        for byte in b"POST /p?x=1 HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\n":
            sock.send(bytes([byte]))
        sock.sendall(b"abc")
        answer = b""
        while not answer.endswith(b"POST /p 3"):
            chunk = sock.recv(4096)
            assert chunk, answer
            answer += chunk
        assert answer.startswith(b"HTTP/1.1 200 OK")


def test_kept_alive_and_pipelined_requests_are_answered_in_order(server):
    _, port = server
    with _connect(port) as sock:
        sock.sendall(b"GET /one HTTP/1.1\r\nHost: h\r\n\r\n")
        assert _read_until(sock, b"GET /one 0").startswith(b"HTTP/1.1 200 OK")
        sock.sendall(
            b"GET /two HTTP/1.1\r\nHost: h\r\n\r\n"
            b"GET /three HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"
        )
        rest = _read_all(sock)
        assert rest.index(b"GET /two 0") < rest.index(b"GET /three 0")


def test_a_pipelined_head_that_trickles_in_does_not_hold_a_thread_either(server):
    base, port = server
    slow = [_connect(port) for _ in range(3)]
    try:
        for sock in slow:
            sock.sendall(b"GET /first HTTP/1.1\r\nHost: h\r\n\r\nGET /sec")
        for sock in slow:
            assert _read_until(sock, b"GET /first 0").startswith(b"HTTP/1.1 200 OK")
        _others_are_answered_at_once(base, 5)
        for sock in slow:
            sock.sendall(b"ond HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n")
        for sock in slow:
            assert _read_all(sock).endswith(b"GET /second 0")
    finally:
        for sock in slow:
            sock.close()


def test_a_head_that_never_ends_is_answered_408_and_closed(server):
    _, port = server
    with _connect(port) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: h\r\n")
        started = time.monotonic()
        answer = _read_all(sock)
    assert answer.startswith(b"HTTP/1.1 408")
    assert time.monotonic() - started < HEAD_TIMEOUT + 3  # checked every second


def test_a_huge_head_is_answered_431(server):
    _, port = server
    with _connect(port) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: h\r\nX-Big: " + b"a" * 70_000)
        assert _read_all(sock).startswith(b"HTTP/1.1 431")


def test_a_client_that_connects_and_leaves_costs_nothing(server):
    base, port = server
    for _ in range(20):
        _connect(port).close()
    assert request(base, "GET", "/after", timeout=5).body == b"GET /after 0"


def test_connections_opened_together_are_shared_between_the_workers(two_workers):
    """Four kept-alive connections opened at once, two workers of two threads: 2 and 2.

    Without sharing, the first worker to wake could accept them all and serve every
    later request alone while the other stayed idle.
    """
    _, port = two_workers
    for _ in range(3):
        socks = [_connect(port) for _ in range(4)]
        try:
            for sock in socks:
                sock.sendall(b"GET /pid HTTP/1.1\r\nHost: h\r\n\r\n")
            pids = [_answer_body(sock) for sock in socks]
        finally:
            for sock in socks:
                sock.close()
        assert sorted(Counter(pids).values()) == [2, 2], pids
