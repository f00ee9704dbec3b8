"""The member forms, posted for real (CSRF token and one-time key from a real GET) by a browser
asking for Spanish: mistakes come back in Spanish, each message by its field and naming it in
Spanish; a good post gets a Spanish receipt, and the tracking page reads Spanish. The same posts
in English read exactly as before."""

from __future__ import annotations

import re
from datetime import date

import pytest
from babel.dates import format_date
from sqlalchemy import select, update

from registry.database import db
from registry.extensions import limiter
from registry.models import Submission
from registry.vocab import MAX_UPLOAD_BYTES
from tests.i18n.untranslated import data_strings, left_in_english
from tests.moderation.helpers import (
    PDF,
    action_fields,
    form_tokens,
    post_form,
    resolution_fields,
    tracking_path,
)


def in_language(client, code: str):
    """Every request of this client asks for `code` first, as a browser set to it does."""
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = f"{code},{code}-MX;q=0.9" if code == "es" \
        else "en-US,en;q=0.9"
    return client


@pytest.fixture
def spanish(client):
    return in_language(client, "es")


def both_languages(client, send) -> tuple[str, str]:
    """The page `send(client)` answers, in English and in Spanish (one client: a second one in
    the same test would share the first one's CSRF token)."""
    english = send(in_language(client, "en"))
    spanish = send(in_language(client, "es"))
    return english, spanish


def field_error(page: str, field_id: str) -> str:
    match = re.search(rf'<p class="field-error" id="{re.escape(field_id)}-error">([^<]*)</p>', page)
    assert match, f"no error shown by {field_id}"
    return match.group(1)


def label_of(page: str, field_id: str) -> str:
    match = re.search(rf'<label for="{re.escape(field_id)}">([^<]*)</label>', page)
    assert match, f"no label for {field_id}"
    return match.group(1)


# A resolution with one mistake in each of these fields: the field, the Spanish words that name
# it (in its label and in its message), and the whole message.
RESOLUTION_MISTAKES = [
    ("title", {"title": ""}, "título de la resolución",
     "Indique el título de la resolución (o una breve descripción)."),
    ("new_name", {"new_name": ""}, "nombre del organismo", "Indique el nombre del organismo."),
    ("new_zip", {"new_zip": "12"}, "código postal", "Use un código postal de 5 dígitos."),
    ("submitter_email", {"submitter_email": "pat at home"}, "correo electrónico",
     "Escriba una dirección de correo electrónico como nombre@example.org."),
    ("adopted-year", {"adopted-year": ""}, "año", "Indique al menos el año."),
]


@pytest.mark.parametrize(("field", "bad", "name", "message"), RESOLUTION_MISTAKES,
                         ids=[m[0] for m in RESOLUTION_MISTAKES])
def test_a_mistake_comes_back_in_spanish_by_its_field_and_naming_it(spanish, field, bad, name,
                                                                   message):
    response = post_form(spanish, "/submit/resolution", resolution_fields(**bad))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert '<html lang="es">' in page
    assert "Revise los campos marcados." in page and "Todavía no se guardó nada." in page
    assert field_error(page, field) == message
    assert name in label_of(page, field).lower() and name in message.lower()
    assert f'aria-describedby="{field}-error"' in page or f"{field}-error" in page


def test_every_word_of_a_form_sent_back_is_spanish(client):
    """The same mistakes posted in both languages: nothing but data stays in English."""
    mistakes = {"title": "", "new_name": "", "new_zip": "12", "submitter_email": "pat",
                "source_url": "ftp://example.org",
                "adopted-year": "2026", "adopted-month": "2", "adopted-day": "30"}
    codes = []

    def send(client):
        response = post_form(client, "/submit/resolution", resolution_fields(**mistakes))
        codes.append(response.status_code)
        return response.get_data(as_text=True)

    english_page, spanish_page = both_languages(client, send)
    assert codes == [422, 422]
    assert field_error(english_page, "adopted-day") == "That day does not exist in that month."
    assert field_error(spanish_page, "adopted-day") == "Ese día no existe en ese mes."
    assert field_error(spanish_page, "source_url") == (
        "Escriba una dirección web que empiece con http:// o https://.")
    typed = [value for value in resolution_fields(**mistakes).values()
             if isinstance(value, str) and len(value) > 1]
    assert left_in_english(english_page, spanish_page, [*typed, *data_strings()]) == []


def test_text_rules_speak_the_readers_language_on_the_form(client):
    fields = resolution_fields(title="Local\x01 7")
    english_page, spanish_page = both_languages(client, lambda c: post_form(
        c, "/submit/resolution", fields).get_data(as_text=True))
    assert field_error(spanish_page, "title") == (
        "No debe contener caracteres de control (se encontró U+0001).")
    assert field_error(english_page, "title") == "Must not contain control characters (found U+0001)."
    blank = post_form(client, "/submit/resolution", resolution_fields(summary="\u200b "))
    assert field_error(blank.get_data(as_text=True), "summary") == "Debe contener texto visible."


def test_the_services_refusals_are_shown_in_spanish(spanish, make_body):
    """A body id the registry does not have passes the form and is refused by the service: its
    English message (the API's) is shown translated by the field."""
    response = post_form(spanish, "/submit/resolution", resolution_fields(body_id=999_999))
    assert response.status_code == 422
    assert field_error(response.get_data(as_text=True), "body_choice") == (
        "Ningún organismo sindical del registro tiene ese identificador.")
    body = make_body()
    cents = post_form(spanish, "/submit/action", action_fields(body.id, amount_usd="12.345"))
    assert field_error(cents.get_data(as_text=True), "amount_usd") == (
        "Indique la cantidad en dólares y centavos (como máximo dos decimales).")
    nameless = post_form(spanish, "/submit/resolution", resolution_fields(
        body.id, credit_public="y", submitter_name=""))
    assert field_error(nameless.get_data(as_text=True), "submitter_name") == (
        "Indique su nombre para que aparezca en el registro, o desmarque la casilla de mención.")


def test_a_check_without_where_or_the_day_is_refused_in_spanish(spanish, make_body):
    body = make_body()
    response = post_form(spanish, "/submit/action", action_fields(
        body.id, report="check", kind="", searched="", **{"occurred-month": "3"}))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert field_error(page, "searched") == "Diga dónde buscó."
    assert field_error(page, "occurred-day") == "Indique el día en que revisó: año, mes y día."


@pytest.mark.parametrize(("content", "message"), [
    (b"GIF89a not a pdf", "El archivo no es un PDF (su contenido no empieza como un PDF). Guarde "
                          "o escanee el documento como PDF e inténtelo de nuevo."),
    (PDF + b"0" * MAX_UPLOAD_BYTES, "El archivo pesa más de 10 MB. Suba un escaneo más liviano, "
                                    "o dé un enlace al documento."),
], ids=["type", "size"])
def test_upload_refusals_are_spanish(spanish, content, message):
    response = post_form(spanish, "/submit/resolution", resolution_fields(), document=content)
    assert response.status_code == 422
    assert field_error(response.get_data(as_text=True), "document") == message


def test_the_upload_size_check_in_the_browser_gets_spanish_words(spanish):
    page = spanish.get("/submit/resolution").get_data(as_text=True)
    assert ('data-too-large="“{name}” pesa {size} MB: un PDF puede pesar como máximo {limit} MB. '
            'Elija un escaneo más liviano, o dé un enlace en su lugar."') in page
    assert 'data-found-other="{count} encontrados. Elija el organismo:"' in page
    assert "Ningún organismo sindical del registro coincide con “{query}”." in page


def test_options_and_bills_read_in_spanish(client, make_bill):
    make_bill(code="HR 3421", congress=118, introduced_on=date(2023, 5, 17))
    english_page, spanish_page = both_languages(
        client, lambda c: c.get("/submit/resolution").get_data(as_text=True))
    assert ">HR 3421 — Medicare for All Act (118.º Congreso, 2023)</option>" in spanish_page
    assert ">HR 3421 — Medicare for All Act (118th Congress, 2023)</option>" in english_page
    assert '<option value="5">mayo</option>' in spanish_page
    assert '<option value="">Medicare para Todos en general (sin nombrar un proyecto de ley)' \
        in spanish_page
    action = client.get("/submit/action").get_data(as_text=True)
    assert '<optgroup label="Nivel 3: Movilización">' in action
    assert '<option value="rally_or_march">Manifestación o marcha</option>' in action


def test_a_good_post_gets_a_spanish_receipt_and_a_spanish_tracking_page(spanish):
    response = post_form(spanish, "/submit/resolution", resolution_fields(source_url=""))
    receipt = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Gracias: su envío está en la cola de revisión" in receipt
    assert "revisará su resolución antes de publicar nada" in receipt
    assert "“reportada: todavía sin fuente pública”" in receipt
    assert "Su enlace privado de consulta" in receipt

    path = tracking_path(receipt)
    tracking = spanish.get(path).get_data(as_text=True)
    submission = db.session.scalar(select(Submission))
    assert f"Su envío n.º {submission.id}" in tracking
    assert re.search(r'id="submission-status">En espera de revisión<', tracking)
    assert format_date(submission.created_at, format="long", locale="es") in tracking
    assert "El equipo de revisión todavía no ha decidido." in tracking
    english_tracking = in_language(spanish, "en").get(path).get_data(as_text=True)
    assert "A reviewer has not decided yet." in english_tracking
    # The new body's name is data, kept in the submission (not yet a body of the registry).
    data = [resolution_fields()["new_name"], *data_strings()]
    assert left_in_english(english_tracking, tracking, data) == []


def test_the_member_answers_the_reviewer_in_spanish(spanish):
    receipt = post_form(spanish, "/submit/resolution", resolution_fields()).get_data(as_text=True)
    path = tracking_path(receipt)
    db.session.execute(update(Submission).values(status="needs_info",
                                                 review_note="Please send the minutes."))
    db.session.commit()
    page = spanish.get(path).get_data(as_text=True)
    assert "Responda a la revisión" in page and ">Enviar mi respuesta</button>" in page
    assert label_of(page, "text") == "Su respuesta"
    english_page = in_language(spanish, "en").get(path).get_data(as_text=True)
    data = ["Please send the minutes.", resolution_fields()["new_name"], *data_strings()]
    assert left_in_english(english_page, page, data) == []

    in_language(spanish, "es")
    answer = f"{path}/answer"
    empty = post_form(spanish, answer, {"text": " "}, document=b"not a pdf",
                      tokens=form_tokens(spanish, path))
    assert empty.status_code == 422
    assert field_error(empty.get_data(as_text=True), "text") == (
        "Escriba su respuesta a la pregunta del equipo de revisión.")
    tokens = form_tokens(spanish, path)
    sent = post_form(spanish, answer, {"text": "El acta va por correo."}, tokens=tokens)
    assert sent.status_code == 303
    page = spanish.get(path).get_data(as_text=True)
    assert ("Gracias: su respuesta ya está con el equipo de revisión, y su envío volvió a la "
            "cola.") in page
    assert "El equipo de revisión preguntó: Please send the minutes." in page
    again = post_form(spanish, answer, {"text": "Otra vez."}, tokens=tokens)
    assert again.status_code == 409
    assert "Este envío ya no está esperando más información." in again.get_data(as_text=True)


@pytest.fixture
def limited(make_app):
    app = make_app(RATELIMIT_ENABLED=True, SUBMISSION_RATE_LIMIT="1 per minute",
                   SUBMISSION_ATTEMPT_LIMIT="30 per minute")
    yield app
    limiter.reset()
    limiter.enabled = False


def test_over_the_budget_the_member_reads_why_in_spanish(limited, make_body):
    body = make_body()
    client = in_language(limited.test_client(), "es")
    assert post_form(client, "/submit/resolution", resolution_fields(body.id)).status_code == 200
    response = post_form(client, "/submit/resolution", resolution_fields(body.id, title="Otra"))
    page = response.get_data(as_text=True)
    assert response.status_code == 429
    assert re.search(r"Desde esta conexión ya se mandó el máximo de envíos permitido por ahora "
                     r"\(1 por minuto\), así que este todavía no se guardó\. Vuelva a enviarlo "
                     r"dentro de \d+ segundos?\.", page)
    assert "Todo lo que escribió sigue en el formulario de abajo." in page


def test_missing_documents_and_tracking_links_are_explained_in_spanish(spanish):
    document = spanish.get("/documents/" + "0" * 64)
    assert document.status_code == 404
    assert "Ningún registro publicado cita ese documento." in document.get_data(as_text=True)
    tracking = spanish.get("/submissions/not-a-real-token")
    assert tracking.status_code == 404
    assert ("Ningún envío tiene ese enlace de consulta. Revise que haya copiado el enlace "
            "completo.") in tracking.get_data(as_text=True)
    body = spanish.get("/submit/correction/no-such-body")
    assert body.status_code == 404
    assert "Ningún organismo sindical tiene esa dirección." in body.get_data(as_text=True)


def test_the_api_names_fields_in_english_and_explains_in_the_readers_language(client, make_body):
    """The shared rules reach the API too: its field names stay English, its messages for people
    follow Accept-Language (the refused character named in both)."""
    body = make_body()
    document = {"kind": "action", "submitter": {"email": "pat@example.org", "role": "member"},
                "payload": {"body_id": body.id, "kind": "rally_or_march",
                            "occurred_on": "2019-06-01", "date_precision": "day",
                            "description": "Members\x01 marched.", "amount_usd": "12.345"}}
    said = {}
    for language in ("en", "es"):
        response = client.post("/api/v1/submissions", json=document,
                               headers={"Accept-Language": language})
        assert response.status_code == 422
        said[language] = response.get_json()["errors"]["json"]["payload"]
    assert said["en"]["description"] == ["Must not contain control characters (found U+0001)."]
    assert said["en"]["amount_usd"] == ["Give the amount in dollars and cents (at most two decimals)."]
    assert said["es"]["description"] == ["No debe contener caracteres de control (se encontró U+0001)."]
    assert said["es"]["amount_usd"] == ["Indique la cantidad en dólares y centavos (como máximo dos "
                                        "decimales)."]


def test_wtforms_own_messages_in_a_date_are_spanish_too(spanish):
    """The date's fields (a form inside the form) speak the reader's language like the others."""
    response = post_form(spanish, "/submit/resolution", resolution_fields(
        **{"adopted-year": "mil", "adopted-day": "40"}))
    page = response.get_data(as_text=True)
    assert field_error(page, "adopted-year").startswith("No es un valor entero válido.")
    assert field_error(page, "adopted-day") == "El número debe estar entre 1 y 31."


@pytest.mark.parametrize(("language", "shown"), [
    ("es", ["Revise “Título de la resolución”: no se puede aceptar tal como está.",
            "Ningún organismo sindical del registro tiene ese identificador."]),
    ("en", ["Length must be between 1 and 300.", "No union body in the registry has that id."]),
])
def test_a_service_message_without_a_translation_names_the_field(app, language, shown):
    """The service speaks the API's English; a message the catalog lacks (marshmallow's own) is
    replaced, in Spanish, by one naming the field by its Spanish label."""
    from registry.submissions.forms import ResolutionForm

    with app.test_request_context(headers={"Accept-Language": language}):
        app.preprocess_request()
        form = ResolutionForm(formdata=None)
        form.title.errors, form.body_choice.errors = [], []  # as after validation
        form.apply_errors({"title": ["Length must be between 1 and 300."],
                           "body_id": ["No union body in the registry has that id."]})
        assert [str(m) for m in form.title.errors + form.body_choice.errors] == shown
