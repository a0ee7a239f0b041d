"""The public cache: fast for readers, never stale, never a draft, never an error."""

import threading

import pytest
from django.core.cache.backends.locmem import LocMemCache
from django.test import Client
from django.urls import reverse

from core.caching import bump_version, current_version
from tests.admin_forms import form_as_posted
from tests.films.factories import FilmFactory, ThemeFactory

pytestmark = pytest.mark.django_db


class BrokenCache(LocMemCache):
    """A cache server that is down: every call fails."""

    def get(self, *args, **kwargs):
        raise ConnectionError("cache down")

    set = add = delete = get


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
    assert since.status_code == 304


def test_second_anonymous_read_comes_from_cache(client, film, django_assert_num_queries):
    first = client.get(film.get_absolute_url())
    with django_assert_num_queries(0):
        second = client.get(film.get_absolute_url())
    assert second.status_code == 200
    assert second.content == first.content


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
    # The film page alone (film, credits, themes, citations, quotes, neighbours): rendered,
    # not served from the cache.
    with django_assert_num_queries(6):
        client.get(film.get_absolute_url())


def test_a_cache_outage_degrades_to_uncached_serving(client, film, settings):
    settings.CACHES = {"default": {"BACKEND": "tests.test_caching.BrokenCache"}}
    settings.FILMBASE_CONTENT_VERSION_STORE = "cache"
    response = client.get(film.get_absolute_url())
    assert response.status_code == 200
    assert "Wheat Harvest" in response.content.decode()
    assert not response.has_header("ETag")


def test_errors_are_not_cached(client, django_assert_num_queries):
    assert client.get("/films/no-such-film/").status_code == 404
    FilmFactory(slug="no-such-film")
    assert client.get("/films/no-such-film/").status_code == 200


def test_a_signed_in_curator_gets_pages_rendered_once_per_content_version(
    client, curator, film, django_assert_num_queries
):
    client.force_login(curator)
    first = client.get(film.get_absolute_url())
    with django_assert_num_queries(0):  # nothing reads the session: the page is reused
        second = client.get(film.get_absolute_url())
    assert second.content == first.content
    film.title = "Harvest Time"
    film.save()
    assert "Harvest Time" in client.get(film.get_absolute_url()).content.decode()


def test_with_the_public_cache_off_every_request_reaches_the_view_but_renders_once(
    client, film, settings, django_assert_num_queries
):
    settings.FILMBASE_PUBLIC_CACHE = False
    first = client.get(film.get_absolute_url())
    assert not first.has_header("ETag")  # the public cache's validators are off too
    with django_assert_num_queries(0):
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


def test_the_render_cache_can_be_switched_off(client, film, settings, django_assert_num_queries):
    settings.FILMBASE_PUBLIC_CACHE = False
    settings.FILMBASE_RENDER_CACHE = False
    client.get(film.get_absolute_url())
    with django_assert_num_queries(6):
        client.get(film.get_absolute_url())


def test_concurrent_edits_in_one_process_all_bump_the_version(settings, caplog):
    """Threads of one worker saving at once: each bump lands, none fails on another's file."""
    settings.FILMBASE_CONTENT_VERSION_STORE = "file"
    start = threading.Barrier(4)
    seen = set()

    def edit():
        start.wait()
        for _ in range(50):
            bump_version()
            seen.add(current_version())

    threads = [threading.Thread(target=edit) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert "could not bump the content version" not in caplog.text
    assert len(seen) > 1
