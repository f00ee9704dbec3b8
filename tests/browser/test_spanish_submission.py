"""The submission journey in Chromium, in Spanish from end to end: the member switches to Español,
searches (the script writes Spanish), attaches a scan too large (caught in Spanish, sizes written
the Spanish way), sends the resolution form with a mistake, reads the Spanish error by its field,
corrects it, and reaches the Spanish receipt and tracking page. Axe checks the Spanish pages."""

from __future__ import annotations

import re

import pytest

from tests.browser.helpers import axe_violations
from tests.browser.test_phone_width import OVERFLOW, PHONE
from tests.moderation.helpers import PDF

TOO_LARGE = 12 * 1024 * 1024  # 12,0 MB, over the 10 MB cap


def pdf(content: bytes, name: str = "acta.pdf") -> dict:
    return {"name": name, "mimeType": "application/pdf", "buffer": content}


@pytest.fixture
def listed(make_body):
    return make_body(name="Hotel Workers Local 11", slug="hotel-local-11", level="local",
                     state="CA", city="Los Angeles", affiliation="UNITE HERE", designation="Local 11")


def test_a_member_submits_a_resolution_in_spanish(watched_page, live_server, listed):
    page = watched_page
    page.goto(live_server + "/")
    page.locator(".language-switch").get_by_role("link", name="Español").click()
    page.wait_for_selector("html[lang=es]")
    page.get_by_role("link", name="Enviar", exact=True).click()
    page.get_by_role("link", name="Una resolución").click()
    # Loaded, not just addressed: the search script is deferred, and must run before typing.
    page.wait_for_url("**/submit/resolution", wait_until="load")
    assert page.get_attribute("html", "lang") == "es"
    assert page.inner_text("h1") == "Enviar una resolución"
    assert axe_violations(page) == []

    # The search as you type writes Spanish, from the words the page gave it.
    page.fill("#body_query", "Local 11")
    page.wait_for_selector("#body-results >> text=1 encontrado. Elija el organismo:")
    page.fill("#body_query", "Panaderos de Fresno")
    page.wait_for_selector("#body-results >> text=Ningún organismo sindical del registro coincide "
                           "con “Panaderos de Fresno”")
    page.get_by_role("button", name="No está en el registro: describir “Panaderos de Fresno”").click()
    assert page.is_checked("#body-new")
    assert page.input_value("#new_name") == "Panaderos de Fresno"
    page.select_option("#new_level", "local")
    assert page.inner_text("#new_level option[value=local]") == "Sindicato local"
    page.select_option("#new_state", "CA")

    # A scan over the cap is caught before sending, in Spanish, its size written with a comma.
    page.set_input_files("#document", pdf(b"%PDF-" + b"0" * TOO_LARGE, "escaneo.pdf"))
    size_error = page.inner_text("#document-size-error")
    assert size_error == ("“escaneo.pdf” pesa 12,0 MB: un PDF puede pesar como máximo 10 MB. "
                          "Elija un escaneo más liviano, o dé un enlace en su lugar.")
    page.set_input_files("#document", pdf(PDF))

    # The form with one mistake: no title.
    page.check("#stance-0")
    page.fill("#adopted-year", "2019")
    page.select_option("#adopted-month", label="mayo")
    page.fill("#adopted-day", "14")
    page.fill("#summary", "El local respalda el pagador único y educará a sus miembros.")
    page.check("input[name=commitments][value=educate_members]")
    page.fill("#submitter_email", "socia@example.org")
    page.get_by_role("button", name="Enviar a revisión").click()

    page.wait_for_selector("#form-problems")
    assert "Revise los campos marcados." in page.inner_text("#form-problems")
    assert page.inner_text("#title-error") == (
        "Indique el título de la resolución (o una breve descripción).")
    assert page.get_attribute("#title", "aria-invalid") == "true"
    assert page.inner_text("label[for=title]") == "Título de la resolución"
    assert page.inner_text("#document-hint").startswith("Adjunto: acta.pdf, guardado de su intento")
    assert axe_violations(page) == []

    # Corrected and sent: the Spanish receipt, then the Spanish tracking page.
    page.fill("#title", "Resolución a favor de Medicare para Todos")
    page.get_by_role("button", name="Enviar a revisión").click()
    page.wait_for_selector("text=Gracias: su envío está en la cola de revisión")
    page.wait_for_load_state("load")  # checked for accessibility with its stylesheets applied
    assert "revisará su resolución y su fuente antes de publicar nada" in page.inner_text("main")
    assert page.inner_text(".tracking-box h2") == "Su enlace privado de consulta"
    assert axe_violations(page) == []

    page.goto(page.get_attribute("#tracking-link", "href"))
    assert page.get_attribute("html", "lang") == "es"
    assert re.fullmatch(r"Su envío n\.º \d+", page.inner_text("h1"))
    assert page.inner_text("#submission-status") == "En espera de revisión"
    assert page.inner_text("#submission-body") == "Panaderos de Fresno (nuevo en el registro)"
    assert "El equipo de revisión todavía no ha decidido." in page.inner_text("main")
    assert re.search(r"\d{1,2} de [a-z]+ de \d{4}", page.inner_text(".facts"))
    assert axe_violations(page) == []
    # The only error is the form sent back with its mistake (422), which the browser logs.
    assert [e for e in page.console_errors if "status of 422" not in e] == []
    assert page.foreign_requests == []


def test_the_spanish_forms_fit_a_phone(browser, live_server, listed, make_bill):
    """Spanish runs longer than English: the forms, sent back with their messages, still fit
    390 px without scrolling sideways."""
    make_bill(code="HR 3421", congress=118, title="Medicare for All Act of 2023; the House "
              "companion of the Senate's single-payer bill, reintroduced")
    context = browser.new_context(viewport=PHONE)
    context.add_cookies([{"name": "lang", "value": "es", "url": live_server}])
    page = context.new_page()
    try:
        page.goto(live_server + "/submit")
        assert page.evaluate(OVERFLOW) is None, ("/submit", page.evaluate(OVERFLOW))
        for path in ("/submit/resolution", "/submit/action?report=check",
                     f"/submit/correction/{listed.slug}"):
            page.goto(live_server + path)
            assert page.evaluate(OVERFLOW) is None, (path, page.evaluate(OVERFLOW))
            with page.expect_navigation(wait_until="load"):
                page.get_by_role("button", name="Enviar a revisión").click()
            assert "Revise los campos marcados." in page.inner_text(".form-problems"), path
            assert page.evaluate(OVERFLOW) is None, (path, page.evaluate(OVERFLOW))
    finally:
        context.close()
