"""Reviewer pages: the queue, the decision page and uploaded documents (login required)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from registry.database import db
from registry.documents.views import send_pdf
from registry.review import notices, research, services
from registry.review.forms import CheckForm, DecisionForm, QueueFilterForm
from registry.review.publishing import Decision, DecisionError, decide
from registry.submissions import answers
from registry.submissions.form_parts import options
from registry.text import format_partial_date
from registry.vocab import (
    CORRECTABLE_BODY_FIELDS,
    CORRECTION_FIELDS,
    REVIEW_DECISIONS,
    SUBMISSION_KINDS,
)

bp = Blueprint("review", __name__, url_prefix="/review")


@bp.before_request
@login_required
def require_login():
    """Every page here is for signed-in reviewers only."""


@bp.get("")
def index():
    form = QueueFilterForm(request.args)
    if not form.validate():
        return render_template("review/queue.html", form=form, page=None, bodies={},
                               kinds=SUBMISSION_KINDS), 400
    page = services.queue(form.filters(), request.args.get("page", 1, type=int))
    return render_template("review/queue.html", form=form, page=page,
                           bodies=services.bodies_by_id(page.items), kinds=SUBMISSION_KINDS)


def decision_choices(review: services.Review) -> list[tuple[str, str]]:
    submission = review.submission
    if submission.kind in ("correction", "dispute"):
        applies = submission.payload.get("field") in CORRECTABLE_BODY_FIELDS
        publish = [("publish_merge", "Accept and write the value on the record" if applies else
                    "Accept (recorded in the body's history, with its source)")]
    elif submission.payload.get("new_body"):
        publish = [("publish_new", REVIEW_DECISIONS["publish_new"]),
                   ("publish_merge", REVIEW_DECISIONS["publish_merge"])]
    else:
        publish = [("publish_merge", "Publish on the body chosen below")]
    return publish + [(k, REVIEW_DECISIONS[k]) for k in ("reject", "needs_info")]


def _target(form: DecisionForm, review: services.Review):
    """The body a publishing decision applies to, from the form (or the submission)."""
    if review.submission.kind in ("correction", "dispute"):
        return review.body
    reference = (form.merge_reference.data or "").strip() or (form.merge_into.data or "")
    if not reference:
        return review.body
    body = services.find_body(reference)
    if body is None:
        form.merge_reference.errors.append("No body in the registry has that address or number.")
    return body


@bp.route("/<int(max=2147483647):submission_id>", methods=["GET", "POST"])
def detail(submission_id: int):
    review = services.get_review(submission_id)
    if review is None:
        abort(404, description="No submission has that number.")
    form = DecisionForm()
    form.decision.choices = options(decision_choices(review))
    if request.method == "GET":
        form.applied_value.data = review.submission.payload.get("proposed_value")
        if review.body is not None:
            form.merge_into.data = str(review.body.id)
    if form.validate_on_submit():
        target = _target(form, review)
        if not form.merge_reference.errors:
            decision = Decision(
                action=form.decision.data, review_note=(form.review_note.data or "").strip() or None,
                internal_note=(form.internal_note.data or "").strip() or None,
                merge_into=target if form.decision.data == "publish_merge" else None,
                link_is_primary=form.link_is_primary.data, applied_value=form.applied_value.data)
            try:
                body = decide(review.submission, decision, current_user._get_current_object())
                db.session.commit()
            except DecisionError as error:
                db.session.rollback()
                form[error.field].errors.append(str(error))
            else:
                notices.tell_submitter(review.submission, body or review.body)
                flash(_outcome(review.submission.id, form.decision.data, body))
                return redirect(url_for("review.index"))
        review = services.get_review(submission_id)
    status = 422 if form.errors else 200
    return render_template("review/detail.html", review=review, form=form, kinds=SUBMISSION_KINDS,
                           correction_fields=CORRECTION_FIELDS,
                           correctable=CORRECTABLE_BODY_FIELDS), status


def _outcome(submission_id: int, action: str, body) -> str:
    if body is not None:
        return f"Submission #{submission_id} is published on {body.name}."
    if action == "reject":
        return f"Submission #{submission_id} is rejected; the submitter sees your note."
    return f"Submission #{submission_id} is waiting for more information from the submitter."


@bp.get("/<int(max=2147483647):submission_id>/document")
def document(submission_id: int):
    submission = services.get_submission(submission_id)
    document = submission.payload.get("document") if submission else None
    if not document:
        abort(404, description="That submission has no uploaded document.")
    return send_pdf(document["sha256"], document["name"])


@bp.get("/<int(max=2147483647):submission_id>/answers/<int(max=2147483647):answer_id>/document")
def answer_document(submission_id: int, answer_id: int):
    submission = services.get_submission(submission_id)
    reply = answers.get_answer(submission, answer_id) if submission else None
    if reply is None or not reply.document_sha256:
        abort(404, description="That answer has no uploaded document.")
    return send_pdf(reply.document_sha256, reply.document_name or "answer.pdf")


@bp.get("/research")
def research_queue():
    page = research.research_queue(request.args.get("page", 1, type=int))
    return render_template("review/research.html", page=page, counts=research.queue_counts(),
                           form=CheckForm(formdata=None), today_iso=research.today().isoformat(),
                           recheck_months=research.RECHECK_AFTER_MONTHS, failed=None)


@bp.post("/research/<int(max=2147483647):body_id>/check")
def record_check(body_id: int):
    body = db.get_or_404(services.Body, body_id, description="No union body has that number.")
    form = CheckForm()
    if not form.validate():
        page = research.research_queue(request.args.get("page", 1, type=int))
        return render_template("review/research.html", page=page, counts=research.queue_counts(),
                               form=form, today_iso=research.today().isoformat(),
                               recheck_months=research.RECHECK_AFTER_MONTHS, failed=body), 422
    research.record_check(body, checked_on=form.checked_on.data, searched=form.searched.data,
                          result=form.result.data, summary=(form.summary.data or "").strip() or None,
                          user=current_user._get_current_object())
    db.session.commit()
    if form.result.data == "actions_found":
        flash(f"Check recorded for {body.name}. Now record each action you found, with its source: "
              f"use “Report an action” on the body's page and publish it from the queue.")
    else:
        flash(f"Check recorded for {body.name}: it now shows as paper only, checked "
              f"{format_partial_date(form.checked_on.data)}.")
    return redirect(url_for("review.research_queue", page=request.args.get("page", 1, type=int)))
