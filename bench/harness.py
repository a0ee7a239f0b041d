"""Real servers for the benchmark and the system tests: filmbase as bin/start serves it,
and a throw-away PostgreSQL cluster.

One module for both, so that what the benchmark measures and what the system tests check
is the same server started the same way: `bin/start` (migrate, load the nine works if
the database is empty, serve) on a free port of 127.0.0.1, with production settings.
"""

import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
# Variables that configure a server: a server started here gets only the ones given.
SERVER_PREFIXES = ("DJANGO_", "DATABASE_", "REDIS_", "FILMBASE_", "WEB_", "FORWARDED_")


def free_port() -> int:
    import socket  # noqa: PLC0415

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(check, timeout: float, what: str):
    """Call `check` until it returns true; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"{what} did not happen within {timeout}s")


def fetch(url: str, headers: dict | None = None, timeout: float = 30):
    """GET `url`; return status, headers and body, error statuses included.

    The headers are looked up whatever their case: waitress sends `Etag`, not `ETag`.
    """
    request = urllib.request.Request(url, headers=headers or {})
    try:
        # Only servers started here, on 127.0.0.1 (http://): never a file: URL.
        with urllib.request.urlopen(request, timeout=timeout) as response:  # nosec B310
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def production_env(database_url: str, var: Path, **extra: str) -> dict:
    """Return the environment of a production server on `database_url` with its own var/."""
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith(SERVER_PREFIXES)},
        "DJANGO_SETTINGS_MODULE": "filmbase.settings.prod",
        "DJANGO_SECRET_KEY": "for-tests-only-" + uuid.uuid4().hex * 2,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url,
        "FILMBASE_VAR_DIR": str(var),
        "PYTHON": PYTHON,
        **extra,
    }


def manage(env: dict, *args: str, timeout: float = 1800) -> str:
    """Run a management command with `env`; return its output, or fail with its errors."""
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr}")
    return result.stdout


def collect_static(static_root: Path, settings_module: str, var: Path) -> Path:
    """Collect the static files into `static_root` once, for every server that shares them."""
    env = production_env(f"sqlite:///{var}/collect.sqlite3", var)
    env.update(DJANGO_SETTINGS_MODULE=settings_module, FILMBASE_STATIC_ROOT=str(static_root))
    manage(env, "collectstatic", "--no-input", "--verbosity", "0", timeout=600)
    return static_root


class Server:
    """filmbase served by `bin/start` (or `command`) on a free port of 127.0.0.1.

    `env` is the whole environment (see `production_env`); HOST and PORT are set here.
    With `static_root`, the static files already collected there are served and
    bin/start does not collect them again.
    """

    def __init__(
        self,
        env: dict,
        *,
        static_root: Path | None = None,
        command: list[str] | None = None,
        log_path: Path | None = None,
        ready_timeout: float = 120,
    ):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = {**env, "HOST": "127.0.0.1", "PORT": str(self.port)}
        if static_root:
            self.env.update(FILMBASE_STATIC_ROOT=str(static_root), FILMBASE_COLLECTSTATIC="0")
        self.command = command or [str(ROOT / "bin" / "start")]
        self.log_path = log_path
        self.ready_timeout = ready_timeout
        self.process = None

    def start(self) -> "Server":
        if self.log_path:
            self.log = open(self.log_path, "ab")  # noqa: SIM115 - closed in stop()
        else:
            self.log = tempfile.NamedTemporaryFile(prefix="filmbase-server-", suffix=".log")  # noqa: SIM115
            self.log_path = Path(self.log.name)
        self.process = subprocess.Popen(
            self.command,
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=self.log,
            start_new_session=True,
        )
        try:
            wait_for(self.ready, self.ready_timeout, "filmbase start")
        except AssertionError as error:
            self.stop()
            raise AssertionError(f"{error}:\n{self.logs()[-3000:]}") from None
        return self

    def ready(self) -> bool:
        if self.process.poll() is not None:
            raise AssertionError(f"the server exited with {self.process.returncode}")
        # Asked as the container's probe asks: under a host name the site serves.
        host = self.env.get("DJANGO_ALLOWED_HOSTS", "").split(",")[0].strip() or "localhost"
        return fetch(self.base + "/healthz", {"Host": host}, timeout=3)[0] == 200

    def stop(self, timeout: float = 20) -> int | None:
        """Stop the server (SIGTERM, then SIGKILL); return its exit code."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout)
        if getattr(self, "log", None):
            self.log.flush()
        return self.process.returncode if self.process else None

    def close(self) -> None:
        self.stop()
        text = self.logs()
        self.log.close()
        self._closed_logs = text

    def __enter__(self) -> "Server":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.close()

    def logs(self) -> str:
        if getattr(self, "_closed_logs", None) is not None:
            return self._closed_logs
        return self.log_path.read_text(errors="replace") if self.log_path else ""

    def pids(self) -> list[int]:
        """Return the processes that serve: the server's, and its children's (if any)."""
        children = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                children.append(int(stat.parent.name))
        return children or [self.process.pid]

    def memory(self, field: str = "VmRSS") -> dict[int, int]:
        """Return each serving process's `field` of /proc/<pid>/status in bytes."""
        sizes = {}
        for pid in self.pids():
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            match = re.search(rf"{field}:\s+(\d+) kB", status)
            if match:
                sizes[pid] = int(match.group(1)) * 1024
        return sizes

    def peak_rss_mb(self) -> float:
        """Return the largest peak resident memory of a serving process, in MiB."""
        return max(self.memory("VmHWM").values(), default=0) / 1024**2


class PostgreSQL:
    """A throw-away cluster on 127.0.0.1, made and removed by .ci/postgres.sh.

    It never depends on DATABASE_URL: stopping it cannot disturb any other database.
    """

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

    def create_database(self, name: str | None = None) -> str:
        """Return the URL of a new, empty database on this cluster."""
        import psycopg  # noqa: PLC0415 - only where PostgreSQL is used

        name = name or f"filmbase_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(self.url, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url.rsplit("/", 1)[0] + f"/{name}"

    def stop(self) -> None:
        """Stop the server (fast shutdown: clients are disconnected)."""
        self._shell('as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop')

    def start(self) -> None:
        """Start it again with pg_start's options; return once it accepts connections."""
        self._shell(
            'as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w -o '
            '"-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off '
            '-c full_page_writes=off -c max_connections=200" start'
        )

    def restart(self) -> None:
        self._shell("pg_restart")

    def remove(self) -> None:
        self._shell("pg_stop")

    def __enter__(self) -> "PostgreSQL":
        return self

    def __exit__(self, *exc) -> None:
        self.remove()
