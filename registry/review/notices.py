"""Telling a submitter, by email, what a reviewer decided: the decision, the reviewer's note for
them and their tracking link. Sent after the decision is committed; a failure is logged, and
the decision stands (the tracking page says the same)."""

from __future__ import annotations

import logging

from flask import render_template
from flask_babel import gettext

from registry.mail import MailError, send
from registry.mail.languages import in_language, link_arguments
from registry.main.links import site_url_for
from registry.models import Body, Submission
from registry.submissions.services import mail_reference
from registry.text import N_
from registry.vocab import SUBMISSION_KINDS

log = logging.getLogger(__name__)

SUBJECTS = {
    "published": N_("Your submission #%(id)s is published"),
    "rejected": N_("Your submission #%(id)s was not published"),
    "needs_info": N_("Your submission #%(id)s: the reviewer needs more information"),
}


def tell_submitter(submission: Submission, body: Body | None = None) -> bool:
    """Email the submitter (at the address they gave, and only there) the reviewer's decision.
    Returns whether a message was handed over; never raises for a mail problem."""
    if submission.status not in SUBJECTS or not submission.submitter_email:
        return False
    # In the language the member wrote in, with links that open the site in it.
    arguments = link_arguments(submission.language)
    link = site_url_for("submissions.track", token=mail_reference(submission), **arguments)
    with in_language(submission.language):
        text = render_template("mail/decision.txt", submission=submission, body=body, link=link,
                               kind=SUBMISSION_KINDS[submission.kind], link_arguments=arguments)
        subject = gettext(SUBJECTS[submission.status], id=submission.id)
    try:
        send(submission.submitter_email, subject, text)
    except MailError as error:
        log.error("Decision on submission #%s recorded, but its email failed: %s", submission.id,
                  error)
        return False
    return True
