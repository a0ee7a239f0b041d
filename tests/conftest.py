"""Fixtures shared by every test module."""

import pytest
from django.contrib.auth.models import Group
from django.db import transaction

from films.curators import CURATORS_GROUP
from films.seed import seed_load


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Keep uploaded files out of the working tree."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def curator(django_user_model):
    """Return a staff user in the Curators group, as `createcurator` makes them."""
    user = django_user_model.objects.create_user(
        username="curator", email="curator@example.org", password="curator-pass-9", is_staff=True
    )
    user.groups.add(Group.objects.get(name=CURATORS_GROUP))
    return user


@pytest.fixture
def curator_client(client, curator):
    client.force_login(curator)
    return client


def pytest_report_header(config):
    from django.conf import settings

    return f"database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}"


@pytest.fixture(autouse=True)
def _fresh_public_cache(settings, tmp_path):
    """Give each test its own content version and an empty cache."""
    from django.core.cache import cache

    settings.VAR_DIR = tmp_path / "var"
    settings.VAR_DIR.mkdir()
    cache.clear()


@pytest.fixture(autouse=True)
def _english_by_default():
    """Start every test in English: a language activated by one request must not leak."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def api_client():
    """Return an anonymous DRF test client: JSON in, JSON out."""
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture
def token_client(curator):
    """Return a DRF test client that signs its requests with the curator's token."""
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=curator).key}")
    return client


@pytest.fixture(scope="class")
def seeded(django_db_setup, django_db_blocker):
    """Load the seed once for a class of tests and roll it back after the last one.

    Each test still runs in its own savepoint (pytest-django's `django_db`), so a test
    that edits the data leaves the next one the seed as loaded.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        assert seed_load() is True
        yield
        transaction.set_rollback(True)
