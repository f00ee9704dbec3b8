"""The call list: exactly the rows of a nearby search, flattened for a spreadsheet."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator

from registry.exports.streams import spreadsheet_safe
from registry.followthrough.ladder import STANDINGS
from registry.followthrough.ladder import standing as standing_of
from registry.organize.services import NearbyItem, NearbyResult
from registry.vocab import LEVELS

COLUMNS = ("distance_mi", "location", "name", "level", "affiliation", "designation", "city", "state",
           "zip", "tier", "tier_name", "why", "last_activity_on", "public_contact", "website",
           "profile_url", "ask_up", "ask_up_rule", "ask_up_contact", "ask_up_profile_url")


def standing_key(body) -> str:
    return standing_of(body.endorsing, body.active_without_resolution, body.checked, body.tier)


def rows(result: NearbyResult, profile_url: Callable[[str], str]) -> Iterator[dict[str, str]]:
    """One row per listed body: first those measured, nearest first, then those placed only by state."""
    for item in result.items:
        yield _row(item, f"within {result.radius_mi:g} miles of {result.place.label}", profile_url)
    for group in result.state_groups:
        for item in group.items:
            yield _row(item, f"somewhere in {group.name} (no closer location on record)", profile_url)


def _row(item: NearbyItem, location: str, profile_url: Callable[[str], str]) -> dict[str, str]:
    body, ask = item.body, item.ask
    return {
        "distance_mi": "" if item.distance_mi is None else f"{item.distance_mi:.1f}",
        "location": location, "name": body.name, "level": LEVELS.get(body.level, body.level),
        "affiliation": body.affiliation or "", "designation": body.designation or "",
        "city": body.city or "", "state": body.state or "", "zip": body.zip or "",
        "tier": str(body.tier), "tier_name": STANDINGS[standing_key(body)], "why": item.reason,
        "last_activity_on": body.last_activity_on.isoformat() if body.last_activity_on else "",
        "public_contact": body.public_contact or "", "website": body.website or "",
        "profile_url": profile_url(body.slug),
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
