"""Home, about and the health check."""

from __future__ import annotations

from flask import Blueprint, abort, jsonify, render_template

from registry import languages
from registry.followthrough import aggregates
from registry.main import services
from registry.mapview import preview

bp = Blueprint("main", __name__)


@bp.get("/")
def index():
    return render_template(
        "index.html",
        preview=preview.preview_states(),
        preview_size=(preview.WIDTH, preview.HEIGHT),
        legend=preview.LEGEND,
        gap=aggregates.overall_gap(),
        counts=aggregates.registry_counts(),
        resolutions=services.latest_resolutions(),
        actions=services.latest_actions(),
    )


@bp.get("/about")
def about():
    return render_template("about.html")


@bp.get("/language/<code>")
def language(code: str):
    """The language switch: remembers the choice and returns to the page it was made on."""
    if code not in languages.LANGUAGES:
        abort(404)
    return languages.choose(code)


@bp.get("/healthz")
def healthz():
    healthy = services.database_ok()
    body = {"status": "ok" if healthy else "error", "database": "ok" if healthy else "unreachable"}
    return jsonify(body), 200 if healthy else 503
