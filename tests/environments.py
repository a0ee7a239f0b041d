"""The environment the production settings require, for tests that start them in a subprocess."""

from pathlib import Path

PROD_ENV = {
    "DJANGO_SETTINGS_MODULE": "filmbase.settings.prod",
    "DJANGO_SECRET_KEY": "x" * 20 + "-a-long-and-random-looking-secret-for-tests-only",
    "DJANGO_ALLOWED_HOSTS": "filmbase.example.org",
}


def production_environment(folder: Path) -> dict:
    """Return PROD_ENV with a database file in `folder`, so concurrent runs share nothing."""
    return {**PROD_ENV, "DATABASE_URL": f"sqlite:///{folder / 'check.sqlite3'}"}


# How long a subprocess a test starts (manage.py, git) may run before the test calls it
# hung. A guard against a hang, not a speed check: such a command takes a few seconds on
# a quiet machine, but CI runs the suite on a busy 2-core machine (two databases at once),
# where Python's start-up and Django's setup can take many times as long. Only a process
# that never ends should fail on this, and 300 s still leaves CI's 30 minutes for the rest.
SUBPROCESS_TIMEOUT = 300
