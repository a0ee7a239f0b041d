"""JSON for people: a short form other entries embed, a list form, a detail, a write form."""

from rest_framework import serializers

from filmbase.api import (
    CompiledSerializer,
    LinesField,
    LinkField,
    ModelCleanMixin,
    NestedRowsMixin,
    link_fields,
)
from films.api.refs import CitationSerializer, FilmRefSerializer, SourceRefSerializer
from films.models import Credit, Quote
from people.models import Person, PersonLink


class PersonRefSerializer(CompiledSerializer):
    """A person as other entries mention them: both names and their links."""

    url, page_url, page_url_zh = link_fields("api:person-detail", "people:detail")

    class Meta:
        model = Person
        fields = ["slug", "name", "name_zh", "url", "page_url", "page_url_zh"]
        read_only_fields = fields


PERSON_LIST_FIELDS = [
    "slug",
    "name",
    "name_zh",
    "other_names",
    "birth_year",
    "url",
    "page_url",
    "page_url_zh",
]


class PersonListSerializer(PersonRefSerializer):
    other_names = LinesField(read_only=True)

    class Meta:
        model = Person
        fields = PERSON_LIST_FIELDS
        read_only_fields = fields


class PersonLinkSerializer(CompiledSerializer):
    class Meta:
        model = PersonLink
        fields = ["label", "url", "order"]


class CreditFilmSerializer(CompiledSerializer):
    """A person's credit: the film and the role."""

    film = FilmRefSerializer(read_only=True)

    class Meta:
        model = Credit
        fields = ["film", "role", "order"]
        read_only_fields = fields


class PersonQuoteSerializer(CompiledSerializer):
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
            "links",
            "credits",
            "quotes",
            "citations",
            "version",
            "created_at",
            "updated_at",
        ]


class PersonWriteSerializer(ModelCleanMixin, NestedRowsMixin, serializers.ModelSerializer):
    """A person as a curator sends them. `links`, when given, replace the person's links."""

    other_names = LinesField(required=False)
    links = PersonLinkSerializer(many=True, required=False)

    nested = {"links": ("person", ("url",))}

    class Meta:
        model = Person
        fields = [
            "slug",
            "name",
            "name_zh",
            "other_names",
            "bio",
            "bio_zh",
            "birth_year",
            "birth_year_note",
            "links",
        ]
