"""Every API endpoint runs a fixed number of SQL queries, whatever the size of the data.

Each endpoint is measured on a small dataset, then 100 more films (with credits, themes,
quotes and citations), people, sources and milestones are added and it is measured
again: the count is pinned and must not move. Requests are anonymous cache misses (an
edit changes the content version, so nothing is served from the public cache).
"""

import datetime

import pytest

from tests.films.factories import (
    CitationFactory,
    CollectionFactory,
    FilmFactory,
    MilestoneFactory,
    ProductionStatementFactory,
    QuoteFactory,
    SourceFactory,
    ThemeFactory,
)
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db


def add_rows(collection, count: int, prefix: str) -> None:
    """Add `count` films, each with a director, an editor, a theme, quotes and citations."""
    themes = [ThemeFactory(name=f"{prefix} theme {i}") for i in range(max(1, count // 10))]
    source = SourceFactory()
    for i in range(count):
        director = PersonFactory()
        film = FilmFactory(
            collection=collection,
            slug=f"{prefix}-film-{i}",
            title=f"Wheat {prefix} {i}",
            title_zh=f"麦收{prefix}{i}",
            premiere_date=datetime.date(2024, 12, 6),
        )
        film.credits.create(person=director, role="director")
        film.credits.create(person=PersonFactory(), role="editor")
        film.themes.add(themes[i % len(themes)])
        quote = QuoteFactory(speaker=director, film=film, source=source, text=f"麦收 {i}")
        quote.translation = f"Wheat harvest {i}"
        quote.save()
        quote.themes.add(themes[i % len(themes)])
        CitationFactory(film=film, source=source, note=f"Fact {i}")
        CitationFactory(
            film=film,
            source=source,
            topic="themes",
            note="States it",
            theme=themes[i % len(themes)],
        )
        ProductionStatementFactory(film=film, sources=[source])
        CitationFactory(film=None, person=director, source=source, note=f"Born {i}")
        MilestoneFactory(source=source, title=f"Milestone {prefix} {i}")


@pytest.fixture
def dataset():
    collection = CollectionFactory(slug="keling")
    add_rows(collection, 3, "base")
    film = FilmFactory(collection=collection, slug="wheat-harvest", title="Wheat Harvest")
    theme = ThemeFactory(slug="hometown")
    film.themes.add(theme)
    quote = QuoteFactory(speaker=film.directors[0], film=film)
    quote.themes.add(theme)
    CitationFactory(film=film, source=quote.source)
    ProductionStatementFactory(
        film=film, kind="tool", stage="", done_by="", feature="lip-sync", sources=[quote.source]
    )
    return {
        "film": film.slug,
        "person": film.directors[0].slug,
        "theme": theme.slug,
        "quote": quote.pk,
        "source": quote.source.pk,
        "milestone": MilestoneFactory(source=quote.source).pk,
        "collection": collection,
    }


# (path, queries): the count is part of the contract; a change here needs a reason.
ENDPOINTS = [
    ("/api/v1/", 0),
    ("/api/v1/films/", 4),  # count, films, directors, themes
    ("/api/v1/films/?director={person}&theme={theme}&ordering=-title", 6),  # + 2 slug lookups
    ("/api/v1/films/?search=wheat&year=2024&title_status=confirmed", 4),
    ("/api/v1/films/?tool=lip-sync", 4),
    ("/api/v1/films/?stage=video-generation&tool=", 4),
    # film+collection, directors, themes, credits, quotes, cites, production, its sources
    ("/api/v1/films/{film}/", 8),
    ("/api/v1/people/", 2),
    ("/api/v1/people/?role=director&search=a", 2),
    ("/api/v1/people/{person}/", 7),  # + links, credits, their films' directors, quotes…
    ("/api/v1/themes/", 2),
    ("/api/v1/themes/{theme}/", 5),
    ("/api/v1/quotes/", 4),
    ("/api/v1/quotes/?speaker={person}&lang=zh", 5),
    ("/api/v1/quotes/{quote}/", 3),
    ("/api/v1/sources/", 2),
    ("/api/v1/sources/{source}/", 3),
    ("/api/v1/collections/", 2),
    ("/api/v1/collections/keling/", 4),
    ("/api/v1/milestones/", 2),
    ("/api/v1/milestones/{milestone}/", 1),
    # The matches of every kind counted in one statement, their ranked ids in another,
    # then the films on the page and their directors (test_search_query_count_is_bounded).
    ("/api/v1/search/?q=wheat&page_size=1", 4),
    ("/api/v1/films/?expand=directors,themes,quotes,citations", 8),
    ("/api/v1/films/{film}/?fields=slug&expand=directors,themes,quotes,citations", 12),
    ("/api/v1/changes/", 2),
    ("/api/v1/changes/?since=2020-01-01T00:00:00Z&page_size=100", 2),
    ("/api/v1/export/", 31),  # films carry their production records: 2 queries more
]


def test_query_count_is_fixed_whatever_the_data(api_client, dataset, django_assert_num_queries):
    def measure():
        for path, queries in ENDPOINTS:
            url = path.format(**dataset)
            with django_assert_num_queries(queries):
                response = api_client.get(url)
            assert response.status_code == 200, url
            body = response.json()
            if "count" in body:
                assert body["results"], url  # every list has rows: prefetches all run

    measure()
    add_rows(dataset["collection"], 100, "more")  # a new content version: no cache hits
    measure()


def test_search_query_count_is_bounded(api_client, dataset, django_assert_max_num_queries):
    # Count, ranked ids, then per kind on the page its rows (films and quotes also their
    # films' directors): at most 2 + 6, whatever the data and however deep the page.
    for prefix in ("more", "even-more"):
        for query in ("q=wheat", "q=%E9%BA%A6%E6%94%B6", "q=wheat&page=2&page_size=1"):
            with django_assert_max_num_queries(8):
                assert api_client.get(f"/api/v1/search/?{query}").status_code == 200
        add_rows(dataset["collection"], 100, prefix)


def test_curators_pay_only_for_authentication(token_client, dataset, django_assert_num_queries):
    # The token, the user's permissions and the group's, then the same queries as readers.
    with django_assert_num_queries(3 + 4):
        token_client.get("/api/v1/films/")
    add_rows(dataset["collection"], 100, "more")
    with django_assert_num_queries(3 + 4):
        token_client.get("/api/v1/films/")
