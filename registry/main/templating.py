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
from registry.languages import N_, Labels, translate
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
    ("main.index", N_("Home")),
    ("mapview.index", N_("Map")),
    ("bodies.index", N_("Union bodies")),
    ("gap.index", N_("The gap")),
    ("bills.index", N_("Bills")),
    ("organize.index", N_("Organize")),
    ("districts.index", N_("Districts")),
    ("submissions.start", N_("Submit")),
    ("data.index", N_("Data")),
    ("main.about", N_("About")),
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
    # The vocabularies are read in the reader's language (registry.languages.Labels).
    app.jinja_env.globals.update(
        LEVELS=Labels(LEVELS), TIERS=Labels(TIERS), STANDINGS=Labels(STANDINGS),
        ACTION_KINDS=Labels(ACTION_KINDS), EVIDENCE_LEVELS=Labels(EVIDENCE_LEVELS),
        COMMITMENTS=Labels(COMMITMENTS), GEOCODE_PRECISIONS=Labels(GEOCODE_PRECISIONS),
        STANCES=Labels(STANCES), SUBMISSION_STATUSES=Labels(SUBMISSION_STATUSES),
        url_with=url_with, ACTION_SCOPES=Labels(ACTION_SCOPES),
        ADOPTION_EVIDENCE=Labels(ADOPTION_EVIDENCE), CHECK_RESULTS=Labels(CHECK_RESULTS),
        CHECKERS=Labels(CHECKERS), ORGANIZATION_TYPES=Labels(ORGANIZATION_TYPES),
        STATE_OPTIONS=state_options(),
        has_endpoint=lambda endpoint: endpoint in app.view_functions,
        DORMANT_AFTER_MONTHS=DORMANT_AFTER_MONTHS, MOBILIZED_TIER=MOBILIZED_TIER,
        standing_of=lambda body: standing(body.endorsing, body.active_without_resolution,
                                          body.checked, body.tier),
    )

    @app.context_processor
    def navigation():
        items = [(url_for(endpoint), translate(label), endpoint)
                 for endpoint, label in NAVIGATION if endpoint in app.view_functions]
        return {"navigation": items}
