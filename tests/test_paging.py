"""Deep pages of the body list read their ids first: the same bodies, in the same order, as one
statement with LIMIT and OFFSET gives, for every order; the rows skipped are never read whole."""

from __future__ import annotations

import random
from datetime import date

import pytest

from registry import paging
from registry.bodies.services import ORDERINGS

STATES = ("OH", "CA", None, "NY")


@pytest.fixture
def registry_of_bodies(make_body):
    rng = random.Random(5)
    national = make_body(name="National Union", level="national_union", state="DC")
    for n in range(40):
        make_body(name=f"Local {rng.randrange(12):02d}", state=STATES[n % 4], tier=rng.randrange(5),
                  members=rng.choice([None, 100, 250, 900]), parent_id=national.id if n % 3 else None,
                  last_activity_on=rng.choice([None, date(2024, 5, 1), date(2025, 9, 2)]))


def pages(client, sort: str) -> list[tuple[str, object]]:
    listed = []
    for page in range(1, 8):
        data = client.get(f"/api/v1/bodies?per_page=6&page={page}&sort={sort}").get_json()
        listed += [(body["slug"], body.get("parent")) for body in data["items"]]
    return listed


@pytest.mark.parametrize("sort", sorted(ORDERINGS))
def test_deep_pages_list_what_offset_pages_list(client, registry_of_bodies, monkeypatch, sort):
    monkeypatch.setattr(paging, "DEEP_OFFSET", 10**9)
    by_offset = pages(client, sort)
    monkeypatch.setattr(paging, "DEEP_OFFSET", 6)
    assert pages(client, sort) == by_offset
    assert len(by_offset) == 41 and len(set(by_offset)) == 41


def test_a_deep_page_skips_rows_by_their_ids_alone(client, registry_of_bodies, monkeypatch, queries):
    monkeypatch.setattr(paging, "DEEP_OFFSET", 6)
    with queries() as statements:
        response = client.get("/api/v1/bodies?per_page=6&page=2&sort=tier")
    assert response.status_code == 200
    skipping = [s for s in statements if "OFFSET" in s]
    assert len(skipping) == 1 and skipping[0].split("FROM")[0].split() == ["SELECT", "bodies.id"]


def test_a_page_past_the_last_is_not_found(client, registry_of_bodies, monkeypatch):
    monkeypatch.setattr(paging, "DEEP_OFFSET", 6)
    assert client.get("/api/v1/bodies?per_page=6&page=7").status_code == 200
    assert client.get("/api/v1/bodies?per_page=6&page=8").status_code == 404
