"""The queue filter and the decision form."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from registry.followthrough.status import today
from registry.review.services import QUEUE_STATUSES
from registry.submissions.form_parts import STATE_NAMES, FollowsTextRules, options
from registry.textrules import blank_problem, text_problem
from registry.vocab import CHECK_RESULTS, LENGTHS, SUBMISSION_KINDS

STATUS_LABELS = {
    "open": "Waiting (pending or needing information)",
    "pending": "Pending",
    "needs_info": "Needing information",
    "published": "Published",
    "rejected": "Rejected",
}
AGES = {"": "Any age", "1": "A day or older", "7": "A week or older", "30": "A month or older"}


class QueueFilterForm(FlaskForm):
    class Meta:
        csrf = False  # a GET filter changes nothing

    status = SelectField("Status", choices=options({k: STATUS_LABELS[k] for k in QUEUE_STATUSES}),
                         default="open")
    kind = SelectField("Kind", choices=options({"": "All kinds", **SUBMISSION_KINDS}),
                       validators=[Optional()])
    state = SelectField("State", choices=options({"": "All states", **STATE_NAMES}),
                        validators=[Optional()])
    age = SelectField("Age", choices=options(AGES), validators=[Optional()])

    def filters(self) -> dict:
        return {"status": self.status.data or "open", "kind": self.kind.data or None,
                "state": self.state.data or None,
                "min_age_days": int(self.age.data) if self.age.data else None}


class DecisionForm(FlaskForm):
    decision = RadioField("Decision", choices=[], validators=[InputRequired("Choose a decision.")])
    merge_into = RadioField("Publish on this body", choices=[], validate_choice=False,
                            validators=[Optional()])
    merge_reference = StringField("Or another body: its address (slug) or number", validators=[
        Optional(), Length(max=LENGTHS["url"]), FollowsTextRules()])
    # Each body field checks the value further (corrections.BodyCorrectionSchema).
    applied_value = TextAreaField("Value to write on the record", validators=[
        Optional(), Length(max=LENGTHS["note"]), FollowsTextRules(multiline=True)])
    link_is_primary = BooleanField("The link is to a primary document (the signed resolution, "
                                   "minutes or an officer's letter)")
    review_note = TextAreaField("Note to the submitter (shown on their tracking page)", validators=[
        Optional(), Length(max=LENGTHS["note"]), FollowsTextRules(multiline=True)])
    internal_note = TextAreaField("Internal note (reviewers only)", validators=[
        Optional(), Length(max=LENGTHS["note"]), FollowsTextRules(multiline=True)])


class CheckForm(FlaskForm):
    """One step to record a follow-through check from the research queue."""

    checked_on = DateField("Checked on", validators=[DataRequired("Give the day you looked.")])
    searched = TextAreaField("Where you looked (one source, archive or search per line)",
                             validators=[DataRequired("Say where you looked."),
                                         Length(max=LENGTHS["searched"])])
    result = RadioField("What you found", choices=options(CHECK_RESULTS),
                        validators=[InputRequired("Choose what you found.")])
    summary = TextAreaField("In short (shown on the body's page)",
                            validators=[Optional(), Length(max=LENGTHS["note"])])

    def validate_checked_on(self, field) -> None:
        if field.data and field.data > today():
            raise ValidationError("The day must not be in the future.")

    def validate_searched(self, field) -> None:
        problem = text_problem(field.data or "", multiline=True) or blank_problem(field.data or "")
        if problem:
            raise ValidationError(problem)

    def validate_summary(self, field) -> None:
        problem = text_problem(field.data or "", multiline=True)
        if problem:
            raise ValidationError(problem)
