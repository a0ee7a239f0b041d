"""Every shell command in README.md, CONTRIBUTING.md and docs/ works as written.

The commands live in fenced ```sh blocks (and README's ```python ones). Each block runs
with bash, in a scratch copy of the checkout (links to it, and a `var/` of its own),
against a site that the docs' own `make run` serves. A block must exit 0; `curl` fails
on any HTTP error (`--fail-with-body`), so an answer of 400 is a failure, not output.

A block that cannot run on this machine is listed in NOT_HERE with the reason; those
that need Docker are still checked for the services they name.
"""

import os
import re
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from tests.deploy.compose import compose_file
from tests.system.conftest import ROOT, free_port, wait_for

pytestmark = pytest.mark.system

DOCUMENTS = [
    ROOT / "README.md",
    ROOT / "CONTRIBUTING.md",
    *sorted(p for p in (ROOT / "docs").glob("*.md") if p.name != "benchmarks.md"),
]
# docs/benchmarks.md is written by bench/report.py from the figures; `make bench` is
# its command, and it runs for over an hour.

DOCKER = "needs Docker, which this machine cannot run"
# Blocks not run here, by their first line, with the reason.
NOT_HERE = {
    "make run     # set up and serve the site": "serves until stopped: the test starts the "
    "site with `make run` itself; `make test` is the suite this test belongs to",
    "make run     # set up .venv and serve": "the same four targets: `make run` serves the "
    "site for this test, CI runs `make test`, `make lint` and `make ci`",
    "DATABASE_URL=postgres://filmbase:change-me@127.0.0.1:5432/filmbase make test": "the "
    "whole suite on PostgreSQL, which CI runs (.ci/run)",
    ".venv/bin/python manage.py createcurator": "asks for a password at a terminal; the "
    "next block creates the same account without prompts",
    "sudo apt-get install python3-venv make": "installs system packages (root, network)",
    "nice -n 10 .venv/bin/pytest -m faults -s tests/system": "the fault tests, which CI runs once",
    ".venv/bin/pytest tests/films/test_admin.py tests/test_api_http.py": "part of the suite "
    "this test belongs to",
    ".venv/bin/pytest -s -m sqlite_soak tests/system": "the SQLite soak, which CI runs",
    "make test                                   # the whole suite": "the suite this test "
    "belongs to, which CI runs",
    "docker compose up": DOCKER,
    "cp .env.example .env": "prepares docker compose's .env; " + DOCKER,
    "docker compose -f docker-compose.yml -f docker-compose.prod.yml up -d": DOCKER,
    "docker compose -f docker-compose.yml -f docker-compose.prod.yml exec web": DOCKER,
    "git pull": "changes the checkout; " + DOCKER,
    "docker compose run --rm migrate": DOCKER,
    "docker compose exec -T db pg_dump": DOCKER,
    "docker compose stop web proxy": DOCKER,
    "docker compose exec web python manage.py export_data": DOCKER,
    "docker compose exec web python manage.py axes_reset_username": DOCKER,
    "docker compose build --build-arg": DOCKER,
}
# Blocks that need a setting of their own, by their first line.
BLOCK_ENV = {
    # "into an empty database": a fresh one beside the site's.
    ".venv/bin/python manage.py migrate --no-input": {
        "DATABASE_URL": "sqlite:///{scratch}/var/empty.sqlite3"
    },
}
CURATOR_SECRET = "a-curator-password-for-tests-only"  # noqa: S105  # nosec B105
PREAMBLE = """set -euo pipefail
curl() { command curl --silent --show-error --fail-with-body "$@"; }
"""


def blocks(path: Path) -> list[tuple[str, str]]:
    """Return the (language, code) of each ```sh and ```python block of a document."""
    return re.findall(r"^ *```(sh|python)\n(.*?)^ *```$", path.read_text(), re.S | re.M)


def dedent(code: str) -> str:
    lines = code.splitlines()
    indent = min(len(line) - len(line.lstrip()) for line in lines if line.strip())
    return "\n".join(line[indent:] for line in lines) + "\n"


def first_line(code: str) -> str:
    return dedent(code).splitlines()[0]


def reason_not_here(code: str) -> str | None:
    line = first_line(code)
    return next((why for start, why in NOT_HERE.items() if line.startswith(start)), None)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """`make run` as README says, in a scratch checkout: links to this one, its own var/."""
    scratch = tmp_path_factory.mktemp("checkout")
    for entry in ROOT.iterdir():
        if entry.name not in {"var", "artifacts", ".env"}:
            (scratch / entry.name).symlink_to(entry)
    (scratch / "var").mkdir()
    port = free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_", "FILMBASE_", "REDIS_", "PYTEST"))
    }
    # The settings find var/ beside the real files; point them at the scratch one.
    # The docs write a curator's password as $PASSWORD.
    env.update(
        {"FILMBASE_VAR_DIR": str(scratch / "var"), "PORT": str(port), "PASSWORD": CURATOR_SECRET}
    )
    server = subprocess.Popen(
        ["make", "run"],
        cwd=scratch,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )

    def answers() -> bool:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):  # noqa: S310  # nosec B310
                return True
        except OSError:
            return server.poll() is not None  # stop waiting for a server that died

    try:
        wait_for(answers, timeout=600, what="make run answering /healthz")
        assert server.poll() is None, "make run stopped"
        yield scratch, port, env
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)


def run_block(language: str, code: str, scratch: Path, port: int, env: dict):
    code = dedent(code)
    for local in ("http://127.0.0.1:8000", "http://localhost:8000"):
        code = code.replace(local, f"http://127.0.0.1:{port}")
    extra = {
        name: value.format(scratch=scratch)
        for name, value in BLOCK_ENV.get(first_line(code), {}).items()
    }
    if language == "python":
        command = [sys.executable, "-c", code]
    else:
        command = ["bash", "-c", PREAMBLE + code]
    return subprocess.run(
        command,
        cwd=scratch,
        env={**env, **extra},
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_every_block_runs_here_or_says_why_not(site):
    scratch, port, env = site
    ran, failures = [], []
    for document in DOCUMENTS:
        for language, code in blocks(document):
            if reason_not_here(code):
                continue
            result = run_block(language, code, scratch, port, env)
            ran.append(f"{document.name}: {first_line(code)}")
            if result.returncode != 0:
                output = f"{result.stdout[-800:]}\n  {result.stderr[-800:]}"
                failures.append(
                    f"{document.name}: {first_line(code)}\n  exit {result.returncode}\n  {output}"
                )
    assert not failures, "\n".join(failures)
    # The blocks that matter most ran: the search, the write, the backup.
    joined = "\n".join(ran)
    for expected in ["curl -G --data-urlencode", "API=http", "export_data --output"]:
        assert expected in joined, f"no block with {expected!r} ran: {ran}"


def test_every_listed_reason_is_used_by_a_block():
    """NOT_HERE holds no stale line: each skips a block the docs still have."""
    firsts = [first_line(code) for doc in DOCUMENTS for _, code in blocks(doc)]
    unused = [start for start in NOT_HERE if not any(f.startswith(start) for f in firsts)]
    assert not unused, unused


def test_no_shell_command_hides_outside_a_fenced_block():
    """An indented block would escape this test: every command is in a ```sh fence."""
    command = re.compile(r"^(?: {4}|\t)(?:make|curl|docker|\.venv/|python3? |git |pg_|nice )")
    for document in DOCUMENTS:
        inside = False
        for number, line in enumerate(document.read_text().splitlines(), 1):
            if line.lstrip().startswith("```"):
                inside = not inside
            elif not inside:
                assert not command.match(line), f"{document.name}:{number}: {line}"


def compose_services(line: str) -> list[str]:
    """Return the services a `docker compose …` command line names."""
    words = line.split()
    words = words[words.index("compose") + 1 :]
    while words and words[0] == "-f":  # -f FILE
        words = words[2:]
    verb, rest = words[0], words[1:]
    if verb == "cp":
        return [word.split(":")[0] for word in rest if ":" in word]
    if verb not in {"exec", "run", "stop", "restart", "logs"}:
        return []
    names = [word for word in rest if re.fullmatch(r"[a-z]+", word)]
    return names if verb in {"stop", "restart", "logs"} else names[:1]


def test_the_docker_commands_name_services_that_exist():
    services = set(compose_file("docker-compose.yml")["services"])
    services |= set(compose_file("docker-compose.prod.yml")["services"])
    checked = 0
    for document in DOCUMENTS:
        for _, code in blocks(document):
            for line in dedent(code).splitlines():
                if "docker compose" in line and (names := compose_services(line)):
                    assert set(names) <= services, f"{document.name}: {line}"
                    checked += 1
    assert checked >= 10
