"""Project-wide views: health check, robots.txt, the sitemap and the error pages."""

import logging

from django.contrib.sitemaps import views as sitemap_views
from django.db import connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from filmbase.caching import public_cache
from films.sitemaps import SITEMAPS

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def healthz(request):
    """Answer 200 when the database answers a query, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any failure means "not healthy", never a 500
        logger.warning("health check: database unavailable", exc_info=True)
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_GET
@public_cache
def robots_txt(request):
    """Let every crawler read the site, except the admin; point them at the sitemap."""
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    body = f"User-agent: *\nDisallow: /admin/\n\nSitemap: {sitemap}\n"
    return HttpResponse(body, content_type="text/plain; charset=utf-8")


@require_GET
@public_cache
def sitemap_index(request):
    """List the sitemap's sections (pages, films, people, themes)."""
    return sitemap_views.index(request, SITEMAPS, sitemap_url_name="sitemap-section")


@require_GET
@public_cache
def sitemap_section(request, section):
    """Return one section of the sitemap; an unknown section or page is a 404."""
    return sitemap_views.sitemap(request, SITEMAPS, section=section)


def page_not_found(request, exception=None):
    """Render the friendly 404 page in the language of the URL."""
    return render(request, "404.html", status=404)


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
            "Server error. Please try again later. / 服务器出错,请稍后再试。",
            content_type="text/plain; charset=utf-8",
        )
