"""Slow clients do not take the site down: ten send their heads a byte every 0.5 s, ten
their bodies, and a normal request is still answered within 0.5 s.

Twice: filmbase as `make run` serves it (bin/start on a fresh SQLite database, nothing in
front), and as the compose stack serves it (Debian's nginx with deploy/nginx.conf,
rendered for 127.0.0.1, in front of bin/start).
"""

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import threading
import time

import pytest

from bench.harness import ROOT, Server, fetch, free_port, wait_for

pytestmark = pytest.mark.system

# (slow heads, slow bodies): each kind alone, then both together.
CROWDS = {"heads": (10, 0), "bodies": (0, 10), "both": (10, 10)}
EVERY = 0.5  # seconds between two bytes of a slow client
BAR = 0.5  # seconds a normal request may take meanwhile
HEAD = b"GET /films/ HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slow head\r\n\r\n"
BODY_HEAD = (
    b"POST /api/v1/auth/token/ HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slow body\r\n"
    b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n"
)


class SlowClients:
    """Connections that each send their request one byte every EVERY seconds."""

    def __init__(self, port: int, heads: int, bodies: int):
        self.port = port
        self.heads, self.bodies = heads, bodies
        self.clients = []
        self.rounds = 0
        self.started = threading.Event()  # every client has sent a few bytes
        self.halt = threading.Event()
        self.thread = threading.Thread(target=self._dribble, daemon=True)

    def __enter__(self):
        for _ in range(self.heads):
            self.clients.append([self._connect(), HEAD])
        for _ in range(self.bodies):
            sock = self._connect()
            sock.sendall(BODY_HEAD)  # the head at once; the body a byte at a time
            self.clients.append([sock, b"u" * 1000])
        self.thread.start()
        # Two bytes each: every connection was accepted and is being served slowly.
        assert self.started.wait(30), "the slow clients could not start"
        return self

    def _connect(self):
        return socket.create_connection(("127.0.0.1", self.port), timeout=10)

    def _dribble(self):
        while not self.halt.is_set():
            for client in self.clients:
                sock, rest = client
                if rest:
                    with contextlib.suppress(OSError):  # a server may give up on one
                        sock.send(rest[:1])
                    client[1] = rest[1:]
            self.rounds += 1
            if self.rounds == 2:
                self.started.set()
            self.halt.wait(EVERY)

    def unfinished(self) -> int:
        """Return how many slow clients have not sent their whole request yet."""
        return sum(bool(rest) for _, rest in self.clients)

    def __exit__(self, *exc):
        self.halt.set()
        self.thread.join(10)
        for sock, _ in self.clients:
            sock.close()


def assert_answered_in_time(base: str, port: int, crowd: str) -> None:
    """Five GET / over about 3 s while the slow clients dribble: 200, each within BAR."""
    assert fetch(base + "/")[0] == 200  # cached, as a reader's page is
    answers = []
    with SlowClients(port, *CROWDS[crowd]) as slow:
        for _ in range(5):
            started = time.monotonic()
            try:
                status = fetch(base + "/", timeout=10)[0]
            except OSError as error:  # no answer within 10 s
                status = repr(error)
            answers.append((status, round(time.monotonic() - started, 3)))
            time.sleep(0.6)
        unfinished = slow.unfinished()
    assert all(status == 200 and seconds < BAR for status, seconds in answers), answers
    # Still slow to the end: none had sent its whole request.
    assert unfinished == sum(CROWDS[crowd]), unfinished


@pytest.fixture(scope="module")
def make_run(tmp_path_factory, static_root):
    """filmbase as `make run` starts it: bin/start, its default settings, SQLite."""
    tmp_path = tmp_path_factory.mktemp("make-run")
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))},
        "FILMBASE_VAR_DIR": str(tmp_path / "var"),
    }
    with Server(env, static_root=static_root, log_path=tmp_path / "server.log") as server:
        yield server


@pytest.mark.parametrize("crowd", CROWDS)
def test_a_normal_request_is_answered_while_slow_clients_dribble(make_run, crowd):
    assert_answered_in_time(make_run.base, make_run.port, crowd)


@pytest.fixture(scope="module")
def nginx(tmp_path_factory, make_run):
    """Debian's nginx with deploy/nginx.conf in front of `make_run`, on 127.0.0.1."""
    tmp_path = tmp_path_factory.mktemp("nginx")
    if not shutil.which("nginx"):
        if os.environ.get("FILMBASE_REQUIRE_SYSTEM") == "1":
            pytest.fail("nginx is missing (.ci/run installs it)")
        pytest.skip("nginx is not installed")
    port = free_port()
    conf = (ROOT / "deploy" / "nginx.conf").read_text()
    # Compose's service name and port become the app's; Docker's resolver is not needed.
    conf, upstreams = re.subn(r"server web:8000[^;]*;", f"server 127.0.0.1:{make_run.port};", conf)
    conf, listens = re.subn(r"listen 80;", f"listen 127.0.0.1:{port};", conf)
    assert upstreams == 1 and listens == 1, "deploy/nginx.conf changed shape"
    (tmp_path / "default.conf").write_text(conf)
    temp = {name: tmp_path / name for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\n"
        f"error_log {tmp_path}/error.log;\n"
        "worker_processes 1;\n"
        "events { worker_connections 256; }\n"
        "http {\n"
        "    access_log off;\n"
        f"    client_body_temp_path {temp['body']};\n"
        f"    proxy_temp_path {temp['proxy']};\n"
        f"    fastcgi_temp_path {temp['fastcgi']};\n"
        f"    uwsgi_temp_path {temp['uwsgi']};\n"
        f"    scgi_temp_path {temp['scgi']};\n"
        f"    include {tmp_path}/default.conf;\n"
        "}\n"
    )
    command = ["nginx", "-p", str(tmp_path), "-e", str(tmp_path / "error.log")]
    command += ["-c", str(tmp_path / "nginx.conf"), "-g", "daemon off;"]
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: fetch(base + "/nginx-health", timeout=3)[0] == 200, 30, "nginx start")
        yield base, port
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(20)


def test_behind_nginx_a_normal_request_is_answered_while_slow_clients_dribble(nginx):
    base, port = nginx
    assert_answered_in_time(base, port, "both")


def test_nginx_compresses_reader_pages_but_never_the_admin(nginx):
    base, _port = nginx
    gzip = {"Accept-Encoding": "gzip"}
    status, headers, _body = fetch(base + "/films/", gzip)
    assert status == 200 and headers.get("Content-Encoding") == "gzip"
    status, headers, _body = fetch(base + "/admin/login/", gzip)
    assert status == 200 and headers.get("Content-Encoding") is None  # BREACH: no CSRF leak
