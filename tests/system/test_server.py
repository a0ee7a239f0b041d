"""The app server as filmbase configures it (filmbase/server.py: waitress).

Each test serves a tiny WSGI application with filmbase/server.py's settings, so that it
checks the server and its configuration, quickly; the other system tests check filmbase
under it, and test_slow_clients.py checks slow clients against the whole site.
"""

import os
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest

from bench.harness import ROOT, free_port, wait_for
from filmbase.server import options
from tests.system.conftest import request

pytestmark = pytest.mark.system

APP = """
import os
import threading
import time

TOGETHER = threading.Barrier(int(os.environ["WEB_THREADS"]))

def app(environ, start_response):
    body = environ["wsgi.input"].read()
    if environ["PATH_INFO"] == "/sleep":
        open(os.environ["STARTED"], "a").close()  # tells the test a thread has the request
        time.sleep(float(environ["QUERY_STRING"] or "1"))
    if environ["PATH_INFO"] == "/together":
        # Answered only once every thread holds one: served one at a time, they fail.
        TOGETHER.wait(timeout=20)
    answer = f"{environ['REQUEST_METHOD']} {environ['PATH_INFO']} {len(body)}".encode()
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(answer)))])
    return [answer]
"""
THREADS = 3


@pytest.fixture
def server(tmp_path):
    """Serve the tiny application with filmbase.server.main; yield its base URL and more."""
    (tmp_path / "tinyapp.py").write_text(APP)
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import tinyapp; from filmbase import server; server.main(tinyapp.app)",
        ],
        cwd=ROOT,
        env={
            **os.environ,
            "PYTHONPATH": f"{tmp_path}{os.pathsep}{ROOT}",
            "HOST": "127.0.0.1",
            "PORT": str(port),
            "WEB_THREADS": str(THREADS),
            "STARTED": str(tmp_path / "started"),
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    wait_for(lambda: request(base, "GET", "/", timeout=2).status == 200, 30, "server start")
    yield base, port, process
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(20)


def _connect(port):
    return socket.create_connection(("127.0.0.1", port), timeout=10)


def _read_all(sock) -> bytes:
    chunks = []
    while chunk := sock.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def _at_once(base, count, path):
    """Send `count` requests at once; return their answers' bodies and the time taken."""
    bodies = [None] * count

    def ask(n):
        bodies[n] = request(base, "GET", path, timeout=30).body

    threads = [threading.Thread(target=ask, args=(n,)) for n in range(count)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return bodies, time.monotonic() - started


def test_the_settings_follow_the_environment():
    configured = options({"HOST": "0.0.0.0", "PORT": "8123", "WEB_THREADS": "5"})
    assert configured["listen"] == "0.0.0.0:8123"
    assert configured["threads"] == 5
    assert configured["trusted_proxy"] == "127.0.0.1"  # FORWARDED_ALLOW_IPS's default
    assert options({"FORWARDED_ALLOW_IPS": "*"})["trusted_proxy"] == "*"
    assert "trusted_proxy" not in options({"FORWARDED_ALLOW_IPS": ""})
    with pytest.raises(SystemExit, match="FORWARDED_ALLOW_IPS"):
        options({"FORWARDED_ALLOW_IPS": "10.0.0.1,10.0.0.2"})


def test_the_threads_serve_requests_at_the_same_time(server):
    """Each request waits in the app until every thread holds one: no timing involved."""
    base, _, _ = server
    bodies, _ = _at_once(base, THREADS, "/together")
    assert bodies == [b"GET /together 0"] * THREADS


def test_more_requests_than_threads_wait_their_turn(server):
    base, _, _ = server
    bodies, _ = _at_once(base, THREADS * 3, "/sleep?0.2")
    assert bodies == [b"GET /sleep 0"] * (THREADS * 3)


def test_a_request_sent_byte_by_byte_reaches_the_application_intact(server):
    _, port, _ = server
    with _connect(port) as sock:
        for byte in (
            b"POST /p?x=1 HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc"
        ):
            sock.send(bytes([byte]))
        answer = _read_all(sock)
    assert answer.startswith(b"HTTP/1.1 200 OK")
    assert answer.endswith(b"POST /p 3")


def test_kept_alive_and_pipelined_requests_are_answered_in_order(server):
    _, port, _ = server
    with _connect(port) as sock:
        sock.sendall(
            b"GET /one HTTP/1.1\r\nHost: h\r\n\r\n"
            b"GET /two HTTP/1.1\r\nHost: h\r\n\r\n"
            b"GET /three HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"
        )
        answers = _read_all(sock)
    assert answers.index(b"GET /one 0") < answers.index(b"GET /two 0")
    assert answers.index(b"GET /two 0") < answers.index(b"GET /three 0")


def test_a_body_larger_than_a_poster_is_refused_before_it_is_read(server):
    _, port, _ = server
    with _connect(port) as sock:
        sock.sendall(b"POST /p HTTP/1.1\r\nHost: h\r\nContent-Length: 7340032\r\n\r\n")
        assert _read_all(sock).startswith(b"HTTP/1.1 413")


def test_a_client_that_connects_and_leaves_costs_nothing(server):
    base, port, _ = server
    for _ in range(20):
        _connect(port).close()
    assert request(base, "GET", "/after", timeout=5).body == b"GET /after 0"


def test_sigterm_answers_the_request_in_progress_then_exits(server, tmp_path):
    base, _, process = server
    answers = []
    asking = threading.Thread(
        target=lambda: answers.append(request(base, "GET", "/sleep?2", timeout=30))
    )
    asking.start()
    # The app says when a thread has the request; a fixed delay could be too short.
    wait_for(lambda: (tmp_path / "started").exists(), 30, "the request to reach a thread")
    process.send_signal(signal.SIGTERM)
    assert process.wait(20) == 0
    asking.join(30)
    assert answers and answers[0].body == b"GET /sleep 0"
