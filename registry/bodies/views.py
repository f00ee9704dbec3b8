"""HTML pages for union bodies: the explore list and the profile."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request
from flask_babel import gettext
from marshmallow import ValidationError

from registry.bodies import services
from registry.bodies.facets import facet_counts
from registry.bodies.history import describe
from registry.bodies.messages import for_people
from registry.bodies.schemas import SORTS, BodyListSchema
from registry.districts.congress import CURRENT_BILL
from registry.districts.services import districts_from_links
from registry.followthrough.ladder import dormancy_cutoff
from registry.followthrough.status import status_of, timeline, today
from registry.languages import Labels
from registry.vocab import LEVELS
from registry.watches.services import follower_count

bp = Blueprint("bodies", __name__, url_prefix="/bodies")


@bp.get("")
def index():
    context = {"levels": Labels(LEVELS), "sorts": Labels(SORTS),
               "families": services.bill_families(translated=True),
               "dormant_before": dormancy_cutoff(today())}
    try:
        filters = BodyListSchema().load(request.args.to_dict())
    except ValidationError as error:
        return render_template("bodies/list.html", page=None, filters=request.args.to_dict(),
                               facets={}, errors=for_people(error.messages), **context), 400
    return render_template("bodies/list.html", page=services.list_bodies(filters, bounded=True),
                           filters=filters, facets=facet_counts(facet_filters(filters)), errors={},
                           bill_label=services.bill_label(filters.get("bill")), **context)


def facet_filters(filters: dict) -> dict:
    """The filters facets count under: the sort and the page change no count, so every sort
    and page of one search shares the cached facets."""
    return {k: v for k, v in filters.items() if k not in ("sort", "page", "per_page")}


@bp.get("/<slug>")
def detail(slug: str):
    profile = services.get_profile(slug)
    if profile is None:
        abort(404, description=gettext("No union body has that address."))
    status = status_of(profile.body)
    return render_template("bodies/detail.html", body=profile.body, history=describe(profile.revisions),
                           status=status, dormant=status.is_dormant(today()),
                           entries=timeline(profile.body, status),
                           district=districts_from_links([profile.body]).get(profile.body.id),
                           current_bill=CURRENT_BILL, followers=follower_count(profile.body.id))
