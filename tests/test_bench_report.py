"""The benchmark's report judges its bars: growth from the side-by-side rounds it
measured, cache hits and 304s against their static twins."""

from bench.report import check_bars, markdown


def _measured(ratio, non_2xx=0):
    return {
        "ratio": ratio,
        "rps": 800 * ratio,
        "twin_rps": 800.0,
        "p50_ms": 9.0,
        "p99_ms": 20.0,
        "non_2xx": non_2xx,
        "socket_errors": 0,
        "rounds": [],
    }


def _report(growth_urls):
    return {
        "date": "2026-12-05T12:00:00+00:00",
        "command": "python bench/run.py",
        "machine": {"cpu": "test", "cores": 2, "memory_gib": 24.0},
        "versions": {"django": "5.2"},
        "settings": {"workers": "2", "threads": "1", "worker_class": "sync", "wrk": "-"},
        "runs": [
            {
                "engine": "sqlite",
                "films": films,
                "urls": {},
                "queries": {"theme": {"queries": 5, "ms": 9.0}},
            }
            for films in (100, 10000)
        ],
        "growth": {"sqlite": {"small": 100, "large": 10000, "urls": growth_urls}},
    }


def test_growth_is_judged_cell_by_cell_from_the_side_by_side_ratio():
    report = _report(
        {
            "theme": {"cold": _measured(0.79)},
            "home": {"cold": _measured(1.02)},
        }
    )
    failed = [where for bar, where, passed in check_bars(report) if not passed]
    assert failed == ["sqlite theme cold 0.79"]
    text = markdown(report)
    assert "### Growth, 10,000 ÷ 100 films, side by side" in text
    assert "| theme | 0.79 ✗ | 800 / 632 |" in text
    assert "uncached" not in text
    assert "| growth 10,000 ÷ 100 films ≥ 0.8 | sqlite theme cold 0.79 |" in text


def test_errors_while_measuring_growth_fail_the_run():
    report = _report({"theme": {"cold": _measured(1.0, non_2xx=3)}})
    assert ("0 errors", "sqlite growth theme cold: 3", False) in check_bars(report)


def _run(films, urls, **peaks):
    return {
        "engine": "sqlite",
        "films": films,
        "urls": urls,
        "queries": {"home": {"queries": 4, "ms": 5.0}},
        **peaks,
    }


def test_cache_hits_and_304s_are_judged_against_their_own_bars():
    report = _report({})
    report["growth"] = {}
    report["runs"] = [
        _run(
            9,
            {
                "home": {
                    "kind": "list",
                    "path": "/",
                    "cold": _measured(0.2),
                    "cached": _measured(0.89),
                    "not_modified": _measured(0.99),
                },
                "theme": {
                    "kind": "detail",
                    "path": "/themes/x/",
                    "cold": _measured(0.1),
                    "cached": _measured(0.9),
                    "not_modified": _measured(1.0),
                },
            },
            peak_rss_mb_cold=120.0,
            peak_rss_mb_cached=151.0,
        )
    ]
    failed = [(bar, where) for bar, where, passed in check_bars(report) if not passed]
    assert failed == [
        ("cache hit ≥ 0.9", "sqlite 9 home 0.89"),
        ("304 ≥ 1.0", "sqlite 9 home 0.99"),
        ("peak RSS of the server process ≤ 150 MB", "sqlite 9 cached 151 MB"),
    ]
    text = markdown(report)
    assert "| home | 0.20 | 0.89 ✗ | 0.99 ✗ | 160 | 9.0 / 20.0 | 800 |" in text
    assert "| theme | 0.10 | 0.90 ✓ | 1.00 ✓ | 80 | 9.0 / 20.0 | 800 |" in text
    assert "uncached" not in text


def test_errors_while_measuring_cold_fail_the_run():
    report = _report({})
    report["growth"] = {}
    report["runs"] = [
        _run(9, {"home": {"kind": "list", "path": "/", "cold": _measured(0.2, non_2xx=2)}})
    ]
    assert ("0 errors", "sqlite 9 home cold: 2", False) in check_bars(report)
