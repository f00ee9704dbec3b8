"""The state outlines: the TopoJSON converter that made them, and the committed GeoJSON file."""

from __future__ import annotations

import importlib.util
import json
import os

from registry.mapview.services import SHAPES_PATH
from registry.vocab import STATE_CODES

SCRIPT = os.path.join(os.path.dirname(os.path.dirname(__file__)), "scripts", "topojson_to_geojson.py")


def converter():
    spec = importlib.util.spec_from_file_location("topojson_to_geojson", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# Two unit squares side by side, sharing the middle edge (arc 1), quantized with a transform:
# the left square walks arc 1 and then arc 0 backwards (~1 = -2, ~0 = -1); the right square
# walks arc 2 and then arc 1 forwards.
TOPOLOGY = {
    "type": "Topology",
    "transform": {"scale": [0.5, 0.25], "translate": [-100.0, 40.0]},
    "arcs": [
        [[2, 0], [-2, 0], [0, 4], [2, 0]],  # (−99,40) → (−100,40) → (−100,41) → (−99,41)
        [[2, 4], [0, -4]],  # (−99,41) → (−99,40): the shared edge
        [[2, 0], [2, 0], [0, 4], [-2, 0]],  # (−99,40) → (−98,40) → (−98,41) → (−99,41)
    ],
    "objects": {"states": {"type": "GeometryCollection", "geometries": [
        {"type": "Polygon", "id": "39", "arcs": [[~1, ~0]]},
        {"type": "MultiPolygon", "id": "06", "arcs": [[[2, 1]]]},
    ]}},
}


def test_the_converter_decodes_arcs_and_stitches_rings():
    """Transform and delta decoding, shared arcs walked both ways, rings closed, codes from FIPS."""
    result = converter().convert(TOPOLOGY)
    by_code = {feature["id"]: feature for feature in result["features"]}
    assert set(by_code) == {"OH", "CA"}
    assert by_code["OH"]["properties"] == {"code": "OH", "name": "Ohio", "fips": "39"}
    assert by_code["OH"]["geometry"] == {"type": "Polygon", "coordinates": [
        [[-99.0, 40.0], [-99.0, 41.0], [-100.0, 41.0], [-100.0, 40.0], [-99.0, 40.0]]]}
    assert by_code["CA"]["geometry"] == {"type": "MultiPolygon", "coordinates": [[
        [[-99.0, 40.0], [-98.0, 40.0], [-98.0, 41.0], [-99.0, 41.0], [-99.0, 40.0]]]]}


def test_rings_are_padded_to_four_positions():
    module = converter()
    assert module.rounded([[1.0, 2.0], [1.0, 2.0]]) == [[1.0, 2.0]] * 4


def test_the_committed_outlines_cover_every_state_code_once():
    """56 features (50 states, DC, 5 territories), keyed by their codes, in range and closed."""
    with open(SHAPES_PATH, encoding="utf-8") as handle:
        collection = json.load(handle)
    codes = [feature["id"] for feature in collection["features"]]
    assert sorted(codes) == sorted(STATE_CODES)
    for feature in collection["features"]:
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        for polygon in polygons:
            for ring in polygon:
                assert len(ring) >= 4 and ring[0] == ring[-1]
                assert all(-180 <= lon <= 180 and -90 <= lat <= 90 for lon, lat in ring)
    assert os.path.getsize(SHAPES_PATH) < 300_000
