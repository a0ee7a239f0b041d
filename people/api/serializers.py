"""JSON for people: a short form other entries embed, a list form and a write form.

The detail form, which embeds credits, quotes and citations, is in films/api/people.py.
"""

from core.api.fields import (
    URI_FIELD_MAPPING,
    LinesField,
    ModelSerializer,
    ReadSerializer,
    link_fields,
)
from core.api.writes import ModelCleanMixin, NestedRowsMixin
from people.models import Person, PersonLink


class PersonRefSerializer(ReadSerializer):
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


class PersonLinkSerializer(ReadSerializer):
    serializer_field_mapping = URI_FIELD_MAPPING

    class Meta:
        model = PersonLink
        fields = ["label", "label_zh", "url", "order"]


class PersonWriteSerializer(ModelCleanMixin, NestedRowsMixin, ModelSerializer):
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
            "birth_year_note_zh",
            "links",
        ]
