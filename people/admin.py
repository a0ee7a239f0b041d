"""The curators' admin for people's external links.

The person form itself, with the quotes and citations that `films` owns, is registered in
films/admin.py: `people` knows nothing of films.
"""

from django.contrib import admin

from core.admin import HistoryAdmin, NeedsChineseFilter, TabularInline
from people.models import PersonLink


class PersonLinkInline(TabularInline):
    model = PersonLink
    extra = 0
    fields = ["label", "label_zh", "url", "is_about_their_work", "order"]


@admin.register(PersonLink)
class PersonLinkAdmin(HistoryAdmin):
    list_display = ["label", "label_zh", "person", "url"]
    list_filter = [NeedsChineseFilter]
    list_select_related = ["person"]
    search_fields = ["label", "label_zh", "url", "person__name", "person__name_zh"]
    autocomplete_fields = ["person"]
