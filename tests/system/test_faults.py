"""Load and faults: filmbase under load, with its database and cache taken away.

One site for the whole module, configured as production runs it (filmbase/server.py's
defaults: waitress, one process of eight threads; PostgreSQL; Redis), on a PostgreSQL cluster of
its own (`postgres_server`) so that stopping it disturbs nothing else. Load comes from
wrk with a Lua script that mixes pages in both languages and API reads — some served
from the cache, some that reach the database every time (unique query strings, an API
token) — and counts answers by status. A Python prober sends one request at a time
beside it and times each.

Marked `faults`: CI runs these once, in the SQLite pass (they never use DATABASE_URL).
docs/reliability.md explains each test and keeps the figures of the last run; set
FILMBASE_FAULTS_REPORT=path to have them appended there as JSON lines.
FILMBASE_FAULTS_THREADS serves the site with another number of threads, to compare.
Slow clients have tests of their own (test_slow_clients.py).
"""

import json
import os
import signal
import statistics
import subprocess
import threading
import time
from dataclasses import dataclass

import pytest
import redis

from bench.harness import wait_for
from tests.system.conftest import Site, _require, request

pytestmark = [pytest.mark.system, pytest.mark.faults]

THREADS = int(os.environ.get("FILMBASE_FAULTS_THREADS", "0")) or None  # None: the default
# Generous bounds, named by the issue: a request "hangs" past 5 s; the site must recover
# within 5 s of the database being back; worker memory may grow 15 MiB over the soak.
HANG = 5.0
RECOVERY = 5.0
RSS_GROWTH = 15 * 1024 * 1024
# The outage tests follow events (the prober's answers), not a clock: load runs until
# they are done, a server stays down until enough probes met the outage. This bounds a
# wait for an event that never comes, on a 2-core CI machine running two suites at once.
EVENT_TIMEOUT = 120
# Probes that must meet an outage (sent while the server is down) before it ends.
OUTAGE_PROBES = 10

# (path, unique, signed): unique paths get a fresh query string on every request (a path
# ending in "=" gets the fresh value itself), so they miss the cache and reach the
# database; signed ones carry the curator's API token, which bypasses the cache and
# costs a token lookup too.
MIX = [
    ("/", False, False),
    ("/films/", False, False),
    ("/films/wheat-harvest/", False, False),
    ("/zh-hans/films/wheat-harvest/", False, False),
    ("/people/jia-zhangke/", False, False),
    ("/zh-hans/people/jia-zhangke/", False, False),
    ("/themes/hometown/", False, False),
    ("/zh-hans/themes/family/", False, False),
    ("/quotes/", False, False),
    ("/zh-hans/quotes/", False, False),
    ("/search/?q=wheat", False, False),
    ("/zh-hans/search/?q=%E9%BA%A6%E6%94%B6", False, False),
    ("/api/v1/films/", False, False),
    ("/api/v1/films/wheat-harvest/", False, False),
    ("/api/v1/people/", False, False),
    ("/api/v1/quotes/", False, False),
    ("/films/the-courier/", True, False),
    ("/zh-hans/search/?q=%E5%BF%AB%E9%80%92", True, False),
    # An API list refuses a parameter it does not know: the unique value is the query.
    ("/api/v1/search/?q=", True, False),
    ("/api/v1/films/", False, True),
    ("/api/v1/people/jia-zhangke/", False, True),
]

LUA = """
local paths = {%(paths)s}
local token = "%(token)s"
local n = 0
statuses = {}

local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function request()
  n = n + 1
  local entry = paths[(n %% #paths) + 1]
  local path = entry[1]
  if entry[2] then
    if string.sub(path, -1) == "=" then
      path = path .. id .. "-" .. n
    else
      local sep = "?"
      if string.find(path, "?", 1, true) then sep = "&" end
      path = path .. sep .. "n=" .. id .. "-" .. n
    end
  end
  local headers = {}
  if entry[3] then headers["Authorization"] = "Token " .. token end
  return wrk.format("GET", path, headers)
end

function response(status, headers, body)
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
end

function done(summary, latency, requests)
  local merged = {}
  for _, thread in ipairs(threads) do
    for key, count in pairs(thread:get("statuses")) do
      merged[key] = (merged[key] or 0) + count
    end
  end
  local parts = {}
  for key, count in pairs(merged) do
    table.insert(parts, string.format('"%%s": %%d', key, count))
  end
  local e = summary.errors
  io.write(string.format(
    'WRK {"requests": %%d, "seconds": %%.1f, "connect": %%d, "read": %%d, "write": %%d, '
    .. '"timeout": %%d, "p50_ms": %%.1f, "p99_ms": %%.1f, "max_ms": %%.1f, "statuses": {%%s}}\\n',
    summary.requests, summary.duration / 1e6, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    table.concat(parts, ", ")))
end
"""


def record(name: str, figures: dict):
    """Print the figures of a test (pytest -s shows them) and append them to the report."""
    line = json.dumps({"test": name, **figures}, ensure_ascii=False)
    print(line)
    if path := os.environ.get("FILMBASE_FAULTS_REPORT"):
        with open(path, "a") as report:
            report.write(line + "\n")


class Load:
    """wrk running the mix in the background; `result()` waits and returns its counts."""

    def __init__(self, site, tmp_path, *, connections: int, seconds: int, timeout: float):
        script = tmp_path / "mix.lua"
        paths = ", ".join(
            f'{{"{path}", {str(unique).lower()}, {str(signed).lower()}}}'
            for path, unique, signed in MIX
        )
        script.write_text(LUA % {"paths": paths, "token": site.token})
        self.process = subprocess.Popen(
            [
                "wrk",
                "--threads",
                "2",
                "--connections",
                str(connections),
                "--duration",
                f"{seconds}s",
                "--timeout",
                f"{timeout:g}s",
                "--script",
                str(script),
                site.base,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )

    def stop(self) -> dict:
        """End the load now (wrk reports on SIGINT as at the end of its duration)."""
        self.process.send_signal(signal.SIGINT)
        return self.result()

    def result(self) -> dict:
        output, _ = self.process.communicate(timeout=EVENT_TIMEOUT)
        line = next((x for x in output.splitlines() if x.startswith("WRK ")), None)
        assert line, output
        figures = json.loads(line[4:])
        figures["rate"] = round(figures["requests"] / figures["seconds"])
        figures["errors"] = sum(figures[k] for k in ("connect", "read", "write", "timeout"))
        return figures


@dataclass
class Answer:
    sent: float
    path: str
    seconds: float
    status: int | None
    headers: dict
    body: bytes = b""


class Prober(threading.Thread):
    """Send one request at a time, in a loop, and time each; never give up on an error."""

    runs = 0

    def __init__(self, site, paths):
        super().__init__(daemon=True)
        Prober.runs += 1
        self.run_id = Prober.runs  # so that no two probers send the same unique path
        self.site, self.paths = site, paths
        self.answers: list[Answer] = []
        self.stopping = threading.Event()

    def run(self):
        n = 0
        while not self.stopping.is_set():
            n += 1
            path = self.paths[n % len(self.paths)].replace("{n}", f"{self.run_id}-{n}")
            sent = time.monotonic()
            try:
                response = request(self.site.base, "GET", path, timeout=30)
                status, headers, body = response.status, response.headers, response.body
            except OSError:
                status, headers, body = None, {}, b""
            body = body if path == "/healthz" else b""  # keep only what tests read
            self.answers.append(Answer(sent, path, time.monotonic() - sent, status, headers, body))
            time.sleep(0.05)

    def stop(self) -> list[Answer]:
        self.stopping.set()
        self.join(60)
        return self.answers

    def wait_for_answers(self, count: int, *, sent_after: float, what: str, ok=None) -> None:
        """Wait until `count` answers to probes sent after `sent_after` (and `ok`) are in."""

        def enough():
            return (
                sum(a.sent >= sent_after and (ok is None or ok(a)) for a in list(self.answers))
                >= count
            )

        wait_for(enough, EVENT_TIMEOUT, what)


# Probes that reach the database on every request (no cache can answer them).
DATABASE_PROBES = [
    "/films/wheat-harvest/?probe={n}",
    "/zh-hans/themes/hometown/?probe={n}",
    "/api/v1/search/?q=probe{n}",  # a list refuses unknown parameters; a search reads q
    "/healthz",
]


@pytest.fixture(scope="module")
def site(postgres_server, redis_server, static_root, tmp_path_factory):
    _require("wrk")
    tmp_path = tmp_path_factory.mktemp("faults")
    site = Site(
        tmp_path,
        threads=THREADS,
        database_url=postgres_server.create_database(),
        static_root=static_root,
        extra={
            "REDIS_URL": redis_server.url,
            "DATABASE_CONNECT_TIMEOUT": "2",
            # All load comes from one address and one account: throttling would answer
            # 429 to most of it, which is not what these tests are about.
            "FILMBASE_API_ANON_RATE": "off",
            "FILMBASE_API_USER_RATE": "off",
        },
    )
    site.tmp_path = tmp_path
    try:
        site.start()
        site.token = site.manage(
            "shell",
            "-c",
            "from django.contrib.auth.models import User; "
            "from rest_framework.authtoken.models import Token; "
            "print(Token.objects.create(user=User.objects.create_user('ann')).key)",
        ).stdout.split()[-1]
        for path, _, signed in MIX:  # every page once, so that the soak starts warm
            headers = {"Authorization": f"Token {site.token}"} if signed else {}
            assert site.get(path, headers=headers).status == 200, path
        yield site
    finally:
        site.close()


def test_soak_60s_at_64_connections_no_errors_and_flat_worker_memory(site):
    load = Load(site, site.tmp_path, connections=64, seconds=60, timeout=30)
    # Not a wait for an event but the point of the fixed soak from which memory is
    # compared: the fixture already served every page once (caches full), and 64
    # connections keep every thread busy from the first second. On a slower machine
    # both parts see fewer requests; a leak grows with requests, and RSS_GROWTH leaves
    # room for allocations a slow warm-up moves past this point.
    time.sleep(15)
    warm = site.memory()
    figures = load.result()
    end = site.memory()
    growth = {pid: end[pid] - warm[pid] for pid in warm if pid in end}
    record(
        "soak",
        {
            **figures,
            "rss_warm_mib": [round(v / 2**20, 1) for v in warm.values()],
            "rss_end_mib": [round(end.get(pid, 0) / 2**20, 1) for pid in warm],
        },
    )
    assert figures["errors"] == 0, figures
    assert set(figures["statuses"]) == {"200"}, figures
    assert figures["requests"] > 1000, figures
    assert sorted(end) == sorted(warm), "a worker was restarted during the soak"
    assert all(g <= RSS_GROWTH for g in growth.values()), growth


def take_down(server, prober, *, at_least=4):
    """Stop `server` once the prober has had answers under load; start it again once
    OUTAGE_PROBES of its probes met the outage, and at least `at_least` seconds later.

    Return the monotonic times at which it was down, at which it was being started again
    and at which it was back (its start had returned).
    """
    prober.wait_for_answers(
        len(prober.paths), sent_after=0, ok=lambda a: a.status == 200, what="answers under load"
    )
    server.stop()
    down = time.monotonic()
    prober.wait_for_answers(OUTAGE_PROBES, sent_after=down, what="probes during the outage")
    # The outage lasts a few seconds whatever the probes' pace: long enough for every
    # worker thread's connection to be found dead, as a real restart does.
    time.sleep(max(0.0, down + at_least - time.monotonic()))
    restarting = time.monotonic()
    server.start()
    return down, restarting, time.monotonic()


def test_cache_server_stopped_during_load_pages_keep_coming_uncached(site, redis_server):
    # Fewer connections: with the cache down every request renders its page.
    load = Load(site, site.tmp_path, connections=8, seconds=EVENT_TIMEOUT, timeout=HANG)
    prober = Prober(site, ["/films/wheat-harvest/", "/zh-hans/quotes/", *DATABASE_PROBES])
    prober.start()
    down, restarting, back = take_down(redis_server, prober)
    client = redis.Redis(port=redis_server.port)
    while client.dbsize() == 0 and time.monotonic() - back < 15:
        time.sleep(0.2)
    resumed = time.monotonic() - back
    # A round of probes after caching resumed: pages still come from a cache that is back.
    prober.wait_for_answers(len(prober.paths), sent_after=time.monotonic(), what="probes")
    answers = prober.stop()
    figures = load.stop()
    health = [a.status for a in answers if a.path == "/healthz"]
    health_during = [
        json.loads(a.body)["cache"]
        for a in answers
        if a.path == "/healthz" and down <= a.sent and a.sent + a.seconds < restarting
    ]
    cache_states = [
        json.loads(request(site.base, "GET", "/healthz").body)["cache"],
    ]
    record(
        "cache outage",
        {
            **figures,
            "probes": len(answers),
            "probes_during_outage": sum(down <= a.sent < back for a in answers),
            "probe_max_s": round(max(a.seconds for a in answers), 3),
            "caching_resumed_after_s": round(resumed, 1),
        },
    )
    assert figures["errors"] == 0, figures
    assert set(figures["statuses"]) == {"200"}, figures
    assert all(a.status == 200 for a in answers), [a for a in answers if a.status != 200]
    assert all(a.seconds < HANG for a in answers)
    assert sum(down <= a.sent < back for a in answers) >= 5
    assert health and set(health) == {200}
    assert health_during and set(health_during) == {"unavailable"}
    assert resumed < 15, "nothing was cached in Redis after it came back"
    assert cache_states == ["ok"]


def test_postgresql_stopped_during_load_fast_503_then_recovery_without_restart(
    site, postgres_server
):
    workers = sorted(site.pids())
    load = Load(site, site.tmp_path, connections=16, seconds=EVENT_TIMEOUT, timeout=HANG)
    prober = Prober(site, DATABASE_PROBES)
    prober.start()
    down, restarting, back = take_down(postgres_server, prober)
    # Recovery is judged on what follows RECOVERY seconds after the restart: wait for a
    # round of probes sent after that, whatever they answer (the assertions judge them).
    prober.wait_for_answers(
        len(prober.paths), sent_after=back + RECOVERY, what="probes after the recovery time"
    )
    answers = prober.stop()
    figures = load.stop()

    # Only a probe answered before the restart began surely met the outage: one sent just
    # before it may wait for a busy thread and reach a database that is already back.
    during = [a for a in answers if down <= a.sent and a.sent + a.seconds < restarting]
    failed_after = [a for a in answers if a.sent >= back and a.status != 200]
    recovered_at = max((a.sent + a.seconds for a in failed_after), default=back)
    unavailable = [a.seconds for a in answers if a.status == 503]
    record(
        "database outage",
        {
            **figures,
            "probes": len(answers),
            "probes_during_outage": len(during),
            "probe_503s": len(unavailable),
            "probe_503_median_ms": round(statistics.median(unavailable) * 1000, 1)
            if unavailable
            else None,
            "probe_503_max_ms": round(max(unavailable) * 1000, 1) if unavailable else None,
            "outage_s": round(back - down, 1),
            "recovery_s": round(recovered_at - back, 2),
            "first_200_after_back_s": round(
                min(a.sent + a.seconds for a in answers if a.sent >= back and a.status == 200)
                - back,
                2,
            ),
        },
    )
    assert len(during) >= 10
    for answer in during:
        assert answer.status == 503, answer
        assert answer.headers.get("Retry-After") == "5", answer
        expected = (
            "application/json"
            if "/api/" in answer.path or "healthz" in answer.path
            else "text/html"
        )
        assert answer.headers["Content-Type"].startswith(expected), answer
    assert all(a.status in (200, 503) for a in answers), [
        a for a in answers if a.status not in (200, 503)
    ]
    assert all(a.seconds < HANG for a in answers), max(a.seconds for a in answers)
    assert recovered_at - back <= RECOVERY
    assert answers[-1].status == 200
    assert figures["errors"] == 0, figures  # no hang (wrk's timeout is 5 s), no reset
    assert set(figures["statuses"]) <= {"200", "503"}, figures
    assert sorted(site.pids()) == workers, "the server was restarted"
