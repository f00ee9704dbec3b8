"""GET /api/v1/stats/gap: the gap between paper support and mobilization, overall and by group,
for the bodies matching the shared body filters."""

from __future__ import annotations

from flask_smorest import Blueprint
from marshmallow import Schema, fields
from marshmallow.validate import OneOf

from registry.api import examples
from registry.api.arguments import exact
from registry.bodies.schemas import BodyFilterSchema
from registry.followthrough.aggregates import GROUPINGS, gap_by, overall_gap

blp = Blueprint("api_stats", __name__, url_prefix="/stats",
                description="Gap figures computed from the follow-through ladder.")


class GapQuerySchema(BodyFilterSchema):
    group_by = fields.String(load_default=None, validate=OneOf(GROUPINGS), metadata={
        "description": "Also give the figures per group: " + ", ".join(GROUPINGS) + ".",
        "example": "state"})


def share(description: str, example: float):
    return fields.Float(allow_none=True, metadata={
        "description": description + " Null for an empty group.", "example": example})


class GapFiguresSchema(Schema):
    """Counts and shares for one group of endorsing bodies."""

    endorsing = fields.Integer(metadata={
        "description": "Union bodies with a supporting resolution (allied organizations only when "
                       "`organization_type` asks for them).", "example": 40})
    checked = fields.Integer(metadata={
        "description": "Endorsing bodies with a published follow-through check or any published "
                       "action.", "example": 28})
    unchecked = fields.Integer(metadata={
        "description": "Endorsing bodies nobody has checked yet (checked + unchecked = endorsing).",
        "example": 12})
    paper_only = fields.Integer(metadata={
        "description": "Checked endorsing bodies at tier 0: a check found no follow-through.",
        "example": 10})
    mobilized = fields.Integer(metadata={"description": "Endorsing bodies at tier 3 or above.",
                                         "example": 6})
    members_known = fields.Integer(metadata={
        "description": "Endorsing bodies whose membership is known.", "example": 9})
    members = fields.Integer(metadata={"description": "Members represented by those bodies.",
                                       "example": 182000})
    members_mobilized = fields.Integer(metadata={
        "description": "Members of those bodies at tier 3 or above.", "example": 51000})
    gap = share("1 − mobilized / endorsing: the share of endorsers with no recorded mobilization "
                "(unchecked bodies counted as not mobilized).", 0.85)
    gap_among_checked = share("1 − mobilized / checked: the share of checked endorsers that never "
                              "mobilized; null when none is checked.", 0.79)
    paper_only_share = share("paper_only / endorsing.", 0.55)
    mobilized_share = share("mobilized / endorsing.", 0.15)
    members_gap = share("The gap weighted by members, where memberships are known.", 0.72)


class GapGroupSchema(GapFiguresSchema):
    """Counts and shares for one group, with the group's key."""

    key = fields.Function(lambda row: None if row.key is None else str(row.key), allow_none=True,
                          metadata={"description": "The group: a state code, level, affiliation, "
                                                   "bill family or year; null when unknown.",
                                    "example": "OR"})

    def get_attribute(self, obj, attr, default):
        """The figures of a GapRow sit beside its key, flattened into one object."""
        return super().get_attribute(obj.figures, attr, default)


class GapSchema(Schema):
    """Gap figures overall and, with `group_by`, per group (ordered by key, unknown last)."""

    group_by = fields.String(allow_none=True, metadata={"description": "The grouping asked for.",
                                                        "example": "state"})
    overall = fields.Nested(GapFiguresSchema, metadata={"description": "All matching bodies."})
    groups = fields.List(fields.Nested(GapGroupSchema), metadata={
        "description": "One entry per group; empty without `group_by`."})


@blp.get("/gap")
@blp.arguments(exact(GapQuerySchema), location="query")
@blp.response(200, GapSchema, example=examples.GAP)
def gap(filters):
    """Gap figures

    How many endorsing bodies stayed on paper and how many mobilized, overall and per state,
    level, affiliation, bill family or year of first resolution. Takes the body filters of
    /bodies."""
    group_by = filters.pop("group_by")
    # gap_by's result is cached and shared: sort a copy.
    groups = sorted(gap_by(group_by, filters) if group_by else [],
                    key=lambda row: (row.key is None, str(row.key)))
    return {"group_by": group_by, "overall": overall_gap(filters), "groups": groups}
