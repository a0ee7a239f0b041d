"""API resources for films, themes, quotes, sources, the collection and milestones; search.

Each viewset reads through the same purpose-built queryset methods the reader pages use
(`visible()`, `for_api_list()`, `for_api_detail()` in films/models.py); conditional requests,
drafts, the public cache and safe writes come from `core.api.views.ContentViewSet`.
"""

from django.db.models import ProtectedError
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from core.api.errors import ID_PATTERN
from core.api.views import ContentViewSet, ReadOnlyApiView
from films.api import filters, serializers, sources
from films.api.cite import CitableMixin, citation_responses
from films.api.expand import FILM_EXPANSIONS
from films.api.search import SearchResultsSerializer
from films.models import Collection, Film, Milestone, Quote, Source, Theme
from films.search import MAX_QUERY_LENGTH, search_page


@extend_schema_view(
    retrieve=extend_schema(responses=citation_responses(serializers.FilmDetailSerializer))
)
class FilmViewSet(CitableMixin, ContentViewSet):
    """The nine works (and any a curator adds). Drafts are shown to curators only."""

    citation_kind = "film"
    model = Film
    queryset = Film.objects.all()
    list_serializer_class = serializers.FilmListSerializer
    detail_serializer_class = serializers.FilmDetailSerializer
    write_serializer_class = serializers.FilmWriteSerializer
    filterset_class = filters.FilmFilter
    draft_permission = "films.change_film"
    expansions = FILM_EXPANSIONS


class ThemeViewSet(ContentViewSet):
    """The subjects the works treat, with their films and quotes."""

    model = Theme
    queryset = Theme.objects.all()
    list_serializer_class = serializers.ThemeListSerializer
    detail_serializer_class = serializers.ThemeDetailSerializer
    write_serializer_class = serializers.ThemeWriteSerializer
    filterset_class = filters.ThemeFilter
    # A theme has no drafts itself, but its entry lists films and quotes that may be.
    draft_permission = "films.change_film"

    def check_deletable(self, instance) -> None:
        # Deleting would silently unlink the theme from films readers see (a many-to-many
        # has no PROTECT): refused like deleting a credited person, naming the films.
        films = list(instance.films.published().order_by("order", "pk"))
        if films:
            raise ProtectedError("The theme is linked to published films.", films)


@extend_schema_view(
    retrieve=extend_schema(responses=citation_responses(serializers.QuoteDetailSerializer))
)
class QuoteViewSet(CitableMixin, ContentViewSet):
    """What the directors said, as said and translated, each with its source."""

    citation_kind = "quote"
    model = Quote
    queryset = Quote.objects.all()
    lookup_field = "id"
    lookup_value_regex = ID_PATTERN
    list_serializer_class = serializers.QuoteListSerializer
    detail_serializer_class = serializers.QuoteDetailSerializer
    write_serializer_class = serializers.QuoteWriteSerializer
    filterset_class = filters.QuoteFilter
    draft_permission = "films.change_quote"


@extend_schema_view(
    retrieve=extend_schema(responses=citation_responses(sources.SourceDetailSerializer))
)
class SourceViewSet(CitableMixin, ContentViewSet):
    """The published pages the facts rest on, and the facts each supports."""

    citation_kind = "source"
    model = Source
    queryset = Source.objects.all()
    lookup_field = "id"
    lookup_value_regex = ID_PATTERN
    list_serializer_class = sources.SourceListSerializer
    detail_serializer_class = sources.SourceDetailSerializer
    write_serializer_class = sources.SourceWriteSerializer
    filterset_class = filters.SourceFilter
    draft_permission = "films.change_film"


class CollectionViewSet(ContentViewSet):
    """The co-creation project: its premiere, organiser and films."""

    model = Collection
    queryset = Collection.objects.all()
    list_serializer_class = sources.CollectionListSerializer
    detail_serializer_class = sources.CollectionDetailSerializer
    write_serializer_class = sources.CollectionWriteSerializer
    draft_permission = "films.change_film"


class MilestoneViewSet(ContentViewSet):
    """Keling's dated milestones, each with its source."""

    model = Milestone
    queryset = Milestone.objects.all()
    lookup_field = "id"
    lookup_value_regex = ID_PATTERN
    list_serializer_class = sources.MilestoneListSerializer
    detail_serializer_class = sources.MilestoneDetailSerializer
    write_serializer_class = sources.MilestoneWriteSerializer
    filterset_class = filters.MilestoneFilter


class SearchView(ReadOnlyApiView):
    """One search across films, people, themes and quotes, in Chinese and English.

    The same search as the reader pages (films/search/): a substring match, so that
    麦收 is found inside a longer Chinese title; published entries only.
    """

    cache_params = ("q", "page", "page_size")
    strict_params = True

    @extend_schema(
        operation_id="search",
        parameters=[
            OpenApiParameter(
                "q",
                str,
                description=f"What to look for (up to {MAX_QUERY_LENGTH} characters are used).",
            ),
            OpenApiParameter("page", int, description="A page number within the results."),
            OpenApiParameter("page_size", int, description="Hits per page, 1 to 100 (20)."),
        ],
        responses=SearchResultsSerializer,
    )
    def get(self, request):
        size = _whole_number(request, "page_size", 20, 100)
        number = _whole_number(request, "page", 1, None)
        page = search_page(request.query_params.get("q"), start=(number - 1) * size, size=size)
        last = max(1, -(-page.count // size))
        if number > last:
            raise NotFound("Invalid page.")
        context = {
            "request": request,
            "next": _page_link(request, number + 1) if number < last else None,
            "previous": _page_link(request, number - 1) if number > 1 else None,
        }
        return Response(SearchResultsSerializer(page, context=context).data)


def _whole_number(request, name: str, default: int, most: int | None) -> int:
    value = request.query_params.get(name, str(default))
    # str.isdigit() is true of "²" and "٣" too, which int() refuses or reads as 3.
    if (
        not (value.isascii() and value.isdigit())
        or int(value) < 1
        or (most is not None and int(value) > most)
    ):
        upto = f" to {most}" if most is not None else " or more"
        raise ValidationError({name: [f"Give a whole number from 1{upto}."]})
    return int(value)


def _page_link(request, number: int) -> str:
    url = request.build_absolute_uri()
    return (
        remove_query_param(url, "page") if number == 1 else replace_query_param(url, "page", number)
    )
