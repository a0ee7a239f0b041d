"""Site-wide views: health check, robots.txt and the error pages."""

import logging
import secrets

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core.caching import public_cache

logger = logging.getLogger(__name__)


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any failure means "not healthy", never a 500
        logger.warning("health check: database unavailable", exc_info=True)
        return False
    return True


def _cache_ok() -> bool:
    """Return whether every configured cache stores and returns a value now.

    A round trip rather than a ping, so it holds for any backend; django-redis, which
    ignores Redis errors (settings), answers "not found" when Redis is down.
    """
    token = secrets.token_hex(8)
    try:
        for cache in caches.all():
            cache.set("filmbase:healthz", token, 10)
            if cache.get("filmbase:healthz") != token:
                return False
    except Exception:  # noqa: BLE001
        logger.warning("health check: cache unavailable", exc_info=True)
        return False
    return True


@never_cache
@require_GET
def healthz(request):
    """Report whether the database and the cache answer, for load balancers and monitors.

    The database is required: without it no page can be rendered, so its failure is a
    503 and a load balancer should stop sending traffic here. The cache is not: when it
    is down every request is rendered uncached (core/caching.py), slower but correct,
    so its failure is reported ("status": "degraded") with a 200, and a cache outage
    does not take every web process out of the load balancer at once.
    """
    database = _database_ok()
    cache = _cache_ok()
    body = {
        "status": "ok" if database and cache else "degraded" if database else "error",
        "database": "ok" if database else "unavailable",
        "cache": "ok" if cache else "unavailable",
    }
    response = JsonResponse(body, status=200 if database else 503)
    if not database:
        response["Retry-After"] = str(settings.FILMBASE_RETRY_AFTER)
    return response


@require_GET
@public_cache
def robots_txt(request):
    """Let every crawler read the site, except the admin; point them at the sitemap."""
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    body = f"User-agent: *\nDisallow: /admin/\n\nSitemap: {sitemap}\n"
    return HttpResponse(body, content_type="text/plain; charset=utf-8")


# What the error pages tell base.html: no canonical URL or alternates (there is no page
# to point to), and language links to the home pages (templatetags/filmbase.py).
ERROR_PAGE = {"error_page": True}


def page_not_found(request, exception=None):
    """Render the friendly 404 page in the language of the URL."""
    return render(request, "404.html", ERROR_PAGE, status=404)


def bad_request(request, exception=None):
    """Render the friendly 400 page, without reading the request's body.

    Not Django's handler: its @requires_csrf_token reads a POST body again, and the body
    may be what was wrong (a form in a charset Django refuses), so the 400 became a 500.
    The page has no form that posts, so it needs no CSRF token.
    """
    return render(request, "400.html", ERROR_PAGE, status=400)


def server_error(request):
    """Render the 500 page in the active language, never debug output.

    The template uses no database and no context processor that could fail again; if it
    still cannot be rendered, answer with a short plain page.
    """
    try:
        return HttpResponseServerError(render_to_string("500.html"))
    except Exception:  # noqa: BLE001
        logger.exception("could not render the 500 page")
        return HttpResponseServerError(
            "Server error. Please try again later. / 服务器出错，请稍后再试。",
            content_type="text/plain; charset=utf-8",
        )
