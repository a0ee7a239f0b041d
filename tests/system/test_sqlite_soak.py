"""SQLite, the embedded default, under mixed reads and writes: no "database is locked".

filmbase is served exactly as `make run` serves it (bin/start, prod settings, waitress
with its default threads) on a SQLite file. For SOAK_SECONDS readers
fetch pages and API answers (some with a unique query string, so that they reach the
database) while two curators write through the API with their tokens, from two threads
each: every thread creates themes
and people, edits them with If-Match, deletes every other one, and edits one shared
film, re-reading it after a 412 as the README tells API clients to.
"""

import itertools
import json
import os
import threading
import time
from collections import Counter

import pytest

pytestmark = [pytest.mark.system, pytest.mark.sqlite_soak]

SOAK_SECONDS = 20
READERS = 4
ACCOUNTS = ("ann", "bo")
WRITERS_PER_ACCOUNT = 2  # two apps (or tabs) per curator, each with its own slugs
PAGES = [
    "/",
    "/films/",
    "/films/wheat-harvest/",
    "/zh-hans/films/wheat-harvest/",
    "/directors/",
    "/themes/",
    "/quotes/",
    "/search/?q=%E9%BA%A6%E6%94%B6",
    "/api/v1/films/",
    "/api/v1/people/?page_size=100",
    "/api/v1/themes/",
    "/api/v1/changes/?since=2000-01-01",
]
# Each a new address: API lists refuse parameters they do not know, so the API one searches.
FRESH = ["/themes/?r={n}", "/search/?q=r{n}", "/api/v1/search/?q=r{n}"]


@pytest.fixture
def sqlite_site(site_factory, tmp_path):
    if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        pytest.skip("the SQLite soak runs in the SQLite pass; DATABASE_URL is PostgreSQL")
    return site_factory(
        database_url=f"sqlite:///{tmp_path / 'soak.sqlite3'}",
        # All load comes from one address: throttling would answer most of it with 429.
        extra={"FILMBASE_API_ANON_RATE": "off", "FILMBASE_API_USER_RATE": "off"},
    )


class Tally:
    """Answers by status, and what went wrong, across threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.statuses = Counter()
        self.errors: list[str] = []

    def count(self, what: str, status: int, expected: set[int]):
        with self.lock:
            self.statuses[status] += 1
            if status not in expected:
                self.errors.append(f"{what}: {status}")

    def fail(self, what: str, error: Exception):
        with self.lock:
            self.statuses["socket error"] += 1
            self.errors.append(f"{what}: {error!r}")


def read(site, tally: Tally, stop: threading.Event, start: int):
    fresh = itertools.count(start * 1_000_000)
    for path in itertools.cycle(PAGES + FRESH):
        if stop.is_set():
            return
        path = path.format(n=next(fresh))
        try:
            tally.count(f"GET {path}", site.get(path, timeout=30).status, {200})
        except OSError as error:
            tally.fail(f"GET {path}", error)


class Curator(threading.Thread):
    """Create, edit and delete through the API; remember what was acknowledged."""

    def __init__(self, site, tally: Tally, stop: threading.Event, name: str, token: str):
        super().__init__(daemon=True)
        self.site, self.tally, self.stop, self.name, self.token = site, tally, stop, name, token
        self.present: dict[str, dict] = {}  # API path → the fields last acknowledged
        self.deleted: set[str] = set()
        self.writes = 0
        self.conflicts = 0

    def send(self, method, path, data=None, if_match=None, expect=200, shared=False):
        """Send one request; a 412 is expected only on the entry every curator edits."""
        try:
            answer = self.site.api(method, path, token=self.token, data=data, if_match=if_match)
        except OSError as error:
            self.tally.fail(f"{method} {path}", error)
            return None
        self.tally.count(f"{method} {path}", answer.status, {expect, 412} if shared else {expect})
        if answer.status == 412:
            self.conflicts += 1
        if answer.status != expect:
            return None
        if method != "GET":
            self.writes += 1
        return answer

    def run(self):
        for i in itertools.count(1):
            if self.stop.is_set():
                return
            resource, field = ("themes", "description") if i % 2 else ("people", "bio")
            slug = f"{self.name}-{i}"
            path = f"/api/v1/{resource}/{slug}/"
            created = self.send(
                "POST", f"/api/v1/{resource}/", {"slug": slug, "name": slug}, expect=201
            )
            if created is None:
                continue
            self.present[path] = {"name": slug}
            edited = self.send("PATCH", path, {field: f"Edit {i}"}, created.headers["ETag"])
            if edited is None:
                continue
            self.present[path][field] = f"Edit {i}"
            # Delete every other one, with the ETag just read.
            if i % 4 in (1, 2) and self.send(
                "DELETE", path, if_match=edited.headers["ETag"], expect=204
            ):
                del self.present[path]
                self.deleted.add(path)
            self.edit_shared_film(i)

    def edit_shared_film(self, i):
        """Change one film everyone edits: on a 412, read it again and reapply the change."""
        path = "/api/v1/films/wheat-harvest/"
        for _ in range(5):
            current = self.send("GET", path)
            if current is None:
                return
            note = f"{self.name} {i}"
            if self.send(
                "PATCH", path, {"runtime_note": note}, current.headers["ETag"], shared=True
            ):
                return


def test_sqlite_mixed_reads_and_writes_no_database_is_locked(sqlite_site):
    site = sqlite_site
    tally = Tally()
    stop = threading.Event()
    tokens = {name: site.curator_token(name) for name in ACCOUNTS}
    curators = [
        Curator(site, tally, stop, f"{name}{n}", token)
        for name, token in tokens.items()
        for n in range(WRITERS_PER_ACCOUNT)
    ]
    readers = [
        threading.Thread(target=read, args=(site, tally, stop, n), daemon=True)
        for n in range(READERS)
    ]
    started = time.monotonic()
    for thread in [*readers, *curators]:
        thread.start()
    time.sleep(SOAK_SECONDS)
    stop.set()
    for thread in [*readers, *curators]:
        thread.join(60)
    seconds = time.monotonic() - started

    # Every acknowledged write is there afterwards; every acknowledged delete is gone.
    token = curators[0].token
    missing = []
    for curator in curators:
        for path, fields in curator.present.items():
            answer = site.api("GET", path, token=token)
            if answer.status != 200 or any(answer.json()[k] != v for k, v in fields.items()):
                missing.append(f"{path}: {answer.status}")
        missing += [
            path for path in curator.deleted if site.api("GET", path, token=token).status != 404
        ]
    locked = site.logs().count("database is locked")
    figures = {
        "seconds": round(seconds, 1),
        "requests": sum(tally.statuses.values()),
        "by_status": {str(k): v for k, v in sorted(tally.statuses.items(), key=str)},
        "writes_acknowledged": sum(c.writes for c in curators),
        "kept": sum(len(c.present) for c in curators),
        "deleted": sum(len(c.deleted) for c in curators),
        "conflicts_412": sum(c.conflicts for c in curators),
        "errors": len(tally.errors),
        "database_is_locked": locked,
        "lost": len(missing),
    }
    print("sqlite soak: " + json.dumps(figures))
    assert tally.errors == []
    assert not [s for s in tally.statuses if isinstance(s, int) and s >= 500]
    assert locked == 0
    assert missing == []
    assert figures["writes_acknowledged"] > 0 and sum(tally.statuses.values()) > 100
