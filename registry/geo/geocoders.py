"""Geocoders behind geopy's interface: the offline gazetteer (the default), and Nominatim as an
opt-in that is rate-limited, cached in the database, and replaced by the gazetteer whenever the
service fails."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, current_app
from geopy.exc import GeocoderServiceError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim
from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location
from geopy.point import Point
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from registry.database import db
from registry.geo.gazetteer import Place
from registry.geo.lookup import lookup, tidy

log = logging.getLogger(__name__)

NOMINATIM_PRECISIONS = {
    "postcode": "zip", "city": "city", "town": "city", "village": "city", "hamlet": "city",
    "municipality": "city", "suburb": "city", "borough": "city", "county": "state",
    "state": "state", "country": "state",
}


def location_for(place: Place, source: str) -> Location:
    raw = {"precision": place.precision, "state": place.state, "label": place.label, "source": source}
    return Location(place.label, Point(place.latitude, place.longitude), raw)


def place_from(location: Location) -> Place:
    """A Location from any of these geocoders as the registry's Place (with its precision)."""
    raw = location.raw or {}
    return Place(location.latitude, location.longitude, raw.get("precision", "exact"),
                 raw.get("label") or location.address, raw.get("state"))


class GazetteerGeocoder(Geocoder):
    """Answers from the bundled ZIP gazetteer; never touches the network."""

    def __init__(self):
        super().__init__(user_agent="resolution-registry-gazetteer")

    def geocode(self, query: str, *, exactly_one: bool = True, timeout: Any = DEFAULT_SENTINEL):
        found = lookup(query)
        if found.place is not None:
            location = location_for(found.place, "gazetteer")
            return location if exactly_one else [location]
        if exactly_one or not found.candidates:
            return None
        # An ambiguous name ("Springfield") lists every match when several answers are welcome.
        return [location_for(place, "gazetteer") for place in found.candidates]


class CachedNominatim(Geocoder):
    """Nominatim through geopy's RateLimiter, answers kept in GeocodeCache, gazetteer on failure."""

    provider = "nominatim"

    def __init__(self, user_agent: str, domain: str, scheme: str, timeout: float,
                 min_delay_seconds: float):
        super().__init__(user_agent=user_agent, timeout=timeout)
        self.online = Nominatim(user_agent=user_agent, domain=domain, scheme=scheme, timeout=timeout)
        self.limited = RateLimiter(self.online.geocode, min_delay_seconds=min_delay_seconds,
                                   max_retries=0, swallow_exceptions=False)
        self.offline = GazetteerGeocoder()

    def geocode(self, query: str, *, exactly_one: bool = True, timeout: Any = DEFAULT_SENTINEL):
        key = tidy(query).lower()[:300]
        known, location = self._cached(key)
        if not known:
            try:
                answer = self.limited(query, exactly_one=True, country_codes="us", addressdetails=False)
            except GeocoderServiceError as error:
                log.warning("Nominatim failed (%s); answering %r from the gazetteer", error, query)
                return self.offline.geocode(query, exactly_one=exactly_one)
            location = self._store(key, answer)
        if location is None:
            return None
        return location if exactly_one else [location]

    def _cached(self, key: str) -> tuple[bool, Location | None]:
        """(whether the query was asked before, its answer: None when nothing was found)."""
        from registry.models import GeocodeCache

        row = db.session.scalar(select(GeocodeCache).where(GeocodeCache.query == key,
                                                           GeocodeCache.provider == self.provider))
        if row is None:
            return False, None
        if row.latitude is None or row.longitude is None:
            return True, None
        raw = {"precision": row.precision, "label": row.address, "source": "cache"}
        return True, Location(row.address or key, Point(row.latitude, row.longitude), raw)

    def _store(self, key: str, answer: Location | None) -> Location | None:
        """Remember the answer (a miss too, so the service is asked once); keep the race harmless."""
        from registry.models import GeocodeCache

        precision = None
        if answer is not None:
            kind = answer.raw.get("addresstype") or answer.raw.get("type")
            precision = NOMINATIM_PRECISIONS.get(kind, "exact")
        row = GeocodeCache(query=key, provider=self.provider, precision=precision,
                           latitude=answer.latitude if answer else None,
                           longitude=answer.longitude if answer else None,
                           address=answer.address[:500] if answer else None)
        try:
            with db.session.begin_nested():
                db.session.add(row)
        except IntegrityError:
            pass  # another request stored the same query first
        if answer is None:
            return None
        raw = {"precision": precision, "label": answer.address, "source": self.provider}
        return Location(answer.address, answer.point, raw)


def geocoder_for(app: Flask | None = None) -> Geocoder:
    """The configured geocoder: one per app, so the rate limit holds across requests."""
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    geocoder = app.extensions.get("registry_geocoder")
    if geocoder is None:
        if app.config.get("GEOCODER") == "nominatim":
            geocoder = CachedNominatim(
                user_agent=app.config["NOMINATIM_USER_AGENT"],
                domain=app.config.get("NOMINATIM_DOMAIN") or "nominatim.openstreetmap.org",
                scheme=app.config.get("NOMINATIM_SCHEME") or "https",
                timeout=float(app.config.get("NOMINATIM_TIMEOUT") or 5),
                min_delay_seconds=float(app.config.get("NOMINATIM_MIN_DELAY_SECONDS") or 1.0))
        else:
            geocoder = GazetteerGeocoder()
        app.extensions["registry_geocoder"] = geocoder
    return geocoder
