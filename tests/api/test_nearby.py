"""GET /api/v1/nearby: the organizer finder's search as data, with the page's rules."""

from __future__ import annotations


def test_bodies_near_a_zip_nearest_first(client, small_registry):
    """Steel Local 155 sits in Columbus (43215); the search finds it with its distance and reason."""
    data = client.get("/api/v1/nearby?near=43215&radius_mi=30").get_json()
    assert data["place"]["state"] == "OH" and data["radius_mi"] == 30
    slugs = [item["body"]["slug"] for item in data["items"]]
    assert slugs[0] == "steel-local-155"
    first = data["items"][0]
    assert first["distance_mi"] < 5 and first["reason"]
    assert first["ask"]["body"] == "test-national-union"
    assert data["total"] == len(data["items"])


def test_prospect_and_level_filters(client, small_registry):
    mobilized = client.get("/api/v1/nearby?near=Columbus,%20OH&prospect=mobilized").get_json()
    assert [i["body"]["slug"] for i in mobilized["items"]] == ["steel-local-155"]
    never = client.get("/api/v1/nearby?near=43215&prospect=never_acted&prospect=no_resolution").get_json()
    assert "steel-local-155" not in [i["body"]["slug"] for i in never["items"]]


def test_an_unknown_place_is_404_with_suggestions(client, small_registry):
    response = client.get("/api/v1/nearby?near=Nowhereville,%20ZZ")
    assert response.status_code == 404
    data = response.get_json()
    assert data["code"] == 404 and data["errors"]["query"]["near"]


def test_arguments_are_checked(client):
    assert client.get("/api/v1/nearby").status_code == 422  # near is required
    data = client.get("/api/v1/nearby?near=43215&radius_mi=900&prospect=friends").get_json()
    assert set(data["errors"]["query"]) == {"radius_mi", "prospect"}
