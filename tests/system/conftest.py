"""Real servers for system tests: filmbase as bin/start serves it, PostgreSQL, Redis.

These tests start filmbase the way production does (`bin/start`: prod settings,
waitress; bench/harness.py, which the benchmark shares) on a database of its own — a
fresh SQLite file, or a fresh database on the PostgreSQL server that DATABASE_URL points
at — and talk to it over HTTP. A Redis
server is started when a test asks for one; so is a PostgreSQL cluster of the tests'
own (`postgres_server`), for the tests that stop and restart it. With
FILMBASE_REQUIRE_SYSTEM=1 (set by .ci/run) a missing redis-server or PostgreSQL is a
failure, not a skip.
"""

import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from bench.harness import (
    ROOT,
    PostgreSQL,
    Server,
    collect_static,
    free_port,
    production_env,
    wait_for,
)

__all__ = ["ROOT", "free_port", "wait_for"]


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes
    cookies: dict = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def json(self):
        return json.loads(self.body)


def request(base: str, method: str, path: str, *, headers=None, body=None, timeout=10.0):
    """Send one request; return status, headers and body (no redirects followed)."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        cookies = {}
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                cookies[key] = rest.split(";", 1)[0]
        # Looked up whatever their case: waitress sends `Etag`, not `ETag`.
        return Response(response.status, response.headers, response.read(), cookies)
    finally:
        connection.close()


def _require(binary: str):
    if shutil.which(binary):
        return
    if os.environ.get("FILMBASE_REQUIRE_SYSTEM") == "1":
        pytest.fail(f"{binary} is missing (.ci/run installs it)")
    pytest.skip(f"{binary} is not installed")


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory):
    """Start a Redis server on a free port; yield an object that can stop and start it."""
    _require("redis-server")

    class Redis:
        port = free_port()
        url = f"redis://127.0.0.1:{port}/0"
        process = None

        def start(self):
            self.process = subprocess.Popen(
                [
                    "redis-server",
                    "--port",
                    str(self.port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            wait_for(lambda: socket.create_connection(("127.0.0.1", self.port), 1), 10, "Redis")

        def stop(self):
            if self.process and self.process.poll() is None:
                self.process.terminate()
                self.process.wait(10)

    redis = Redis()
    redis.start()
    yield redis
    redis.stop()


@pytest.fixture(scope="session")
def postgres_server():
    """Start a throw-away PostgreSQL cluster that tests may stop, start and restart.

    It is made by .ci/postgres.sh (`pg_start`, the same server CI tests against) and
    never depends on DATABASE_URL: stopping it cannot disturb any other database.
    """
    if not (shutil.which("pg_ctl") or list(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))):
        _require("pg_ctl")
    if os.geteuid() != 0:
        reason = "PostgreSQL tests run the server as the postgres user: run them as root"
        if os.environ.get("FILMBASE_REQUIRE_SYSTEM") == "1":
            pytest.fail(reason)
        pytest.skip(reason)

    server = PostgreSQL()
    yield server
    server.remove()


@pytest.fixture(scope="session")
def static_root(tmp_path_factory) -> Path:
    """Collect the static files once for every server of the session.

    collectstatic is by far the slowest step of `bin/start`, and the files are the same
    for every server, so they share them — collected with hashed names but without the
    gzip and brotli copies (tests/system/collect_settings.py), which no test reads and
    which take minutes on a busy machine.
    """
    return collect_static(
        tmp_path_factory.mktemp("static"),
        "tests.system.collect_settings",
        tmp_path_factory.mktemp("collect"),
    )


def _fresh_database(tmp_path) -> str:
    """Return the URL of an empty database on the engine the suite runs on."""
    configured = os.environ.get("DATABASE_URL", "")
    if not configured.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{tmp_path / 'system.sqlite3'}"
    import psycopg

    name = f"filmbase_system_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(configured, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return configured.rsplit("/", 1)[0] + f"/{name}"


class Site(Server):
    """filmbase served by bin/start, exactly as in production, with a few helpers."""

    def __init__(self, tmp_path, *, threads=None, database_url=None, static_root=None, extra=None):
        """Serve on a free port; `threads` None means filmbase/server.py's default."""
        self.database_url = database_url or _fresh_database(tmp_path)
        env = production_env(self.database_url, tmp_path / "var", **(extra or {}))
        if threads:
            env["WEB_THREADS"] = str(threads)
        super().__init__(env, static_root=static_root, log_path=tmp_path / "server.log")

    def manage(self, *args, env=None):
        """Run a management command against this site's database and settings."""
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env={**self.env, **(env or {})},
            capture_output=True,
            text=True,
            check=True,
            timeout=300,
        )

    def get(self, path, **kwargs):
        return request(self.base, "GET", path, **kwargs)

    def post(self, path, **kwargs):
        return request(self.base, "POST", path, **kwargs)

    def curator_token(self, username: str = "ann") -> str:
        """Make a curator as the README does and return their API token."""
        password = "a-long-curator-passphrase-" + uuid.uuid4().hex[:8]
        self.manage(
            "createcurator",
            "--username",
            username,
            "--email",
            f"{username}@example.org",
            "--noinput",
            env={"FILMBASE_CURATOR_PASSWORD": password},
        )
        answer = self.post(
            "/api/v1/auth/token/",
            headers={"Content-Type": "application/json"},
            body=json.dumps({"username": username, "password": password}),
        )
        assert answer.status == 200, answer.text[:500]
        return answer.json()["token"]

    def api(self, method, path, *, token, data=None, if_match=None, timeout=30.0):
        """Send one API request as the curator whose token is given; JSON in and out."""
        headers = {"Authorization": f"Token {token}", "Accept": "application/json"}
        if data is not None:
            headers["Content-Type"] = "application/json"
        if if_match:
            headers["If-Match"] = if_match
        body = None if data is None else json.dumps(data)
        return request(self.base, method, path, headers=headers, body=body, timeout=timeout)


@pytest.fixture
def site_factory(tmp_path, static_root):
    started = []

    def make(**kwargs):
        site = Site(tmp_path, static_root=static_root, **kwargs)
        started.append(site)
        return site.start()

    yield make
    for site in started:
        site.close()
