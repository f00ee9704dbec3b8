"""Rate limits hold across gunicorn workers in the documented production set-up (counters in
Redis), and the server says loudly at start-up when it runs several workers on per-process
counters (memory://), where each worker would grant every address the whole budget again."""

from __future__ import annotations

import os
import urllib.error
import urllib.request
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from tests.local_services import redis_reachable, running_gunicorn

PROJECT_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REDIS = "redis://127.0.0.1:6379/0"
WARNING = "Rate limits are counted per worker"


@contextmanager
def gunicorn(tmp_path, workers: int, storage: str) -> Iterator[tuple[str, list[str]]]:
    """gunicorn as the README runs it (from the project directory, so gunicorn.conf.py applies),
    in production mode; yields the address and, once stopped, the server's log lines."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path}/limits.sqlite3",
           "SECRET_KEY": "rate-limit-test-secret-key", "RATELIMIT_STORAGE_URI": storage,
           # Counters of this run only, whatever else shares the Redis server.
           "FLASK_RATELIMIT_KEY_PREFIX": f"registry-test-{uuid.uuid4().hex}",
           "FLASK_SUBMISSION_ATTEMPT_LIMIT": "5 per minute"}
    for name in ("FLASK_DEBUG", "FLASK_RATELIMIT_ENABLED", "FLASK_RATELIMIT_STORAGE_URI"):
        env.pop(name, None)
    with running_gunicorn(env, workers) as (base, log):
        yield base, log


def post_submission(base: str) -> int:
    """An (invalid) submission: every POST spends the attempts budget, whatever it holds."""
    request = urllib.request.Request(base + "/api/v1/submissions", data=b"{}", method="POST",  # noqa: S310
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        error.close()
        return error.code


@pytest.mark.skipif(not redis_reachable() and os.environ.get("CI") != "true",
                    reason="needs Redis on 127.0.0.1:6379")
def test_the_documented_set_up_enforces_limits_across_workers(tmp_path):
    """gunicorn -w 2 with Redis counters: 20 quick submissions, exactly 5 get past 5 per minute
    (with memory:// counters the review saw 10 of 20 get through)."""
    with gunicorn(tmp_path, workers=2, storage=REDIS) as (base, log):
        statuses = Counter(post_submission(base) for _ in range(20))
    assert statuses == {422: 5, 429: 15}
    assert not any(WARNING in line for line in log)


def test_several_workers_on_per_process_counters_are_announced_loudly(tmp_path):
    with gunicorn(tmp_path, workers=2, storage="memory://") as (base, log):
        pass
    warnings = [line for line in log if WARNING in line]
    assert warnings, "\n".join(log)
    assert "RATELIMIT_STORAGE_URI" in warnings[0] and "2 workers" in warnings[0]


def test_one_worker_on_per_process_counters_is_fine(tmp_path):
    with gunicorn(tmp_path, workers=1, storage="memory://") as (base, log):
        assert post_submission(base) == 422
    assert not any(WARNING in line for line in log)


def test_production_installs_the_redis_client():
    """RATELIMIT_STORAGE_URI=redis://… needs the redis package in the app's own requirements."""
    import configparser

    setup = configparser.ConfigParser()
    setup.read(os.path.join(PROJECT_ROOT, "setup.cfg"))
    requirements = setup["options"]["install_requires"].split()
    assert any(line.startswith("redis") for line in requirements)
