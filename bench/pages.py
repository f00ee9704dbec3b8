"""Latency of the main pages and API calls on a large registry.

Usage:
    flask --app wsgi bench-data --bodies 100000            # once: builds instance/bench.sqlite3
    DATABASE_URL=sqlite:///$PWD/instance/bench.sqlite3 python bench/pages.py [--runs 30]

Requests go through the WSGI app in-process (no network), so the figures are server time:
the first request after a publication ("after pub.": the URL is requested once so its templates
are compiled, as in a running server, then every cached figure and page is dropped, as a new
data version does, and the next request is timed), then median and p95 of repeats, and
each median as a ratio of a bare /healthz request timed in the same run (machines are noisy;
the ratio travels better than milliseconds), beside the figures the performance issue measured
before (issue p95, issue cold). Every request is rendered (the page cache is off unless
--page-cache), because rendering is the server's work this measures.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

# p95 and cold figures (ms) the performance issue measured before this work, on 100,000 bodies.
ISSUE_P95 = {"/": 7, "/map": 16, "/gap": 19, "/organize": 34, "/bodies?q=local+1&sort=name": 143,
             "/bodies?q=local+1&sort=latest": 284, "/api/v1/resolutions?state=CA": 63,
             "/api/v1/actions?state=CA": 70, "/api/v1/bodies/{slug}": 46, "/bodies/{slug}": 38}
ISSUE_COLD = {"/bodies?q=local+1&sort=name": 1500, "/organize": 1100, "/gap": 1000}
GOAL_P95 = 50
GOAL_AFTER_PUBLICATION = 250
SEARCH_SORTS = ("name", "state", "tier", "latest", "members")
URLS = [
    "/healthz",
    "/",
    "/bodies",
    "/bodies?state=OH&tier=0",
    *(f"/bodies?q=local+1&sort={sort}" for sort in SEARCH_SORTS),
    "/bodies?q=local",  # matches about half the registry
    "/bodies?q=zz",  # shorter than a trigram, and matches nothing
    "/bodies?bill_family=general&dormant=true",
    "/bodies?page=200",
    "/bodies/{slug}",
    "/bills",
    "/gap",
    "/map",
    "/organize",
    "/organize?near=43215&radius_mi=25",
    "/data",
    "/feeds/published.atom?state=CA",
    "/api/v1/bodies?state=CA&per_page=100",
    "/api/v1/bodies?q=local+1",
    "/api/v1/bodies/{slug}",
    "/api/v1/resolutions?state=CA",
    "/api/v1/actions?state=CA",
    "/api/v1/bills",
    "/api/v1/stats/gap",
    "/api/v1/nearby?near=43215&radius_mi=25",
    "/api/v1/nearby?near=43215&radius_mi=100",
    "/api/v1/geo/bodies?zoom=4",
]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, round(share * (len(ordered) - 1)))
    return ordered[index]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--extra", nargs="*", default=[], help="more URLs to time")
    parser.add_argument("--only", nargs="*", default=[], help="time only URLs containing these")
    parser.add_argument("--page-cache", action="store_true",
                        help="serve repeats from the page cache (default: render every request, "
                             "which is the server's work this benchmark measures)")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        raise SystemExit("Set DATABASE_URL to the benchmark database (see the docstring).")

    from sqlalchemy import func, select

    from registry import cache, create_app, pagecache
    from registry.database import db
    from registry.models import Action, Body, Resolution

    app = create_app({"SECRET_KEY": "bench-" + "x" * 30, "RATELIMIT_ENABLED": False,
                      "PAGE_CACHE": args.page_cache})
    client = app.test_client()
    with app.app_context():
        slug = db.session.scalar(select(Body.slug).where(Body.endorsing.is_(True))
                                 .order_by(Body.id).offset(500).limit(1))
        sizes = [db.session.scalar(select(func.count()).select_from(m)) for m in (Body, Resolution, Action)]
    print(f"database: {sizes[0]:,} bodies, {sizes[1]:,} resolutions, {sizes[2]:,} actions; "
          f"{args.runs} runs per URL")
    results: dict[str, list[float]] = {}
    cold: dict[str, float] = {}
    urls = [u for u in URLS if not args.only or u == "/healthz" or any(o in u for o in args.only)]
    for template in urls + args.extra:
        url = template.format(slug=slug)
        client.get(url).get_data()  # compiles the page's templates, as a running server has
        cache.clear()
        with app.app_context():
            pagecache.clear()
        start = time.perf_counter()
        client.get(url).get_data()
        cold[url] = (time.perf_counter() - start) * 1000
        timings = []
        for _ in range(args.runs):
            start = time.perf_counter()
            response = client.get(url)
            response.get_data()
            timings.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        results[url] = timings
    base = statistics.median(results["/healthz"])
    print(f"{'URL':58} {'after pub.':>10} {'median ms':>10} {'p95 ms':>8} {'× healthz':>10} "
          f"{'issue p95':>10} {'issue cold':>11}")
    templates = {template.format(slug=slug): template for template in urls + args.extra}
    for url, timings in results.items():
        median, p95 = statistics.median(timings), percentile(timings, 0.95)
        template = templates[url]
        before = ISSUE_P95.get(template)
        before_cold = ISSUE_COLD.get(template)
        flag = "" if url == "/healthz" or p95 < GOAL_P95 else "  p95 over the goal"
        flag += "" if cold[url] < GOAL_AFTER_PUBLICATION else "  after pub. over the goal"
        print(f"{url[:58]:58} {cold[url]:10.1f} {median:10.1f} {p95:8.1f} {median / base:10.1f} "
              f"{before if before else '':>10} {before_cold if before_cold else '':>11}{flag}")
    print(f"Goal: p95 under {GOAL_P95} ms for every page and API call; first request after a "
          f"publication under {GOAL_AFTER_PUBLICATION} ms (after pub.).")


if __name__ == "__main__":
    main()
