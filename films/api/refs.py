"""The short forms of films, themes, sources and the collection that other entries embed.

Every resource that mentions a film, a theme or a source (a person's credits, a quote,
the change feed) uses these, so they stay small and apart from the full resources.
"""

from rest_framework import serializers

from core.api.fields import (
    LinkField,
    ModelSerializer,
    ReadSerializer,
    SlugRelatedField,
    UriField,
    UriTextField,
    link_fields,
)
from films.models import Citation, Collection, Film, Source, Theme


class FilmRefSerializer(ReadSerializer):
    """A film as other entries mention it: both titles, both labels, its links."""

    display_title = serializers.CharField(read_only=True)
    display_title_zh = serializers.CharField(read_only=True)
    url, page_url, page_url_zh = link_fields("api:film-detail", "films:detail")

    class Meta:
        model = Film
        fields = [
            "slug",
            "title",
            "title_zh",
            "title_status",
            "title_is_official",
            "display_title",
            "display_title_zh",
            "url",
            "page_url",
            "page_url_zh",
        ]
        read_only_fields = fields


class ThemeRefSerializer(ReadSerializer):
    url = LinkField("api:theme-detail")

    class Meta:
        model = Theme
        fields = ["slug", "name", "name_zh", "url"]
        read_only_fields = fields


class CollectionRefSerializer(ReadSerializer):
    url = LinkField("api:collection-detail")

    class Meta:
        model = Collection
        fields = ["slug", "name", "name_zh", "url"]
        read_only_fields = fields


SOURCE_ADDRESS_FIELDS = ["address", "read_copy", "original_address", "kind"]


class SourceRefSerializer(ReadSerializer):
    """A source as a footnote: what it is, the address read (`address`: a reprint or a
    mirror when `read_copy` says so), the original's address where known, its API
    entry and its pages."""

    address = UriField(source="url", read_only=True, help_text="The address read (see read_copy).")
    original_address = UriTextField(
        source="original_url",
        read_only=True,
        help_text="The original's address when known and not the address read, else empty.",
    )
    url = LinkField("api:source-detail", "id")
    page_url = LinkField("sources:detail", "page_key")
    page_url_zh = LinkField("sources:detail", "page_key", language="zh-hans")

    class Meta:
        model = Source
        fields = [
            "id",
            "key",
            "title",
            "title_zh",
            "outlet",
            *SOURCE_ADDRESS_FIELDS,
            "language",
            "published_on",
            "url",
            "page_url",
            "page_url_zh",
        ]
        read_only_fields = fields


class CitationSerializer(ReadSerializer):
    """A footnote: the fact (`topic`, `note`) and the source that supports it."""

    source = SourceRefSerializer(read_only=True)
    theme = serializers.SlugRelatedField(
        slug_field="slug",
        read_only=True,
        allow_null=True,
        help_text="The film's theme this source states, if the citation is for one.",
    )

    class Meta:
        model = Citation
        fields = ["topic", "note", "note_zh", "order", "source", "theme"]
        read_only_fields = fields


class CitationWriteSerializer(ModelSerializer):
    """A footnote as written with its subject: the source by id, what it supports."""

    source = serializers.PrimaryKeyRelatedField(queryset=Source.objects.all())
    theme = SlugRelatedField(
        slug_field="slug",
        queryset=Theme.objects.all(),
        required=False,
        allow_null=True,
        help_text="For a film's theme that this source states: the theme's slug.",
    )

    class Meta:
        model = Citation
        fields = ["topic", "note", "note_zh", "order", "source", "theme"]
