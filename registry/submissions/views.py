"""Member pages: the three submission forms, the body search behind the picker, and the
private tracking page."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import NotFound, RequestEntityTooLarge

from registry.database import db
from registry.languages import Labels
from registry.main.errors import PRIVATE, render_error
from registry.submissions import answers, budget, services
from registry.submissions.form_parts import UPLOAD_MB, SubmissionForm, _l, options
from registry.submissions.forms import (
    ActionForm,
    AnswerForm,
    BodyPickerForm,
    CorrectionForm,
    ResolutionForm,
)
from registry.vocab import CORRECTION_FIELDS, MAX_UPLOAD_BYTES, SUBMISSION_KINDS

bp = Blueprint("submissions", __name__)

# The member forms read requests up to three times the PDF cap, so that a PDF over the cap
# arrives with the rest of its form: the member gets a message by the file and loses nothing.
# Beyond this a request is refused unread (413), and the form is shown again, empty.
MAX_FORM_REQUEST_BYTES = 3 * MAX_UPLOAD_BYTES


def _read_larger_forms() -> None:
    if request.blueprint == bp.name:
        request.max_content_length = MAX_FORM_REQUEST_BYTES


@bp.record_once
def _first_of_all(state) -> None:
    # CSRF protection reads the form in an app-wide hook: the cap must be set before it runs.
    state.app.before_request_funcs.setdefault(None, []).insert(0, _read_larger_forms)


def private(response):
    """Pages holding a tracking token are never cached or indexed."""
    response.headers["Cache-Control"] = PRIVATE
    response.headers["X-Robots-Tag"] = "noindex"
    return response


TOO_LARGE = _l("The upload was too large to read: a PDF may be at most %(mb)s MB. Nothing was "
               "saved, and the form could not be read, so please fill it in again with a smaller "
               "scan, or give a link instead.", mb=UPLOAD_MB)


@bp.errorhandler(RequestEntityTooLarge)
def upload_too_large(error: RequestEntityTooLarge):
    """The form again, empty (its content was never read), with the reason by the file field."""
    view = current_app.view_functions.get(request.endpoint or "")
    if request.method != "POST" or view is None:
        error.description = str(TOO_LARGE)
        return render_error(error)
    g.refused_upload = str(TOO_LARGE)
    response = current_app.make_response(view(**(request.view_args or {})))
    response.status_code = 413
    return response


def _new_form(form_class):
    """The posted form, or an empty one when the request was refused unread."""
    if g.get("refused_upload"):
        form = form_class(formdata=None)
        form.document.errors = [g.refused_upload]
        return form
    return form_class()


def _sending(form: SubmissionForm) -> bool:
    """The member pressed "Send" (not Find), and the request could be read."""
    return not g.get("refused_upload") and form.is_submitted() and "find" not in request.form


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
    """Search results for the picker, keeping the body already chosen in the list. A search that
    finds nothing offers a new body: "not in the registry" is chosen, with the typed name."""
    query = (form.body_query.data or "").strip()
    matches = services.search_bodies(query)
    chosen = services.get_body(form.chosen_body_id())
    if chosen is not None and chosen not in matches:
        matches.insert(0, chosen)
    offered_new = bool(query) and not matches and _finding() and not form.body_choice.data
    if offered_new:
        form.body_choice.data = "new"
        if not (form.new_name.data or "").strip():
            form.new_name.data = query
    return {"matches": matches, "searched": bool(query), "offered_new": offered_new}


def _finding() -> bool:
    return not g.get("refused_upload") and request.method == "POST" and "find" in request.form


def _save(kind: str, form: SubmissionForm, payload: dict):
    """Store the submission and show the receipt; None when the service found bad fields. A filled
    honeypot is stored apart as spam and answered exactly like a member (a working tracking link),
    so a bot learns nothing from the answer. Only a stored submission spends the budget."""
    try:
        receipt = _submit(kind, form, payload)
    except services.SubmissionError as error:
        db.session.rollback()
        form.apply_errors(error.errors)
        return None
    form.discard_held()
    if receipt.created:
        budget.count_stored()
    return private(current_app.make_response(render_template(
        "submissions/received.html", kind=receipt.submission.kind, kinds=Labels(SUBMISSION_KINDS),
        token=receipt.token, sourced=bool(payload.get("source_url") or form.checked_document),
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


def _form_page(template: str, form: SubmissionForm, status: int = 200,
               over: budget.OverLimit | None = None, **context):
    """The form (again), keeping an accepted upload; over the budget, 429 with Retry-After."""
    if form.is_submitted():
        form.keep_upload()
    headers = {}
    if over is not None:
        status, headers = 429, {"Retry-After": str(over.retry_after)}
    return private(current_app.make_response((
        render_template(template, form=form, over_limit=over, **context), status, headers)))


def _send(kind, form: SubmissionForm, payload):
    """Spend an attempt, validate, check the budget and store: (response or None, status,
    over-limit). kind and payload may be functions, read once the form is valid."""
    over = budget.spend_attempt()
    if over is None and form.validate_on_submit():
        over = budget.stored_over_limit()
        if over is None:
            response = _save(kind() if callable(kind) else kind, form, payload())
            if response is not None:
                return response, 200, None
    return None, 422, over


@bp.route("/submit/resolution", methods=["GET", "POST"])
def resolution():
    form = _new_form(ResolutionForm)
    form.bill.choices = options([("", gettext("Medicare for All in general (no bill named)")),
                                 *services.bill_choices()])
    return _body_form("resolution", form, "submissions/resolution.html")


@bp.route("/submit/action", methods=["GET", "POST"])
def action():
    form = _new_form(ActionForm)
    if request.method == "GET" and request.args.get("report") == "check":
        form.report.data = "check"
    return _body_form(lambda: form.kind_of_report, form, "submissions/action.html")


def _body_form(kind, form: BodyPickerForm, template: str):
    """kind: the submission kind, or a function giving it once the form is read."""
    if request.method == "GET" and request.args.get("body"):
        body = services.get_body_by_slug(request.args["body"])
        if body is not None:
            form.body_choice.data = str(body.id)
    status, over = 200, None
    if _sending(form):
        response, status, over = _send(kind, form, form.payload)
        if response is not None:
            return response
    elif g.get("refused_upload"):
        status = 413
    return _form_page(template, form, status, over, **_picker_context(form))


@bp.route("/submit/correction/<slug>", methods=["GET", "POST"])
def correction(slug: str):
    body = services.get_body_by_slug(slug)
    if body is None:
        abort(404, description=gettext("No union body has that address."))
    form = _new_form(CorrectionForm)
    if request.method == "GET" and request.args.get("field") in CORRECTION_FIELDS:
        form.field.data = request.args["field"]
    status, over = 200, None
    if _sending(form):
        response, status, over = _send("correction", form, lambda: form.payload(body.id))
        if response is not None:
            return response
    elif g.get("refused_upload"):
        status = 413
    return _form_page("submissions/correction.html", form, status, over, body=body)


def _tracked_or_404(token: str):
    submission = services.find_by_token(token)
    if submission is None:
        raise NotFound(gettext("No submission has that tracking link. Check that the whole link "
                               "was copied."))
    return submission


def _tracking_page(token: str, submission, form: AnswerForm | None = None, status: int = 200):
    body = services.get_body(submission.body_id)
    if form is None and submission.shown_status == "needs_info":
        form = AnswerForm(formdata=None)
    return private(current_app.make_response((render_template(
        "submissions/track.html", submission=submission, body=body, kinds=Labels(SUBMISSION_KINDS),
        token=token, form=form), status)))


@bp.get("/submissions/<token>")
def track(token: str):
    try:
        submission = _tracked_or_404(token)
    except NotFound as error:
        return private(current_app.make_response(render_error(error)))
    return _tracking_page(token, submission)


@bp.post("/submissions/<token>/answer")
def answer(token: str):
    """The submitter answers the reviewer's question; the submission goes back to the queue."""
    try:
        submission = _tracked_or_404(token)
    except NotFound as error:
        return private(current_app.make_response(render_error(error)))
    form = AnswerForm()
    over = budget.spend_attempt()
    if over is not None:
        form.form_errors.append(gettext("Not sent yet. %(reason)s", reason=over.translated()))
        response = _tracking_page(token, submission, form, 429)
        response.headers["Retry-After"] = str(over.retry_after)
        return response
    if submission.shown_status != "needs_info":
        form.form_errors.append(gettext("This submission is not waiting for more information any "
                                        "more."))
        return _tracking_page(token, submission, form, 409)
    if not form.validate_on_submit():
        if form.document.data and getattr(form.document.data, "filename", None) \
                and not form.document.errors:
            form.document.errors.append(gettext("Your PDF was not kept because of the problem "
                                                "above: attach it again."))
        return _tracking_page(token, submission, form, 422)
    try:
        answers.answer(submission, form.text.data, form.checked_document)
        db.session.commit()
    except answers.AnswerError as error:
        db.session.rollback()
        form.form_errors.append(gettext(str(error)))
        return _tracking_page(token, submission, form, 409)
    flash(gettext("Thank you: your answer is with the reviewers, and your submission is back in "
                  "the queue."))
    return private(redirect(url_for("submissions.track", token=token), 303))
