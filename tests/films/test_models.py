"""The content model's invariants, enforced by the database itself on every engine."""

from contextlib import contextmanager

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import translation

from films.models import Citation, Credit, Film, Quote, TitleStatus
from films.models.base import themes_prefetch
from tests.films.factories import (
    CitationFactory,
    CollectionFactory,
    CreditFactory,
    FilmFactory,
    QuoteFactory,
    SourceFactory,
    ThemeFactory,
)
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db


@contextmanager
def rejected_by_database():
    """Expect the database to refuse the write, in a savepoint so the test can go on."""
    with pytest.raises(IntegrityError), transaction.atomic():
        yield


def test_duplicate_film_slug_is_rejected_by_the_database():
    FilmFactory(slug="wheat-harvest")
    with rejected_by_database():
        FilmFactory(slug="wheat-harvest", title="Another")


def test_duplicate_person_slug_is_rejected_by_the_database():
    PersonFactory(slug="jia-zhangke")
    with rejected_by_database():
        PersonFactory(slug="jia-zhangke")


def test_quote_without_source_is_rejected_by_the_database():
    speaker = PersonFactory()
    with rejected_by_database():
        Quote.objects.create(speaker=speaker, text="好玩儿", language="zh")


def test_quote_without_source_fails_validation_with_a_message():
    quote = Quote(speaker=PersonFactory(), text="好玩儿", language="zh")
    with pytest.raises(ValidationError) as error:
        quote.full_clean()
    assert "source" in error.value.message_dict


def test_quote_without_any_words_is_rejected_by_the_database():
    with rejected_by_database():
        QuoteFactory(text="", translation="")


@pytest.mark.parametrize("runtime", [0])
def test_runtime_must_be_positive(runtime):
    with rejected_by_database():
        FilmFactory(runtime_seconds=runtime)


def test_unknown_runtime_is_allowed():
    assert FilmFactory(runtime_seconds=None).runtime_seconds is None


@pytest.mark.parametrize(
    "fields",
    [
        {"title_status": "maybe"},
        {"status": "hidden"},
        {"title": ""},
        {"title_zh": ""},
        {"title_status": TitleStatus.UNKNOWN},  # an unknown title cannot carry one
        {"title_status": TitleStatus.UNKNOWN, "title": "Wheat Harvest", "title_zh": None},
        {"title_status": TitleStatus.UNKNOWN, "title": None, "title_zh": "麦收"},
        {"title": None, "title_zh": None, "title_status": TitleStatus.CONFIRMED},
        {"title": None, "title_zh": "麦收", "title_is_official": True},
    ],
    ids=[
        "bad-title-status",
        "bad-status",
        "empty-title",
        "empty-title-zh",
        "unknown-with-title",
        "unknown-with-english-title-only",
        "unknown-with-chinese-title-only",
        "confirmed-without-title",
        "official-without-english",
    ],
)
def test_film_title_invariants_are_enforced_by_the_database(fields):
    with rejected_by_database():
        FilmFactory(**fields)


# The same rules are checked before the database, by the model (the admin and the API
# call it): there a curator gets the rule's own message, not a database error.


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"runtime_seconds": 0}, "A runtime must be more than zero seconds."),
        ({"runtime_seconds": -60}, "A runtime must be more than zero seconds."),
        ({"title": None, "title_zh": None}, "Enter a title, or set the title status to unknown."),
        ({"title": ""}, "Leave an unknown title empty, not blank."),
        ({"title_zh": ""}, "Leave an unknown title empty, not blank."),
    ],
    ids=["zero-runtime", "negative-runtime", "known-without-title", "blank-title", "blank-zh"],
)
def test_a_film_breaking_a_rule_is_refused_with_its_message(fields, message):
    film = FilmFactory.build(collection=CollectionFactory(), **fields)
    with pytest.raises(ValidationError) as error:
        film.validate_constraints()
    assert message in error.value.messages


@pytest.mark.parametrize(
    "fields",
    [
        {"runtime_seconds": 1},
        {"runtime_seconds": None},
        {"title": "Wheat Harvest", "title_zh": None},
        {"title": None, "title_zh": "麦收"},
    ],
    ids=["one-second", "unknown-runtime", "english-title-only", "chinese-title-only"],
)
def test_a_film_within_the_rules_is_valid(fields):
    FilmFactory.build(collection=CollectionFactory(), **fields).validate_constraints()


def citation_about(*subjects) -> Citation:
    makers = {"film": FilmFactory, "person": PersonFactory, "collection": CollectionFactory}
    return Citation(
        source=SourceFactory(),
        topic="title",
        note="supports one fact",
        **{name: makers[name]() for name in subjects},
    )


@pytest.mark.parametrize("subject", ["film", "person", "collection"])
def test_a_citation_about_one_subject_is_valid(subject):
    citation_about(subject).validate_constraints()


@pytest.mark.parametrize(
    "subjects",
    [(), ("film", "person"), ("film", "collection"), ("person", "collection")]
    + [("film", "person", "collection")],
    ids=lambda subjects: "+".join(subjects) or "none",
)
def test_a_citation_about_no_subject_or_several_is_refused_with_its_message(subjects):
    with pytest.raises(ValidationError) as error:
        citation_about(*subjects).validate_constraints()
    assert error.value.messages == [
        "A citation supports a fact about exactly one film, person or collection."
    ]


@pytest.mark.parametrize("subject", ["film", "person", "collection"])
def test_the_same_citation_twice_is_refused_before_the_database(subject):
    first = citation_about(subject)
    first.save()
    fields = ("source", "topic", "note", subject)
    again = Citation(**{name: getattr(first, name) for name in fields})
    # The admin shows it at the form, in the curator's language, not a database error.
    for language, message in (
        ("en", "This citation exists already: the same source for the same fact."),
        ("zh-hans", "这条引证已经存在：同一来源，支持同一事实。"),
    ):
        with translation.override(language), pytest.raises(ValidationError) as error:
            again.validate_constraints()
        assert error.value.messages == [message]
    citation_about(subject).validate_constraints()  # another subject's: no conflict


def test_credit_is_unique_per_film_person_and_role():
    credit = CreditFactory(role=Credit.Role.DIRECTOR)
    CreditFactory(film=credit.film, person=credit.person, role=Credit.Role.SCREENWRITER)
    with rejected_by_database():
        CreditFactory(film=credit.film, person=credit.person, role=Credit.Role.DIRECTOR)


def test_credit_role_outside_the_choices_is_rejected():
    with rejected_by_database():
        CreditFactory(role="stunt_double")


def test_citation_supports_exactly_one_subject():
    film = FilmFactory()
    with rejected_by_database():
        CitationFactory(film=film, person=PersonFactory())
    with rejected_by_database():
        Citation.objects.create(source=SourceFactory(), topic="title", note="orphan")


def test_deleting_a_person_with_credits_is_refused():
    credit = CreditFactory()
    with pytest.raises(ProtectedError):
        credit.person.delete()


def test_deleting_a_source_that_a_quote_cites_is_refused():
    quote = QuoteFactory()
    with pytest.raises(ProtectedError):
        quote.source.delete()


def test_deleting_a_film_removes_its_credits_and_citations():
    film = FilmFactory()
    CitationFactory(film=film)
    film.delete()
    assert not Credit.objects.exists()
    assert not Citation.objects.exists()


def test_untitled_film_is_labelled_by_its_director_never_given_a_title():
    director = PersonFactory(name="Xue Xiaolu", name_zh="薛晓路")
    film = FilmFactory(
        title=None, title_zh=None, title_status=TitleStatus.UNKNOWN, director=director
    )
    film = Film.objects.with_directors().get(pk=film.pk)
    assert film.display_title == "Title not in our sources (film by Xue Xiaolu)"
    assert film.display_title_zh == "片名未见于资料（薛晓路导演作品）"
    with translation.override("zh-hans"):
        assert film.label == "片名未见于资料（薛晓路导演作品）"
    assert film.title is None


def test_film_with_only_a_chinese_title_shows_it_in_english_pages():
    film = FilmFactory(title=None, title_zh="花满渚", title_status=TitleStatus.UNCERTAIN)
    assert film.display_title == "花满渚 (title unconfirmed)"
    assert film.display_title_zh == "《花满渚》（片名待确认）"


def test_version_grows_with_every_save():
    film = FilmFactory()
    assert film.version == 1
    film.synopsis = "Changed."
    film.save()
    film.refresh_from_db()
    assert film.version == 2


def test_needs_sourcing_finds_unsettled_titles_and_uncited_films():
    settled = FilmFactory(title_status=TitleStatus.CONFIRMED)
    CitationFactory(film=settled)
    uncited = FilmFactory(title_status=TitleStatus.CONFIRMED)
    uncertain = FilmFactory(title_status=TitleStatus.UNCERTAIN)
    CitationFactory(film=uncertain)
    assert set(Film.objects.needs_sourcing()) == {uncited, uncertain}


def test_quote_needs_sourcing_when_original_words_are_missing():
    QuoteFactory()
    missing = QuoteFactory(text="", translation="Only the English survives.")
    assert list(Quote.objects.needs_sourcing()) == [missing]


def test_published_quotes_exclude_drafts_and_quotes_about_draft_films():
    draft_film = FilmFactory(status="draft")
    visible = QuoteFactory()
    QuoteFactory(status="draft")
    QuoteFactory(film=draft_film)
    assert list(Quote.objects.published()) == [visible]


def test_visible_shows_drafts_only_when_asked():
    """A caller that forgets `drafts` gets the readers' view, never the curators'."""
    draft_film = FilmFactory(status="draft")
    film = FilmFactory()
    quote = QuoteFactory(film=film)
    QuoteFactory(film=draft_film)
    citation = CitationFactory(film=film)
    CitationFactory(film=draft_film, source=citation.source)
    for model, public in (
        (Film, {film}),
        (Credit, set(film.credits.all())),
        (Quote, {quote}),
        (Citation, {citation}),
    ):
        assert set(model.objects.visible()) == public, model.__name__
        assert set(model.objects.visible(drafts=False)) == public, model.__name__
        assert set(model.objects.visible(drafts=True)) == set(model.objects.all())
        assert set(model.objects.visible(drafts=True)) > public


def test_collection_films_are_protected():
    collection = CollectionFactory()
    FilmFactory(collection=collection)
    with pytest.raises(ProtectedError):
        collection.delete()


@pytest.mark.parametrize("model", [Film, Quote])
def test_theme_list_comes_from_the_prefetch_or_else_from_the_database(
    model, django_assert_num_queries
):
    themes = [ThemeFactory(slug="memory"), ThemeFactory(slug="humans-and-ai")]
    entries = [QuoteFactory() if model is Quote else FilmFactory() for _ in range(3)]
    for entry in entries:
        entry.themes.set(themes)
    with django_assert_num_queries(2):  # the entries, then all their themes at once
        fetched = list(
            model.objects.filter(pk__in=[e.pk for e in entries]).prefetch_related(themes_prefetch())
        )
        assert [{t.slug for t in entry.theme_list} for entry in fetched] == [
            {"memory", "humans-and-ai"}
        ] * 3
    plain = model.objects.get(pk=entries[0].pk)
    with django_assert_num_queries(1):  # asked once, then kept
        assert {t.slug for t in plain.theme_list} == {"memory", "humans-and-ai"}
        assert len(plain.theme_list) == 2
