"""Search across films, people, themes and quotes, in Chinese and English."""

import pytest
from django.db import connection
from django.db.models import Q

from films.models import Credit, Film, Milestone, Quote
from films.search import normalise_query, rebuild_search_index, search
from people.models import Person
from tests.films.factories import CollectionFactory, FilmFactory, QuoteFactory, ThemeFactory
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def works():
    jia = PersonFactory(name="Jia Zhangke", name_zh="贾樟柯", other_names="")
    yip = PersonFactory(name="Tim Yip", name_zh="叶锦添", other_names="Ye Jintian")
    wheat = FilmFactory(
        title="Wheat Harvest",
        title_zh="麦收",
        synopsis="A robot speaks the Fenyang dialect and harvests wheat.",
        director=jia,
    )
    courier = FilmFactory(
        title="The Courier",
        title_zh="快递员",
        synopsis="An alien courier named Lili searches for a silver dragon.",
        director=yip,
    )
    hometown = ThemeFactory(name="Hometown", name_zh="故乡", description="Jia's Fenyang.")
    quote = QuoteFactory(
        speaker=yip, film=courier, text="AI让我们拥有了无穷的想象力", translation="a boundless"
    )
    return {"wheat": wheat, "courier": courier, "yip": yip, "hometown": hometown, "quote": quote}


@pytest.mark.parametrize(
    ("query", "kind", "key"),
    [
        ("麦收", "films", "wheat"),
        ("麦", "films", "wheat"),
        ("wheat", "films", "wheat"),
        ("Lili", "films", "courier"),
        ("fenyang", "themes", "hometown"),
        ("Ye Jintian", "people", "yip"),
        ("叶锦添", "people", "yip"),
        ("想象力", "quotes", "quote"),
        ("ｗｈｅａｔ", "films", "wheat"),  # full-width letters from a Chinese keyboard
    ],
)
def test_finds_entries_in_both_languages(works, query, kind, key):
    assert works[key] in getattr(search(query), kind).items


def test_title_matches_rank_before_synopsis_matches(works):
    FilmFactory(title="Harvest Moon", title_zh="月", synopsis="No wheat here.")
    first = FilmFactory(title="Wheat Songs", title_zh="麦歌", synopsis="Songs.")
    assert search("wheat").films.items[0] in {works["wheat"], first}
    assert search("wheat").films.items[-1].title == "Harvest Moon"


def test_drafts_are_never_found(works):
    FilmFactory(title="Secret Wheat", status="draft")
    QuoteFactory(text="秘密的麦子", status="draft")
    assert [f.title for f in search("wheat").films] == ["Wheat Harvest"]
    assert not search("秘密").quotes


def test_results_are_capped_and_say_there_are_more(works):
    for n in range(5):
        FilmFactory(title=f"Wheat {n}")
    hits = search("wheat", limit=3).films
    assert len(hits) == 3 and hits.has_more


@pytest.mark.parametrize("raw", ["", "   ", None, "\x00", "\ud800"])
def test_empty_or_hostile_queries_find_nothing(works, raw):
    assert search(raw).total == 0


def test_queries_are_normalised_and_capped():
    assert normalise_query("  wheat \x00 harvest ") == "wheat harvest"
    assert len(normalise_query("麦" * 5000)) == 100


def test_query_count_is_fixed_whatever_the_data(django_assert_num_queries):
    def add_entries(n):
        person = PersonFactory(name=f"Harvest Keeper {n}")
        film = FilmFactory(title=f"Harvest {n}", director=person)
        ThemeFactory(name=f"Harvest theme {n}")
        QuoteFactory(speaker=person, film=film, translation=f"The harvest, part {n}.")

    add_entries(0)
    # index + films + their directors + people + themes + quotes + their films' directors
    with django_assert_num_queries(7):
        search("harvest")
    for n in range(1, 31):
        add_entries(n)
    with django_assert_num_queries(7):
        results = search("harvest")
    assert all(
        len(hits) == 20 and hits.has_more
        for hits in (results.films, results.people, results.themes, results.quotes)
    )


@pytest.mark.usefixtures("seeded")
class TestSearchOnTheNineWorks:
    """The same answers on SQLite and PostgreSQL: CI runs this module on both."""

    @pytest.mark.parametrize(
        ("query", "films", "people", "themes"),
        [
            ("麦收", ["wheat-harvest"], [], ["city-and-countryside"]),
            (
                "钟馗",
                ["no-disturbance-from-ghosts"],
                [],
                ["fantasy", "tradition-meets-modern-life"],
            ),
            ("Fenyang", ["wheat-harvest"], [], ["hometown"]),
            ("Fen", ["wheat-harvest"], [], ["hometown"]),
            ("Lili", ["the-courier"], [], []),
            ("wheat", ["wheat-harvest"], [], ["city-and-countryside"]),
            ("Ye Jintian", ["the-courier"], ["tim-yip"], []),  # his film, by his name
            ("兔斯基", [], ["wang-maomao"], []),
            ("故乡", ["wheat-harvest"], [], ["hometown"]),
            ("parallel world", ["new-world"], [], ["parallel-worlds", "fantasy"]),
            ("robot", ["wheat-harvest", "daisy"], [], ["humans-and-ai", "hometown", "family"]),
        ],
    )
    def test_answers(self, query, films, people, themes):
        results = search(query)
        assert [film.slug for film in results.films] == films
        assert [person.slug for person in results.people] == people
        assert [theme.slug for theme in results.themes] == themes

    def test_a_quote_is_found_by_a_word_of_its_original_chinese(self):
        quotes = search("好玩").quotes
        assert quotes and all("好玩" in quote.text for quote in quotes)

    def test_title_matches_come_before_prose_matches(self):
        assert [film.slug for film in search("的").films][0] == "the-last-line-of-defense"

    @pytest.mark.parametrize("query", ["贾樟柯", "Jia Zhangke"])
    def test_a_directors_name_finds_his_film_and_his_quotes(self, query):
        results = search(query)
        assert [film.slug for film in results.films] == ["wheat-harvest"]
        assert [person.slug for person in results.people] == ["jia-zhangke"]
        said = Quote.objects.published().filter(speaker__slug="jia-zhangke")
        assert said.exists()
        assert set(results.quotes) == set(said)

    @pytest.mark.parametrize("query", ["可灵", "Kling", "快手"])
    def test_kling_finds_the_project_and_its_milestones(self, query):
        results = search(query)
        assert [project.slug for project in results.projects] == [
            "keling-ai-director-co-creation-project"
        ]
        milestones = Milestone.objects.filter(
            Q(title__icontains=query)
            | Q(title_zh__icontains=query)
            | Q(description__icontains=query)
            | Q(description_zh__icontains=query)
        )
        assert milestones.exists()
        assert set(results.milestones) == set(milestones)

    @pytest.mark.parametrize("query", ["可灵", "Kling"])
    def test_kling_finds_the_production_notes_that_mention_it(self, query):
        films = [film.slug for film in search(query).films]
        assert "wheat-harvest" in films  # Kling's lip-sync lets the robot speak Fenyang dialect
        assert "daisy" not in films

    def test_the_search_page_lists_the_project_and_milestones_in_chinese(self, client):
        page = client.get("/zh-hans/search/", {"q": "可灵"}).content.decode()
        assert '<h2 id="results-projects">本计划</h2>' in page
        assert '<h2 id="results-milestones">可灵大事记</h2>' in page
        assert "可灵发布" in page
        assert "“可灵”的搜索结果：" in page


def test_index_follows_edits_unpublishing_and_deletes():
    film = FilmFactory(title="Wheat Harvest", title_zh="麦收")
    quote = QuoteFactory(film=film, text="麦收的季节")
    assert search("麦收").films.items == [film]
    film.title_zh = "秋收"
    film.save()
    assert not search("麦收").films and search("秋收").films.items == [film]
    film.status = "draft"
    film.save()
    assert not search("秋收").films
    assert not search("季节").quotes  # a quote about a draft film is hidden with it
    film.status = "published"
    film.save()
    assert search("季节").quotes.items == [quote]
    quote.delete()
    assert not search("季节").quotes


def test_an_edit_that_keeps_some_words_still_finds_them():
    """Updating an entry must not lose the words its old and new text share."""
    quote = QuoteFactory(text="麦收 季节", translation="harvest season")
    quote.text = "麦收 时节"
    quote.save()
    assert search("麦收").quotes.items == [quote]
    assert search("harvest").quotes.items == [quote]
    assert not search("季节").quotes


@pytest.mark.skipif(connection.vendor != "postgresql", reason="GIN indexes: PostgreSQL only")
def test_postgresql_search_indexes_keep_no_pending_list():
    """New entries go straight into the GIN indexes (migration 0011).

    With GIN's default pending list, every search read the entries of the last bulk load
    one by one until autovacuum came round: 3.9-8.6 ms instead of 1.9-3.7 at 10,000 films.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, c.reloptions FROM pg_index i "
            "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam "
            "WHERE a.amname = 'gin' AND c.relname LIKE 'films_search_%%'"
        )
        indexes = dict(cursor.fetchall())
    assert len(indexes) == 12  # two per kind
    assert all(options == ["fastupdate=off"] for options in indexes.values()), indexes


def test_the_index_builds_over_a_thousand_films_each_with_its_own_director():
    # Django 5.2 prefetches a foreign key as one `id = ? OR …` per row, which SQLite
    # refuses past a thousand or so: the credits' people must be joined, not prefetched.
    count = 1100
    collection = CollectionFactory()
    people = Person.objects.bulk_create(
        PersonFactory.build(slug=f"many-{i}", name=f"Maker{i}") for i in range(count)
    )
    films = Film.objects.bulk_create(
        FilmFactory.build(slug=f"many-{i}", title=f"Many {i}", collection=collection)
        for i in range(count)
    )
    Credit.objects.bulk_create(
        Credit(film=film, person=person, role="director")
        for film, person in zip(films, people, strict=True)
    )
    assert rebuild_search_index() >= 2 * count
    assert [film.slug for film in search("Maker1099").films] == ["many-1099"]
