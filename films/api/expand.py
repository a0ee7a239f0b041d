"""What a film read embeds in full with `?expand=` (core/api/shape.py).

Directors and themes come with their own texts instead of as references; quotes and
citations (a film list has neither otherwise) each in the form their own list shows.
"""

from django.db.models import Prefetch

from core.api.shape import Expansion
from films.api.refs import CitationSerializer
from films.api.serializers import THEME_LIST_FIELDS, QuoteListSerializer, ThemeListSerializer
from films.models import Citation, Quote
from people.api.serializers import PERSON_LIST_FIELDS, PersonListSerializer


class DirectorSerializer(PersonListSerializer):
    """A director in full: the person's list form with their profile."""

    class Meta(PersonListSerializer.Meta):
        fields = [*PERSON_LIST_FIELDS, "bio", "bio_zh", "birth_year_note"]
        read_only_fields = fields


class ThemeSerializer(ThemeListSerializer):
    """A theme in full: its list form with its description."""

    class Meta(ThemeListSerializer.Meta):
        fields = [*THEME_LIST_FIELDS, "description", "description_zh"]
        read_only_fields = fields


def _quotes(drafts: bool):
    queryset = Quote.objects.visible(drafts).for_list().order_by("pk")
    return Prefetch("quotes", queryset=queryset, to_attr="expanded_quotes")


def _citations(drafts: bool):
    queryset = Citation.objects.select_related("source", "theme").order_by("order", "pk")
    return Prefetch("citations", queryset=queryset, to_attr="expanded_citations")


FILM_EXPANSIONS = {
    "directors": Expansion(DirectorSerializer, "directors"),
    "themes": Expansion(ThemeSerializer, "theme_list"),
    "quotes": Expansion(QuoteListSerializer, "expanded_quotes", _quotes),
    "citations": Expansion(CitationSerializer, "expanded_citations", _citations),
}
