"""At a phone's width (390×844) no page scrolls sideways: wide tables scroll inside their own box,
long select options and long words wrap or shrink. Walked over the real seeded registry, whose
long names, long bill titles and wide tables are what made pages overflow."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from registry.database import db
from registry.models import Bill, Body, District
from tests.browser.helpers import axe_violations

PHONE = {"width": 390, "height": 844}

# Finds the widest element that sticks out of the page (and is not clipped by a scrolling or
# clipping box it sits in), naming it for the failure message.
OVERFLOW = """() => {
  const root = document.documentElement;
  const width = root.clientWidth;
  if (root.scrollWidth <= width) { return null; }
  const clips = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      if (getComputedStyle(p).overflowX !== "visible") { return true; }
    }
    return false;
  };
  const named = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
    + (typeof el.className === "string" && el.className
       ? "." + el.className.trim().split(/\\s+/).join(".") : "");
  let widest = null;
  for (const el of document.body.querySelectorAll("*")) {
    const right = el.getBoundingClientRect().right;
    if (right > width + 1 && !clips(el) && (!widest || right > widest.right)) {
      widest = {name: named(el), right: Math.round(right)};
    }
  }
  if (!widest) {  // text sticking out of its box: the innermost box whose text overflows
    for (const el of document.body.querySelectorAll("*")) {
      if (el.scrollWidth > el.clientWidth + 1 && !clips(el)) {
        widest = {name: named(el), text_overflow: el.scrollWidth - el.clientWidth};
      }
    }
  }
  return {scrollWidth: root.scrollWidth, clientWidth: width, widest: widest};
}"""


@pytest.fixture
def seeded(app, runner):
    result = runner.invoke(args=["seed"])
    assert result.exit_code == 0, result.output
    longest = db.session.scalar(select(Body.slug).order_by(func.length(Body.name).desc(), Body.slug)
                                .limit(1))
    bill = db.session.scalar(select(Bill.slug).order_by(func.length(Bill.title).desc()).limit(1))
    district = db.session.scalar(select(District.code).order_by(District.code).limit(1))
    return {"body": longest, "bill": bill, "district": district}


def pages(seeded) -> list[str]:
    body, bill, district = seeded["body"], seeded["bill"], seeded["district"]
    return [
        "/", "/bodies", "/bodies?state=CA", f"/bodies/{body}", "/bills", f"/bills/{bill}", "/map",
        "/map?tier=0", "/gap", "/gap?state=CA", "/data", "/organize",
        "/organize?near=97201&radius_mi=50", "/districts", f"/districts/{district}", "/about",
        "/about/methodology", "/about/coverage", "/data/api", "/login",
        "/submit", "/submit/resolution", "/submit/action", "/submit/action?report=check",
        f"/submit/correction/{body}", "/help/check?near=97232", f"/bodies/{body}/watch",
    ]


def overflow_at(page, url: str):
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page.evaluate(OVERFLOW)


def test_no_page_scrolls_sideways_on_a_phone(browser, live_server, seeded):
    """Every page fits 390 px; and at that width it stays accessible (a table that scrolls in
    its own box can be reached from the keyboard)."""
    context = browser.new_context(viewport=PHONE, bypass_csp=True)
    page = context.new_page()
    try:
        problems, inaccessible = {}, {}
        for path in pages(seeded):
            found = overflow_at(page, live_server + path)
            if found is not None:
                problems[path] = found
            violations = [v["id"] for v in axe_violations(page)]
            if violations:
                inaccessible[path] = violations
        assert problems == {}, "pages wider than the phone: " + "; ".join(
            f"{path} is {p['scrollWidth']} px wide (widest: {p['widest']})" for path, p in problems.items())
        assert inaccessible == {}
    finally:
        context.close()


def test_forms_with_errors_fit_a_phone(browser, live_server, seeded):
    """A form sent with mistakes comes back with messages, and still fits."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        for path in ("/submit/resolution", "/submit/action", f"/submit/correction/{seeded['body']}"):
            page.goto(live_server + path)
            with page.expect_navigation(wait_until="load"):
                page.get_by_role("button", name="Send for review").click()
            assert page.locator(".form-problems").is_visible(), path
            assert page.evaluate(OVERFLOW) is None, (path, page.evaluate(OVERFLOW))
    finally:
        context.close()


def test_the_receipt_and_tracking_page_fit_a_phone(browser, live_server, seeded):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(f"{live_server}/submit/correction/{seeded['body']}")
        page.fill("#proposed_value", "Its city is Chicago.")
        page.fill("#submitter_email", "pat.member@example.org")
        # Measured once the receipt and its stylesheets have loaded, not as soon as the link is
        # in the document (before the style that wraps it applies).
        with page.expect_navigation(wait_until="load"):
            page.get_by_role("button", name="Send for review").click()
        assert page.evaluate(OVERFLOW) is None, ("receipt", page.evaluate(OVERFLOW))
        page.goto(page.get_attribute("#tracking-link", "href"))
        assert page.evaluate(OVERFLOW) is None, ("tracking page", page.evaluate(OVERFLOW))
    finally:
        context.close()
