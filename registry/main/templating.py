"""Template filters and globals: dates with their precision, labels, navigation."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from flask import Flask, request, url_for

from registry.followthrough.ladder import ACTION_KINDS, DORMANT_AFTER_MONTHS, MOBILIZED_TIER, TIERS
from registry.vocab import (
    COMMITMENTS,
    EVIDENCE_LEVELS,
    GEOCODE_PRECISIONS,
    LEVELS,
    STANCES,
    SUBMISSION_STATUSES,
)

# (endpoint, label): an entry appears only once its page exists, so the nav never breaks.
NAVIGATION = (
    ("main.index", "Home"),
    ("mapview.index", "Map"),
    ("bodies.index", "Union bodies"),
    ("gap.index", "The gap"),
    ("bills.index", "Bills"),
    ("organize.index", "Organize"),
    ("districts.index", "Districts"),
    ("submissions.start", "Submit"),
    ("data.index", "Data"),
    ("main.about", "About"),
)

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def partial_date(value: date | None, precision: str | None = "day") -> str:
    """A date shown only as precisely as it is known: '2019', 'May 2019', '1 May 2019'."""
    if value is None:
        return "undated"
    if precision == "year":
        return str(value.year)
    if precision == "month":
        return f"{MONTHS[value.month - 1]} {value.year}"
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def share(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def url_with(**changes) -> str:
    """The current URL with some query arguments replaced (None removes one)."""
    args = request.args.to_dict()
    args.update({k: v for k, v in changes.items() if v is not None})
    for key in [k for k, v in changes.items() if v is None]:
        args.pop(key, None)
    query = urlencode({k: v for k, v in args.items() if v not in ("", None)})
    return request.path + (f"?{query}" if query else "")


def register(app: Flask) -> None:
    app.jinja_env.filters.update(partial_date=partial_date, share=share)
    app.jinja_env.globals.update(
        LEVELS=LEVELS, TIERS=TIERS, ACTION_KINDS=ACTION_KINDS, EVIDENCE_LEVELS=EVIDENCE_LEVELS,
        COMMITMENTS=COMMITMENTS, GEOCODE_PRECISIONS=GEOCODE_PRECISIONS, STANCES=STANCES,
        SUBMISSION_STATUSES=SUBMISSION_STATUSES, url_with=url_with,
        has_endpoint=lambda endpoint: endpoint in app.view_functions,
        DORMANT_AFTER_MONTHS=DORMANT_AFTER_MONTHS, MOBILIZED_TIER=MOBILIZED_TIER,
    )

    @app.context_processor
    def navigation():
        items = [(url_for(endpoint), label, endpoint)
                 for endpoint, label in NAVIGATION if endpoint in app.view_functions]
        return {"navigation": items}
