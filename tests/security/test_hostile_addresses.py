"""Every address fuzzed with junk query strings and path segments: never a server error.

The addresses come from the URL map itself (a new route that no request here reaches
fails `test_every_route_is_fuzzed`): every reader page in English and Chinese, every API
endpoint (its filters by name), the sitemap, robots.txt, the health check, and the
admin's change lists as a curator. The junk is a fixed, generated list (so a failure
is reproduced exactly): malformed percent-encoding, NUL bytes, invalid UTF-8, huge and
negative numbers, repeated keys and array syntax, 10,000-character values, unknown
slugs with Chinese, dots and slashes. API errors must be JSON; reader pages answer
4xx with the site's own friendly page.
"""

import io
import re
from wsgiref.util import setup_testing_defaults

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.utils import translation

from filmbase.api_router import router
from filmbase.wsgi import application
from films.models import Milestone
from tests.security.hostile import Cases, content_admins

pytestmark = pytest.mark.django_db

JUNK_VALUES = [
    "%00",
    "a%00b",
    "%ZZ",
    "%",
    "%E4%B8",  # a UTF-8 sequence cut short
    "%ED%A0%80",  # an encoded lone surrogate
    "%C0%AF",  # overlong encoding of "/"
    "-1",
    "0",
    "9999999999999999999",
    "1e309",
    "麦收",
    "..%2F..%2Fetc%2Fpasswd",
    "x" * 10_000,
    "%E2%80%AE%E2%80%8B",  # RTL override, zero-width space
]
JUNK_QUERIES = [
    *(f"page={value}" for value in JUNK_VALUES),
    *(f"q={value}" for value in JUNK_VALUES),
    "%00=1",
    "page=1&page=2&page=-1",
    "q[]=1&q[]=2",
    "q[a]=1",
    "page[]=1",
    "=&&=&",
    "q=" + "长" * 10_000,
]
JUNK_SEGMENTS = [
    "%00",
    "%ZZ",
    "麦收",
    "a.b",
    "..",
    "%2e%2e",
    "a%2Fb",
    "%ED%A0%80",
    "%C0%AF",
    "9" * 30,
    "x" * 3000,
]
QUERIES_PER_ROUTE = 4
VALUES_PER_PARAMETER = 2
SEGMENTS_PER_ROUTE = 5
# Parameters each reader page reads, by route: filled with every junk value.
PAGE_PARAMETERS = {"films/": ["theme"], "quotes/": ["director", "film", "theme"]}
ADMIN_PARAMETERS = ["o", "p", "q", "e", "all", "_changelist_filters"]
# Routes that are not reader pages or API endpoints: the admin (fuzzed through its change
# lists below) and the optional media and benchmark routes.
UNFUZZED = re.compile(r"^(admin/|media/|bench/)")


def routes(patterns=None, prefix=""):
    """Return every route of the URL map as a string, e.g. 'films/<slug:slug>/'."""
    patterns = get_resolver().url_patterns if patterns is None else patterns
    found = []
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            found.extend(routes(pattern.url_patterns, route))
        elif isinstance(pattern, URLPattern):
            found.append(route)
    return found


def fuzzed_routes() -> list[str]:
    with translation.override("en"):
        return [route for route in routes() if not UNFUZZED.match(route.lstrip("^"))]


def filled(route: str, value: str) -> str:
    """Return the path of `route` with every parameter set to `value`."""
    path = re.sub(r"<[^>]+>", value, route)
    path = re.sub(r"\(\?P<\w+>[^)]*\)", value, path)  # regex routes (the router's)
    return "/" + path.replace("^", "").replace("$", "").replace("\\.", ".")


def real_value(route: str, works) -> str:
    """Return a parameter value that finds an entry on `route`, for its query fuzzing."""
    values = {
        "sitemap": "films",
        "quotes": works["imagination"].pk,
        "sources": works["s6"].pk,
        "milestones": Milestone.objects.first().pk,
        "collections": works["collection"].slug,
        "people": works["jia"].slug,
        "themes": works["hometown"].slug,
    }
    return str(next((value for key, value in values.items() if key in route), works["wheat"].slug))


def api_filters(route: str) -> list[str]:
    for prefix, viewset, _basename in router.registry:
        filterset = getattr(viewset, "filterset_class", None)
        if route.startswith(f"api/v1/^{prefix}/") and filterset is not None:
            return list(filterset.base_filters)
    return ["since", "limit", "cursor", "type", "format"]


def rotated(items: list, start: int, count: int) -> list:
    """Return `count` items from `start` on, wrapping: each route gets its own share."""
    return [items[(start + offset) % len(items)] for offset in range(min(count, len(items)))]


def queries_for(route: str, index: int) -> list[str]:
    """Return a share of the junk queries, and a few junk values for each parameter."""
    names = api_filters(route) if route.startswith("api/") else PAGE_PARAMETERS.get(route, [])
    return rotated(JUNK_QUERIES, index * QUERIES_PER_ROUTE, QUERIES_PER_ROUTE) + [
        f"{name}={value}"
        for position, name in enumerate(names)
        for value in rotated(
            JUNK_VALUES, index + position * VALUES_PER_PARAMETER, VALUES_PER_PARAMETER
        )
    ]


def targets(works) -> list[str]:
    urls = []
    for index, route in enumerate(fuzzed_routes()):
        base = filled(route, real_value(route, works))
        machine = re.match(r"^(api/|healthz|robots|sitemap)", route)
        for prefix in [""] if machine else ["", "/zh-hans"]:
            urls.extend(f"{prefix}{base}?{query}" for query in queries_for(route, index))
            if "<" in route:
                segments = rotated(JUNK_SEGMENTS, index * SEGMENTS_PER_ROUTE, SEGMENTS_PER_ROUTE)
                urls.extend(f"{prefix}{filled(route, segment)}" for segment in segments)
            urls.append(f"{prefix}{base}{JUNK_SEGMENTS[index % len(JUNK_SEGMENTS)]}/")
    return urls


@pytest.fixture
def no_throttling(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": None, "user": None, "token": None},
    }


def test_every_route_is_fuzzed(works):
    """Each route of the URL map is reached by at least one fuzzed address."""
    reached = set()
    for url in targets(works):
        path = url.split("?")[0]
        language = "zh-hans" if path.startswith("/zh-hans/") else "en"
        with translation.override(language):
            try:
                reached.add(resolve(path).route)
            except Resolver404:
                continue
    with translation.override("en"):
        expected = {
            resolve(filled(route, real_value(route, works))).route for route in fuzzed_routes()
        }
    assert expected <= reached


def test_junk_addresses_never_cause_a_server_error(works, no_throttling, capsys):
    client = Client(raise_request_exception=False)
    check_all(client, targets(works), Cases("addresses, anonymous"), capsys)


def test_junk_admin_change_list_queries_never_cause_a_server_error(
    works, curator_client, no_throttling, capsys
):
    urls = []
    for model, model_admin in content_admins():
        base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        names = ADMIN_PARAMETERS + [
            getattr(item, "parameter_name", item) for item in model_admin.list_filter
        ]
        urls.extend(
            f"{base}?{name}={value}"
            for position, name in enumerate(names)
            for value in rotated(JUNK_VALUES, position * 2, 2)
        )
    curator_client.raise_request_exception = False
    check_all(curator_client, urls, Cases("admin change lists, curator"), capsys)


def check_all(client, urls, cases, capsys):
    failures = []
    for url in urls:
        response = client.get(url)
        cases.add(str(response.status_code))
        problem = what_is_wrong(url, response)
        if problem:
            failures.append(f"{url[:120]}: {problem}")
    cases.report(capsys)
    assert not failures, "\n".join(failures[:30])


def what_is_wrong(url: str, response) -> str | None:
    status = response.status_code
    if status >= 500:
        return f"server error {status}"
    content_type = response.get("Content-Type", "")
    if url.startswith("/api/") and status >= 400:
        if not content_type.startswith("application/json"):
            return f"{status} answered with {content_type}, not JSON"
    elif status >= 400 and not url.startswith("/admin/"):
        page = response.content.decode()
        if 'class="skip-link"' not in page:
            return f"{status} without the site's own page"
    return None


def test_a_bad_request_gets_the_sites_own_page(works, curator_client):
    """A NUL byte in an admin filter is a 400 with the site's page, saying what is wrong."""
    response = curator_client.get("/admin/films/film/?status__exact=%00")
    assert response.status_code == 400
    page = response.content.decode()
    assert 'class="skip-link"' in page
    assert "characters or values the site cannot read" in page


@pytest.mark.parametrize("path", ["/", "/zh-hans/films/", "/healthz", "/api/v1/films/"])
def test_a_host_name_the_site_does_not_serve_is_a_400(works, client, path):
    """Crawlers and scanners send any Host header: refused with a 400, never a 500."""
    response = client.get(path, HTTP_HOST="evil.example")
    assert response.status_code == 400
    if path.startswith("/api/"):
        assert response.json() == {"detail": "Bad request."}
    elif path != "/healthz":
        page = response.content.decode()
        assert 'class="skip-link"' in page
        assert "evil.example" not in page


# -- Addresses outside the reader pages and the API; bodies no view can read ------------

# Served files and what the admin answers for anything it does not know: a 404 for every
# one of these once, when the 404 page's language links tried to rebuild an address whose
# route has no name.
MEDIA_AND_STATIC = [
    "/media/nonexistent.png",
    "/media/",
    "/media/%2e%2e/secret_key",
    "/media/..%2F..%2Fetc%2Fpasswd",
    "/media/%00",
    "/static/css/site.css",
    "/static/nonexistent.css",
    "/static/%2e%2e/secret_key",
]
UNKNOWN_ADMIN = ["/admin/nonexistent/", "/admin/auth/permission/", "/admin/films/nothing/1/"]
ADMIN_PAGES = ["/admin/", "/admin/login/", "/admin/films/film/", *UNKNOWN_ADMIN]
# A form body in a charset Django refuses for application/x-www-form-urlencoded: reading
# request.POST raises BadRequest, once in the CSRF check and, before the fix, again in
# Django's 400 handler.
BAD_FORM_TYPES = [
    "application/x-www-form-urlencoded; charset=utf-16",
    "application/x-www-form-urlencoded; charset=latin-1",
    "application/x-www-form-urlencoded; charset=utf-16-le",
]
# Codecs that are not text encodings: Django takes them as the request's encoding and,
# when the address has a query string, fails while it builds the request, before any
# middleware or handler of ours runs.
NON_TEXT_CHARSETS = ["zlib", "rot13"]


def every_address(works) -> list[str]:
    """Return one address of every route (reader pages in both languages), the admin's,
    and media and static files."""
    urls = []
    for route in fuzzed_routes():
        path = filled(route, real_value(route, works))
        machine = re.match(r"^(api/|healthz|robots|sitemap)", route)
        urls.extend([path] if machine else [path, f"/zh-hans{path}"])
    return [*urls, *ADMIN_PAGES, *MEDIA_AND_STATIC]


def hostile_client(client, user=None):
    client.raise_request_exception = False
    client.cookies["csrftoken"] = "x" * 32
    if user is not None:
        client.force_login(user)
    return client


def post_form(client, url, content_type):
    # Bytes through generic(): post() would encode the body in the charset named.
    return client.generic("POST", url, "a=1&b=麦收".encode(), content_type=content_type)


@pytest.mark.parametrize("as_staff", [False, True], ids=["anonymous", "staff"])
def test_no_address_answers_a_server_error(works, client, curator, no_throttling, capsys, as_staff):
    """Every route, the admin (also at addresses it does not know), media and static
    files, asked for with GET, and with junk path segments: never a 5xx."""
    client = hostile_client(client, curator if as_staff else None)
    urls = every_address(works)
    urls += [f"/media/{segment}" for segment in JUNK_SEGMENTS]
    urls += [f"/admin/{segment}/" for segment in JUNK_SEGMENTS]
    role = "staff" if as_staff else "anonymous"
    check_all(client, urls, Cases(f"every address, {role}"), capsys)


@pytest.mark.parametrize("as_staff", [False, True], ids=["anonymous", "staff"])
def test_a_form_in_a_charset_django_refuses_is_never_a_server_error(
    works, client, curator, no_throttling, capsys, as_staff
):
    """POST a form body Django cannot decode, with a CSRF cookie, to every address."""
    client = hostile_client(client, curator if as_staff else None)
    cases = Cases(f"unreadable form bodies, {'staff' if as_staff else 'anonymous'}")
    failures = []
    for url in every_address(works):
        for content_type in BAD_FORM_TYPES:
            response = post_form(client, url, content_type)
            cases.add(str(response.status_code))
            if response.status_code >= 500:
                failures.append(f"{url} {content_type}: {response.status_code}")
    cases.report(capsys)
    assert not failures, "\n".join(failures[:30])


@pytest.mark.parametrize("url", ["/admin/login/"])
def test_an_unreadable_form_is_a_400_with_the_sites_own_page(works, client, url):
    client = hostile_client(client)
    for content_type in BAD_FORM_TYPES:
        response = post_form(client, url, content_type)
        assert response.status_code == 400, content_type
        page = response.content.decode()
        assert 'class="skip-link"' in page
        assert "Bad request" in page or "请求" in page


@pytest.mark.parametrize("parameter", ["charset", "Charset", "CHARSET"])
@pytest.mark.parametrize("charset", NON_TEXT_CHARSETS)
def test_a_charset_that_is_not_a_text_encoding_is_never_a_server_error(works, charset, parameter):
    """Through the WSGI application the server runs: Django raises while building the
    request, so the test client (which builds it itself) cannot show the fix."""
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/search/",
        "QUERY_STRING": "q=1",
        "CONTENT_TYPE": f"application/x-www-form-urlencoded; {parameter}={charset}",
        "HTTP_COOKIE": "csrftoken=" + "x" * 32,
    }
    setup_testing_defaults(environ)
    environ["wsgi.input"] = io.BytesIO("a=1&b=麦收".encode())
    environ["CONTENT_LENGTH"] = str(len("a=1&b=麦收".encode()))
    statuses = []
    body = b"".join(application(environ, lambda status, headers: statuses.append(status)))
    assert statuses and int(statuses[0].split()[0]) < 500, body[:200]


@pytest.mark.parametrize(
    "url", ["/media/nonexistent.png", "/media/", "/admin/nonexistent/", "/admin/auth/permission/"]
)
def test_an_address_whose_route_has_no_name_gets_the_404_page(works, curator_client, url):
    """The 404 page for the admin's catch-all and for media files: the site's own page,
    language links to the home pages, no canonical URL or alternates."""
    curator_client.raise_request_exception = False
    response = curator_client.get(url)
    assert response.status_code == 404
    page = response.content.decode()
    assert 'class="skip-link"' in page
    assert 'rel="canonical"' not in page and "hreflang=" not in page.split("</head>")[0]
    assert 'href="/zh-hans/" hreflang="zh-Hans"' in page


def test_error_pages_have_no_canonical_url_or_alternates(works, client):
    client.raise_request_exception = False
    for url in ["/films/no-such-film/", "/zh-hans/no-such-page/", "/media/%2e%2e/secret_key"]:
        response = client.get(url)
        assert response.status_code in (400, 404), url
        head = response.content.decode().split("</head>")[0]
        assert 'rel="canonical"' not in head and 'rel="alternate"' not in head, url
    # The language links of an error page lead to the home pages.
    page = client.get("/films/no-such-film/").content.decode()
    assert 'href="/zh-hans/" hreflang="zh-Hans"' in page
