"""Write bench/run.py's figures as docs/benchmarks.md (tables, bars) and benchmarks.json."""

import json
from pathlib import Path

BARS = {
    "cached": 0.9,
    "not_modified": 1.0,
    "handwritten": 0.75,
    "growth": 0.8,
    "search_ms": 5.0,
    "rss_mb": 150.0,
}


MODE_COLUMNS = ["cold", "cached", "not_modified"]


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
    """Return (bar, where, passed) for every bar the run can judge (docs/benchmarks.md)."""
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
                for mode in MODE_COLUMNS:
                    errors = entry.get(mode, {}).get("non_2xx", 0) + entry.get(mode, {}).get(
                        "socket_errors", 0
                    )
                    if errors:
                        check("0 errors", f"{where} {name} {mode}: {errors}", False)
                if name.startswith(("trivial", "hand-written")):
                    continue
                for mode, label in (("cached", "cache hit"), ("not_modified", "304")):
                    if mode in entry:
                        ratio, bar = entry[mode]["ratio"], BARS[mode]
                        check(f"{label} ≥ {bar}", f"{where} {name} {ratio:.2f}", ratio >= bar)
                if "vs_handwritten" in entry:
                    ratio = entry["vs_handwritten"]
                    check(
                        "DRF ≥ 0.75 × hand-written",
                        f"{where} {name} {ratio:.2f}",
                        ratio >= BARS["handwritten"],
                    )
            if run["films"] == max(sizes):
                for mode in ("cold", "cached"):
                    rss = run.get(f"peak_rss_mb_{mode}", 0)
                    check(
                        "peak RSS of the server process ≤ 150 MB",
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
        "Measured by `bench/run.py`; repeat with `make bench` (over an hour on 2 cores) or "
        "`make bench-smoke` (a few minutes, what CI runs). Ratios are dynamic ÷ static twin, the "
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
        "Modes: **cold** — the page cache off, every request passes the whole middleware "
        "stack and renders its page (templates or serializers and every query); **cache "
        "hit** — answered by the page cache; **304** — a revalidation answered from the "
        "content version. The cache-hit and 304 columns are judged against the ratio bars "
        f"(≥ {BARS['cached']} and ≥ {BARS['not_modified']} × the twin, ✓/✗); cold, what "
        "rendering itself costs, is judged for growth (10,000 ÷ 100 films) and for DRF "
        "against the hand-written JsonResponse, and not against the static twin.",
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
                "| URL | cold ÷ twin | cache hit ÷ twin | 304 ÷ twin | "
                "cold req/s | p50 / p99 ms (cold) | twin req/s |",
                "|---|---:|---:|---:|---:|---:|---:|",
            ]
            for name, entry in run["urls"].items():
                shown = entry["cold"]
                ratios = {m: entry.get(m, {}).get("ratio") for m in MODE_COLUMNS}
                cells = [
                    name,
                    _fmt(ratios["cold"]),
                    *(
                        _fmt(ratios[mode])
                        + _mark(None if ratios[mode] is None else ratios[mode] >= BARS[mode])
                        for mode in ("cached", "not_modified")
                    ),
                    f"{shown['rps']:.0f}",
                    f"{shown['p50_ms']:.1f} / {shown['p99_ms']:.1f}",
                    f"{shown['twin_rps']:.0f}",
                ]
                lines.append("| " + " | ".join(cells) + " |")
            extras = [
                "peak RSS of the server process: "
                + ", ".join(
                    f"{run[f'peak_rss_mb_{mode}']:.0f} MB {mode}"
                    for mode in ("cold", "cached")
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
        f"| URL | cold | cold req/s ({small} / {large}) |",
        "|---|---:|---:|",
    ]
    for name, modes in growth["urls"].items():
        cold = modes["cold"]
        cells = [
            name,
            _fmt(cold["ratio"]) + _mark(cold["ratio"] >= BARS["growth"]),
            f"{cold['twin_rps']:.0f} / {cold['rps']:.0f}",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return [*lines, ""]


def write_report(report, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "benchmarks.json").write_text(json.dumps(report, indent=1, ensure_ascii=False))
    (folder / "benchmarks.md").write_text(markdown(report))
