"""Write bench/run.py's figures as docs/benchmarks.md (tables, bars) and benchmarks.json."""

import json
from pathlib import Path

BARS = {
    "detail_uncached": 0.3,
    "list_uncached": 0.1,
    "cached": 0.8,
    "not_modified": 0.8,
    "handwritten": 0.75,
    "growth": 0.8,
    "search_ms": 5.0,
    "rss_mb": 150.0,
}


MODE_COLUMNS = ["cold", "uncached", "cached", "not_modified"]


def _fmt(value, digits=2):
    return "—" if value is None else f"{value:.{digits}f}"


def _mark(ok: bool | None) -> str:
    return "" if ok is None else (" ✓" if ok else " ✗")


def _by(report, engine, films):
    return next((r for r in report["runs"] if r["engine"] == engine and r["films"] == films), None)


def _engines(report) -> list[str]:
    """Return the engines measured, SQLite first: by size, for growth, or both."""
    measured = {r["engine"] for r in report["runs"]} | set(report.get("growth", {}))
    return sorted(measured, key=["sqlite", "postgresql"].index)


def check_bars(report) -> list[tuple[str, str, bool]]:
    """Return (bar, where, passed) for every bar of issue 6 that the run can judge."""
    checks = []

    def check(bar: str, where: str, passed: bool) -> None:
        checks.append((bar, where, passed))

    for engine in _engines(report):
        runs = [r for r in report["runs"] if r["engine"] == engine]
        sizes = sorted(r["films"] for r in runs)
        for name in runs[0]["queries"] if runs else []:
            counts = {r["films"]: r["queries"][name]["queries"] for r in runs}
            check(
                "queries identical at every size",
                f"{engine} {name} {counts}",
                len(set(counts.values())) == 1,
            )
        growth = report.get("growth", {}).get(engine)
        if growth:
            bar = f"growth {growth['large']:,} ÷ {growth['small']:,} films ≥ {BARS['growth']}"
            for name, modes in growth["urls"].items():
                for mode, measured in modes.items():
                    errors = measured["non_2xx"] + measured["socket_errors"]
                    if errors:
                        check("0 errors", f"{engine} growth {name} {mode}: {errors}", False)
                    check(
                        bar,
                        f"{engine} {name} {mode} {measured['ratio']:.2f}",
                        measured["ratio"] >= BARS["growth"],
                    )
        for run in runs:
            where = f"{engine} {run['films']}"
            for name, entry in run["urls"].items():
                for mode in ("uncached", "cached", "not_modified"):
                    errors = entry.get(mode, {}).get("non_2xx", 0) + entry.get(mode, {}).get(
                        "socket_errors", 0
                    )
                    if errors:
                        check("0 errors", f"{where} {name} {mode}: {errors}", False)
                if name.startswith(("trivial", "hand-written")):
                    continue
                if "uncached" not in entry:
                    continue
                kind, ratio = entry["kind"], entry["uncached"]["ratio"]
                bar = BARS["detail_uncached"] if kind == "detail" else BARS["list_uncached"]
                check(f"{kind} uncached ≥ {bar}", f"{where} {name} {ratio:.2f}", ratio >= bar)
                for mode, label in (("cached", "cache hit"), ("not_modified", "304")):
                    if mode in entry:
                        ratio = entry[mode]["ratio"]
                        check(f"{label} ≥ 0.8", f"{where} {name} {ratio:.2f}", ratio >= 0.8)
                if "vs_handwritten" in entry:
                    ratio = entry["vs_handwritten"]
                    check(
                        "DRF ≥ 0.75 × hand-written",
                        f"{where} {name} {ratio:.2f}",
                        ratio >= BARS["handwritten"],
                    )
            if run["films"] == max(sizes):
                for mode in ("cold", "uncached", "cached"):
                    rss = run.get(f"peak_rss_mb_{mode}", 0)
                    check(
                        "peak RSS per worker ≤ 150 MB",
                        f"{where} {mode} {rss:.0f} MB",
                        rss <= BARS["rss_mb"],
                    )
            for query, timing in run.get("search", {}).items():
                check(
                    "search (index, top 20 of each kind) p50 ≤ 5 ms",
                    f"{where} {query!r} {timing['index_ms']} ms",
                    timing["index_ms"] <= BARS["search_ms"],
                )
    return checks


def _server(settings: dict) -> str:
    if "server" in settings:
        return f"{settings['server']}, {settings['threads']} threads"
    # Reports made before filmbase moved to waitress.
    return (
        f"gunicorn, {settings['workers']} workers × {settings['threads']} threads "
        f"({settings['worker_class']})"
    )


def markdown(report) -> str:
    lines = [
        "# Benchmarks",
        "",
        "Measured by `bench/run.py`; repeat with `make bench` (about 105 minutes on 2 cores) or "
        "`make bench-smoke` (a minute, what CI runs). Ratios are dynamic ÷ static twin, the "
        "median of interleaved rounds in one run: the same response bytes served as a static "
        "file by the same server + whitenoise. Absolute requests/s depend on the machine "
        "and its neighbours; the ratios are what to compare.",
        "",
        f"- Date: {report['date']}; command: `{report['command']}`",
        f"- Machine: {report['machine']['cpu']}, {report['machine']['cores']} cores, "
        f"{report['machine']['memory_gib']} GiB",
        "- Versions: " + ", ".join(f"{k} {v}" for k, v in report["versions"].items()),
        f"- Server: {_server(report['settings'])}, prod settings, DEBUG off, no access log",
        f"- Load: wrk, {report['settings']['wrk']}",
        "",
        "Modes: **cold** — both caches off, every request renders its page (templates or "
        "serializers and every query); **uncached** — the page cache off, so every request "
        "passes the whole middleware stack (sessions, authentication, CSRF, security "
        "headers, CSP) and the view, whose rendering is reused once per content version "
        "(the render cache); **cache hit** — answered by the page cache; **304** — a "
        "revalidation answered from the content version. The uncached, cache-hit and 304 "
        "columns are judged against the ratio bars (✓/✗); cold, what rendering itself "
        "costs, is judged for growth (10,000 ÷ 100 films) and for DRF against the "
        "hand-written JsonResponse, and not against the static twin.",
        "",
        "Growth is measured side by side too: the two largest sizes (100 and 10,000 films "
        "in the full run) are served at once, by a server each, and every URL runs in "
        "rounds of [smaller, larger]; the figure is the median of the per-round ratios.",
        "",
    ]
    for engine in _engines(report):
        runs = [r for r in report["runs"] if r["engine"] == engine]
        sizes = sorted(r["films"] for r in runs)
        lines += [f"## {'SQLite' if engine == 'sqlite' else 'PostgreSQL'}", ""]
        if runs:
            lines += ["### SQL queries and in-process time per request, rendered every time", ""]
            lines += ["| URL | " + " | ".join(f"{n} films" for n in sizes) + " |"]
            lines += ["|---|" + "---:|" * len(sizes)]
            for name in runs[0]["queries"]:
                cells = []
                for n in sizes:
                    figures = _by(report, engine, n)["queries"][name]
                    cells.append(f"{figures['queries']} q, {figures['ms']} ms")
                lines.append(f"| {name} | " + " | ".join(cells) + " |")
            lines.append("")
        for run in runs:
            lines += [f"### {run['films']} films", ""]
            lines += [
                "| URL | cold ÷ twin | uncached ÷ twin | cache hit ÷ twin | 304 ÷ twin | "
                "uncached req/s | p50 / p99 ms (uncached) | twin req/s |",
                "|---|---:|---:|---:|---:|---:|---:|---:|",
            ]
            for name, entry in run["urls"].items():
                ceiling = name.startswith(("trivial", "hand-written"))
                shown = entry.get("uncached") or entry["cold"]  # ceilings run cold only
                detail = entry["kind"] == "detail"
                bar = BARS["detail_uncached"] if detail else BARS["list_uncached"]
                ratios = {m: entry.get(m, {}).get("ratio") for m in MODE_COLUMNS}
                cells = [
                    name,
                    _fmt(ratios["cold"]),
                    _fmt(ratios["uncached"])
                    + (
                        ""
                        if ceiling or ratios["uncached"] is None
                        else _mark(ratios["uncached"] >= bar)
                    ),
                    _fmt(ratios["cached"])
                    + _mark(None if ratios["cached"] is None else ratios["cached"] >= 0.8),
                    _fmt(ratios["not_modified"])
                    + _mark(
                        None if ratios["not_modified"] is None else ratios["not_modified"] >= 0.8
                    ),
                    f"{shown['rps']:.0f}",
                    f"{shown['p50_ms']:.1f} / {shown['p99_ms']:.1f}",
                    f"{shown['twin_rps']:.0f}",
                ]
                lines.append("| " + " | ".join(cells) + " |")
            extras = [
                "peak RSS per worker: "
                + ", ".join(
                    f"{run[f'peak_rss_mb_{mode}']:.0f} MB {mode}"
                    for mode in ("cold", "uncached", "cached")
                    if f"peak_rss_mb_{mode}" in run
                )
            ]
            for name, entry in run["urls"].items():
                if "vs_handwritten" in entry:
                    extras.append(
                        f"{name}: DRF ÷ hand-written JsonResponse = {entry['vs_handwritten']:.2f} "
                        "(both rendered every time, in interleaved rounds)"
                    )
            lines += ["", *(f"- {extra}" for extra in extras), ""]
            if run.get("search"):
                lines += [
                    "Search in-process (p50 of 50): the index statement that finds the top 20 "
                    "of each kind, and the whole service that also loads up to 80 hits with "
                    "what a results page shows.",
                    "",
                    "| query | index ms | whole search ms | hits | first films |",
                    "|---|---:|---:|---:|---|",
                ]
                for query, timing in run["search"].items():
                    films = ", ".join(timing["films"])
                    lines.append(
                        f"| {query} | {timing['index_ms']} | {timing['total_ms']} "
                        f"| {timing['hits']} | {films} |"
                    )
                lines.append("")
        lines += _growth_table(report.get("growth", {}).get(engine))
    checks = check_bars(report)
    failed = [c for c in checks if not c[2]]
    lines += ["## Bars", "", f"{len(checks) - len(failed)} of {len(checks)} checks pass.", ""]
    if failed:
        lines += ["| bar | where |", "|---|---|"]
        lines += [f"| {bar} | {where} |" for bar, where, _ in failed]
        lines.append("")
    return "\n".join(lines)


def _growth_table(growth) -> list[str]:
    """Return the Markdown of one engine's growth, measured side by side."""
    if not growth:
        return []
    small, large = f"{growth['small']:,}", f"{growth['large']:,}"
    lines = [
        f"### Growth, {large} ÷ {small} films, side by side",
        "",
        f"| URL | cold | uncached | cold req/s ({small} / {large}) |",
        "|---|---:|---:|---:|",
    ]
    for name, modes in growth["urls"].items():
        cells = [name]
        for mode in ("cold", "uncached"):
            ratio = modes.get(mode, {}).get("ratio")
            cells.append(_fmt(ratio) + _mark(None if ratio is None else ratio >= BARS["growth"]))
        cold = modes["cold"]
        cells.append(f"{cold['twin_rps']:.0f} / {cold['rps']:.0f}")
        lines.append("| " + " | ".join(cells) + " |")
    return [*lines, ""]


def write_report(report, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "benchmarks.json").write_text(json.dumps(report, indent=1, ensure_ascii=False))
    (folder / "benchmarks.md").write_text(markdown(report))
