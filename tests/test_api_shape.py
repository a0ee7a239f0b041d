"""`?fields=` and `?expand=`: fewer round trips, fixed query counts, strict names."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import grow_works

pytestmark = pytest.mark.django_db


def test_fields_keeps_only_the_named_fields_on_lists_and_details(api_client, works):
    listed = api_client.get("/api/v1/films/?fields=slug,title,title_status").json()
    assert listed["count"] >= 3
    assert all(set(film) == {"slug", "title", "title_status"} for film in listed["results"])
    detail = api_client.get("/api/v1/films/wheat-harvest/?fields=slug,credits").json()
    assert set(detail) == {"slug", "credits"} and detail["credits"]
    quotes = api_client.get("/api/v1/quotes/?fields=id,words_zh").json()["results"]
    assert quotes and all(set(quote) == {"id", "words_zh"} for quote in quotes)


@pytest.mark.parametrize(
    "query, param, valid",
    [
        ("fields=slug,titel", "fields", "title_status"),
        ("fields=", "fields", "slug"),
        ("expand=director", "expand", "directors"),
    ],
)
def test_unknown_names_are_a_400_listing_the_valid_ones(api_client, works, query, param, valid):
    for path in ("/api/v1/films/", "/api/v1/films/wheat-harvest/"):
        response = api_client.get(f"{path}?{query}")
        assert response.status_code == 400, path
        assert valid in response.json()[param][0]
    assert api_client.get("/api/v1/themes/?expand=films").status_code == 400


def test_a_set_the_list_does_not_show_is_a_field_only_when_expanded(api_client, works):
    refused = api_client.get("/api/v1/films/?fields=slug,citations")
    assert refused.status_code == 400  # not an empty object per film
    assert "expand" in refused.json()["fields"][0]
    body = api_client.get("/api/v1/films/?fields=slug,citations&expand=citations").json()
    assert all(set(film) == {"slug", "citations"} for film in body["results"])
    detail = api_client.get("/api/v1/films/wheat-harvest/?fields=slug,citations").json()
    assert set(detail) == {"slug", "citations"} and detail["citations"]  # the detail has them


def test_expand_embeds_related_entries_in_full(api_client, works):
    plain = api_client.get("/api/v1/films/wheat-harvest/").json()
    assert "bio" not in plain["directors"][0]
    body = api_client.get(
        "/api/v1/films/?fields=slug&expand=directors,themes,quotes,citations"
    ).json()
    wheat = next(film for film in body["results"] if film["slug"] == "wheat-harvest")
    assert set(wheat) == {"slug", "directors", "themes", "quotes", "citations"}
    assert wheat["directors"][0]["bio"] == "Director."
    assert "description" in wheat["themes"][0]
    assert {quote["words_en"] for quote in wheat["quotes"]} == {
        "I've always been drawn to Zhong Kui."
    }  # the quote about a draft film or in draft is not embedded
    assert {citation["topic"] for citation in wheat["citations"]} == {"title", "runtime"}
    twice = api_client.get("/api/v1/films/?expand=quotes,citations,quotes&fields=slug,slug")
    assert twice.status_code == 200
    detail = api_client.get("/api/v1/films/wheat-harvest/?expand=quotes").json()
    assert detail["quotes"][0]["themes"][0]["slug"] == "hometown"  # the quote's full form


def test_expanded_lists_keep_a_fixed_query_count(api_client, works, settings):
    dummy = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    settings.CACHES = {"default": dummy, "content-version": dummy}
    url = "/api/v1/films/?expand=directors,themes,quotes,citations&page_size=100"
    detail = "/api/v1/films/wheat-harvest/?expand=directors,themes,quotes,citations"

    def counts():
        with CaptureQueriesContext(connection) as listed:
            assert api_client.get(url).status_code == 200
        with CaptureQueriesContext(connection) as one:
            assert api_client.get(detail).status_code == 200
        return len(listed.captured_queries), len(one.captured_queries)

    before = counts()
    assert before[0] <= 8  # count, films, directors, themes, quotes (+ their joins), citations
    grow_works(works)
    assert counts() == before


def test_the_public_cache_keys_on_fields_and_expand(api_client, works):
    full = api_client.get("/api/v1/films/wheat-harvest/").json()
    slim = api_client.get("/api/v1/films/wheat-harvest/?fields=slug").json()
    expanded = api_client.get("/api/v1/films/wheat-harvest/?fields=slug&expand=themes").json()
    assert set(slim) == {"slug"} and set(expanded) == {"slug", "themes"}
    assert api_client.get("/api/v1/films/wheat-harvest/").json() == full
    assert api_client.get("/api/v1/films/wheat-harvest/?fields=slug").json() == slim


def test_the_schema_names_fields_and_expand(api_client):
    schema = api_client.get("/api/v1/schema/?format=json").json()
    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/films/"]["get"]["parameters"]}
    assert "title_status" in parameters["fields"]["schema"]["items"]["enum"]
    assert parameters["expand"]["schema"]["items"]["enum"] == [
        "citations",
        "directors",
        "quotes",
        "themes",
    ]
    film_list = schema["components"]["schemas"]["FilmList"]
    assert "required" not in film_list and "quotes" in film_list["properties"]
