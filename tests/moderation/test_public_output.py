"""What the public can see: never an unreviewed submission, never a submitter's email, a
name only with consent, and every text escaped."""

from __future__ import annotations

import io

import pytest

from registry.documents.storage import check_pdf
from tests.moderation.helpers import PDF, form_tokens, post_form, resolution_fields, tracking_path

# Filled from the app's URL map, so routes other areas add are walked too.
ARGUMENT_VALUES = {"slug": "slugs", "id_or_slug": "slugs", "sha256": "documents", "code": "bills"}
PRIVATE_ENDPOINTS = ("review.", "auth.", "static", "submissions.track")


def public_responses(app, client, slugs, documents, bills, search_terms):
    """Every public GET page, export, feed and API response the app has, for these records."""
    values = {"slugs": slugs, "documents": documents, "bills": bills}
    urls = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint.startswith(PRIVATE_ENDPOINTS):
            continue
        if not rule.arguments:
            urls.append(rule.rule)
            urls += [f"{rule.rule}?q={term}" for term in search_terms]
            continue
        if not all(name in ARGUMENT_VALUES for name in rule.arguments):
            continue
        for name in rule.arguments:
            for value in values[ARGUMENT_VALUES[name]]:
                urls.append(rule.rule.replace(f"<{name}>", value).replace(f"<string:{name}>", value))
    for url in urls:
        with client.get(url) as response:
            assert response.status_code < 500, url
            yield url, response.get_data(as_text=True) if response.status_code == 200 else ""


def decide(client, submission_id, **fields):
    path = f"/review/{submission_id}"
    return post_form(client, path, fields, tokens=form_tokens(client, path))


def test_unpublished_submissions_never_appear_in_public_output(app, client, reviewer_client,
                                                               make_submission, make_body):
    """Pending, rejected and needs-info submissions appear on no page, export, feed or API."""
    body = make_body(name="Published Local", slug="published-local")
    hidden_document = check_pdf(io.BytesIO(PDF + b"% pending\n"), "pending.pdf")
    markers = []
    for status in ("pending", "rejected", "needs_info"):
        marker = f"Zqx{status.replace('_', '')}marker"
        markers.append(marker)
        submission, _ = make_submission(
            new_body={"name": f"{marker} Local", "level": "local", "state": "CA"},
            title=f"{marker} resolution title", summary=f"{marker} summary",
            document=hidden_document if status == "pending" else None)
        make_submission("action", body_id=body.id, description=f"{marker} action on a published body")
        make_submission("correction", body_id=body.id, field="name", proposed_value=f"{marker} rename")
        if status != "pending":
            decide(reviewer_client, submission.id, decision=status.replace("rejected", "reject"),
                   review_note="Not yet.")
    walked = 0
    for url, text in public_responses(app, client, ["published-local"], [hidden_document.sha256], [],
                                      markers):
        walked += 1
        for marker in markers:
            assert marker not in text, f"{marker} leaked on {url}"
    assert walked >= 10
    assert client.get(f"/documents/{hidden_document.sha256}").status_code == 404


def test_email_never_public_and_name_only_with_credit(app, client, reviewer_client, make_submission):
    credited, _ = make_submission(title="Credited resolution",
                                  submitter={"name": "Credited Person", "email": "credited@example.org",
                                             "credit_public": True})
    anonymous, _ = make_submission(
        new_body={"name": "Anonymous Local", "level": "local", "state": "OR"},
        title="Anonymous resolution",
        submitter={"name": "Nameless Submitter", "email": "nameless@example.org"})
    make_submission("action", body_id=None, new_body={"name": "Third Local", "level": "local",
                                                      "state": "WA"},
                    submitter={"name": "Action Reporter", "email": "reporter@example.org"})
    for submission in (credited, anonymous):
        assert decide(reviewer_client, submission.id, decision="publish_new").status_code == 302
    from registry.database import db
    from registry.models import Body

    slugs = list(db.session.scalars(db.select(Body.slug)))
    texts = dict(public_responses(app, client, slugs, [], [], ["credited", "nameless", "example.org"]))
    everything = "\n".join(texts.values())
    for private in ("credited@example.org", "nameless@example.org", "reporter@example.org",
                    "Nameless Submitter", "Action Reporter"):
        assert private not in everything, private
    credited_page = next(text for url, text in texts.items() if url == "/bodies/atu-local-1555")
    assert "Submitted by Credited Person" in credited_page


NASTY = {
    "title": "<script>alert('title')</script>",
    "summary": '"><img src=x onerror=alert(2)>',
    "full_text": "</textarea><script>alert(3)</script>",
    "new_name": "<svg onload=alert(4)> Local",
}


def test_text_is_stored_plain_and_always_rendered_escaped(client, reviewer_client):
    response = post_form(client, "/submit/resolution", resolution_fields(**NASTY))
    assert response.status_code == 200
    tracking = tracking_path(response.get_data(as_text=True))
    from registry.database import db
    from registry.models import Submission

    submission = db.session.scalar(db.select(Submission))
    assert submission.payload["title"] == NASTY["title"]  # stored as typed, plain text
    review_page = reviewer_client.get(f"/review/{submission.id}").get_data(as_text=True)
    decide(reviewer_client, submission.id, decision="publish_new")
    from registry.models import Body

    slug = db.session.scalar(db.select(Body.slug))
    pages = [review_page, client.get(tracking).get_data(as_text=True),
             client.get(f"/bodies/{slug}").get_data(as_text=True),
             client.get("/").get_data(as_text=True)]
    for page in pages:
        for raw in ("<script>alert", "<img src=x", "<svg onload", "</textarea><script>"):
            assert raw not in page
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in pages[2]


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<b>x</b>", "vbscript:x",
                                 "http://", "https:/example.org"])
def test_source_links_must_be_http(client, url):
    response = post_form(client, "/submit/resolution", resolution_fields(source_url=url))
    assert response.status_code == 422
    assert 'id="source_url-error"' in response.get_data(as_text=True)
