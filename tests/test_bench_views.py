"""The benchmark's ceilings measure what they claim to."""

import json

import pytest
from django.test import RequestFactory

from bench import views as bench_views
from tests.films.factories import FilmFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def test_hand_written_film_list_is_the_apis_payload(api_client, seeded):
    api = api_client.get("/api/v1/films/", HTTP_HOST="testserver").json()
    request = RequestFactory().get("/bench/api/films/", HTTP_HOST="testserver")
    assert json.loads(bench_views.film_list_json(request).content) == api


def test_hand_written_film_list_pages_like_the_api(api_client, django_assert_num_queries):
    theme = ThemeFactory()
    for n in range(25):
        FilmFactory(title=f"Film {n}", order=n).themes.add(theme)
    api = api_client.get("/api/v1/films/", HTTP_HOST="testserver").json()
    request = RequestFactory().get("/bench/api/films/", HTTP_HOST="testserver")
    # The ceiling asks what the API asks: the count, the films, their directors, themes.
    with django_assert_num_queries(4):
        payload = json.loads(bench_views.film_list_json(request).content)
    assert payload == api


def test_trivial_view_says_ok():
    assert bench_views.ok(RequestFactory().get("/bench/ok")).content == b"ok"
