"""With the database unreachable, pages answer 503 Service Unavailable with Retry-After and the
site's own page (the API its JSON error), not a 500: on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest

UNREACHABLE = {
    "sqlite": "sqlite:////nonexistent-registry-folder/registry.sqlite3",
    "postgresql": "postgresql+psycopg://postgres@127.0.0.1:1/registry_test_unreachable",
}


@pytest.fixture(params=sorted(UNREACHABLE))
def outage(request, make_app, monkeypatch):
    """A production-mode app whose database cannot be reached."""
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    return make_app(TESTING=False, SQLALCHEMY_DATABASE_URI=UNREACHABLE[request.param])


@pytest.mark.parametrize("path", ["/", "/bodies", "/bodies/some-local", "/map", "/gap",
                                  "/submissions/some-token", "/feeds/published.atom", "/data"])
def test_pages_answer_503_with_the_sites_own_page(outage, path):
    response = outage.test_client().get(path)
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    assert response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert "Resolution Registry" in page and "try again" in page


@pytest.mark.parametrize("path", ["/api/v1/bodies", "/api/v1/stats/gap", "/api/v1/nearby?near=43215"])
def test_the_api_answers_503_in_its_error_shape(outage, path):
    response = outage.test_client().get(path)
    assert response.status_code == 503 and response.headers["Retry-After"] == "30"
    assert response.get_json()["code"] == 503


def test_a_signed_in_reviewer_gets_the_503_page_too(outage):
    client = outage.test_client()
    with client.session_transaction(base_url="https://localhost") as session:
        session["_user_id"] = "1:some-session-token"
    response = client.get("/review", base_url="https://localhost")
    assert response.status_code == 503 and response.headers["Cache-Control"] == "private, no-store"


def test_the_health_check_says_so(outage):
    response = outage.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "error", "database": "unreachable"}
