"""Following a body in a browser at a phone's width: the form, its error, the confirmation and
unsubscribe pages fit 390 px and are axe clean; the emailed confirmation link works."""

from __future__ import annotations

from sqlalchemy import select

from registry.database import db
from registry.models import Watch
from registry.watches.services import unsubscribe_url
from tests.browser.helpers import axe_violations
from tests.browser.test_phone_width import OVERFLOW, PHONE
from tests.watches.helpers import link_in


def fits_and_accessible(page) -> None:
    page.wait_for_load_state("networkidle")
    assert page.evaluate(OVERFLOW) is None, page.evaluate(OVERFLOW)
    assert [v["id"] for v in axe_violations(page)] == []


def test_follow_confirm_and_unsubscribe_on_a_phone(browser, live_server, app, smtp_inbox, make_body):
    make_body(name="International Brotherhood of Very Long Names Local 1234567", slug="long-local",
              endorsing=True)
    context = browser.new_context(viewport=PHONE, bypass_csp=True)
    page = context.new_page()
    try:
        page.goto(live_server + "/bodies/long-local")
        with page.expect_navigation():
            page.get_by_role("link", name="Follow this body").click()
        fits_and_accessible(page)
        field = page.get_by_label("Your email address")
        field.fill("not an address")
        with page.expect_navigation():
            page.get_by_role("button", name="Send the confirmation link").click()
        fits_and_accessible(page)
        assert field.get_attribute("aria-invalid") == "true"
        field.fill("pat.member@example.org")
        with page.expect_navigation():
            page.get_by_role("button", name="Send the confirmation link").click()
        fits_and_accessible(page)
        assert page.get_by_role("heading", name="Check your email").is_visible()

        [mail] = smtp_inbox.received
        page.goto(live_server + link_in(mail.text, "/watch/confirm/"))
        fits_and_accessible(page)
        with page.expect_navigation():
            page.get_by_role("button", name="Confirm").click()
        fits_and_accessible(page)
        page.goto(live_server + "/bodies/long-local")
        assert page.get_by_text("1 person follows this body.").is_visible()

        with app.test_request_context():
            watch = db.session.scalar(select(Watch))
            path = "/watch/unsubscribe/" + unsubscribe_url(watch).rsplit("/", 1)[1]
        page.goto(live_server + path)
        fits_and_accessible(page)
        with page.expect_navigation():
            page.get_by_role("button", name="Stop all email").click()
        fits_and_accessible(page)
        assert page.get_by_role("heading", name="No more email").is_visible()
    finally:
        context.close()
