"""Member forms: what is stored, what is refused, and that refusals store nothing."""

from __future__ import annotations

import hashlib
import re

import pytest
from sqlalchemy import func, select

from registry.database import db
from registry.models import Body, Resolution, Submission
from registry.submissions.services import hash_token
from tests.moderation.conftest import stored_files
from tests.moderation.helpers import (
    PDF,
    action_fields,
    form_tokens,
    post_form,
    resolution_fields,
    submitter,
    tracking_path,
)


def submission_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Submission))


@pytest.mark.parametrize("path", ["/submit", "/submit/resolution", "/submit/action"])
def test_member_pages_need_no_account(client, path):
    assert client.get(path).status_code == 200


def test_resolution_for_a_listed_body_is_queued_with_a_private_tracking_link(client, make_body):
    """A submission is stored as pending; the token is shown once and stored only as a hash."""
    body = make_body(name="CWA Local 7901", state="OR")
    response = post_form(client, "/submit/resolution", resolution_fields(body.id))
    assert response.status_code == 200, response.get_data(as_text=True)
    page = response.get_data(as_text=True)
    assert "in the review queue" in page
    path = tracking_path(page)
    token = path.rsplit("/", 1)[1]
    assert len(token) >= 40
    submission = db.session.scalar(select(Submission))
    assert submission.status == "pending" and submission.kind == "resolution"
    assert submission.body_id == body.id and submission.state == "OR"
    assert submission.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(submission.payload) and token != submission.token_hash
    assert submission.payload["adopted_on"] == "2019-05-14"
    assert submission.payload["date_precision"] == "day"
    assert submission.payload["commitments"] == ["educate_members", "forward_to_officials"]
    assert submission.submitter_email == "pat.member@example.org"
    assert db.session.scalar(select(func.count()).select_from(Resolution)) == 0  # nothing published
    tracking = client.get(path)
    assert tracking.status_code == 200
    assert "Waiting for review" in tracking.get_data(as_text=True)
    assert tracking.headers["Cache-Control"] == "private, no-store"


def test_resolution_for_a_new_body_keeps_the_description(client):
    response = post_form(client, "/submit/resolution", resolution_fields(**{"adopted-day": "",
                                                                            "adopted-month": ""}))
    assert response.status_code == 200
    submission = db.session.scalar(select(Submission))
    assert submission.body_id is None and submission.state == "CA"
    assert submission.payload["new_body"]["name"] == "Amalgamated Transit Union Local 1555"
    assert submission.payload["adopted_on"] == "2019-01-01"
    assert submission.payload["date_precision"] == "year"
    assert db.session.scalar(select(func.count()).select_from(Body)) == 0


def test_unknown_tracking_token_is_a_404(client):
    assert client.get("/submissions/not-a-real-token-at-all").status_code == 404


def test_body_search_works_without_javascript(client, make_body):
    """Pressing Find re-renders the form with the matches as choices, keeping what was typed."""
    make_body(name="CWA Local 7901", affiliation="CWA", designation="Local 7901", city="Portland")
    make_body(name="Ohio Nurses Association", city="Columbus")
    fields = resolution_fields(title="Kept title", body_query="7901", find="1")
    del fields["send"]
    response = post_form(client, "/submit/resolution", fields)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "CWA Local 7901" in page and "Ohio Nurses Association" not in page
    assert 'name="body_choice"' in page and 'value="Kept title"' in page
    assert submission_count() == 0


def test_body_search_json_matches_name_affiliation_designation_and_city(client, make_body):
    make_body(name="Communications Workers", affiliation="CWA", designation="Local 7901",
              city="Portland", state="OR")
    make_body(name="Ohio Nurses Association", city="Columbus")
    for text in ("communications", "cwa", "7901", "portland"):
        names = [b["name"] for b in client.get(f"/submit/bodies.json?q={text}").get_json()]
        assert names == ["Communications Workers"], text
    assert client.get("/submit/bodies.json?q=x").get_json() == []


def test_action_report_is_queued(client, make_body):
    body = make_body(name="Marching Local")
    response = post_form(client, "/submit/action", action_fields(body.id))
    assert response.status_code == 200, response.get_data(as_text=True)
    submission = db.session.scalar(select(Submission))
    assert submission.kind == "action" and submission.payload["kind"] == "rally_or_march"
    assert submission.payload["occurred_on"] == "2020-02-01"
    assert submission.payload["date_precision"] == "month"
    assert submission.payload["participants"] == 200


def test_body_page_links_preselect_the_body(client, make_body):
    body = make_body(name="Preselected Local", slug="preselected-local")
    page = client.get("/submit/action?body=preselected-local").get_data(as_text=True)
    assert f'value="{body.id}" checked' in page


def test_correction_and_tier_dispute(client, make_body):
    """A correction of the tier is filed as a dispute."""
    body = make_body(name="Disputed Local", slug="disputed-local")
    fields = {"field": "city", "proposed_value": "Dayton", "explanation": "Its hall is in Dayton.",
              "source_url": "https://example.org/hall", **submitter()}
    assert post_form(client, "/submit/correction/disputed-local", fields).status_code == 200
    fields.update(field="tier", proposed_value="They struck in 2021 for single payer.")
    assert post_form(client, "/submit/correction/disputed-local", fields).status_code == 200
    kinds = db.session.scalars(select(Submission.kind).order_by(Submission.id)).all()
    assert kinds == ["correction", "dispute"]
    assert {s.body_id for s in db.session.scalars(select(Submission))} == {body.id}
    assert client.get("/submit/correction/no-such-body").status_code == 404


BAD_RESOLUTION_INPUT = [
    ({"title": ""}, "title", "Give the resolution"),
    ({"title": "x" * 301}, "title", "300"),
    ({"summary": "   "}, "summary", "Summarise"),
    ({"submitter_email": "not-an-email"}, "submitter_email", "email address"),
    ({"submitter_email": ""}, "submitter_email", "email address"),
    ({"adopted-year": "2031"}, "adopted-year", "future"),
    ({"adopted-year": "1800"}, "adopted-year", "2019"),
    ({"adopted-month": "2", "adopted-day": "30"}, "adopted-day", "does not exist"),
    ({"adopted-month": "", "adopted-day": "3"}, "adopted-day", "month too"),
    ({"source_url": "javascript:alert(1)"}, "source_url", "http"),
    ({"source_url": "ftp://example.org/x"}, "source_url", "http"),
    ({"credit_public": "y", "submitter_name": ""}, "submitter_name", "credited"),
    ({"body_choice": ""}, "body_choice", "Choose the union body"),
    ({"body_choice": "99999"}, "body_choice", "No union body"),
    ({"new_state": ""}, "new_state", "its state"),
    ({"new_zip": "9461"}, "new_zip", "ZIP"),
    ({"new_level": "galaxy"}, "new_level", "Not a valid choice"),
    ({"bill": "12345"}, "bill", "Not a valid choice"),
    ({"commitments": ["educate_members", "overthrow"]}, "commitments", "valid choice"),
    ({"submitter_role": "boss"}, "submitter_role", "Not a valid choice"),
]


@pytest.mark.parametrize("changes,field,message", BAD_RESOLUTION_INPUT)
def test_invalid_input_rerenders_with_values_and_a_message_by_the_field(client, upload_folder,
                                                                        changes, field, message):
    """Nothing is stored; the form comes back with the user's values and the field's error."""
    before = stored_files(upload_folder)
    fields = resolution_fields(**changes)
    fields["summary"] = fields["summary"] if "summary" in changes else "My careful summary"
    response = post_form(client, "/submit/resolution", fields, document=PDF)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    error = page.split(f'id="{field}-error"', 1)
    assert len(error) == 2, f"no error for {field}"
    assert message in error[1].split("</p>", 1)[0]
    assert re.search(rf'aria-describedby="[^"]*\b{re.escape(field)}-error"', page), "error not tied"
    if "summary" not in changes:
        assert "My careful summary" in page  # the user's values are kept
    assert submission_count() == 0
    # Nothing is stored with the documents; the accepted PDF is held for the next try.
    added = set(stored_files(upload_folder)) - set(before)
    assert len(added) == 1 and "/held/" in added.pop()


def test_invalid_action_dates_in_the_future_are_refused(client, make_body):
    body = make_body()
    response = post_form(client, "/submit/action", action_fields(
        body.id, **{"occurred-year": "2026", "occurred-month": "12", "occurred-day": "1"}))
    assert response.status_code == 422
    assert "future" in response.get_data(as_text=True)
    assert submission_count() == 0


@pytest.mark.parametrize("changes,field", [
    ({"participants": "-4"}, "participants"), ({"participants": "many"}, "participants"),
    ({"amount_usd": "lots"}, "amount_usd"), ({"kind": "picnic"}, "kind"),
    ({"description": ""}, "description"),
])
def test_invalid_action_fields_are_named(client, make_body, changes, field):
    body = make_body()
    response = post_form(client, "/submit/action", action_fields(body.id, **changes))
    assert response.status_code == 422
    assert f'id="{field}-error"' in response.get_data(as_text=True)
    assert submission_count() == 0


@pytest.mark.parametrize("path,fields", [
    ("/submit/resolution", resolution_fields()),
    ("/submit/action", {"description": "x", **submitter()}),
    ("/submit/correction/csrf-local", {"field": "city", "proposed_value": "x", **submitter()}),
])
def test_posts_without_a_valid_csrf_token_are_refused(client, make_body, path, fields):
    """Every POST without a valid CSRF token gets a 400 and stores nothing."""
    make_body(slug="csrf-local")
    tokens = form_tokens(client, path)
    for token in (None, "forged-token"):
        data = dict(fields, form_key=tokens["form_key"])
        if token:
            data["csrf_token"] = token
        response = client.post(path, data=data)
        assert response.status_code == 400
        assert "CSRF" in response.get_data(as_text=True)
    assert submission_count() == 0


def test_honeypot_is_answered_as_any_submission_and_kept_out_of_the_queue(client, reviewer_client,
                                                                          make_body):
    """A bot that filled the spam trap cannot tell: its receipt and its tracking page look like a
    member's (the tracking page used to be a 404). Nothing reaches reviewers; its upload is not kept."""
    body = make_body()
    spam_pdf = PDF + b"% sent by a bot\n"
    trapped = post_form(client, "/submit/resolution",
                        resolution_fields(body.id, title="Spam", leave_blank="http://spam.example"),
                        document=spam_pdf)
    member = post_form(client, "/submit/resolution", resolution_fields(body.id, title="Real"))
    assert trapped.status_code == member.status_code == 200
    pages = {}
    for name, response in (("trapped", trapped), ("member", member)):
        path = tracking_path(response.get_data(as_text=True))
        tracking = client.get(path)
        assert tracking.status_code == 200
        assert tracking.headers["Cache-Control"] == "private, no-store"
        # Each page names its own link (the language switch comes back to it).
        page = tracking.get_data(as_text=True).replace(path, "")
        pages[name] = re.sub(r"#\d+|<time[^<]*</time>|Spam|Real", "", page)
    assert pages["trapped"] == pages["member"]
    assert "Waiting for review" in pages["trapped"]
    queue = reviewer_client.get("/review").get_data(as_text=True)
    assert "Real" in queue and "Spam" not in queue
    spam = db.session.scalar(select(Submission).where(Submission.status == "spam"))
    assert spam is not None and spam.document_sha256 is None and "document" not in spam.payload
    stored = str(stored_files(client.application.config["UPLOAD_FOLDER"]))
    assert hashlib.sha256(spam_pdf).hexdigest() not in stored


def test_posting_the_same_form_twice_stores_it_once(client, make_body):
    """A double click or a refresh re-posts the form's one-time key: one submission, same link."""
    body = make_body()
    tokens = form_tokens(client, "/submit/resolution")
    first = post_form(client, "/submit/resolution", resolution_fields(body.id), tokens=tokens)
    again = post_form(client, "/submit/resolution", resolution_fields(body.id), tokens=tokens)
    assert tracking_path(first.get_data(as_text=True)) == tracking_path(again.get_data(as_text=True))
    assert "stored once" in again.get_data(as_text=True)
    assert submission_count() == 1
    # The same form reused for a different resolution is a new submission with its own link.
    other = post_form(client, "/submit/resolution", resolution_fields(body.id, title="Another one"),
                      tokens=tokens)
    assert tracking_path(other.get_data(as_text=True)) != tracking_path(first.get_data(as_text=True))
    assert submission_count() == 2
    hashes = db.session.scalars(select(Submission.token_hash)).all()
    assert len(set(hashes)) == 2


def test_tracking_token_is_stored_only_as_its_hash(make_submission):
    submission, token = make_submission()
    assert submission.token_hash == hash_token(token)
    row = db.session.execute(select(Submission.__table__)).mappings().one()
    assert token not in " ".join(str(value) for value in row.values())


@pytest.mark.parametrize("changes", [
    {"body_choice": "9" * 30},
    {"body_choice": "2147483648"},
    {"body_choice": "-1"},
    {"bill": "9" * 30},
    {"adopted-year": "9" * 30},
    {"adopted-month": "13"},
    {"body_query": "%_" * 50, "find": "1"},
    {"form_key": "x" * 5000},
])
def test_hostile_values_get_field_errors_not_server_errors(client, changes):
    """No input produces a 500: out-of-range ids, numbers and keys are ordinary field errors."""
    response = post_form(client, "/submit/resolution", resolution_fields(**changes))
    assert response.status_code in (200, 422)
    assert submission_count() <= 1


def test_service_refuses_ids_beyond_the_database_range(app):
    from registry.submissions.services import SubmissionError, submit

    with pytest.raises(SubmissionError) as raised:
        submit("action", {"body_id": 2**40, "kind": "rally_or_march", "occurred_on": "2020-01-01",
                          "date_precision": "day", "description": "x"},
               {"email": "a@example.org", "role": "member"})
    assert "body_id" in raised.value.errors


def test_action_form_links_the_methodology(client):
    """Members choosing an action kind can read how each kind counts."""
    assert 'href="/about/methodology"' in client.get("/submit/action").get_data(as_text=True)
