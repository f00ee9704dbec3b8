"""HTML pages for union bodies."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request
from marshmallow import ValidationError

from registry.bodies import services
from registry.bodies.schemas import BodyListSchema
from registry.followthrough.ladder import DORMANT_AFTER_MONTHS, months_before
from registry.followthrough.status import status_of, timeline, today
from registry.vocab import LEVELS

bp = Blueprint("bodies", __name__, url_prefix="/bodies")


@bp.get("")
def index():
    try:
        filters = BodyListSchema().load(request.args.to_dict())
    except ValidationError as error:
        return render_template("bodies/list.html", page=None, filters={}, errors=error.messages,
                               levels=LEVELS, states=services.state_choices()), 400
    page = services.list_bodies(filters)
    return render_template("bodies/list.html", page=page, filters=filters, errors={},
                           levels=LEVELS, states=services.state_choices(),
                           dormant_before=months_before(today(), DORMANT_AFTER_MONTHS))


@bp.get("/<slug>")
def detail(slug: str):
    profile = services.get_profile(slug)
    if profile is None:
        abort(404, description="No union body has that address.")
    status = status_of(profile.body)
    return render_template("bodies/detail.html", body=profile.body, revisions=profile.revisions,
                           status=status, dormant=status.is_dormant(today()),
                           entries=timeline(profile.body, status))
