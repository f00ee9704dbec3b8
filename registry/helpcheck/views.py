"""/help/check?near=<ZIP or City, ST>."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_babel import gettext

from registry.database import db
from registry.geo import words
from registry.helpcheck import services
from registry.organize.services import resolve_near

bp = Blueprint("helpcheck", __name__)
bp.record_once(lambda state: words.register(state.app))

MAX_NEAR = 100


@bp.get("/help/check")
def index():
    near = (request.args.get("near") or "").strip()
    context = {"near": near, "radius": services.RADIUS_MI, "items": None, "found": None, "error": None}
    if not near:
        return render_template("helpcheck/index.html", **context)
    if len(near) > MAX_NEAR:
        context["error"] = gettext("Near: give a ZIP code or a city and state, at most %(count)s characters.",
                                   count=MAX_NEAR)
        return render_template("helpcheck/index.html", **context), 400
    found = resolve_near(near)
    db.session.commit()  # keeps answers an online geocoder gave, if one is configured
    context["found"] = found
    if found.place is None:
        context["error"] = gettext("Near: %(problem)s", problem=found.problem)
        return render_template("helpcheck/index.html", **context), 400
    context["items"] = services.bodies_to_check(found.place)
    return render_template("helpcheck/index.html", **context)
