"""The /map page and the results fragment its script swaps in when a filter changes."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, abort, current_app, render_template, request, url_for
from flask_babel import gettext
from marshmallow import ValidationError

from registry.bodies.messages import for_people
from registry.bodies.schemas import BodyListSchema
from registry.bodies.services import bill_codes, bill_families, get_profile
from registry.districts.congress import CURRENT_BILL
from registry.followthrough.ladder import STANDINGS, TIERS
from registry.followthrough.status import status_of
from registry.languages import Labels, translate
from registry.main.errors import CONTENT_SECURITY_POLICY
from registry.mapview import page
from registry.mapview.services import GAP_CLASSES
from registry.mapview.words import map_words
from registry.vocab import EVIDENCE_LEVELS, LEVELS

bp = Blueprint("mapview", __name__, url_prefix="/map")


def parse_filters() -> tuple[dict[str, Any] | None, dict[str, Any]]:
    """The shared body filters (plus sort and page) from the query string, or the errors."""
    try:
        return BodyListSchema().load(request.args.to_dict()), {}
    except ValidationError as error:
        return None, for_people(error.messages)


def form_values(filters: dict[str, Any] | None) -> dict[str, str]:
    """What each control shows: the parsed value, or what was typed when it did not parse."""
    if filters is None:
        return request.args.to_dict()
    shown = {}
    for name, value in filters.items():
        if value is not None:
            shown[name] = ("true" if value else "false") if isinstance(value, bool) else str(value)
    return shown


@bp.context_processor
def link_helpers():
    def map_url(**changes) -> str:
        """/map with the current query, some arguments changed (None removes one)."""
        args = {k: v for k, v in request.args.to_dict().items() if v not in ("", None)}
        if request.endpoint == "mapview.results":
            # The script asks for the fragment in the page's language; its links keep the page's address.
            args.pop("lang", None)
        args.update(changes)
        return url_for("mapview.index", **{k: v for k, v in args.items() if v is not None})

    return {"map_url": map_url}


def render_results(template: str, **context):
    filters, errors = parse_filters()
    results = page.map_results(filters) if filters is not None else None
    return render_template(template, filters=filters or {}, values=form_values(filters), errors=errors,
                           results=results, **context), 400 if errors else 200


def filter_options(choices: page.FilterChoices) -> dict[str, list[tuple[str, str]]]:
    """(value, label) pairs for each filter's select, in the reader's language."""
    return {
        "state": list(choices.states),
        "level": list(Labels(LEVELS).items()),
        "affiliation": [(name, name) for name in choices.affiliations],
        "bill_family": list(bill_families(translated=True).items()),
        "bill": list(bill_codes().items()),
        "tier": [(str(tier), f"{tier} · {name}") for tier, name in Labels(TIERS).items()],
        # The short names of the evidence levels are marked in templates/macros.html (evidence_name).
        "evidence": [(level, translate(level.capitalize())) for level in EVIDENCE_LEVELS],
        "endorsing": [("true", gettext("Endorsed")), ("false", translate(STANDINGS["no_resolution"]))],
        "retreat": [("true", gettext("Retreat flag on record")), ("false", gettext("No retreat"))],
        "dormant": [("true", gettext("Dormant (no activity in 12 months)")),
                    ("false", gettext("Active in the last 12 months"))],
        "checked": [("true", gettext("Checked (a check or an action on record)")),
                    ("false", gettext("Not yet checked"))],
        "organization_type": [("union", gettext("Union bodies")),
                              ("allied", gettext("Allied organizations")), ("all", gettext("Both"))],
        "cosponsor": [("false", gettext("Representative has not cosponsored %(bill)s", bill=CURRENT_BILL)),
                      ("true", gettext("Representative cosponsored %(bill)s", bill=CURRENT_BILL))],
    }


@bp.get("")
def index():
    choices = page.filter_choices()
    body, status = render_results(
        "mapview/index.html", options=filter_options(choices), first_year=choices.first_year,
        last_year=choices.last_year, gap_classes=GAP_CLASSES, map_words=map_words(),
        tile_url=current_app.config.get("MAP_TILE_URL"),
        tile_attribution=current_app.config.get("MAP_TILE_ATTRIBUTION"))
    return body, status, tile_policy()


@bp.get("/results")
def results():
    """The count, summary and table for the current filters, as an HTML fragment."""
    return render_results("mapview/_results.html")


@bp.get("/reason/<slug>")
def reason(slug: str):
    """Why a body sits where it does, in the page's language, for the marker's popup (the API
    gives the same reason in English, as data)."""
    profile = get_profile(slug)
    if profile is None:
        abort(404)
    return {"slug": slug, "reason": status_of(profile.body).reason_shown()}


def tile_policy() -> dict[str, str]:
    """Allow the optional tile server's images; without tiles the site-wide policy stands."""
    tile_url = current_app.config.get("MAP_TILE_URL")
    if not tile_url:
        return {}
    parts = urlsplit(tile_url.replace("{s}", "*"))
    if parts.scheme not in ("http", "https") or not parts.netloc or "{" in parts.netloc:
        return {}
    origin = f"{parts.scheme}://{parts.netloc}"
    return {"Content-Security-Policy": CONTENT_SECURITY_POLICY.replace(
        "img-src 'self' data:", f"img-src 'self' data: {origin}")}
