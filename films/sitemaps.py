"""The sitemap: every published page, in English and in Chinese, with hreflang alternates.

Built on django.contrib.sitemaps with `i18n` and `alternates`, reusing the querysets the
pages use, so a draft never reaches the sitemap. Each section is one file listed by the
index at /sitemap.xml.
"""

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.urls import reverse
from django.views.decorators.http import require_GET

from core.caching import public_cache
from films.models import Film, Quote, Source, Theme
from people.models import Person


class _Bilingual(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    # Each item is listed once per language: stay under the protocol's 50,000 URLs a file.
    limit = 20_000

    def lastmod(self, item):
        return item.updated_at


class PageSitemap(_Bilingual):
    """The pages that are not about one entry: home, the indexes, quotes, the making,
    about."""

    names = (
        "home:index",
        "films:list",
        "people:directors",
        "people:list",
        "themes:list",
        "quotes:list",
        "making",
        "sources:list",
        "about",
    )

    def items(self):
        return list(self.names)

    def location(self, item):
        return reverse(item)

    def lastmod(self, item):
        return None


class FilmSitemap(_Bilingual):
    def items(self):
        return Film.objects.published().only("slug", "updated_at").order_by("order", "pk")


class PersonSitemap(_Bilingual):
    def items(self):
        return Person.objects.only("slug", "updated_at").order_by("pk")


class ThemeSitemap(_Bilingual):
    def items(self):
        return Theme.objects.only("slug", "updated_at").order_by("pk")


class QuoteSitemap(_Bilingual):
    def items(self):
        return Quote.objects.published().only("id", "updated_at").order_by("pk")


class SourceSitemap(_Bilingual):
    def items(self):
        return Source.objects.only("key", "updated_at").order_by("pk")


SITEMAPS = {
    "pages": PageSitemap,
    "films": FilmSitemap,
    "people": PersonSitemap,
    "themes": ThemeSitemap,
    "quotes": QuoteSitemap,
    "sources": SourceSitemap,
}


@require_GET
@public_cache
def sitemap_index(request):
    """List the sitemap's sections (pages, films, people, themes, quotes, sources)."""
    return sitemap_views.index(request, SITEMAPS, sitemap_url_name="sitemap-section")


@require_GET
@public_cache(params=("p",))
def sitemap_section(request, section):
    """Return one section of the sitemap; an unknown section or page is a 404."""
    return sitemap_views.sitemap(request, SITEMAPS, section=section)
