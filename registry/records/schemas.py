"""Public output schemas of published records. Nothing private (submitter identity, reviewer
notes, tokens) is ever a field here."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields

from registry.fields import UTCDateTime


def _about(description: str, example: Any, json_type: str | list[str] | None = None) -> dict[str, Any]:
    """Field metadata for the OpenAPI document (a type for fields computed in Python)."""
    return {"description": description, "example": example, **({"type": json_type} if json_type else {})}


class SourceSchema(Schema):
    """A citation: a public page and/or an uploaded document."""

    url = fields.String(allow_none=True, metadata=_about(
        "The page that states the fact.", "https://unionsforsinglepayer.org/"))
    archived_url = fields.String(allow_none=True, metadata=_about(
        "A copy in a web archive.", "https://web.archive.org/web/2019/https://example.org/"))
    document = fields.Method("document_url", allow_none=True, metadata=_about(
        "Download address of an uploaded PDF (by its SHA-256).", "/documents/9f86d081884c7d65…",
        "string"))
    title = fields.String(allow_none=True, metadata=_about("Title of the page or document.",
                                                           "Unions endorse HR 676"))
    publisher = fields.String(allow_none=True, metadata=_about("Who published it.", "Healthcare-NOW!"))
    is_primary = fields.Boolean(metadata=_about(
        "The signed resolution, minutes or an officer letter.", False))
    published_on = fields.Date(allow_none=True, metadata=_about("When it was published.", "2019-05-02"))

    def document_url(self, source) -> str | None:
        return f"/documents/{source.document_sha256}" if source.document_sha256 else None


class BillSchema(Schema):
    """A Medicare for All bill in Congress or a state legislature."""

    code = fields.String(metadata=_about("Bill number.", "HR 676"))
    slug = fields.String(metadata=_about("Stable text id.", "hr-676"))
    congress = fields.Integer(allow_none=True, metadata=_about("Congress (federal bills).", 116))
    jurisdiction = fields.String(metadata=_about("US, or the state code of a state bill.", "US"))
    chamber = fields.String(allow_none=True, metadata=_about("house, senate or state.", "house"))
    title = fields.String(metadata=_about("Title.", "Medicare for All Act of 2019"))
    sponsor = fields.String(allow_none=True, metadata=_about("Lead sponsor.", "Rep. Pramila Jayapal (D-WA)"))
    introduced_on = fields.Date(allow_none=True, metadata=_about("Date introduced.", "2019-02-27"))
    family = fields.String(metadata=_about("Lineage: the bill and its reintroductions.",
                                           "us-house-medicare-for-all"))
    predecessor = fields.Function(
        lambda bill: bill.predecessor.code if bill.predecessor else None, allow_none=True,
        metadata=_about("Code of the bill it reintroduces.", "HR 676", "string"))
    source_url = fields.String(metadata=_about("Where the bill is described.",
                                               "https://www.congress.gov/"))


class ResolutionSchema(Schema):
    """A body's published resolution for (or against) Medicare for All."""

    id = fields.Integer(dump_only=True, metadata=_about("Stable numeric id.", 31))
    body = fields.Function(lambda r: r.body.slug,
                           metadata=_about("Slug of the body.", "afge-local-2157", "string"))
    bill = fields.Function(lambda r: r.bill.code if r.bill else None, allow_none=True, metadata=_about(
        "Code of the bill it names; null for Medicare for All in general.", "HR 676", "string"))
    bill_as_reported = fields.String(allow_none=True, metadata=_about(
        "The bill as the source wrote it.", "H.R. 676"))
    stance = fields.String(metadata=_about("support or oppose.", "support"))
    adopted_on = fields.Date(allow_none=True, metadata=_about(
        "The vote date, or the date it was reported (see date_kind).", "2009-08-27"))
    date_precision = fields.String(allow_none=True, metadata=_about(
        "How much of the date is known: day, month or year.", "day"))
    date_kind = fields.String(allow_none=True, metadata=_about(
        "`adopted`: the vote date; `reported`: only the date it was reported.", "adopted"))
    title = fields.String(metadata=_about("Title.", "Resolution in support of HR 676"))
    summary = fields.String(allow_none=True, metadata=_about(
        "What it says, briefly.", "Endorses HR 676 and asks members to call Congress."))
    adoption_evidence = fields.String(metadata=_about(
        "What shows it was adopted: roster (named on a campaign's list), report (a report says so) "
        "or record (its text, minutes or a vote record).", "report"))
    commitments = fields.List(fields.String(), metadata=_about(
        "What it promised: educate_members, forward_to_officials, join_coalition, mobilize_members, "
        "fund_campaign, other.", ["forward_to_officials"]))
    evidence_level = fields.String(metadata=_about("reported, sourced or primary.", "sourced"))
    credited_to = fields.String(allow_none=True, metadata=_about(
        "The member who submitted it, when they asked for public credit.", None))
    published_at = UTCDateTime(dump_only=True, metadata=_about(
        "When it was published here.", "2026-11-20T09:30:00+00:00"))
    sources = fields.List(fields.Nested(SourceSchema), metadata=_about("Its sources.", []))


class ActionSchema(Schema):
    """One published follow-through action (or counter-action, or dated check-in)."""

    id = fields.Integer(dump_only=True, metadata=_about("Stable numeric id.", 8))
    body = fields.Function(lambda a: a.body.slug,
                           metadata=_about("Slug of the body.", "afge-local-2157", "string"))
    kind = fields.String(metadata=_about("Kind of action (see the ladder).", "rally_or_march"))
    scope = fields.String(metadata=_about(
        "What it was for: federal_bill, state_bill, single_payer, or health_reform (other health "
        "reform: shown, never counted).", "federal_bill"))
    occurred_on = fields.Date(allow_none=True, metadata=_about("When it happened.", "2019-09-01"))
    date_precision = fields.String(allow_none=True, metadata=_about(
        "How much of the date is known: day, month or year.", "day"))
    description = fields.String(metadata=_about("What happened.", "Members marched for HR 1384."))
    participants = fields.Integer(allow_none=True, metadata=_about("How many took part.", 120))
    amount_usd = fields.Decimal(allow_none=True, as_string=True, metadata={
        **_about("US dollars given, as a decimal string.", "2500.00", "string"),
        "pattern": r"^\d+\.\d{2}$"})
    bill = fields.Function(lambda a: a.bill.code if a.bill else None, allow_none=True, metadata=_about(
        "Code of the bill it was for, if any.", "HR 1384", "string"))
    evidence_level = fields.String(metadata=_about("reported, sourced or primary.", "sourced"))
    credited_to = fields.String(allow_none=True, metadata=_about(
        "The member who reported it, when they asked for public credit.", None))
    published_at = UTCDateTime(dump_only=True, metadata=_about(
        "When it was published here.", "2026-11-20T09:30:00+00:00"))
    sources = fields.List(fields.Nested(SourceSchema), metadata=_about("Its sources.", []))


class CheckSchema(Schema):
    """A dated follow-through check: someone looked into the body's follow-through."""

    id = fields.Integer(dump_only=True, metadata=_about("Stable numeric id.", 4))
    checked_on = fields.Date(metadata=_about("The day of the check.", "2026-11-12"))
    checked_by = fields.String(metadata=_about(
        "Who checked, by role only: researcher, reviewer, member, officer, staff or other.",
        "researcher"))
    searched = fields.Function(lambda c: c.searched_items, metadata=_about(
        "Where they looked: sources, archives and searches.",
        ["https://example.org/minutes", "The local's newsletters, 2019-2026"], "array"))
    result = fields.String(metadata=_about("nothing_found or actions_found.", "nothing_found"))
    summary = fields.String(allow_none=True, metadata=_about(
        "What they found, in short.", "No single-payer action found after the 2009 resolution."))
    credited_to = fields.String(allow_none=True, metadata=_about(
        "Who checked, when they asked for public credit.", None))
    published_at = UTCDateTime(dump_only=True, metadata=_about(
        "When it was published here.", "2026-11-20T09:30:00+00:00"))
