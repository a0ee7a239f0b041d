"""When the database is unreachable: a fast 503 that says "try again", never a hang or a 500.

A restarting PostgreSQL (a deploy, a fail-over) refuses or drops connections for a few
seconds. Django reports that as `OperationalError` or `InterfaceError`; left alone it
becomes a 500 page, which tells readers and crawlers that the site is broken and tells
apps not to retry. The right answer is 503 Service Unavailable with `Retry-After`: the
friendly bilingual page for readers, JSON under /api/.

Three places catch it, because Django turns an exception into a response wherever it is
raised: `DatabaseUnavailableMiddleware` for views and templates, `core.api.
exception_handler` for the REST API (DRF handles its views' errors itself), and
`core.api.errors.server_error` (handler500) for anything raised in a middleware, such as a
session saved after the view. Connections come back by themselves: the connect timeout
keeps each attempt short while the server is away, and `CONN_HEALTH_CHECKS` replaces a
dead persistent connection on the next request (filmbase/settings/base.py).
"""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

UNAVAILABLE_ERRORS = (OperationalError, InterfaceError)


def is_database_unavailable(error: BaseException | None) -> bool:
    """Return whether `error` means "the database cannot be reached now", not a bug."""
    return isinstance(error, UNAVAILABLE_ERRORS)


def service_unavailable(request, error: BaseException | None = None):
    """Answer 503 with Retry-After: JSON under /api/, the bilingual page elsewhere.

    The page is rendered without a request context, so that nothing on it can touch the
    database again; it shows both languages, the URL's first.
    """
    logger.warning(
        "database unavailable, answering 503: %s %s (%s)",
        request.method,
        request.path,
        str(error).strip().splitlines()[0] if error and str(error).strip() else "no detail",
    )
    retry_after = str(settings.FILMBASE_RETRY_AFTER)
    if request.path_info.startswith("/api/"):
        response = JsonResponse(
            {
                "detail": "The service is temporarily unavailable. Please retry shortly.",
                "detail_zh": "服务暂时不可用，请稍后重试。",
            },
            status=503,
        )
    else:
        language = translation.get_language_from_path(request.path_info) or "en"
        html = render_to_string("503.html", {"chinese_first": language == "zh-hans"})
        response = HttpResponse(html, status=503)
    response["Retry-After"] = retry_after
    add_never_cache_headers(response)
    return response


class DatabaseUnavailableMiddleware:
    """Turn a database that cannot be reached during a view into a 503 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_database_unavailable(exception):
            return service_unavailable(request, exception)
        return None
