"""The curators' admin for people: names, profiles, links, quotes and citations."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from filmbase.admin import ContentAdmin, HistoryAdmin, StackedInline, TabularInline
from films.models import Citation, Quote
from people.models import Person, PersonLink


class PersonLinkInline(TabularInline):
    model = PersonLink
    extra = 0
    fields = ["label", "url", "order"]


class PersonQuoteInline(StackedInline):
    model = Quote
    fk_name = "speaker"
    extra = 0
    autocomplete_fields = ["film", "source", "themes"]
    fields = [
        ("film", "status"),
        ("language", "text"),
        "translation",
        "translation_note",
        ("source", "source_note"),
        ("occasion", "occasion_zh", "said_on"),
        "themes",
    ]


class PersonCitationInline(TabularInline):
    model = Citation
    fk_name = "person"
    extra = 0
    autocomplete_fields = ["source"]
    fields = ["source", "topic", "note", "order"]


@admin.register(Person)
class PersonAdmin(ContentAdmin):
    list_display = ["name", "name_zh", "birth_year", "updated_at"]
    search_fields = ["name", "name_zh", "other_names", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PersonLinkInline, PersonQuoteInline, PersonCitationInline]
    fieldsets = [
        (None, {"fields": ["slug", "name", "name_zh", "other_names"]}),
        (_("Profile"), {"fields": ["bio", "bio_zh", "birth_year", "birth_year_note"]}),
        (_("Record"), {"fields": ["version", "created_at", "updated_at"]}),
    ]


@admin.register(PersonLink)
class PersonLinkAdmin(HistoryAdmin):
    list_display = ["label", "person", "url"]
    list_select_related = ["person"]
    search_fields = ["label", "url", "person__name", "person__name_zh"]
    autocomplete_fields = ["person"]
