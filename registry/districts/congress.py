"""Facts about Congresses and district codes that every part of the districts area shares."""

from __future__ import annotations

import re
from datetime import date

# Each Congress's House Medicare for All bill, as the cosponsor files in seeds/congress/ name them.
CONGRESS_BILLS: dict[int, str] = {
    115: "HR 676",
    116: "HR 1384",
    117: "HR 1976",
    118: "HR 3421",
    119: "HR 3069",
}
CURRENT_CONGRESS = max(CONGRESS_BILLS)
CURRENT_BILL = CONGRESS_BILLS[CURRENT_CONGRESS]
# The House terms on record begin with those serving on this day.
RECORDS_BEGIN = date(2017, 1, 3)

# Seats whose holder is a non-voting delegate (or Puerto Rico's resident commissioner).
DELEGATE_STATES = frozenset({"DC", "PR", "GU", "VI", "AS", "MP"})

CODE = re.compile(r"^([A-Za-z]{2})-(AL|al|Al|aL|\d{1,2})$")


def congress_start(congress: int) -> date:
    """The first day of a Congress (3 January of an odd year since the 74th)."""
    return date(1789 + 2 * (congress - 1), 1, 3)


def congress_end(congress: int) -> date:
    """The day the next Congress begins (terms end on it)."""
    return congress_start(congress + 1)


def congress_on(day: date) -> int:
    """The Congress sitting on a day."""
    congress = (day.year - 1789) // 2 + 1
    return congress if day >= congress_start(congress) else congress - 1


def ordinal(number: int) -> str:
    """115 → '115th'."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def ordinal_in(number: int, language: str) -> str:
    """An ordinal in a page's language: '119th' in English, '119.º' in Spanish."""
    return f"{number}.º" if language == "es" else ordinal(number)


def district_code(state: str, number: int) -> str:
    """('OR', 3) → 'OR-3'; ('VT', 0) → 'VT-AL'."""
    return f"{state}-{'AL' if number == 0 else number}"


def parse_code(text: str) -> tuple[str, int] | None:
    """'OR-3', 'or-03', 'VT-AL' → (state, number); anything else → None."""
    match = CODE.match(text.strip())
    if match is None:
        return None
    state, seat = match.group(1).upper(), match.group(2).upper()
    return state, 0 if seat == "AL" else int(seat)


def seat_label(state: str, number: int) -> str:
    """How a page names the seat: 'district 3', 'at-large seat', 'delegate seat'."""
    if number:
        return f"district {number}"
    return "delegate seat" if state in DELEGATE_STATES else "at-large seat"
