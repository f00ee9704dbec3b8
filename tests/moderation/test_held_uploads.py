"""An accepted PDF survives a form sent back with mistakes: the server holds it, the form refers
to it by a signed reference that reaches only that file, and it is sent with the corrected form."""

from __future__ import annotations

import hashlib
import os

from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import select

from registry.database import db
from registry.documents import held, storage
from registry.models import Submission
from tests.moderation.conftest import stored_files
from tests.moderation.helpers import PDF, hidden_value, post_form, resolution_fields, tracking_path

FUTURE = {"adopted-year": "2026", "adopted-month": "12", "adopted-day": "25"}


def first_try(client, body_id: int):
    response = post_form(client, "/submit/resolution", resolution_fields(body_id, **FUTURE),
                         document=PDF)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    return page


def test_the_upload_is_sent_with_the_corrected_form(client, make_body, upload_folder):
    body = make_body()
    page = first_try(client, body.id)
    assert "Attached: minutes.pdf, kept from your last try" in page
    reference = hidden_value(page, "held_document")
    assert "minutes" not in reference.split(".")[-1]  # the signature, not a path
    held_files = [f for f in stored_files(upload_folder) if "/held/" in f]
    assert held_files, "the accepted PDF is held on the server"
    response = post_form(client, "/submit/resolution",
                         resolution_fields(body.id, held_document=reference))
    assert response.status_code == 200
    assert tracking_path(response.get_data(as_text=True))
    submission = db.session.scalar(select(Submission))
    assert submission.document_sha256 == hashlib.sha256(PDF).hexdigest()
    assert submission.payload["document"]["name"] == "minutes.pdf"
    assert storage.exists(submission.document_sha256)
    assert held.held_name(reference) is None  # sent, so no longer held


def test_a_forged_or_altered_reference_reaches_no_file(app, client, make_body):
    body = make_body()
    reference = hidden_value(first_try(client, body.id), "held_document")
    key = held._key(reference)[0]
    forged = URLSafeTimedSerializer("not-the-secret", salt="held-upload").dumps(
        {"key": key, "name": "minutes.pdf"})
    for bad in (forged, reference[:-2] + "xx", "../../" + key):
        response = post_form(client, "/submit/resolution",
                             resolution_fields(body.id, held_document=bad))
        page = response.get_data(as_text=True)
        assert response.status_code == 422
        assert "Please attach it again" in page.split('id="document-error"', 1)[1]
    assert db.session.scalar(select(Submission)) is None


def test_the_member_can_choose_not_to_send_the_held_file(client, make_body):
    body = make_body()
    reference = hidden_value(first_try(client, body.id), "held_document")
    response = post_form(client, "/submit/resolution",
                         resolution_fields(body.id, held_document=reference, drop_held="y"))
    assert response.status_code == 200
    assert db.session.scalar(select(Submission)).document_sha256 is None
    assert held.held_name(reference) is None


def test_a_new_file_replaces_the_held_one(client, make_body):
    body = make_body()
    reference = hidden_value(first_try(client, body.id), "held_document")
    other = PDF + b"% another scan\n"
    response = post_form(client, "/submit/resolution",
                         resolution_fields(body.id, held_document=reference), document=other)
    assert response.status_code == 200
    assert db.session.scalar(select(Submission)).document_sha256 == hashlib.sha256(other).hexdigest()


def test_abandoned_held_files_are_swept_after_a_day(app, client, make_body):
    body = make_body()
    reference = hidden_value(first_try(client, body.id), "held_document")
    path = held._path(held._key(reference)[0])
    old = os.path.getmtime(path) - held.HELD_FOR_SECONDS - 60
    os.utime(path, (old, old))
    assert held.sweep() >= 1
    assert not os.path.exists(path)
