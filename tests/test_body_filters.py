"""The shared body filters mean the same thing wherever they are used."""

from __future__ import annotations

from datetime import date

import pytest
from marshmallow import ValidationError

from registry.bodies.schemas import BodyListSchema
from registry.bodies.services import filtered_bodies, ordered
from registry.database import db


@pytest.fixture
def registry(make_body, make_resolution, make_action, make_bill, make_check):
    hr676 = make_bill(code="HR 676", slug="hr-676", family="us-house-medicare-for-all")
    s1129 = make_bill(code="S 1129", slug="s-1129", family="us-senate-medicare-for-all")
    bodies = {
        "paper": make_body(name="Paper Local 1", state="OH", affiliation="USW", members=100),
        "rally": make_body(name="Rally Council", state="CA", level="central_labor_council",
                           affiliation="AFL-CIO", city="Oakland", members=5000),
        "senate": make_body(name="Senate Backers", state="CA", designation="Local 99"),
        "opponent": make_body(name="Opposing Union", state="NY"),
        "bystander": make_body(name="Never Endorsed", state="OH"),
    }
    make_resolution(bodies["paper"], bill_id=hr676.id, adopted_on=date(2008, 3, 1))
    make_resolution(bodies["rally"], bill_id=hr676.id, adopted_on=date(2019, 2, 1))
    make_action(bodies["rally"], "rally_or_march", occurred_on=date(2026, 6, 1))
    make_resolution(bodies["senate"], bill_id=s1129.id, adopted_on=date(2019, 5, 1),
                    url=None)
    make_resolution(bodies["senate"], bill_id=None, bill_as_reported="Medicare for All",
                    adopted_on=date(2020, 1, 1), url="https://example.org/general")
    make_action(bodies["opponent"], "opposed_bill", occurred_on=date(2018, 1, 1))
    make_check(bodies["paper"], checked_on=date(2026, 11, 12))
    return bodies


def names(args: dict) -> list[str]:
    filters = BodyListSchema().load(args)
    query = ordered(filtered_bodies(filters), filters["sort"])
    return [body.name for body in db.session.scalars(query)]


@pytest.mark.parametrize("args,expected", [
    ({}, ["Never Endorsed", "Opposing Union", "Paper Local 1", "Rally Council", "Senate Backers"]),
    ({"state": "ca"}, ["Rally Council", "Senate Backers"]),
    ({"level": "central_labor_council"}, ["Rally Council"]),
    ({"affiliation": "USW"}, ["Paper Local 1"]),
    ({"q": "oakland"}, ["Rally Council"]),
    ({"q": "local 99"}, ["Senate Backers"]),
    ({"tier": "0"}, ["Paper Local 1"]),  # Senate Backers endorsed but nobody has checked
    ({"checked": "false"}, ["Never Endorsed", "Senate Backers"]),
    ({"checked": "true"}, ["Opposing Union", "Paper Local 1", "Rally Council"]),
    ({"checked": "false", "endorsing": "true"}, ["Senate Backers"]),
    ({"organization_type": "allied"}, []),
    ({"organization_type": "union", "state": "CA"}, ["Rally Council", "Senate Backers"]),
    ({"adoption": "report"}, ["Paper Local 1", "Rally Council", "Senate Backers"]),
    ({"adoption": "record"}, []),
    ({"tier": "3"}, ["Rally Council"]),
    ({"endorsing": "false"}, ["Never Endorsed", "Opposing Union"]),
    ({"retreat": "true"}, ["Opposing Union"]),
    ({"bill_family": "us-house-medicare-for-all"}, ["Paper Local 1", "Rally Council"]),
    ({"bill_family": "us-senate-medicare-for-all"}, ["Senate Backers"]),
    ({"bill_family": "general"}, ["Senate Backers"]),
    ({"year_from": "2010"}, ["Rally Council", "Senate Backers"]),
    ({"year_to": "2010"}, ["Paper Local 1"]),
    ({"dormant": "true"}, ["Paper Local 1", "Senate Backers"]),
    ({"dormant": "false"}, ["Never Endorsed", "Opposing Union", "Rally Council"]),
    ({"evidence": "sourced"}, ["Opposing Union", "Paper Local 1", "Rally Council", "Senate Backers"]),
    ({"sort": "members"}, ["Rally Council", "Paper Local 1", "Never Endorsed", "Opposing Union",
                           "Senate Backers"]),
    ({"sort": "tier", "endorsing": "true"}, ["Rally Council", "Paper Local 1", "Senate Backers"]),
])
def test_filter_and_sort(registry, args, expected):
    assert names(args) == expected


@pytest.mark.parametrize("args,field", [
    ({"state": "Ohio"}, "state"), ({"tier": "9"}, "tier"), ({"sort": "random"}, "sort"),
    ({"year_from": "2020", "year_to": "2010"}, "year_from"), ({"evidence": "hearsay"}, "evidence"),
    ({"per_page": "1000"}, "per_page"), ({"retreat": "maybe"}, "retreat"),
])
def test_bad_arguments_name_the_field(args, field):
    with pytest.raises(ValidationError) as error:
        BodyListSchema().load(args)
    assert field in error.value.messages
