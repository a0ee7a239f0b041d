"""Several server processes on one database: what a reader and a curator see.

As `docker compose up --scale web=3` runs it: three servers, each a process with its own
memory, behind a proxy that sends each request to the next; here the requests go round
the servers in turn, so that each answers a third of them.
"""

import itertools
import re
import uuid

import pytest

pytestmark = pytest.mark.system


class Servers:
    """Servers of one site (one database, one var/, one secret key), asked in turn."""

    def __init__(self, sites):
        self.sites = sites
        self.turn = itertools.cycle(sites)

    def get(self, path, **kwargs):
        return next(self.turn).get(path, **kwargs)

    def post(self, path, **kwargs):
        return next(self.turn).post(path, **kwargs)

    def manage(self, *args, **kwargs):
        return self.sites[0].manage(*args, **kwargs)


@pytest.fixture
def several(site_factory):
    def start(count, extra=None):
        secret = {"DJANGO_SECRET_KEY": "system-tests-only-" + uuid.uuid4().hex * 2}
        # One after the other: each runs bin/start's migrate on the shared database.
        first = site_factory(extra={**secret, **(extra or {})})
        others = [
            site_factory(database_url=first.database_url, extra={**secret, **(extra or {})})
            for _ in range(count - 1)
        ]
        return Servers([first, *others])

    return start


FILM = "/films/wheat-harvest/"


def titles(site, n=30):
    """Return the page titles the film page had over `n` requests."""
    seen = set()
    for _ in range(n):
        response = site.get(FILM)
        assert response.status == 200, response.text[:500]
        seen.add(re.search(r"<title>(.*?) · filmbase</title>", response.text).group(1))
    return seen


def rename(site, title):
    site.manage(
        "shell",
        "-c",
        "from films.models import Film; f = Film.objects.get(slug='wheat-harvest'); "
        f"f.title = {title!r}; f.save()",
    )


@pytest.mark.parametrize("store", ["redis", "file"])
def test_an_edit_is_seen_by_every_server_on_the_next_request(several, redis_server, store):
    extra = {"REDIS_URL": redis_server.url} if store == "redis" else {}
    site = several(3, extra)
    assert titles(site) == {"Wheat Harvest"}  # now cached in each server (or in Redis)
    rename(site, "Harvest of Wheat")
    assert titles(site) == {"Harvest of Wheat"}


def test_a_curator_stays_signed_in_whichever_server_answers(several):
    site = several(3)
    site.manage(
        "createcurator",
        "--username",
        "ann",
        "--noinput",
        env={"FILMBASE_CURATOR_PASSWORD": "a-long-curator-passphrase"},
    )
    login = site.get("/admin/login/")
    csrf_cookie = next(value for name, value in login.cookies.items() if "csrftoken" in name)
    csrf_name = next(name for name in login.cookies if "csrftoken" in name)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.text).group(1)
    signed_in = site.post(
        "/admin/login/?next=/admin/",
        headers={
            "Cookie": f"{csrf_name}={csrf_cookie}",
            "Content-Type": "application/x-www-form-urlencoded",
        },
        body=f"csrfmiddlewaretoken={token}&username=ann&password=a-long-curator-passphrase",
    )
    assert signed_in.status == 302, signed_in.text[:2000]
    session_name = next(name for name in signed_in.cookies if "sessionid" in name)
    cookie = f"{session_name}={signed_in.cookies[session_name]}"
    for _ in range(20):
        page = site.get("/admin/films/film/", headers={"Cookie": cookie})
        assert page.status == 200
        assert "Wheat Harvest" in page.text


def test_reads_go_on_while_redis_is_down_and_caching_resumes_after(several, redis_server):
    site = several(2, {"REDIS_URL": redis_server.url})
    assert titles(site, 5) == {"Wheat Harvest"}
    redis_server.stop()
    try:
        assert titles(site, 20) == {"Wheat Harvest"}
        rename(site, "Harvest of Wheat")  # an edit while the cache is down…
        assert titles(site, 20) == {"Harvest of Wheat"}
    finally:
        redis_server.start()
    assert titles(site, 20) == {"Harvest of Wheat"}  # …is not undone when it comes back
