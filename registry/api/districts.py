"""GET /api/v1/districts and /api/v1/districts/<code>: representatives, Medicare for All
cosponsorship by Congress, and the union bodies in each district."""

from __future__ import annotations

import re

from flask_smorest import Blueprint, abort

from registry.api import examples
from registry.api.arguments import exact
from registry.api.pagination import LINK_HEADER, ListPage, link_header, page_envelope, page_payload
from registry.api.spec import ApiErrorSchema, error_example
from registry.districts import services
from registry.districts.schemas import DistrictDetailSchema, DistrictListSchema, DistrictSchema

blp = Blueprint("api_districts", __name__, url_prefix="/districts",
                description="Congressional districts of the current map: the representative, their "
                            "cosponsorship of each Congress's House Medicare for All bill, and the "
                            "union bodies in the district.")

NOT_FOUND = "No congressional district of the current map has that code."
CODE_PATTERN = r"^[A-Za-z]{2}-([Aa][Ll]|[0-9]{1,2})$"


@blp.get("")
@blp.arguments(exact(DistrictListSchema), location="query")
@blp.response(200, page_envelope(DistrictSchema()), headers=LINK_HEADER,
              example=examples.page(examples.DISTRICT))
def list_districts(filters):
    """List districts

    Pressure points first unless `sort` says otherwise. `cosponsor` with `bill` selects the
    districts whose representative today did (or did not) cosponsor that bill."""
    found = services.list_districts(filters)
    page = ListPage(found, filters["page"], filters["per_page"])
    page.items = [services.record_for(summary) for summary in page.items]
    return page_payload(page), 200, link_header(page)


@blp.get("/<string:code>")
@blp.doc(parameters=[{"in": "path", "name": "code", "required": True,
                      "schema": {"type": "string", "pattern": CODE_PATTERN},
                      "description": "District code: state and number, AL for an at-large seat.",
                      "example": "OR-3"}])
@blp.response(200, DistrictDetailSchema, example=examples.DISTRICT_DETAIL)
@blp.alt_response(404, schema=ApiErrorSchema, description="No district has that code.",
                  example=error_example(404, "Not Found", NOT_FOUND))
def get_district(code: str):
    """One district

    Its representative today, their cosponsorship of each Congress's bill, who held the seat in
    each Congress, and the union bodies in the district. Any case and leading zeros are read
    (`or-03` is OR-3)."""
    seat = services.find_seat(code) if re.fullmatch(CODE_PATTERN, code) else None
    if seat is None:
        abort(404, message=NOT_FOUND)
    summary = next(s for s in services.summaries() if s.seat.id == seat.id)
    return services.record_for(summary, history=True)
