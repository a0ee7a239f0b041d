"""A database that cannot be reached: readers and apps get a fast 503 with Retry-After.

The database is made unreachable for real: every new query goes through a connection
attempt at an address where nothing answers (a closed port on PostgreSQL, a file in a
missing folder on SQLite), so the driver raises the error it raises in production and
Django wraps it in `OperationalError`. tests/system/test_faults.py does the same with a
PostgreSQL server that restarts under load.
"""

import socket

import pytest
from django.db import InterfaceError, connection
from django.test import Client

from core.env import database_config

pytestmark = pytest.mark.django_db


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def database_down(monkeypatch, works):
    """Make every connection attempt fail the way a stopped database server does."""
    params = connection.get_connection_params()
    if connection.vendor == "postgresql":
        params.update(host="127.0.0.1", port=_closed_port(), connect_timeout=2)
    else:
        params["database"] = "/nonexistent-folder/filmbase.sqlite3"

    def unreachable():
        with connection.wrap_database_errors:
            connection.get_new_connection(params)

    monkeypatch.setattr(connection, "ensure_connection", unreachable)


def _assert_503(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("path", "lang", "first", "second"),
    [
        ("/films/", "en", "Temporarily unavailable", "暂时无法访问"),
        ("/zh-hans/films/wheat-harvest/", "zh-Hans", "暂时无法访问", "Temporarily unavailable"),
    ],
)
def test_a_page_answers_503_in_both_languages_its_own_first(
    client, database_down, path, lang, first, second
):
    response = client.get(path)
    _assert_503(response)
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert f'<html lang="{lang}">' in page
    assert page.index(first) < page.index(second)


def test_an_api_read_answers_503_json(api_client, database_down):
    response = api_client.get("/api/v1/films/")
    _assert_503(response)
    assert response["Content-Type"] == "application/json"
    assert "retry" in response.json()["detail"]


def test_an_api_write_answers_503_json_when_even_the_token_cannot_be_checked(
    token_client, database_down
):
    response = token_client.post("/api/v1/films/", {"title": "x"}, format="json")
    _assert_503(response)
    assert "temporarily unavailable" in response.json()["detail"]


def test_a_failure_outside_any_view_is_a_503_too(settings, database_down):
    """handler500 turns a database error raised by a middleware into the same 503."""
    settings.MIDDLEWARE = ["tests.test_outage.QueryingMiddleware", *settings.MIDDLEWARE]
    client = Client(raise_request_exception=False)
    page = client.get("/films/")
    _assert_503(page)
    assert "Temporarily unavailable" in page.content.decode()
    api = client.get("/api/v1/films/")
    _assert_503(api)
    assert api.json()["detail_zh"] == "服务暂时不可用，请稍后重试。"


class QueryingMiddleware:
    """Stands for a middleware that queries, e.g. a session saved after the view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        connection.cursor()
        return self.get_response(request)


def test_a_lost_connection_mid_request_is_a_503_as_well(client, works, monkeypatch):
    """psycopg reports a connection closed under it as InterfaceError."""

    def closed(*args, **kwargs):
        raise InterfaceError("connection already closed")

    monkeypatch.setattr(connection, "ensure_connection", closed)
    _assert_503(client.get("/themes/"))


def test_other_database_errors_are_still_server_errors(client, works, monkeypatch):
    """Only "cannot reach the database" asks the client to retry; a bug stays a 500."""

    def bug(*args, **kwargs):
        raise ZeroDivisionError

    monkeypatch.setattr(connection, "ensure_connection", bug)
    response = Client(raise_request_exception=False).get("/themes/")
    assert response.status_code == 500
    assert "Retry-After" not in response


def test_postgresql_connections_time_out_fast_and_are_checked_before_reuse(monkeypatch):
    config = database_config("postgres://filmbase:for-tests-only@db.example:5432/filmbase")
    assert config["OPTIONS"]["connect_timeout"] == 3
    assert config["CONN_HEALTH_CHECKS"] is True
    monkeypatch.setenv("DATABASE_CONNECT_TIMEOUT", "2")
    config = database_config("postgres://filmbase:for-tests-only@db.example:5432/filmbase")
    assert config["OPTIONS"]["connect_timeout"] == 2
