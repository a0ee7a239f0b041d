"""The short forms of films, themes, sources and the collection that other entries embed.

Every resource that mentions a film, a theme or a source (a person's credits, a quote,
the change feed) uses these, so they stay small and apart from the full resources.
"""

from rest_framework import serializers

from core.api.fields import LinkField, ReadSerializer, UriField, link_fields
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


class SourceRefSerializer(ReadSerializer):
    """A source as a footnote: what it is, where it is (`address`), and its API entry."""

    address = UriField(source="url", read_only=True)
    url = LinkField("api:source-detail", "id")

    class Meta:
        model = Source
        fields = [
            "id",
            "key",
            "title",
            "title_zh",
            "outlet",
            "address",
            "language",
            "published_on",
            "url",
        ]
        read_only_fields = fields


class CitationSerializer(ReadSerializer):
    """A footnote: the fact (`topic`, `note`) and the source that supports it."""

    source = SourceRefSerializer(read_only=True)

    class Meta:
        model = Citation
        fields = ["topic", "note", "note_zh", "order", "source"]
        read_only_fields = fields


class CitationWriteSerializer(serializers.ModelSerializer):
    """A footnote as written with its subject: the source by id, what it supports."""

    source = serializers.PrimaryKeyRelatedField(queryset=Source.objects.all())

    class Meta:
        model = Citation
        fields = ["topic", "note", "note_zh", "order", "source"]
