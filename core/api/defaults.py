"""The classes REST_FRAMEWORK names: parser, permissions, pagination, throttles, metadata.

DRF imports them while it defines its own APIView (from the REST_FRAMEWORK setting),
so this module imports nothing of DRF's views: that is DRF's rule, not a cycle of ours.
"""

from rest_framework import parsers
from rest_framework.exceptions import ParseError
from rest_framework.metadata import SimpleMetadata
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import SAFE_METHODS, DjangoModelPermissionsOrAnonReadOnly
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, answering 400 for every body it cannot read.

    DRF turns the ValueError of a body that is not JSON (not UTF-8, cut short, NaN, a
    number too long to convert) into a ParseError, but not the RecursionError of one
    nested deeper than Python's recursion limit (`"[" * 50000`), which became a 500.
    """

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError("JSON parse error - nested too deeply.") from None


class Pagination(PageNumberPagination):
    """Page numbers with `{count, next, previous, results}`; `page_size` up to 100."""

    page_size_query_param = "page_size"
    max_page_size = 100


def _rate(scope: str):
    # Read the rate on every request rather than once at import (as DRF's class attribute
    # does), so settings overrides in tests and reloaded settings take effect.
    return api_settings.DEFAULT_THROTTLE_RATES.get(scope)


class AnonThrottle(AnonRateThrottle):
    """Limit anonymous clients by address. Answers from the public cache are not counted."""

    def get_rate(self):
        return _rate(self.scope)


class UserThrottle(UserRateThrottle):
    """Limit signed-in clients by account; anonymous ones are AnonThrottle's."""

    def get_rate(self):
        return _rate(self.scope)

    def get_cache_key(self, request, view):
        if not request.user or not request.user.is_authenticated:
            return None
        return super().get_cache_key(request, view)


class TokenThrottle(AnonRateThrottle):
    """Limit attempts at the token endpoint by address, signed in or not (password guessing)."""

    scope = "token"

    def get_rate(self):
        return _rate(self.scope)

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class Metadata(SimpleMetadata):
    """Answer OPTIONS with what the endpoint is, not a dump of its forms (cheap, no queries)."""

    def determine_metadata(self, request, view):
        metadata = super().determine_metadata(request, view)
        metadata.pop("actions", None)
        return metadata


class ContentPermissions(DjangoModelPermissionsOrAnonReadOnly):
    """Anyone may read; writing needs the model permission (the Curators group has it).

    Reads return at once: DRF's class would build the view's queryset just to learn
    that a GET needs no permission.
    """

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        return super().has_permission(request, view)
