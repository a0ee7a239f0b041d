"""No one gets in where they don't belong: methods, sign-in lock-out, CSRF, cookies, CSP.

The permission matrix (who may open which admin page, write through the API, see a
draft) is tests/test_permissions.py; secrets in the repository, tests/deploy/test_secrets.py.
docs/security.md maps each of these tests to its OWASP ASVS requirement.
"""

import json
import re
import subprocess
import sys
from http.cookies import SimpleCookie

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLResolver, get_resolver
from rest_framework.test import APIClient

from tests.accounts import CURATOR_IP, LOGIN, PASSWORD
from tests.environments import SUBPROCESS_TIMEOUT, production_environment
from tests.films.factories import FilmFactory

ROOT = settings.BASE_DIR

pytestmark = pytest.mark.django_db


# -- Unused HTTP methods: 405 on every address --------------------------------------------


def _routes(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, route)
        else:
            yield route


def _sample_path(route: str) -> str:
    """Turn a route ('films/<slug:slug>/', '^quotes/(?P<id>[0-9]+)/$') into a real path."""
    path = re.sub(r"<(?:\w+:)?\w+>", "1", route)
    path = re.sub(r"\((?:\?P<\w+>)?[^()]*\)", "1", path)
    return "/" + path.replace("^", "").replace("$", "").replace("\\", "")


# Every route of the URL map, both languages of the reader pages, and what no route
# serves: static files (whitenoise), a missing page.
EVERY_ADDRESS = sorted(
    {_sample_path(route) for route in _routes(get_resolver().url_patterns)}
    | {
        "/zh-hans/",
        "/zh-hans/films/wheat-harvest/",
        "/static/css/site.css",
        "/media/posters/x.jpg",
        "/no-such-page/",
    }
)


def test_the_route_list_covers_pages_api_admin_and_machines():
    for expected in (
        "/",
        "/films/1/",
        "/api/v1/films/1/",
        "/api/v1/auth/token/",
        "/admin/films/film/1/change/",
        "/sitemap.xml",
        "/healthz",
        "/static/css/site.css",
    ):
        assert expected in EVERY_ADDRESS
    assert len(EVERY_ADDRESS) > 100


@pytest.mark.parametrize("method", ["TRACE", "CONNECT", "TRACK", "PROPFIND", "FOO"])
def test_unused_methods_are_405_with_allow_on_every_address(client, method):
    for path in EVERY_ADDRESS:
        response = client.generic(method, path)
        assert response.status_code == 405, (method, path, response.status_code)
        assert response["Allow"] == "GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE", path
        assert "TRACE" not in response.content.decode().split(":")[-1]
        if path.startswith("/api/"):
            assert "not allowed" in response.json()["detail"]


def test_trace_never_echoes_the_request(client):
    response = client.generic("TRACE", "/", HTTP_COOKIE="sessionid=secret-session")
    assert response.status_code == 405
    assert b"secret-session" not in response.content


def test_the_methods_views_use_still_work(client, api_client, token_client):
    FilmFactory(slug="wheat-harvest")
    assert client.get("/films/wheat-harvest/").status_code == 200
    assert client.head("/films/wheat-harvest/").status_code == 200
    assert api_client.options("/api/v1/films/").status_code == 200
    assert token_client.patch("/api/v1/films/wheat-harvest/", {"synopsis": "x"}).status_code == 200


# -- Passwords and sessions ----------------------------------------------------------------


def test_the_sign_in_form_masks_the_password_and_allows_paste():
    page = Client().get(LOGIN).content.decode()
    field = re.search(r"<input[^>]*name=\"password\"[^>]*>", page)[0]
    assert 'type="password"' in field
    assert "onpaste" not in page and 'autocomplete="off"' not in field


def test_a_password_change_needs_the_current_one_and_refuses_weak_ones(curator_client):
    url = "/admin/password_change/"
    wrong = curator_client.post(
        url, {"old_password": "nope", "new_password1": "x" * 20, "new_password2": "x" * 20}
    )
    assert wrong.status_code == 200 and "old_password" in wrong.context["form"].errors
    common = curator_client.post(
        url, {"old_password": PASSWORD, "new_password1": "password1", "new_password2": "password1"}
    )
    assert "too common" in str(common.context["form"].errors)
    short = curator_client.post(
        url, {"old_password": PASSWORD, "new_password1": "k7#Qp", "new_password2": "k7#Qp"}
    )
    assert "too short" in str(short.context["form"].errors)
    # No composition rules: a long passphrase of lower-case words is fine.
    phrase = "wheat harvest under a quiet sky"
    changed = curator_client.post(
        url, {"old_password": PASSWORD, "new_password1": phrase, "new_password2": phrase}
    )
    assert changed.status_code == 302


def test_signing_in_issues_a_new_session_and_signing_out_ends_it(curator):
    client = Client(REMOTE_ADDR=CURATOR_IP)
    session = client.session  # an anonymous session exists before signing in
    session.save()
    before = session.session_key
    assert client.cookies[settings.SESSION_COOKIE_NAME].value == before
    assert _post_login(client).status_code == 302
    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert after != before and len(after) >= 32  # rotated; 32 random characters
    assert client.get("/admin/").status_code == 200
    assert client.post("/admin/logout/").status_code == 200
    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = after
    assert replay.get("/admin/").status_code == 302  # the old cookie is worth nothing


def test_a_deactivated_curator_loses_sessions_and_tokens_at_once(curator, token_client):
    client = Client()
    client.force_login(curator)
    FilmFactory(slug="wheat-harvest")
    assert client.get("/admin/").status_code == 200
    curator.is_active = False
    curator.save()
    assert client.get("/admin/").status_code == 302
    refused = token_client.patch("/api/v1/films/wheat-harvest/", {"synopsis": "x"})
    assert refused.status_code == 401


def _post_login(client):
    return client.post(LOGIN, {"username": "curator", "password": PASSWORD})


# -- CSRF on session writes ------------------------------------------------------------------


def test_admin_posts_without_a_csrf_token_are_refused(curator):
    client = Client(enforce_csrf_checks=True)
    client.force_login(curator)
    data = {"name": "New", "name_zh": "新", "slug": "new", "order": 0}
    refused = client.post("/admin/films/theme/add/", data)
    assert refused.status_code == 403
    assert b"CSRF" in refused.content
    form = client.get("/admin/films/theme/add/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.content.decode())[1]
    accepted = client.post("/admin/films/theme/add/", {**data, "csrfmiddlewaretoken": token})
    assert accepted.status_code == 302, accepted.context and accepted.context["errors"]


def test_the_sign_in_form_needs_its_csrf_token_too(curator):
    client = Client(enforce_csrf_checks=True)
    refused = client.post(LOGIN, {"username": "curator", "password": PASSWORD})
    assert refused.status_code == 403
    assert "_auth_user_id" not in client.session


def test_api_session_writes_need_csrf_and_token_writes_do_not(curator):
    FilmFactory(slug="wheat-harvest")
    url = "/api/v1/films/wheat-harvest/"
    session = APIClient(enforce_csrf_checks=True)
    session.force_login(curator)
    for method in ("post", "put", "patch", "delete"):
        target = "/api/v1/films/" if method == "post" else url
        refused = getattr(session, method)(target, {"synopsis": "x"}, format="json")
        assert refused.status_code == 403, method
        assert refused["Content-Type"] == "application/json"
        assert "CSRF" in refused.json()["detail"]
    from rest_framework.authtoken.models import Token

    signed = APIClient(enforce_csrf_checks=True)
    signed.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=curator).key}")
    assert signed.patch(url, {"synopsis": "x"}, format="json").status_code == 200


# -- Cookies in production ---------------------------------------------------------------------


def _prod_settings(prod_env: dict, *names: str) -> dict:
    values = ", ".join(f"{name!r}: s.{name}" for name in names)
    probe = f"import json; from django.conf import settings as s; print(json.dumps({{{values}}}))"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", probe],
        cwd=ROOT,
        env={**prod_env, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=SUBPROCESS_TIMEOUT,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


COOKIE_SETTINGS = [
    "SESSION_COOKIE_NAME",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "SESSION_COOKIE_DOMAIN",
    "SESSION_COOKIE_PATH",
    "CSRF_COOKIE_NAME",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SAMESITE",
    "CSRF_COOKIE_DOMAIN",
    "CSRF_COOKIE_PATH",
]


TRANSPORT_SETTINGS = [
    "DEBUG",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_PROXY_SSL_HEADER",
]


@pytest.fixture(scope="module")
def prod_settings(tmp_path_factory):
    env = production_environment(tmp_path_factory.mktemp("prod"))
    return _prod_settings(env, *COOKIE_SETTINGS, *TRANSPORT_SETTINGS)


@pytest.fixture(scope="module")
def prod_cookies(prod_settings):
    return {name: prod_settings[name] for name in COOKIE_SETTINGS}


def test_production_is_https_only_with_a_year_of_hsts(prod_settings):
    assert prod_settings["DEBUG"] is False
    assert prod_settings["SECURE_SSL_REDIRECT"] is True
    assert prod_settings["SECURE_HSTS_SECONDS"] >= 365 * 24 * 60 * 60
    assert prod_settings["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_production_cookies_are_host_only_secure_and_httponly(prod_cookies):
    assert prod_cookies == {
        "SESSION_COOKIE_NAME": "__Host-sessionid",
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_DOMAIN": None,
        "SESSION_COOKIE_PATH": "/",
        "CSRF_COOKIE_NAME": "__Host-csrftoken",
        "CSRF_COOKIE_SECURE": True,
        # No script of the admin or the site reads it: forms carry the token instead.
        "CSRF_COOKIE_HTTPONLY": True,
        "CSRF_COOKIE_SAMESITE": "Lax",
        "CSRF_COOKIE_DOMAIN": None,
        "CSRF_COOKIE_PATH": "/",
    }


def test_a_real_sign_in_sets_the_production_cookies(curator, settings, prod_cookies):
    for name in COOKIE_SETTINGS:
        setattr(settings, name, prod_cookies[name])
    client = Client(enforce_csrf_checks=True, REMOTE_ADDR=CURATOR_IP)
    form = client.get(LOGIN, secure=True)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.content.decode())[1]
    response = client.post(
        LOGIN,
        {"username": "curator", "password": PASSWORD, "csrfmiddlewaretoken": token},
        secure=True,
        HTTP_REFERER="https://testserver/admin/login/",  # checked on HTTPS
    )
    assert response.status_code == 302
    headers = form.cookies.output() + "\n" + response.cookies.output()
    cookies = SimpleCookie()
    for line in headers.splitlines():
        cookies.load(line.removeprefix("Set-Cookie: "))
    assert set(cookies) == {"__Host-sessionid", "__Host-csrftoken"}, headers
    for name in cookies:
        line = next(line for line in headers.splitlines() if f"{name}=" in line)
        attributes = line.lower()
        assert "; secure" in attributes and "; httponly" in attributes, line
        assert "; path=/" in attributes and "domain=" not in attributes, line
        assert "samesite=lax" in attributes, line


def test_the_admin_does_not_need_to_read_the_csrf_cookie():
    """CSRF_COOKIE_HTTPONLY is only safe if no script reads the cookie: none of ours does."""
    for path in [*(ROOT / "static").rglob("*.js"), *(ROOT / "templates").rglob("*.html")]:
        assert "csrftoken" not in path.read_text(errors="ignore"), path


# -- Content-Security-Policy on every kind of page ------------------------------------------


def _directives(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return {
        part.split(" ", 1)[0]: (part.split(" ", 1) + [""])[1]
        for part in (item.strip() for item in policy.split(";"))
        if part
    }


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/zh-hans/films/wheat-harvest/",
        "/admin/login/",
        "/admin/",
        "/admin/films/film/",
        "/api/v1/docs/",
        "/api/v1/docs/?script",
        "/api/v1/redoc/",
        "/api/v1/films/",
    ],
)
def test_csp_forbids_inline_scripts_plugins_base_and_framing(curator_client, path):
    FilmFactory(slug="wheat-harvest")
    response = (Client() if path == "/admin/login/" else curator_client).get(path)
    assert response.status_code == 200, path
    directives = _directives(response)
    assert "'unsafe-inline'" not in directives["script-src"], path
    assert "'unsafe-eval'" not in directives["script-src"], path
    assert "'unsafe-inline'" not in directives.get("default-src", ""), path
    for directive in ("object-src", "base-uri", "frame-ancestors"):
        assert directives[directive] == "'none'", (path, directive)


@pytest.mark.parametrize("path", ["/api/v1/docs/", "/api/v1/redoc/"])
def test_the_api_docs_pages_run_no_inline_script(api_client, path):
    html = api_client.get(path).content.decode()
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.DOTALL)
    assert scripts
    for attributes, body in scripts:
        assert "src=" in attributes and not body.strip(), (attributes, body[:80])
    assert not re.search(r"\son[a-z]+=", html)


# -- docs/security.md ---------------------------------------------------------------------


def test_every_test_the_security_checklist_names_exists():
    """docs/security.md maps ASVS requirements to tests: a renamed test must not go stale."""
    text = (ROOT / "docs" / "security.md").read_text()
    references = set(re.findall(r"(tests/[\w/]+\.py)::(\w+)", text))
    assert len(references) > 40
    missing = [
        f"{path}::{name}"
        for path, name in sorted(references)
        if not re.search(rf"^def {name}\(", (ROOT / path).read_text(), re.MULTILINE)
    ]
    assert not missing, missing
