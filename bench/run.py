"""`make bench`: measure filmbase against its own ceiling, side by side, in one run.

For each engine (SQLite, then a PostgreSQL server started here) and each data size
(the nine works, 100 and 10,000 films), the script builds a database, starts the site
exactly as production does (bin/start through bench/harness.py, which the system tests
share: prod settings, waitress, whitenoise, DEBUG off) and loads it with wrk on 127.0.0.1.

Every measured URL gets a *static twin*: its response bytes saved as a static file and
served by the same server + whitenoise, with the same content type. Rounds of
[twin, dynamic] run interleaved after a warm-up, and the figure reported is the median
of the per-round ratios dynamic ÷ twin — a ratio measured side by side survives the
noise of a shared machine where absolute requests/s do not. Each URL is measured cold
(rendered every time), as a cache hit and as a conditional GET answered 304. Also
measured: the ceiling of a trivial view, DRF against a hand-written JsonResponse of the
same payload, SQL queries per request, the server's peak memory (waitress serves from one
process), and search in-process. Last, growth:
the two largest sizes are served at once and each URL measured in rounds of [smaller,
larger], so that their quotient too is measured side by side.

    python bench/run.py                # the full run
    python bench/run.py --smoke        # tiny data, one short round: CI's harness check
    python bench/run.py --growth-only --sizes 100,10000   # growth alone

Results: docs/benchmarks.md (tables) and docs/benchmarks.json (raw figures).
"""

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import harness  # noqa: E402 - ROOT is on sys.path now
from bench.harness import (  # noqa: E402
    PYTHON,
    PostgreSQL,
    Server,
    fetch,
    manage,
    production_env,
)
from bench.wrk import wrk  # noqa: E402

STARTED = time.monotonic()

# name, path, kind ("detail" | "list" | "other"), is_api. The theme and the query are
# ones that reach every kind of entry in the nine works too, so that each size runs every
# query the page can run (a kind with no hits costs no query).
URLS = [
    ("home", "/", "list", False),
    ("film list", "/films/", "list", False),
    ("film detail", "/films/wheat-harvest/", "detail", False),
    ("person detail", "/people/jia-zhangke/", "detail", False),
    ("theme", "/themes/humans-and-ai/", "detail", False),
    ("quotes", "/quotes/", "list", False),
    ("search", "/search/?q=AI", "list", False),
    ("API film list", "/api/v1/films/", "list", True),
    ("API film detail", "/api/v1/films/wheat-harvest/", "detail", True),
    ("API search", "/api/v1/search/?q=AI", "list", True),
]
CEILINGS = [
    ("trivial view", "/bench/ok", "other", False),
    ("hand-written JSON film list", "/bench/api/films/", "list", True),
]
# DRF endpoint → its hand-written twin (same payload, built without DRF).
HANDWRITTEN = {"API film list": "hand-written JSON film list"}
# What `make bench-smoke` measures: enough to run every path of the harness.
SMOKE_URLS = ["home", "film detail", "API film list"]
# mode, public (page) cache. "cold" renders every request; "cached" hits the page cache,
# and its 304s are measured with the same server.
MODES = [("cold", False), ("cached", True)]


def selected(urls, args):
    if args.urls:
        return [url for url in urls if url[0] in args.urls]
    return [url for url in urls if not args.smoke or url[0] in SMOKE_URLS]


SEARCH_QUERIES = ["wheat", "harvest", "robot", "Fenyang", "麦", "麦收", "钟馗", "银色"]


def progress(message: str) -> None:
    print(f"[{time.monotonic() - STARTED:7.1f}s] {message}", flush=True)


# -- Databases -----------------------------------------------------------------------


def cell_env(database_url: str, var: Path) -> dict:
    """Return the environment of one engine and size: production settings with the
    benchmark's ceiling views (bench/settings.py), its own var/."""
    return production_env(
        database_url,
        var,
        DJANGO_SETTINGS_MODULE="bench.settings",
        FILMBASE_API_ANON_RATE="off",
        # Each size has its static files (and their twins) in its own var/static.
        FILMBASE_COLLECTSTATIC="0",
    )


def collected_static(workdir: Path) -> Path:
    return workdir / "collected-static"


def collect_static(workdir: Path) -> None:
    """Collect (and compress) the static files once; each size gets a copy for its twins."""
    harness.collect_static(collected_static(workdir), "bench.settings", workdir / "var-collect")


def prepare(env: dict, films: int, static: Path) -> None:
    manage(env, "migrate", "--no-input")
    manage(env, "load_films")
    if films > 9:
        manage(env, "seed_synthetic", "--films", str(films - 9), "--seed", "42")
        manage(env, "shell", "-c", FILL_THEME)
    shutil.copytree(static, Path(env["FILMBASE_VAR_DIR"]) / "static")


# The theme measured shows as many films and quotes as its page holds at every size
# above the nine works: its growth then compares catalogues of different sizes, not a
# page of 8 cards with one of 24.
FILL_THEME = """
from films.models import Film, Quote, Theme
from films.synthetic import COLLECTION_SLUG
from films.views import THEME_FILMS, THEME_QUOTES
theme = Theme.objects.get(slug="humans-and-ai")
synthetic = Film.objects.filter(collection__slug=COLLECTION_SLUG).order_by("pk")
theme.films.add(*synthetic[: THEME_FILMS + 1])
theme.quotes.add(*Quote.objects.filter(film__in=synthetic).order_by("pk")[: THEME_QUOTES + 1])
"""


# -- The server ---------------------------------------------------------------------


def serve(env: dict, *, public: bool) -> Server:
    """Return bin/start's server for one cell, with the page cache on or off."""
    return Server({**env, "FILMBASE_PUBLIC_CACHE": "on" if public else "off"})


# -- wrk -----------------------------------------------------------------------------


def side_by_side(twin: str, dynamic: str, args, headers=None, twin_headers=None) -> dict:
    """Warm up, then rounds of [twin, dynamic]; return the median ratio and the runs."""
    if args.warmup:
        wrk(twin, args.warmup, args.connections, twin_headers)
        wrk(dynamic, args.warmup, args.connections, headers)
    rounds = []
    for _ in range(args.rounds):
        twin_run = wrk(twin, args.seconds, args.connections, twin_headers)
        dynamic_run = wrk(dynamic, args.seconds, args.connections, headers)
        rounds.append({"twin": twin_run, "dynamic": dynamic_run})
    ratios = [r["dynamic"]["rps"] / r["twin"]["rps"] for r in rounds if r["twin"]["rps"]]
    return {
        "ratio": statistics.median(ratios) if ratios else 0.0,
        "rps": statistics.median(r["dynamic"]["rps"] for r in rounds),
        "twin_rps": statistics.median(r["twin"]["rps"] for r in rounds),
        "p50_ms": statistics.median(r["dynamic"]["p50_ms"] for r in rounds),
        "p99_ms": statistics.median(r["dynamic"]["p99_ms"] for r in rounds),
        "non_2xx": sum(r["dynamic"]["non_2xx"] + r["twin"]["non_2xx"] for r in rounds),
        "socket_errors": sum(
            r["dynamic"]["socket_errors"] + r["twin"]["socket_errors"] for r in rounds
        ),
        "rounds": rounds,
    }


def make_twins(server: Server, static_root: Path) -> dict[str, str]:
    """Save each URL's bytes as a static file of the same type; return their URLs."""
    folder = static_root / "bench-twins"
    folder.mkdir(parents=True, exist_ok=True)
    twins = {}
    for name, path, _kind, is_api in URLS + CEILINGS:
        status, headers, body = fetch(
            server.base + path, {"Accept": "application/json"} if is_api else {}
        )
        if status != 200:
            raise SystemExit(f"{path} answered {status}: cannot make its twin")
        content_type = headers.get("Content-Type", "")
        suffix = (
            ".json" if "json" in content_type else ".html" if "html" in content_type else ".txt"
        )
        filename = re.sub(r"[^a-z0-9]+", "-", name.lower()) + suffix
        (folder / filename).write_bytes(body)
        twins[name] = f"/static/bench-twins/{filename}"
    return twins


# -- In-process measurements ---------------------------------------------------------


def in_process(env: dict, what: str) -> dict:
    """Run bench/probe.py in a process of its own (Django set up with `env`)."""
    with tempfile.TemporaryDirectory(prefix="filmbase-probe-") as folder:
        output = Path(folder) / "figures.json"
        subprocess.run(
            [PYTHON, str(ROOT / "bench" / "probe.py"), what, str(output)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            check=True,
        )
        return json.loads(output.read_text())


# -- One engine, one size ------------------------------------------------------------


def measure(engine: str, films: int, env: dict, workdir: Path, args) -> dict:
    var = Path(env["FILMBASE_VAR_DIR"])
    progress(f"{engine} {films} films: loading data")
    prepare(env, films, collected_static(workdir))
    result = {"engine": engine, "films": films, "urls": {}}
    result["queries"] = in_process(env, "queries")
    progress(f"{engine} {films} films: queries per request {result['queries']}")
    if films >= args.search_at:
        result["search"] = in_process(env, "search")
        progress(f"{engine} {films} films: search {result['search']}")

    with serve(env, public=False) as server:
        twins = make_twins(server, var / "static")
    # A new server per mode: whitenoise indexes static files (the twins) when it starts.
    for mode, public in MODES:
        with serve(env, public=public) as server:
            ceilings = CEILINGS if mode == "cold" else []
            for name, path, kind, is_api in [*selected(URLS, args), *ceilings]:
                headers = {"Accept": "application/json"} if is_api else {}
                progress(f"{engine} {films} films: {name} {mode}")
                entry = result["urls"].setdefault(name, {"kind": kind, "path": path})
                entry[mode] = side_by_side(
                    server.base + twins[name], server.base + path, args, headers
                )
                if mode == "cached":
                    _status, response_headers, _body = fetch(server.base + path, headers)
                    etag = response_headers.get("ETag")
                    if etag:
                        progress(f"{engine} {films} films: {name} 304")
                        entry["not_modified"] = side_by_side(
                            server.base + twins[name],
                            server.base + path,
                            args,
                            {**headers, "If-None-Match": etag},
                        )
            if mode == "cold":
                compare_handwritten(server, result, args)
            result[f"peak_rss_mb_{mode}"] = server.peak_rss_mb()
    return result


def measure_growth(engine: str, envs: dict[int, dict], args) -> dict:
    """Growth: the largest size's requests/s ÷ the next size down's, side by side.

    Both databases are served at once, by a server each, and each URL is measured in
    rounds of [smaller, larger] like a static twin, cold. Dividing the two
    sizes' ratios to their twins, measured minutes apart, swung by ±0.2 between runs on
    this shared machine: more than the growth the bar looks for.
    """
    small, large = sorted(envs)[-2:]
    result = {"small": small, "large": large, "urls": {}}
    with serve(envs[small], public=False) as smaller, serve(envs[large], public=False) as larger:
        for name, path, _kind, is_api in [*selected(URLS, args), *CEILINGS]:
            headers = {"Accept": "application/json"} if is_api else {}
            progress(f"{engine} growth {large} ÷ {small} films: {name} cold")
            result["urls"].setdefault(name, {})["cold"] = side_by_side(
                smaller.base + path, larger.base + path, args, headers, headers
            )
    return result


def compare_handwritten(server: Server, result: dict, args) -> None:
    """DRF against its hand-written twin, both rendered every time: what DRF itself costs.

    Measured in rounds of [hand-written, DRF] like a static twin, not as a quotient of
    two runs minutes apart: on a shared machine those differ by more than DRF does.
    """
    paths = {name: path for name, path, _kind, _is_api in URLS + CEILINGS}
    for drf, handwritten in HANDWRITTEN.items():
        if drf in result["urls"]:
            progress(f"{result['engine']} {result['films']} films: {drf} ÷ {handwritten}")
            measured = side_by_side(
                server.base + paths[handwritten],
                server.base + paths[drf],
                args,
                {"Accept": "application/json"},
            )
            result["urls"][drf]["vs_handwritten"] = measured["ratio"]
            result["urls"][drf]["vs_handwritten_runs"] = measured["rounds"]


def measure_engine(engine: str, sizes, workdir: Path, args, report: dict, url_of) -> None:
    """Measure one engine at every size, then its growth between the two largest."""
    envs = {films: cell_env(url_of(films), workdir / f"var-{engine}-{films}") for films in sizes}
    for films, env in envs.items():
        if args.growth_only:
            progress(f"{engine} {films} films: loading data")
            prepare(env, films, collected_static(workdir))
        else:
            report["runs"].append(measure(engine, films, env, workdir, args))
    if len(envs) > 1:
        report["growth"][engine] = measure_growth(engine, envs, args)


# -- Report --------------------------------------------------------------------------


def versions() -> dict:
    script = (
        "import importlib.metadata as m, sqlite3;"
        "print(*(m.version(p) for p in ('django', 'djangorestframework', 'waitress',"
        " 'whitenoise')), sqlite3.sqlite_version)"
    )
    probe = subprocess.run(
        [PYTHON, "-c", script], capture_output=True, text=True, check=True
    ).stdout.split()
    postgres = subprocess.run(
        ["bash", "-c", 'source .ci/postgres.sh && "$(pg_bin)/postgres" --version'],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.strip()
    wrk_version = subprocess.run(["wrk", "--version"], capture_output=True, text=True)
    return {
        "python": platform.python_version(),
        "django": probe[0],
        "djangorestframework": probe[1],
        "waitress": probe[2],
        "whitenoise": probe[3],
        "sqlite": probe[4],
        "postgresql": postgres.split()[-1] if postgres else "",
        "wrk": (wrk_version.stdout + wrk_version.stderr).split()[1],
    }


def machine() -> dict:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1)
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": round(int(memory) / 1024**2, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--smoke", action="store_true", help="tiny data, one short round")
    parser.add_argument(
        "--growth-only",
        action="store_true",
        help="measure only the growth between the two largest sizes, side by side",
    )
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--sizes", default=None, help="film counts, e.g. 9,100,10000")
    parser.add_argument("--seconds", type=int, default=None, help="whole seconds per wrk run")
    parser.add_argument("--rounds", type=int, default=None)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--output", default=None, help="report folder (default docs/)")
    parser.add_argument(
        "--urls", default=None, help='measure only these, e.g. "theme,API film list"'
    )
    args = parser.parse_args()
    if args.urls:
        args.urls = [name.strip() for name in args.urls.split(",")]
        unknown = set(args.urls) - {name for name, *_rest in URLS}
        if unknown:
            parser.error(f"unknown URL names: {', '.join(sorted(unknown))}")
    args.sizes = [
        int(n) for n in (args.sizes or ("9,30" if args.smoke else "9,100,10000")).split(",")
    ]
    args.seconds = args.seconds or (1 if args.smoke else 3)
    args.rounds = args.rounds or (1 if args.smoke else 3)
    args.warmup = 0 if args.smoke else 1
    args.search_at = max(args.sizes)
    output = (
        Path(args.output)
        if args.output
        else (
            Path(tempfile.mkdtemp(prefix="filmbase-bench-smoke-")) if args.smoke else ROOT / "docs"
        )
    )

    # What the servers will run with: filmbase/server.py's settings, read from this
    # environment, which every server inherits.
    from filmbase.server import options  # noqa: PLC0415

    settings = {
        "server": "waitress (filmbase/server.py)",
        "threads": str(options()["threads"]),
        "wrk": f"1 thread, {args.connections} connections, {args.seconds:g}s runs, "
        f"{args.rounds} rounds after a {args.warmup}s warm-up",
    }
    report = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "command": " ".join(["python bench/run.py", *sys.argv[1:]]),
        "machine": machine(),
        "versions": versions(),
        "settings": settings,
        "runs": [],
        "growth": {},
    }
    with tempfile.TemporaryDirectory(prefix="filmbase-bench-") as workdir:
        workdir = Path(workdir)

        def sqlite_url(films: int) -> str:
            return f"sqlite:///{workdir}/bench-{films}.sqlite3"

        progress("collecting static files")
        collect_static(workdir)
        for engine in args.engines.split(","):
            if engine == "sqlite":
                measure_engine(engine, args.sizes, workdir, args, report, sqlite_url)
            else:
                # The smoke run checks the harness on PostgreSQL once, at the smallest size.
                sizes = args.sizes[:1] if args.smoke else args.sizes
                with PostgreSQL() as postgres:
                    databases = {
                        films: postgres.create_database(f"bench_{films}") for films in sizes
                    }
                    measure_engine(engine, sizes, workdir, args, report, databases.get)

    from bench.report import write_report  # noqa: PLC0415 - keeps this file standalone

    write_report(report, output)
    progress(f"report written to {output}/benchmarks.md and benchmarks.json")
    failures = [
        run
        for run in report["runs"]
        if any(
            u.get(mode, {}).get("non_2xx") or u.get(mode, {}).get("socket_errors")
            for u in run["urls"].values()
            for mode in ("cold", "cached", "not_modified")
        )
    ] + [
        name
        for growth in report["growth"].values()
        for name, modes in growth["urls"].items()
        if any(m["non_2xx"] or m["socket_errors"] for m in modes.values())
    ]
    if failures:
        raise SystemExit("errors during the run: see the report")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
