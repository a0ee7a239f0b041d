"""Several gunicorn workers on one database: what a reader and a curator see.

Each request opens a new connection, so the kernel hands them to whichever worker is
free; with three workers and thirty requests every worker answers some of them.
"""

import re

import pytest

pytestmark = pytest.mark.system

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
def test_an_edit_is_seen_by_every_worker_on_the_next_request(site_factory, redis_server, store):
    extra = {"REDIS_URL": redis_server.url} if store == "redis" else {}
    site = site_factory(workers=3, extra=extra)
    assert titles(site) == {"Wheat Harvest"}  # now cached in each worker (or in Redis)
    rename(site, "Harvest of Wheat")
    assert titles(site) == {"Harvest of Wheat"}


def test_a_curator_stays_signed_in_whichever_worker_answers(site_factory):
    site = site_factory(workers=3)
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


def test_reads_go_on_while_redis_is_down_and_caching_resumes_after(site_factory, redis_server):
    site = site_factory(workers=2, extra={"REDIS_URL": redis_server.url})
    assert titles(site, 5) == {"Wheat Harvest"}
    redis_server.stop()
    try:
        assert titles(site, 20) == {"Wheat Harvest"}
        rename(site, "Harvest of Wheat")  # an edit while the cache is down…
        assert titles(site, 20) == {"Harvest of Wheat"}
    finally:
        redis_server.start()
    assert titles(site, 20) == {"Harvest of Wheat"}  # …is not undone when it comes back
