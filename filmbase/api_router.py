"""The REST API v1: one router for every app's resources, and the endpoints around them.

Mounted at /api/v1/ in filmbase.urls, outside the language prefixes: every answer
carries both languages. URL names live in the `api` namespace (`api:film-detail`).
"""

from django.urls import path
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework import serializers
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.routers import SimpleRouter

from core.api.defaults import JSONParser, TokenThrottle
from core.api.views import ApiViewMixin, ReadOnlyApiView
from core.security import locked_out
from films.api.people import PersonViewSet
from films.api.sync import ChangesView, ExportView
from films.api.views import (
    CollectionViewSet,
    FilmViewSet,
    MilestoneViewSet,
    QuoteViewSet,
    SearchView,
    SourceViewSet,
    ThemeViewSet,
)

app_name = "api"

router = SimpleRouter()
router.register("films", FilmViewSet, basename="film")
router.register("people", PersonViewSet, basename="person")
router.register("themes", ThemeViewSet, basename="theme")
router.register("quotes", QuoteViewSet, basename="quote")
router.register("sources", SourceViewSet, basename="source")
router.register("collections", CollectionViewSet, basename="collection")
router.register("milestones", MilestoneViewSet, basename="milestone")

ROOT_LINKS = {
    "films": "api:film-list",
    "people": "api:person-list",
    "themes": "api:theme-list",
    "quotes": "api:quote-list",
    "sources": "api:source-list",
    "collections": "api:collection-list",
    "milestones": "api:milestone-list",
    "search": "api:search",
    "changes": "api:changes",
    "export": "api:export",
    "token": "api:token",
    "schema": "api:schema",
    "docs": "api:docs",
    "redoc": "api:redoc",
}


class ApiRootView(ReadOnlyApiView):
    """Where everything in the API is: resources, search, change feed, export, docs."""

    @extend_schema(
        operation_id="root",
        responses={
            200: {
                "type": "object",
                "properties": {name: {"type": "string", "format": "uri"} for name in ROOT_LINKS},
                "required": list(ROOT_LINKS),
            }
        },
    )
    def get(self, request):
        return Response({name: reverse(url, request=request) for name, url in ROOT_LINKS.items()})


class TokenRequestSerializer(AuthTokenSerializer):
    """A username no longer than an account's can be, refused before any password check.

    The sign-in lock-out records the username it counted a failure for; an overlong one
    would not fit that record (PostgreSQL refuses it), so it is a 400 here instead.
    """

    username = serializers.CharField(label="Username", max_length=150, write_only=True)


class TokenView(ApiViewMixin, ObtainAuthToken):
    """Exchange a username and password for the token that signs API writes.

    Send it as `Authorization: Token <token>`. Attempts are throttled per address, and
    failed ones count towards the same lock-out as the admin's sign-in (django-axes): after
    too many for one username from one address, that pair gets 429 until the cool-off ends.
    """

    renderer_classes = [JSONRenderer]
    # ObtainAuthToken names its parsers itself rather than taking the API's: the same
    # three, with the API's JSON parser (a 400 for any body it cannot read).
    parser_classes = [FormParser, MultiPartParser, JSONParser]
    throttle_classes = [TokenThrottle]
    serializer_class = TokenRequestSerializer

    @extend_schema(
        operation_id="token", request=TokenRequestSerializer, responses=AuthTokenSerializer
    )
    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except ValidationError:
            # axes marks the request it was given (DRF's), which its middleware never sees.
            if getattr(request, "axes_locked_out", False):
                return locked_out(request)
            raise


class SchemaView(ApiViewMixin, SpectacularAPIView):
    """The OpenAPI 3 schema: YAML, or JSON with ?format=json. The same for everyone."""


class DocsView(ApiViewMixin, SpectacularSwaggerSplitView):
    """Swagger UI over the schema; its errors are JSON like the rest of the API."""


class RedocView(ApiViewMixin, SpectacularRedocView):
    """Redoc over the schema; its errors are JSON like the rest of the API."""


urlpatterns = [
    path("", ApiRootView.as_view(), name="root"),
    path("search/", SearchView.as_view(), name="search"),
    path("changes/", ChangesView.as_view(), name="changes"),
    path("export/", ExportView.as_view(), name="export"),
    path("auth/token/", TokenView.as_view(), name="token"),
    path("schema/", SchemaView.as_view(), name="schema"),
    # Swagger UI's start-up script is its own request (?script), so the page needs no
    # inline script; Redoc's page drops the upstream template's web-font links.
    path("docs/", DocsView.as_view(url_name="api:schema"), name="docs"),
    path(
        "redoc/",
        RedocView.as_view(url_name="api:schema", template_name="api/redoc.html"),
        name="redoc",
    ),
    *router.urls,
]
