"""The REST API v1: one router for every app's resources, and the endpoints around them.

Mounted at /api/v1/ in filmbase.urls, outside the language prefixes: every answer
carries both languages. URL names live in the `api` namespace (`api:film-detail`).
"""

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.routers import SimpleRouter

from core.api.endpoints import DocsView, RedocView, SchemaView, TokenView
from core.api.views import ReadOnlyApiView
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
