"""JSON for the API's search: one shape of hit for films, people, themes and quotes."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.fields import link_fields

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
    url, page_url, page_url_zh = link_fields("api:quote-detail", "quotes:detail", "id")

    def get_slug(self, obj) -> None:
        return None


class SearchTotalsSerializer(serializers.Serializer):
    films = serializers.IntegerField()
    people = serializers.IntegerField()
    themes = serializers.IntegerField()
    quotes = serializers.IntegerField()


class SearchResultsSerializer(serializers.Serializer):
    """One page of a search: the query as understood, the totals, the page's hits, links.

    Hits are listed films first, then people, themes and quotes, each kind in rank
    order; `next` and `previous` page through all of them, as on every other list.
    """

    query = serializers.CharField(help_text="The query after normalisation (NFKC, spaces).")
    count = serializers.IntegerField(help_text="The number of matches, of every kind.")
    totals = SearchTotalsSerializer(help_text="The number of matches of each kind.")
    next = serializers.URLField(allow_null=True, help_text="The next page, if any.")
    previous = serializers.URLField(allow_null=True, help_text="The previous page, if any.")
    results = HitSerializer(many=True)

    hit_serializers = {
        "films": FilmHitSerializer,
        "people": PersonHitSerializer,
        "themes": ThemeHitSerializer,
        "quotes": QuoteHitSerializer,
    }

    def to_representation(self, page):
        hits = []
        for kind, serializer_class in self.hit_serializers.items():
            # One context for all: the link templates are reversed once per answer.
            items = getattr(page.results, kind).items
            hits.extend(serializer_class(items, many=True, context=self.context).data)
        return {
            "query": page.results.query,
            "count": page.count,
            "totals": page.totals,
            "next": self.context["next"],
            "previous": self.context["previous"],
            "results": hits,
        }
