"""The registry's vocabularies and field limits: one home read by models, forms and schemas."""

from __future__ import annotations

from registry.text import N_

LEVELS: dict[str, str] = {
    "local": N_("Local union"),
    "district_council": N_("District council"),
    "central_labor_council": N_("Central labor council"),
    "area_labor_federation": N_("Area labor federation"),
    "state_federation": N_("State federation"),
    "national_union": N_("National union"),
    "federation": N_("Federation"),
    "other": N_("Other labor body"),
}

GEOCODE_PRECISIONS: dict[str, str] = {
    "exact": N_("exact address"),
    "zip": N_("ZIP code"),
    "city": N_("city"),
    "state": N_("state only"),
}

STANCES: dict[str, str] = {"support": N_("Supports"), "oppose": N_("Opposes")}

DATE_PRECISIONS: dict[str, str] = {"day": N_("day"), "month": N_("month"), "year": N_("year")}

# Whether a resolution's date is the vote itself or only the date it was reported.
DATE_KINDS: dict[str, str] = {"adopted": N_("adopted"), "reported": N_("reported")}

# A union body, or an organization beside the unions (shown, but left out of the gap by default).
ORGANIZATION_TYPES: dict[str, str] = {
    "union": N_("Union body"),
    "allied": N_("Allied organization (advocacy campaign, coalition, retiree or political group)"),
}

# What shows that a body adopted a resolution, weakest first.
ADOPTION_EVIDENCE: dict[str, str] = {
    "roster": N_("Roster — named on a campaign's list of endorsers"),
    "report": N_("Report — a news or union report says it adopted one"),
    "record": N_("Record — the resolution text, minutes or a vote record"),
}

# What an action was for. Only the single-payer scopes move the ladder (followthrough.ladder).
ACTION_SCOPES: dict[str, str] = {
    "federal_bill": N_("A federal single-payer bill"),
    "state_bill": N_("A state single-payer bill or ballot measure"),
    "single_payer": N_("Single payer / Medicare for All in general"),
    "health_reform": N_("General health reform that is not single payer"),
}

# Follow-through checks: a dated look at one body's record.
CHECK_RESULTS: dict[str, str] = {
    "nothing_found": N_("No follow-through found"),
    "actions_found": N_("Follow-through found (recorded as actions)"),
}
CHECKERS: dict[str, str] = {
    "researcher": N_("Registry researcher"),
    "reviewer": N_("Reviewer"),
    "member": N_("Member"),
    "officer": N_("Officer"),
    "staff": N_("Union staff"),
    "other": N_("Other"),
}

EVIDENCE_LEVELS: dict[str, str] = {
    "reported": N_("Reported — no public source attached yet"),
    "sourced": N_("Sourced — a public web page states it"),
    "primary": N_("Primary — the signed resolution, minutes or an officer letter"),
}

COMMITMENTS: dict[str, str] = {
    "educate_members": N_("Educate members"),
    "forward_to_officials": N_("Forward to elected officials"),
    "join_coalition": N_("Join a coalition"),
    "mobilize_members": N_("Mobilize members"),
    "fund_campaign": N_("Fund the campaign"),
    "other": N_("Other"),
}

SUBMISSION_KINDS: dict[str, str] = {
    "resolution": N_("Resolution"),
    "action": N_("Follow-through action"),
    "correction": N_("Correction"),
    "dispute": N_("Tier dispute"),
    "check": N_("Follow-through check"),
}

SUBMISSION_STATUSES: dict[str, str] = {
    "pending": N_("Waiting for review"),
    "published": N_("Published"),
    "rejected": N_("Not published"),
    "needs_info": N_("More information needed"),
    # Caught by the forms' spam trap: never in the queue; its submitter is shown "pending".
    "spam": N_("Caught by the spam trap"),
}

SUBMITTER_ROLES: dict[str, str] = {
    "member": N_("Member"),
    "officer": N_("Officer"),
    "staff": N_("Staff"),
    "other": N_("Other"),
}

USER_ROLES: dict[str, str] = {"reviewer": N_("Reviewer"), "admin": N_("Administrator")}

REVISION_ENTITIES = ("body", "resolution", "action", "source", "bill", "check")

# US states, DC and the territories that appear in union records.
STATE_CODES = (
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN",
    "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH",
    "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT",
    "VT", "VA", "WA", "WV", "WI", "WY", "PR", "GU", "VI", "AS", "MP",
)

# Field lengths, shared by the database columns, the forms and the schemas.
LENGTHS = {
    "slug": 120,
    "name": 200,
    "affiliation": 60,
    "designation": 80,
    "city": 100,
    "zip": 10,
    "url": 2000,
    "title": 300,
    "summary": 4000,
    "text": 100_000,
    "description": 4000,
    "publisher": 200,
    "person_name": 120,
    "email": 254,
    "contact": 300,
    "bill_code": 20,
    "bill_as_reported": 200,
    "note": 4000,
    "reason": 500,
    "searched": 8000,
}


def sql_in(column: str, values) -> str:
    """A CHECK constraint body restricting `column` to `values`."""
    quoted = ", ".join(f"'{value}'" for value in values)
    return f"{column} IN ({quoted})"


# Prospect filters of the organizer finder (/organize and GET /api/v1/nearby).
PROSPECTS: dict[str, str] = {
    "never_acted": N_("Endorsed, checked, never acted (paper only)"),
    "not_checked": N_("Endorsed, follow-through not yet checked"),
    "dormant": N_("Endorsed, dormant (nothing counted in 12 months)"),
    "no_resolution": N_("No resolution on record"),
    "mobilized": N_("Mobilized (tier 3 or 4): potential allies"),
}

# Member submissions and review ------------------------------------------------------------

# What a correction may be about. Body fields are applied by the reviewer as submitted (after
# checking); the others are accepted with a note and a source, since the records they touch
# are changed through their own submissions.
CORRECTION_FIELDS: dict[str, str] = {
    "name": N_("Name"),
    "level": N_("Level"),
    "affiliation": N_("Affiliation"),
    "designation": N_("Designation (e.g. Local 7901)"),
    "city": N_("City"),
    "state": N_("State"),
    "zip": N_("ZIP code"),
    "website": N_("Website"),
    "members": N_("Number of members"),
    "public_contact": N_("Public contact"),
    "resolution": N_("A resolution on record"),
    "action": N_("A follow-through action on record"),
    "tier": N_("The follow-through tier (dispute)"),
    "other": N_("Something else"),
}
CORRECTABLE_BODY_FIELDS = ("name", "level", "affiliation", "designation", "city", "state", "zip",
                           "website", "members", "public_contact")

REVIEW_DECISIONS: dict[str, str] = {
    "publish_new": N_("Publish as a new body"),
    "publish_merge": N_("Publish merged into an existing body"),
    "reject": N_("Reject with a reason"),
    "needs_info": N_("Ask the submitter for more information"),
}

MAX_UPLOAD_BYTES = 10 * 1024 * 1024  # uploaded PDFs (signed resolutions, minutes)

MAX_RECORD_ID = 2_147_483_647  # ids are 32-bit integers on PostgreSQL

MAX_MEMBERS = 100_000_000  # more than any union body has, and within a 32-bit integer column

# Years a submitted date may have, in the forms, the API and imports alike.
EARLIEST_YEAR = 1900
LATEST_YEAR = 2100


def parse_record_id(text: str | None) -> int | None:
    """A record id typed or posted as text, or None if it cannot be one (never an overflow)."""
    text = (text or "").strip()
    if not text.isdigit() or len(text) > 10 or not 0 < int(text) <= MAX_RECORD_ID:
        return None
    return int(text)
