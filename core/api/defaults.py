"""The classes REST_FRAMEWORK names: parser, permissions, pagination, throttles, metadata.

DRF imports them while it defines its own APIView (from the REST_FRAMEWORK setting),
so this module imports nothing of DRF's views: that is DRF's rule, not a cycle of ours.
"""

import logging
import math

from django.core.cache import cache as default_cache
from rest_framework import parsers
from rest_framework.exceptions import ParseError
from rest_framework.metadata import SimpleMetadata
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import SAFE_METHODS, DjangoModelPermissionsOrAnonReadOnly
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle, UserRateThrottle

logger = logging.getLogger(__name__)


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


class CacheUnavailable(Exception):
    """The throttles' cache raised: the client's history can be neither read nor kept."""


class _GuardedCache:
    """The default cache, with whatever it raises turned into CacheUnavailable.

    So that TolerantThrottle catches the cache's failures and nothing else: an error in
    the throttle's own code still surfaces.
    """

    def get(self, *args, **kwargs):
        try:
            return default_cache.get(*args, **kwargs)
        except Exception as error:  # noqa: BLE001 - any backend's connection errors
            raise CacheUnavailable from error

    def set(self, *args, **kwargs):
        try:
            return default_cache.set(*args, **kwargs)
        except Exception as error:  # noqa: BLE001
            raise CacheUnavailable from error


class TolerantThrottle:
    """A throttle that lets requests through, uncounted, while its cache is unreachable.

    DRF's throttles read and write the client's history in the cache on every request,
    and raise whatever the cache raises: readers would get server errors during a cache
    outage that the pages and answers themselves are served through (core/caching.py).
    """

    cache = _GuardedCache()

    def allow_request(self, request, view):
        try:
            return super().allow_request(request, view)
        except CacheUnavailable:
            logger.warning("throttle cache unavailable; request not counted", exc_info=True)
            self.key = None  # nothing to tell the client (add_rate_limit_headers)
            return True


def _rate(scope: str):
    # Read the rate on every request rather than once at import (as DRF's class attribute
    # does), so settings overrides in tests and reloaded settings take effect.
    return api_settings.DEFAULT_THROTTLE_RATES.get(scope)


class AnonThrottle(TolerantThrottle, AnonRateThrottle):
    """Limit anonymous clients by address. Answers from the public cache are not counted."""

    def get_rate(self):
        return _rate(self.scope)


class UserThrottle(TolerantThrottle, UserRateThrottle):
    """Limit signed-in clients by account; anonymous ones are AnonThrottle's."""

    counts_anonymous = False  # quota_before_view, for anonymous clients only, skips it

    def get_rate(self):
        return _rate(self.scope)

    def get_cache_key(self, request, view):
        if not request.user or not request.user.is_authenticated:
            return None
        return super().get_cache_key(request, view)


class TokenThrottle(TolerantThrottle, AnonRateThrottle):
    """Limit attempts at the token endpoint by address, signed in or not (password guessing)."""

    scope = "token"

    def get_rate(self):
        return _rate(self.scope)

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


def add_rate_limit_headers(response, throttles, request, view, *, counted: bool) -> None:
    """Tell the client its quota: `RateLimit-Limit`, `-Remaining` and `-Reset` (seconds).

    The names of the IETF draft (httpapi-ratelimit-headers), from the state of DRF's
    throttles: those that ran for this request (`counted`), else a look at their history
    without counting the request (an answer from the public cache, or one refused before
    the throttles ran). With several throttles, the one nearest its limit is told.
    """
    states = [
        state
        for throttle in throttles
        if (state := _quota(throttle, request, view, counted=counted)) is not None
    ]
    if not states:
        return
    limit, remaining, reset = min(states, key=lambda state: state[1])
    response["RateLimit-Limit"] = str(limit)
    response["RateLimit-Remaining"] = str(remaining)
    response["RateLimit-Reset"] = str(reset)


def quota_before_view(request, response) -> None:
    """Add the headers for an anonymous request answered before DRF saw it (the cache)."""
    # Only throttles that count anonymous clients, with a rate for their scope (each of
    # filmbase's own reads its rate that way), are built: the others would tell nothing.
    throttles = [
        throttle()
        for throttle in api_settings.DEFAULT_THROTTLE_CLASSES
        if getattr(throttle, "counts_anonymous", True) and _rate(getattr(throttle, "scope", None))
    ]
    if not throttles:  # throttling off: nothing to tell, and no headers to build
        return
    add_rate_limit_headers(response, throttles, _Anonymous(request), None, counted=False)


class _Anonymous:
    """The request as a throttle sees it before authentication ran: anonymous.

    `headers` is Django's request.headers, built only when a throttle reads it (DRF's
    get_ident does; UserThrottle, for an anonymous client, never gets that far).
    """

    def __init__(self, request):
        from django.contrib.auth.models import AnonymousUser  # apps are ready by now

        self.user, self.META, self._request = AnonymousUser(), request.META, request

    @property
    def headers(self):
        return self._request.headers


def _quota(throttle, request, view, *, counted: bool) -> tuple[int, int, int] | None:
    """Return (limit, remaining, seconds until a request is freed), or None: no limit."""
    if not isinstance(throttle, SimpleRateThrottle) or throttle.rate is None:
        return None
    if counted:
        if getattr(throttle, "key", None) is None:
            return None
        history, now = throttle.history, throttle.now
    else:
        key = throttle.get_cache_key(request, view)
        if key is None:
            return None
        now = throttle.timer()
        try:
            stored = throttle.cache.get(key, [])
        except CacheUnavailable:  # as TolerantThrottle: nothing to tell
            return None
        history = [moment for moment in stored if moment > now - throttle.duration]
    remaining = max(0, throttle.num_requests - len(history))
    reset = math.ceil(history[-1] + throttle.duration - now) if history else 0
    return throttle.num_requests, remaining, max(0, reset)


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
