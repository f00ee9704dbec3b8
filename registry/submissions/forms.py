"""The member forms. Field rules come from registry.vocab; the service validates the same data
again through the shared schemas, so the API and the forms accept exactly the same things."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    DecimalField,
    FormField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional, Regexp
from wtforms.widgets import CheckboxInput, ListWidget

from registry.documents.storage import CheckedDocument
from registry.followthrough.ladder import ACTION_KINDS, TIERS
from registry.submissions.form_parts import (
    STATE_NAMES,
    UPLOAD_MB,
    FollowsTextRules,
    LazyText,
    PartialDateForm,
    SubmissionForm,
    _l,
    checked_upload,
    clean,
    document_field,
    options,
    text,
    translated,
)
from registry.submissions.schemas import ZIP_CODE
from registry.vocab import (
    ACTION_SCOPES,
    COMMITMENTS,
    CORRECTION_FIELDS,
    LENGTHS,
    LEVELS,
    parse_record_id,
)

REPORTS = {"action": _l("Something the body did after its resolution"),
           "check": _l("We looked, and found no follow-through since the resolution")}


class BodyPickerForm(SubmissionForm):
    """Pick the union body from the registry, or describe one that is not listed."""

    body_query = StringField(_l("Search by name, union, local number or city"),
                             validators=[Optional(), Length(max=LENGTHS["name"]), FollowsTextRules()])
    body_choice = StringField(_l("Union body"))
    new_name = text(_l("Name of the body"), "name")
    new_level = SelectField(_l("Level"),
                            choices=options({"": _l("Choose a level"), **translated(LEVELS)}),
                            validators=[Optional()])
    new_affiliation = text(_l("National union or federation (e.g. CWA, AFL-CIO)"), "affiliation")
    new_designation = text(_l("Designation (e.g. Local 7901)"), "designation")
    new_city = text(_l("City"), "city")
    new_state = SelectField(_l("State"), choices=options({"": _l("Choose a state"), **STATE_NAMES}),
                            validators=[Optional()])
    new_zip = StringField(_l("ZIP code"), validators=[
        Optional(), Length(max=LENGTHS["zip"]),
        Regexp(ZIP_CODE, message=_l("Use a 5-digit ZIP code."))])

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
            for field, message in ((self.new_name, _l("Give the body's name.")),
                                   (self.new_level, _l("Give its level.")),
                                   (self.new_state, _l("Give its state."))):
                if not (field.data or "").strip():
                    field.errors.append(message)
                    valid = False
        elif self.chosen_body_id() is None:
            self.body_choice.errors.append(gettext(
                "Choose the union body from the search results, or choose “It is not in the "
                "registry” and describe it."))
            valid = False
        return valid

    def body_payload(self) -> dict[str, Any]:
        if (self.body_choice.data or "").strip() == "new":
            return {"body_id": None, "new_body": {
                "name": clean(self.new_name.data), "level": self.new_level.data,
                "affiliation": clean(self.new_affiliation.data),
                "designation": clean(self.new_designation.data),
                "city": clean(self.new_city.data), "state": self.new_state.data,
                "zip": clean(self.new_zip.data)}}
        return {"body_id": self.chosen_body_id(), "new_body": None}


class ResolutionForm(BodyPickerForm):
    document = document_field(_l("Upload the signed resolution, or the minutes of the vote (PDF, "
                                 "up to %(mb)s MB)", mb=UPLOAD_MB))
    bill = SelectField(_l("Bill"), choices=[], validate_choice=True)
    stance = RadioField(_l("The resolution"),
                        choices=options({"support": _l("Supports it"), "oppose": _l("Opposes it")}),
                        default="support", validators=[InputRequired()])
    adopted = FormField(PartialDateForm, label=_l("Adopted on"))
    title = text(_l("Title of the resolution"), "title", required=True,
                 message=_l("Give the resolution's title (or a short description)."))
    summary = text(_l("Summary: what does it say and resolve?"), "summary", required=True,
                   area=True, message=_l("Summarise what the resolution says."))
    full_text = text(_l("Full text (optional)"), "text", area=True)
    commitments = SelectMultipleField(_l("What the resolution committed the body to do"),
                                      choices=options(translated(COMMITMENTS)),
                                      validators=[Optional()],
                                      widget=ListWidget(prefix_label=False),
                                      option_widget=CheckboxInput())

    ERROR_FIELDS = {**BodyPickerForm.ERROR_FIELDS, "bill_id": "bill", "adopted_on": "adopted",
                    "date_precision": "adopted", "text": "full_text"}

    def payload(self) -> dict[str, Any]:
        on, precision = self.adopted.form.value()
        return {**self.body_payload(), "bill_id": int(self.bill.data) if self.bill.data else None,
                "stance": self.stance.data, "adopted_on": on.isoformat(), "date_precision": precision,
                "title": self.title.data.strip(), "summary": self.summary.data.strip(),
                "text": clean(self.full_text.data), "commitments": list(self.commitments.data or []),
                "source_url": clean(self.source_url.data)}


def tier_group(rung: int) -> str:
    return gettext("Tier %(rung)s: %(name)s", rung=rung, name=gettext(TIERS[rung]))


def action_kind_choices() -> list[SelectChoice]:
    """Action kinds grouped by their rung on the ladder (optgroups), counter-actions last; no
    kind is chosen until the member chooses one."""
    return [SelectChoice("", _l("Choose what the body did")),
            *(SelectChoice(code, _l(kind.label),
                           optgroup=_l("Counter-actions") if kind.is_counter
                           else LazyText(tier_group, kind.rung))
              for code, kind in ACTION_KINDS.items())]


class ActionForm(BodyPickerForm):
    document = document_field(_l("Upload a document showing what happened or what you checked: "
                                 "minutes, a flyer, a newsletter, a letter (PDF, up to %(mb)s MB)",
                                 mb=UPLOAD_MB))
    report = RadioField(_l("What are you reporting?"), choices=options(REPORTS), default="action",
                        validators=[Optional()])
    kind = SelectField(_l("What did the body do?"), choices=action_kind_choices(),
                       validators=[InputRequired(_l("Choose what the body did."))])
    scope = SelectField(_l("What was it for?"), choices=options(translated(ACTION_SCOPES)),
                        default="single_payer", validators=[Optional()])
    occurred = FormField(PartialDateForm, label=_l("When"))
    description = text(_l("Describe it: what happened, where, who took part"), "description",
                       required=True, area=True, message=_l("Describe what the body did."))
    searched = text(_l("Where did you look? (minutes, newsletters, the body's website, news "
                       "archives — one per line)"), "searched", area=True)
    participants = IntegerField(_l("Members taking part (if known)"), validators=[
        Optional(), NumberRange(0, 10_000_000, _l("Give a whole number of people."))])
    amount_usd = DecimalField(_l("Dollars given or spent (if any)"), places=2, validators=[
        Optional(), NumberRange(0, 1_000_000_000, _l("Give an amount in dollars."))])

    ERROR_FIELDS = {**BodyPickerForm.ERROR_FIELDS, "occurred_on": "occurred",
                    "date_precision": "occurred", "checked_on": "occurred", "summary": "description"}

    @property
    def kind_of_report(self) -> str:
        """The submission kind: an action, or a check that found nothing."""
        return "check" if self.report.data == "check" else "action"

    def validate(self, extra_validators=None) -> bool:
        checking = self.kind_of_report == "check"
        if checking:  # a check needs where they looked, not a kind or a description
            self.kind.validators = [Optional()]
            self.description.validators = [Optional(), Length(max=LENGTHS["description"])]
        valid = super().validate(extra_validators)
        if checking:
            if not (self.searched.data or "").strip():
                self.searched.errors.append(gettext("Say where you looked."))
                valid = False
            if not self.occurred.errors and self.occurred.form.value()[1] != "day":
                self.occurred.form.day.errors.append(
                    gettext("Give the day you looked: year, month and day."))
                valid = False
        return valid

    def payload(self) -> dict[str, Any]:
        on, precision = self.occurred.form.value()
        if self.kind_of_report == "check":
            return {**self.body_payload(), "checked_on": on.isoformat(),
                    "searched": self.searched.data.strip(), "summary": clean(self.description.data),
                    "source_url": clean(self.source_url.data)}
        amount = self.amount_usd.data
        return {**self.body_payload(), "kind": self.kind.data, "occurred_on": on.isoformat(),
                "date_precision": precision, "description": self.description.data.strip(),
                "participants": self.participants.data,
                "amount_usd": str(amount) if amount is not None else None,
                "scope": self.scope.data or "single_payer", "source_url": clean(self.source_url.data)}


class CorrectionForm(SubmissionForm):
    document = document_field(_l("Upload a document showing what the record should say (PDF, up "
                                 "to %(mb)s MB)", mb=UPLOAD_MB))
    field = SelectField(_l("What is wrong?"), choices=options(translated(CORRECTION_FIELDS)),
                        validators=[InputRequired()])
    proposed_value = text(_l("What should it say?"), "note", required=True, area=True,
                          message=_l("Say what the record should say."))
    explanation = text(_l("How do you know? (optional)"), "note", area=True)

    def payload(self, body_id: int) -> dict[str, Any]:
        return {"body_id": body_id, "field": self.field.data,
                "proposed_value": self.proposed_value.data.strip(),
                "explanation": clean(self.explanation.data),
                "source_url": clean(self.source_url.data)}


class AnswerForm(FlaskForm):
    """The submitter's answer to a reviewer who needs more information."""

    text = text(_l("Your answer"), "note", required=True, area=True,
                message=_l("Write your answer to the reviewer's question."))
    document = FileField(_l("Attach a PDF (optional: the signed resolution, minutes or a letter, "
                            "up to %(mb)s MB)", mb=UPLOAD_MB))

    checked_document: CheckedDocument | None = None

    def validate_document(self, field) -> None:
        self.checked_document = None
        self.checked_document = checked_upload(field)
