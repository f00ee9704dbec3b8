"""/help/check?near=97232 on a phone (390×844): no sideways scrolling, axe clean, and the
one-tap answers open the forms for that body; the search form works from the keyboard too."""

from __future__ import annotations

from tests.browser.helpers import axe_violations
from tests.browser.test_phone_width import OVERFLOW, PHONE
from tests.test_help_check import portland

__all__ = ["portland"]  # the fixture


def test_help_check_near_97232_at_phone_width(browser, live_server, portland):
    context = browser.new_context(viewport=PHONE, bypass_csp=True)
    page = context.new_page()
    try:
        page.goto(live_server + "/help/check?near=97232")
        page.wait_for_load_state("networkidle")
        assert page.evaluate(OVERFLOW) is None, page.evaluate(OVERFLOW)
        assert [v["id"] for v in axe_violations(page)] == []
        items = page.locator(".help-check-item strong a")
        assert items.all_inner_texts() == ["Near Unchecked Local", "Old Check Local", "Far Checked Local"]
        first = page.locator(".help-check-item").first
        # Each answer is a comfortable tap target, fully on screen.
        for name in ("I know what happened", "I looked: nothing"):
            box = first.get_by_text(name).bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        with page.expect_navigation():
            first.get_by_text("I looked: nothing").click()
        page.wait_for_load_state("networkidle")
        assert page.url.endswith("/submit/action?body=near-unchecked-local&report=check")
        assert page.locator('input[name="report"][value="check"]').is_checked()
        assert page.get_by_label("Near Unchecked Local").is_checked()

        # A new search, typed: a city and state, sent with Enter.
        page.goto(live_server + "/help/check")
        page.get_by_label("ZIP code or city and state").fill("Portland, OR")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        page.wait_for_load_state("networkidle")
        assert "Near Unchecked Local" in page.locator(".help-check-list").inner_text()
        assert page.evaluate(OVERFLOW) is None
        # A place it cannot find: the message is tied to the field.
        page.get_by_label("ZIP code or city and state").fill("00000")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        page.wait_for_load_state("networkidle")
        assert page.locator("#near").get_attribute("aria-invalid") == "true"
        assert page.locator("#near-error").inner_text().startswith("Near:")
        assert page.evaluate(OVERFLOW) is None
        assert [v["id"] for v in axe_violations(page)] == []
    finally:
        context.close()
