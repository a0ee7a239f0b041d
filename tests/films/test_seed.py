"""The seed data: what `load_films` stores, and that it stores only what the sources say."""

import re
import unicodedata
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection, models

from films import people as credited
from films.models import (
    Citation,
    Collection,
    Credit,
    Film,
    Milestone,
    ProductionStatement,
    PublicationStatus,
    Quote,
    Source,
    Theme,
    TitleStatus,
)
from films.seed import EXCERPTS_DIR, seed_load
from people.models import Person, PersonLink

pytestmark = pytest.mark.django_db

CONTENT_MODELS = [
    Source,
    Person,
    PersonLink,
    Collection,
    Theme,
    Film,
    Credit,
    Quote,
    Citation,
    Milestone,
    ProductionStatement,
]


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in CONTENT_MODELS}


def _normalise(text: str) -> str:
    """Fold full-width punctuation, curly quotes and runs of whitespace, and nothing else."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\u2018", "'").replace("\u2019", "'")
    text = text.replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(text.split())


def _facts(name: str) -> str:
    path = EXCERPTS_DIR / name
    assert path.is_file(), f"{path} is missing: the seed cannot be checked against its sources"
    return _normalise(path.read_text(encoding="utf-8"))


def _text_values(obj):
    for field in obj._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField):
            value = getattr(obj, field.attname)
            if value:
                yield field.name, value


# -- Loading into an empty database, and only into an empty one ---------------------


def test_load_films_reports_what_it_loaded_then_that_it_skipped():
    first, second = StringIO(), StringIO()

    call_command("load_films", stdout=first)
    call_command("load_films", stdout=second)

    assert first.getvalue().startswith("Loaded the nine works: 9 films, 12 people, ")
    assert second.getvalue().strip() == "Content already present; nothing loaded."
    assert Film.objects.count() == 9


def test_load_films_leaves_the_query_planner_knowing_the_data():
    call_command("load_films", stdout=StringIO())

    # The rows the planner counted in films_quote: per index on SQLite (the first
    # figure of each sqlite_stat1 entry), for the table on PostgreSQL.
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = 'films_quote'")
            counted = {int(row[0].split()[0]) for row in cursor.fetchall()}
        else:
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'films_quote'")
            counted = {int(cursor.fetchone()[0])}
    assert counted == {Quote.objects.count()}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="visibility map: PostgreSQL only")
# serialized_rollback: the flush at its end would empty what migrations made (the
# Curators group), which later tests, in any order, rely on.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_after_a_bulk_load_postgresql_counts_films_from_the_index_alone():
    call_command("seed_synthetic", films=300, seed=1, stdout=StringIO())

    # VACUUM marked every page of films as visible to all transactions, so an index-only
    # scan (the count of published films) need not visit the table, as it would until
    # autovacuum came by.
    with connection.cursor() as cursor:
        cursor.execute("SELECT relallvisible, relpages FROM pg_class WHERE relname = 'films_film'")
        visible, pages = cursor.fetchone()
    assert pages > 0 and visible == pages


def test_nothing_is_loaded_when_a_collection_already_exists():
    Collection.objects.create(slug="another-project", name="Another project")

    assert seed_load() is False

    assert not Film.objects.exists()
    assert not Source.objects.exists()


def test_a_conflict_with_existing_data_leaves_the_database_untouched():
    Person.objects.create(slug="jia-zhangke", name="Someone else")

    with pytest.raises(ValidationError):
        seed_load()

    assert Person.objects.count() == 1
    assert not Source.objects.exists()


@pytest.mark.usefixtures("seeded")
class TestSeededContent:
    """What the seed stores, checked against the facts it comes from."""

    def test_second_run_loads_nothing_and_keeps_a_curators_edit(self):
        film = Film.objects.get(slug="new-world")
        film.title_note = "Curator: checked the preview again; still only a quoted phrase."
        film.save()
        before = _counts()

        assert seed_load() is False

        assert _counts() == before
        film.refresh_from_db()
        assert film.title_note == "Curator: checked the preview again; still only a quoted phrase."

    # -- The films ----------------------------------------------------------------------

    def test_nine_published_films_by_nine_directors(self):
        assert Film.objects.published().count() == 9
        assert credited.directors(Person.objects.all()).count() == 9
        assert all(film.directors for film in Film.objects.with_directors())

    @pytest.mark.parametrize(
        ("slug", "title_zh"),
        [
            ("wheat-harvest", "麦收"),
            ("the-courier", "快递员"),
            ("no-disturbance-from-ghosts", "百鬼勿扰"),
            ("the-last-line-of-defense", "最后的防线"),
            ("daisy", "雏菊"),
            ("hua-man-zhu", "花满渚"),
        ],
    )
    def test_confirmed_chinese_titles(self, slug, title_zh):
        film = Film.objects.get(slug=slug)
        assert film.title_zh == title_zh
        assert film.title_status == TitleStatus.CONFIRMED

    @pytest.mark.parametrize(("director", "title_zh"), [("dong-runnian", "新世界")])
    def test_single_source_titles_are_uncertain(self, director, title_zh):
        film = Film.objects.get(credits__role="director", credits__person__slug=director)
        assert film.title_zh == title_zh
        assert film.title_status == TitleStatus.UNCERTAIN

    @pytest.mark.parametrize(
        ("director", "label"),
        [
            ("xue-xiaolu", "Title not in our sources (film by Xue Xiaolu)"),
            ("wang-maomao", "Title not in our sources (film by Wang Maomao)"),
        ],
    )
    def test_untitled_films_have_no_title_and_say_so(self, director, label):
        film = Film.objects.get(credits__role="director", credits__person__slug=director)
        assert film.title is None
        assert film.title_zh is None
        assert film.title_status == TitleStatus.UNKNOWN
        assert film.display_title == label
        assert "No Chinese or English title" in film.title_note

    # -- Corrections: each with the source that makes it ----------------------------

    def test_hua_man_zhu_is_confirmed_by_china_daily_as_isle_abloom(self):
        film = Film.objects.get(slug="hua-man-zhu")
        assert (film.title, film.title_zh) == ("Isle Abloom", "花满渚")
        assert film.title_status == TitleStatus.CONFIRMED and not film.title_is_official
        assert "[S50]" in film.title_note and "journalist's rendering" in film.title_note
        assert film.citations.filter(source__key="S50", topic="title").exists()
        for model in CONTENT_MODELS:
            for obj in model.objects.all():
                for field, value in _text_values(obj):
                    assert "Islet Full of Flowers" not in value, (obj, field)

    def test_the_novel_inspired_the_last_line_of_defense_it_is_not_adapted(self):
        film = Film.objects.get(slug="the-last-line-of-defense")
        credit = film.credits.get(person__slug="tianrui-shuofu")
        assert credit.role == "inspiration"
        assert "inspired" in credit.get_role_display()
        assert "原著" not in credit.get_role_display()
        for text in (film.production_notes, film.production_notes_zh):
            assert "[S1, S2]" in text
            assert "改编" not in text and "adapt" not in text.lower()
        assert "获得灵感" in film.production_notes_zh
        assert "[S1, S2]" in Person.objects.get(slug="tianrui-shuofu").bio

    def test_wheat_harvests_note_matches_the_quote_its_page_shows(self):
        film = Film.objects.get(slug="wheat-harvest")
        assert film.quotes.filter(source__key="S6", speaker__slug="jia-zhangke").exists()
        assert "No direct quote" not in film.production_notes
        assert "quotes Jia on the film, in English only [S6]" in film.production_notes

    def test_dong_runnians_later_words_in_hainan_are_later_context(self):
        quote = Quote.objects.get(source__key="S51")
        assert quote.speaker.slug == "dong-runnian" and quote.film is None
        assert quote.translation.startswith("AI makes creativity more accessible")
        assert not quote.text  # the Chinese original is not in our sources
        assert "December 2025" in quote.occasion and "later context" in quote.occasion
        assert "2025年12月" in quote.occasion_zh
        assert Source.objects.get(key="S51").published_on.isoformat() == "2025-12-07"

    @pytest.mark.parametrize("slug", ["tianrui-shuofu", "wen-weisi", "da-liu"])
    def test_romanisations_no_source_gives_are_marked_as_ours(self, slug):
        person = Person.objects.get(slug=slug)
        assert person.name_is_ours
        assert "our romanisation" in person.bio
        assert "本站所拟" in person.bio_zh

    def test_da_liu_is_explained_as_a_nickname(self):
        person = Person.objects.get(slug="da-liu")
        assert 'nickname, "Big Liu"' in person.bio and "昵称" in person.bio_zh

    def test_tuzki_is_linked_as_wang_maomaos_work_not_as_her(self):
        link = PersonLink.objects.get(person__slug="wang-maomao")
        assert link.is_about_their_work
        assert link.label.startswith("Her work: Tuzki")

    def test_translations_say_who_made_them_and_when_never_dossier(self):
        notes = set(Quote.objects.exclude(text="").values_list("translation_note", flat=True))
        assert notes == {"Translation: filmbase, 25 November 2026"}

    def test_sources_say_their_kind_and_where_the_copy_read_came_from(self):
        assert Source.objects.count() == 51
        wikipedia = Source.objects.get(key="S43")
        assert wikipedia.read_copy == "mirror" and wikipedia.kind == "encyclopedia"
        assert wikipedia.original_url.startswith("https://zh.wikipedia.org/")
        for key in ("S13", "S24", "S50"):
            source = Source.objects.get(key=key)
            assert source.is_copy and not source.original_url, key

    def test_no_english_title_is_official(self):
        assert not Film.objects.filter(title_is_official=True).exists()
        for film in Film.objects.exclude(title=None):
            assert "official" in film.title_note

    def test_yu_baimei_runtime_is_left_empty_with_the_disagreement_recorded(self):
        film = Film.objects.get(slug="no-disturbance-from-ghosts")
        assert film.runtime_seconds is None
        assert "two-minute" in film.runtime_note
        assert "five-minute" in film.runtime_note

    def test_only_jia_zhangkes_runtime_is_known_and_it_is_approximate(self):
        film = Film.objects.get(runtime_seconds__isnull=False)
        assert film.slug == "wheat-harvest"
        assert film.runtime_seconds == 360
        assert film.runtime_is_approximate
        assert film.runtime_note.startswith("About 6 minutes per [S8] and [S9]")

    def test_every_film_premiered_on_6_december_2024_in_the_collection(self):
        collection = Collection.objects.get()
        assert collection.slug == "keling-ai-director-co-creation-project"
        premieres = set(Film.objects.values_list("premiere_date", flat=True))
        assert premieres == {collection.premiere_date}
        assert not Film.objects.exclude(collection=collection).exists()

    def test_the_alien_is_lili_and_never_misspelled(self):
        courier = Film.objects.get(slug="the-courier")
        assert "Lili" in courier.synopsis
        assert "Lili" in courier.synopsis_zh
        for model in CONTENT_MODELS:
            for obj in model.objects.all():
                for field, value in _text_values(obj):
                    assert not re.search(r"\blily\b", value, re.IGNORECASE), (obj, field)

    # -- Quotes -------------------------------------------------------------------------

    def test_every_quote_is_published_sourced_and_attributed(self):
        quotes = Quote.objects.all()
        assert quotes.count() >= 15
        for quote in quotes:
            assert quote.source_id is not None
            assert quote.status == PublicationStatus.PUBLISHED
            assert quote.text or quote.translation
            assert quote.translation_note, quote

    def test_every_quote_is_verbatim_from_the_dossier_or_the_source_article(self):
        corpus = [_facts("dossier.md"), _facts("source-article.txt")]
        for quote in Quote.objects.all():
            for words in filter(None, [quote.text, quote.translation]):
                assert any(_normalise(words) in text for text in corpus), words

    def test_no_quote_from_someone_outside_the_project(self):
        speakers = set(Quote.objects.values_list("speaker__slug", flat=True))
        assert speakers <= set(
            credited.directors(Person.objects.all()).values_list("slug", flat=True)
        )

    # -- Sources and citations ----------------------------------------------------------

    def test_every_film_and_person_cites_a_source(self):
        assert not Film.objects.filter(citations__isnull=True).exists()
        assert not Person.objects.filter(citations__isnull=True).exists()
        assert Citation.objects.filter(collection__isnull=False).exists()

    def test_every_source_id_named_in_the_text_exists_and_every_source_is_used(self):
        keys = set(Source.objects.values_list("key", flat=True))
        named = set()
        for model in CONTENT_MODELS:
            for obj in model.objects.all():
                for _field, value in _text_values(obj):
                    for group in re.findall(r"\[(S\d+(?:, S\d+)*)\]", value):
                        named.update(group.split(", "))
        assert named <= keys
        used = named | {
            source.key
            for source in Source.objects.all()
            if source.citations.exists() or source.quotes.exists() or source.milestones.exists()
        }
        assert used == keys

    def test_themes_are_linked_to_films_or_quotes(self):
        themes = Theme.objects.all()
        assert themes.count() >= 6
        for theme in themes:
            assert theme.films.exists() or theme.quotes.exists(), theme

    def test_milestones_are_sourced_and_later_ones_flagged(self):
        premiere = Collection.objects.get().premiere_date
        for milestone in Milestone.objects.all():
            assert milestone.source_id is not None
            assert milestone.is_later_context == (milestone.date > premiere), milestone
