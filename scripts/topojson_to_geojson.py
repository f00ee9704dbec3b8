"""Convert the us-atlas state TopoJSON into the GeoJSON the map ships with.

Usage (development only; the app reads the committed output and never needs Node):

    npm pack us-atlas@3.0.1 && tar xzf us-atlas-3.0.1.tgz
    python scripts/topojson_to_geojson.py package/states-10m.json registry/data/us-states.geojson

Each feature keeps the state's two-letter code (from its FIPS code, via the `us` package) and name.
Coordinates are rounded to DIGITS decimals and repeated points left by the rounding are dropped.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import us

DIGITS = 3  # about 100 m: finer than a state choropleth needs


def decode_arcs(topology: dict) -> list[list[list[float]]]:
    """Absolute longitude/latitude points of every arc (undo the quantization and delta coding)."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform is None:
            arcs.append([list(point[:2]) for point in arc])
            continue
        (kx, ky), (dx, dy) = transform["scale"], transform["translate"]
        x = y = 0
        points = []
        for step in arc:
            x += step[0]
            y += step[1]
            points.append([x * kx + dx, y * ky + dy])
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[list[float]]]) -> list[list[float]]:
    """Stitch a ring from arc indexes; a negative index ~i means arc i walked backwards."""
    points: list[list[float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        if points:
            points.pop()  # the previous arc's last point is this arc's first
        points.extend(arc)
    while len(points) < 4:  # a valid linear ring has at least four positions
        points.append(points[0])
    return points


def rounded(points: list[list[float]]) -> list[list[float]]:
    result: list[list[float]] = []
    for lon, lat in points:
        point = [round(lon, DIGITS), round(lat, DIGITS)]
        if not result or point != result[-1]:
            result.append(point)
    while len(result) < 4:
        result.append(result[0])
    return result


def geometry(shape: dict, arcs: list[list[list[float]]]) -> dict:
    if shape["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": [rounded(ring(r, arcs)) for r in shape["arcs"]]}
    if shape["type"] == "MultiPolygon":
        return {"type": "MultiPolygon", "coordinates": [
            [rounded(ring(r, arcs)) for r in polygon] for polygon in shape["arcs"]
        ]}
    raise ValueError(f"unexpected geometry type {shape['type']}")


def convert(topology: dict, object_name: str = "states") -> dict:
    arcs = decode_arcs(topology)
    features = []
    for shape in topology["objects"][object_name]["geometries"]:
        state = us.states.lookup(shape["id"])
        if state is None:
            raise ValueError(f"no state has FIPS code {shape['id']}")
        features.append({
            "type": "Feature",
            "id": state.abbr,
            "properties": {"code": state.abbr, "name": state.name, "fips": shape["id"]},
            "geometry": geometry(shape, arcs),
        })
    features.sort(key=lambda feature: feature["id"])
    return {"type": "FeatureCollection", "features": features}


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    topology = json.loads(Path(argv[1]).read_text())
    collection = convert(topology)
    Path(argv[2]).write_text(json.dumps(collection, separators=(",", ":")) + "\n")
    print(f"{len(collection['features'])} features written to {argv[2]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
