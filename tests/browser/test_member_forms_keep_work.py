"""In Chromium, a member's work is never lost: searching never spends the submission budget, a
form over the budget comes back as typed with when to try again, an attached PDF survives a
mistake, and a PDF over 10 MB is caught before sending (and by the server without JavaScript)."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import func, select
from werkzeug.serving import make_server

from registry.database import db
from registry.extensions import limiter
from registry.models import Submission
from tests.moderation.helpers import PDF

TOO_LARGE = 12 * 1024 * 1024


@contextmanager
def serving(app) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)


@pytest.fixture
def limited_server(make_app) -> Iterator[str]:
    """The site with small budgets: 2 stored submissions a minute."""
    app = make_app(RATELIMIT_ENABLED=True, SUBMISSION_RATE_LIMIT="2 per minute",
                   SUBMISSION_ATTEMPT_LIMIT="20 per minute")
    try:
        with serving(app) as address:
            app.config["SITE_URL"] = address
            yield address
    finally:
        limiter.reset()
        limiter.enabled = False


@pytest.fixture
def local(make_body):
    return make_body(name="Budget Transit Local 77", slug="budget-local-77", state="OR",
                     city="Portland", affiliation="ATU", designation="Local 77")


def stored() -> int:
    db.session.rollback()  # see what the server committed
    return db.session.scalar(select(func.count()).select_from(Submission))


def pdf_file(content: bytes = PDF) -> dict:
    return {"name": "minutes.pdf", "mimeType": "application/pdf", "buffer": content}


def find_body(page, text: str = "Budget Transit") -> None:
    page.fill("#body_query", text)
    page.click("#find-body")
    page.wait_for_load_state()


def fill_resolution(page, local, title: str, year: str = "2019") -> None:
    page.check(f"#body-{local.id}")
    page.fill("#adopted-year", year)
    page.fill("#title", title)
    page.fill("#summary", "The local endorses single payer.")
    page.fill("#submitter_email", "pat.member@example.org")


def send(page):
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Send for review").click()
    return navigation.value


def test_searching_is_free_and_over_the_budget_the_form_comes_back_as_typed(page, limited_server,
                                                                            local):
    page.goto(limited_server + "/submit/resolution")
    for _ in range(8):  # more searches than the whole budget
        find_body(page)
        assert page.locator(f"#body-{local.id}").is_visible()
    assert "Too Many Requests" not in page.content()

    for n in range(2):
        fill_resolution(page, local, f"Resolution {n}")
        assert send(page).status == 200
        page.wait_for_selector("text=your submission is in the review queue")
        page.goto(limited_server + "/submit/resolution")
        find_body(page)

    fill_resolution(page, local, "The third resolution")
    page.set_input_files("#document", pdf_file())
    response = send(page)
    assert response.status == 429
    assert 0 < int(response.headers["retry-after"]) <= 60
    notice = page.inner_text("#form-problems")
    assert "Not sent yet" in notice and "2 a minute" in notice and "send it again in" in notice
    assert "Everything you typed is still in the form" in notice
    assert page.input_value("#title") == "The third resolution"
    assert page.is_checked(f"#body-{local.id}")
    assert "Attached: minutes.pdf" in page.inner_text("#document-hint")
    assert stored() == 2


def test_an_attached_pdf_survives_a_mistake(page, live_server, local):
    page.goto(live_server + "/submit/resolution")
    find_body(page)
    fill_resolution(page, local, "Resolution with its minutes", year="2031")
    page.set_input_files("#document", pdf_file())
    assert send(page).status == 422
    assert "future" in page.inner_text("#adopted-year-error")
    assert "Attached: minutes.pdf" in page.inner_text("#document-hint")

    page.fill("#adopted-year", "2019")
    assert send(page).status == 200
    page.wait_for_selector("text=your submission is in the review queue")
    db.session.rollback()
    submission = db.session.scalar(select(Submission))
    assert submission.document_sha256 == hashlib.sha256(PDF).hexdigest()


def test_a_pdf_over_the_cap_is_caught_before_sending(page, live_server, local):
    page.goto(live_server + "/submit/resolution")
    page.wait_for_load_state()
    page.set_input_files("#document", pdf_file(b"%PDF-" + b"0" * TOO_LARGE))
    message = page.locator("#document-size-error")
    assert message.is_visible()
    assert "at most 10 MB" in message.inner_text() and "minutes.pdf" in message.inner_text()
    assert page.evaluate("document.getElementById('document').files.length") == 0
    assert page.get_attribute("#document", "aria-invalid") == "true"


def test_without_javascript_the_server_refuses_a_large_pdf_and_keeps_the_form(browser, live_server,
                                                                              local):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_server + "/submit/resolution")
        find_body(page)
        fill_resolution(page, local, "Kept through a refusal")
        page.set_input_files("#document", pdf_file(b"%PDF-" + b"0" * TOO_LARGE))
        assert send(page).status == 422
        assert "larger than 10 MB" in page.inner_text("#document-error")
        assert page.input_value("#title") == "Kept through a refusal"
        assert page.is_checked(f"#body-{local.id}")
        assert stored() == 0
    finally:
        context.close()


def test_a_search_that_finds_nothing_offers_to_describe_the_body(page, live_server, local):
    """Search as you type: no match offers "not in the registry", carrying the typed name."""
    page.goto(live_server + "/submit/resolution")
    page.wait_for_load_state()
    page.fill("#body_query", "Painters District Council 36")
    offer = page.locator("#describe-new-body")
    offer.wait_for()
    assert "Painters District Council 36" in offer.inner_text()
    offer.click()
    assert page.is_checked("#body-new")
    assert page.input_value("#new_name") == "Painters District Council 36"
    assert page.evaluate("document.activeElement.id") == "new_name"
