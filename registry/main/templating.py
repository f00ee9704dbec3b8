"""Template filters and globals: dates with their precision, labels, navigation."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Flask, request, url_for

from registry.followthrough.ladder import (
    ACTION_KINDS,
    DORMANT_AFTER_MONTHS,
    MOBILIZED_TIER,
    STANDINGS,
    TIERS,
    standing,
)
from registry.geo import state_name
from registry.text import format_partial_date
from registry.vocab import (
    ACTION_SCOPES,
    ADOPTION_EVIDENCE,
    CHECK_RESULTS,
    CHECKERS,
    COMMITMENTS,
    EVIDENCE_LEVELS,
    GEOCODE_PRECISIONS,
    LEVELS,
    ORGANIZATION_TYPES,
    STANCES,
    STATE_CODES,
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


def state_options() -> list[tuple[str, str]]:
    """(code, name) of every state and territory, ordered by name: the one state control."""
    return sorted(((code, state_name(code)) for code in STATE_CODES), key=lambda pair: pair[1])


def register(app: Flask) -> None:
    app.jinja_env.filters.update(partial_date=format_partial_date, share=share)
    app.jinja_env.globals.update(
        LEVELS=LEVELS, TIERS=TIERS, STANDINGS=STANDINGS, ACTION_KINDS=ACTION_KINDS,
        EVIDENCE_LEVELS=EVIDENCE_LEVELS,
        COMMITMENTS=COMMITMENTS, GEOCODE_PRECISIONS=GEOCODE_PRECISIONS, STANCES=STANCES,
        SUBMISSION_STATUSES=SUBMISSION_STATUSES, url_with=url_with, ACTION_SCOPES=ACTION_SCOPES,
        ADOPTION_EVIDENCE=ADOPTION_EVIDENCE, CHECK_RESULTS=CHECK_RESULTS, CHECKERS=CHECKERS,
        ORGANIZATION_TYPES=ORGANIZATION_TYPES, STATE_OPTIONS=state_options(),
        has_endpoint=lambda endpoint: endpoint in app.view_functions,
        DORMANT_AFTER_MONTHS=DORMANT_AFTER_MONTHS, MOBILIZED_TIER=MOBILIZED_TIER,
        standing_of=lambda body: standing(body.endorsing, body.active_without_resolution,
                                          body.checked, body.tier),
    )

    @app.context_processor
    def navigation():
        items = [(url_for(endpoint), label, endpoint)
                 for endpoint, label in NAVIGATION if endpoint in app.view_functions]
        return {"navigation": items}
