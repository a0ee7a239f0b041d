"""Read filmbase's configuration from the environment.

Every setting that varies between machines comes through these helpers, so that a
missing or malformed value fails loudly at start-up with the variable's name, rather
than somewhere deep inside a request.
"""

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

_MISSING = object()
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def env_str(name: str, default: str | object = _MISSING) -> str:
    """Return the variable `name`; raise ImproperlyConfigured if it is unset and required."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        if default is _MISSING:
            raise ImproperlyConfigured(f"Set the {name} environment variable.")
        return default  # type: ignore[return-value]
    return value.strip()


def env_bool(name: str, default: bool = False) -> bool:
    """Return the variable `name` read as a boolean (1/0, true/false, yes/no, on/off).

    Empty counts as unset, as for every helper here: a line `NAME=` in .env means "the
    default", not "false".
    """
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}.")


def env_int(name: str, default: int | object = _MISSING) -> int:
    """Return the variable `name` read as an integer."""
    value = env_str(name, default=None)
    if value is None:
        if default is _MISSING:
            raise ImproperlyConfigured(f"Set the {name} environment variable.")
        return default  # type: ignore[return-value]
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}.") from None


def env_list(name: str, default: list[str] | object = _MISSING) -> list[str]:
    """Return the variable `name` read as a comma-separated list."""
    value = env_str(name, default=None)
    if value is None:
        if default is _MISSING:
            raise ImproperlyConfigured(f"Set the {name} environment variable.")
        return list(default)  # type: ignore[call-overload]
    return [item.strip() for item in value.split(",") if item.strip()]


def database_config(url: str) -> dict:
    """Return the DATABASES entry for `url`, with SQLite tuned for concurrent use.

    https://docs.djangoproject.com/en/5.2/ref/databases/#sqlite-notes

    Persistent connections are checked before each request reuses them
    (CONN_HEALTH_CHECKS), so after a PostgreSQL restart the first request of each thread
    opens a fresh connection instead of failing on the dead one. Connecting gives up
    after DATABASE_CONNECT_TIMEOUT seconds, so that while the server is unreachable a
    request is answered 503 quickly (core/outage.py) instead of hanging.
    """
    config = dj_database_url.parse(
        url,
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
    if config["ENGINE"] == "django.db.backends.postgresql":
        # https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNECT-CONNECT-TIMEOUT
        config.setdefault("OPTIONS", {})["connect_timeout"] = env_int("DATABASE_CONNECT_TIMEOUT", 3)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {
            # A writer takes the lock when its transaction begins, so two writers queue
            # up behind the busy timeout instead of failing with "database is locked"
            # when one of them tries to upgrade a read lock.
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            # WAL lets readers go on while a curator saves.
            "init_command": (
                "PRAGMA journal_mode=WAL;"
                "PRAGMA synchronous=NORMAL;"
                "PRAGMA foreign_keys=ON;"
                "PRAGMA temp_store=MEMORY;"
                # No mmap_size: mapped database pages count in every worker's resident
                # memory (docs/benchmarks.md).
            ),
        }
    return config
