"""The Spanish /gap and /about/coverage in real Chromium: the filter form works by its Spanish
names, the charts and tables open, and axe finds no serious or critical violation."""

from __future__ import annotations

import pytest

from tests.browser.helpers import axe_violations
from tests.gap_registry import build_gap_registry


@pytest.fixture
def registry(make_body, make_bill, make_resolution, make_action, make_check):
    return build_gap_registry(make_body, make_bill, make_resolution, make_action, make_check)


@pytest.fixture
def spanish_page(watched_page, live_server):
    watched_page.context.add_cookies([{"name": "lang", "value": "es", "url": live_server}])
    return watched_page


def test_the_spanish_gap_filters_by_its_spanish_names(spanish_page, live_server, registry):
    page = spanish_page
    page.goto(live_server + "/gap")
    assert page.locator("html").get_attribute("lang") == "es"
    page.get_by_label("Tipo de organismo", exact=True).select_option(label="Sindicato local")
    page.get_by_role("button", name="Aplicar").click()
    assert "level=local" in page.url
    assert page.get_by_role("img", name="Brecha por estado").count() == 1
    page.get_by_text("Tabla: las cifras de “Brecha por tipo de organismo”").click()
    assert page.locator("#by-level-table").is_visible()
    assert "Sindicato local" in page.locator("#by-level-table").inner_text()
    assert page.console_errors == []
    assert page.foreign_requests == []


@pytest.mark.parametrize("path", ["/gap", "/gap?state=NY&level=local", "/about/coverage"])
def test_spanish_figures_have_no_serious_accessibility_violations(spanish_page, live_server,
                                                                 registry, path):
    page = spanish_page
    page.goto(live_server + path)
    assert page.locator("html").get_attribute("lang") == "es"
    for summary in page.locator("details > summary").all():
        summary.click()  # audit the tables too
    assert axe_violations(page) == []
    assert page.console_errors == []
