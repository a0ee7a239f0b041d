"""Real servers for system tests: gunicorn with several workers, PostgreSQL, Redis.

These tests start filmbase the way production does (`bin/start`: prod settings,
gunicorn) on a database of its own — a fresh SQLite file, or a fresh database on the
PostgreSQL server that DATABASE_URL points at — and talk to it over HTTP. A Redis
server is started when a test asks for one; so is a PostgreSQL cluster of the tests'
own (`postgres_server`), for the tests that stop and restart it. With
FILMBASE_REQUIRE_SYSTEM=1 (set by .ci/run) a missing redis-server or PostgreSQL is a
failure, not a skip.
"""

import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from filmbase import healthcheck

ROOT = Path(settings.BASE_DIR)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(check, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"{what} did not happen within {timeout}s")


@dataclass
class Response:
    status: int
    headers: dict
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
        return Response(response.status, dict(response.getheaders()), response.read(), cookies)
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

    class PostgreSQL:
        def __init__(self):
            started = self._shell(
                'pg_start >&2 && printf "%s\\n" "$DATABASE_URL" "$PG_DIR" "$PG_PORT" "$PG_BIN"'
            )
            self.url, self.dir, self.port, self.bin = started.split()

        def _shell(self, command: str) -> str:
            environment = {
                k: v for k, v in os.environ.items() if not k.startswith(("PG_", "DATABASE_"))
            }
            if getattr(self, "dir", None):
                environment.update(PG_DIR=self.dir, PG_PORT=self.port, PG_BIN=self.bin)
            return subprocess.run(
                ["bash", "-c", f"source .ci/postgres.sh && {command}"],
                cwd=ROOT,
                env=environment,
                capture_output=True,
                text=True,
                check=True,
                timeout=120,
            ).stdout

        def create_database(self) -> str:
            """Return the URL of a new, empty database on this server."""
            import psycopg

            name = f"filmbase_{uuid.uuid4().hex[:8]}"
            with psycopg.connect(self.url, autocommit=True) as connection:
                connection.execute(f'CREATE DATABASE "{name}"')
            return self.url.rsplit("/", 1)[0] + f"/{name}"

        def stop(self):
            """Stop the server (fast shutdown: clients are disconnected)."""
            self._shell('as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop')

        def start(self):
            """Start it again with pg_start's options; return once it accepts connections."""
            self._shell(
                'as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w -o '
                '"-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off '
                '-c full_page_writes=off -c max_connections=200" start'
            )

        def restart(self):
            self._shell("pg_restart")

        def remove(self):
            self._shell("pg_stop")

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
    root = tmp_path_factory.mktemp("static")
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.system.collect_settings",
            "FILMBASE_VAR_DIR": str(tmp_path_factory.mktemp("collect")),
            "FILMBASE_STATIC_ROOT": str(root),
        },
        check=True,
        capture_output=True,
        timeout=600,
    )
    return root


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


class Site:
    """filmbase served by gunicorn from bin/start, exactly as in production."""

    def __init__(
        self,
        tmp_path,
        *,
        workers=3,
        threads=2,
        worker_class=None,
        database_url=None,
        static_root=None,
        extra=None,
    ):
        """Serve on a free port; `worker_class` None means filmbase/gunicorn.py's default."""
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.database_url = database_url or _fresh_database(tmp_path)
        environment = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("DJANGO_", "DATABASE_", "GUNICORN_", "REDIS_"))
        }
        self.env = {
            **environment,
            "DJANGO_SETTINGS_MODULE": "filmbase.settings.prod",
            "DJANGO_SECRET_KEY": "system-tests-only-" + uuid.uuid4().hex * 2,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "DATABASE_URL": self.database_url,
            "FILMBASE_VAR_DIR": str(tmp_path / "var"),
            "HOST": "127.0.0.1",
            "PORT": str(self.port),
            "WEB_CONCURRENCY": str(workers),
            "GUNICORN_THREADS": str(threads),
            **({"GUNICORN_WORKER_CLASS": worker_class} if worker_class else {}),
            # Static files collected once for the session (`static_root`), when given.
            **(
                {"FILMBASE_STATIC_ROOT": str(static_root), "FILMBASE_COLLECTSTATIC": "0"}
                if static_root
                else {}
            ),
            "PYTHON": sys.executable,
            **(extra or {}),
        }
        self.log_path = tmp_path / "gunicorn.log"
        self.process = None

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

    def start(self):
        self.log = open(self.log_path, "ab")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [str(ROOT / "bin" / "start")],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=self.log,
            start_new_session=True,
        )
        # The container's own probe: it asks under a host name the site serves.
        wait_for(lambda: healthcheck.status(self.env) == 200, 120, "filmbase start")
        return self

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
        self.log.close()

    def worker_pids(self) -> list[int]:
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.gunicorn_pid():
                pids.append(int(stat.parent.name))
        return pids

    def gunicorn_pid(self) -> int:
        # bin/start execs gunicorn, so the script's process is gunicorn's master.
        return self.process.pid

    def worker_rss(self) -> dict[int, int]:
        """Return each worker's resident memory in bytes, by process id."""
        sizes = {}
        for pid in self.worker_pids():
            status = Path(f"/proc/{pid}/status").read_text()
            kib = next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS"))
            sizes[pid] = int(kib) * 1024
        return sizes

    def get(self, path, **kwargs):
        return request(self.base, "GET", path, **kwargs)

    def post(self, path, **kwargs):
        return request(self.base, "POST", path, **kwargs)

    def logs(self) -> str:
        return self.log_path.read_text(errors="replace")

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
        site.stop()
