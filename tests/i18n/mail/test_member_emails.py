"""Emails go in the language the member used: a member who submitted in Spanish hears of the
decision in Spanish, with links that open the site in Spanish (?lang=es); one who submitted in
English gets the English email as before. Following a body works the same way, and the
reviewers' digest stays English."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import select

from registry.database import db
from registry.models import Submission, Watch
from registry.review.digest import send_digests
from tests.moderation.conftest import IsolatedClient
from tests.moderation.helpers import decide, post_form, resolution_fields
from tests.watches.helpers import ask_to_follow, confirm_by_link, link_in

pytestmark = pytest.mark.usefixtures("app")


def choose_language(client, code: str) -> None:
    """The language switch at the top of every page (it keeps the choice in a cookie)."""
    assert client.get(f"/language/{code}?next=/submit").status_code == 302


def links_in(text: str) -> list[str]:
    return [link.rstrip(".") for link in re.findall(r"https?://\S+", text)]


def submit_and_publish(client, reviewer_client) -> Submission:
    response = post_form(client, "/submit/resolution", resolution_fields(
        title="Resolución por Medicare para Todos"))
    assert response.status_code == 200, response.get_data(as_text=True)
    submission = db.session.scalar(select(Submission))
    decide(reviewer_client, submission.id, decision="publish_new", review_note="Gracias.")
    db.session.expire_all()
    return db.session.get(Submission, submission.id)


def test_a_member_who_submitted_in_spanish_hears_in_spanish(app, client, reviewer_client, smtp_inbox):
    choose_language(client, "es")
    submission = submit_and_publish(client, reviewer_client)
    assert submission.language == "es" and submission.status == "published"
    [mail] = smtp_inbox.received
    assert mail.message["Subject"] == f"Su envío n.º {submission.id} está publicado"
    text = mail.text.replace("\r\n", "\n")
    assert text.startswith("Hola, Pat Member:")
    assert f"examinó su envío n.º {submission.id}:" in text
    assert "Resolución, “Resolución por Medicare para Todos”, sobre Amalgamated Transit Union" in text
    assert "Decisión: publicado. Ya está en el registro público" in text
    assert "Nota de quien revisó:\n\nGracias." in text
    assert "Decision" not in text and "Your tracking page" not in text
    # Every link opens the site in Spanish: the body, the tracking page, the site itself.
    links = links_in(text)
    assert len(links) == 3 and all(link.endswith("lang=es") for link in links)
    tracking = re.search(r"La página de su envío: (\S+)", text).group(1)
    root = app.config["SITE_URL"].rstrip("/")
    page = client.get(tracking[len(root):], headers={"Accept-Language": "en"})
    assert page.status_code == 200 and '<html lang="es">' in page.get_data(as_text=True)


def test_a_member_who_submitted_in_english_hears_in_english(client, reviewer_client, smtp_inbox):
    choose_language(client, "en")
    submission = submit_and_publish(client, reviewer_client)
    assert submission.language == "en"
    [mail] = smtp_inbox.received
    assert mail.message["Subject"] == f"Your submission #{submission.id} is published"
    text = mail.text.replace("\r\n", "\n")
    assert text.startswith("Hello Pat Member,")
    assert "Decision: published. It is on the public record now" in text
    assert "Your tracking page: " in text and "lang=" not in text
    assert text.rstrip().endswith("Resolution Registry · " + client.application.config["SITE_URL"]
                                  .rstrip("/"))


def test_the_language_is_the_one_of_the_request_that_submitted(client):
    """Accept-Language alone (no switch) is enough."""
    english = IsolatedClient(client.application, client.application.response_class)
    english.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en-US,en;q=0.9"
    assert post_form(english, "/submit/resolution", resolution_fields()).status_code == 200
    spanish = IsolatedClient(client.application, client.application.response_class)
    spanish.environ_base["HTTP_ACCEPT_LANGUAGE"] = "es-MX,es;q=0.9"
    assert post_form(spanish, "/submit/resolution", resolution_fields(
        title="Otra resolución", submitter_email="ana@example.org")).status_code == 200
    stored = db.session.execute(select(Submission.submitter_email, Submission.language)
                                .order_by(Submission.id)).all()
    assert stored == [("pat.member@example.org", "en"), ("ana@example.org", "es")]


def test_a_watch_confirmation_in_spanish(app, client, smtp_inbox, make_body, make_resolution):
    body = make_body(name="Nurses Local 5", slug="nurses-local-5", endorsing=True)
    make_resolution(body)
    choose_language(client, "es")
    response = ask_to_follow(client, "nurses-local-5", "pat.member@example.org")
    assert response.status_code == 200 and "Revise su correo" in response.get_data(as_text=True)
    watch = db.session.scalar(select(Watch))
    assert watch.language == "es"
    [mail] = smtp_inbox.received
    assert mail.message["Subject"] == "Confirme: seguir a Nurses Local 5 en el Resolution Registry"
    text = mail.text
    assert text.startswith("Alguien, probablemente usted, pidió seguir a Nurses Local 5")
    assert "Para confirmar, abra este enlace y pulse Confirmar:" in text
    assert "Medicare para Todos, recibiría un correo breve" in text
    assert all(link.endswith("lang=es") for link in links_in(text)) and len(links_in(text)) == 2
    confirm_path = link_in(text, "/watch/confirm/")
    assert confirm_path.endswith("?lang=es")
    # The link opens the confirmation in Spanish even for a browser that asks for English.
    page = client.get(confirm_path, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "¿Seguir a Nurses Local 5?" in page
    confirmed = confirm_by_link(client, text)
    assert "Usted sigue a Nurses Local 5" in confirmed.get_data(as_text=True)


def test_a_reminder_goes_in_the_watchers_language(app, smtp_inbox, make_body, make_resolution):
    from registry.database import utcnow
    from registry.followthrough.status import refresh_statuses
    from registry.watches.reminders import send_due

    body = make_body(name="Bakers Local 12", slug="bakers-local-12")
    make_resolution(body, adopted_on=date(2019, 5, 14))
    refresh_statuses([body.id])
    for email, language in (("ana@example.org", "es"), ("pat@example.org", "en")):
        db.session.add(Watch(body_id=body.id, email=email, confirmed_at=utcnow(), language=language))
    db.session.commit()
    with app.test_request_context("/", base_url=app.config["SITE_URL"]):
        assert len(send_due().sent) == 2
    [spanish] = smtp_inbox.to("ana@example.org")
    [english] = smtp_inbox.to("pat@example.org")
    # (the email library may fold a long subject before its first word)
    assert spanish.message["Subject"].strip() == (
        "¿Actuó Bakers Local 12 según su resolución por Medicare para Todos desde 14 de mayo de 2019?")
    assert english.message["Subject"].strip() == (
        "Did Bakers Local 12 act on its Medicare for All resolution since 14 May 2019?")
    assert "Una persona voluntaria revisa cada respuesta" in spanish.text
    assert "Medicare para Todos" in spanish.text and "Medicare for All" not in spanish.text
    assert all(link.endswith("lang=es") for link in links_in(spanish.text))
    assert "lang=" not in english.text
    assert spanish.message["List-Unsubscribe"].endswith("?lang=es>")


def test_the_reviewers_digest_stays_english(app, client, smtp_inbox, make_reviewer):
    reviewer = make_reviewer("digest@example.org")
    reviewer.mail_digest = True
    db.session.commit()
    choose_language(client, "es")
    post_form(client, "/submit/resolution", resolution_fields())
    with app.test_request_context("/", base_url=app.config["SITE_URL"],
                                  headers={"Accept-Language": "es"}):
        send_digests()
    [mail] = smtp_inbox.to("digest@example.org")
    assert mail.text.startswith("Review queue of the Resolution Registry")
    assert "1 waiting for review" in mail.text
