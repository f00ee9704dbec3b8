"""`flask geocode` fills missing coordinates and reports what it placed, how precisely, and why not."""

from __future__ import annotations

from sqlalchemy import select

from registry.database import db
from registry.geo import city_place, state_place, zip_place
from registry.models import Body


def test_places_each_body_as_precisely_as_its_address_allows(runner, make_body):
    make_body(name="Zip Local", zip="43215", city="Columbus", state="OH")
    make_body(name="City Local", city="Dayton", state="OH")
    make_body(name="Bad Zip Local", zip="00000", city="Dayton", state="OH")
    make_body(name="Lost City Local", city="Atlantis", state="OH")
    make_body(name="State Local", city=None, state="OH")
    make_body(name="Nowhere Local", city=None, state=None)
    make_body(name="Placed Local", city="Dayton", state="OH", latitude=1.0, longitude=2.0,
              geocode_precision="exact")
    result = runner.invoke(args=["geocode"])
    assert result.exit_code == 0, result.output
    bodies = {b.name: b for b in db.session.scalars(select(Body))}
    assert (bodies["Zip Local"].latitude, bodies["Zip Local"].longitude) == zip_place("43215").point
    assert bodies["Zip Local"].geocode_precision == "zip"
    assert (bodies["City Local"].latitude, bodies["City Local"].geocode_precision) == (
        city_place("Dayton", "OH").latitude, "city")
    assert bodies["Bad Zip Local"].geocode_precision == "city"
    assert (bodies["Lost City Local"].latitude, bodies["Lost City Local"].geocode_precision) == (
        state_place("OH").latitude, "state")
    assert bodies["State Local"].geocode_precision == "state"
    assert bodies["Nowhere Local"].latitude is None
    assert (bodies["Placed Local"].latitude, bodies["Placed Local"].geocode_precision) == (1.0, "exact")
    output = result.output
    assert ("Placed 5 bodies: 1 at ZIP code precision, 2 at city precision, "
            "2 at state only precision.") in output
    assert "ZIP 00000 is not in the gazetteer — e.g. Bad Zip Local" in output
    assert "“Atlantis, OH” is not in the gazetteer — e.g. Lost City Local" in output
    assert "less precise (1): only the state is on record — e.g. State Local" in output
    assert "Could not place 1 body:" in output
    assert "no ZIP, city or state on record (1) — e.g. Nowhere Local" in output


def test_nothing_to_do(runner, make_body):
    make_body(latitude=40.0, longitude=-83.0, geocode_precision="city")
    result = runner.invoke(args=["geocode"])
    assert result.exit_code == 0 and "nothing to do" in result.output
