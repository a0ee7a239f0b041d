"""Filters for the people list: by role, by name in either language."""

import django_filters as filters

from filmbase.api import can_see_drafts
from films.api.filters import SearchFilterSet, StableOrderingFilter
from films.models import CreditRole
from people.models import Person


class PersonFilter(SearchFilterSet):
    search_fields = ["name", "name_zh", "other_names"]

    role = filters.ChoiceFilter(
        choices=CreditRole.choices,
        method="filter_role",
        help_text="People with this role on a film, e.g. role=director.",
    )
    ordering = StableOrderingFilter(fields=["name", "birth_year", "updated_at"])

    class Meta:
        model = Person
        fields = ["role"]

    def filter_role(self, queryset, name, role):
        drafts = can_see_drafts(self.request, "films.change_film")
        return queryset.with_role(role, drafts=drafts)
