"""The API as HTTP: who may write, validators, CORS, throttling, and JSON for every error."""

import json
import re

import pytest
from django.contrib.auth.models import Permission
from django.core.cache import caches
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.films.factories import FilmFactory, MilestoneFactory, QuoteFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def film():
    return FilmFactory(slug="wheat-harvest", title="Wheat Harvest", title_zh="麦收")


def client_for(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


# -- The permission matrix ---------------------------------------------------------------

RESOURCES = ["films", "people", "themes", "quotes", "sources", "collections", "milestones"]


@pytest.fixture
def entries():
    """One entry of each writable kind, with a valid body to create another and to update."""
    film = FilmFactory(slug="wheat-harvest", title="Wheat Harvest")
    person = film.directors[0]
    theme = ThemeFactory(slug="hometown")
    quote = QuoteFactory(speaker=person)
    milestone = MilestoneFactory(source=quote.source)
    source_id = quote.source.pk
    return {
        "films": (
            film.slug,
            {
                "slug": "new",
                "collection": film.collection.slug,
                "title": "New",
                "title_status": "confirmed",
            },
            {"synopsis": "Changed"},
        ),
        "people": (person.slug, {"slug": "new", "name": "New Person"}, {"bio": "Changed"}),
        "themes": (theme.slug, {"slug": "new", "name": "New"}, {"name": "Changed"}),
        "quotes": (
            quote.pk,
            {"speaker": person.slug, "text": "新", "source": source_id},
            {"translation": "Changed"},
        ),
        "sources": (
            source_id,
            {"title": "New", "address": "https://example.org/", "language": "en"},
            {"outlet": "Changed"},
        ),
        "collections": (
            film.collection.slug,
            {"slug": "new", "name": "New collection"},
            {"venue": "Changed"},
        ),
        "milestones": (
            milestone.pk,
            {"date": "2024-06-06", "title": "New", "source": source_id},
            {"title_zh": "改"},
        ),
    }


@pytest.mark.parametrize("resource", RESOURCES)
@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", {"post": 401, "patch": 401, "put": 401, "delete": 401}),
        ("reader", {"post": 403, "patch": 403, "put": 403, "delete": 403}),
        ("curator", {"post": 201, "patch": 200, "put": 400, "delete": 204}),
        ("superuser", {"post": 201, "patch": 200, "put": 400, "delete": 204}),
    ],
)
def test_permission_matrix(resource, who, expected, entries, curator, django_user_model):
    users = {
        "anonymous": None,
        "reader": django_user_model.objects.create_user("reader", password="x"),
        "curator": curator,
        "superuser": django_user_model.objects.create_superuser("root", password="x"),
    }
    client = client_for(users[who])
    key, create, patch = entries[resource]
    # Nothing must refer to what is deleted: delete the entry created by POST (or a fresh one).
    list_url = f"/api/v1/{resource}/"
    url = f"{list_url}{key}/"
    answers = {
        "post": client.post(list_url, create, format="json"),
        "patch": client.patch(url, patch, format="json"),
        # A PUT must carry the whole entry; a partial body is a 400 once authorised.
        "put": client.put(url, patch, format="json"),
    }
    created = answers["post"].json() if answers["post"].status_code == 201 else None
    target = created["url"] if created else f"{list_url}new/"
    if created is None and resource in ("quotes", "sources", "milestones"):
        target = f"{list_url}999999/"
    answers["delete"] = client.delete(target)
    statuses = {method: response.status_code for method, response in answers.items()}
    assert statuses == expected, {m: r.content[:200] for m, r in answers.items()}
    for response in answers.values():
        if response.status_code != 204:
            assert response["Content-Type"] == "application/json"


def test_a_user_with_only_the_change_permission_cannot_delete(django_user_model, film):
    user = django_user_model.objects.create_user("editor")
    user.user_permissions.add(Permission.objects.get(codename="change_film"))
    client = client_for(user)
    url = "/api/v1/films/wheat-harvest/"
    assert client.patch(url, {"synopsis": "x"}, format="json").status_code == 200
    assert client.delete(url).status_code == 403


def test_session_writes_need_csrf(curator, film):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(curator)
    url = "/api/v1/films/wheat-harvest/"
    refused = client.patch(url, {"synopsis": "x"}, format="json")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    client.get("/admin/")  # the admin's logout form sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    allowed = client.patch(url, {"synopsis": "x"}, format="json", HTTP_X_CSRFTOKEN=token)
    assert allowed.status_code == 200


def test_token_endpoint(curator, api_client):
    response = api_client.post(
        "/api/v1/auth/token/", {"username": "curator", "password": "curator-pass-9"}
    )
    assert response.status_code == 200
    assert response.json() == {"token": Token.objects.get(user=curator).key}
    wrong = api_client.post("/api/v1/auth/token/", {"username": "curator", "password": "no"})
    assert wrong.status_code == 400
    assert "non_field_errors" in wrong.json()
    signed_in = APIClient()
    signed_in.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    assert signed_in.delete("/api/v1/films/").status_code == 405
    bad_token = APIClient()
    bad_token.credentials(HTTP_AUTHORIZATION="Token nonsense")
    assert bad_token.get("/api/v1/films/").status_code == 401


# -- Conditional requests ----------------------------------------------------------------


def test_list_etag_is_the_public_caches_and_revalidates_without_queries(
    api_client, film, django_assert_num_queries
):
    first = api_client.get("/api/v1/films/")
    etag = first["ETag"]
    assert etag and first["Last-Modified"]
    assert "public" in first["Cache-Control"]
    with django_assert_num_queries(0):
        assert api_client.get("/api/v1/films/", HTTP_IF_NONE_MATCH=etag).status_code == 304
        since = api_client.get("/api/v1/films/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
        assert since.status_code == 304
    film.title = "Harvest"
    film.save()
    assert api_client.get("/api/v1/films/", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_detail_etag_follows_the_entry_and_revalidates(api_client, token_client, film):
    first = api_client.get("/api/v1/films/wheat-harvest/")
    etag = first["ETag"]
    assert etag.endswith(f'-film{film.pk}v{film.version}"')
    assert first["Last-Modified"]
    assert (
        api_client.get("/api/v1/films/wheat-harvest/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    )
    # A signed-in client bypasses the public cache: the view answers 304 itself.
    mine = token_client.get("/api/v1/films/wheat-harvest/")
    assert "private" in mine["Cache-Control"]
    assert mine["ETag"] != etag  # a curator may see drafts: a validator of its own
    again = token_client.get("/api/v1/films/wheat-harvest/", HTTP_IF_NONE_MATCH=mine["ETag"])
    assert again.status_code == 304
    listed = token_client.get("/api/v1/films/")
    assert token_client.get("/api/v1/films/", HTTP_IF_NONE_MATCH=listed["ETag"]).status_code == 304
    since = token_client.get("/api/v1/films/", HTTP_IF_MODIFIED_SINCE=listed["Last-Modified"])
    assert since.status_code == 304
    head = token_client.head("/api/v1/films/wheat-harvest/")
    assert head.status_code == 200 and head.content == b"" and head["ETag"] == mine["ETag"]


def test_a_detail_revalidates_from_the_content_version_alone(
    api_client, token_client, film, django_assert_num_queries
):
    first = api_client.get("/api/v1/films/wheat-harvest/")
    etag = first["ETag"]
    caches["default"].clear()  # the stored answers gone; the content version kept
    with django_assert_num_queries(0):
        again = api_client.get("/api/v1/films/wheat-harvest/", HTTP_IF_NONE_MATCH=etag)
        weak = api_client.get("/api/v1/films/wheat-harvest/", HTTP_IF_NONE_MATCH=f"W/{etag}")
    assert again.status_code == weak.status_code == 304
    assert again["ETag"] == etag and weak["ETag"] == f"W/{etag}"  # what each copy holds
    # Only a detail of that model is vouched for so: elsewhere the tag is not this URL's.
    for path in ["/api/v1/films/", "/films/", "/api/v1/people/jia-zhangke/"]:
        assert api_client.get(path, HTTP_IF_NONE_MATCH=etag).status_code != 304, path
    version_tag = api_client.get("/api/v1/films/")["ETag"]
    other = api_client.get(
        "/api/v1/films/wheat-harvest/", HTTP_IF_NONE_MATCH=f'{version_tag[:-1]}-people1v1"'
    )
    assert other.status_code == 200
    # A curator's validator (drafts shown) never stands for what a reader gets.
    curators = token_client.get("/api/v1/films/wheat-harvest/")["ETag"]
    assert "drafts" in curators
    assert (
        api_client.get("/api/v1/films/wheat-harvest/", HTTP_IF_NONE_MATCH=curators).status_code
        == 200
    )
    film.title = "Harvest"
    film.save()
    assert (
        api_client.get("/api/v1/films/wheat-harvest/", HTTP_IF_NONE_MATCH=etag).status_code == 200
    )


@pytest.mark.parametrize(
    "precondition",
    [
        {"HTTP_IF_MATCH": '"elsewhere"'},
        {"HTTP_IF_UNMODIFIED_SINCE": "Mon, 01 Jan 2001 00:00:00 GMT"},
    ],
    ids=["If-Match", "If-Unmodified-Since"],
)
def test_a_read_answers_by_its_own_validators_whatever_write_preconditions_it_sends(
    precondition, api_client, token_client, film
):
    # If-Match is for writes (on the entry's own version); a read ignores it and
    # If-Unmodified-Since: a 200 without a validator, a 304 when the copy is current.
    paths = ["/api/v1/films/", "/api/v1/films/wheat-harvest/"]
    for client, path in [(api_client, "/films/wheat-harvest/")] + [
        (client, path) for client in (api_client, token_client) for path in paths
    ]:
        first = client.get(path)
        assert client.get(path, **precondition).status_code == 200, path
        for validator in (
            {"HTTP_IF_NONE_MATCH": first["ETag"]},
            {"HTTP_IF_MODIFIED_SINCE": first["Last-Modified"]},
        ):
            caches["default"].clear()  # no stored answer: the version, or the view, decides
            again = client.get(path, **validator, **precondition)
            assert again.status_code == 304, (path, validator)


@pytest.mark.parametrize("resource", RESOURCES)
def test_a_stale_if_match_is_a_412_for_every_write(resource, token_client, entries):
    _, create, patch = entries[resource]
    created = token_client.post(f"/api/v1/{resource}/", create, format="json")
    assert created.status_code == 201, created.json()
    url, stale = created.json()["url"], created["ETag"]
    ThemeFactory()  # an edit elsewhere does not make this entry's ETag stale for If-Match
    changed = token_client.patch(url, patch, format="json", HTTP_IF_MATCH=stale)
    assert changed.status_code == 200, changed.json()
    current = token_client.get(url)
    assert current["ETag"] != stale

    for method, tag in [
        ("patch", stale),
        ("put", stale),
        ("delete", stale),
        ("patch", '"not-an-etag"'),
        ("patch", '"film1v1"'),  # a tag with no dash, another entry's: refused, no error
        ("delete", "W/" + stale),
        ("put", "junk, \x00"),
    ]:
        response = getattr(token_client, method)(url, create, format="json", HTTP_IF_MATCH=tag)
        assert response.status_code == 412, (method, tag, response.content[:300])
        assert response["Content-Type"] == "application/json"
        assert response.json()["detail"].startswith("The resource has changed")
    unchanged = token_client.get(url)
    assert unchanged.json() == current.json() and unchanged["ETag"] == current["ETag"]

    replaced = token_client.put(url, create, format="json", HTTP_IF_MATCH=current["ETag"])
    assert replaced.status_code == 200, replaced.json()
    assert token_client.delete(url, HTTP_IF_MATCH=replaced["ETag"]).status_code == 204
    assert token_client.get(url).status_code == 404


def test_a_curators_answer_dates_the_content_as_a_readers_does(api_client, token_client, film):
    # Their ETags differ (drafts shown or not); the content they date is the same.
    for path in ("/api/v1/films/", "/api/v1/films/wheat-harvest/"):
        reader, curator = api_client.get(path), token_client.get(path)
        assert curator["ETag"] != reader["ETag"]
        assert curator["Last-Modified"] == reader["Last-Modified"]


def test_anonymous_answers_are_cached_and_signed_in_ones_are_not(
    api_client, token_client, film, django_assert_num_queries
):
    api_client.get("/api/v1/films/wheat-harvest/")
    with django_assert_num_queries(0):
        assert api_client.get("/api/v1/films/wheat-harvest/").status_code == 200
    token_client.get("/api/v1/films/wheat-harvest/")
    # The token, the user's and the group's permissions, the film and its six joins (its
    # production statements among them: none here, so none of their sources to read).
    with django_assert_num_queries(10):
        token_client.get("/api/v1/films/wheat-harvest/")


# -- CORS ----------------------------------------------------------------------------------


def test_any_origin_may_read_without_credentials(api_client, film):
    origin = "https://kiosk.example.org"
    response = api_client.get("/api/v1/films/", HTTP_ORIGIN=origin)
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    exposed = {name.strip() for name in response["Access-Control-Expose-Headers"].split(",")}
    # A web page on another origin can read the validators and the quota as it stands.
    assert {"ETag", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"} <= exposed
    cached = api_client.get("/api/v1/films/", HTTP_ORIGIN=origin)
    assert cached["Access-Control-Allow-Origin"] == "*"
    preflight = api_client.options(
        "/api/v1/films/",
        HTTP_ORIGIN=origin,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "if-none-match" in preflight["Access-Control-Allow-Headers"]
    page = api_client.get("/films/", HTTP_ORIGIN=origin)
    assert "Access-Control-Allow-Origin" not in page  # the reader pages are not shared
    for answer in (page, api_client.get("/films/")):
        assert "origin" not in answer.get("Vary", "").lower()  # nor vary by who asks


def test_an_answer_stored_for_one_origin_is_shared_rightly_with_another(
    api_client, film, django_assert_num_queries
):
    origin = "https://kiosk.example.org"
    plain = api_client.get("/api/v1/themes/")  # rendered and stored, asked without Origin
    assert "Access-Control-Allow-Origin" not in plain
    assert "origin" in plain["Vary"].lower()  # a shared cache keeps the two apart
    with django_assert_num_queries(0):  # from the public cache
        shared = api_client.get("/api/v1/themes/", HTTP_ORIGIN=origin)
        again = api_client.get("/api/v1/themes/")
    assert shared["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in shared["Access-Control-Expose-Headers"]
    assert "Access-Control-Allow-Origin" not in again and "origin" in again["Vary"].lower()


# -- Throttling ----------------------------------------------------------------------------


@pytest.fixture
def low_rates(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "3/minute", "user": "2/minute", "token": "2/minute"},
    }


def test_anonymous_clients_are_throttled_with_retry_after(api_client, film, low_rates):
    # Distinct URLs: answers from the public cache are not counted.
    for page_size in (1, 2, 3):
        assert api_client.get(f"/api/v1/films/?page_size={page_size}").status_code == 200
    response = api_client.get("/api/v1/films/?page_size=4")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "throttled" in response.json()["detail"]
    other = APIClient(REMOTE_ADDR="10.0.0.9")
    assert other.get("/api/v1/films/?page_size=5").status_code == 200
    spoofed = api_client.get("/api/v1/films/?page_size=6", HTTP_X_FORWARDED_FOR="10.1.1.1")
    assert spoofed.status_code == 429  # X-Forwarded-For is not trusted by default


def test_signed_in_clients_and_the_token_endpoint_are_throttled(
    token_client, api_client, film, low_rates
):
    assert token_client.get("/api/v1/films/").status_code == 200
    assert token_client.get("/api/v1/films/").status_code == 200
    assert token_client.get("/api/v1/films/").status_code == 429
    for _ in range(2):
        api_client.post("/api/v1/auth/token/", {"username": "x", "password": "y"})
    guessing = api_client.post("/api/v1/auth/token/", {"username": "x", "password": "y"})
    assert guessing.status_code == 429


# -- Every error is JSON, none is a 500 ----------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("get", "/api/v1/films/no-such-film/", 404),
        ("get", "/api/v1/quotes/99999999999999999999999/", 404),
        ("get", "/api/v1/quotes/abc/", 404),
        ("get", "/api/v1/nothing/", 404),
        ("get", "/api/v1/nothing", 404),
        ("post", "/api/v1/films", 404),
        ("get", "/api/v2/", 404),
        ("post", "/api/v1/nothing/", 404),
        ("get", "/api/v1/films/?format=xml", 404),
        ("post", "/api/v1/search/", 405),
        ("put", "/api/v1/search/", 405),
        ("trace", "/api/v1/films/", 405),
        ("get", "/api/v1/changes/?since=yesterday", 400),
        ("get", "/api/v1/changes/?since=2024-13-01", 400),
        ("get", "/api/v1/changes/?since=0001-01-01T00:00:00%2B23:00", 400),
        ("get", "/api/v1/search/?q=%00", 400),
        ("get", "/api/v1/films/?search=%00abc", 400),
        ("get", "/api/v1/search/?page_size=-1", 400),
    ],
)
def test_errors_are_json(api_client, film, method, path, status):
    response = getattr(api_client, method)(path)
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert isinstance(json.loads(response.content), dict)


def test_errors_django_raises_before_the_api_are_json_under_api_only(api_client, rf):
    from core.api.errors import server_error

    spoofed = api_client.get("/api/v1/films/", HTTP_HOST="evil.example.org")
    assert spoofed.status_code == 400
    assert spoofed.json() == {"detail": "Bad request."}
    assert server_error(rf.get("/api/v1/films/")).status_code == 500
    assert json.loads(server_error(rf.get("/api/v1/films/")).content) == {"detail": "Server error."}
    assert server_error(rf.get("/films/"))["Content-Type"].startswith("text/html")


def test_unacceptable_accept_is_406(api_client, film):
    response = api_client.get("/api/v1/films/", HTTP_ACCEPT="text/html")
    assert response.status_code == 406
    assert response.json()["detail"]


def test_options_describes_the_endpoint(api_client, film):
    response = api_client.options("/api/v1/films/")
    assert response.status_code == 200
    assert response.json()["name"] == "Film List"


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        (b'{"synopsis": ', "application/json", 400),
        (b"\xff\xfe not utf-8", "application/json", 400),
        (b"[1, 2, 3]", "application/json", 400),
        (b'{"synopsis": NaN}', "application/json", 400),
        (b"synopsis=x", "application/x-www-form-urlencoded", 415),
        (b"<film/>", "application/xml", 415),
        (b'{"synopsis": "nul \\u0000 byte"}', "application/json", 400),
        (b'{"synopsis": "lone \\ud800 surrogate"}', "application/json", 400),
        (b'{"runtime_seconds": 1e400}', "application/json", 400),
        (b'{"runtime_seconds": 99999999999999999999}', "application/json", 400),
        (b'{"premiere_date": "0000-01-01"}', "application/json", 400),
        (b'{"title": "' + b"x" * 400 + b'"}', "application/json", 400),
        (b'{"themes": "hometown"}', "application/json", 400),
    ],
)
def test_malformed_bodies_are_4xx_never_500(token_client, film, body, content_type, status):
    response = token_client.generic(
        "PATCH", "/api/v1/films/wheat-harvest/", body, content_type=content_type
    )
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"


def test_a_huge_body_is_413(token_client, film, settings):
    body = json.dumps({"synopsis": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)})
    response = token_client.generic(
        "PATCH", "/api/v1/films/wheat-harvest/", body, content_type="application/json"
    )
    assert response.status_code == 413
    assert response.json()["detail"]


def test_nul_bytes_are_refused_before_the_database(token_client, api_client, film):
    """PostgreSQL refuses NUL in text; the API answers 400 on every engine, naming the field."""
    refused = ["Null characters are not allowed."]
    for path, field in [
        ("/api/v1/films/?director=a%00b", "director"),
        ("/api/v1/people/?search=%00", "search"),
    ]:
        response = api_client.get(path)
        assert response.status_code == 400
        assert response.json() == {field: refused}
    response = token_client.post(
        "/api/v1/themes/", {"slug": "nul", "name": "N\x00L"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"name": refused}
    assert api_client.get("/api/v1/themes/nul/").status_code == 404  # nothing was saved


# -- Documentation -------------------------------------------------------------------------


def test_schema_and_docs_are_served_offline(api_client):
    schema = api_client.get("/api/v1/schema/?format=json")
    assert schema.status_code == 200
    document = schema.json()
    assert document["openapi"].startswith("3.")
    assert "/api/v1/films/{slug}/" in document["paths"]
    assert "openapi" in api_client.get("/api/v1/schema/").content.decode()  # YAML by default
    for path in ("/api/v1/docs/", "/api/v1/redoc/"):
        page = api_client.get(path)
        assert page.status_code == 200
        html = page.content.decode()
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", html), html
    script = api_client.get("/api/v1/docs/?script")
    assert script.status_code == 200
    assert "SwaggerUIBundle" in script.content.decode()
