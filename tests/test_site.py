"""Site-wide promises: health check, robots, sitemap, error pages, security headers, caching."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.conf.urls.i18n import i18n_patterns
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.urls import path as url_path
from django.urls import reverse

from tests.conftest import grow_works
from tests.films.factories import FilmFactory

pytestmark = pytest.mark.django_db

SITEMAP_NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
}

PUBLIC_PAGES = [
    "/",
    "/films/",
    "/films/wheat-harvest/",
    "/directors/",
    "/people/tim-yip/",
    "/themes/",
    "/themes/hometown/",
    "/quotes/",
    "/search/?q=%E9%BA%A6%E6%94%B6",
    "/about/",
]
ALL_PAGES = [prefix + path for path in PUBLIC_PAGES for prefix in ("", "/zh-hans")]


def test_no_markup_is_marked_safe_by_hand():
    """Markup comes from templates or format_html: no mark_safe, so no `nosec` for it."""
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    offenders = [
        str(path.relative_to(root))
        for folder in ("core", "films", "people", "filmbase")
        for path in (root / folder).rglob("*.py")
        if re.search(r"mark_safe\(|nosec B(308|703)", path.read_text(encoding="utf-8"))
    ]
    assert not offenders


def test_every_url_name_round_trips():
    names = {
        "home:index": "/",
        "films:list": "/films/",
        "themes:list": "/themes/",
        "quotes:list": "/quotes/",
        "people:directors": "/directors/",
        "search": "/search/",
        "about": "/about/",
        "sitemap": "/sitemap.xml",
        "robots": "/robots.txt",
        "healthz": "/healthz",
    }
    for name, path in names.items():
        assert reverse(name) == path
    assert reverse("films:detail", kwargs={"slug": "x"}) == "/films/x/"
    assert reverse("themes:detail", kwargs={"slug": "x"}) == "/themes/x/"
    assert reverse("people:detail", kwargs={"slug": "x"}) == "/people/x/"


# -- Health, robots, sitemap -----------------------------------------------------------


def test_healthz_answers_200_json_when_the_database_and_cache_answer(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_does_not(client, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("database down")

    monkeypatch.setattr(connection, "cursor", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable", "cache": "ok"}
    assert response["Retry-After"] == "5"


def test_healthz_reports_a_cache_outage_but_stays_200_since_pages_are_served_uncached(
    client, settings
):
    """A Redis that is down must not take every web process out of the load balancer."""
    redis = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:9/0",  # the discard port: nothing listens
        "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.25},
    }
    settings.CACHES = {"default": redis, "content-version": redis}
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "unavailable"}


def test_healthz_is_not_language_prefixed(client):
    assert client.get("/zh-hans/healthz").status_code == 404


def test_robots_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /admin/" in body


def _xml(response):
    assert response.status_code == 200
    return ET.fromstring(response.content)


def test_sitemap_index_lists_its_sections(client, works):
    root = _xml(client.get("/sitemap.xml"))
    locations = [loc.text for loc in root.findall("s:sitemap/s:loc", SITEMAP_NS)]
    assert locations == [
        f"http://testserver/sitemap-{section}.xml"
        for section in ("pages", "films", "people", "themes", "quotes", "sources")
    ]


def test_sitemap_lists_every_published_page_in_both_languages_with_alternates(client, works):
    urls = {}
    for section in ("pages", "films", "people", "themes", "quotes", "sources"):
        root = _xml(client.get(f"/sitemap-{section}.xml"))
        for url in root.findall("s:url", SITEMAP_NS):
            links = url.findall("xhtml:link", SITEMAP_NS)
            urls[url.find("s:loc", SITEMAP_NS).text] = {
                link.get("hreflang"): link.get("href") for link in links
            }
    for path in (
        "/",
        "/about/",
        "/making/",
        "/quotes/",
        "/films/wheat-harvest/",
        "/films/xue-xiaolu-film/",
        "/people/da-liu/",
        "/themes/hometown/",
        f"/quotes/{works['imagination'].pk}/",
        "/sources/",
        "/sources/S6/",
    ):
        english, chinese = f"http://testserver{path}", f"http://testserver/zh-hans{path}"
        assert english in urls and chinese in urls, path
        assert urls[english] == {"en": english, "zh-hans": chinese, "x-default": english}
    assert not [url for url in urls if "secret-draft" in url]
    # pages, published films, people, themes, published quotes (not on a draft film),
    # sources
    assert len(urls) == 2 * (9 + 4 + 5 + 2 + 2 + 2)


def test_sitemap_errors_are_404s(client, works):
    assert client.get("/sitemap-nothing.xml").status_code == 404
    assert client.get("/sitemap-films.xml?p=abc").status_code == 404
    assert client.get("/sitemap-films.xml?p=9").status_code == 404


def test_sitemap_never_carries_hostile_text(client, works):
    FilmFactory(title="</loc><script>alert(1)</script>", slug="hostile")
    body = client.get("/sitemap-films.xml").content.decode()
    assert "<script>" not in body and "http://testserver/films/hostile/" in body


# -- Error pages -----------------------------------------------------------------------


def test_404_is_friendly_in_english(client, works):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert '<html lang="en">' in page and "Page not found" in page
    assert 'href="/zh-hans/"' in page  # the language switch offers the other home page
    assert "Traceback" not in page


def test_404_is_friendly_in_chinese(client, works):
    response = client.get("/zh-hans/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert '<html lang="zh-Hans">' in page and "找不到页面" in page


def test_the_404_of_a_known_route_links_to_the_home_pages_and_no_alternates(client, works):
    """An unknown film: the route has a name, but there is no page in either language."""
    page = client.get("/zh-hans/films/no-such-film/").content.decode()
    head = page.split("</head>")[0]
    assert 'rel="canonical"' not in head and "hreflang" not in head
    assert 'href="/" hreflang="en"' in page
    assert "/films/no-such-film/" not in page.split("</header>")[0]


def test_the_400_page_is_the_sites_own_without_alternates(client, works):
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    page = response.content.decode()
    assert 'class="skip-link"' in page and 'rel="canonical"' not in page


def _boom(request):
    raise RuntimeError("secret internal detail")


@pytest.fixture
def failing_page(site_with):
    """Serve the site plus a page that always fails, at /boom/ and /zh-hans/boom/."""
    site_with(*i18n_patterns(url_path("boom/", _boom), prefix_default_language=False))


@pytest.mark.parametrize(
    ("path", "lang", "text"),
    [("/boom/", "en", "Something went wrong"), ("/zh-hans/boom/", "zh-Hans", "出错了")],
)
def test_500_is_friendly_and_never_shows_debug_output(failing_page, path, lang, text):
    response = Client(raise_request_exception=False).get(path)
    assert response.status_code == 500
    page = response.content.decode()
    assert f'<html lang="{lang}">' in page and text in page
    assert "secret internal detail" not in page and "Traceback" not in page


# -- Security headers and public caching -----------------------------------------------


@pytest.mark.parametrize("path", ["/", "/zh-hans/films/wheat-harvest/", "/no-such-page/"])
def test_security_headers(client, works, path):
    for _ in range(2):  # rendered, then from the public cache: the same headers
        response = client.get(path)
        policy = response["Content-Security-Policy"]
        directives = dict(
            (part.split(" ", 1) + [""])[:2] for part in policy.replace("; ", ";").split(";")
        )
        assert directives["script-src"] == "'self'"
        assert directives["style-src"] == "'self'"
        assert directives["object-src"] == "'none'"
        assert directives["base-uri"] == "'none'"
        assert directives["frame-ancestors"] == "'none'"
        assert "unsafe-inline" not in policy and "nonce" not in policy
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


@pytest.mark.parametrize("path", ALL_PAGES)
def test_public_pages_have_no_inline_script_or_style_and_no_remote_asset(client, works, path):
    page = client.get(path).content.decode()
    assert "<style" not in page
    assert not re.search(r"\sstyle=", page)
    assert not re.search(r"\son[a-z]+=", page)
    for script in re.findall(r"<script[^>]*>", page):
        assert script == '<script type="application/ld+json">'
    for tag in re.findall(r"<(?:link|img|script|source|iframe)\b[^>]*>", page):
        assert (
            not re.search(r'(?:src|href)="(?:https?:)?//', tag)
            or 'rel="canonical"' in tag
            or ('rel="alternate"' in tag)
        ), tag


@pytest.mark.parametrize("path", ALL_PAGES)
def test_public_pages_are_the_same_for_everyone_and_set_no_cookie(client, works, path):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="zh-hans", HTTP_COOKIE="x=1")
    assert response.status_code == 200
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert 'name="csrf' not in response.content.decode()
    caches["default"].clear()  # rendered afresh for another reader, not the copy above
    other = Client().get(path, HTTP_ACCEPT_LANGUAGE="en")
    assert other.content == response.content


@pytest.mark.parametrize("path", [*ALL_PAGES, "/robots.txt", "/sitemap.xml"])
def test_every_page_answers_304_to_its_own_etag(client, works, path, django_assert_num_queries):
    first = client.get(path)
    assert first.status_code == 200 and first["ETag"]
    with django_assert_num_queries(0):
        again = client.get(path, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_the_admin_may_use_inline_styles_but_never_inline_scripts(curator_client):
    response = curator_client.get("/admin/")
    policy = response["Content-Security-Policy"]
    assert "style-src 'self' 'unsafe-inline'" in policy
    assert "script-src 'self';" in policy + ";"


MACHINE_QUERY_COUNTS = {
    "/sitemap.xml": 10,
    "/sitemap-pages.xml": 0,
    "/sitemap-films.xml": 1,
    "/sitemap-people.xml": 1,
    "/sitemap-themes.xml": 1,
    "/sitemap-quotes.xml": 1,
    "/sitemap-sources.xml": 1,
    "/robots.txt": 0,
    "/healthz": 1,
}


def test_machine_addresses_have_fixed_query_counts(
    client, works, settings, django_assert_num_queries
):
    """Sitemaps, robots.txt and /healthz, uncached, before and after 100 more films."""
    dummy = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    settings.CACHES = {"default": dummy, "content-version": dummy}
    for grown in (False, True):
        if grown:
            grow_works(works)
        for url, count in MACHINE_QUERY_COUNTS.items():
            with django_assert_num_queries(count):
                assert client.get(url).status_code == 200, url
