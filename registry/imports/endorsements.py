"""The endorsement CSV: one row per claim — a body, and optionally its resolution and one
follow-through action — with the public page that states it.

Header names are case-insensitive and may come in any order; an unknown column is an error naming
it. Required: body_name, level, source_url. A row with no resolution or action column filled is a
claim about the body alone (its membership, website or existence). The check columns record a
dated look at the body's follow-through (who by role, where, what was found)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from marshmallow import Schema, ValidationError, fields, post_load, pre_load, validate

from registry.followthrough.ladder import ACTION_KINDS
from registry.imports.common import ImportProblems
from registry.imports.reading import Record, delimiter_hint, header_names
from registry.records.rows import SLUG, PartialDate, http_url, text_field
from registry.text import N_
from registry.vocab import (
    ACTION_SCOPES,
    ADOPTION_EVIDENCE,
    CHECK_RESULTS,
    CHECKERS,
    COMMITMENTS,
    DATE_KINDS,
    DATE_PRECISIONS,
    EARLIEST_YEAR,
    LEVELS,
    MAX_RECORD_ID,
    ORGANIZATION_TYPES,
    STANCES,
    STATE_CODES,
)

REQUIRED = ("body_name", "level", "source_url")
# The columns DESIGN.md names, then the optional ones that carry the rest of a published record.
CORE = ("body_name", "level", "affiliation", "designation", "city", "state", "zip",
        "olms_file_number", "bill", "stance", "adopted_on", "date_kind", "date_precision",
        "action_kind", "action_date", "action_description", "source_url")
OPTIONAL = ("slug", "parent", "organization_type", "members", "members_year", "website",
            "public_contact", "adoption_evidence", "commitments", "action_scope",
            "action_participants", "action_amount_usd", "action_bill", "checked_on", "checked_by",
            "searched", "check_result", "check_summary")
COLUMNS = CORE + OPTIONAL
# What each column holds, for the /data page (the README lists the same columns).
COLUMN_DOCS: dict[str, str] = {
    "body_name": N_("Name of the union body (required)."),
    "level": N_("local, district_council, central_labor_council, area_labor_federation, state_federation, "
             "national_union, federation or other (required)."),
    "affiliation": N_("National union or federation, as an abbreviation (USW, AFL-CIO…)."),
    "designation": N_("Unit designation, e.g. Local 155."),
    "city": N_("City."), "state": N_("Two-letter state code."), "zip": N_("ZIP code: 5 digits or ZIP+4."),
    "olms_file_number": N_("US Department of Labor OLMS file number (matches bodies first)."),
    "bill": N_("A bill code the registry knows (HR 676, HR 3069…), or the words the source uses."),
    "stance": N_("support (default) or oppose."),
    "adopted_on": N_("Vote date or report date: YYYY, YYYY-MM or YYYY-MM-DD."),
    "date_kind": N_("adopted (the vote date) or reported (adopted on or before this date); required "
                 "with adopted_on."),
    "date_precision": N_("day, month or year: optional, must agree with adopted_on."),
    "action_kind": N_("A follow-through action the source reports as done (see the methodology)."),
    "action_date": N_("When: YYYY, YYYY-MM or YYYY-MM-DD; empty when undated."),
    "action_description": N_("What happened, in short (required with an action)."),
    "source_url": N_("The public page that states the row's claim (required)."),
    "slug": N_("The body's address in the registry, to name an existing body exactly."),
    "parent": N_("The parent body: its slug, or its name when only one body has it."),
    "organization_type": N_("union (default) or allied (advocacy campaign, coalition, retiree or "
                         "political organization)."),
    "members": N_("Members the source states."), "members_year": N_("The year the figure refers to."),
    "website": N_("The body's own website."), "public_contact": N_("A contact the body publishes itself."),
    "adoption_evidence": N_("roster, report (default) or record: what shows the resolution was adopted."),
    "commitments": N_("What the resolution promised, ';'-separated (educate_members, "
                   "forward_to_officials, join_coalition, mobilize_members, fund_campaign, other)."),
    "action_scope": N_("federal_bill, state_bill, single_payer (default) or health_reform."),
    "action_participants": N_("People taking part."), "action_amount_usd": N_("Dollars given."),
    "action_bill": N_("Bill code the action was for."),
    "checked_on": N_("A dated follow-through check: the day someone looked (with checked_by and "
                  "check_result)."),
    "checked_by": N_("Who checked, by role: researcher, reviewer, member, officer, staff or other."),
    "searched": N_("Where they looked, one source, archive or search per line (the row's source_url "
                "is added)."),
    "check_result": N_("nothing_found or actions_found (each action then a row of its own)."),
    "check_summary": N_("What they found, in short."),
}
RESOLUTION_COLUMNS = ("bill", "stance", "adopted_on", "date_kind", "date_precision",
                      "adoption_evidence", "commitments")
ACTION_COLUMNS = ("action_kind", "action_date", "action_description", "action_scope",
                  "action_participants", "action_amount_usd", "action_bill")
CHECK_COLUMNS = ("checked_on", "checked_by", "searched", "check_result", "check_summary")
ZIP = validate.Regexp(r"^\d{5}(-\d{4})?$", error="Use 5 digits or ZIP+4 (12345-6789).")
WHOLE = validate.Range(min=0, max=MAX_RECORD_ID)


class EndorsementRowSchema(Schema):
    body_name = text_field("name", required=True)
    level = fields.String(required=True, validate=validate.OneOf(LEVELS))
    affiliation = text_field("affiliation")
    designation = text_field("designation")
    city = text_field("city")
    state = fields.String(allow_none=True, validate=validate.OneOf(STATE_CODES))
    zip = fields.String(allow_none=True, validate=ZIP)
    olms_file_number = fields.Integer(allow_none=True, strict=False,
                                      validate=validate.Range(min=1, max=MAX_RECORD_ID))
    bill = text_field("bill_as_reported")
    stance = fields.String(allow_none=True, validate=validate.OneOf(STANCES))
    adopted_on = PartialDate(allow_none=True)
    date_kind = fields.String(allow_none=True, validate=validate.OneOf(DATE_KINDS))
    date_precision = fields.String(allow_none=True, validate=validate.OneOf(DATE_PRECISIONS))
    action_kind = fields.String(allow_none=True, validate=validate.OneOf(ACTION_KINDS))
    action_date = PartialDate(allow_none=True)
    action_description = text_field("description", multiline=True)
    source_url = fields.String(required=True, validate=[http_url, validate.Length(max=2000)])
    slug = fields.String(allow_none=True, validate=[SLUG, validate.Length(max=120)])
    parent = text_field("name")
    organization_type = fields.String(allow_none=True, validate=validate.OneOf(ORGANIZATION_TYPES))
    members = fields.Integer(allow_none=True, validate=WHOLE)
    members_year = fields.Integer(allow_none=True, validate=validate.Range(1800, 2200))
    website = fields.String(allow_none=True, validate=[http_url, validate.Length(max=2000)])
    public_contact = text_field("contact")
    adoption_evidence = fields.String(allow_none=True, validate=validate.OneOf(ADOPTION_EVIDENCE))
    commitments = fields.String(allow_none=True)
    action_scope = fields.String(allow_none=True, validate=validate.OneOf(ACTION_SCOPES))
    action_participants = fields.Integer(allow_none=True, validate=WHOLE)
    action_amount_usd = fields.Decimal(allow_none=True, places=2,
                                       validate=validate.Range(min=0, max=999_999_999_999))
    action_bill = text_field("bill_code")
    checked_on = fields.Date(allow_none=True, validate=validate.Range(
        min=date(EARLIEST_YEAR, 1, 1), error=f"Give a date in {EARLIEST_YEAR} or later."))
    checked_by = fields.String(allow_none=True, validate=validate.OneOf(CHECKERS))
    searched = text_field("searched", multiline=True)
    check_result = fields.String(allow_none=True, validate=validate.OneOf(CHECK_RESULTS))
    check_summary = text_field("note", multiline=True)

    @pre_load
    def tidy(self, data: dict[str, Any], **kwargs) -> dict[str, Any]:
        cleaned = {k: (v.strip() or None) if isinstance(v, str) else v for k, v in data.items()}
        for name in ("state",):
            if cleaned.get(name):
                cleaned[name] = cleaned[name].upper()
        for name in ("level", "stance", "date_kind", "date_precision", "action_kind",
                     "organization_type", "adoption_evidence", "action_scope", "checked_by",
                     "check_result"):
            if cleaned.get(name):
                cleaned[name] = cleaned[name].lower()
        for name in ("members", "olms_file_number", "action_participants"):
            if isinstance(cleaned.get(name), str):
                cleaned[name] = cleaned[name].replace(",", "")
        return cleaned

    @post_load
    def check_together(self, data: dict[str, Any], **kwargs) -> dict[str, Any]:
        errors: dict[str, str] = {}
        adopted = data.get("adopted_on")
        if adopted and not data.get("date_kind"):
            errors["date_kind"] = "Required with adopted_on: adopted (the vote date) or reported."
        if data.get("date_kind") and not adopted:
            errors["adopted_on"] = "Required with date_kind."
        if adopted and data.get("date_precision"):
            data["adopted_on"] = _with_precision(adopted, data["date_precision"], errors)
        elif data.get("date_precision") and not adopted:
            errors["adopted_on"] = "Required with date_precision."
        items = [c.strip() for c in (data.get("commitments") or "").split(";") if c.strip()]
        unknown = [c for c in items if c not in COMMITMENTS]
        if unknown:
            errors["commitments"] = (f"Unknown commitment(s): {', '.join(unknown)} (use "
                                     f"{', '.join(COMMITMENTS)}, separated by ';').")
        data["commitments"] = items
        acting = any(data.get(name) not in (None, "") for name in ACTION_COLUMNS)
        if acting and not data.get("action_kind"):
            errors["action_kind"] = "Required when any action column is filled."
        if acting and not data.get("action_description"):
            errors["action_description"] = "Required when any action column is filled."
        checking = any(data.get(name) not in (None, "") for name in CHECK_COLUMNS)
        for name in ("checked_on", "checked_by", "check_result"):
            if checking and not data.get(name):
                errors[name] = "Required when any check column is filled."
        if data.get("checked_on") and data["checked_on"] > date.today():
            errors["checked_on"] = "Must not be in the future."
        if data.get("members_year") and data.get("members") is None:
            errors["members"] = "Required with members_year."
        if errors:
            raise ValidationError(errors)
        return data


def _with_precision(value: tuple[date, str], precision: str, errors: dict[str, str]) -> tuple[date, str]:
    """A full date written with a coarser precision (an export's 2019-01-01 + year) is that period."""
    day, given = value
    rank = {"year": 0, "month": 1, "day": 2}
    if rank[precision] > rank[given]:
        errors["date_precision"] = f"The date is only known to the {given}."
        return value
    start = date(day.year, 1 if precision == "year" else day.month, 1 if precision != "day" else day.day)
    if start != day:
        errors["date_precision"] = f"A date of {precision} precision starts its {precision}."
    return start, precision


@dataclass
class Claim:
    """One validated row: a body, and maybe a resolution and an action, with its source."""

    line: int
    body: dict[str, Any]
    source_url: str
    resolution: dict[str, Any] | None = None
    action: dict[str, Any] | None = None
    check: dict[str, Any] | None = None
    parent: str | None = None


BODY_KEYS = ("slug", "level", "affiliation", "designation", "city", "state", "zip",
             "olms_file_number", "organization_type", "members", "members_year", "website",
             "public_contact")


def is_endorsement_header(names: list[str]) -> bool:
    return "body_name" in names


def read_endorsements(header: Record, rows: Iterable[Record]) -> list[Claim]:
    """Validate every row; raise ImportFileError naming each bad line and field."""
    problems = ImportProblems()
    names = header_names(header.values)
    unknown = [name for name in names if name not in COLUMNS]
    if unknown:
        problems.add(header.line, "header", f"unknown column(s) {', '.join(map(repr, unknown))}"
                     + delimiter_hint(header.values))
    missing = [name for name in REQUIRED if name not in names]
    if missing:
        problems.add(header.line, "header", f"missing column(s) {', '.join(missing)}")
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        problems.add(header.line, "header", f"repeated column(s) {', '.join(repeated)}")
    problems.raise_if_any()
    schema = EndorsementRowSchema()
    claims = []
    for record in rows:
        if problems.full(record.line):
            break
        if len(record.values) != len(names):
            problems.add(record.line, "row", f"has {len(record.values)} fields; the header has "
                                             f"{len(names)}")
            continue
        try:
            data = schema.load(dict(zip(names, record.values, strict=True)))
        except ValidationError as error:
            for name, messages in sorted(error.normalized_messages().items()):
                text = " ".join(messages) if isinstance(messages, list) else str(messages)
                problems.add(record.line, name, text)
            continue
        claims.append(to_claim(record.line, data))
    problems.raise_if_any()
    return claims


def to_claim(line: int, data: dict[str, Any]) -> Claim:
    body = {key: data.get(key) for key in BODY_KEYS}
    body["name"] = data["body_name"]
    if body["zip"] and len(body["zip"]) > 5:
        body["zip"] = body["zip"][:5]
    claim = Claim(line, body, data["source_url"], parent=data.get("parent"))
    if any(data.get(name) not in (None, "", []) for name in RESOLUTION_COLUMNS):
        on, precision = data.get("adopted_on") or (None, None)
        claim.resolution = {"bill": data.get("bill"), "stance": data.get("stance") or "support",
                            "adopted_on": on, "date_precision": precision,
                            "date_kind": data.get("date_kind"),
                            "adoption_evidence": data.get("adoption_evidence"),
                            "commitments": data["commitments"]}
    if data.get("action_kind"):
        on, precision = data.get("action_date") or (None, None)
        claim.action = {"kind": data["action_kind"], "occurred_on": on, "date_precision": precision,
                        "description": data["action_description"],
                        "scope": data.get("action_scope") or "single_payer",
                        "participants": data.get("action_participants"),
                        "amount_usd": data.get("action_amount_usd"), "bill": data.get("action_bill")}
    if data.get("checked_on"):
        places = [line.strip() for line in (data.get("searched") or "").splitlines() if line.strip()]
        if data["source_url"] not in places:
            places.insert(0, data["source_url"])
        claim.check = {"checked_on": data["checked_on"], "checked_by": data["checked_by"],
                       "searched": "\n".join(places), "result": data["check_result"],
                       "summary": data.get("check_summary")}
    return claim
