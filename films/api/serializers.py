"""JSON for the project's films, themes and quotes, and what every resource's forms share.

Each resource has a lean list form, a rich detail form and a write form (HackSoft's
"reuse serializers as little as possible"). Every text comes in both languages; links
are reversed once per response (`LinkField`); everything nested is prefetched by the
models' `for_api_list()` / `for_api_detail()` querysets, so no row costs a query.
Sources, the collection and milestones are in films/api/sources.py; search answers in
films/api/search.py.
"""

from rest_framework import serializers

from core.api.fields import (
    LinesField,
    LinkField,
    ModelSerializer,
    ReadSerializer,
    SlugRelatedField,
    UriTextField,
    link_fields,
)
from core.api.writes import ModelCleanMixin, NestedRowsMixin
from films.api.production import ProductionField
from films.api.refs import (
    CitationSerializer,
    CitationWriteSerializer,
    CollectionRefSerializer,
    FilmRefSerializer,
    SourceRefSerializer,
    ThemeRefSerializer,
)
from films.models import Collection, Credit, Film, Quote, Source, Theme
from people.api.serializers import PersonRefSerializer
from people.models import Person

# A detail adds the entry's version (what If-Match is checked against) and timestamps.
ENTRY_FIELDS = ["version", "created_at", "updated_at"]


class WriteSerializer(ModelCleanMixin, NestedRowsMixin, ModelSerializer):
    """A write form: the model's own validation, then the entry and its nested rows."""


# -- Films ---------------------------------------------------------------------------


class CreditSerializer(ReadSerializer):
    person = PersonRefSerializer(read_only=True)

    class Meta:
        model = Credit
        fields = ["person", "role", "order"]
        read_only_fields = fields


class CreditWriteSerializer(ModelSerializer):
    person = SlugRelatedField(slug_field="slug", queryset=Person.objects.all())

    class Meta:
        model = Credit
        fields = ["person", "role", "order"]


class FilmQuoteSerializer(ReadSerializer):
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


class FilmListSerializer(ReadSerializer):
    display_title = serializers.CharField(read_only=True)
    display_title_zh = serializers.CharField(read_only=True)
    directors = PersonRefSerializer(many=True, read_only=True)
    themes = ThemeRefSerializer(many=True, read_only=True, source="theme_list")
    url, page_url, page_url_zh = link_fields("api:film-detail", "films:detail")

    class Meta:
        model = Film
        fields = FILM_LIST_FIELDS
        read_only_fields = fields


class FilmDetailSerializer(FilmListSerializer):
    collection = CollectionRefSerializer(read_only=True)
    watch_url = UriTextField(read_only=True, help_text="Where to watch it, or empty.")
    poster = serializers.ImageField(read_only=True, allow_null=True)
    other_titles = LinesField(read_only=True)
    credits = CreditSerializer(many=True, read_only=True)
    quotes = FilmQuoteSerializer(many=True, read_only=True)
    citations = CitationSerializer(many=True, read_only=True)
    production = ProductionField(
        help_text="How the work was made: tools, stages, team, time and cost, inspirations "
        "and the origin of its images, each statement with its confidence and sources."
    )

    class Meta:
        model = Film
        fields = [
            *FILM_LIST_FIELDS,
            "collection",
            "order",
            "title_note",
            "title_note_zh",
            "other_titles",
            "synopsis",
            "synopsis_zh",
            "runtime_is_approximate",
            "runtime_note",
            "runtime_note_zh",
            "production_notes",
            "production_notes_zh",
            "watch_url",
            "poster",
            "credits",
            "quotes",
            "citations",
            "production",
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
            "title_note_zh",
            "other_titles",
            "synopsis",
            "synopsis_zh",
            "runtime_seconds",
            "runtime_is_approximate",
            "runtime_note",
            "runtime_note_zh",
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


class ThemeListSerializer(ReadSerializer):
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
    "translation_note_zh",
    "words_en",
    "words_zh",
    "speaker",
    "film",
    "source",
    "source_note",
    "source_note_zh",
    "occasion",
    "occasion_zh",
    "said_on",
    "themes",
    "status",
    "url",
    "page_url",
    "page_url_zh",
]


class QuoteListSerializer(ReadSerializer):
    words_en = serializers.CharField(read_only=True)
    words_zh = serializers.CharField(read_only=True)
    speaker = PersonRefSerializer(read_only=True)
    film = FilmRefSerializer(read_only=True, allow_null=True)
    source = SourceRefSerializer(read_only=True)
    themes = ThemeRefSerializer(many=True, read_only=True, source="theme_list")
    url, page_url, page_url_zh = link_fields("api:quote-detail", "quotes:detail", "id")

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
            "translation_note_zh",
            "source",
            "source_note",
            "source_note_zh",
            "occasion",
            "occasion_zh",
            "said_on",
            "themes",
            "status",
        ]
