"""Exported fields: one definition per column, read by the CSV/JSON/GeoJSON writers, the
Frictionless data package and the data dictionary, so the three can never disagree."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, case, func, literal, null, select
from sqlalchemy.orm import aliased

from registry.districts.congress import CURRENT_BILL
from registry.districts.services import district_ids_where_cosponsor
from registry.followthrough.ladder import STANDINGS, TIERS, dormancy_cutoff
from registry.followthrough.status import today
from registry.models import Action, Bill, Body, BodyDistrict, Check, District, Resolution, Source
from registry.text import N_

COSPONSOR_COLUMN = f"district_cosponsored_{CURRENT_BILL.lower().replace(' ', '_')}"
COSPONSOR_DESCRIPTION = N_("Whether the representative of `district` on the export date "
                           "cosponsored %(bill)s; empty when the district is not certain.")


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # Frictionless table-schema type: string, integer, number, boolean, date, datetime
    description: str  # in English (marked N_: the /data page shows it in the reader's language)
    column: Any  # the SQL expression that yields it
    derived: bool = False  # computed by the registry's rules; an import recomputes it


def _standing():
    """The stored status in one word, as ladder.standing() says it (SQL for exports and filters)."""
    return case(
        (Body.endorsing.is_(False) & Body.active_without_resolution.is_(False),
         literal("no_resolution")),
        (Body.endorsing.is_(True) & Body.checked.is_(False), literal("not_checked")),
        *((Body.tier == tier, literal(f"tier_{tier}")) for tier in TIERS),
    )


def _tier():
    """The tier, or NULL where the standing is no_resolution (as ladder.tier_shown says)."""
    return case((Body.endorsing.is_(False) & Body.active_without_resolution.is_(False), null()),
                else_=Body.tier)


def _tier_name():
    return case(
        (Body.endorsing.is_(False) & Body.active_without_resolution.is_(False),
         literal(STANDINGS["no_resolution"])),
        (Body.endorsing.is_(True) & Body.checked.is_(False), literal(STANDINGS["not_checked"])),
        *((Body.tier == tier, literal(name)) for tier, name in TIERS.items()),
    )


def district_fields() -> list[Field]:
    """A body's congressional district of the current map, read from its district links."""
    links = select(BodyDistrict.district_id).where(BodyDistrict.body_id == Body.id)
    certain = links.where(BodyDistrict.certain.is_(True)).scalar_subquery()
    code = (select(District.code).join(BodyDistrict, BodyDistrict.district_id == District.id)
            .where(BodyDistrict.body_id == Body.id, BodyDistrict.certain.is_(True)).scalar_subquery())
    candidates = (select(func.aggregate_strings(District.code, " "))
                  .select_from(BodyDistrict).join(District, BodyDistrict.district_id == District.id)
                  .where(BodyDistrict.body_id == Body.id).scalar_subquery())
    congress = (select(func.max(District.congress)).select_from(BodyDistrict)
                .join(District, BodyDistrict.district_id == District.id)
                .where(BodyDistrict.body_id == Body.id).scalar_subquery())
    cosponsored = case((certain.in_(district_ids_where_cosponsor(True)), True),
                       (certain.in_(district_ids_where_cosponsor(False)), False), else_=None)
    return [
        Field("district", "string", N_("Congressional district of the current map (e.g. OR-3, VT-AL) "
              "when the body's ZIP code area (or, without one, its city's) lies in one district; "
              "empty when it may be in several or none."), code, derived=True),
        Field("district_candidates", "string", N_("Every district the body may be in, space-separated "
              "(one when certain; empty for bodies placed only by state)."), candidates, derived=True),
        Field("district_congress", "integer", N_("The Congress whose district map is used."), congress,
              derived=True),
        Field(COSPONSOR_COLUMN, "boolean", COSPONSOR_DESCRIPTION % {"bill": CURRENT_BILL},
              cosponsored, derived=True),
    ]


def body_fields(parent=None) -> list[Field]:
    parent = parent if parent is not None else aliased(Body, name="parent_body")
    cutoff = dormancy_cutoff(today())
    dormant = case((Body.last_activity_on < cutoff, True), else_=False)
    return [
        Field("id", "integer", N_("Registry identifier of the body."), Body.id),
        Field("slug", "string", N_("Stable address of the body's page: /bodies/<slug>."), Body.slug),
        Field("name", "string", N_("Name of the union body."), Body.name),
        Field("level", "string", N_("local, district_council, central_labor_council, area_labor_federation, "
              "state_federation, national_union, federation or other."), Body.level),
        Field("organization_type", "string", N_("union (a union body) or allied (an advocacy campaign, "
              "coalition, retiree or political organization, left out of gap figures by default)."),
              Body.organization_type),
        Field("affiliation", "string", N_("National union or federation it belongs to (abbreviation)."),
              Body.affiliation),
        Field("designation", "string", N_("Unit designation, e.g. Local 155."), Body.designation),
        Field("parent", "string", N_("Slug of the parent body in the registry."), parent.slug),
        Field("olms_file_number", "integer", N_("US Department of Labor OLMS file number."),
              Body.olms_file_number),
        Field("city", "string", N_("City."), Body.city),
        Field("state", "string", N_("Two-letter state code."), Body.state),
        Field("zip", "string", N_("ZIP code."), Body.zip),
        Field("latitude", "number", N_("Latitude (WGS 84) at the stated precision."), Body.latitude),
        Field("longitude", "number", N_("Longitude (WGS 84) at the stated precision."), Body.longitude),
        Field("geocode_precision", "string", N_("exact, zip, city or state (state: the state's centre, "
              "not a real location)."), Body.geocode_precision),
        Field("members", "integer", N_("Members represented, where a source gives it."), Body.members),
        Field("members_year", "integer", N_("Year the membership figure refers to."), Body.members_year),
        Field("members_source_url", "string", N_("Source of the membership figure."),
              Body.members_source_url),
        Field("website", "string", N_("Public website."), Body.website),
        Field("public_contact", "string", N_("A contact the body publishes itself."), Body.public_contact),
        Field("endorsing", "boolean", N_("Has at least one published supporting resolution."),
              Body.endorsing, derived=True),
        Field("adoption_evidence", "string", N_("Strongest evidence of adoption among its resolutions: "
              "roster, report or record."), Body.adoption_evidence, derived=True),
        Field("checked", "boolean", N_("A dated follow-through check or an action is on record."),
              Body.checked, derived=True),
        Field("last_checked_on", "date", N_("Date of its latest follow-through check."),
              Body.last_checked_on, derived=True),
        Field("standing", "string", N_("What its record says: no_resolution, not_checked, or tier_0 "
              "(paper only: checked, nothing found) … tier_4."), _standing(), derived=True),
        Field("tier", "integer", N_("Follow-through tier 0–4 (see the methodology; read it with "
              "standing: an endorsing body not yet checked is at 0 without being paper only); "
              "empty for a body with no resolution on record and no counted action."),
              _tier(), derived=True),
        Field("tier_name", "string", N_("The standing in words (Not yet checked, Paper only, Internal, "
              "…)."), _tier_name(), derived=True),
        Field("retreat", "boolean", N_("A counter-action is on record."), Body.retreat, derived=True),
        Field("dormant", "boolean", N_("No counted action or resolution in the 12 months before the "
              "export date."), dormant, derived=True),
        Field("active_without_resolution", "boolean", N_("Has actions but no supporting resolution."),
              Body.active_without_resolution, derived=True),
        Field("first_resolution_on", "date", N_("Date of the earliest supporting resolution (vote date, "
              "else reported date)."), Body.first_resolution_on, derived=True),
        Field("first_resolution_precision", "string", N_("How precisely first_resolution_on is known: "
              "day, month or year."), Body.first_resolution_precision, derived=True),
        Field("last_activity_on", "date", N_("Date of the latest counted action or resolution (for a "
              "month or a year, its last day)."), Body.last_activity_on, derived=True),
        Field("last_activity_precision", "string", N_("How precisely last_activity_on is known: day, "
              "month or year."), Body.last_activity_precision, derived=True),
        Field("evidence_level", "string", N_("Best evidence among its records: reported, sourced or "
              "primary."), Body.evidence_level, derived=True),
        Field("published_at", "datetime", N_("When the body was published in the registry (UTC)."),
              Body.published_at),
        *district_fields(),
    ]


def body_rows(query: Select) -> Select:
    """Turn a filtered `select(Body)` into a select of exactly the exported columns."""
    parent = aliased(Body, name="parent_body")
    fields = body_fields(parent)
    return (query.outerjoin(parent, Body.parent_id == parent.id)
            .with_only_columns(*(f.column.label(f.name) for f in fields)))


def resolution_fields() -> list[Field]:
    return [
        Field("id", "integer", N_("Registry identifier of the resolution."), Resolution.id),
        Field("body", "string", N_("Slug of the body that adopted it."), Body.slug),
        Field("bill", "string", N_("Bill code, empty for Medicare for All in general."), Bill.code),
        Field("bill_as_reported", "string", N_("How the source named the measure when no bill code is "
              "given."), Resolution.bill_as_reported),
        Field("stance", "string", N_("support or oppose."), Resolution.stance),
        Field("adopted_on", "date", N_("Vote date, or the date it was reported (see date_kind); the "
              "first day of the period when only a month or year is known."), Resolution.adopted_on),
        Field("date_precision", "string", N_("day, month or year."), Resolution.date_precision),
        Field("date_kind", "string", N_("adopted (vote date) or reported (it was adopted on or before "
              "this date)."), Resolution.date_kind),
        Field("adoption_evidence", "string", N_("What shows it was adopted: roster (named on a "
              "campaign's list), report (a report says so) or record (text, minutes or a vote)."),
              Resolution.adoption_evidence),
        Field("title", "string", N_("Title."), Resolution.title),
        Field("summary", "string", N_("Summary."), Resolution.summary),
        Field("text", "string", N_("The resolution's text, where on record."), Resolution.text),
        Field("commitments", "string", N_("What it promised, ';'-separated (educate_members, "
              "forward_to_officials, join_coalition, mobilize_members, fund_campaign, other)."),
              Resolution.commitments),
        Field("credited_to", "string", N_("Who submitted it, where they asked to be credited."),
              Resolution.credited_to),
        Field("evidence_level", "string", N_("reported, sourced or primary."), Resolution.evidence_level,
              derived=True),
        Field("published_at", "datetime", N_("When it was published in the registry (UTC)."),
              Resolution.published_at),
    ]


def action_fields() -> list[Field]:
    return [
        Field("id", "integer", N_("Registry identifier of the action."), Action.id),
        Field("body", "string", N_("Slug of the body that acted."), Body.slug),
        Field("resolution", "integer", N_("Identifier of the resolution it followed, if linked."),
              Action.resolution_id),
        Field("kind", "string", N_("Action kind on the follow-through ladder (see the methodology)."),
              Action.kind),
        Field("scope", "string", N_("What it was for: federal_bill, state_bill, single_payer, or "
              "health_reform (not single payer; never counted)."), Action.scope),
        Field("occurred_on", "date", N_("Date; the first day of the period when only a month or year "
              "is known; empty when undated."), Action.occurred_on),
        Field("date_precision", "string", N_("day, month or year."), Action.date_precision),
        Field("description", "string", N_("What happened, in short."), Action.description),
        Field("participants", "integer", N_("People taking part, where reported."), Action.participants),
        Field("amount_usd", "number", N_("Money given, in US dollars, where reported."), Action.amount_usd),
        Field("bill", "string", N_("Bill code the action concerned, if any."), Bill.code),
        Field("credited_to", "string", N_("Who submitted it, where they asked to be credited."),
              Action.credited_to),
        Field("evidence_level", "string", N_("reported, sourced or primary."), Action.evidence_level,
              derived=True),
        Field("published_at", "datetime", N_("When it was published in the registry (UTC)."),
              Action.published_at),
    ]


def check_fields() -> list[Field]:
    return [
        Field("id", "integer", N_("Registry identifier of the check."), Check.id),
        Field("body", "string", N_("Slug of the body whose follow-through was checked."), Body.slug),
        Field("checked_on", "date", N_("The day the check was made."), Check.checked_on),
        Field("checked_by", "string", N_("Who checked, by role only: researcher, reviewer, member, "
              "officer, staff or other."), Check.checked_by),
        Field("searched", "string", N_("Where they looked: one source, archive or search per line."),
              Check.searched),
        Field("result", "string", N_("nothing_found, or actions_found (then recorded as actions)."),
              Check.result),
        Field("summary", "string", N_("What they found, in short."), Check.summary),
        Field("credited_to", "string", N_("Who made it, where they asked to be credited."),
              Check.credited_to),
        Field("published_at", "datetime", N_("When it was published in the registry (UTC)."),
              Check.published_at),
    ]


def source_fields() -> list[Field]:
    owner = case((Source.resolution_id.is_not(None), literal("resolution")),
                 (Source.action_id.is_not(None), literal("action")), else_=literal("body"))
    return [
        Field("id", "integer", N_("Registry identifier of the citation."), Source.id),
        Field("record_type", "string", N_("body, resolution or action."), owner),
        Field("record_id", "integer", N_("Identifier of the cited record."),
              case((Source.resolution_id.is_not(None), Source.resolution_id),
                   (Source.action_id.is_not(None), Source.action_id), else_=Source.body_id)),
        Field("url", "string", N_("Public address of the source."), Source.url),
        Field("archived_url", "string", N_("An archived copy of the page."), Source.archived_url),
        Field("document_sha256", "string", N_("SHA-256 of an uploaded PDF (download at "
              "/documents/<sha256>)."), Source.document_sha256),
        Field("document_name", "string", N_("File name of the uploaded PDF."), Source.document_name),
        Field("title", "string", N_("Title of the source."), Source.title),
        Field("publisher", "string", N_("Who published it."), Source.publisher),
        Field("is_primary", "boolean", N_("Signed resolution, minutes or officer letter."),
              Source.is_primary),
        Field("published_on", "date", N_("Publication date of the source, where known."),
              Source.published_on),
        Field("accessed_on", "date", N_("When the registry read it."), Source.accessed_on),
    ]


def bill_fields(predecessor=None) -> list[Field]:
    predecessor = predecessor if predecessor is not None else aliased(Bill, name="predecessor")
    return [
        Field("code", "string", N_("Bill code, e.g. HR 676."), Bill.code),
        Field("congress", "integer", N_("Congress in which it was (first) introduced."), Bill.congress),
        Field("jurisdiction", "string", N_("US for federal bills, else a state code."), Bill.jurisdiction),
        Field("chamber", "string", N_("house, senate or state."), Bill.chamber),
        Field("title", "string", N_("Title."), Bill.title),
        Field("sponsor", "string", N_("Sponsor."), Bill.sponsor),
        Field("introduced_on", "date", N_("Introduction date."), Bill.introduced_on),
        Field("family", "string", N_("Bill family (lineage)."), Bill.family),
        Field("predecessor", "string", N_("Code of the previous bill of the family."), predecessor.code),
        Field("source_url", "string", N_("Source of these facts."), Bill.source_url),
    ]


def table_query(table: str) -> tuple[list[Field], Select]:
    """The fields and the full-table query of a downloadable table."""
    if table == "bodies":
        return body_fields(), body_rows(select(Body).order_by(Body.id))
    if table == "resolutions":
        fields = resolution_fields()
        query = (select(*(f.column.label(f.name) for f in fields)).select_from(Resolution)
                 .join(Body, Resolution.body_id == Body.id)
                 .outerjoin(Bill, Resolution.bill_id == Bill.id).order_by(Resolution.id))
        return fields, query
    if table == "actions":
        fields = action_fields()
        query = (select(*(f.column.label(f.name) for f in fields)).select_from(Action)
                 .join(Body, Action.body_id == Body.id)
                 .outerjoin(Bill, Action.bill_id == Bill.id).order_by(Action.id))
        return fields, query
    if table == "checks":
        fields = check_fields()
        query = (select(*(f.column.label(f.name) for f in fields)).select_from(Check)
                 .join(Body, Check.body_id == Body.id).order_by(Check.id))
        return fields, query
    if table == "sources":
        fields = source_fields()
        return fields, select(*(f.column.label(f.name) for f in fields)).order_by(Source.id)
    if table == "bills":
        predecessor = aliased(Bill, name="predecessor")
        fields = bill_fields(predecessor)
        query = (select(*(f.column.label(f.name) for f in fields)).select_from(Bill)
                 .outerjoin(predecessor, Bill.predecessor_id == predecessor.id).order_by(Bill.id))
        return fields, query
    raise KeyError(table)


TABLES = {
    "bodies": N_("Union bodies with their follow-through status."),
    "resolutions": N_("Resolutions for (or against) Medicare for All, one row per resolution."),
    "actions": N_("Follow-through actions and counter-actions, one row per action."),
    "checks": N_("Follow-through checks: who looked (by role), where, when, and what they found."),
    "sources": N_("Citations: the public pages and documents behind every record."),
    "bills": N_("Medicare for All bills and their lineage."),
}
