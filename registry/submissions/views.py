"""Member pages: the three submission forms, the body search behind the picker, and the
private tracking page."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import NotFound, RequestEntityTooLarge

from registry.database import db
from registry.extensions import limiter
from registry.main.errors import PRIVATE, render_error
from registry.submissions import answers, services
from registry.submissions.form_parts import SubmissionForm, options
from registry.submissions.forms import (
    ActionForm,
    AnswerForm,
    BodyPickerForm,
    CorrectionForm,
    ResolutionForm,
)
from registry.submissions.services import submission_rate_limit
from registry.vocab import CORRECTION_FIELDS, MAX_UPLOAD_BYTES, SUBMISSION_KINDS

bp = Blueprint("submissions", __name__)

# All forms share one budget per address, counted on POST only.
limit_posts = limiter.shared_limit(submission_rate_limit, scope="submissions", methods=["POST"])


def private(response):
    """Pages holding a tracking token are never cached or indexed."""
    response.headers["Cache-Control"] = PRIVATE
    response.headers["X-Robots-Tag"] = "noindex"
    return response


@bp.errorhandler(RequestEntityTooLarge)
def upload_too_large(error: RequestEntityTooLarge):
    error.description = (f"The upload is too large: a PDF may be at most {MAX_UPLOAD_BYTES // 2**20} MB. "
                         "Nothing was saved. Go back, choose a smaller scan or give a link instead.")
    return render_error(error)


@bp.get("/submit")
def start():
    return render_template("submissions/start.html")


@bp.get("/submit/bodies.json")
def body_search():
    """Bodies matching the picker's search text (for the search-as-you-type enhancement)."""
    bodies = services.search_bodies(request.args.get("q", "")[:200])
    return jsonify([{"id": b.id, "name": b.name, "level": b.level, "affiliation": b.affiliation,
                     "designation": b.designation, "city": b.city, "state": b.state} for b in bodies])


def _picker_context(form: BodyPickerForm) -> dict:
    """Search results for the picker, keeping the body already chosen in the list."""
    matches = services.search_bodies(form.body_query.data)
    chosen = services.get_body(form.chosen_body_id())
    if chosen is not None and chosen not in matches:
        matches.insert(0, chosen)
    return {"matches": matches, "searched": bool((form.body_query.data or "").strip())}


def _save(kind: str, form: SubmissionForm, payload: dict):
    """Store the submission and show the receipt; None when the service found bad fields. A filled
    honeypot is stored apart as spam and answered exactly like a member (a working tracking link),
    so a bot learns nothing from the answer."""
    try:
        receipt = _submit(kind, form, payload)
    except services.SubmissionError as error:
        db.session.rollback()
        form.apply_errors(error.errors)
        return None
    return private(current_app.make_response(render_template(
        "submissions/received.html", kind=receipt.submission.kind, kinds=SUBMISSION_KINDS,
        token=receipt.token,
        repeated=not receipt.created)))


def _submit(kind: str, form: SubmissionForm, payload: dict) -> services.Receipt:
    def store() -> services.Receipt:
        receipt = services.submit(kind, payload, form.submitter(), form.checked_document,
                                  form.idempotency_key(), spam=form.is_spam())
        db.session.commit()
        return receipt

    try:
        return store()
    except IntegrityError:
        # The same form posted twice at once: the other request stored it first. Submitting
        # again finds that submission by its key instead of storing a second one.
        db.session.rollback()
        return store()


def _form_page(template: str, form: SubmissionForm, status: int = 200, **context):
    return private(current_app.make_response((render_template(template, form=form, **context),
                                              status)))


@bp.route("/submit/resolution", methods=["GET", "POST"])
@limit_posts
def resolution():
    form = ResolutionForm()
    form.bill.choices = options([("", "Medicare for All in general (no bill named)"),
                                 *services.bill_choices()])
    return _body_form("resolution", form, "submissions/resolution.html")


@bp.route("/submit/action", methods=["GET", "POST"])
@limit_posts
def action():
    form = ActionForm()
    if request.method == "GET" and request.args.get("report") == "check":
        form.report.data = "check"
    return _body_form(lambda: form.kind_of_report, form, "submissions/action.html")


def _body_form(kind, form: BodyPickerForm, template: str):
    """kind: the submission kind, or a function giving it once the form is read."""
    if request.method == "GET" and request.args.get("body"):
        body = services.get_body_by_slug(request.args["body"])
        if body is not None:
            form.body_choice.data = str(body.id)
    status = 200
    if form.is_submitted() and "find" not in request.form:
        if form.validate_on_submit():
            response = _save(kind() if callable(kind) else kind, form, form.payload())
            if response is not None:
                return response
        status = 422
    return _form_page(template, form, status, **_picker_context(form))


@bp.route("/submit/correction/<slug>", methods=["GET", "POST"])
@limit_posts
def correction(slug: str):
    body = services.get_body_by_slug(slug)
    if body is None:
        abort(404, description="No union body has that address.")
    form = CorrectionForm()
    if request.method == "GET" and request.args.get("field") in CORRECTION_FIELDS:
        form.field.data = request.args["field"]
    status = 200
    if form.is_submitted():
        if form.validate_on_submit():
            response = _save("correction", form, form.payload(body.id))
            if response is not None:
                return response
        status = 422
    return _form_page("submissions/correction.html", form, status, body=body)


def _tracked_or_404(token: str):
    submission = services.find_by_token(token)
    if submission is None:
        raise NotFound("No submission has that tracking link. Check that the whole link was copied.")
    return submission


def _tracking_page(token: str, submission, form: AnswerForm | None = None, status: int = 200):
    body = services.get_body(submission.body_id)
    if form is None and submission.shown_status == "needs_info":
        form = AnswerForm(formdata=None)
    return private(current_app.make_response((render_template(
        "submissions/track.html", submission=submission, body=body, kinds=SUBMISSION_KINDS,
        token=token, form=form), status)))


@bp.get("/submissions/<token>")
def track(token: str):
    try:
        submission = _tracked_or_404(token)
    except NotFound as error:
        return private(current_app.make_response(render_error(error)))
    return _tracking_page(token, submission)


@bp.post("/submissions/<token>/answer")
@limit_posts
def answer(token: str):
    """The submitter answers the reviewer's question; the submission goes back to the queue."""
    try:
        submission = _tracked_or_404(token)
    except NotFound as error:
        return private(current_app.make_response(render_error(error)))
    form = AnswerForm()
    if submission.shown_status != "needs_info":
        form.form_errors.append("This submission is not waiting for more information any more.")
        return _tracking_page(token, submission, form, 409)
    if not form.validate_on_submit():
        if form.document.data and getattr(form.document.data, "filename", None) \
                and not form.document.errors:
            form.document.errors.append("Your PDF was not kept because of the problem above: "
                                        "attach it again.")
        return _tracking_page(token, submission, form, 422)
    try:
        answers.answer(submission, form.text.data, form.checked_document)
        db.session.commit()
    except answers.AnswerError as error:
        db.session.rollback()
        form.form_errors.append(str(error))
        return _tracking_page(token, submission, form, 409)
    flash("Thank you: your answer is with the reviewers, and your submission is back in the queue.")
    return private(redirect(url_for("submissions.track", token=token), 303))
