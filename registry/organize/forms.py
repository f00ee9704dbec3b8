"""The near-me search: a GET form (a search changes nothing, so it carries no CSRF token)."""

from __future__ import annotations

import math
from typing import Any

from flask_babel import gettext, lazy_gettext
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import FloatField, SelectField, SelectMultipleField, StringField, widgets
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, ValidationError

from registry.districts.congress import CURRENT_BILL
from registry.languages import translate
from registry.organize.services import DEFAULT_RADIUS_MI, RADIUS_MAX_MI, RADIUS_MIN_MI
from registry.vocab import LEVELS, PROSPECTS


def radius_message() -> str:
    return gettext("Enter the radius as a number of miles from %(low)s to %(high)s.",
                   low=RADIUS_MIN_MI, high=RADIUS_MAX_MI)


def options(pairs) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


class CheckboxesField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class RadiusField(FloatField):
    def process_formdata(self, valuelist):
        if valuelist and valuelist[0].strip():
            try:
                self.data = float(valuelist[0].strip())
            except ValueError:
                self.data = None
                raise ValueError(radius_message()) from None


def radius_in_range(form, field) -> None:
    if field.process_errors:  # not a number: already said
        return
    value = field.data
    if value is None or not math.isfinite(value) or not RADIUS_MIN_MI <= value <= RADIUS_MAX_MI:
        raise ValidationError(radius_message())


class NearbyForm(FlaskForm):
    class Meta:
        csrf = False

    near = StringField(lazy_gettext("Near (ZIP code or city, state)"), validators=[
        DataRequired(lazy_gettext("Enter a ZIP code or a city and state, such as 43215 or Columbus, OH.")),
        Length(max=100, message=lazy_gettext("Keep the place under 100 characters."))])
    radius_mi = RadiusField(lazy_gettext("Radius in miles"), default=DEFAULT_RADIUS_MI,
                            validators=[radius_in_range])
    prospect = CheckboxesField(lazy_gettext("Who to find"), choices=options(PROSPECTS.items()),
                               validate_choice=True)
    level = SelectField(lazy_gettext("Level"), choices=options([("", "Any level"), *LEVELS.items()]),
                        default="")
    affiliation = SelectField(lazy_gettext("Affiliation"), choices=options([("", "Any affiliation")]),
                              default="")
    cosponsor = SelectField(lazy_gettext("Representative and %(bill)s", bill=CURRENT_BILL), default="",
                            choices=[])

    def __init__(self, args: MultiDict, affiliations: tuple[str, ...]):
        super().__init__(formdata=args)
        # Labels in the reader's language, chosen per request (the values stay).
        self.level.choices = options([("", gettext("Any level")),
                                      *((key, translate(label)) for key, label in LEVELS.items())])
        self.affiliation.choices = options([("", gettext("Any affiliation")),
                                            *((a, a) for a in affiliations)])
        self.cosponsor.choices = options([
            ("", gettext("Any district")),
            ("false", gettext("Has not cosponsored %(bill)s", bill=CURRENT_BILL)),
            ("true", gettext("Cosponsored %(bill)s", bill=CURRENT_BILL))])
        self.searched = bool(args.get("near", "").strip()) or "radius_mi" in args

    def filters(self) -> dict[str, Any]:
        return {"prospects": list(self.prospect.data or []), "level": self.level.data or None,
                "affiliation": self.affiliation.data or None,
                "cosponsor": {"true": True, "false": False}.get(self.cosponsor.data or "")}
