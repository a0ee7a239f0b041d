"""Compare WSGI servers for filmbase side by side, in one run (docs/benchmarks.md).

Serves one database with each server at once: the one bin/start runs, stock gunicorn
gthread and, with --old-worker REV, filmbase's former gunicorn worker class (a gthread
subclass that buffered request heads) taken from filmbase/workers.py in git at REV.
Then, for each URL, rounds of wrk interleave the servers (the same URL on each in turn),
and the figure reported is the median of the per-round ratios to the first server.
Also: each server's peak memory, and whether it answers a normal request within 0.5 s
while ten clients send their heads and ten their bodies a byte every 0.5 s.

gunicorn is not a dependency of filmbase; run with it added for this run:

    .tools/bin/uv run --with 'gunicorn==27.0.1' python bench/servers.py --old-worker d5b0f6f
"""

import argparse
import contextlib
import json
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.harness import PYTHON, Server, collect_static, fetch, manage, production_env  # noqa: E402
from bench.wrk import wrk  # noqa: E402

URLS = [("cached page", "/"), ("/healthz", "/healthz"), ("static file", None)]


def gunicorn(worker_class: str, args) -> list[str]:
    return [
        PYTHON,
        "-m",
        "gunicorn",
        "--workers",
        str(args.workers),
        "--threads",
        str(args.threads),
        "--worker-class",
        worker_class,
        "--keep-alive",
        "5",
        "--bind",
        "127.0.0.1:{port}",
        "filmbase.wsgi",
    ]


def slow_clients(port: int, seconds: float = 3.0) -> dict:
    """Ten slow heads and ten slow bodies; time normal requests meanwhile."""
    head = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slow\r\n\r\n"
    post = (
        b"POST /api/v1/auth/token/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
    )
    slow = []
    for _ in range(10):
        slow.append((socket.create_connection(("127.0.0.1", port), timeout=5), head, 0))
    for _ in range(10):
        sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        sock.sendall(post)
        slow.append((sock, b"x" * 1000, 0))
    stop = threading.Event()

    def dribble():
        sent = 0
        while not stop.wait(0.5):
            for sock, data, _ in slow:
                with contextlib.suppress(OSError):  # a server may give up on one
                    sock.send(data[sent : sent + 1])
            sent += 1

    dribbler = threading.Thread(target=dribble, daemon=True)
    dribbler.start()
    timings = []
    try:
        time.sleep(1)
        ended = time.monotonic() + seconds
        while time.monotonic() < ended:
            started = time.monotonic()
            try:
                status = fetch(f"http://127.0.0.1:{port}/", timeout=10)[0]
            except OSError:
                status = 0
            timings.append((status, time.monotonic() - started))
            time.sleep(0.5)
    finally:
        stop.set()
        dribbler.join()
        for sock, _, _ in slow:
            sock.close()
    return {
        "answered": sum(status == 200 for status, _ in timings),
        "asked": len(timings),
        "slowest_s": round(max(seconds for _, seconds in timings), 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--old-worker", metavar="REV", help="git revision with filmbase/workers.py")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn processes")
    parser.add_argument("--threads", type=int, default=4, help="gunicorn threads per process")
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--output", help="write the figures here as JSON")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="filmbase-servers-") as workdir:
        workdir = Path(workdir)
        static = collect_static(
            workdir / "static", "tests.system.collect_settings", workdir / "collect"
        )
        env = production_env(f"sqlite:///{workdir}/db.sqlite3", workdir / "var")
        env.update(FILMBASE_STATIC_ROOT=str(static), FILMBASE_API_ANON_RATE="off")
        manage(env, "migrate", "--no-input")
        manage(env, "load_films")
        candidates = {"waitress (bin/start)": None, "gunicorn gthread": gunicorn("gthread", args)}
        if args.old_worker:
            old = workdir / "old" / "oldworkers.py"
            old.parent.mkdir()
            source = ["git", "show", f"{args.old_worker}:filmbase/workers.py"]
            shown = subprocess.run(source, cwd=ROOT, capture_output=True, text=True, check=True)
            old.write_text(shown.stdout)
            worker = re.search(r"^class (\w+)\(ThreadWorker\)", shown.stdout, re.MULTILINE)[1]
            candidates[f"former worker ({args.old_worker})"] = gunicorn(
                f"oldworkers.{worker}", args
            )
        servers = {}
        try:
            for name, command in candidates.items():
                server = Server(
                    {**env, "PYTHONPATH": str(workdir / "old")},
                    static_root=static,
                    command=command,
                )
                if command:
                    server.command = [part.format(port=server.port) for part in command]
                servers[name] = server.start()
            static_url = next(
                f"/static/{name}"
                for name in json.loads((static / "staticfiles.json").read_text())["paths"].values()
                if name.endswith(".css")
            )
            figures = {name: {"rps": {}, "p99_ms": {}} for name in servers}
            for label, path in URLS:
                path = path or static_url
                for server in servers.values():
                    wrk(server.base + path, 1, args.connections)  # warm-up
                rounds = []
                for _ in range(args.rounds):
                    rounds.append(
                        {
                            name: wrk(server.base + path, args.seconds, args.connections)
                            for name, server in servers.items()
                        }
                    )
                first = next(iter(servers))
                for name in servers:
                    figures[name]["rps"][label] = statistics.median(r[name]["rps"] for r in rounds)
                    figures[name]["p99_ms"][label] = statistics.median(
                        r[name]["p99_ms"] for r in rounds
                    )
                    figures[name].setdefault("ratio", {})[label] = statistics.median(
                        r[name]["rps"] / r[first]["rps"] for r in rounds
                    )
                    errors = sum(r[name]["non_2xx"] + r[name]["socket_errors"] for r in rounds)
                    figures[name].setdefault("errors", {})[label] = errors
                print(label, {n: round(f["rps"][label]) for n, f in figures.items()}, flush=True)
            for name, server in servers.items():
                peaks = server.memory("VmHWM")
                figures[name]["peak_rss_mb"] = {
                    pid: round(size / 1024**2, 1) for pid, size in peaks.items()
                }
                # With the master of worker processes, when there is one.
                status = Path(f"/proc/{server.process.pid}/status").read_text()
                master = (
                    0
                    if server.process.pid in peaks
                    else int(status.split("VmHWM:")[1].split()[0]) * 1024
                )
                figures[name]["total_peak_rss_mb"] = round(
                    (sum(peaks.values()) + master) / 1024**2, 1
                )
                figures[name]["slow_clients"] = slow_clients(server.port)
        finally:
            for server in servers.values():
                server.close()
    print(json.dumps(figures, indent=1))
    if args.output:
        Path(args.output).write_text(json.dumps(figures, indent=1) + "\n")


if __name__ == "__main__":
    main()
