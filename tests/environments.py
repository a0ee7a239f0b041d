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
