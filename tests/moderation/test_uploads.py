"""Uploads: PDF only (by content), at most 10 MB, stored once under their SHA-256, outside static/."""

from __future__ import annotations

import hashlib
import os

import pytest
from sqlalchemy import func, select

from registry.database import db
from registry.models import Submission
from registry.submissions.views import MAX_FORM_REQUEST_BYTES
from registry.vocab import MAX_UPLOAD_BYTES
from tests.moderation.conftest import stored_files
from tests.moderation.helpers import PDF, post_form, resolution_fields

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_a_pdf_is_stored_once_under_its_hash(app, client, make_body, upload_folder):
    body = make_body()
    for title in ("First upload", "Same file again"):
        response = post_form(client, "/submit/resolution", resolution_fields(body.id, title=title),
                             document=PDF, filename="Signed Minutes.PDF")
        assert response.status_code == 200, response.get_data(as_text=True)
    sha256 = hashlib.sha256(PDF).hexdigest()
    path = os.path.join(upload_folder, sha256[:2], f"{sha256}.pdf")
    assert [f for f in stored_files(upload_folder) if sha256 in f] == [path]
    with open(path, "rb") as handle:
        assert handle.read() == PDF
    static = os.path.realpath(app.static_folder)
    assert not os.path.realpath(path).startswith(static)
    submissions = db.session.scalars(select(Submission)).all()
    assert [s.document_sha256 for s in submissions] == [sha256, sha256]
    assert submissions[0].payload["document"] == {"sha256": sha256, "name": "Signed_Minutes.PDF"}


@pytest.mark.parametrize("content,filename,message", [
    (PNG, "scan.png", "not a PDF"),
    (PNG, "renamed.pdf", "not a PDF"),
    (b"<html><script>alert(1)</script></html>", "page.pdf", "not a PDF"),
    (b"", "empty.pdf", "empty"),
    (b"%PDF-1.4\n" + b"0" * MAX_UPLOAD_BYTES, "huge.pdf", "larger than 10 MB"),
])
def test_bad_uploads_are_refused_with_a_clear_message(client, make_body, upload_folder, content,
                                                      filename, message):
    body = make_body()
    before = stored_files(upload_folder)
    response = post_form(client, "/submit/resolution", resolution_fields(body.id), document=content,
                         filename=filename)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in page.split('id="document-error"', 1)[1].split("</p>", 1)[0]
    assert db.session.scalar(select(func.count()).select_from(Submission)) == 0
    assert stored_files(upload_folder) == before


def test_requests_far_over_the_limit_are_refused_before_reading(client, make_body):
    """Past the request size cap the server answers 413 with the form again (it could not read
    what was typed), the reason by the file field, storing nothing."""
    body = make_body()
    response = post_form(client, "/submit/resolution", resolution_fields(body.id),
                         document=b"%PDF-" + b"0" * (MAX_FORM_REQUEST_BYTES + 1))
    page = response.get_data(as_text=True)
    assert response.status_code == 413
    assert 'class="submission-form"' in page and 'name="csrf_token"' in page
    assert "10 MB" in page.split('id="document-error"', 1)[1].split("</p>", 1)[0]
    assert db.session.scalar(select(func.count()).select_from(Submission)) == 0


def test_a_pdf_over_the_cap_gets_a_field_error_and_the_form_keeps_everything(client, make_body,
                                                                               upload_folder):
    """A 12 MB scan (over the 10 MB cap, under the request cap) comes back as a message by the
    file field, with everything typed still in the form."""
    body = make_body()
    before = stored_files(upload_folder)
    response = post_form(client, "/submit/resolution",
                         resolution_fields(body.id, title="Our careful title"),
                         document=b"%PDF-" + b"0" * (12 * 1024 * 1024))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "larger than 10 MB" in page.split('id="document-error"', 1)[1].split("</p>", 1)[0]
    assert 'value="Our careful title"' in page
    assert db.session.scalar(select(func.count()).select_from(Submission)) == 0
    assert stored_files(upload_folder) == before


def test_the_file_field_tells_the_browser_its_cap(client):
    page = client.get("/submit/resolution").get_data(as_text=True)
    assert f'data-max-bytes="{MAX_UPLOAD_BYTES}"' in page and "js/upload-size.js" in page
