"""JSON for the project's films, themes, quotes, sources, collection and milestones.

Each resource has a lean list form, a rich detail form and a write form (HackSoft's
"reuse serializers as little as possible"). Every text comes in both languages; links
are reversed once per response (`LinkField`); everything nested is prefetched by the
models' `for_api_list()` / `for_api_detail()` querysets, so no row costs a query.
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.fields import LinesField, LinkField, SlugRelatedField, link_fields
from core.api.writes import ModelCleanMixin, NestedRowsMixin
from films.api.refs import (
    CitationSerializer,
    CitationWriteSerializer,
    CollectionRefSerializer,
    FilmRefSerializer,
    SourceRefSerializer,
    ThemeRefSerializer,
)
from films.models import Citation, Collection, Credit, Film, Milestone, Quote, Source, Theme
from people.api.serializers import PersonRefSerializer
from people.models import Person

# A detail adds the entry's version (what If-Match is checked against) and timestamps.
ENTRY_FIELDS = ["version", "created_at", "updated_at"]


class WriteSerializer(ModelCleanMixin, NestedRowsMixin, serializers.ModelSerializer):
    """A write form: the model's own validation, then the entry and its nested rows."""


# -- Films ---------------------------------------------------------------------------


class CreditSerializer(serializers.ModelSerializer):
    person = PersonRefSerializer(read_only=True)

    class Meta:
        model = Credit
        fields = ["person", "role", "order"]
        read_only_fields = fields


class CreditWriteSerializer(serializers.ModelSerializer):
    person = SlugRelatedField(slug_field="slug", queryset=Person.objects.all())

    class Meta:
        model = Credit
        fields = ["person", "role", "order"]


class FilmQuoteSerializer(serializers.ModelSerializer):
    """A quote as a film's entry shows it (the film is the one being read)."""

    speaker = PersonRefSerializer(read_only=True)
    source = SourceRefSerializer(read_only=True)
    url = LinkField("api:quote-detail", "id")

    class Meta:
        model = Quote
        fields = ["id", "text", "language", "translation", "speaker", "source", "url"]
        read_only_fields = fields


FILM_LIST_FIELDS = [
    "slug",
    "title",
    "title_zh",
    "display_title",
    "display_title_zh",
    "title_status",
    "title_is_official",
    "directors",
    "themes",
    "runtime_seconds",
    "premiere_date",
    "status",
    "url",
    "page_url",
    "page_url_zh",
]


class FilmListSerializer(serializers.ModelSerializer):
    display_title = serializers.CharField(read_only=True)
    display_title_zh = serializers.CharField(read_only=True)
    directors = PersonRefSerializer(many=True, read_only=True)
    themes = ThemeRefSerializer(many=True, read_only=True)
    url, page_url, page_url_zh = link_fields("api:film-detail", "films:detail")

    class Meta:
        model = Film
        fields = FILM_LIST_FIELDS
        read_only_fields = fields


class FilmDetailSerializer(FilmListSerializer):
    collection = CollectionRefSerializer(read_only=True)
    watch_url = serializers.CharField(read_only=True, help_text="Where to watch it, or empty.")
    poster = serializers.ImageField(read_only=True, allow_null=True)
    other_titles = LinesField(read_only=True)
    credits = CreditSerializer(many=True, read_only=True)
    quotes = FilmQuoteSerializer(many=True, read_only=True)
    citations = CitationSerializer(many=True, read_only=True)

    class Meta:
        model = Film
        fields = [
            *FILM_LIST_FIELDS,
            "collection",
            "order",
            "title_note",
            "other_titles",
            "synopsis",
            "synopsis_zh",
            "runtime_is_approximate",
            "runtime_note",
            "production_notes",
            "production_notes_zh",
            "watch_url",
            "poster",
            "credits",
            "quotes",
            "citations",
            *ENTRY_FIELDS,
        ]


class FilmWriteSerializer(WriteSerializer):
    """A film as a curator sends it: people, themes and the collection by slug.

    `credits` and `citations`, when given, replace the film's credits and citations.
    A title left empty is stored as unknown (null), never as an empty string.
    """

    collection = SlugRelatedField(slug_field="slug", queryset=Collection.objects.all())
    themes = SlugRelatedField(
        slug_field="slug", queryset=Theme.objects.all(), many=True, required=False
    )
    other_titles = LinesField(required=False)
    credits = CreditWriteSerializer(many=True, required=False)
    citations = CitationWriteSerializer(many=True, required=False)

    nested = {
        "credits": ("film", ("person", "role")),
        "citations": ("film", ("source", "topic", "note")),
    }

    class Meta:
        model = Film
        fields = [
            "slug",
            "collection",
            "order",
            "title",
            "title_zh",
            "title_status",
            "title_is_official",
            "title_note",
            "other_titles",
            "synopsis",
            "synopsis_zh",
            "runtime_seconds",
            "runtime_is_approximate",
            "runtime_note",
            "premiere_date",
            "production_notes",
            "production_notes_zh",
            "watch_url",
            "status",
            "themes",
            "credits",
            "citations",
        ]

    def validate_title(self, value):
        return value or None

    def validate_title_zh(self, value):
        return value or None


# -- Themes ----------------------------------------------------------------------------


class ThemeQuoteSerializer(FilmQuoteSerializer):
    """A quote as a theme's entry shows it: with the film it is about."""

    film = FilmRefSerializer(read_only=True, allow_null=True)

    class Meta(FilmQuoteSerializer.Meta):
        fields = [*FilmQuoteSerializer.Meta.fields, "film"]
        read_only_fields = fields


THEME_LIST_FIELDS = ["slug", "name", "name_zh", "order", "url", "page_url", "page_url_zh"]


class ThemeListSerializer(serializers.ModelSerializer):
    url, page_url, page_url_zh = link_fields("api:theme-detail", "themes:detail")

    class Meta:
        model = Theme
        fields = THEME_LIST_FIELDS
        read_only_fields = fields


class ThemeDetailSerializer(ThemeListSerializer):
    films = FilmRefSerializer(many=True, read_only=True)
    quotes = ThemeQuoteSerializer(many=True, read_only=True)

    class Meta:
        model = Theme
        fields = [
            *THEME_LIST_FIELDS,
            "description",
            "description_zh",
            "films",
            "quotes",
            *ENTRY_FIELDS,
        ]


class ThemeWriteSerializer(WriteSerializer):
    class Meta:
        model = Theme
        fields = ["slug", "name", "name_zh", "description", "description_zh", "order"]


# -- Quotes ----------------------------------------------------------------------------

QUOTE_FIELDS = [
    "id",
    "text",
    "language",
    "translation",
    "translation_note",
    "words_en",
    "words_zh",
    "speaker",
    "film",
    "source",
    "source_note",
    "occasion",
    "occasion_zh",
    "said_on",
    "themes",
    "status",
    "url",
    "page_url",
    "page_url_zh",
]


class QuoteListSerializer(serializers.ModelSerializer):
    words_en = serializers.CharField(read_only=True)
    words_zh = serializers.CharField(read_only=True)
    speaker = PersonRefSerializer(read_only=True)
    film = FilmRefSerializer(read_only=True, allow_null=True)
    source = SourceRefSerializer(read_only=True)
    themes = ThemeRefSerializer(many=True, read_only=True)
    url, page_url, page_url_zh = link_fields(
        "api:quote-detail", "quotes:list", "id", fragment="#quote-"
    )

    class Meta:
        model = Quote
        fields = QUOTE_FIELDS
        read_only_fields = fields


class QuoteDetailSerializer(QuoteListSerializer):
    class Meta:
        model = Quote
        fields = [*QUOTE_FIELDS, *ENTRY_FIELDS]


class QuoteWriteSerializer(WriteSerializer):
    """A quote as a curator sends it: speaker and film by slug, source by id."""

    speaker = SlugRelatedField(slug_field="slug", queryset=Person.objects.all())
    film = SlugRelatedField(
        slug_field="slug", queryset=Film.objects.all(), allow_null=True, required=False
    )
    source = serializers.PrimaryKeyRelatedField(queryset=Source.objects.all())
    themes = SlugRelatedField(
        slug_field="slug", queryset=Theme.objects.all(), many=True, required=False
    )

    class Meta:
        model = Quote
        fields = [
            "speaker",
            "film",
            "text",
            "language",
            "translation",
            "translation_note",
            "source",
            "source_note",
            "occasion",
            "occasion_zh",
            "said_on",
            "themes",
            "status",
        ]


# -- Sources ---------------------------------------------------------------------------

SOURCE_LIST_FIELDS = [
    "id",
    "key",
    "title",
    "outlet",
    "address",
    "language",
    "published_on",
    "note",
    "url",
]


class SourceListSerializer(serializers.ModelSerializer):
    address = serializers.URLField(source="url", read_only=True)
    url = LinkField("api:source-detail", "id")

    class Meta:
        model = Source
        fields = SOURCE_LIST_FIELDS
        read_only_fields = fields


class SupportedFactSerializer(serializers.ModelSerializer):
    """A fact a source supports, with its subject: a film, a person or the collection."""

    film = FilmRefSerializer(read_only=True, allow_null=True)
    person = PersonRefSerializer(read_only=True, allow_null=True)
    collection = CollectionRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Citation
        fields = ["topic", "note", "film", "person", "collection"]
        read_only_fields = fields


class SourceDetailSerializer(SourceListSerializer):
    citations = SupportedFactSerializer(many=True, read_only=True)

    class Meta:
        model = Source
        fields = [*SOURCE_LIST_FIELDS, "citations", *ENTRY_FIELDS]


class SourceWriteSerializer(WriteSerializer):
    address = serializers.URLField(source="url", max_length=2000)

    class Meta:
        model = Source
        fields = ["key", "title", "outlet", "address", "language", "published_on", "note"]


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


class CollectionListSerializer(serializers.ModelSerializer):
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


class MilestoneListSerializer(serializers.ModelSerializer):
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


# -- Search ------------------------------------------------------------------------------

HIT_TYPES = ["film", "person", "theme", "quote"]
HIT_FIELDS = ["type", "id", "slug", "label", "label_zh", "url", "page_url", "page_url_zh"]


class HitSerializer(serializers.Serializer):
    """One search hit, the same shape for every type: what it is, its labels, its links."""

    hit_type = ""

    type = serializers.SerializerMethodField()
    id = serializers.IntegerField(read_only=True)
    slug = serializers.CharField(read_only=True, allow_null=True)
    label = serializers.CharField(read_only=True)
    label_zh = serializers.CharField(read_only=True)
    url = serializers.URLField(read_only=True)
    page_url = serializers.URLField(read_only=True)
    page_url_zh = serializers.URLField(read_only=True)

    @extend_schema_field({"type": "string", "enum": HIT_TYPES})
    def get_type(self, obj) -> str:
        return self.hit_type


class FilmHitSerializer(HitSerializer):
    hit_type = "film"
    label = serializers.CharField(source="display_title")
    label_zh = serializers.CharField(source="display_title_zh")
    url, page_url, page_url_zh = link_fields("api:film-detail", "films:detail")


class PersonHitSerializer(HitSerializer):
    hit_type = "person"
    label = serializers.CharField(source="name")
    label_zh = serializers.CharField(source="name_zh")
    url, page_url, page_url_zh = link_fields("api:person-detail", "people:detail")


class ThemeHitSerializer(HitSerializer):
    hit_type = "theme"
    label = serializers.CharField(source="name")
    label_zh = serializers.CharField(source="name_zh")
    url, page_url, page_url_zh = link_fields("api:theme-detail", "themes:detail")


class QuoteHitSerializer(HitSerializer):
    hit_type = "quote"
    slug = serializers.SerializerMethodField()
    label = serializers.CharField(source="words_en")
    label_zh = serializers.CharField(source="words_zh")
    url, page_url, page_url_zh = link_fields(
        "api:quote-detail", "quotes:list", "id", fragment="#quote-"
    )

    def get_slug(self, obj) -> None:
        return None


class SearchMoreSerializer(serializers.Serializer):
    films = serializers.BooleanField()
    people = serializers.BooleanField()
    themes = serializers.BooleanField()
    quotes = serializers.BooleanField()


class SearchResultsSerializer(serializers.Serializer):
    """The answer to a search: the query as understood, the hits, and where there are more."""

    query = serializers.CharField(help_text="The query after normalisation (NFKC, spaces).")
    count = serializers.IntegerField(help_text="The number of hits in `results`.")
    more = SearchMoreSerializer(help_text="Per type: whether there are hits beyond the limit.")
    results = HitSerializer(many=True)

    hit_serializers = {
        "films": FilmHitSerializer,
        "people": PersonHitSerializer,
        "themes": ThemeHitSerializer,
        "quotes": QuoteHitSerializer,
    }

    def to_representation(self, results):
        hits = []
        for kind, serializer_class in self.hit_serializers.items():
            # One context for all: the link templates are reversed once per answer.
            items = getattr(results, kind).items
            hits.extend(serializer_class(items, many=True, context=self.context).data)
        return {
            "query": results.query,
            "count": len(hits),
            "more": {kind: getattr(results, kind).has_more for kind in self.hit_serializers},
            "results": hits,
        }
