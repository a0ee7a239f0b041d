"""Static files: the headers pages have, and no page of the API docs bundle left unused."""

import pytest
from django.http import HttpResponseNotFound
from django.test import Client

from core.staticfiles import UNSERVED, StaticFilesMiddleware


@pytest.mark.parametrize("path", ["/static/css/site.css", "/static/img/favicon.svg"])
def test_static_files_may_not_be_framed_and_run_nothing(path):
    response = Client().get(path)
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    policy = response["Content-Security-Policy"]
    assert "default-src 'none'" in policy
    assert "frame-ancestors 'none'" in policy and "sandbox" in policy
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["oauth2-redirect.html", "oauth2-redirect.js"])
def test_the_swagger_oauth2_redirect_page_is_not_served(name):
    client = Client(raise_request_exception=False)
    prefix = "/static/drf_spectacular_sidecar/swagger-ui-dist/"
    assert client.get(f"{prefix}swagger-ui-bundle.js").status_code == 200
    assert client.get(f"{prefix}{name}").status_code == 404


def test_the_unused_pages_are_left_out_of_the_files_served_in_production(settings, tmp_path):
    """In production whitenoise lists its files once at start-up (no autorefresh)."""
    settings.WHITENOISE_AUTOREFRESH = False
    settings.STATIC_ROOT = tmp_path  # empty: the finders list the files
    middleware = StaticFilesMiddleware(lambda request: HttpResponseNotFound())
    assert "/static/css/site.css" in middleware.files
    assert not [url for url in middleware.files if url.endswith(UNSERVED)]
