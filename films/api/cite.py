"""Detail endpoints that answer with a reference when asked, as DOI resolvers do.

`Accept: application/x-bibtex`, `application/vnd.citationstyles.csl+json` or
`application/x-research-info-systems` on a film, person, quote or source gets the same
reference as its page's "Cite this page" downloads (in English, with the English page's
address); any other type keeps its 406, and lists answer JSON only.
"""

from django.urls import NoReverseMatch, reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import override
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse
from rest_framework.response import Response

from core.api.renderers import CSVRenderer
from core.api.views import ContentViewSet
from core.citations import BIBTEX, CITATION_RENDERERS, CSL_JSON, RIS
from films.citations import item_for, page_address

CITE_URLS = {
    "film": ("films:cite-bib", "slug"),
    "person": ("people:cite-bib", "slug"),
    "quote": ("quotes:cite-bib", "id"),
    "source": ("sources:cite-bib", "page_key"),
}


def page_path(kind: str, obj) -> str | None:
    """Return the path of `obj`'s English page, the one its downloads sit under."""
    view_name, lookup = CITE_URLS[kind]
    value = obj.pk if lookup == "id" else getattr(obj, lookup)
    try:
        with override("en"):
            cite_path = reverse(view_name, kwargs={lookup: value})
    except NoReverseMatch:  # an entry whose page cannot be addressed
        return None
    return cite_path.removesuffix("cite.bib")


def citation_responses(serializer) -> dict:
    """Return a detail operation's documented answers: JSON, or a reference in one format."""
    text = OpenApiResponse(OpenApiTypes.STR, description="The entry's reference.")
    return {
        (200, "application/json"): serializer,
        (200, BIBTEX): text,
        (200, CSL_JSON): OpenApiResponse(
            {"type": "array", "items": {"type": "object"}, "minItems": 1, "maxItems": 1},
            description="A CSL-JSON document: a list of one item.",
        ),
        (200, RIS): text,
        (200, CSVRenderer.media_type): OpenApiResponse(
            OpenApiTypes.STR, description="The entry as one CSV row (?format=csv)."
        ),
    }


class CitableMixin:
    """Answer a detail in a citation format when the request's Accept names one."""

    citation_kind: str = ""
    # All of them on the class, so that the public cache keys a detail's answer on these
    # Accept values too (core/caching.py `_variant`); only a detail offers the citations.
    renderer_classes = [*ContentViewSet.renderer_classes, *CITATION_RENDERERS]

    def get_renderers(self):
        renderers = super().get_renderers()
        if getattr(self, "action", None) != "retrieve":
            renderers = [r for r in renderers if not isinstance(r, CITATION_RENDERERS)]
        return renderers

    def detail_response(self, instance, status_code=200, headers=None):
        renderer = getattr(self.request, "accepted_renderer", None)
        if status_code != 200 or not isinstance(renderer, CITATION_RENDERERS):
            response = super().detail_response(instance, status_code, headers)
            patch_vary_headers(response, ["Accept"])
            return response
        path = page_path(self.citation_kind, instance)
        page_url = page_address(self.request, path) if path else ""
        response = Response(item_for(self.citation_kind, instance, page_url))
        response["Content-Disposition"] = (
            f'attachment; filename="{self.citation_kind}-{instance.pk}.{renderer.format}"'
        )
        patch_vary_headers(response, ["Accept"])
        return response
