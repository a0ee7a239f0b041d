"""filmbase's URL map: reader pages in English at the root and in Chinese under /zh-hans/."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from films import urls as film_urls

urlpatterns = [
    path("admin/", admin.site.urls),
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
