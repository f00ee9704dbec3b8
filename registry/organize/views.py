"""The organizer finder page and its CSV call list; all state is in the query string."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import Blueprint, Response, current_app, render_template, request
from flask_babel import gettext

from registry.database import db
from registry.districts.congress import CURRENT_BILL
from registry.followthrough.status import today
from registry.geo import Lookup, words
from registry.languages import Labels, partial_date
from registry.main.errors import CONTENT_SECURITY_POLICY
from registry.main.links import site_url_for
from registry.organize import calllist, services
from registry.organize.forms import NearbyForm
from registry.vocab import PROSPECTS

bp = Blueprint("organize", __name__, url_prefix="/organize")
bp.record_once(lambda state: words.register(state.app))


@dataclass
class Search:
    form: NearbyForm
    found: Lookup | None = None
    result: services.NearbyResult | None = None
    invalid: bool = False


def run_search() -> Search:
    """Parse the query string, resolve the place, search: the shared path of page and CSV."""
    search = Search(NearbyForm(request.args, services.affiliation_choices()))
    form = search.form
    if not form.searched:
        return search
    if not form.validate():
        search.invalid = True
        return search
    search.found = services.resolve_near(form.near.data)
    db.session.commit()  # keeps answers an online geocoder gave, if one is configured
    if search.found.place is None:
        form.near.errors = [search.found.problem]
        return search
    search.result = services.nearby(search.found.place, form.radius_mi.data, form.filters())
    return search


def profile_url(slug: str) -> str:
    return site_url_for("bodies.detail", slug=slug)


@bp.get("")
def index():
    search = run_search()
    html = render_template("organize/index.html", search=search, form=search.form,
                           result=search.result, prospects=Labels(PROSPECTS),
                           today_label=partial_date(today()), current_bill=CURRENT_BILL,
                           tile_url=current_app.config.get("MAP_TILE_URL"),
                           tile_attribution=current_app.config.get("MAP_TILE_ATTRIBUTION"))
    response = Response(html, status=400 if search.invalid else 200)
    if tile_origin := _tile_origin():
        response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY.replace(
            "img-src 'self' data:", f"img-src 'self' data: {tile_origin}")
    return response


@bp.get("/calls.csv")
def calls_csv():
    search = run_search()
    if search.result is None:
        errors = [f"{field.label.text}: {' '.join(map(str, field.errors))}" for field in search.form
                  if field.errors] or [gettext("Give a place to search near, e.g. ?near=43215&radius_mi=30.")]
        return Response("\n".join(errors) + "\n", status=400, mimetype="text/plain")
    place = re.sub(r"[^a-z0-9]+", "-", search.result.place.label.lower()).strip("-")
    filename = f"call-list-{place}-{search.result.radius_mi:g}mi.csv"
    return Response(calllist.to_csv(calllist.rows(search.result, profile_url)), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def _tile_origin() -> str | None:
    """The tile server's origin, allowed for images only when MAP_TILE_URL is set."""
    url = current_app.config.get("MAP_TILE_URL")
    if not url:
        return None
    parts = urlsplit(url.replace("{s}", "a"))
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    host = parts.netloc.replace("a.", "*.", 1) if "{s}" in url else parts.netloc
    return f"{parts.scheme}://{host}"
