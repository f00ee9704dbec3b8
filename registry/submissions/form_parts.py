"""What every member form shares: choices, text fields, partial dates, the source, the
submitter, the honeypot and the one-time form key."""

from __future__ import annotations

import re
import secrets
from datetime import date
from typing import Any

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
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
from registry.documents.storage import CheckedDocument, DocumentError, check_pdf
from registry.followthrough.status import today
from registry.records.rows import http_url
from registry.text import MONTHS
from registry.textrules import blank_problem, text_problem
from registry.vocab import EARLIEST_YEAR, LATEST_YEAR, LENGTHS, STATE_CODES, SUBMITTER_ROLES

STATE_NAMES = {code: code for code in STATE_CODES}
FORM_KEY = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


def options(pairs) -> list[SelectChoice]:
    """Select or radio choices from (value, label) pairs or a {value: label} mapping."""
    items = pairs.items() if isinstance(pairs, dict) else pairs
    return [SelectChoice(str(value), label) for value, label in items]


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
        problem = text_problem(field.data, self.multiline)
        if problem is None and self.required:
            problem = blank_problem(field.data)
        if problem:
            raise ValidationError(problem)


def text(label: str, length: str, required: bool = False, message: str | None = None,
         area: bool = False) -> StringField:
    """A text field; a text area takes several lines."""
    first = DataRequired(message or "This field is required.") if required else Optional()
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
        raise ValidationError("Give a web address starting with http:// or https://.") from error


class PartialDateForm(Form):
    """A date known to the year, the month or the day."""

    year = IntegerField("Year", validators=[InputRequired("Give at least the year."),
                                            NumberRange(EARLIEST_YEAR, LATEST_YEAR,
                                                        "Give a year such as 2019.")])
    month = SelectField("Month (if known)", validators=[Optional()],
                        choices=options([("", "Not known"), *enumerate(MONTHS, 1)]))
    day = IntegerField("Day (if known)", validators=[Optional(), NumberRange(1, 31)])

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        if self.day.data and not self.month.data:
            self.day.errors.append("Give the month too, or leave the day empty.")
            return False
        try:
            on, _ = self.value()
        except ValueError:
            self.day.errors.append("That day does not exist in that month.")
            return False
        if on > today():
            self.year.errors.append("That date is in the future: report only what has happened.")
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


class SubmissionForm(FlaskForm):
    """What every member form has: a source, the submitter, the honeypot and a one-time key."""

    source_url = URLField("Link to a public source (news story, union page, minutes online)",
                          validators=[Optional(), Length(max=LENGTHS["url"]), FollowsTextRules(),
                                      check_http_url])
    document = FileField("Upload the signed resolution or minutes (PDF, up to 10 MB)")
    submitter_name = text("Your name", "person_name")
    submitter_email = EmailField("Your email (private: only reviewers see it)", validators=[
        InputRequired("Give an email address so a reviewer can reach you."),
        Length(max=LENGTHS["email"]), FollowsTextRules(),
        Regexp(EMAIL, message="Enter an email address such as name@example.org."),
    ])
    submitter_role = SelectField("Your role in the union", choices=options(SUBMITTER_ROLES),
                                 default="member")
    credit_public = BooleanField("Credit me publicly by name on the published record")
    # Spam trap: people leave it empty (its label says so); bots fill every field.
    leave_blank = StringField("Leave this field empty", validators=[Optional()])
    form_key = HiddenField(default=new_form_key)

    checked_document: CheckedDocument | None = None

    def validate_submitter_name(self, field) -> None:
        if self.credit_public.data and not (field.data or "").strip():
            raise ValidationError("Give your name to be credited, or untick the credit box.")

    def validate_document(self, field) -> None:
        self.checked_document = None
        self.checked_document = checked_upload(field)

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
        """Show errors found by the service's validation next to the matching fields."""
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
            target.extend(messages if isinstance(messages, list) else [str(messages)])


def checked_upload(field) -> CheckedDocument | None:
    """The PDF chosen in a file field, checked by its content; None when no file was chosen."""
    upload = field.data
    if upload is None or not getattr(upload, "filename", None):
        return None
    try:
        return check_pdf(upload.stream, upload.filename)
    except DocumentError as error:
        raise ValidationError(str(error)) from error


def clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None
