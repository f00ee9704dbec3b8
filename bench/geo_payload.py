"""Payload size and latency of /api/v1/geo/bodies (and /geo/states) at every zoom level.

Build a synthetic database first, then point the app at it:

    flask --app wsgi bench-data --bodies 100000
    DATABASE_URL=sqlite:///instance/bench.sqlite3 python bench/geo_payload.py

Requests go through the app in-process (Flask's test client), so the figures are the app's own
time: query, clustering and JSON encoding, without network or server overhead. For each zoom it
asks for a 1280×800-pixel view centred on several places (dense cities, the middle of the
country) and for the whole world, and prints the largest response, the latency of the first
request of each view with the figure cache emptied ("cold"), and p50/p95 over all requests.
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time

from sqlalchemy import func, select

from registry import cache, create_app
from registry.database import db
from registry.models import Body

LIMIT_BYTES = 100_000
# The largest response the performance issue measured before this work: 150 KB, at zoom 11.
ISSUE_LARGEST_KB = 150
CENTRES = {
    "New York": (40.71, -74.0),
    "Chicago": (41.88, -87.63),
    "Los Angeles": (34.05, -118.24),
    "middle of the US": (39.5, -98.35),
}


def viewport(lat: float, lon: float, zoom: int, width: int = 1280, height: int = 800) -> str:
    """The bbox a map of this many pixels shows around a point (Web Mercator, 256-pixel tiles)."""
    scale = 256 * 2 ** zoom
    siny = math.sin(math.radians(lat))
    x = (lon + 180) / 360 * scale
    y = (0.5 - math.log((1 + siny) / (1 - siny)) / (4 * math.pi)) * scale

    def degrees(px: float, py: float) -> tuple[float, float]:
        return (math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * py / scale)))), px / scale * 360 - 180)

    north, west = degrees(max(x - width / 2, 0), max(y - height / 2, 0))
    south, east = degrees(min(x + width / 2, scale), min(y + height / 2, scale))
    return f"{max(west, -180):.4f},{max(south, -90):.4f},{min(east, 180):.4f},{min(north, 90):.4f}"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1)]


def measure(client, url: str, repeat: int) -> tuple[int, list[float], dict]:
    """Largest response size, latencies in ms (the first with the figure cache emptied), and the
    payload's meta (with its feature count)."""
    timings = []
    size = 0
    meta: dict = {}
    cache.clear()
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            body = response.get_data(as_text=True)[:300]
            raise SystemExit(f"{url} answered {response.status_code}: {body}")
        size = max(size, len(response.get_data()))
        payload = response.get_json(force=True)
        meta = {**payload.get("meta", {}), "features": len(payload.get("features", []))}
    return size, timings, meta


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="requests per view (default 15)")
    parser.add_argument("--min-zoom", type=int, default=0)
    parser.add_argument("--max-zoom", type=int, default=12, help="the map's own maximum is 12")
    args = parser.parse_args()

    app = create_app({"TESTING": True})
    client = app.test_client()
    with app.app_context():
        bodies = db.session.scalar(select(func.count()).select_from(Body))
        located = db.session.scalar(select(func.count()).where(Body.latitude.is_not(None)))
        engine = db.engine.dialect.name
    print(f"Database: {engine}, {bodies:,} bodies ({located:,} with a place).")
    if bodies < 50_000:
        print("Warning: fewer than 50,000 bodies; build the benchmark database with bench-data.",
              file=sys.stderr)
    client.get("/api/v1/geo/bodies?zoom=4")  # warm caches (state shapes, statement cache)

    print(f"\n{'zoom':>4}  {'largest':>9}  {'features':>8}  {'kind':<16} {'cold ms':>8} "
          f"{'p50 ms':>7}  {'p95 ms':>7}")
    worst = 0
    all_timings: list[float] = []
    for zoom in range(args.min_zoom, args.max_zoom + 1):
        views = [viewport(lat, lon, zoom) for lat, lon in CENTRES.values()] + ["-180,-90,180,90"]
        timings: list[float] = []
        cold: list[float] = []
        largest, features, kinds = 0, 0, set()
        for bbox in views:
            size, times, meta = measure(client, f"/api/v1/geo/bodies?zoom={zoom}&bbox={bbox}", args.repeat)
            timings += times
            cold.append(times[0])
            if size > largest:
                largest = size
            features = max(features, meta["features"])
            kinds.add("clusters" if meta.get("clustered") else "points")
        worst = max(worst, largest)
        all_timings += timings
        print(f"{zoom:>4}  {largest / 1000:>7.1f}KB  {features:>8}  {'+'.join(sorted(kinds)):<16} "
              f"{max(cold):>8.1f} {statistics.median(timings):>7.1f}  {percentile(timings, 0.95):>7.1f}")

    print()
    filtered = "/api/v1/geo/bodies?zoom=5&bbox=" + viewport(39.5, -98.35, 5) + "&tier=3&level=local"
    for label, url in (("bodies, tier=3&level=local, zoom 5", filtered),
                       ("states with outlines", "/api/v1/geo/states"),
                       ("states, figures only", "/api/v1/geo/states?shapes=false")):
        size, times, _ = measure(client, url, args.repeat)
        print(f"{label}: {size / 1000:.1f} KB, cold {times[0]:.1f} ms, "
              f"p50 {statistics.median(times):.1f} ms, p95 {percentile(times, 0.95):.1f} ms")
    print(f"\nAll /geo/bodies views: p50 {statistics.median(all_timings):.1f} ms, "
          f"p95 {percentile(all_timings, 0.95):.1f} ms; largest response {worst / 1000:.1f} KB "
          f"(limit {LIMIT_BYTES / 1000:.0f} KB; the issue measured {ISSUE_LARGEST_KB} KB at zoom 11).")
    return 0 if worst < LIMIT_BYTES else 1


if __name__ == "__main__":
    sys.exit(main())
