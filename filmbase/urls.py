"""filmbase's URL map: reader pages in English at the root and in Chinese under /zh-hans/."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path, re_path

from filmbase import api
from films import urls as film_urls

urlpatterns = [
    path("admin/", admin.site.urls),
    # The REST API: not language-prefixed, every answer carries both languages. Any other
    # /api/ address is a JSON 404, so that the API's errors are JSON throughout.
    path("api/v1/", include("filmbase.api_router")),
    re_path(r"^api/", api.not_found),
]

urlpatterns += i18n_patterns(
    path("", include((film_urls.home_patterns, "home"))),
    path("films/", include((film_urls.film_patterns, "films"))),
    path("themes/", include((film_urls.theme_patterns, "themes"))),
    path("quotes/", include((film_urls.quote_patterns, "quotes"))),
    path("", include("people.urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# JSON under /api/, Django's pages elsewhere (filmbase/api.py).
handler400 = api.bad_request
handler500 = api.server_error
