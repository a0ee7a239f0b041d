"""In-process measurements for bench/run.py: SQL queries per request, search timings.

Run with the benchmark's environment (DATABASE_URL, settings): `probe.py queries|search
OUTPUT` writes the figures as JSON to OUTPUT (stdout carries production's logs).
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
# Count what a request costs when it is rendered.
os.environ["FILMBASE_PUBLIC_CACHE"] = "off"

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.run import CEILINGS, SEARCH_QUERIES, URLS  # noqa: E402


def queries() -> dict[str, dict]:
    """Return SQL queries and in-process milliseconds per request, rendered every time."""
    client = Client(HTTP_HOST="127.0.0.1")
    figures = {}
    for name, path, _kind, is_api in URLS + CEILINGS:
        headers = {"HTTP_ACCEPT": "application/json"} if is_api else {}
        client.get(path, **headers)  # warm: first-request work is not per-request work
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path, **headers)
        assert response.status_code == 200, (path, response.status_code)
        count = len(captured.captured_queries)  # read now: the next request resets the log
        samples = []
        for _ in range(20):
            start = time.perf_counter()
            client.get(path, **headers)
            samples.append((time.perf_counter() - start) * 1000)
        figures[name] = {
            "queries": count,
            "ms": round(statistics.median(samples), 2),
        }
    return figures


def search() -> dict[str, dict]:
    """Time search in-process: the index query alone, and the whole service.

    `index_ms`: the one statement that finds the top 20 of every kind among all entries.
    `total_ms`: that, plus loading up to 80 hits with what a results page shows of them.
    """
    from films.search import search as run_search
    from films.search.query import _query_terms, _ranked_ids

    def p50(call):
        call()
        samples = []
        for _ in range(50):
            start = time.perf_counter()
            call()
            samples.append((time.perf_counter() - start) * 1000)
        return round(statistics.median(samples), 2)

    timings = {}
    for query in SEARCH_QUERIES:
        terms = _query_terms(query)
        results = run_search(query)
        timings[query] = {
            "index_ms": p50(lambda terms=terms: _ranked_ids(terms, 20)),
            "total_ms": p50(lambda query=query: run_search(query)),
            "films": [film.slug for film in results.films.items[:3]],
            "hits": results.total,
        }
    return timings


if __name__ == "__main__":
    figures = {"queries": queries, "search": search}[sys.argv[1]]()
    Path(sys.argv[2]).write_text(json.dumps(figures))
