"""What the public can see: never an unreviewed submission, never a submitter's email, a
name only with consent, and every text escaped."""

from __future__ import annotations

import html
import io
import re

import pytest

from registry.documents.storage import check_pdf
from tests.moderation.helpers import PDF, decide, post_form, resolution_fields, tracking_path

# Every public GET route of the app (whichever areas add them), filled with these values, and
# every same-site link found on those pages: pages, exports, downloads, feeds and the API.
ARGUMENT_VALUES = {"slug": "slugs", "key": "slugs", "sha256": "documents", "code": "bills",
                   "fmt": "formats", "table": "tables"}
PRIVATE_PREFIXES = ("/review", "/login", "/logout", "/static/", "/vendor/", "/submissions/")
MAX_PAGES = 300


def public_responses(app, client, slugs, documents, bills, search_terms):
    """Yield (url, text) for every public GET response reachable for these records."""
    values = {"slugs": slugs, "documents": documents, "bills": bills,
              "formats": ["csv", "json", "geojson"],
              "tables": ["bodies", "resolutions", "actions", "sources", "bills"]}
    adapter = app.url_map.bind("localhost")
    queue = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or not all(a in ARGUMENT_VALUES for a in rule.arguments):
            continue
        combos = [{}]
        for name in rule.arguments:
            combos = [{**c, name: v} for c in combos for v in values[ARGUMENT_VALUES[name]]]
        for combo in combos:
            url = adapter.build(rule.endpoint, combo)
            queue += [url] + ([f"{url}?q={t}" for t in search_terms] if not rule.arguments else [])
    seen: set[str] = set()
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        if url in seen or url.startswith(PRIVATE_PREFIXES):
            continue
        seen.add(url)
        with client.get(url) as response:
            assert response.status_code < 500, url
            text = response.get_data(as_text=True) if response.status_code == 200 else ""
        yield url, text
        if response.mimetype == "text/html":
            links = [html.unescape(link) for link in re.findall(r'href="(/[^"#]*)"', text)]
            # Facet links combine filters endlessly: one filter at a time covers every output.
            queue += [link for link in links if not link.startswith("//") and link.count("&") == 0]


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
    # Searches for the markers' common prefix: a search page may echo the words searched for.
    for url, text in public_responses(app, client, ["published-local"], [hidden_document.sha256], [],
                                      ["Zqx", "marker"]):
        walked += 1
        for marker in markers:
            assert marker not in text, f"{marker} leaked on {url}"
    assert walked >= 30
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
    from registry.database import db, utcnow
    from registry.models import Body, Watch

    slugs = list(db.session.scalars(db.select(Body.slug)))
    for n, body_id in enumerate(db.session.scalars(db.select(Body.id))):  # followers are private
        db.session.add(Watch(body_id=body_id, email="watcher@example.org", confirmed_at=utcnow()))
        db.session.add(Watch(body_id=body_id, email=f"pending{n}@example.org", confirm_hash=f"{n:064d}"))
    db.session.commit()
    texts = dict(public_responses(app, client, slugs, [], [], ["credited", "nameless", "example.org",
                                                               "watcher"]))
    everything = "\n".join(texts.values())
    assert "1 person follows this body." in texts["/bodies/atu-local-1555"]
    for private in ("credited@example.org", "nameless@example.org", "reporter@example.org",
                    "Nameless Submitter", "Action Reporter", "watcher@example.org", "pending0@"):
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
