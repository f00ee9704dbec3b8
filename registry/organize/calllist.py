"""The call list: exactly the rows of a nearby search, flattened for a spreadsheet."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator

from registry.districts.congress import CURRENT_BILL
from registry.districts.services import BodyDistricts
from registry.exports.streams import spreadsheet_safe
from registry.followthrough.ladder import STANDINGS
from registry.followthrough.ladder import standing as standing_of
from registry.organize.services import NearbyItem, NearbyResult
from registry.vocab import LEVELS

COSPONSORED = f"cosponsored_{CURRENT_BILL.lower().replace(' ', '_')}"
COLUMNS = ("distance_mi", "location", "name", "level", "affiliation", "designation", "city", "state",
           "zip", "tier", "tier_name", "why", "last_activity_on", "public_contact", "website",
           "profile_url", "district", "representative", COSPONSORED, "ask_up", "ask_up_rule",
           "ask_up_contact", "ask_up_profile_url")


def standing_key(body) -> str:
    return standing_of(body.endorsing, body.active_without_resolution, body.checked, body.tier)


def rows(result: NearbyResult, profile_url: Callable[[str], str]) -> Iterator[dict[str, str]]:
    """One row per listed body: first those measured, nearest first, then those placed only by state."""
    for item in result.items:
        yield _row(item, f"within {result.radius_mi:g} miles of {result.place.label}", profile_url,
                   result.districts.get(item.body.id))
    for group in result.state_groups:
        for item in group.items:
            yield _row(item, f"somewhere in {group.name} (no closer location on record)", profile_url,
                       result.districts.get(item.body.id))


def district_columns(district: BodyDistricts | None) -> dict[str, str]:
    """district ("OR-3", or "OR-1 or OR-3"), representative(s), and whether each cosponsored
    the current bill ("yes", "no", or per district when they differ)."""
    if district is None:
        return {"district": "", "representative": "", COSPONSORED: ""}

    def answer(seat) -> str:
        return "not on record" if seat.cosponsor is None else "yes" if seat.cosponsor else "no"

    several = not district.certain
    representatives = "; ".join(
        (f"{seat.code}: " if several else "")
        + (f"{seat.representative.name} ({seat.representative.party_initial})" if seat.representative
           else "none on record") for seat in district.seats)
    answers = {answer(seat) for seat in district.seats}
    cosponsored = answers.pop() if len(answers) == 1 else "; ".join(
        f"{seat.code}: {answer(seat)}" for seat in district.seats)
    return {"district": " or ".join(district.codes), "representative": representatives,
            COSPONSORED: cosponsored}


def _row(item: NearbyItem, location: str, profile_url: Callable[[str], str],
         district: BodyDistricts | None) -> dict[str, str]:
    body, ask = item.body, item.ask
    standing = standing_key(body)
    return {
        "distance_mi": "" if item.distance_mi is None else f"{item.distance_mi:.1f}",
        "location": location, "name": body.name, "level": LEVELS.get(body.level, body.level),
        "affiliation": body.affiliation or "", "designation": body.designation or "",
        "city": body.city or "", "state": body.state or "", "zip": body.zip or "",
        "tier": "" if standing == "no_resolution" else str(body.tier),
        "tier_name": STANDINGS[standing], "why": item.reason,
        "last_activity_on": body.last_activity_on.isoformat() if body.last_activity_on else "",
        "public_contact": body.public_contact or "", "website": body.website or "",
        "profile_url": profile_url(body.slug), **district_columns(district),
        "ask_up": ask.body.name if ask else "", "ask_up_rule": ask.explanation if ask else "",
        "ask_up_contact": (ask.body.public_contact or ask.body.website or "") if ask else "",
        "ask_up_profile_url": profile_url(ask.body.slug) if ask else "",
    }


def to_csv(rows_: Iterator[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows_:
        writer.writerow({key: spreadsheet_safe(value) for key, value in row.items()})
    return out.getvalue()
