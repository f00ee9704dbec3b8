"""Telling a submitter, by email, what a reviewer decided: the decision, the reviewer's note for
them and their tracking link. Sent after the decision is committed; a failure is logged, and
the decision stands (the tracking page says the same)."""

from __future__ import annotations

import logging

from flask import render_template

from registry.mail import MailError, send
from registry.main.links import site_url_for
from registry.models import Body, Submission
from registry.submissions.services import mail_reference
from registry.vocab import SUBMISSION_KINDS

log = logging.getLogger(__name__)

SUBJECTS = {
    "published": "Your submission #{id} is published",
    "rejected": "Your submission #{id} was not published",
    "needs_info": "Your submission #{id}: the reviewer needs more information",
}


def tell_submitter(submission: Submission, body: Body | None = None) -> bool:
    """Email the submitter (at the address they gave, and only there) the reviewer's decision.
    Returns whether a message was handed over; never raises for a mail problem."""
    if submission.status not in SUBJECTS or not submission.submitter_email:
        return False
    link = site_url_for("submissions.track", token=mail_reference(submission))
    text = render_template("mail/decision.txt", submission=submission, body=body, link=link,
                           kind=SUBMISSION_KINDS[submission.kind])
    try:
        send(submission.submitter_email, SUBJECTS[submission.status].format(id=submission.id), text)
    except MailError as error:
        log.error("Decision on submission #%s recorded, but its email failed: %s", submission.id,
                  error)
        return False
    return True
