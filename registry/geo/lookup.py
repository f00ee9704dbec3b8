"""Free-text places ("43215", "43215-1234", "Columbus, OH", "columbus ohio") resolved offline,
with close suggestions when the text names nothing the gazetteer knows."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from flask_babel import gettext

from registry.geo.gazetteer import (
    Place,
    cities_in_state,
    city_names,
    city_place,
    normalise_city,
    state_codes_by_name,
    state_name,
    state_place,
    states_of_city,
    zip_place,
    zip_rows,
)

ZIP_PATTERN = re.compile(r"(\d{5})(?:\s*-?\s*\d{4})?")
TRAILING_ZIP = re.compile(r"(.*?)[\s,]+(\d{5})(?:\s*-?\s*\d{4})?")
MAX_SUGGESTIONS = 6


@dataclass(frozen=True)
class Suggestion:
    value: str  # text to search for instead
    label: str


@dataclass(frozen=True)
class Lookup:
    """A resolved place, or the problem with the text and what the person may have meant."""

    place: Place | None
    problem: str | None = None
    suggestions: tuple[Suggestion, ...] = ()
    candidates: tuple[Place, ...] = ()  # every match of an ambiguous name


def tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text or "").strip().strip(",;. ")
    return re.sub(r"\s*,\s*", ", ", text)


def lookup(text: str) -> Lookup:
    """Resolve a ZIP, ZIP+4, "City, ST", "City ST", "City, State" or a state name."""
    text = tidy(text)
    if not text:
        return Lookup(None, gettext("Enter a ZIP code or a city and state, such as 43215 or Columbus, OH."))
    if match := ZIP_PATTERN.fullmatch(text):
        return _zip(match.group(1))
    if re.fullmatch(r"[\d\s-]+", text):
        digits = re.sub(r"\D", "", text)
        return Lookup(None, gettext("“%(text)s” is not a ZIP code: use five digits, or ZIP+4 such as "
                                    "43215-1234.", text=text),
                      _zip_suggestions(digits[:5]) if len(digits) >= 3 else ())
    if (match := TRAILING_ZIP.fullmatch(text)) and zip_place(match.group(2)):
        return _zip(match.group(2))
    city, state, unknown_state = split_state(text)
    if unknown_state:
        return _unknown_state(city, unknown_state)
    if city is None:
        return Lookup(state_place(state))
    if state is None:
        return _bare_city(city)
    return _city(city, state)


def split_state(text: str) -> tuple[str | None, str | None, str | None]:
    """(city, state code, unrecognised state text) read from the end of the text."""
    names = state_codes_by_name()
    if "," in text:
        city, state_text = (part.strip() for part in text.rsplit(",", 1))
        code = names.get(state_text.lower())
        if code is None:
            return city or None, None, state_text
        return city or None, code, None
    if (code := names.get(text.lower())) is not None:
        return None, code, None
    words = text.split(" ")
    for size in range(min(4, len(words) - 1), 0, -1):
        tail = " ".join(words[-size:]).lower()
        if tail in names:
            return " ".join(words[:-size]), names[tail], None
    return text, None, None


def _zip(code: str) -> Lookup:
    place = zip_place(code)
    if place is not None:
        return Lookup(place)
    return Lookup(None, gettext("No ZIP code %(code)s in the gazetteer.", code=code), _zip_suggestions(code))


def _zip_suggestions(code: str) -> tuple[Suggestion, ...]:
    """ZIPs with the same first three digits, numerically closest first."""
    prefix = code[:3]
    same = [z for z in zip_rows() if z.startswith(prefix)]
    same.sort(key=lambda z: (abs(int(z) - int(code.ljust(5, "0"))), z))
    rows = zip_rows()
    return tuple(Suggestion(z, f"{z} ({rows[z]['city']}, {rows[z]['state']})")
                 for z in same[:MAX_SUGGESTIONS])


def _city_suggestions(city: str, states: list[str]) -> tuple[Suggestion, ...]:
    names = city_names()
    return tuple(Suggestion(f"{names[(city, s)]}, {s}", f"{names[(city, s)]}, {s}")
                 for s in states[:MAX_SUGGESTIONS])


def _city(city: str, state: str) -> Lookup:
    place = city_place(city, state)
    if place is not None:
        return Lookup(place)
    key = normalise_city(city)
    close = difflib.get_close_matches(key, cities_in_state().get(state, []), n=MAX_SUGGESTIONS, cutoff=0.7)
    names = city_names()
    suggestions = [Suggestion(f"{names[(c, state)]}, {state}", f"{names[(c, state)]}, {state}")
                   for c in close]
    elsewhere = [s for s in states_of_city().get(key, []) if s != state]
    suggestions += _city_suggestions(key, elsewhere)
    return Lookup(None, gettext("No place called “%(city)s” in %(state)s in the gazetteer.", city=city,
                                state=state_name(state)),
                  tuple(suggestions[:MAX_SUGGESTIONS]))


def _bare_city(city: str) -> Lookup:
    key = normalise_city(city)
    states = states_of_city().get(key, [])
    if len(states) == 1:
        return Lookup(city_place(city, states[0]))
    if states:
        places = tuple(p for s in states if (p := city_place(city, s)) is not None)
        suggestions = _city_suggestions(key, states)
        # Always two states or more (one would have answered).
        return Lookup(None, gettext("There is a “%(city)s” in %(count)s states: add the state, such as "
                                    "“%(example)s”.", city=city, count=len(states),
                                    example=suggestions[0].value), suggestions, places)
    close = difflib.get_close_matches(key, list(states_of_city()), n=3, cutoff=0.8)
    suggestions = [s for name in close for s in _city_suggestions(name, states_of_city()[name])]
    return Lookup(None, gettext("No place called “%(city)s” in the gazetteer. Add the state, or use a ZIP "
                                "code.", city=city),
                  tuple(suggestions[:MAX_SUGGESTIONS]))


def _unknown_state(city: str | None, state_text: str) -> Lookup:
    states = states_of_city().get(normalise_city(city), []) if city else []
    names = state_codes_by_name()
    close = difflib.get_close_matches(state_text.lower(), list(names), n=2, cutoff=0.6)
    suggestions = []
    if city:
        key = normalise_city(city)
        likely = list(dict.fromkeys(names[c] for c in close if names[c] in states))
        suggestions += _city_suggestions(key, likely + [s for s in states if s not in likely])
    return Lookup(None, gettext("“%(state)s” is not a US state: use its name or two-letter code.",
                                state=state_text),
                  tuple(suggestions[:MAX_SUGGESTIONS]))
