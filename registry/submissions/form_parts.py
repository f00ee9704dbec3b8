"""What every member form shares: choices, text fields, partial dates, the source, the
submitter, the honeypot and the one-time form key."""

from __future__ import annotations

import contextlib
import re
import secrets
from datetime import date
from typing import Any

from babel.dates import get_month_names
from flask_babel import LazyString, gettext
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from flask_wtf.i18n import translations as wtforms_translations
from markupsafe import Markup, escape
from marshmallow import ValidationError as SchemaError
from wtforms import (
    BooleanField,
    EmailField,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
    URLField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)

from registry.accounts.services import EMAIL
from registry.documents import held
from registry.documents.storage import CheckedDocument, DocumentError, check_pdf
from registry.followthrough.status import today
from registry.languages import current, translate
from registry.records.rows import http_url
from registry.textrules import blank_problem, text_problem
from registry.vocab import (
    EARLIEST_YEAR,
    LATEST_YEAR,
    LENGTHS,
    MAX_UPLOAD_BYTES,
    STATE_CODES,
    SUBMITTER_ROLES,
)

STATE_NAMES = {code: code for code in STATE_CODES}
FORM_KEY = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


class LazyText(LazyString):
    """A word translated when shown, and escaped in HTML like any other text (flask_babel's
    lazy strings go into HTML unescaped)."""

    def __html__(self) -> Markup:
        return escape(str(self))


def _l(text: str, **values) -> LazyText:
    """lazy_gettext for the forms' labels, choices and messages, defined at import."""
    return LazyText(gettext, text, **values)


def options(pairs) -> list[SelectChoice]:
    """Select or radio choices from (value, label) pairs or a {value: label} mapping."""
    items = pairs.items() if isinstance(pairs, dict) else pairs
    return [SelectChoice(str(value), label) for value, label in items]


def translated(vocabulary: dict[str, str]) -> dict[str, Any]:
    """A vocabulary's words (marked with N_) read in the reader's language when shown."""
    return {code: _l(word) for code, word in vocabulary.items()}


def new_form_key() -> str:
    return secrets.token_urlsafe(24)


class FollowsTextRules:
    """registry.textrules for a form field, as the API's schemas apply them: text that is text
    everywhere, line breaks only in fields that take lines, something visible when required."""

    def __init__(self, multiline: bool = False, required: bool = False):
        self.multiline = multiline
        self.required = required

    def __call__(self, form, field) -> None:
        if not isinstance(field.data, str) or not field.data:
            return
        problem = text_problem(field.data, self.multiline, translate=gettext)
        if problem is None and self.required:
            problem = blank_problem(field.data, translate=gettext)
        if problem:
            raise ValidationError(problem)


UPLOAD_MB = MAX_UPLOAD_BYTES // 2**20


def document_field(label) -> FileField:
    """The upload, its label naming what fits the form and the size limit (UPLOAD_MB); the
    browser checks its size before sending."""
    return FileField(label, render_kw={"accept": "application/pdf,.pdf",
                                       "data-max-bytes": MAX_UPLOAD_BYTES})


def text(label, length: str, required: bool = False, message=None,
         area: bool = False) -> StringField:
    """A text field; a text area takes several lines."""
    # Without a message, WTForms says "This field is required." in the reader's language.
    first = DataRequired(message) if required else Optional()
    kind = TextAreaField if area else StringField
    return kind(label, validators=[first, Length(max=LENGTHS[length]),
                                   FollowsTextRules(multiline=area, required=required)])


def check_http_url(form, field) -> None:
    """The same rule as every other URL in the registry (records.rows.http_url)."""
    if not field.data:
        return
    try:
        http_url(field.data)
    except SchemaError as error:
        raise ValidationError(gettext("Give a web address starting with http:// or https://.")) \
            from error


class PartialDateForm(Form):
    """A date known to the year, the month or the day."""

    class Meta:
        def get_translations(self, form):
            # A plain Form, unlike a FlaskForm, would give WTForms' own messages ("Not a valid
            # integer value.") in English whatever the reader's language.
            return wtforms_translations

    year = IntegerField(_l("Year"), validators=[InputRequired(_l("Give at least the year.")),
                                                NumberRange(EARLIEST_YEAR, LATEST_YEAR,
                                                            _l("Give a year such as 2019."))])
    month = SelectField(_l("Month (if known)"), validators=[Optional()], choices=[])
    day = IntegerField(_l("Day (if known)"), validators=[Optional(), NumberRange(1, 31)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.month.choices = month_choices()

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        if self.day.data and not self.month.data:
            self.day.errors.append(gettext("Give the month too, or leave the day empty."))
            return False
        try:
            on, _ = self.value()
        except ValueError:
            self.day.errors.append(gettext("That day does not exist in that month."))
            return False
        if on > today():
            self.year.errors.append(gettext("That date is in the future: report only what has "
                                            "happened."))
            return False
        return True

    def value(self) -> tuple[date, str]:
        """(date, precision): the first day of the period the date is known to."""
        month = int(self.month.data) if self.month.data else None
        if month is None:
            return date(self.year.data, 1, 1), "year"
        if not self.day.data:
            return date(self.year.data, month, 1), "month"
        return date(self.year.data, month, self.day.data), "day"


def month_choices() -> list[SelectChoice]:
    """The months by name in the reader's language, after "Not known"."""
    names = get_month_names("wide", locale=current())
    return options([("", gettext("Not known")), *((n, names[n]) for n in range(1, 13))])


class SubmissionForm(FlaskForm):
    """What every member form has: a source, the submitter, the honeypot and a one-time key."""

    source_url = URLField(_l("Link to a public source (news story, union page, minutes online)"),
                          validators=[Optional(), Length(max=LENGTHS["url"]), FollowsTextRules(),
                                      check_http_url])
    document = document_field(_l("Upload a document (PDF, up to %(mb)s MB)", mb=UPLOAD_MB))
    # An accepted upload kept on the server while the form is corrected (registry.documents.held).
    held_document = HiddenField()
    drop_held = BooleanField(_l("Do not send this file"))
    submitter_name = text(_l("Your name"), "person_name")
    submitter_email = EmailField(_l("Your email (private: only reviewers see it)"), validators=[
        InputRequired(_l("Give an email address so a reviewer can reach you.")),
        Length(max=LENGTHS["email"]), FollowsTextRules(),
        Regexp(EMAIL, message=_l("Enter an email address such as name@example.org.")),
    ])
    submitter_role = SelectField(_l("Your role in the union"),
                                 choices=options(translated(SUBMITTER_ROLES)), default="member")
    credit_public = BooleanField(_l("Credit me publicly by name on the published record"))
    # Spam trap: people leave it empty (its label says so); bots fill every field.
    leave_blank = StringField(_l("Leave this field empty"), validators=[Optional()])
    form_key = HiddenField(default=new_form_key)

    checked_document: CheckedDocument | None = None
    document_is_new = False
    _document_read = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # What the browser says of a file over the limit (static/js/upload-size.js fills it in).
        self.document.render_kw = {**self.document.render_kw, "data-too-large": gettext(
            "“{name}” is {size} MB: a PDF may be at most {limit} MB. Choose a smaller scan, "
            "or give a link instead.")}

    def validate_submitter_name(self, field) -> None:
        if self.credit_public.data and not (field.data or "").strip():
            raise ValidationError(gettext("Give your name to be credited, or untick the credit "
                                          "box."))

    def validate_document(self, field) -> None:
        """A new upload is checked; without one, the upload held from an earlier try is taken."""
        self.checked_document = None
        self.document_is_new = False
        self._document_read = True
        self.checked_document = checked_upload(field)
        if self.checked_document is not None:
            self.document_is_new = True
            return
        if not self.held_document.data or self.drop_held.data:
            return
        self.checked_document = held.take(self.held_document.data)
        if self.checked_document is None:
            self.held_document.data = ""
            raise ValidationError(gettext("The file you attached earlier is no longer kept (files "
                                          "are kept for a day while a form is corrected). Please "
                                          "attach it again."))

    def keep_upload(self) -> None:
        """Before the form is shown again: keep an accepted upload on the server, so the next
        try sends it without choosing the file again."""
        if not self._document_read:
            with contextlib.suppress(ValidationError):
                self.validate_document(self.document)
        if self.checked_document is None:
            if self.drop_held.data:
                held.discard(self.held_document.data)
                self.held_document.data = ""
        elif self.document_is_new:
            held.discard(self.held_document.data)  # replaced by the new file
            self.held_document.data = held.hold(self.checked_document)
        self.drop_held.data = False

    def held_name(self) -> str | None:
        """The name of the upload kept from an earlier try, if any."""
        return held.held_name(self.held_document.data)

    def discard_held(self) -> None:
        """Once the submission is stored, its held upload is no longer needed."""
        held.discard(self.held_document.data)

    def is_spam(self) -> bool:
        return bool((self.leave_blank.data or "").strip())

    def idempotency_key(self) -> str | None:
        key = self.form_key.data or ""
        return key if FORM_KEY.match(key) else None

    def submitter(self) -> dict[str, Any]:
        return {"name": clean(self.submitter_name.data), "email": self.submitter_email.data,
                "role": self.submitter_role.data, "credit_public": self.credit_public.data}

    # Names the service's errors use, mapped to the form's fields.
    ERROR_FIELDS: dict[str, str] = {}

    def apply_errors(self, errors: dict[str, Any]) -> None:
        """Show errors found by the service's validation next to the matching fields, in the
        reader's language (the service speaks the API's English)."""
        for key, messages in errors.items():
            if isinstance(messages, dict):  # nested, e.g. new_body.name
                self.apply_errors({f"{key}.{k}": v for k, v in messages.items()})
                continue
            name = self.ERROR_FIELDS.get(key, key)
            field = self._fields.get(name)
            if isinstance(field, FormField):
                target = field.form.year.errors  # a date: show it by the date's first input
            elif field is not None:
                target = field.errors
            else:
                target = self.form_errors
            for message in messages if isinstance(messages, list) else [messages]:
                target.append(shown_error(str(message), field))


def shown_error(message: str, field) -> str:
    """A service's message as the form shows it: translated when the catalog has it; otherwise,
    in another language than English, a sentence naming the field by its label."""
    words = translate(message)
    if words != message or current() == "en":
        return words
    if field is None:
        return gettext("Something in the form cannot be accepted as it is. Check it and send it "
                       "again.")
    label = field.label.text
    return gettext("Check “%(field)s”: it cannot be accepted as it is.", field=label)


def checked_upload(field) -> CheckedDocument | None:
    """The PDF chosen in a file field, checked by its content; None when no file was chosen."""
    upload = field.data
    if upload is None or not getattr(upload, "filename", None):
        return None
    try:
        return check_pdf(upload.stream, upload.filename)
    except DocumentError as error:
        raise ValidationError(error.translated()) from error


def clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None
