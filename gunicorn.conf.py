"""gunicorn reads this file from the project directory (the README's production command runs
there). Its one job: say loudly at start-up when several workers would each count rate limits
in their own memory, so that every address gets the whole budget once per worker."""

from __future__ import annotations


def when_ready(server) -> None:
    from registry.config import per_worker_rate_limit_warning

    warning = per_worker_rate_limit_warning(server.cfg.workers)
    if warning:
        for line in warning.splitlines():
            server.log.warning(line)
