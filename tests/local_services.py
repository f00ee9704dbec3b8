"""What the suite needs to know about this machine's services and places."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from registry.geo import lookup

PROJECT_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def redis_reachable() -> bool:
    """Whether the local Redis answers (tests that need it fail in CI, where it always runs)."""
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


def city_place(text: str) -> dict:
    """Body columns placing a body at the gazetteer's point for 'City, ST'."""
    point = lookup(text).place.point
    city, state = text.split(", ")
    return {"latitude": point[0], "longitude": point[1], "geocode_precision": "city",
            "city": city, "state": state}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running_gunicorn(env: dict, workers: int, *options: str) -> Iterator[tuple[str, list[str]]]:
    """The app under gunicorn with `workers` processes, from the project directory (so
    gunicorn.conf.py applies); yields its address and, once stopped, its log lines."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
         "--no-control-socket", *options, "wsgi:app"],
        cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    log: list[str] = []
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(base + "/healthz", timeout=5) as response:  # noqa: S310
                    if response.status == 200:
                        break
            except OSError:  # refused, reset or timed out while the workers boot
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"gunicorn did not start: {server.stdout.read().decode()}")
            time.sleep(0.2)
        yield base, log
    finally:
        server.terminate()
        try:
            output, _ = server.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            output, _ = server.communicate()
        log.extend(output.decode().splitlines())
