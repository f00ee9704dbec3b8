"""/districts (every district, pressure points first) and /districts/<code>."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_babel import gettext
from marshmallow import ValidationError

from registry.api.messages import translated_errors
from registry.districts import services
from registry.districts.congress import CURRENT_BILL, CURRENT_CONGRESS, ordinal_in
from registry.districts.schemas import DistrictFilterSchema
from registry.geo import state_name
from registry.languages import Labels, current

bp = Blueprint("districts", __name__, url_prefix="/districts")

PRESSURE_POINTS = 10


def ordinal(number: int) -> str:
    return ordinal_in(number, current())


def _context() -> dict:
    return {"current_bill": CURRENT_BILL, "current_congress": ordinal(CURRENT_CONGRESS),
            "sorts": Labels(services.SORTS), "ordinal": ordinal}


@bp.get("")
def index():
    try:
        filters = DistrictFilterSchema().load(request.args.to_dict())
    except ValidationError as error:
        return render_template("districts/index.html", rows=None, points=[], filters=request.args.to_dict(),
                               errors=translated_errors(error.messages), states=[], loaded=True,
                               **_context()), 400
    loaded = services.districts_loaded()
    rows = services.list_districts(filters) if loaded else []
    points = [p for p in services.pressure_points(limit=None)
              if not filters.get("state") or p.seat.state == filters["state"]][:PRESSURE_POINTS]
    states = sorted({(s.state, state_name(s.state)) for s in services.seats().values()},
                    key=lambda pair: pair[1])
    return render_template("districts/index.html", rows=rows, points=points, filters=filters, errors={},
                           states=states, loaded=loaded, **_context())


@bp.get("/<code>")
def detail(code: str):
    canonical = services.canonical_code(code)
    seat = services.find_seat(code) if canonical else None
    if seat is None:
        abort(404, description=gettext("No congressional district of the current map has that code "
                                       "(codes look like OR-3, or VT-AL for an at-large seat)."))
    if canonical != code:
        return redirect(url_for("districts.detail", code=canonical), 301)
    return render_template("districts/detail.html", page=services.district_page(seat), **_context())
