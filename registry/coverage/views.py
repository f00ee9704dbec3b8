"""/about/coverage: the registry beside the campaigns' own counts, and what has been checked."""

from __future__ import annotations

from flask import Blueprint, render_template

from registry.coverage import origins, services
from registry.followthrough import aggregates
from registry.geo import state_name

bp = Blueprint("coverage", __name__)


@bp.get("/about/coverage")
def index():
    return render_template(
        "coverage/index.html", figures=services.campaign_figures(),
        levels=services.coverage_by("level"), states=services.coverage_by("state"),
        lists=services.harvested_lists(), overall=aggregates.overall_gap(), state_name=state_name,
        origins=origins.by_month())
