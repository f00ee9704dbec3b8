"""The map and the body list in Spanish, in real Chromium: a reader whose browser asks for Spanish
sees the legend, the controls, the status line, a state's tooltip and popup and a marker's popup
in Spanish (the scripts take their words from the page), and both pages pass axe."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import axe_violations


@pytest.fixture
def ohio_and_texas(make_body, make_resolution, make_action):
    """Columbus mobilized (tier 3), Austin endorsed and not yet checked."""
    columbus = make_body(name="Columbus Labor Council", slug="columbus-clc", state="OH", city="Columbus",
                         latitude=39.96, longitude=-83.0, geocode_precision="city",
                         level="central_labor_council", affiliation="AFL-CIO")
    make_resolution(columbus, adopted_on=date(2019, 5, 1))
    make_action(columbus, "rally_or_march", occurred_on=date(2019, 9, 1), participants=120)
    austin = make_body(name="Austin Labor Council", slug="austin-clc", state="TX", city="Austin",
                       latitude=30.27, longitude=-97.74, geocode_precision="city",
                       level="central_labor_council", affiliation="AFL-CIO")
    make_resolution(austin, adopted_on=date(2019, 5, 1))


@pytest.fixture
def spanish_page(browser, live_server):
    """A page in a browser that asks for Spanish, recording console errors."""
    context = browser.new_context(locale="es-MX", bypass_csp=True)
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
    page.on("pageerror", lambda exc: page.console_errors.append(str(exc)))
    yield page
    context.close()


def ready(page) -> None:
    page.wait_for_selector("#map[data-state=ready]")


def test_the_map_reads_in_spanish(spanish_page, live_server, ohio_and_texas):
    page = spanish_page
    page.goto(live_server + "/map")
    ready(page)
    legend = page.inner_text(".map-legend")
    for words in ("Leyenda", "Estados: la brecha", "menos de 50 %", "100 %: ninguno se movilizó",
                  "Aún sin revisar: dio su respaldo", "Nivel 3 · Movilización",
                  "Un grupo de organismos: selecciónelo para acercar el mapa"):
        assert words in legend, words
    assert "Legend" not in legend and "Tier 3" not in legend
    assert page.get_by_role("button", name="Aplicar filtros").is_visible()
    assert page.get_by_label("Tipo de organismo").is_visible()
    assert page.locator("#f-state option").first.inner_text() == "Todos los estados"
    assert "Contornos de los estados: Oficina del Censo de EE. UU." in page.inner_text(
        ".leaflet-control-attribution")
    assert "En total, 1 de 2 organismos que dieron su respaldo no tienen movilización registrada." in \
        page.inner_text("#map-status")

    # A marker: its title and popup.
    marker = page.locator(".leaflet-marker-icon[title^='Austin Labor Council']")
    assert marker.get_attribute("title") == "Austin Labor Council: aún sin revisar"
    page.locator(".leaflet-marker-icon[title^='Columbus Labor Council']").click()
    popup = page.locator(".body-popup")
    popup.wait_for()
    text = popup.inner_text()
    assert "Consejo laboral central · AFL-CIO" in text and "Nivel 3 · Movilización" in text
    assert "Última actividad registrada: 1 de septiembre de 2019" in text
    # The reason, fetched when the popup opens, in the page's language too.
    expect(popup.locator(".reason")).to_have_text(re.compile(r"^Nivel 3 —"))
    assert "1 de septiembre de 2019" in popup.locator(".reason").inner_text()
    assert popup.get_by_role("link", name="Abrir el historial completo").is_visible()
    page.locator(".leaflet-popup-close-button").click()

    # A state: its tooltip and popup, and the button that filters to it.
    ohio = page.locator(".leaflet-overlay-pane path").nth(
        page.evaluate("""() => Array.from(document.querySelectorAll('.leaflet-overlay-pane path'))
                                    .findIndex(p => p.getAttribute('fill') !== 'url(#no-endorsers)')"""))
    ohio.hover()
    tooltip = page.locator(".leaflet-tooltip.state-label")
    tooltip.wait_for()
    assert "organismo que dio su respaldo" in tooltip.inner_text()
    assert "brecha" in tooltip.inner_text()
    ohio.click()
    state_popup = page.locator(".state-popup")
    state_popup.wait_for()
    assert "Organismos sindicales a favor" in state_popup.inner_text()
    button = state_popup.get_by_role("button")
    assert button.inner_text().startswith("Mostrar solo ")

    # A filter swaps in the results fragment: still in Spanish.
    button.click()
    ready(page)
    expect(page.locator("#map-status")).not_to_contain_text("En total")
    assert "1 organismo sindical" in page.inner_text("#map-status")
    assert "Tabla con los mismos resultados" in page.inner_text("#map-results")
    assert page.console_errors == []


@pytest.mark.parametrize("path", ["/map", "/bodies", "/bodies?state=OH"])
def test_spanish_map_and_body_list_pass_axe(spanish_page, live_server, ohio_and_texas, path):
    page = spanish_page
    page.goto(live_server + path)
    assert page.locator("html").get_attribute("lang") == "es"
    if path == "/map":
        ready(page)
    assert axe_violations(page) == []
