"""The API's people resource: a person with the credits, quotes and citations `films` owns.

`people` knows nothing of films, so the detail serializer, the role filter and the
viewset live here; the person's own short, list and write forms are in people/api/.
"""

import django_filters as filters
from drf_spectacular.utils import extend_schema, extend_schema_view

from core.api.fields import LinkField, ReadSerializer
from core.api.views import ContentViewSet, can_see_drafts
from films import people as credited
from films.api.cite import CitableMixin, citation_responses
from films.api.filters import SearchFilterSet, StableOrderingFilter
from films.api.refs import CitationSerializer, FilmRefSerializer, SourceRefSerializer
from films.models import Credit, CreditRole, Quote
from people.api.serializers import (
    PERSON_LIST_FIELDS,
    PersonLinkSerializer,
    PersonListSerializer,
    PersonWriteSerializer,
)
from people.models import Person


class CreditFilmSerializer(ReadSerializer):
    """A person's credit: the film and the role."""

    film = FilmRefSerializer(read_only=True)

    class Meta:
        model = Credit
        fields = ["film", "role", "order"]
        read_only_fields = fields


class PersonQuoteSerializer(ReadSerializer):
    """A quote as the speaker's entry shows it: with the film it is about and its source."""

    film = FilmRefSerializer(read_only=True, allow_null=True)
    source = SourceRefSerializer(read_only=True)
    url = LinkField("api:quote-detail", "id")

    class Meta:
        model = Quote
        fields = ["id", "text", "language", "translation", "film", "source", "url"]
        read_only_fields = fields


class PersonDetailSerializer(PersonListSerializer):
    links = PersonLinkSerializer(many=True, read_only=True)
    credits = CreditFilmSerializer(many=True, read_only=True)
    quotes = PersonQuoteSerializer(many=True, read_only=True)
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = Person
        fields = [
            *PERSON_LIST_FIELDS,
            "bio",
            "bio_zh",
            "birth_year_note",
            "birth_year_note_zh",
            "links",
            "credits",
            "quotes",
            "citations",
            "version",
            "created_at",
            "updated_at",
        ]


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
        return credited.with_role(queryset, role, drafts=drafts)


@extend_schema_view(retrieve=extend_schema(responses=citation_responses(PersonDetailSerializer)))
class PersonViewSet(CitableMixin, ContentViewSet):
    """The people behind the works; `role=director` gives the nine directors."""

    citation_kind = "person"
    model = Person
    queryset = Person.objects.all()
    list_serializer_class = PersonListSerializer
    detail_serializer_class = PersonDetailSerializer
    write_serializer_class = PersonWriteSerializer
    filterset_class = PersonFilter
    # A person has no drafts, but their entry lists films and quotes that may be.
    draft_permission = "films.change_film"

    def for_detail(self, queryset, drafts: bool):
        return credited.for_api_detail(queryset, drafts=drafts)
