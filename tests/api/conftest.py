"""A small registry for the API tests: published records of every shape (with and without dates,
bills, sources, parents, money), plus private material that must never leave the moderation side."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import pytest

from registry.database import db, utcnow
from registry.districts.loader import load_districts
from registry.models import Bill, Body, Source, Submission, User, Watch

# Strings that exist only in private columns; the privacy test searches every answer for them.
SECRETS = {
    "submitter_name": "Quentin Privateperson",
    "submitter_email": "quentin.private@example.net",
    "token_hash": "7f1c0ffee7f1c0ffee7f1c0ffee7f1c0ffee7f1c0ffee7f1c0ffee7f1c0ffee7",
    "review_note": "REVIEW-NOTE-ONLY-FOR-THE-SUBMITTER",
    "internal_note": "INTERNAL-NOTE-ONLY-FOR-REVIEWERS",
    "pending_title": "PENDING-RESOLUTION-NOT-YET-REVIEWED",
    "reviewer_email": "reviewer.private@example.net",
    "password_hash": "scrypt:32768:8:1$SECRETSALT$0123456789abcdef",
    "uncredited_submitter": "Uncredited Submitter Name",
    "watcher_email": "wendy.watcher@example.net",
}


@dataclass
class SmallRegistry:
    bodies: list[Body] = field(default_factory=list)
    bills: list[Bill] = field(default_factory=list)

    @property
    def slugs(self) -> list[str]:
        return [body.slug for body in self.bodies]


@pytest.fixture
def small_registry(make_body, make_bill, make_resolution, make_action) -> SmallRegistry:
    registry = SmallRegistry()
    hr676 = make_bill(code="HR 676", slug="hr-676", congress=108, introduced_on=date(2003, 2, 11))
    hr1384 = make_bill(code="HR 1384", slug="hr-1384", congress=116, predecessor=hr676,
                       introduced_on=date(2019, 2, 27))
    calcare = make_bill(code="AB 1400", slug="ab-1400", congress=None, jurisdiction="CA",
                        chamber="state", family="calcare", title="CalCare",
                        introduced_on=date(2021, 2, 19))
    registry.bills += [hr676, hr1384, calcare]

    national = make_body(name="Test National Union", slug="test-national-union",
                         level="national_union", state=None, city=None, affiliation="TNU",
                         members=90_000, website="https://example.org/tnu")
    steel = make_body(name="Steel Local 155", slug="steel-local-155", parent=national,
                      affiliation="TNU", designation="Local 155", state="OH", city="Columbus",
                      zip="43215", latitude=39.96, longitude=-83.0, geocode_precision="city",
                      members=1_200, olms_file_number=542101)
    make_resolution(steel, bill=hr676, adopted_on=date(2009, 8, 27), commitments=["mobilize_members"])
    make_action(steel, "forwarded_to_officials", occurred_on=date(2009, 9, 1), bill=hr676)
    make_action(steel, "rally_or_march", occurred_on=date(2019, 5, 1), participants=400, bill=hr1384)
    make_action(steel, "funding", occurred_on=date(2026, 3, 1), amount_usd=Decimal("2500.00"),
                url="https://example.org/funding")

    nurses = make_body(name="Nurses Council", slug="nurses-council", level="central_labor_council",
                       state="CA", city="Oakland", affiliation="AFL-CIO", members=30_000)
    resolution = make_resolution(nurses, bill=calcare, adopted_on=date(2021, 3, 2),
                                 credited_to="Rosa Credited", url=None, evidence_level="primary")
    resolution.sources.append(Source(document_sha256="ab" * 32, document_name="minutes.pdf",
                                     is_primary=True))
    db.session.commit()
    make_action(nurses, "testimony", occurred_on=None, date_precision=None, url=None)

    paper = make_body(name="Paper Local 9", slug="paper-local-9", state="NY", city="Albany")
    make_resolution(paper, bill=None, bill_as_reported="single payer", adopted_on=None, url=None,
                    date_precision=None, date_kind=None)

    retreating = make_body(name="Retreating Council", slug="retreating-council",
                           level="state_federation", state="NY", city="New York")
    make_resolution(retreating, bill=hr1384, adopted_on=date(2019, 4, 1), date_precision="month")
    make_action(retreating, "opposed_bill", occurred_on=date(2020, 1, 15), bill=hr1384)

    acting = make_body(name="Acting Local", slug="acting-local", state="OH", city="Dayton")
    make_action(acting, "lobby_visit", occurred_on=date(2022, 6, 1))
    make_body(name="Quiet Local", slug="quiet-local", state="TX", city="Austin")

    _add_private_material(nurses)
    registry.bodies = list(db.session.scalars(db.select(Body).order_by(Body.id)))
    return registry


@pytest.fixture
def districted_registry(small_registry, make_bill, congress_directory) -> SmallRegistry:
    """The small registry with districts (the congress files cut to a few states): Steel Local
    155 (ZIP 43215, which spans OH-3 and OH-15) may be in either."""
    for code, congress in (("HR 1976", 117), ("HR 3421", 118), ("HR 3069", 119)):
        make_bill(code=code, slug=code.lower().replace(" ", "-"), congress=congress)
    load_districts(congress_directory)
    db.session.commit()
    return small_registry


def _add_private_material(body: Body) -> None:
    reviewer = User(email=SECRETS["reviewer_email"], password_hash=SECRETS["password_hash"])
    db.session.add(reviewer)
    db.session.add(Watch(body_id=body.id, email=SECRETS["watcher_email"], confirmed_at=utcnow()))
    db.session.add(Submission(
        kind="resolution", status="pending", body_id=body.id, state="CA",
        payload={"title": SECRETS["pending_title"], "body": body.slug},
        submitter_name=SECRETS["submitter_name"], submitter_email=SECRETS["submitter_email"],
        submitter_role="member", credit_public=False, token_hash=SECRETS["token_hash"],
        review_note=SECRETS["review_note"], internal_note=SECRETS["internal_note"],
    ))
    db.session.add(Submission(
        kind="action", status="published", body_id=body.id, state="CA", reviewer=reviewer,
        payload={"description": "published from a submission"},
        submitter_name=SECRETS["uncredited_submitter"], submitter_email="other@example.net",
        submitter_role="officer", credit_public=False, token_hash="1" * 64,
    ))
    db.session.commit()
