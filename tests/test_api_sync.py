"""Search, the change feed and the bulk export: what other apps sync from."""

import datetime

import pytest
from django.utils import timezone

from tests.films.factories import (
    CitationFactory,
    CollectionFactory,
    CreditFactory,
    FilmFactory,
    QuoteFactory,
    ThemeFactory,
)
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def wheat():
    jia = PersonFactory(slug="jia-zhangke", name="Jia Zhangke", name_zh="贾樟柯")
    film = FilmFactory(slug="wheat-harvest", title="Wheat Harvest", title_zh="麦收", director=jia)
    QuoteFactory(speaker=jia, film=film, text="麦收时节", translation="At wheat harvest")
    return film


# -- Search --------------------------------------------------------------------------------


def test_search_gives_typed_hits_in_both_languages(api_client, wheat):
    ThemeFactory(slug="harvest", name="Harvest", name_zh="收获")
    FilmFactory(slug="hidden", title="Wheat draft", status="draft")
    body = api_client.get("/api/v1/search/?q=麦收").json()
    assert body["query"] == "麦收"
    assert [(hit["type"], hit["slug"]) for hit in body["results"]] == [
        ("film", "wheat-harvest"),
        ("quote", None),
    ]
    film, quote = body["results"]
    assert film == {
        "type": "film",
        "id": wheat.pk,
        "slug": "wheat-harvest",
        "label": "Wheat Harvest",
        "label_zh": "《麦收》",
        "url": "http://testserver/api/v1/films/wheat-harvest/",
        "page_url": "http://testserver/films/wheat-harvest/",
        "page_url_zh": "http://testserver/zh-hans/films/wheat-harvest/",
    }
    assert quote["label"] == "At wheat harvest" and quote["label_zh"] == "麦收时节"
    assert body["count"] == 2 and body["next"] is None and body["previous"] is None
    assert body["totals"] == {"films": 1, "people": 0, "themes": 0, "quotes": 1}
    english = api_client.get("/api/v1/search/?q=HARVEST").json()
    assert {hit["type"] for hit in english["results"]} == {"film", "theme", "quote"}
    assert "hidden" not in [hit["slug"] for hit in english["results"]]


def test_search_counts_every_match_and_pages_through_them(api_client, wheat):
    FilmFactory.create_batch(3, title_zh="麦子")
    first = api_client.get("/api/v1/search/", {"q": "麦", "page_size": 2}).json()
    assert first["count"] == 5  # four films and the quote, not the two hits shown
    assert first["totals"] == {"films": 4, "people": 0, "themes": 0, "quotes": 1}
    assert [hit["type"] for hit in first["results"]] == ["film", "film"]
    assert first["previous"] is None
    second = api_client.get(first["next"]).json()
    assert [hit["type"] for hit in second["results"]] == ["film", "film"]
    third = api_client.get(second["next"]).json()
    assert [hit["type"] for hit in third["results"]] == ["quote"] and third["next"] is None
    assert third["previous"] == second["next"].replace("page=3", "page=2")
    seen = [hit["id"] for page in (first, second) for hit in page["results"]]
    assert len(set(seen)) == 4  # every film once, no page overlapping another
    empty = api_client.get("/api/v1/search/?q=").json()
    assert empty == {
        "query": "",
        "count": 0,
        "totals": {"films": 0, "people": 0, "themes": 0, "quotes": 0},
        "next": None,
        "previous": None,
        "results": [],
    }
    beyond = api_client.get("/api/v1/search/", {"q": "麦", "page": 4, "page_size": 2})
    assert beyond.status_code == 404
    assert api_client.get("/api/v1/search/?q=x&page_size=500").status_code == 400
    assert api_client.get("/api/v1/search/?q=x&page=0").status_code == 400


# -- The change feed -----------------------------------------------------------------------


def after_everything_so_far() -> datetime.datetime:
    """Return a moment later than every change made so far: the clock's next tick.

    Changes carry the clock's time, and two made within one tick share it (`since` takes
    changes at or after it, and ties between kinds are listed by kind). Where a test needs
    "after", it waits for the tick instead of hoping the machine was slow enough.
    """
    before = timezone.now()
    while (now := timezone.now()) <= before:
        pass
    return now


def changes(client, query=""):
    response = client.get(f"/api/v1/changes/?page_size=100{query}")
    assert response.status_code == 200, response.json()
    return response.json()


def test_changes_report_creations_updates_and_deletions_oldest_first(api_client, wheat):
    start = after_everything_so_far()
    theme = ThemeFactory(slug="hometown")
    theme.name = "Home"
    theme.save()
    theme.delete()
    body = changes(api_client, f"&since={start.isoformat()}")
    assert [(c["type"], c["action"], c["slug"]) for c in body["results"]] == [
        ("theme", "created", "hometown"),
        ("theme", "updated", "hometown"),
        ("theme", "deleted", "hometown"),
    ]
    first = body["results"][0]
    assert first["url"] == "http://testserver/api/v1/themes/hometown/"
    assert datetime.datetime.fromisoformat(first["at"]) >= start
    everything = changes(api_client)
    assert {c["type"] for c in everything["results"]} >= {"film", "person", "quote", "source"}
    quote = next(c for c in everything["results"] if c["type"] == "quote")
    assert quote["slug"] is None and quote["url"].endswith(f"/api/v1/quotes/{quote['id']}/")


def test_a_credit_change_is_an_update_of_its_film(api_client, wheat):
    start = after_everything_so_far()
    editor = PersonFactory(slug="editor")
    after_everything_so_far()  # the credit's change comes after the person's, not with it
    CreditFactory(film=wheat, person=editor, role="editor")
    kinds = [
        (c["type"], c["action"], c["slug"])
        for c in changes(api_client, f"&since={start}")["results"]
    ]
    assert kinds == [("person", "created", "editor"), ("film", "updated", "wheat-harvest")]


def test_a_citation_change_is_an_update_of_the_entry_it_supports(api_client, wheat):
    jia = wheat.directors[0]
    collection = CollectionFactory()
    start = after_everything_so_far()
    for subject in ({"film": wheat}, {"film": None, "person": jia}):
        CitationFactory(**subject)
    CitationFactory(film=None, collection=collection, source=wheat.citations.get().source)
    updates = [
        (c["type"], c["id"], c["slug"], c["action"])
        for c in changes(api_client, f"&since={start}")["results"]
        if c["action"] == "updated"
    ]
    assert sorted(updates) == [
        ("collection", collection.pk, collection.slug, "updated"),
        ("film", wheat.pk, "wheat-harvest", "updated"),
        ("person", jia.pk, "jia-zhangke", "updated"),
    ]


def test_changes_to_a_draft_films_credits_citations_and_quotes_stay_with_curators(
    api_client, token_client, wheat
):
    secret = FilmFactory(slug="draftprobe-film", status="draft")
    jia = wheat.directors[0]
    start = after_everything_so_far()
    CreditFactory(film=secret, person=jia, role="editor")
    CitationFactory(film=secret)
    QuoteFactory(film=secret, speaker=jia, text="关于草稿影片的话")
    public = changes(api_client, f"&since={start}")["results"]
    # The factories' new sources are public; nothing of the film reaches readers.
    assert {c["type"] for c in public} == {"source"}
    curators = changes(token_client, f"&since={start}")["results"]
    assert {(c["type"], c["action"]) for c in curators} == {
        ("film", "updated"),
        ("source", "created"),
        ("quote", "created"),
    }


def test_a_quote_about_no_film_reaches_the_readers_feed(api_client, wheat):
    start = after_everything_so_far()
    quote = QuoteFactory(film=None, speaker=wheat.directors[0], text="关于AI")
    public = changes(api_client, f"&since={start}")["results"]
    quotes = [(c["id"], c["action"]) for c in public if c["type"] == "quote"]
    assert quotes == [(quote.pk, "created")]


def test_readers_see_a_film_made_draft_as_deleted(api_client, token_client, wheat):
    start = after_everything_so_far().isoformat().replace("+00:00", "Z")
    wheat.status = "draft"
    wheat.save()
    public = changes(api_client, f"&since={start}")["results"]
    assert [(c["type"], c["action"]) for c in public] == [("film", "deleted")]
    curators = changes(token_client, f"&since={start}")["results"]
    assert [(c["type"], c["action"]) for c in curators] == [("film", "updated")]


def test_a_film_that_was_never_public_never_reaches_the_readers_feed(
    api_client, token_client, wheat
):
    start = after_everything_so_far().isoformat().replace("+00:00", "Z")
    secret = FilmFactory(slug="draftprobe-secret-film", title="Secret", status="draft")
    quote = QuoteFactory(film=secret, speaker=wheat.directors[0], text="秘密")
    quote_id = quote.pk
    secret.title = "Still secret"
    secret.save()
    quote.delete()
    secret.delete()
    public = changes(api_client, f"&since={start}")["results"]
    assert "draftprobe" not in str(public)
    assert ("quote", quote_id) not in [(c["type"], c["id"]) for c in public]
    curators = changes(token_client, f"&since={start}")["results"]
    assert [c["action"] for c in curators if c["slug"] == "draftprobe-secret-film"] == [
        "created",
        "updated",
        "deleted",
    ]
    assert [c["action"] for c in curators if (c["type"], c["id"]) == ("quote", quote_id)] == [
        "created",
        "deleted",
    ]


def test_readers_see_a_publication_as_created_and_its_end_as_deleted(api_client, wheat):
    start = after_everything_so_far().isoformat().replace("+00:00", "Z")
    film = FilmFactory(slug="later", status="draft")
    film.status = "published"
    film.save()  # published: readers learn of it now
    film.title = "Later"
    film.save()
    film.status = "draft"
    film.save()  # gone from the public record
    film.title = "Draft edit"
    film.save()  # an edit of a draft: nothing for readers
    film.delete()  # already gone for readers
    public = changes(api_client, f"&since={start}")["results"]
    assert [(c["slug"], c["action"]) for c in public if c["type"] == "film"] == [
        ("later", "created"),
        ("later", "updated"),
        ("later", "deleted"),
    ]


def test_since_accepts_offsets_dates_and_an_unencoded_plus(api_client, wheat):
    future = timezone.now() + datetime.timedelta(days=1)
    assert changes(api_client, f"&since={future.date()}")["count"] == 0
    unencoded = future.strftime("%Y-%m-%dT%H:%M:%S+00:00")  # the + arrives as a space
    assert changes(api_client, f"&since={unencoded}")["count"] == 0
    assert changes(api_client, "&since=2000-01-01")["count"] > 0


def test_an_empty_since_is_the_whole_feed(api_client, wheat):
    assert changes(api_client, "&since=") == changes(api_client)


def test_changes_refuse_a_parameter_they_do_not_know(api_client, wheat):
    response = api_client.get("/api/v1/changes/?sinse=2024-12-06")
    assert response.status_code == 400
    assert "sinse" in str(response.json())


def test_changes_paginate(api_client, wheat):
    body = api_client.get("/api/v1/changes/?page_size=2").json()
    assert len(body["results"]) == 2 and body["next"]
    rest = api_client.get(body["next"]).json()
    assert rest["results"][0] != body["results"][0]


# -- The export ----------------------------------------------------------------------------


def test_export_is_one_versioned_document_with_its_licence(api_client, token_client, wheat):
    secret = FilmFactory(slug="secret", status="draft")
    jia = wheat.directors[0]
    QuoteFactory(speaker=jia, film=wheat, text="草稿里的话", status="draft")
    QuoteFactory(speaker=jia, film=secret, text="关于草稿影片的话")
    response = api_client.get("/api/v1/export/")
    assert response.status_code == 200
    document = response.json()
    assert document["schema_version"] == 1
    # The licence as readers are promised it (README, docs), not as the code spells it.
    assert document["licence"].startswith("CC BY 4.0")
    assert document["licence_url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert [film["slug"] for film in document["films"]] == ["wheat-harvest"]
    assert document["films"][0] == api_client.get("/api/v1/films/wheat-harvest/").json()
    for kind in ("collections", "people", "themes", "quotes", "sources", "milestones"):
        assert isinstance(document[kind], list)
    # Neither a draft quote nor a quote about a draft film, for anyone.
    assert [quote["text"] for quote in document["quotes"]] == ["麦收时节"]
    # Curators get the published data too: drafts are never exported.
    curators = token_client.get("/api/v1/export/").json()
    assert [film["slug"] for film in curators["films"]] == ["wheat-harvest"]
    assert [quote["text"] for quote in curators["quotes"]] == ["麦收时节"]


def test_the_export_revalidates_alike_for_readers_and_curators(api_client, token_client, wheat):
    # Drafts are never exported, so readers and curators hold the same document, and
    # the reader's validator is the public one every anonymous answer carries.
    reader = api_client.get("/api/v1/export/")["ETag"]
    assert token_client.get("/api/v1/export/")["ETag"] == reader
    assert api_client.get("/api/v1/films/")["ETag"] == reader
    again = token_client.get("/api/v1/export/", HTTP_IF_NONE_MATCH=reader)
    assert again.status_code == 304


def test_export_is_built_once_per_content_version(token_client, wheat, django_assert_num_queries):
    first = token_client.get("/api/v1/export/").json()
    with django_assert_num_queries(1):  # the token only: the document comes from the cache
        again = token_client.get("/api/v1/export/").json()
    assert again == first
    wheat.title = "Wheat"
    wheat.save()
    assert token_client.get("/api/v1/export/").json()["films"][0]["title"] == "Wheat"


def test_export_links_point_to_the_host_asked_even_when_it_is_not_cached(api_client, wheat):
    # A port the server does not listen on is served but never stored (core/caching.py):
    # each such host gets a document built for it, with its own links.
    for port in ("8001", "8002"):
        text = api_client.get("/api/v1/export/", HTTP_HOST=f"testserver:{port}").content
        assert f"http://testserver:{port}/api/v1/films/wheat-harvest/".encode() in text
        assert b"testserver:800" + (b"2" if port == "8001" else b"1") not in text
