"""The public cache: fast for readers, never stale, never a draft, never an error."""

import threading
import time
import uuid

import pytest
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.http import HttpResponse
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from django.urls import path as url_path
from django.utils import translation

from core.caching import (
    MAX_REMEMBERED_PATH,
    _remembered_resolve,
    bump_version,
    current_version,
    resolve_view,
)
from tests.admin_forms import form_as_posted
from tests.conftest import grow_works
from tests.deploy.test_configuration import manage
from tests.films.factories import FilmFactory, ThemeFactory

pytestmark = pytest.mark.django_db


class BrokenCache(LocMemCache):
    """A cache server that is down: every call fails."""

    def get(self, *args, **kwargs):
        raise ConnectionError("cache down")

    set = add = delete = get


def _down(*args, **kwargs):
    raise ConnectionError("cache down")


@pytest.fixture
def film():
    return FilmFactory(title="Wheat Harvest", title_zh="麦收", slug="wheat-harvest")


def test_revalidation_is_answered_304_without_touching_the_database(
    client, film, django_assert_num_queries
):
    first = client.get(film.get_absolute_url())
    assert first.status_code == 200
    assert first["ETag"] and first["Last-Modified"]
    assert "no-cache" in first["Cache-Control"] and "public" in first["Cache-Control"]
    with django_assert_num_queries(0):
        again = client.get(film.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    with django_assert_num_queries(0):
        since = client.get(film.get_absolute_url(), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
        weak = client.get(film.get_absolute_url(), HTTP_IF_NONE_MATCH="W/" + first["ETag"])
    assert since.status_code == 304
    assert since.get("ETag") in (None, first["ETag"])  # a date names no copy of its own
    assert weak.status_code == 304 and weak["ETag"] == "W/" + first["ETag"]  # as sent


def test_second_anonymous_read_comes_from_cache(client, film, django_assert_num_queries):
    first = client.get(film.get_absolute_url())
    with django_assert_num_queries(0):
        second = client.get(film.get_absolute_url())
    assert second.status_code == 200
    assert second.content == first.content


def test_the_first_reader_after_a_start_fills_the_cache(client, film, django_assert_num_queries):
    caches["content-version"].clear()  # a fresh cache: no version stored yet
    url = film.get_absolute_url()
    client.get(url)
    with django_assert_num_queries(0):
        assert client.get(url).status_code == 200


def test_an_edit_is_visible_on_the_next_request(client, film):
    etag = client.get(film.get_absolute_url())["ETag"]
    film.title = "Harvest Time"
    film.save()
    response = client.get(film.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert "Harvest Time" in response.content.decode()


def test_a_many_to_many_change_is_visible_on_the_next_request(client, film):
    theme = ThemeFactory(name="Hometown", name_zh="故乡")
    assert "Hometown" not in client.get(film.get_absolute_url()).content.decode()
    film.themes.add(theme)  # nothing saved but the link
    assert "Hometown" in client.get(film.get_absolute_url()).content.decode()
    film.themes.remove(theme)
    assert "Hometown" not in client.get(film.get_absolute_url()).content.decode()


def test_a_history_revert_is_visible_on_the_next_request(client, film, curator):
    curator_client = Client()
    curator_client.force_login(curator)
    film.title = "Harvest Time"
    film.save()
    assert "Harvest Time" in client.get(film.get_absolute_url()).content.decode()
    first = film.history.earliest("history_date")
    revert = reverse("admin:films_film_simple_history", args=[film.pk, first.history_id])
    reverted = curator_client.post(revert, form_as_posted(curator_client.get(revert)))
    assert reverted.status_code == 302
    page = client.get(film.get_absolute_url()).content.decode()
    assert "Harvest Time" not in page and "Wheat Harvest" in page


def test_a_deleted_film_is_gone_on_the_next_request(client, film):
    assert client.get(film.get_absolute_url()).status_code == 200
    film.delete()
    assert client.get(film.get_absolute_url()).status_code == 404


def test_english_and_chinese_pages_are_cached_apart(client, film):
    english = client.get(film.get_absolute_url())
    chinese = client.get("/zh-hans" + film.get_absolute_url())
    assert english.content != chinese.content
    assert 'lang="zh-Hans"' in chinese.content.decode()


def test_signed_in_requests_bypass_the_cache(client, curator, film, django_assert_num_queries):
    client.force_login(curator)
    client.get(film.get_absolute_url())
    client.logout()
    client.cookies.clear()
    # The film page alone (film, credits, themes, citations, quotes, production statements,
    # neighbours): rendered, not served from the cache.
    with django_assert_num_queries(7):
        client.get(film.get_absolute_url())


def test_a_cache_outage_degrades_to_uncached_serving(client, film, settings, caplog):
    settings.CACHES = {
        "default": {"BACKEND": "tests.test_caching.BrokenCache", "LOCATION": "broken"},
        "content-version": {"BACKEND": "tests.test_caching.BrokenCache", "LOCATION": "broken"},
    }
    for path in (film.get_absolute_url(), "/api/v1/films/", "/api/v1/films/wheat-harvest/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "Wheat Harvest" in response.content.decode()
        assert not response.has_header("ETag")  # no version to validate against
        revalidated = client.get(path, HTTP_IF_NONE_MATCH='"copy-from-before"')
        assert revalidated.status_code == 200, path  # nothing to compare with: the answer
        # The throttles cannot count: nothing is refused for it, and no quota is told.
        assert not any(name.startswith("RateLimit") for name in response.headers), path
    assert client.post("/api/v1/films/", {}).status_code == 401  # refused as ever
    assert client.post("/api/v1/auth/token/", {"username": "x", "password": "y"}).status_code == 400
    counted = [r for r in caplog.records if "throttle cache unavailable" in r.getMessage()]
    assert counted and all("cache down" in str(r.exc_info[1].__cause__) for r in counted)
    # The log says why, for whoever runs the site: the cache's own error, with its trace.
    warnings = [r for r in caplog.records if "content version unavailable" in r.getMessage()]
    assert warnings and all(r.exc_info and "cache down" in str(r.exc_info[1]) for r in warnings)


def test_a_bump_is_reported_lost_only_when_it_is(monkeypatch, caplog):
    """A version older than ours after the write means the edit was lost; newer, not."""
    cache = caches["content-version"]
    real_get = cache.get
    for offset, lost in ((-(10**12), True), (10**12, False)):  # another process's, before or after
        caplog.clear()
        stored = f"{time.time_ns() + offset:x}"
        monkeypatch.setattr(cache, "get", lambda key, *args, _v=stored, **kwargs: _v)
        bump_version()
        monkeypatch.setattr(cache, "get", real_get)
        assert ("content version not stored" in caplog.text) is lost


def test_many_saves_in_one_transaction_bump_once_more_at_its_commit(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks() as callbacks:
        for n in range(3):
            FilmFactory(slug=f"film-{n}")
    assert callbacks.count(bump_version) == 1


def test_an_unreachable_redis_degrades_to_uncached_serving(client, film, settings, caplog):
    """django-redis with the settings' options: Redis errors are logged, not raised."""
    redis = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:9/0",  # the discard port: nothing listens
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": 0.25,
            "SOCKET_TIMEOUT": 0.5,
        },
    }
    settings.CACHES = {"default": redis, "content-version": redis}
    settings.DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    for _ in range(2):
        response = client.get(film.get_absolute_url())
        assert response.status_code == 200
        assert "Wheat Harvest" in response.content.decode()
        assert not response.has_header("ETag")
    film.title = "Harvest Time"
    film.save()  # the bump cannot be stored: logged, the save goes through
    assert "Harvest Time" in client.get(film.get_absolute_url()).content.decode()
    assert "content version not stored" in caplog.text


@pytest.mark.parametrize("path", ["/films/no-such-film/", "/api/v1/films/no-such-film/"])
def test_errors_are_not_cached(client, path, django_assert_num_queries):
    """A 404 is never stored: asked again, with no content changed, the view looks again."""
    assert client.get(path).status_code == 404
    with django_assert_num_queries(1):  # the film looked up afresh, not a stored 404
        assert client.get(path).status_code == 404
    FilmFactory(slug="no-such-film")
    assert client.get(path).status_code == 200


@pytest.mark.parametrize("path", ["/films/wheat-harvest/", "/api/v1/films/"])
def test_a_public_answer_may_be_kept_by_anyone_but_is_revalidated_each_time(client, film, path):
    # `public`: a shared cache may keep it; `no-cache`: only after asking (a 304 is cheap),
    # so an edit shows at once. The stored copy says the same as the first.
    for response in (client.get(path), client.get(path)):
        directives = {part.strip() for part in response["Cache-Control"].split(",")}
        assert directives == {"public", "no-cache"}, path


def test_paths_kept_out_of_the_cache_are_never_answered_from_the_version(client, film):
    """The health check and the admin run every time, whatever validators a client sends."""
    page = client.get(film.get_absolute_url())
    validators = {
        "HTTP_IF_NONE_MATCH": page["ETag"],
        "HTTP_IF_MODIFIED_SINCE": page["Last-Modified"],
    }
    for path in ("/healthz", "/admin/login/", "/api/v1/auth/token/"):
        response = client.get(path, **validators)
        assert response.status_code != 304, path
        assert "public" not in response.get("Cache-Control", ""), path


def _unmarked(request):
    return HttpResponse(uuid.uuid4().hex)  # a new answer each time it runs


def test_an_answer_no_view_marked_public_is_never_stored(client, site_with):
    """Only views marked public are stored: an unmarked one may answer for one reader."""
    site_with(url_path("unmarked/", _unmarked))
    first = client.get("/unmarked/")
    assert first.status_code == 200
    assert client.get("/unmarked/").content != first.content  # the view ran again
    assert not first.has_header("ETag")


def test_a_signed_in_curator_gets_every_page_rendered_afresh(
    client, curator, film, django_assert_num_queries
):
    client.force_login(curator)
    client.get(film.get_absolute_url())
    # The film page's own queries (it never reads the session): rendered, not reused.
    with django_assert_num_queries(7):
        client.get(film.get_absolute_url())


def test_with_the_public_cache_off_every_request_reaches_the_view(
    client, film, settings, django_assert_num_queries
):
    settings.FILMBASE_PUBLIC_CACHE = False
    first = client.get(film.get_absolute_url())
    assert not first.has_header("ETag")  # the public cache's validators are off too
    with django_assert_num_queries(7):
        assert client.get(film.get_absolute_url()).content == first.content


def test_a_curators_view_of_drafts_never_reaches_anyone_else(client, curator, film, settings):
    settings.FILMBASE_PUBLIC_CACHE = False
    FilmFactory(title="Secret Draft", slug="secret-draft", status="draft")
    client.force_login(curator)
    assert "Secret Draft" in client.get("/api/v1/films/").content.decode()
    assert "Secret Draft" in client.get("/api/v1/films/").content.decode()
    client.logout()
    client.cookies.clear()
    assert "Secret Draft" not in client.get("/api/v1/films/").content.decode()


def test_concurrent_edits_in_one_process_all_bump_the_version(settings, caplog):
    """Threads of one worker saving at once: each bump lands, none is reported lost."""
    start = threading.Barrier(4)
    unchanged = []  # (version before, version after) of every bump that left it as it was

    def edit():
        start.wait()
        for _ in range(50):
            before = current_version()
            bump_version()
            after = current_version()  # ours, or another thread's later still
            if int(after, 16) <= int(before, 16):
                unchanged.append((before, after))

    threads = [threading.Thread(target=edit) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert "content version not stored" not in caplog.text
    assert unchanged == []  # every one of the 200 bumps made the pages stale


# -- Junk cannot fill the cache --------------------------------------------------------


def _entries() -> int:
    return len(caches["default"]._cache)


@pytest.mark.parametrize(
    "path, junk",
    [
        ("/films/wheat-harvest/", "?cachebust={n}"),
        ("/films/", "?page=1&x={n}"),
        ("/zh-hans/quotes/", "?film=wheat-harvest&utm_source={n}"),
        ("/api/v1/films/wheat-harvest/", "?cachebust={n}"),
        ("/api/v1/export/", "?cachebust={n}"),
    ],
)
def test_a_thousand_junk_query_strings_are_answered_but_store_nothing(
    client, works, settings, path, junk
):
    off = {"anon": None, "user": None, "token": None}  # one address asks a thousand times
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": off}
    assert client.get(path).status_code == 200  # the page itself, stored once
    before = _entries()
    for n in range(1000):
        assert client.get(path + junk.format(n=n)).status_code == 200
    assert _entries() == before


def test_what_the_cache_remembers_of_urls_is_right_and_bounded(rf, settings):
    # Each short path is resolved once per process, up to a fixed count; a long one is
    # never remembered, so invented paths cannot grow a worker's memory.
    _remembered_resolve.cache_clear()
    for path in ["/films/", "/zh-hans/films/", "/api/v1/films/wheat-harvest/", "/nowhere/"]:
        remembered = resolve_view(rf.get(path, {"page": "2"}))
        assert remembered is resolve_view(rf.get(path))
        with translation.override("zh-hans" if path.startswith("/zh-hans/") else "en"):
            try:
                expected = resolve(path).func
            except Resolver404:
                expected = None
        assert (expected is None) == (path == "/nowhere/")
        assert remembered is expected, path
    assert resolve_view(rf.get("/films/" + "x" * MAX_REMEMBERED_PATH + "/")) is not None
    assert _remembered_resolve.cache_info().currsize == 4
    limit = _remembered_resolve.cache_info().maxsize
    for n in range(limit + 50):
        resolve_view(rf.get(f"/films/no-such-film-{n}/"))
    assert _remembered_resolve.cache_info().currsize == limit
    # Another URLconf is resolved afresh, not answered from what was remembered.
    settings.ROOT_URLCONF = "bench.urls"
    assert resolve_view(rf.get("/bench/ok")) is not None


@pytest.mark.parametrize("path", ["/films/", "/api/v1/export/"])
def test_host_names_that_differ_in_case_dot_or_port_store_nothing_new(
    client, works, settings, path
):
    """Django accepts `LOCALHOST`, `localhost.` and any port for an allowed host."""
    settings.ALLOWED_HOSTS = ["localhost"]
    off = {"anon": None, "user": None, "token": None}  # one address asks 200 times
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": off}
    empty = _entries()
    assert client.get(path, HTTP_HOST="localhost").status_code == 200
    before = _entries()
    assert before > empty  # stored (the export keeps its document too)
    variants = ["LOCALHOST", "localhost.", "LocalHost.", *(f"localhost:{n}" for n in range(1, 200))]
    for host in variants:
        assert client.get(path, HTTP_HOST=host).status_code == 200
    assert _entries() == before
    # A Host Django refuses as malformed is refused, never answered from the store.
    for host in ("localhost:", "localhost..", "localhost::80"):
        assert client.get(path, HTTP_HOST=host).status_code == 400, host
    # A port that is not the scheme's own is its own site: its links are its own.
    if path.startswith("/api/"):
        for port in ("9", "8000", "81", "443", "1000"):
            links = client.get(path, HTTP_HOST=f"localhost:{port}").content.decode()
            assert f"http://localhost:{port}/" in links and "http://localhost/" not in links


def test_an_answer_too_large_to_keep_is_served_but_not_stored(
    client, film, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr("core.caching.MAX_CACHED_BYTES", 1000)  # every page is larger
    url = film.get_absolute_url()
    first = client.get(url)
    assert first.status_code == 200
    assert _entries() == 0
    # The limit is inclusive: an answer of exactly that size is kept.
    monkeypatch.setattr("core.caching.MAX_CACHED_BYTES", len(first.content))
    client.get(url)
    with django_assert_num_queries(0):  # stored now: the limit was what kept it out
        assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    "first, second",
    [
        ("/films/?page=1", "/films/?page=1"),
        (
            "/quotes/?film=wheat-harvest&director=jia-zhangke",
            "/quotes/?director=jia-zhangke&film=wheat-harvest",
        ),
        ("/api/v1/films/?ordering=title&page=1", "/api/v1/films/?page=1&ordering=title"),
        ("/api/v1/quotes/?search=home", "/api/v1/quotes/?search=home"),
        ("/api/v1/search/?q=wheat", "/api/v1/search/?q=wheat"),
        ("/api/v1/schema/?format=json", "/api/v1/schema/?format=json"),
        ("/sitemap-films.xml?p=1", "/sitemap-films.xml?p=1"),
    ],
)
def test_parameters_a_view_reads_are_cached_in_any_order(
    client, works, first, second, django_assert_num_queries
):
    response = client.get(first)
    assert response.status_code == 200, first
    with django_assert_num_queries(0):
        again = client.get(second)
    assert again.status_code == 200 and again.content == response.content


def test_the_key_holds_the_value_the_view_reads(client, works):
    """`?page=2&page=1` is page 1 to the view (the last value), never page 2's copy."""
    grow_works(works, 30)  # two pages of films
    second = client.get("/films/?page=2").content
    assert client.get("/films/?page=2&page=1").content != second
    assert client.get("/films/?page=1&page=2").content == second


def test_an_edit_missed_during_an_outage_is_seen_once_the_answers_expire(
    client, film, settings, monkeypatch, caplog
):
    """Redis back with its data after an outage that swallowed an edit's bump.

    The answers cached before it are served until FILMBASE_PUBLIC_CACHE_TIMEOUT, which the
    version shares: then the version starts afresh and the page is rendered anew.
    """
    settings.FILMBASE_PUBLIC_CACHE_TIMEOUT = 2
    assert "Wheat Harvest" in client.get(film.get_absolute_url()).content.decode()
    version_cache = caches["content-version"]
    with monkeypatch.context() as outage:
        outage.setattr(version_cache, "set", _down)
        film.title = "Harvest Time"
        film.save()
    assert "content version not stored" in caplog.text
    assert "Wheat Harvest" in client.get(film.get_absolute_url()).content.decode()  # stale
    time.sleep(2.1)
    assert "Harvest Time" in client.get(film.get_absolute_url()).content.decode()


def test_only_accept_values_the_api_answers_exactly_are_cached(
    api_client, film, django_assert_num_queries
):
    assert api_client.get("/api/v1/films/").status_code == 200
    with django_assert_num_queries(0):  # the same JSON, one entry
        assert api_client.get("/api/v1/films/", HTTP_ACCEPT="application/json").status_code == 200
    # Anything else is the view's to negotiate: never an entry, nor served one.
    assert api_client.get("/api/v1/films/", HTTP_ACCEPT="text/html").status_code == 406
    before = _entries()
    for n in range(100):
        response = api_client.get("/api/v1/films/", HTTP_ACCEPT=f"application/json; x={n}")
        assert response.status_code == 200
    assert _entries() == before
    yaml = api_client.get("/api/v1/schema/", HTTP_ACCEPT="application/yaml")
    json = api_client.get("/api/v1/schema/", HTTP_ACCEPT="application/json")
    assert yaml["Content-Type"].startswith("application/yaml")
    assert json["Content-Type"].startswith("application/json")
    assert api_client.get("/api/v1/schema/", HTTP_ACCEPT="application/yaml").content == yaml.content


def test_the_retired_cache_variables_are_accepted_and_change_nothing(tmp_path):
    env = {
        "FILMBASE_VAR_DIR": str(tmp_path),
        "FILMBASE_RENDER_CACHE": "on",
        "FILMBASE_CONTENT_VERSION_STORE": "file",
    }
    shown = "from django.conf import settings; print(sorted(settings.CACHES), settings.MIDDLEWARE)"
    result = manage("shell", "-c", shown, env=env)
    assert result.returncode == 0, result.stderr
    assert "['content-version', 'default']" in result.stdout
    assert "RenderCache" not in result.stdout
