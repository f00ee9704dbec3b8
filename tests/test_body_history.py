"""A body's history reads in words people use: labels, bill codes, body names, commitment labels,
dates at their precision and plain origins; never ids, Python lists or file paths."""

from __future__ import annotations

import html
import re

from registry.database import db
from registry.models import Revision, User
from registry.records.services import Provenance, record_revision


def history_of(client, slug: str) -> str:
    page = client.get(f"/bodies/{slug}").get_data(as_text=True)
    start = page.index('id="history-heading"')
    return html.unescape(re.sub(r"\s+", " ", page[start:]))


def test_a_seeded_resolution_is_described_plainly(client, make_body, make_bill):
    parent = make_body(name="Oregon AFL-CIO", slug="oregon-afl-cio", level="state_federation")
    body = make_body(name="Portland Nurses", slug="portland-nurses", parent_id=parent.id)
    bill = make_bill(code="HR 676", slug="hr-676")
    record_revision("resolution", 5, body.id, {
        "body_id": (None, body.id), "bill_id": (None, bill.id), "stance": (None, "support"),
        "adopted_on": (None, "2019-01-01"), "date_precision": (None, "year"),
        "commitments": (None, ["educate_members", "forward_to_officials"]),
        "evidence_level": (None, "sourced")},
        Provenance(reason="Seed data: seeds/endorsements.csv line 589"))
    record_revision("body", body.id, body.id, {
        "parent_id": (None, parent.id), "geocode_precision": (None, "zip"),
        "latitude": (None, 45.5), "longitude": (None, -122.6), "members": (None, 12000)},
        Provenance(reason="Seed data: seeds/endorsements.csv line 590"))
    db.session.commit()
    text = history_of(client, "portland-nurses")
    assert "Resolution added" in text and "Body details changed" in text
    assert "loaded from the registry's starting list of published endorsements (row 589)" in text
    assert "Bill: HR 676" in text and "Adopted: 2019" in text and "Stance: Supports" in text
    assert "Commitments: Educate" in text and "Parent body: Oregon AFL-CIO" in text
    assert "Placed on the map by: ZIP code" in text and "Members: 12,000" in text
    for internal in ("body_id", "bill_id", "parent_id", "geocode_precision", "['", "seeds/",
                     "2019-01-01", "latitude", "#5", "date_precision"):
        assert internal not in text, internal


def test_a_change_shows_old_and_new_and_who(client, make_body):
    body = make_body(name="Akron Teachers", slug="akron-teachers", level="local")
    reviewer = User(email="r@example.org", password_hash="x", role="reviewer")
    db.session.add(reviewer)
    db.session.flush()
    record_revision("body", body.id, body.id, {"level": ("local", "district_council")},
                    Provenance(reason="Correction", user=reviewer))
    record_revision("body", body.id, body.id, {"city": ("Akron", "Canton")},
                    Provenance(reason="Import of akron.csv on 2026-11-30 line 3"))
    db.session.commit()
    text = history_of(client, "akron-teachers")
    assert "Body details changed" in text
    assert "Level: Local union → District council" in text or "Level: Local" in text
    assert "by a reviewer: Correction" in text
    assert "imported from the file akron.csv on 30 November 2026 (row 3)" in text
    assert "City: Akron → Canton" in text


def test_the_profile_reads_the_history_in_a_bounded_number_of_queries(client, make_body, make_bill,
                                                                      queries):
    body = make_body(slug="many-changes")
    bills = [make_bill() for _ in range(5)]
    for bill in bills:
        record_revision("resolution", bill.id, body.id, {"bill_id": (None, bill.id)},
                        Provenance(reason="Seed data: seeds/endorsements.csv line 2"))
    db.session.commit()
    with queries() as few:
        client.get("/bodies/many-changes")
    record_revision("resolution", 99, body.id, {"bill_id": (None, bills[0].id)},
                    Provenance(reason="Seed data: seeds/endorsements.csv line 3"))
    db.session.commit()
    with queries() as more:
        client.get("/bodies/many-changes")
    assert len(more) == len(few)
    assert db.session.query(Revision).count() == 6
