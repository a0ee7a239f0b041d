"""The curators' admin for the project, its films, themes, quotes and sources.

Every model keeps its history (django-simple-history: field-level changes and revert);
saves run in one transaction (the admin's own), so a failed inline leaves nothing
half-saved.
"""

from django.contrib import admin
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from core.admin import (
    ContentAdmin,
    HistoryAdmin,
    NeedsChineseFilter,
    StackedInline,
    TabularInline,
)
from films.models import (
    Citation,
    Collection,
    Credit,
    Film,
    Milestone,
    ProductionStatement,
    Quote,
    Source,
    Theme,
)
from films.models.quotes import SAME_CITATION
from people.admin import PersonLinkInline
from people.models import Person


class NeedsSourcingFilter(admin.SimpleListFilter):
    """Entries a curator should source next; each model says what that means."""

    title = _("needs sourcing")
    parameter_name = "needs_sourcing"

    def lookups(self, request, model_admin):
        return [("yes", _("Needs sourcing"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.needs_sourcing()
        return queryset


class DirectorFilter(admin.SimpleListFilter):
    title = _("director")
    parameter_name = "director"

    def lookups(self, request, model_admin):
        people = Person.objects.filter(credits__role=Credit.Role.DIRECTOR).distinct()
        return [(person.slug, str(person)) for person in people.order_by("name")]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(
                credits__role=Credit.Role.DIRECTOR, credits__person__slug=self.value()
            ).distinct()
        return queryset


class CreditInline(TabularInline):
    model = Credit
    extra = 0
    autocomplete_fields = ["person"]
    fields = ["person", "role", "order"]


def quote_fields(other: str) -> list:
    """The rows of a quote inline, `other` (its speaker, or its film) on the first."""
    return [
        (other, "status"),
        ("language", "text"),
        "translation",
        ("translation_note", "translation_note_zh"),
        "source",
        ("source_note", "source_note_zh"),
        ("occasion", "occasion_zh", "said_on"),
        "themes",
    ]


class FilmQuoteInline(StackedInline):
    model = Quote
    fk_name = "film"
    extra = 0
    autocomplete_fields = ["speaker", "source", "themes"]
    fields = quote_fields("speaker")


class CitationRows(BaseInlineFormSet):
    def get_unique_error_message(self, unique_check):
        # The rule's own words (both languages) rather than Django's, which name the
        # fields by their code names: "duplicate data for source, topic and note".
        if {"source", "topic", "note"} <= set(unique_check):
            return SAME_CITATION
        return super().get_unique_error_message(unique_check)


class CitationInline(TabularInline):
    model = Citation
    formset = CitationRows
    extra = 0
    autocomplete_fields = ["source", "theme"]
    fields = ["source", "topic", "theme", "note", "note_zh", "order"]


class ProductionStatementInline(StackedInline):
    """How the film was made: each statement with its kind's fields and its sources."""

    model = ProductionStatement
    extra = 0
    autocomplete_fields = ["person", "sources"]
    fields = [
        ("kind", "order", "confidence", "about_project"),
        ("feature", "model_version"),
        ("stage", "done_by"),
        ("person", "name", "name_zh", "role", "team_size"),
        ("relation", "work_title", "work_title_zh"),
        ("measure", "digital_source_type"),
        "note",
        "note_zh",
        "sources",
    ]


@admin.register(Film)
class FilmAdmin(ContentAdmin):
    list_display = [
        "display_title",
        "title_zh",
        "director_names",
        "title_status",
        "status",
        "order",
        "updated_at",
    ]
    list_display_links = ["display_title"]
    list_filter = [
        "status",
        "title_status",
        NeedsSourcingFilter,
        NeedsChineseFilter,
        "themes",
        DirectorFilter,
    ]
    chinese_relations = ["citations"]
    list_editable = ["order"]
    search_fields = [
        "slug",
        "title",
        "title_zh",
        "other_titles",
        "synopsis",
        "synopsis_zh",
        "credits__person__name",
        "credits__person__name_zh",
    ]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["collection", "themes"]
    inlines = [CreditInline, FilmQuoteInline, CitationInline, ProductionStatementInline]
    history_list_display = ["status", "title_status"]
    fieldsets = [
        (None, {"fields": ["collection", "order", "slug", "status"]}),
        (
            _("Title"),
            {
                "fields": [
                    "title_zh",
                    "title",
                    "title_status",
                    "title_is_official",
                    ("title_note", "title_note_zh"),
                    "other_titles",
                ]
            },
        ),
        (
            _("About the film"),
            {
                "fields": [
                    ("synopsis", "synopsis_zh"),
                    ("runtime_seconds", "runtime_is_approximate"),
                    ("runtime_note", "runtime_note_zh"),
                    "premiere_date",
                    ("production_notes", "production_notes_zh"),
                    "themes",
                    "watch_url",
                    "poster",
                ]
            },
        ),
        (_("Record"), {"fields": ["version", "created_at", "updated_at"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_directors()

    @admin.display(description=_("title"), ordering="title")
    def display_title(self, film):
        return film.display_title

    @admin.display(description=_("directors"))
    def director_names(self, film):
        return ", ".join(str(person) for person in film.directors)


@admin.register(Quote)
class QuoteAdmin(ContentAdmin):
    list_display = ["__str__", "speaker", "film", "language", "has_original", "status", "source"]
    list_filter = ["status", "language", NeedsSourcingFilter, NeedsChineseFilter, "themes"]
    list_select_related = ["speaker", "film", "source"]
    search_fields = [
        "text",
        "translation",
        "speaker__name",
        "speaker__name_zh",
        "film__title",
        "film__title_zh",
    ]
    autocomplete_fields = ["speaker", "film", "source", "themes"]
    history_list_display = ["status"]

    @admin.display(description=_("original words"), boolean=True)
    def has_original(self, quote):
        return bool(quote.text)


@admin.register(Theme)
class ThemeAdmin(ContentAdmin):
    list_display = ["name", "name_zh", "film_count", "order"]
    list_filter = [NeedsChineseFilter]
    list_editable = ["order"]
    search_fields = ["name", "name_zh", "description", "description_zh"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(film_total=Count("films", distinct=True))

    @admin.display(description=_("films"), ordering="film_total")
    def film_count(self, theme):
        return theme.film_total


@admin.register(Source)
class SourceAdmin(ContentAdmin):
    list_display = ["key", "title", "outlet", "kind", "read_copy", "language", "published_on"]
    list_display_links = ["key", "title"]
    list_filter = ["language", "kind", "read_copy", NeedsChineseFilter]
    search_fields = ["key", "title", "outlet", "url", "original_url", "note", "note_zh"]


@admin.register(Collection)
class CollectionAdmin(ContentAdmin):
    list_display = ["name", "name_zh", "premiere_date", "venue"]
    list_filter = [NeedsChineseFilter]
    chinese_relations = ["citations"]
    search_fields = ["name", "name_zh"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CitationInline]


@admin.register(Milestone)
class MilestoneAdmin(ContentAdmin):
    list_display = ["title", "date", "date_precision", "date_is_uncertain", "source"]
    list_filter = ["date_is_uncertain", "is_later_context", NeedsChineseFilter]
    list_select_related = ["source"]
    search_fields = ["title", "title_zh", "description", "description_zh"]
    autocomplete_fields = ["source"]


@admin.register(ProductionStatement)
class ProductionStatementAdmin(HistoryAdmin):
    list_display = ["__str__", "film", "kind", "confidence", "source_count"]
    list_filter = ["kind", "confidence", NeedsSourcingFilter, "feature", "stage"]
    list_select_related = ["film"]
    search_fields = ["note", "note_zh", "name", "name_zh", "work_title", "work_title_zh"]
    autocomplete_fields = ["film", "person", "sources"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(source_total=Count("sources"))

    @admin.display(description=_("sources"), ordering="source_total")
    def source_count(self, statement):
        return statement.source_total


@admin.register(Credit)
class CreditAdmin(HistoryAdmin):
    list_display = ["film", "person", "role", "order"]
    list_filter = ["role"]
    list_select_related = ["film", "person"]
    search_fields = ["person__name", "person__name_zh", "film__title", "film__title_zh"]
    autocomplete_fields = ["film", "person"]


@admin.register(Citation)
class CitationAdmin(HistoryAdmin):
    list_display = ["source", "topic", "note", "note_zh", "film", "person", "collection"]
    list_filter = ["topic", NeedsChineseFilter]
    list_select_related = ["source", "film", "person", "collection", "theme"]
    search_fields = ["note", "note_zh", "source__key", "source__title"]
    autocomplete_fields = ["source", "film", "person", "collection", "theme"]


class PersonQuoteInline(StackedInline):
    model = Quote
    fk_name = "speaker"
    extra = 0
    autocomplete_fields = ["film", "source", "themes"]
    fields = quote_fields("film")


class PersonCitationInline(CitationInline):
    fk_name = "person"


@admin.register(Person)
class PersonAdmin(ContentAdmin):
    list_display = ["name", "name_zh", "birth_year", "updated_at"]
    list_filter = [NeedsChineseFilter]
    chinese_relations = ["citations", "links"]
    search_fields = ["name", "name_zh", "other_names", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PersonLinkInline, PersonQuoteInline, PersonCitationInline]
    fieldsets = [
        (None, {"fields": ["slug", "name", "name_is_ours", "name_zh", "other_names"]}),
        (
            _("Profile"),
            {
                "fields": [
                    ("bio", "bio_zh"),
                    "birth_year",
                    ("birth_year_note", "birth_year_note_zh"),
                ]
            },
        ),
        (_("Record"), {"fields": ["version", "created_at", "updated_at"]}),
    ]
