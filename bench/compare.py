"""Cold rendering side by side with an earlier commit: in-process, in interleaved rounds.

Makes a temporary git worktree of COMMIT (by default d5b0f6f, the code before the
redesign) with its own virtual environment (`make install` there, with this tree's uv),
and gives each tree its own SQLite file with the nine works (`manage.py migrate`,
`load_films`) and its own static files. Then, in rounds, each tree in turn (old then new,
new then old in the next round) runs a fresh process of its own Python that asks every
URL below of Django's test client, production settings, the page cache off (and the
render cache too, for a tree that still has one): warm-up requests first, then the timed
ones. Figures per URL: the median over the rounds of each round's median milliseconds
per request, as process CPU time (time.process_time: what the request costs this
process, the figure that survives a shared machine) and as wall time; and the median of
the per-round ratios new ÷ old, judged against --bar (1.15). The export keeps its
document in the cache, so the cache is cleared before each export request, untimed.

With --curator, every request is a signed-in curator's and both trees run with their
caches as production does (the page cache on; the old tree's render cache on too): what
a curator's page view costs in each.

    .venv/bin/python bench/compare.py                       # this tree against d5b0f6f
    .venv/bin/python bench/compare.py --commit b858745 --rounds 7 --requests 80
    .venv/bin/python bench/compare.py --old-tree /tmp/old   # a tree already installed
    .venv/bin/python bench/compare.py --curator             # signed in, caches on

Exits 1 when a URL with a bar (film detail, quotes, API film list) misses it in CPU time
(not with --curator, which has no bar).
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# name, path, is_api. The first three are the ones the redesign issue sets a bar for.
COMPARED = [
    ("film detail", "/films/wheat-harvest/", False),
    ("quotes", "/quotes/", False),
    ("API film list", "/api/v1/films/", True),
    ("home", "/", False),
    ("film list", "/films/", False),
    ("film detail, Chinese", "/zh-hans/films/wheat-harvest/", False),
    ("theme", "/themes/humans-and-ai/", False),
    ("person", "/people/jia-zhangke/", False),
    ("search", "/search/?q=AI", False),
    ("API film detail", "/api/v1/films/wheat-harvest/", True),
    ("export", "/api/v1/export/", True),
]
BARRED = ("film detail", "quotes", "API film list")
EXPORT = "/api/v1/export/"
CURATOR = "bench-curator"


# -- In each tree: one process per round ----------------------------------------------


def worker(output: Path, requests: int, warmup: int, curator: bool) -> None:
    """Measure every URL with the test client of the tree this process runs in (cwd)."""
    sys.path[0] = os.getcwd()  # that tree's code, not this file's folder
    import django  # noqa: PLC0415

    django.setup()
    from django.core.cache import cache  # noqa: PLC0415
    from django.db import connection  # noqa: PLC0415
    from django.test import Client  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    client = Client(HTTP_HOST="127.0.0.1")
    if curator:
        from django.contrib.auth import get_user_model  # noqa: PLC0415

        client.force_login(get_user_model().objects.get(username=CURATOR))
    figures = {}
    for name, path, is_api in COMPARED:
        headers = {"HTTP_ACCEPT": "application/json"} if is_api else {}

        def get(path=path, headers=headers):
            if path == EXPORT:
                cache.clear()
            return client.get(path, **headers)

        for _ in range(warmup):
            get()
        if path == EXPORT:
            cache.clear()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path, **headers)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
        queries = len(captured.captured_queries)
        cpu, wall = [], []
        for _ in range(requests):
            if path == EXPORT:
                cache.clear()
            started_cpu, started_wall = time.process_time(), time.perf_counter()
            client.get(path, **headers)
            cpu.append((time.process_time() - started_cpu) * 1000)
            wall.append((time.perf_counter() - started_wall) * 1000)
        figures[name] = {
            "cpu_ms": statistics.median(cpu),
            "wall_ms": statistics.median(wall),
            "queries": queries,
            "bytes": len(response.content),
        }
    output.write_text(json.dumps(figures))


# -- Here: the trees, their data, the rounds -------------------------------------------


def run(command: list[str], cwd: Path, env: dict | None = None) -> str:
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(
            f"{' '.join(command)} (in {cwd}) failed:\n"
            f"{result.stdout[-2000:]}{result.stderr[-3000:]}"
        )
    return result.stdout


def make_old_tree(commit: str, folder: Path) -> Path:
    """Check COMMIT out into `folder` and install its locked dependencies there."""
    uv = ROOT / ".tools" / "bin" / "uv"
    if not uv.exists():
        raise SystemExit(f"{uv} is missing: run `make install` in {ROOT} first")
    run(["git", "worktree", "add", "--detach", str(folder), commit], ROOT)
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "MAKEFLAGS")}
    run(["make", "install", f"UV={uv}"], folder, env)
    return folder


def tree_env(name: str, workdir: Path, *, old: bool, curator: bool) -> dict:
    from bench.harness import production_env  # noqa: PLC0415

    env = production_env(
        f"sqlite:///{workdir}/{name}.sqlite3",
        workdir / f"var-{name}",
        FILMBASE_STATIC_ROOT=str(workdir / f"static-{name}"),
        FILMBASE_API_ANON_RATE="off",
        FILMBASE_API_USER_RATE="off",
    )
    env.pop("VIRTUAL_ENV", None)
    env.pop("PYTHONPATH", None)
    if not curator:
        env["FILMBASE_PUBLIC_CACHE"] = "off"
        if old:
            env["FILMBASE_RENDER_CACHE"] = "off"  # the render cache, retired since
    return env


def prepare(tree: Path, env: dict, curator: bool) -> None:
    python = str(tree / ".venv" / "bin" / "python")
    commands = [
        ["migrate", "--no-input"],
        ["load_films"],
        ["collectstatic", "--no-input", "--verbosity", "0"],
    ]
    if curator:
        commands.append(["createcurator", "--username", CURATOR, "--noinput"])
    password = {"FILMBASE_CURATOR_PASSWORD": "benchmark-only-" + os.urandom(8).hex()}
    for command in commands:
        run([python, "manage.py", *command], tree, {**env, **password})


def measure(tree: Path, env: dict, args, workdir: Path) -> dict:
    output = workdir / "figures.json"
    run(
        [
            str(tree / ".venv" / "bin" / "python"),
            str(Path(__file__).resolve()),
            "--worker",
            str(output),
            "--requests",
            str(args.requests),
            "--warmup",
            str(args.warmup),
            *(["--curator"] if args.curator else []),
        ],
        tree,
        env,
    )
    return json.loads(output.read_text())


def revision(tree: Path) -> str:
    short = run(["git", "rev-parse", "--short", "HEAD"], tree).strip()
    dirty = run(["git", "status", "--porcelain", "--untracked-files=no"], tree).strip()
    return short + (" with uncommitted changes" if dirty else "")


def summarise(rounds: list[dict], bar: float) -> dict:
    """Return, per URL, the medians over the rounds and the median per-round ratios."""
    summary = {}
    for name, _path, _is_api in COMPARED:
        entry = {}
        for figure in ("cpu_ms", "wall_ms"):
            old = [r["old"][name][figure] for r in rounds]
            new = [r["new"][name][figure] for r in rounds]
            ratio = statistics.median(n / o for n, o in zip(new, old, strict=True))
            entry[figure] = {
                "old": statistics.median(old),
                "new": statistics.median(new),
                "ratio": ratio,
                "ratios": [round(n / o, 3) for n, o in zip(new, old, strict=True)],
                "passed": ratio <= bar,
            }
        last = rounds[-1]
        entry["queries"] = {
            "old": last["old"][name]["queries"],
            "new": last["new"][name]["queries"],
        }
        summary[name] = entry
    return summary


def table(summary: dict, bar: float | None) -> str:
    """Return the figures as Markdown; ratios are judged against `bar` unless it is None."""
    mark = {True: " ✓", False: " ✗"} if bar else {True: "", False: ""}
    lines = [
        "| URL | CPU ms old | CPU ms new | new ÷ old (CPU) | wall ms old | wall ms new "
        "| new ÷ old (wall) | queries old / new |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, entry in summary.items():
        cpu, wall = entry["cpu_ms"], entry["wall_ms"]
        lines.append(
            f"| {name}{' (bar)' if bar and name in BARRED else ''} "
            f"| {cpu['old']:.2f} | {cpu['new']:.2f} | {cpu['ratio']:.2f}{mark[cpu['passed']]} "
            f"| {wall['old']:.2f} | {wall['new']:.2f} | {wall['ratio']:.2f}{mark[wall['passed']]} "
            f"| {entry['queries']['old']} / {entry['queries']['new']} |"
        )
    return "\n".join(lines) + (f"\n\n✓: new ÷ old ≤ {bar}.\n" if bar else "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--commit", default="d5b0f6f", help="the old code (default d5b0f6f)")
    parser.add_argument("--old-tree", type=Path, help="an installed checkout to use instead")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--requests", type=int, default=50, help="timed requests per URL")
    parser.add_argument("--warmup", type=int, default=5, help="untimed requests first")
    parser.add_argument("--bar", type=float, default=1.15)
    parser.add_argument("--json", type=Path, help="write every figure here")
    parser.add_argument("--keep", action="store_true", help="keep the worktree and data")
    parser.add_argument(
        "--curator", action="store_true", help="signed in as a curator, caches as in production"
    )
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.requests, args.warmup, args.curator)
        return
    sys.path.insert(0, str(ROOT))

    workdir = Path(tempfile.mkdtemp(prefix="filmbase-compare-"))
    made_tree = None
    try:
        if args.old_tree:
            old_tree = args.old_tree.resolve()
        else:
            print(f"checking out {args.commit} and installing it in {workdir}/old", flush=True)
            old_tree = made_tree = make_old_tree(args.commit, workdir / "old")
        trees = {"old": old_tree, "new": ROOT}
        envs = {
            name: tree_env(name, workdir, old=name == "old", curator=args.curator) for name in trees
        }
        for name, tree in trees.items():
            print(f"loading the nine works for {name} ({tree})", flush=True)
            prepare(tree, envs[name], args.curator)
        rounds = []
        for number in range(args.rounds):
            order = ["old", "new"] if number % 2 == 0 else ["new", "old"]
            rounds.append({name: measure(trees[name], envs[name], args, workdir) for name in order})
            print(f"round {number + 1} of {args.rounds} done", flush=True)
        summary = summarise(rounds, args.bar)
        print()
        print(
            f"old: {args.commit if made_tree else old_tree} ({revision(old_tree)}), "
            f"new: {revision(ROOT)}; {args.rounds} rounds × {args.requests} requests per URL "
            f"after {args.warmup}{', signed in as a curator' if args.curator else ''}; "
            f"load average {os.getloadavg()[0]:.1f}\n"
        )
        print(table(summary, None if args.curator else args.bar))
        if args.json:
            figures = {
                "old": revision(old_tree),
                "new": revision(ROOT),
                "args": {k: str(v) for k, v in vars(args).items()},
                "summary": summary,
                "rounds": rounds,
            }
            args.json.write_text(json.dumps(figures, indent=1, ensure_ascii=False) + "\n")
    finally:
        if args.keep:
            print(f"kept: {workdir}")
        else:
            if made_tree:
                run(["git", "worktree", "remove", "--force", str(made_tree)], ROOT)
            shutil.rmtree(workdir, ignore_errors=True)
    if not args.curator and not all(summary[name]["cpu_ms"]["passed"] for name in BARRED):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
