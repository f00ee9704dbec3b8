"""GET /api/v1/districts and /api/v1/districts/{code}, and the district of body records."""

from __future__ import annotations

import pytest


@pytest.fixture
def registry(districted_registry):
    return districted_registry


def test_or_3_answers_as_documented(client, registry):
    answer = client.get("/api/v1/districts/OR-3").get_json()
    assert {k: answer[k] for k in ("code", "state", "number", "congress")} == \
        {"code": "OR-3", "state": "OR", "number": 3, "congress": 119}
    assert answer["representative"] == {"name": "Maxine Dexter", "bioguide_id": "D000635",
                                        "party": "Democrat", "since": "2025-01-03", "since_exact": True}
    current = answer["cosponsorship"][0]
    assert current == {"bill": "HR 3069", "congress": 119, "cosponsored_on": "2025-04-29",
                       "original": True, "member": True, "seat": "OR-3"}
    assert [line["bill"] for line in answer["cosponsorship"]] == \
        ["HR 3069", "HR 3421", "HR 1976", "HR 1384", "HR 676"]
    assert all(line["member"] is False and line["cosponsored_on"] is None
               for line in answer["cosponsorship"][1:])
    before = [entry for entry in answer["seat_history"] if entry["congress"] < 119]
    assert [h["name"] for entry in before for h in entry["holders"]] == ["Earl Blumenauer"] * 4
    assert all(h["cosponsored_on"] for entry in before for h in entry["holders"])
    assert set(answer["bodies"]) == {"total", "endorsing", "checked", "mobilized", "gap"}


def test_oh_3_representative_did_not_cosponsor_hr_3069(client, registry):
    answer = client.get("/api/v1/districts/oh-03").get_json()
    assert answer["code"] == "OH-3" and answer["representative"]["name"] == "Joyce Beatty"
    assert answer["cosponsorship"][0]["cosponsored_on"] is None
    assert answer["cosponsorship"][0]["original"] is False
    # Steel Local 155's ZIP (43215) spans OH-3 and OH-15: it may be in OH-3, never counted in it.
    assert answer["bodies"]["total"] == 0 and answer["bodies_possibly_in"]["endorsing"] == 1


def test_unknown_codes_are_404(client, registry):
    for code in ("ZZ-1", "OR-99", "OR3", "O-3"):
        response = client.get(f"/api/v1/districts/{code}")
        assert response.status_code == 404 and response.get_json()["code"] == 404


def test_the_list_filters_by_state_and_cosponsorship(client, registry):
    oregon = client.get("/api/v1/districts?state=OR&per_page=500").get_json()
    assert oregon["total"] == 6 and {d["state"] for d in oregon["items"]} == {"OR"}
    against = client.get("/api/v1/districts?state=OR&cosponsor=false").get_json()["items"]
    assert {d["code"] for d in against} == {"OR-2", "OR-5"}
    assert all(d["cosponsorship"][0]["cosponsored_on"] is None for d in against)
    earlier = client.get("/api/v1/districts?state=OH&cosponsor=true&bill=HR%20676").get_json()["items"]
    assert "OH-3" in {d["code"] for d in earlier}  # Beatty cosponsored HR 676 in the 115th
    assert client.get("/api/v1/districts?bill=HR%209999").status_code == 422
    assert client.get("/api/v1/districts?state=or").status_code == 422  # exactly as documented


def test_pressure_points_come_first(client, registry, make_body, make_resolution):
    from registry.database import db
    from registry.districts.placement import assign_districts

    body = make_body(state="OH", city="Columbus", zip="43201", latitude=39.99, longitude=-83.0,
                     geocode_precision="zip")
    make_resolution(body)
    assign_districts([body.id])
    db.session.commit()
    first = client.get("/api/v1/districts").get_json()["items"][0]
    assert first["code"] == "OH-3" and first["pressure_point"] and first["bodies"]["endorsing"] == 1


def test_body_records_carry_their_district(client, registry):
    steel = client.get("/api/v1/bodies/steel-local-155").get_json()
    assert steel["district"] == {"code": None, "congress": 119, "candidates": ["OH-3", "OH-15"],
                                 "basis": "zip"}
    listed = {b["slug"]: b for b in client.get("/api/v1/bodies?per_page=200").get_json()["items"]}
    assert listed["steel-local-155"]["district"]["candidates"] == ["OH-3", "OH-15"]
    assert listed["test-national-union"]["district"] is None
