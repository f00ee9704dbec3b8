"""The forms, the API and the review refuse the same texts, dates and amounts (registry.textrules,
vocab.EARLIEST_YEAR, cents), with a 422 naming the field; so the queue never holds what the
review pages, PostgreSQL or the feed cannot show."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from registry.database import db
from registry.models import Body, Submission
from tests.moderation.helpers import action_fields, decide, post_form, resolution_fields


def submission_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Submission))


def field_error(html: str, field_id: str) -> str:
    marker = f'id="{field_id}-error">'
    assert marker in html, f"no error shown for {field_id}"
    return html.split(marker, 1)[1].split("</p>", 1)[0]


def test_a_lone_surrogate_never_reaches_the_review_queue(client, reviewer_client, make_body):
    """The probe's correction (proposed_value "x\\ud800y") was stored with 201; /review,
    /review/<id> and the tracking page then answered 500. Now it is refused and the queue works."""
    body = make_body(slug="probed-local")
    document = {"kind": "correction", "payload": {"body_id": body.id, "field": "city",
                                                  "proposed_value": "x\ud800y"},
                "submitter": {"name": "Pat", "email": "pat@example.org", "role": "member"}}
    response = client.post("/api/v1/submissions", data=json.dumps(document),
                           content_type="application/json")
    assert response.status_code == 422
    assert "proposed_value" in response.get_json()["errors"]["json"]["payload"]
    assert submission_count() == 0
    assert reviewer_client.get("/review").status_code == 200


@pytest.mark.parametrize(("path_kind", "field", "value"), [
    ("resolution", "title", "Title\x1b[2J"),
    ("resolution", "title", "Two\nlines"),
    ("resolution", "summary", "Vertical\x0btab"),
    ("resolution", "full_text", "Form\x0cfeed"),
    ("resolution", "new_name", "Local\x08 7"),
    ("resolution", "new_city", "Oak\u2028land"),
    ("resolution", "submitter_name", "Pat\x85"),
    ("resolution", "source_url", "https://example.org/\x1b"),
    ("action", "description", "Backspace\x08"),
    ("correction", "proposed_value", "Noncharacter \ufdd0"),
    ("correction", "explanation", "Escape \x1b"),
])
def test_forms_refuse_text_that_is_not_text_everywhere(client, make_body, path_kind, field, value):
    body = make_body(slug="form-local")
    if path_kind == "resolution":
        path, fields = "/submit/resolution", resolution_fields(None, **{field: value})
    elif path_kind == "action":
        path, fields = "/submit/action", action_fields(body.id, **{field: value})
    else:
        path = f"/submit/correction/{body.slug}"
        fields = {"field": "city", "proposed_value": "Dayton", "submitter_name": "Pat",
                  "submitter_email": "pat@example.org", "submitter_role": "member", field: value}
    response = post_form(client, path, fields)
    assert response.status_code == 422
    assert "Must not contain" in field_error(response.get_data(as_text=True), field)
    assert submission_count() == 0


def test_forms_take_line_breaks_and_tabs_where_a_field_takes_lines(client):
    response = post_form(client, "/submit/resolution", resolution_fields(
        None, summary="First paragraph.\r\n\r\n\tSecond paragraph.", title="With a\ttab"))
    assert response.status_code == 200, response.get_data(as_text=True)
    assert submission_count() == 1


@pytest.mark.parametrize("title", ["\u200b", "\u200b \u200d", "\u2060\ufeff"])
def test_a_title_of_only_invisible_characters_is_refused_by_the_form(client, title):
    response = post_form(client, "/submit/resolution", resolution_fields(None, title=title))
    assert response.status_code == 422
    assert "Must contain visible text." in field_error(response.get_data(as_text=True), "title")
    assert submission_count() == 0


def test_the_action_form_refuses_fractions_of_a_cent(client, make_body):
    """The form rounded 12.345 to 12.35 through the schema; now it says why it refuses."""
    body = make_body()
    response = post_form(client, "/submit/action", action_fields(body.id, amount_usd="12.345"))
    assert response.status_code == 422
    assert "two decimals" in field_error(response.get_data(as_text=True), "amount_usd")
    assert submission_count() == 0
    accepted = post_form(client, "/submit/action", action_fields(body.id, amount_usd="12.34"))
    assert accepted.status_code == 200
    assert db.session.scalar(select(Submission)).payload["amount_usd"] == "12.34"


@pytest.mark.parametrize(("note_field", "value"), [
    ("review_note", "Please send \x1b the minutes"),
    ("internal_note", "Looks \x0b fine"),
])
def test_review_notes_follow_the_text_rules(reviewer_client, make_submission, note_field, value):
    submission, _ = make_submission()
    response = decide(reviewer_client, submission.id, decision="needs_info",
                      **{"review_note": "Which year?", note_field: value})
    assert response.status_code == 422
    assert "Must not contain" in field_error(response.get_data(as_text=True), note_field)
    assert db.session.get(Submission, submission.id).status == "pending"


def test_a_rejection_needs_a_visible_note(reviewer_client, make_submission):
    submission, _ = make_submission()
    response = decide(reviewer_client, submission.id, decision="reject", review_note="\u200b")
    assert response.status_code == 422
    assert db.session.get(Submission, submission.id).status == "pending"


@pytest.mark.parametrize(("field", "value"), [("name", "\u200b"), ("name", "Local\x1b 7"),
                                              ("city", "Day\x0bton"), ("website", "https://e.org/\x1b")])
def test_applied_corrections_follow_the_text_rules(reviewer_client, make_submission, make_body,
                                                   field, value):
    body = make_body(name="Correct Me Local", slug="correct-me")
    submission, _ = make_submission("correction", body_id=body.id, field=field,
                                    proposed_value="See the source.")
    response = decide(reviewer_client, submission.id, decision="publish_merge", applied_value=value)
    assert response.status_code == 422
    assert field_error(response.get_data(as_text=True), "applied_value")
    db.session.expire_all()
    assert db.session.get(Body, body.id).name == "Correct Me Local"


def test_applied_member_counts_fit_the_database(reviewer_client, make_submission, make_body):
    """A count past a 32-bit integer passed the check and failed in PostgreSQL with a 500."""
    body = make_body(name="Counted Local", slug="counted")
    submission, _ = make_submission("correction", body_id=body.id, field="members",
                                    proposed_value="99999999999")
    response = decide(reviewer_client, submission.id, decision="publish_merge",
                      applied_value="99999999999")
    assert response.status_code == 422
    assert field_error(response.get_data(as_text=True), "applied_value")
    db.session.expire_all()
    assert db.session.get(Body, body.id).members is None


def test_submissions_stored_before_the_rules_are_repaired(reviewer_client, client, make_body):
    """A payload holding a lone surrogate (stored with 201 before the rules) made the queue, the
    decision page and the tracking page answer 500; the migration c9d4a6b1e7f3 repairs it."""
    import importlib.util
    import pathlib

    from sqlalchemy import text

    from registry.submissions.services import hash_token

    body = make_body(slug="stored-before")
    db.session.execute(text(
        "INSERT INTO submissions (kind, status, payload, body_id, submitter_email, submitter_role, "
        "credit_public, token_hash, created_at, updated_at) VALUES ('correction', 'pending', "
        ":payload, :body, 'pat@example.org', 'member', false, :token, :now, :now)"),
        {"payload": f'{{"body_id": {body.id}, "field": "city", "proposed_value": "x\\ud800y"}}',
         "body": body.id, "token": hash_token("old-token"), "now": "2026-11-01 12:00:00"})
    db.session.commit()
    versions = pathlib.Path(__file__).parents[2] / "migrations" / "versions"
    path = next(versions.glob("c9d4a6b1e7f3_*.py"))
    spec = importlib.util.spec_from_file_location("repair_migration", path)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    with db.engine.begin() as connection:
        assert migration.repair_payloads(connection) == 1
        assert migration.repair_payloads(connection) == 0
    submission = db.session.scalar(select(Submission))
    assert submission.payload["proposed_value"] == "x\ufffdy"
    for path in ("/review", f"/review/{submission.id}"):
        assert reviewer_client.get(path).status_code == 200
    assert client.get("/submissions/old-token").status_code == 200
