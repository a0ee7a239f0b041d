"""JSON for sources, the collection and Keling's milestones: the record the facts rest on.

The same three forms as films/api/serializers.py (list, detail, write), with its links
reversed once per response and everything nested prefetched by the models' querysets.
"""

from rest_framework import serializers

from core.api.fields import LinkField, ReadSerializer, UriField
from films.api.refs import (
    CitationSerializer,
    CitationWriteSerializer,
    CollectionRefSerializer,
    FilmRefSerializer,
    SourceRefSerializer,
)
from films.api.serializers import ENTRY_FIELDS, WriteSerializer
from films.models import Citation, Collection, Milestone, Source
from people.api.serializers import PersonRefSerializer

# -- Sources ---------------------------------------------------------------------------


def _with_notes(fields: list[str]) -> list[str]:
    """The footnote's fields with the source's own note before its links."""
    links = fields.index("url")
    return [*fields[:links], "note", "note_zh", *fields[links:]]


class SourceListSerializer(SourceRefSerializer):
    """A source in the list: the footnote's fields and the note on what it is."""

    class Meta(SourceRefSerializer.Meta):
        fields = _with_notes(SourceRefSerializer.Meta.fields)
        read_only_fields = fields


class SupportedFactSerializer(ReadSerializer):
    """A fact a source supports, with its subject: a film, a person or the collection."""

    film = FilmRefSerializer(read_only=True, allow_null=True)
    person = PersonRefSerializer(read_only=True, allow_null=True)
    collection = CollectionRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Citation
        fields = ["topic", "note", "note_zh", "film", "person", "collection"]
        read_only_fields = fields


class SourceDetailSerializer(SourceListSerializer):
    """A source with every fact on the site that cites it."""

    citations = SupportedFactSerializer(many=True, read_only=True)

    class Meta:
        model = Source
        fields = [*SourceListSerializer.Meta.fields, "citations", *ENTRY_FIELDS]


class SourceWriteSerializer(WriteSerializer):
    address = UriField(source="url", max_length=2000)
    original_address = UriField(
        source="original_url", max_length=2000, required=False, allow_blank=True
    )

    class Meta:
        model = Source
        fields = [
            "key",
            "title",
            "title_zh",
            "outlet",
            "kind",
            "address",
            "read_copy",
            "original_address",
            "language",
            "published_on",
            "note",
            "note_zh",
        ]


# -- The collection and Keling's milestones ---------------------------------------------

COLLECTION_LIST_FIELDS = [
    "slug",
    "name",
    "name_zh",
    "organiser",
    "organiser_zh",
    "premiere_date",
    "venue",
    "venue_zh",
    "url",
]
COLLECTION_WRITE_FIELDS = [
    "slug",
    "name",
    "name_zh",
    "organiser",
    "organiser_zh",
    "premiere_date",
    "venue",
    "venue_zh",
    "description",
    "description_zh",
]


class CollectionListSerializer(ReadSerializer):
    url = LinkField("api:collection-detail")

    class Meta:
        model = Collection
        fields = COLLECTION_LIST_FIELDS
        read_only_fields = fields


class CollectionDetailSerializer(CollectionListSerializer):
    films = FilmRefSerializer(many=True, read_only=True)
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = Collection
        fields = [
            *COLLECTION_LIST_FIELDS,
            "description",
            "description_zh",
            "films",
            "citations",
            *ENTRY_FIELDS,
        ]


class CollectionWriteSerializer(WriteSerializer):
    citations = CitationWriteSerializer(many=True, required=False)

    nested = {"citations": ("collection", ("source", "topic", "note"))}

    class Meta:
        model = Collection
        fields = [*COLLECTION_WRITE_FIELDS, "citations"]


MILESTONE_FIELDS = [
    "id",
    "date",
    "date_precision",
    "date_is_uncertain",
    "title",
    "title_zh",
    "description",
    "description_zh",
    "is_later_context",
    "source",
    "url",
]


class MilestoneListSerializer(ReadSerializer):
    source = SourceRefSerializer(read_only=True)
    url = LinkField("api:milestone-detail", "id")

    class Meta:
        model = Milestone
        fields = MILESTONE_FIELDS
        read_only_fields = fields


class MilestoneDetailSerializer(MilestoneListSerializer):
    class Meta:
        model = Milestone
        fields = [*MILESTONE_FIELDS, *ENTRY_FIELDS]


class MilestoneWriteSerializer(WriteSerializer):
    source = serializers.PrimaryKeyRelatedField(queryset=Source.objects.all())

    class Meta:
        model = Milestone
        fields = [name for name in MILESTONE_FIELDS if name not in ("id", "url")]
