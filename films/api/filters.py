"""Filters for the API's lists (django-filter), strict: a value that means nothing is a 400.

A filter given an unknown slug, a choice outside its list or a malformed number makes
DjangoFilterBackend answer 400 with one message per parameter, rather than silently
returning everything. `search=` is the shared search's substring match (right for
Chinese, which has no spaces between words); `ordering=` takes the listed fields, with a
`-` for descending, and always ends on the primary key so pages never overlap.
"""

from functools import reduce
from operator import or_

import django_filters as filters
from django import forms
from django.db.models import Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from core.api.views import can_see_drafts
from core.content import Language
from films.models import (
    Credit,
    CreditRole,
    Film,
    KelingFeature,
    Milestone,
    ProductionKind,
    ProductionStage,
    ProductionStatement,
    Quote,
    Source,
    Theme,
    TitleStatus,
)
from films.search import normalise_query
from people.models import Person


def has_text_in(language: str) -> Q:
    """Return a filter for quotes with words in `language`: as said, or translated into it.

    A translation is into English, or into Chinese for words said in English
    (`Quote.words_en` / `words_zh`); an empty text is words not in our sources.
    """
    said = Q(language=language) & ~Q(text="")
    if language == Language.ENGLISH:
        return said | (~Q(language=Language.ENGLISH) & ~Q(translation=""))
    if language == Language.CHINESE:
        return said | (Q(language=Language.ENGLISH) & ~Q(translation=""))
    return said


def any_field_contains(query: str, fields: list[str]) -> Q:
    """Return a filter for rows where any of `fields` contains `query`, in any case."""
    return reduce(or_, (Q(**{f"{name}__icontains": query}) for name in fields))


@extend_schema_field(OpenApiTypes.INT)
class IntegerFilter(filters.NumberFilter):
    """A whole number within a range (NumberFilter accepts decimals such as 2024.5)."""

    field_class = forms.IntegerField


@extend_schema_field(OpenApiTypes.STR)
class SlugFilter(filters.ModelChoiceFilter):
    """An entry given by its slug; an unknown slug is a 400, not an empty list."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        super().__init__(*args, **kwargs)


class StableOrderingFilter(filters.OrderingFilter):
    """Order by the chosen fields, then by primary key, so that pages never overlap."""

    def filter(self, qs, value):
        qs = super().filter(qs, value)
        if value:
            qs = qs.order_by(*qs.query.order_by, "pk")
        return qs


class SearchFilterSet(filters.FilterSet):
    """A FilterSet with `search=`: a substring of any of `search_fields`, in any case.

    A substring match (not the search index of /search/, which ranks and stops at a
    limit): a filter must narrow the whole list, and 麦收 must match inside 麦收时节.
    """

    search_fields: list[str] = []

    search = filters.CharFilter(
        method="filter_search",
        help_text="Entries containing this text (Chinese or English) in their names or text.",
    )

    def filter_search(self, queryset, name, value):
        query = normalise_query(value)
        if not query:
            return queryset
        return queryset.filter(any_field_contains(query, self.search_fields))


def _people(request):
    return Person.objects.all()


def _themes(request):
    return Theme.objects.all()


def _films(request):
    return Film.objects.visible(can_see_drafts(request, "films.change_film"))


class FilmFilter(SearchFilterSet):
    search_fields = ["title", "title_zh", "other_titles", "synopsis", "synopsis_zh"]

    director = SlugFilter(
        queryset=_people,
        method="filter_director",
        help_text="Films directed by the person with this slug.",
    )
    person = SlugFilter(
        queryset=_people,
        method="filter_person",
        help_text="Films the person with this slug is credited on, in any role.",
    )
    theme = SlugFilter(
        field_name="themes",
        queryset=_themes,
        help_text="Films treating the theme with this slug.",
    )
    title_status = filters.ChoiceFilter(choices=TitleStatus.choices)
    tool = filters.ChoiceFilter(
        choices=KelingFeature.choices,
        method="filter_tool",
        help_text="Films a source says used this Keling feature.",
    )
    stage = filters.ChoiceFilter(
        choices=ProductionStage.choices,
        method="filter_stage",
        help_text="Films with a sourced statement on this stage of the making.",
    )
    year = IntegerFilter(
        field_name="premiere_date",
        lookup_expr="year",
        min_value=1,
        max_value=9999,
        help_text="Films that premiered in this year.",
    )
    ordering = StableOrderingFilter(
        fields=["order", "premiere_date", "title", "title_zh", "runtime_seconds", "updated_at"]
    )

    class Meta:
        model = Film
        fields = ["director", "person", "theme", "title_status", "tool", "stage", "year"]

    def filter_director(self, queryset, name, person):
        return self.filter_person(queryset, name, person, role=CreditRole.DIRECTOR)

    def filter_tool(self, queryset, name, feature):
        statements = ProductionStatement.objects.filter(kind=ProductionKind.TOOL, feature=feature)
        return queryset.filter(pk__in=statements.values("film_id"))

    def filter_stage(self, queryset, name, stage):
        statements = ProductionStatement.objects.filter(kind=ProductionKind.STAGE, stage=stage)
        return queryset.filter(pk__in=statements.values("film_id"))

    def filter_person(self, queryset, name, person, role=None):
        credits = Credit.objects.filter(person=person)
        if role:
            credits = credits.filter(role=role)
        return queryset.filter(pk__in=credits.values("film_id"))


class QuoteFilter(SearchFilterSet):
    search_fields = ["text", "translation", "occasion", "occasion_zh"]

    speaker = SlugFilter(queryset=_people, help_text="Quotes by the person with this slug.")
    director = SlugFilter(
        field_name="speaker",
        queryset=_people,
        help_text=(
            "Quotes by the person with this slug: the same as `speaker`, under the name the "
            "quotes page uses."
        ),
    )
    film = SlugFilter(queryset=_films, help_text="Quotes about the film with this slug.")
    theme = SlugFilter(
        field_name="themes",
        queryset=_themes,
        help_text="Quotes on the theme with this slug.",
    )
    lang = filters.ChoiceFilter(
        choices=Language.choices,
        method="filter_lang",
        help_text=(
            "Quotes that have text in this language: the words as said in it, or a "
            "translation into it (English, or Chinese for English words). Quotes whose "
            "text in that language is not in our sources are left out."
        ),
    )
    ordering = StableOrderingFilter(fields=["said_on", "updated_at"])

    class Meta:
        model = Quote
        fields = ["speaker", "director", "film", "theme", "lang"]

    def filter_lang(self, queryset, name, language):
        return queryset.filter(has_text_in(language))


class ThemeFilter(SearchFilterSet):
    search_fields = ["name", "name_zh", "description", "description_zh"]
    ordering = StableOrderingFilter(fields=["order", "name", "updated_at"])

    class Meta:
        model = Theme
        fields = []


class SourceFilter(SearchFilterSet):
    search_fields = ["key", "title", "outlet", "note"]

    lang = filters.ChoiceFilter(
        field_name="language", choices=Language.choices, help_text="The language written in."
    )
    ordering = StableOrderingFilter(fields=["published_on", "key", "updated_at"])

    class Meta:
        model = Source
        fields = ["lang"]


class MilestoneFilter(SearchFilterSet):
    search_fields = ["title", "title_zh", "description", "description_zh"]

    year = IntegerFilter(field_name="date", lookup_expr="year", min_value=1, max_value=9999)
    later_context = filters.BooleanFilter(field_name="is_later_context")
    ordering = StableOrderingFilter(fields=["date", "updated_at"])

    class Meta:
        model = Milestone
        fields = ["year", "later_context"]
