"""For apps that keep a copy of filmbase: a feed of changes, and everything in one document.

- `changes/?since=<ISO-8601>` lists what changed from the history records that every
  content model keeps (django-simple-history), oldest first, as created / updated /
  deleted events on the API's resources. A change to a film's credits or citations, or to
  a person's links, is an update of that film or person. Two queries whatever the size
  of the history: one UNION ALL across the history tables for the page, one for the count.
- `export/` is all published data as one versioned JSON document with its licence,
  rendered once per content version and then served from the cache.
"""

import datetime

from django.conf import settings
from django.core.cache import cache
from django.db.models import Case, CharField, F, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.settings import api_settings

from core.api.defaults import Pagination
from core.api.fields import LinkField
from core.api.renderers import CSVZipRenderer, JSONLinesRenderer
from core.api.views import ReadOnlyApiView, can_see_drafts, conditional, content_etag
from core.caching import cacheable_host, release_token
from films import people as credited
from films.api import dumps
from films.api.people import PersonDetailSerializer
from films.api.serializers import (
    FilmDetailSerializer,
    QuoteDetailSerializer,
    ThemeDetailSerializer,
)
from films.api.sources import (
    CollectionDetailSerializer,
    MilestoneDetailSerializer,
    SourceDetailSerializer,
)
from films.models import (
    Citation,
    Collection,
    Credit,
    Film,
    Milestone,
    PublicationStatus,
    Quote,
    Source,
    Theme,
)
from people.models import Person, PersonLink

DRAFT = PublicationStatus.DRAFT
PUBLISHED = PublicationStatus.PUBLISHED
ACTIONS = {"+": "created", "~": "updated", "-": "deleted"}
# Each resource in the feed, with the field its API address is built from.
RESOURCES = {
    "film": ("api:film-detail", "slug"),
    "person": ("api:person-detail", "slug"),
    "theme": ("api:theme-detail", "slug"),
    "collection": ("api:collection-detail", "slug"),
    "quote": ("api:quote-detail", "id"),
    "source": ("api:source-detail", "id"),
    "milestone": ("api:milestone-detail", "id"),
}


# -- The change feed ---------------------------------------------------------------------


def _own_rows(model, type_name: str, *, public: bool):
    """Return history rows of a resource model, in the feed's columns."""
    history = model.history.model.objects.all()
    action = F("history_type")
    if public and hasattr(model, "status"):
        history, action = _as_readers_saw_it(history, model)
    slug = F("slug") if RESOURCES[type_name][1] == "slug" else Value(None, CharField())
    return history.annotate(
        c_type=Value(type_name, CharField()), c_id=F("id"), c_slug=slug, c_action=action
    )


def _as_readers_saw_it(history, model):
    """Keep the rows of a film or quote that readers could see, as readers saw them.

    A row counts when the entry was public after it or just before it: a publication
    ("created"), a change to a public entry, or its leaving the public record (made a
    draft, or deleted: "deleted"). Rows of an entry that was never public are dropped, so
    a draft's slug, or even its existence, never reaches the feed. A quote about a film
    that is not public is not public either.
    """
    earlier = history.filter(id=OuterRef("id")).filter(
        Q(history_date__lt=OuterRef("history_date"))
        | Q(history_date=OuterRef("history_date"), history_id__lt=OuterRef("history_id"))
    )
    before = Subquery(earlier.order_by("-history_date", "-history_id").values("status")[:1])
    history = history.annotate(status_before=before).filter(
        Q(status=PUBLISHED) | Q(status_before=PUBLISHED)
    )
    if hasattr(model, "film"):
        history = history.filter(Q(film__isnull=True) | Q(film__status=PUBLISHED))
    action = Case(
        When(history_type="-", then=Value("-")),
        When(status=DRAFT, then=Value("-")),
        When(status_before=PUBLISHED, then=Value("~")),
        default=Value("+"),
    )
    return history, action


def _child_rows(model, parents: dict[str, str], *, public: bool):
    """Return history rows of a film's or person's own rows, as updates of that parent."""
    history = model.history.model.objects.all()
    present = Q()
    for parent in parents:
        present |= Q(**{f"{parent}__slug__isnull": False})
    history = history.filter(present)  # the parent still exists (else its deletion says it)
    if public and "film" in parents:
        history = history.filter(~Q(film__status=DRAFT) | Q(film__isnull=True))
    whens = [When(**{f"{parent}__isnull": False}, then=Value(t)) for parent, t in parents.items()]
    ids = [F(f"{parent}_id") for parent in parents]
    slugs = [F(f"{parent}__slug") for parent in parents]
    return history.annotate(
        c_type=Case(*whens, output_field=CharField()),
        c_id=Coalesce(*ids, output_field=IntegerField()) if len(ids) > 1 else ids[0],
        c_slug=Coalesce(*slugs, output_field=CharField()) if len(slugs) > 1 else slugs[0],
        c_action=Value("~", CharField()),
    )


def change_rows(since: datetime.datetime | None, *, public: bool):
    """Return the union of every content model's history, in the feed's columns, oldest first."""
    parts = [
        _own_rows(Film, "film", public=public),
        _own_rows(Person, "person", public=public),
        _own_rows(Theme, "theme", public=public),
        _own_rows(Collection, "collection", public=public),
        _own_rows(Quote, "quote", public=public),
        _own_rows(Source, "source", public=public),
        _own_rows(Milestone, "milestone", public=public),
        _child_rows(Credit, {"film": "film"}, public=public),
        _child_rows(
            Citation,
            {"film": "film", "person": "person", "collection": "collection"},
            public=public,
        ),
        _child_rows(PersonLink, {"person": "person"}, public=public),
    ]
    columns = ["history_date", "c_type", "c_id", "c_slug", "c_action", "history_id"]
    if since is not None:
        parts = [part.filter(history_date__gte=since) for part in parts]
    # Each history table is ordered newest first by default; a UNION member may not be.
    parts = [part.order_by().values_list(*columns) for part in parts]
    return parts[0].union(*parts[1:], all=True).order_by("history_date", "c_type", "history_id")


_AT = serializers.DateTimeField()


class ChangeSerializer(serializers.Serializer):
    at = serializers.DateTimeField(help_text="When the change was saved.")
    action = serializers.ChoiceField(choices=list(ACTIONS.values()))
    type = serializers.ChoiceField(choices=list(RESOURCES))
    id = serializers.IntegerField(help_text="The entry's database id.")
    slug = serializers.CharField(allow_null=True, help_text="Null for quotes, sources, milestones.")
    url = serializers.URLField(help_text="The entry's API address (gone when deleted).")

    def to_representation(self, row):
        at, type_name, object_id, slug, action, _history_id = row
        view_name, lookup = RESOURCES[type_name]
        link = self.context.setdefault("_links", {}).get(type_name)
        if link is None:
            link = LinkField(view_name, lookup)
            link.bind(type_name, self)
            self.context["_links"][type_name] = link
        key = {"slug": slug, "id": object_id}
        return {
            "at": _AT.to_representation(at),
            "action": ACTIONS[action],
            "type": type_name,
            "id": object_id,
            "slug": slug,
            "url": link.for_value(key[lookup]),
        }


class ChangePageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = ChangeSerializer(many=True)


def parse_since(raw: str | None) -> datetime.datetime | None:
    """Return the `since` parameter as an aware datetime; raise a 400 when it is not one."""
    if raw is None or raw == "":
        return None
    # A "+01:00" offset arrives as " 01:00" when the client did not percent-encode it.
    text = raw.strip().replace(" ", "+")
    try:
        value = parse_datetime(text)
        if value is None:
            day = datetime.date.fromisoformat(text)
            value = datetime.datetime.combine(day, datetime.time())
        if timezone.is_naive(value):
            value = value.replace(tzinfo=datetime.UTC)
        value.astimezone(datetime.UTC)  # an offset that leaves the calendar's range fails here
    except (ValueError, OverflowError):
        raise ValidationError(
            {"since": ["Give a date and time in ISO 8601, e.g. 2024-12-06T00:00:00Z."]}
        ) from None
    return value


class ChangesView(ReadOnlyApiView):
    """What changed since a moment, oldest first, to keep a copy in sync.

    Poll with `since` set to the `at` of the last change you applied: events at exactly
    that moment come again (the bound is inclusive), so nothing is ever skipped; applying
    an event twice is harmless. Readers see a film or quote saved as a draft as deleted.
    """

    cache_params = ("since", "page", "page_size")
    strict_params = True

    @extend_schema(
        operation_id="changes",
        parameters=[
            OpenApiParameter(
                "since", str, description="ISO 8601 date or date-time; changes at or after it."
            ),
            OpenApiParameter("page", int, description="A page number within the results."),
            OpenApiParameter("page_size", int, description="Changes per page, up to 100."),
        ],
        responses=ChangePageSerializer,
    )
    def get(self, request):
        since = parse_since(request.query_params.get("since"))
        public = not can_see_drafts(request, "films.change_film")
        paginator = Pagination()
        page = paginator.paginate_queryset(change_rows(since, public=public), request, view=self)
        data = ChangeSerializer(page, many=True, context={"request": request}).data
        return paginator.get_paginated_response(data)


# -- The bulk export ---------------------------------------------------------------------

EXPORT_SCHEMA_VERSION = 1
LICENCE = (
    "CC BY 4.0 for filmbase's own text; quotations and facts remain attributable to "
    "their cited sources"
)
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"


class ExportSerializer(serializers.Serializer):
    """Every published entry, in the same forms as the API's detail answers."""

    schema_version = serializers.IntegerField(
        help_text="Changes when the document's shape changes incompatibly."
    )
    generated_at = serializers.DateTimeField()
    licence = serializers.CharField()
    licence_url = serializers.URLField()
    collections = CollectionDetailSerializer(many=True)
    films = FilmDetailSerializer(many=True)
    people = PersonDetailSerializer(many=True)
    themes = ThemeDetailSerializer(many=True)
    quotes = QuoteDetailSerializer(many=True)
    sources = SourceDetailSerializer(many=True)
    milestones = MilestoneDetailSerializer(many=True)


def export_document(request) -> dict:
    """Return all published data, read through the same querysets as the detail answers."""
    document = {
        "schema_version": EXPORT_SCHEMA_VERSION,
        "generated_at": timezone.now(),
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "collections": Collection.objects.for_api_detail(),
        "films": Film.objects.published().for_api_detail(),
        "people": credited.for_api_detail(Person.objects.all()),
        "themes": Theme.objects.for_api_detail(),
        "quotes": Quote.objects.published().for_list(),
        "sources": Source.objects.for_api_detail(),
        "milestones": Milestone.objects.for_api_list(),
    }
    return ExportSerializer(document, context={"request": request}).data


class ExportView(ReadOnlyApiView):
    """All published data as one JSON document, with its schema version and licence.

    Drafts are never exported, whoever asks. The document is built once per content
    version (and host, since it holds absolute links) and then served from the cache.
    """

    renderer_classes = [*api_settings.DEFAULT_RENDERER_CLASSES, JSONLinesRenderer, CSVZipRenderer]

    @extend_schema(
        operation_id="export",
        responses={
            (200, "application/json"): ExportSerializer,
            (200, "application/jsonl"): OpenApiResponse(
                OpenApiTypes.STR, description=dumps.JSONL_HELP
            ),
            (200, "application/zip"): OpenApiResponse(
                OpenApiTypes.BINARY, description=dumps.CSV_HELP
            ),
        },
    )
    def get(self, request):
        etag = content_etag()
        return conditional(
            request,
            etag,
            lambda: Response(
                dumps.in_format(self._document(request, etag), request.accepted_renderer.format)
            ),
        )

    def _document(self, request, etag: str | None):
        host = cacheable_host(request)  # the page cache's rule: no entry per Host variant
        if etag is None or host is None:
            return export_document(request)
        key = f"filmbase:export:{release_token()}:{etag}:{request.scheme}://{host}"
        document = cache.get(key)
        if document is None:
            document = export_document(request)
            cache.set(key, document, settings.FILMBASE_PUBLIC_CACHE_TIMEOUT)
        return document
