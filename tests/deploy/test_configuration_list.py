"""docs/configuration.md is the one list of variables: the code, .env.example and compose agree.

A variable the code starts reading, and nobody documents, fails here; so does a documented
one the code no longer reads, and a line of .env.example that compose would ignore.
"""

import re
from pathlib import Path

from django.conf import settings

from tests.deploy.compose import compose_file

ROOT = Path(settings.BASE_DIR)
# Where filmbase reads the environment: the settings and their database entry, the server,
# the probe, the start script and the management commands (all through core/env.py's
# helpers or os.environ).
READERS = [
    *sorted((ROOT / "filmbase" / "settings").glob("*.py")),
    ROOT / "core" / "env.py",
    ROOT / "filmbase" / "server.py",
    ROOT / "filmbase" / "healthcheck.py",
    *sorted((ROOT / "films" / "management" / "commands").glob("*.py")),
    ROOT / "bin" / "start",
]
READ_IN_PYTHON = re.compile(
    r"""(?:\benv_\w+|\b_rate|\bget|\bgetenv|\benviron\.get|\benviron\[|_VARIABLE\s*=)"""
    r"""\(?\s*["']([A-Z][A-Z0-9_]{2,})["']"""
)
READ_IN_SHELL = re.compile(r"\$\{([A-Z][A-Z0-9_]{2,})")
# Read by docker compose itself (interpolated into the compose files), not by filmbase.
COMPOSE_ONLY = {"POSTGRES_PASSWORD", "FILMBASE_DOMAIN", "WEB_PORT"}


def read_by_the_code() -> set[str]:
    names = set()
    for path in READERS:
        text = path.read_text()
        names |= set(READ_IN_PYTHON.findall(text))
        if path.suffix != ".py":
            names |= set(READ_IN_SHELL.findall(text))
    return names


def documented() -> dict[str, str]:
    """Return each variable of docs/configuration.md's tables with its Compose column."""
    rows = re.findall(
        r"^\| `([A-Z][A-Z0-9_]+)` \|[^|]*\| ([^|]*) \|",
        (ROOT / "docs" / "configuration.md").read_text(),
        re.MULTILINE,
    )
    names = [name for name, _ in rows]
    assert len(names) == len(set(names)), "a variable is listed twice"
    return dict(rows)


def env_example() -> tuple[set[str], set[str]]:
    """Return the names .env.example sets and the ones it lists commented out."""
    text = (ROOT / ".env.example").read_text()
    return (
        set(re.findall(r"^([A-Z][A-Z0-9_]+)=", text, re.MULTILINE)),
        set(re.findall(r"^# ([A-Z][A-Z0-9_]+)=", text, re.MULTILINE)),
    )


def test_the_scan_finds_variables_of_every_kind_of_reader():
    names = read_by_the_code()
    # One of each: core.env helpers, a throttle rate, waitress, the probe, the start
    # script, a management command.
    assert {
        "DJANGO_SECRET_KEY",
        "FILMBASE_API_TOKEN_RATE",
        "WEB_THREADS",
        "PORT",
        "FILMBASE_MIGRATE",
        "FILMBASE_CURATOR_PASSWORD",
    } <= names


def test_every_variable_the_code_reads_is_documented_and_nothing_else():
    listed = set(documented())
    read = read_by_the_code()
    assert read - listed == set(), f"read but not in docs/configuration.md: {sorted(read - listed)}"
    extra = listed - read - COMPOSE_ONLY
    assert extra == set(), f"in docs/configuration.md but read by nothing: {sorted(extra)}"


def test_env_example_lists_exactly_the_documented_variables():
    active, commented = env_example()
    assert active | commented == set(documented())
    assert not active & commented


def test_what_compose_fixes_is_commented_out_of_env_example():
    """A value in .env for a variable compose or the image fixes would be silently ignored."""
    _, commented = env_example()
    fixed = {name for name, how in documented().items() if how.startswith("fixed")}
    assert fixed == commented
    web = compose_file("docker-compose.yml")["services"]["web"]["environment"]
    constant = {name for name, value in web.items() if "${" not in str(value)}
    dockerfile = (ROOT / "Dockerfile").read_text()
    image = {name for name in fixed if re.search(rf"\b{name}=", dockerfile)}
    assert constant | image == fixed


def test_every_variable_compose_interpolates_is_documented():
    listed = set(documented())
    for name in ("docker-compose.yml", "docker-compose.prod.yml"):
        used = set(re.findall(r"\$\{([A-Z][A-Z0-9_]+)", (ROOT / name).read_text()))
        assert used <= listed, f"{name}: {sorted(used - listed)}"
    presets = {name for name, how in documented().items() if how.startswith("preset")}
    web = compose_file("docker-compose.yml")["services"]["web"]["environment"]
    assert presets <= set(web), sorted(presets - set(web))
