"""The member forms. Field rules come from registry.vocab; the service validates the same data
again through the shared schemas, so the API and the forms accept exactly the same things."""

from __future__ import annotations

import re
import secrets
from datetime import date
from typing import Any

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DecimalField,
    EmailField,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
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
from wtforms.widgets import CheckboxInput, ListWidget

from registry.accounts.services import EMAIL
from registry.documents.storage import CheckedDocument, DocumentError, check_pdf
from registry.followthrough.ladder import ACTION_KINDS, TIERS
from registry.followthrough.status import today
from registry.main.templating import MONTHS
from registry.submissions.schemas import ZIP_CODE
from registry.vocab import (
    COMMITMENTS,
    CORRECTION_FIELDS,
    LENGTHS,
    LEVELS,
    STATE_CODES,
    SUBMITTER_ROLES,
    parse_record_id,
)

STATE_NAMES = {code: code for code in STATE_CODES}
FORM_KEY = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
HTTP_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


def options(pairs) -> list[SelectChoice]:
    """Select or radio choices from (value, label) pairs or a {value: label} mapping."""
    items = pairs.items() if isinstance(pairs, dict) else pairs
    return [SelectChoice(str(value), label) for value, label in items]


def new_form_key() -> str:
    return secrets.token_urlsafe(24)


def text(label: str, length: str, required: bool = False, message: str | None = None,
         area: bool = False) -> StringField:
    first = DataRequired(message or "This field is required.") if required else Optional()
    kind = TextAreaField if area else StringField
    return kind(label, validators=[first, Length(max=LENGTHS[length])])


def check_http_url(form, field) -> None:
    if field.data and not HTTP_URL.match(field.data):
        raise ValidationError("Give a web address starting with http:// or https://.")


class PartialDateForm(Form):
    """A date known to the year, the month or the day."""

    year = IntegerField("Year", validators=[InputRequired("Give at least the year."),
                                            NumberRange(1900, 2100, "Give a year such as 2019.")])
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
                          validators=[Optional(), Length(max=LENGTHS["url"]), check_http_url])
    document = FileField("Upload the signed resolution or minutes (PDF, up to 10 MB)")
    submitter_name = text("Your name", "person_name")
    submitter_email = EmailField("Your email (private: only reviewers see it)", validators=[
        InputRequired("Give an email address so a reviewer can reach you."),
        Length(max=LENGTHS["email"]),
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
        upload = field.data
        self.checked_document = None
        if upload is None or not getattr(upload, "filename", None):
            return  # no file chosen
        try:
            self.checked_document = check_pdf(upload.stream, upload.filename)
        except DocumentError as error:
            raise ValidationError(str(error)) from error

    def is_spam(self) -> bool:
        return bool((self.leave_blank.data or "").strip())

    def idempotency_key(self) -> str | None:
        key = self.form_key.data or ""
        return key if FORM_KEY.match(key) else None

    def submitter(self) -> dict[str, Any]:
        return {"name": _clean(self.submitter_name.data), "email": self.submitter_email.data,
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


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


class BodyPickerForm(SubmissionForm):
    """Pick the union body from the registry, or describe one that is not listed."""

    body_query = StringField("Search by name, union, local number or city",
                             validators=[Optional(), Length(max=LENGTHS["name"])])
    body_choice = StringField("Union body")
    new_name = text("Name of the body", "name")
    new_level = SelectField("Level", choices=options({"": "Choose a level", **LEVELS}),
                            validators=[Optional()])
    new_affiliation = text("National union or federation (e.g. CWA, AFL-CIO)", "affiliation")
    new_designation = text("Designation (e.g. Local 7901)", "designation")
    new_city = text("City", "city")
    new_state = SelectField("State", choices=options({"": "Choose a state", **STATE_NAMES}),
                            validators=[Optional()])
    new_zip = StringField("ZIP code", validators=[Optional(), Length(max=LENGTHS["zip"]),
                                                  Regexp(ZIP_CODE, message="Use a 5-digit ZIP code.")])

    ERROR_FIELDS = {"body_id": "body_choice", "new_body.name": "new_name",
                    "new_body.level": "new_level", "new_body.affiliation": "new_affiliation",
                    "new_body.designation": "new_designation", "new_body.city": "new_city",
                    "new_body.state": "new_state", "new_body.zip": "new_zip",
                    "submitter_name": "submitter_name", "submitter_email": "submitter_email",
                    "submitter_role": "submitter_role"}

    def chosen_body_id(self) -> int | None:
        return parse_record_id(self.body_choice.data)

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        choice = (self.body_choice.data or "").strip()
        if choice == "new":
            for field, what in ((self.new_name, "the body's name"), (self.new_level, "its level"),
                                (self.new_state, "its state")):
                if not (field.data or "").strip():
                    field.errors.append(f"Give {what}.")
                    valid = False
        elif self.chosen_body_id() is None:
            self.body_choice.errors.append(
                "Choose the union body from the search results, or choose “It is not in the registry” "
                "and describe it.")
            valid = False
        return valid

    def body_payload(self) -> dict[str, Any]:
        if (self.body_choice.data or "").strip() == "new":
            return {"body_id": None, "new_body": {
                "name": _clean(self.new_name.data), "level": self.new_level.data,
                "affiliation": _clean(self.new_affiliation.data),
                "designation": _clean(self.new_designation.data),
                "city": _clean(self.new_city.data), "state": self.new_state.data,
                "zip": _clean(self.new_zip.data)}}
        return {"body_id": self.chosen_body_id(), "new_body": None}


class ResolutionForm(BodyPickerForm):
    bill = SelectField("Bill", choices=[], validate_choice=True)
    stance = RadioField("The resolution", choices=options({"support": "Supports it", "oppose": "Opposes it"}),
                        default="support", validators=[InputRequired()])
    adopted = FormField(PartialDateForm, label="Adopted on")
    title = text("Title of the resolution", "title", required=True,
                 message="Give the resolution's title (or a short description).")
    summary = text("Summary: what does it say and resolve?", "summary", required=True, area=True,
                   message="Summarise what the resolution says.")
    full_text = text("Full text (optional)", "text", area=True)
    commitments = SelectMultipleField("What the resolution committed the body to do",
                                      choices=options(COMMITMENTS), validators=[Optional()],
                                      widget=ListWidget(prefix_label=False),
                                      option_widget=CheckboxInput())

    ERROR_FIELDS = {**BodyPickerForm.ERROR_FIELDS, "bill_id": "bill", "adopted_on": "adopted",
                    "date_precision": "adopted", "text": "full_text"}

    def payload(self) -> dict[str, Any]:
        on, precision = self.adopted.form.value()
        return {**self.body_payload(), "bill_id": int(self.bill.data) if self.bill.data else None,
                "stance": self.stance.data, "adopted_on": on.isoformat(), "date_precision": precision,
                "title": self.title.data.strip(), "summary": self.summary.data.strip(),
                "text": _clean(self.full_text.data), "commitments": list(self.commitments.data or []),
                "source_url": _clean(self.source_url.data)}


def action_kind_choices() -> list[SelectChoice]:
    """Action kinds grouped by their rung on the ladder (optgroups), counter-actions last."""
    return [SelectChoice(code, kind.label, optgroup="Counter-actions" if kind.is_counter
                         else f"Tier {kind.rung}: {TIERS[kind.rung]}")
            for code, kind in ACTION_KINDS.items()]


class ActionForm(BodyPickerForm):
    kind = SelectField("What did the body do?", choices=action_kind_choices(),
                       validators=[InputRequired()])
    occurred = FormField(PartialDateForm, label="When")
    description = text("Describe it: what happened, where, who took part", "description",
                       required=True, area=True, message="Describe what the body did.")
    participants = IntegerField("Members taking part (if known)", validators=[
        Optional(), NumberRange(0, 10_000_000, "Give a whole number of people.")])
    amount_usd = DecimalField("Dollars given or spent (if any)", places=2, validators=[
        Optional(), NumberRange(0, 1_000_000_000, "Give an amount in dollars.")])

    ERROR_FIELDS = {**BodyPickerForm.ERROR_FIELDS, "occurred_on": "occurred",
                    "date_precision": "occurred"}

    def payload(self) -> dict[str, Any]:
        on, precision = self.occurred.form.value()
        amount = self.amount_usd.data
        return {**self.body_payload(), "kind": self.kind.data, "occurred_on": on.isoformat(),
                "date_precision": precision, "description": self.description.data.strip(),
                "participants": self.participants.data,
                "amount_usd": str(amount) if amount is not None else None,
                "source_url": _clean(self.source_url.data)}


class CorrectionForm(SubmissionForm):
    field = SelectField("What is wrong?", choices=options(CORRECTION_FIELDS),
                        validators=[InputRequired()])
    proposed_value = text("What should it say?", "note", required=True, area=True,
                          message="Say what the record should say.")
    explanation = text("How do you know? (optional)", "note", area=True)

    def payload(self, body_id: int) -> dict[str, Any]:
        return {"body_id": body_id, "field": self.field.data,
                "proposed_value": self.proposed_value.data.strip(),
                "explanation": _clean(self.explanation.data),
                "source_url": _clean(self.source_url.data)}
