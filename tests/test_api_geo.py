"""GeoJSON for the map: /api/v1/geo/states and /api/v1/geo/bodies."""

from __future__ import annotations

import json
import math
import random
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, insert, select

from registry.database import db
from registry.mapview import grid, services
from registry.mapview.grid import BBox
from registry.models import Body
from registry.vocab import LENGTHS, STATE_CODES

# Where the bulk bodies gather: a few dense metropolitan areas, plus a spread over the country.
CENTRES = ((40.71, -74.0), (41.88, -87.63), (34.05, -118.24), (37.77, -122.42), (39.96, -83.0))
MAX_BYTES = 100_000


def bulk_bodies(count: int, seed: int = 1, name_length: int = 30, fill: str = "x") -> None:
    """Insert `count` bodies in one Core statement: a fifth at a handful of identical points
    (like bodies placed at a state's centre), the rest around cities and across the country."""
    rng = random.Random(seed)
    rows = []
    for n in range(count):
        draw = rng.random()
        if draw < 0.2:
            lat, lon = CENTRES[n % len(CENTRES)]
        elif draw < 0.7:
            lat, lon = CENTRES[rng.randrange(len(CENTRES))]
            lat, lon = lat + rng.gauss(0, 0.3), lon + rng.gauss(0, 0.3)
        else:
            lat, lon = rng.uniform(25, 49), rng.uniform(-124, -67)
        endorsing = rng.random() < 0.8
        rows.append({
            "slug": f"bulk-{seed}-{n}", "name": f"Bulk Local {n} ".ljust(name_length, fill)[:name_length],
            "level": "local", "affiliation": "SEIU", "state": "OH", "latitude": lat, "longitude": lon,
            "geocode_precision": "city", "endorsing": endorsing, "tier": rng.choice((0, 0, 0, 1, 2, 3, 4)),
            "last_activity_on": date(2015 + n % 10, 1 + n % 12, 1),
        })
    db.session.execute(insert(Body), rows)
    db.session.commit()


def collection(response) -> dict:
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "application/geo+json"
    return json.loads(response.get_data())


def positions(geometry: dict):
    """Every [lon, lat] position of a Point, Polygon or MultiPolygon."""
    if geometry["type"] == "Point":
        yield geometry["coordinates"]
    elif geometry["type"] == "Polygon":
        for ring in geometry["coordinates"]:
            yield from ring
    elif geometry["type"] == "MultiPolygon":
        for polygon in geometry["coordinates"]:
            for ring in polygon:
                yield from ring
    else:
        raise AssertionError(f"unexpected geometry {geometry['type']}")


def assert_valid_geojson(data: dict) -> None:
    assert data["type"] == "FeatureCollection"
    assert isinstance(data["features"], list)
    for feature in data["features"]:
        assert feature["type"] == "Feature"
        assert isinstance(feature["properties"], dict)
        if feature["geometry"] is None:
            continue
        for lon, lat in positions(feature["geometry"]):
            assert -180 <= lon <= 180 and -90 <= lat <= 90
        if feature["geometry"]["type"] != "Point":
            polygons = feature["geometry"]["coordinates"]
            if feature["geometry"]["type"] == "Polygon":
                polygons = [polygons]
            for polygon in polygons:
                for ring in polygon:
                    assert len(ring) >= 4 and ring[0] == ring[-1], "linear rings are closed"


def test_states_are_valid_geojson_with_every_state_and_its_gap(client, make_body, make_resolution,
                                                               make_action):
    """Every state comes back with its outline and gap figures; states without endorsers have a null gap."""
    for n in range(3):
        body = make_body(state="OH")
        make_resolution(body)
        if n == 0:
            make_action(body, "rally_or_march")
    data = collection(client.get("/api/v1/geo/states"))
    assert_valid_geojson(data)
    by_code = {feature["id"]: feature for feature in data["features"]}
    assert set(by_code) == set(STATE_CODES)
    ohio = by_code["OH"]["properties"]
    assert (ohio["name"], ohio["endorsing"], ohio["mobilized"], ohio["not_mobilized"]) == ("Ohio", 3, 1, 2)
    assert ohio["gap"] == pytest.approx(2 / 3, abs=1e-4)
    assert ohio["gap_class"] == 1  # the 50% to 69% class
    wyoming = by_code["WY"]["properties"]
    assert (wyoming["endorsing"], wyoming["gap"], wyoming["gap_class"]) == (0, None, None)
    assert by_code["WY"]["geometry"]["type"] in ("Polygon", "MultiPolygon")


def test_states_follow_the_shared_filters_and_can_leave_out_outlines(client, make_body, make_resolution):
    """A filter means the same on the map as everywhere: here only national unions count."""
    make_resolution(make_body(state="OH", level="local"))
    make_resolution(make_body(state="OH", level="national_union"))
    data = collection(client.get("/api/v1/geo/states?level=national_union&shapes=false"))
    ohio = next(f for f in data["features"] if f["id"] == "OH")
    assert ohio["properties"]["endorsing"] == 1
    assert all(feature["geometry"] is None for feature in data["features"])


@pytest.mark.parametrize("gap, expected", [
    (None, None), (0.0, 0), (0.49, 0), (0.5, 1), (0.7, 2), (0.8499, 2), (0.85, 3), (0.9999, 3), (1.0, 4),
])
def test_gap_classes_put_none_mobilized_in_a_class_of_its_own(gap, expected):
    assert services.gap_class(gap) == expected


def test_bodies_are_points_with_what_the_popup_needs(client, make_body, make_resolution, make_action):
    """A small view holds each body as a point with its tier, flags and last activity."""
    body = make_body(name="Columbus Local", slug="columbus-local", latitude=39.96, longitude=-83.0,
                     geocode_precision="city", affiliation="CWA")
    make_resolution(body, adopted_on=date(2019, 5, 1))
    make_action(body, "rally_or_march", occurred_on=date(2019, 6, 1))
    make_action(body, "opposed_bill", occurred_on=date(2020, 1, 1))
    make_body(name="Nowhere Local", latitude=None, longitude=None)
    data = collection(client.get("/api/v1/geo/bodies?bbox=-90,35,-80,45&zoom=6"))
    assert_valid_geojson(data)
    assert data["meta"]["clustered"] is False and data["meta"]["total"] == 1
    [feature] = data["features"]
    assert feature["geometry"]["coordinates"] == [-83.0, 39.96]
    assert feature["properties"] == {
        "kind": "body", "slug": "columbus-local", "name": "Columbus Local", "level": "local",
        "affiliation": "CWA", "tier": 3, "endorsing": True, "active_without_resolution": False,
        "checked": True, "retreat": True, "dormant": True, "last_activity_on": "2019-06-01",
        "precision": "city"}


def test_bodies_respect_the_bbox_and_the_shared_filters(client, make_body, make_resolution):
    """Only bodies inside the bbox and matching the filters (same meaning as /api/v1/bodies) come back."""
    inside = make_body(slug="inside", latitude=40.0, longitude=-83.0, level="local")
    make_resolution(inside)
    make_body(slug="inside-other-level", latitude=40.0, longitude=-83.0, level="state_federation")
    make_body(slug="outside", latitude=34.0, longitude=-118.0, level="local")
    data = collection(client.get("/api/v1/geo/bodies?bbox=-90,35,-80,45&zoom=6&level=local"))
    assert [f["properties"]["slug"] for f in data["features"]] == ["inside"]
    listed = client.get("/api/v1/bodies?level=local&endorsing=true").get_json()
    mapped = collection(client.get("/api/v1/geo/bodies?level=local&endorsing=true"))
    mapped_slugs = sorted(f["properties"]["slug"] for f in mapped["features"])
    assert sorted(b["slug"] for b in listed["items"]) == mapped_slugs


def test_a_crowded_view_is_answered_with_clusters_counted_in_sql(client, app, make_body):
    """Beyond POINT_LIMIT bodies in view the answer is grid clusters whose counts add up."""
    bulk_bodies(services.POINT_LIMIT + 50, seed=3)
    data = collection(client.get("/api/v1/geo/bodies?zoom=3"))
    assert_valid_geojson(data)
    assert data["meta"]["clustered"] is True
    assert data["meta"]["total"] == services.POINT_LIMIT + 50
    counts = [f["properties"]["count"] for f in data["features"]]
    assert sum(counts) == services.POINT_LIMIT + 50
    mobilized = db.session.scalar(select(func.count()).where(Body.tier >= 3))
    assert sum(f["properties"]["mobilized"] for f in data["features"]) == mobilized > 0
    for feature in data["features"]:
        props = feature["properties"]
        assert props["kind"] == "cluster"
        assert 0 <= props["mobilized"] <= props["count"]
        west, south, east, north = props["bounds"]
        lon, lat = feature["geometry"]["coordinates"]
        assert west - 1e-3 <= lon <= east + 1e-3 and south - 1e-3 <= lat <= north + 1e-3
    # Zoomed in on a small area the same data comes back as individual bodies.
    close = collection(client.get("/api/v1/geo/bodies?zoom=10&bbox=-84,39,-82,41"))
    assert close["meta"]["clustered"] is False


@pytest.mark.parametrize("query, field", [
    ("bbox=1,2,3", "bbox"),
    ("bbox=a,b,c,d", "bbox"),
    ("bbox=10,0,-10,5", "bbox"),
    ("bbox=-200,0,10,5", "bbox"),
    ("bbox=0,50,10,40", "bbox"),
    ("bbox=%2B1,2,3,4", "bbox"),
    ("bbox=1e1,2,30,4", "bbox"),
    ("zoom=40", "zoom"),
    ("tier=7", "tier"),
])
def test_bad_geo_arguments_get_a_clear_error(client, query, field):
    response = client.get(f"/api/v1/geo/bodies?{query}")
    assert response.status_code == 422
    assert field in response.get_json()["errors"]["query"]


def test_an_empty_bbox_means_the_whole_world(client, make_body):
    """Like every filter argument, an empty value means "not given"."""
    make_body(latitude=-33.9, longitude=151.2)
    assert collection(client.get("/api/v1/geo/bodies?bbox=&zoom=2"))["meta"]["total"] == 1


def test_geo_endpoints_are_documented(client):
    spec = client.get("/api/openapi.json").get_json()
    bodies = spec["paths"]["/api/v1/geo/bodies"]["get"]
    names = {p["name"] for p in bodies["parameters"] if "name" in p}  # not the $ref'd validators
    assert {"bbox", "zoom", "tier", "level", "bill_family", "year_from", "dormant"} <= names
    assert "application/geo+json" in bodies["responses"]["200"]["content"]
    assert "/api/v1/geo/states" in spec["paths"]


def test_geo_queries_are_bounded(client, make_body, make_resolution, queries):
    """A view of bodies costs the data version, the cells and the points; the states the data
    version and one grouped query; repeats come from the figure cache. None grows with the data.
    (The data version, read once per request, also gives the API's ETag and Last-Modified.)"""
    for n in range(5):
        make_resolution(make_body(latitude=40.0 + n, longitude=-83.0))
    with queries() as statements:
        client.get("/api/v1/geo/bodies?bbox=-90,35,-80,50&zoom=6")
    assert len(statements) == 3
    with queries() as statements:
        client.get("/api/v1/geo/bodies?bbox=-91,35,-81,50&zoom=6")  # panned: same coarse grid
    assert len(statements) == 2  # data version and points; the cells come from the cache
    with queries() as statements:
        client.get("/api/v1/geo/bodies?bbox=-83.5,39.5,-82.5,40.5&zoom=12")  # a fine grid: no cache
    assert len(statements) == 3  # the data version, the window's cells and its points
    with queries() as statements:
        client.get("/api/v1/geo/states")
    assert len(statements) <= 2


def test_the_cached_grid_sees_every_published_change(client, make_body, make_resolution):
    """Coarse grids are cached per data version: a new body shows at once."""
    make_body(latitude=40.0, longitude=-83.0)
    first = collection(client.get("/api/v1/geo/bodies?zoom=3"))
    make_body(latitude=40.1, longitude=-83.1)
    second = collection(client.get("/api/v1/geo/bodies?zoom=3"))
    assert (first["meta"]["total"], second["meta"]["total"]) == (1, 2)


def viewport(lat: float, lon: float, zoom: int, width: int = 1280, height: int = 800) -> str:
    """The bbox a map of this many pixels shows around a point (Web Mercator, 256-pixel tiles)."""
    scale = 256 * 2 ** zoom

    def to_pixels(lat: float, lon: float) -> tuple[float, float]:
        siny = math.sin(math.radians(lat))
        return ((lon + 180) / 360 * scale,
                (0.5 - math.log((1 + siny) / (1 - siny)) / (4 * math.pi)) * scale)

    def to_degrees(x: float, y: float) -> tuple[float, float]:
        lon = x / scale * 360 - 180
        lat = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * y / scale))))
        return lat, lon

    x, y = to_pixels(lat, lon)
    north, west = to_degrees(max(x - width / 2, 0), max(y - height / 2, 0))
    south, east = to_degrees(min(x + width / 2, scale), min(y + height / 2, scale))
    return f"{max(west, -180):.4f},{max(south, -90):.4f},{min(east, 180):.4f},{min(north, 90):.4f}"


def test_bodies_stay_under_200_kb_at_every_zoom(client):
    """With 20,000 bodies (dense cities, shared points), every zoom and view stays under 100 KB.

    The bound does not depend on the row count (see the grid and budget tests below), so a
    smaller database than the 100,000-body benchmark (bench/geo_payload.py) proves it."""
    bulk_bodies(20_000)
    for zoom in range(0, 23):
        for bbox in ("-180,-90,180,90", viewport(40.71, -74.0, zoom), viewport(39.5, -98.35, zoom)):
            response = client.get(f"/api/v1/geo/bodies?zoom={zoom}&bbox={bbox}")
            data = collection(response)
            assert len(response.get_data()) < MAX_BYTES, (zoom, bbox, len(response.get_data()))
            assert len(data["features"]) <= grid.MAX_FEATURES
            if data["meta"]["clustered"]:
                assert sum(f["properties"]["count"] for f in data["features"]) == data["meta"]["total"]
            else:
                assert len(data["features"]) == data["meta"]["total"] <= services.POINT_LIMIT


@given(west=st.floats(-180, 179.9), south=st.floats(-90, 89.9), width=st.floats(1e-6, 360),
       height=st.floats(1e-6, 180), zoom=st.integers(0, 22))
def test_the_cluster_grid_never_has_more_cells_than_the_cap(west, south, width, height, zoom):
    """Whatever bbox and zoom a client sends, the view touches at most MAX_FEATURES grid cells."""
    bbox = BBox(west, south, min(west + width, 180), min(south + height, 90))
    window = grid.window_for(bbox, zoom)
    columns = window.columns[1] - window.columns[0] + 1
    rows = window.rows[1] - window.rows[0] + 1
    assert columns * rows <= grid.MAX_FEATURES
    outer = window.bbox()  # the window's cells cover the view (to within rounding)
    assert outer.west <= bbox.west + 1e-9 and outer.east >= bbox.east - 1e-9
    assert outer.south <= bbox.south + 1e-9 and outer.north >= bbox.north - 1e-9


def test_a_full_grid_of_the_largest_clusters_fits_in_100_kb():
    """The worst cluster response (every cell present, counts in the millions, the longest
    coordinates) is under 100 KB: clusters carry no free text, so this bounds them all."""
    window = grid.Window(24, (1, 2), (1, 2))
    widest = (1, 1, 9_999_999, -179.12345, -89.12345, 9_999_999)
    feature = grid.cluster_feature(widest, window)
    assert all(len(str(value)) <= 9 for value in feature["properties"]["bounds"])
    envelope = {"type": "FeatureCollection", "features": [feature] * grid.MAX_FEATURES,
                "meta": {"total": 99_999_999, "zoom": 22, "clustered": True, "cell_degrees": window.cell,
                         "point_limit": services.POINT_LIMIT}}
    assert services.encoded_size(envelope) < MAX_BYTES


def test_points_too_large_to_send_fall_back_to_clusters(client):
    """POINT_LIMIT bodies with the longest names allowed (quotes, escaped in JSON) would pass
    100 KB as points: the answer is clusters instead, still under the limit."""
    bulk_bodies(services.POINT_LIMIT, seed=5, name_length=LENGTHS["name"], fill='"')  # '"' encodes as 2 bytes
    response = client.get("/api/v1/geo/bodies?zoom=4")
    data = collection(response)
    assert data["meta"]["total"] == services.POINT_LIMIT
    assert data["meta"]["clustered"] is True
    assert len(response.get_data()) < MAX_BYTES
