"""The public cache on a real Redis (django-redis, the production settings' options).

In-process requests (Django's test client) against a Redis server of the session's own,
and one check of the workers' memory on a real server with the file and memory caches
of `make run`.
"""

import pytest
import redis
from django.core.cache import caches

pytestmark = [pytest.mark.system, pytest.mark.django_db]

JUNK = 1000


@pytest.fixture
def on_redis(settings, redis_server):
    """Point both caches at the session's Redis, configured as filmbase.settings.base does."""
    config = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": redis_server.url,
        "KEY_PREFIX": "filmbase",
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": 0.25,
            "SOCKET_TIMEOUT": 0.5,
        },
    }
    settings.CACHES = {"default": config, "content-version": config}
    settings.DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    off = {"anon": None, "user": None, "token": None}  # one address asks a thousand times
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": off}
    server = redis.Redis(port=redis_server.port)
    server.flushdb()
    yield server
    for cache in caches.all():
        cache.close()


@pytest.mark.parametrize(
    "path, junk, status",
    [
        ("/films/wheat-harvest/", "?cachebust={n}", 200),
        # An API list refuses a parameter it does not know, and a refusal is not stored.
        ("/api/v1/films/", "?page=1&x={n}", 400),
        ("/api/v1/export/", "?cachebust={n}", 200),
    ],
)
def test_junk_query_strings_leave_the_number_of_keys_in_redis_flat(
    client, works, on_redis, path, junk, status
):
    assert client.get(path).status_code == 200
    before = on_redis.dbsize()
    for n in range(JUNK):
        assert client.get(path + junk.format(n=n)).status_code == status
    assert on_redis.dbsize() == before


def test_while_redis_is_down_pages_are_served_and_the_edit_is_seen_after(
    client, works, on_redis, redis_server, caplog
):
    film = works["wheat"]
    assert client.get(film.get_absolute_url()).status_code == 200
    assert on_redis.dbsize() > 0
    assert client.get("/healthz").json()["cache"] == "ok"
    redis_server.stop()
    try:
        response = client.get(film.get_absolute_url())
        assert response.status_code == 200 and not response.has_header("ETag")
        health = client.get("/healthz")
        assert health.status_code == 200 and health.json()["cache"] == "unavailable"
        film.title = "Harvest of Wheat"
        film.save()
        assert "content version not stored" in caplog.text
        assert "Harvest of Wheat" in client.get(film.get_absolute_url()).content.decode()
    finally:
        redis_server.start()
    response = client.get(film.get_absolute_url())
    assert "Harvest of Wheat" in response.content.decode() and response.has_header("ETag")
    assert on_redis.dbsize() > 0  # caching again
    assert client.get("/healthz").json()["cache"] == "ok"


def test_junk_query_strings_leave_worker_memory_far_below_storing_them(site_factory):
    """`make run`'s caches on a real server: a thousand junk exports are not kept.

    Rendering a 300 KB document a thousand times moves a worker's resident memory by some
    megabytes either way (the allocator's arenas, SQLite's page cache per thread); keeping
    the answers, as the cache did when it keyed on the whole URL, would add their size
    for each one the worker served. So growth is checked against that: below a quarter.
    """
    site = site_factory(extra={"FILMBASE_API_ANON_RATE": "off"})
    size = len(site.get("/api/v1/export/").body)
    for n in range(200):  # every server thread has rendered the export uncached
        assert site.get(f"/api/v1/export/?warm={n}").status == 200
    warm = site.memory()
    for n in range(JUNK):
        assert site.get(f"/api/v1/export/?cachebust={n}").status == 200
    end = site.memory()
    growth = {pid: end[pid] - warm[pid] for pid in warm if pid in end}
    assert growth, "no serving process was measured"
    storing = JUNK * size  # one process (waitress) would keep every answer
    assert all(g < storing / 4 for g in growth.values()), (growth, storing)
