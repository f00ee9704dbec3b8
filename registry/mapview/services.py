"""Geo queries for the map: states with their gap figures, and bodies as points or, when a view
holds too many, as grid clusters aggregated in SQL."""

from __future__ import annotations

import json
import os
from functools import cache
from typing import Any

from registry.database import db
from registry.followthrough.aggregates import GapFigures, gap_by
from registry.followthrough.ladder import dormancy_cutoff
from registry.followthrough.status import today
from registry.mapview.grid import BBox, Window, bodies_in, cells_in, cluster_feature, window_for
from registry.models import Body
from registry.text import N_

SHAPES_PATH = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data", "us-states.geojson")

# The choropleth's classes of the gap (share of endorsing bodies that never mobilized):
# (lowest gap in the class, label). Gaps run high, so the classes are finer at the top, and "none
# mobilized" (a gap of 100%) is a class of its own. Their colours live in static/css/map.css.
# The labels are translated where shown (the `tr` filter).
GAP_CLASSES = (
    (0.0, N_("under 50%")),
    (0.5, N_("50% to 69%")),
    (0.7, N_("70% to 84%")),
    (0.85, N_("85% to 99%")),
    (1.0, N_("100%: none mobilized")),
)

POINT_LIMIT = 400  # a view holding more bodies than this is answered with clusters
BYTE_BUDGET = 95_000  # points that would encode larger than this are sent as clusters instead
COORDINATE_DIGITS = 5  # about a metre


@cache
def state_shapes() -> tuple[dict[str, Any], ...]:
    """The committed state outlines (us-atlas 3.0.1, see registry/data/README.md), read once."""
    with open(SHAPES_PATH, encoding="utf-8") as handle:
        return tuple(json.load(handle)["features"])


def gap_class(gap: float | None) -> int | None:
    """Index into GAP_CLASSES for a gap share; None for a state with no endorsing body."""
    if gap is None:
        return None
    return max(i for i, (lowest, _label) in enumerate(GAP_CLASSES) if gap >= lowest - 1e-9)


def figure_properties(figures: GapFigures | None) -> dict[str, Any]:
    def rounded(value: float | None) -> float | None:
        return None if value is None else round(value, 4)

    figures = figures or GapFigures.empty()
    return {
        "endorsing": figures.endorsing,
        "checked": figures.checked,
        "unchecked": figures.unchecked,
        "paper_only": figures.paper_only,
        "mobilized": figures.mobilized,
        "not_mobilized": figures.endorsing - figures.mobilized,
        "gap": rounded(figures.gap),
        "gap_among_checked": rounded(figures.gap_among_checked),
        "gap_class": gap_class(figures.gap),
        "paper_only_share": rounded(figures.paper_only_share),
        "mobilized_share": rounded(figures.mobilized_share),
        "members_known": figures.members_known,
        "members": figures.members,
        "members_gap": rounded(figures.members_gap),
    }


def state_gap_features(filters: dict[str, Any], shapes: bool = True) -> dict[str, Any]:
    """Every state's outline with the gap figures of its endorsing bodies matching the filters.

    A state with no matching endorsing body keeps its outline with zero counts and a null gap."""
    figures = {row.key: row.figures for row in gap_by("state", filters) if row.key}
    features = []
    for shape in state_shapes():
        code = shape["id"]
        features.append({
            "type": "Feature",
            "id": code,
            "properties": {"code": code, "name": shape["properties"]["name"],
                           **figure_properties(figures.get(code))},
            "geometry": shape["geometry"] if shapes else None,
        })
    return {"type": "FeatureCollection", "features": features}


def point_features(filters: dict[str, Any], window: Window) -> list[dict[str, Any]]:
    cutoff = dormancy_cutoff(today())
    rows = db.session.execute(
        bodies_in(filters, window).with_only_columns(
            Body.id, Body.slug, Body.name, Body.level, Body.affiliation, Body.tier, Body.endorsing,
            Body.active_without_resolution, Body.checked, Body.retreat, Body.last_activity_on,
            Body.geocode_precision, Body.longitude, Body.latitude,
        ).order_by(Body.id).limit(POINT_LIMIT)
    ).all()
    return [{
        "type": "Feature",
        "id": row.id,
        "geometry": {"type": "Point", "coordinates": [round(row.longitude, COORDINATE_DIGITS),
                                                      round(row.latitude, COORDINATE_DIGITS)]},
        "properties": {
            "kind": "body", "slug": row.slug, "name": row.name, "level": row.level,
            "affiliation": row.affiliation, "tier": row.tier, "endorsing": row.endorsing,
            "active_without_resolution": row.active_without_resolution, "checked": row.checked,
            "retreat": row.retreat,
            "dormant": row.last_activity_on is not None and row.last_activity_on < cutoff,
            "last_activity_on": row.last_activity_on.isoformat() if row.last_activity_on else None,
            "precision": row.geocode_precision,
        },
    } for row in rows]


def encoded_size(value: Any) -> int:
    return len(json.dumps(value, separators=(",", ":")).encode())


def body_features(filters: dict[str, Any], bbox: BBox, zoom: int) -> dict[str, Any]:
    """Bodies with a place in the grid cells the bbox touches: each as a point when there are at
    most POINT_LIMIT of them, otherwise one cluster per cell, counted in SQL. Never more than
    MAX_FEATURES features, nor (points) more than BYTE_BUDGET bytes."""
    window = window_for(bbox, zoom)
    cells = cells_in(filters, window)
    total = sum(int(row[2]) for row in cells)
    meta = {"total": total, "zoom": zoom, "clustered": True, "cell_degrees": window.cell,
            "point_limit": POINT_LIMIT}
    if total <= POINT_LIMIT:
        features = point_features(filters, window)
        if encoded_size(features) <= BYTE_BUDGET:
            return {"type": "FeatureCollection", "features": features,
                    "meta": {**meta, "clustered": False, "cell_degrees": None}}
    return {"type": "FeatureCollection", "features": [cluster_feature(row, window) for row in cells],
            "meta": meta}
