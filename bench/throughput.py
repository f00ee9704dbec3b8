"""Throughput of cached public pages beside /healthz, under gunicorn with two workers.

Usage:
    python bench/throughput.py                      # a fresh seeded SQLite registry in a temp folder
    python bench/throughput.py --page-cache off     # the same, rendering every page (the baseline)
    python bench/throughput.py --redis redis://127.0.0.1:6379/0   # pages kept in Redis
    python bench/throughput.py --database-url sqlite:///…/bench.sqlite3   # an existing registry

Starts gunicorn -w 2 as the README runs it (production mode, from the project folder), fills
each worker's page store with a few warm-up requests, then loads each URL for --seconds with
wrk (Debian's `wrk` package) or, without it, a small load generator of threads and http.client.
/healthz is measured right before each page, in the same run; each page's requests per second
are printed as a share of that /healthz figure (the goal: at least 0.5). The load generator runs
on the same machine as the server, so absolute figures depend on the machine; the share travels.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid

PROJECT_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
URLS = ["/", "/bodies", "/bodies?state=CA", "/map", "/gap", "/organize", "/bills", "/data",
        "/districts"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def seeded_database(folder: str) -> str:
    url = f"sqlite:///{folder}/throughput.sqlite3"
    env = {**os.environ, "DATABASE_URL": url, "FLASK_DEBUG": "1"}
    flask = [sys.executable, "-m", "flask", "--app", "wsgi"]
    for command in (["db", "upgrade"], ["seed"]):
        subprocess.run(flask + command, cwd=PROJECT_ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return url


def start_server(url: str, port: int, page_cache: bool, redis: str | None) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "throughput-bench-" + "x" * 20,
           "PAGE_CACHE": "true" if page_cache else "false",
           "FLASK_RATELIMIT_ENABLED": "false"}
    env.pop("FLASK_DEBUG", None)
    env.pop("CACHE_REDIS_URL", None)
    if redis:
        env["CACHE_REDIS_URL"] = redis
        env["FLASK_CACHE_KEY_PREFIX"] = f"registry-bench-{uuid.uuid4().hex}:"
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--workers", "2", "--bind", f"127.0.0.1:{port}",
         "--no-control-socket", "--log-level", "warning", "wsgi:app"],
        cwd=PROJECT_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5):  # noqa: S310
                return server
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("gunicorn did not start") from None
            time.sleep(0.3)


def with_wrk(base: str, path: str, seconds: float, connections: int) -> float:
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds:g}s", base + path],
        check=True, capture_output=True, text=True).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        raise SystemExit(f"{path}: {errors.group(1)} failed requests under load")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def with_threads(base: str, path: str, seconds: float, connections: int) -> float:
    """Keep-alive connections, each in its own thread, requesting as fast as answers come."""
    host, port = base.removeprefix("http://").split(":")
    done = [0] * connections
    stop = time.monotonic() + seconds

    def worker(slot: int) -> None:
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        while time.monotonic() < stop:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                raise SystemExit(f"{path} answered {response.status}")
            done[slot] += 1
        connection.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(connections)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / (time.monotonic() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="an existing registry (default: a fresh seeded one)")
    parser.add_argument("--page-cache", choices=("on", "off"), default="on")
    parser.add_argument("--redis", help="keep pages in this Redis (CACHE_REDIS_URL)")
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", action="store_true", help="the Python load generator, even with wrk")
    args = parser.parse_args()
    load = with_threads if args.threads or not shutil.which("wrk") else with_wrk
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or seeded_database(folder)
        port = free_port()
        server = start_server(url, port, args.page_cache == "on", args.redis)
        base = f"http://127.0.0.1:{port}"
        try:
            for path in URLS:  # fill both workers' stores (or Redis)
                for _ in range(6):
                    with urllib.request.urlopen(base + path, timeout=120) as response:  # noqa: S310
                        response.read()
            print(f"gunicorn -w 2, page cache {args.page_cache}"
                  f"{' in Redis' if args.redis else ''}, {load.__name__.replace('_', ' ')}, "
                  f"{args.connections} connections, {args.seconds:g} s per URL")
            pairs = {path: (load(base, "/healthz", args.seconds, args.connections),
                            load(base, path, args.seconds, args.connections)) for path in URLS}
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"{'URL':20} {'/healthz req/s':>15} {'page req/s':>11} {'page ÷ /healthz':>16}")
    for path, (health, rate) in pairs.items():
        print(f"{path:20} {health:15.0f} {rate:11.0f} {rate / health:16.2f}")
    shares = sorted(rate / health for health, rate in pairs.values())
    print(f"lowest share {shares[0]:.2f}, median {shares[len(shares) // 2]:.2f} (goal: at least 0.5)")

if __name__ == "__main__":
    main()
