"""In-process measurements for bench/run.py: SQL queries per request, search timings.

Run with the benchmark's environment (DATABASE_URL, settings); prints JSON.
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["FILMBASE_PUBLIC_CACHE"] = "off"  # count what a request costs when rendered

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.run import CEILINGS, SEARCH_QUERIES, URLS  # noqa: E402


def queries() -> dict[str, int]:
    client = Client(HTTP_HOST="127.0.0.1")
    counts = {}
    for name, path, _kind, is_api in URLS + CEILINGS:
        headers = {"HTTP_ACCEPT": "application/json"} if is_api else {}
        client.get(path, **headers)  # warm: first-request work is not per-request work
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path, **headers)
        assert response.status_code == 200, (path, response.status_code)
        counts[name] = len(captured.captured_queries)
    return counts


def search() -> dict[str, dict]:
    from films.search import search as run_search

    timings = {}
    for query in SEARCH_QUERIES:
        run_search(query)
        samples = []
        for _ in range(50):
            start = time.perf_counter()
            results = run_search(query)
            samples.append((time.perf_counter() - start) * 1000)
        timings[query] = {
            "p50_ms": round(statistics.median(samples), 2),
            "films": [film.slug for film in results.films.items[:3]],
            "hits": results.total,
        }
    return timings


if __name__ == "__main__":
    print(json.dumps({"queries": queries, "search": search}[sys.argv[1]]()))
