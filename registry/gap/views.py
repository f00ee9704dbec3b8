"""HTML pages of the gap: /gap with its charts and CSV downloads, and /about/methodology."""

from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, request
from marshmallow import EXCLUDE, ValidationError

from registry import languages
from registry.bodies.messages import for_people
from registry.bodies.schemas import BodyFilterSchema
from registry.followthrough import ladder
from registry.gap import services
from registry.gap.charts import chart_svg
from registry.gap.methodology import methodology as methodology_content

bp = Blueprint("gap", __name__)


def load_filters() -> dict:
    """The shared body filters from the query string; other arguments (sort, page) are ignored."""
    return BodyFilterSchema(unknown=EXCLUDE).load(request.args.to_dict())


def render_page(overview, filters: dict, errors: dict, status: int = 200):
    return render_template(
        "gap/index.html", overview=overview, filters=filters, errors=errors,
        args=services.query_args(filters), choices=services.filter_choices(languages.current()),
        chart_svg=chart_svg, list_args=services.list_args,
        mobilized_tier=ladder.MOBILIZED_TIER,
    ), status


@bp.get("/gap")
def index():
    try:
        filters = load_filters()
    except ValidationError as error:
        # Show what was typed, so the person can correct it.
        return render_page(None, request.args.to_dict(), for_people(error.messages), 400)
    return render_page(services.gap_overview(filters), filters, {})


@bp.get("/gap/<chart>.csv")
def chart_csv(chart: str):
    if chart not in services.CHARTS:
        abort(404, description=f"No chart is called {chart!r}: try one of "
                               f"{', '.join(services.CHARTS)}.")
    try:
        filters = load_filters()
    except ValidationError as error:
        problems = "; ".join(f"{field}: {' '.join(map(str, messages))}"
                             for field, messages in error.messages.items())
        abort(400, description=f"Bad filter — {problems}")
    return Response(services.chart_csv(chart, filters), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="gap-{chart}.csv"'})


@bp.get("/about/methodology")
def methodology():
    return render_template("gap/methodology.html", method=methodology_content())
