"""GET /api/v1/resolutions, /api/v1/actions and /api/v1/bills: published records, filtered with
the shared query-argument schemas of records/filters.py."""

from __future__ import annotations

from flask_smorest import Blueprint

from registry.api import examples
from registry.api.arguments import exact
from registry.api.pagination import LINK_HEADER, link_header, page_envelope, page_payload
from registry.records import listings
from registry.records.filters import (
    ActionListSchema,
    BillListSchema,
    BillSummarySchema,
    ResolutionListSchema,
)
from registry.records.schemas import ActionSchema, ResolutionSchema

resolutions = Blueprint("api_resolutions", __name__, url_prefix="/resolutions",
                        description="Published resolutions for (or against) Medicare for All.")
actions = Blueprint("api_actions", __name__, url_prefix="/actions",
                    description="The follow-through log: published actions of union bodies.")
bills = Blueprint("api_bills", __name__, url_prefix="/bills",
                  description="Medicare for All bills, their lineage and their endorsers.")


@resolutions.get("")
@resolutions.arguments(exact(ResolutionListSchema), location="query")
@resolutions.response(200, page_envelope(ResolutionSchema()), headers=LINK_HEADER,
                      example=examples.page(examples.RESOLUTION))
def list_resolutions(filters):
    """List resolutions

    Newest first unless `sort` says otherwise; undated resolutions come last. Body filters
    (`state`, `level`, `affiliation`, `tier`) mean what they mean on /bodies."""
    page = listings.list_resolutions(filters)
    return page_payload(page), 200, link_header(page)


@actions.get("")
@actions.arguments(exact(ActionListSchema), location="query")
@actions.response(200, page_envelope(ActionSchema()), headers=LINK_HEADER,
                  example=examples.page(examples.ACTION))
def list_actions(filters):
    """List follow-through actions

    Newest first unless `sort` says otherwise; undated actions come last. `rung` selects the
    action kinds on one rung of the ladder; `counter` selects counter-actions."""
    page = listings.list_actions(filters)
    return page_payload(page), 200, link_header(page)


@bills.get("")
@bills.arguments(exact(BillListSchema), location="query")
@bills.response(200, page_envelope(BillSummarySchema()), headers=LINK_HEADER,
                example=examples.page(examples.BILL))
def list_bills(filters):
    """List bills

    Each bill with its family (lineage), its predecessor in that family, and the number of
    bodies on record for and against it."""
    page = listings.list_bills(filters)
    return page_payload(page), 200, link_header(page)
