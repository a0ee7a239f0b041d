"""filmbase's URL map: reader pages in English at the root and in Chinese under /zh-hans/,
the REST API under /api/v1/, and the few addresses machines read at the root."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from core import views as site_views
from core.api import errors as api_errors
from films import feeds as film_feeds
from films import making_views
from films import sitemaps as film_sitemaps
from films import urls as film_urls
from films import views as film_views

urlpatterns = [
    path("admin/", admin.site.urls),
    # Not language-prefixed: machines read these.
    path("healthz", site_views.healthz, name="healthz"),
    path("robots.txt", site_views.robots_txt, name="robots"),
    path("sitemap.xml", film_sitemaps.sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", film_sitemaps.sitemap_section, name="sitemap-section"),
    # The REST API: not language-prefixed, every answer carries both languages. Any other
    # /api/ address is a JSON 404, so that the API's errors are JSON throughout.
    path("api/v1/", include("filmbase.api_router")),
    re_path(r"^api/", api_errors.not_found),
]

urlpatterns += i18n_patterns(
    path("", include((film_urls.home_patterns, "home"))),
    path("films/", include((film_urls.film_patterns, "films"))),
    path("themes/", include((film_urls.theme_patterns, "themes"))),
    path("quotes/", include((film_urls.quote_patterns, "quotes"))),
    path("sources/", include((film_urls.source_patterns, "sources"))),
    path("search/", film_views.search, name="search"),
    path("about/", film_views.about, name="about"),
    path("making/", making_views.making, name="making"),
    path("feed/", film_feeds.changes_feed, name="feed"),
    path("", include((film_urls.people_patterns, "people"))),
    prefix_default_language=False,
)

# JSON under /api/, the friendly bilingual pages elsewhere.
handler400 = "core.api.errors.bad_request"
handler404 = "core.views.page_not_found"
handler500 = "core.api.errors.server_error"

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
elif settings.FILMBASE_SERVE_MEDIA:
    # The embedded set-up (`make run`) has no web server in front for uploaded posters;
    # production serves media from object storage or its proxy and turns this off.
    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]
