"""Nominatim is opt-in: rate-limited, cached in GeocodeCache, and replaced by the gazetteer when
the service fails. No test contacts the real service: one points it at a closed local port, the
other at a small local server speaking Nominatim's JSON."""

from __future__ import annotations

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import select

from registry.config import SettingsError
from registry.database import db
from registry.geo import CachedNominatim, GazetteerGeocoder, geocoder_for, place_from
from registry.models import GeocodeCache


def closed_port() -> int:
    """A local port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def nominatim_app(make_app, domain: str):
    return make_app(GEOCODER="nominatim", NOMINATIM_USER_AGENT="resolution-registry-tests",
                    NOMINATIM_DOMAIN=domain, NOMINATIM_SCHEME="http", NOMINATIM_TIMEOUT=2,
                    NOMINATIM_MIN_DELAY_SECONDS=0)


def test_offline_is_the_default(app):
    assert isinstance(geocoder_for(app), GazetteerGeocoder)


def test_nominatim_needs_a_user_agent(make_app):
    """The app refuses to start with GEOCODER=nominatim and no user agent."""
    with pytest.raises(SettingsError, match="NOMINATIM_USER_AGENT"):
        make_app(GEOCODER="nominatim", NOMINATIM_USER_AGENT=None)


def test_unreachable_nominatim_falls_back_to_the_gazetteer(make_app):
    """A real connection failure (GeocoderServiceError) is answered by the gazetteer; nothing is cached."""
    application = nominatim_app(make_app, f"127.0.0.1:{closed_port()}")
    with application.app_context():
        geocoder = geocoder_for(application)
        assert isinstance(geocoder, CachedNominatim)
        location = geocoder.geocode("Columbus, OH")
        assert location is not None and location.raw["source"] == "gazetteer"
        assert place_from(location).label == "Columbus, OH"
        assert geocoder.geocode("Nowhere-at-all, ZZ") is None
        assert db.session.scalars(select(GeocodeCache)).all() == []


class FakeNominatim(BaseHTTPRequestHandler):
    """Answers /search like Nominatim's JSON API: one city, and nothing for anything else."""

    asked: list[str] = []

    def do_GET(self):
        query = parse_qs(urlsplit(self.path).query).get("q", [""])[0]
        FakeNominatim.asked.append(query)
        answer = []
        if query.lower().startswith("oakland"):
            answer = [{"lat": "37.8044557", "lon": "-122.271356", "display_name": "Oakland, California",
                       "addresstype": "city", "type": "administrative", "class": "boundary"}]
        body = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_nominatim():
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeNominatim)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    FakeNominatim.asked = []
    yield f"127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_answers_are_cached_so_each_place_is_asked_once(make_app, fake_nominatim):
    """A found place and a miss are both stored; asking again reads the cache, not the service."""
    application = nominatim_app(make_app, fake_nominatim)
    with application.app_context():
        geocoder = geocoder_for(application)
        first = geocoder.geocode("Oakland, CA")
        assert (first.latitude, first.longitude) == (37.8044557, -122.271356)
        assert place_from(first).precision == "city"
        assert geocoder.geocode("Atlantis, ZZ") is None
        db.session.commit()
        again = geocoder.geocode("  oakland,  CA ")
        assert again.raw["source"] == "cache" and again.point == first.point
        assert geocoder.geocode("atlantis, zz") is None
        assert FakeNominatim.asked == ["Oakland, CA", "Atlantis, ZZ"]
        rows = {r.query: r for r in db.session.scalars(select(GeocodeCache))}
        assert set(rows) == {"oakland, ca", "atlantis, zz"}
        assert rows["atlantis, zz"].latitude is None and rows["oakland, ca"].precision == "city"
