"""The words the map's script shows (legend, popups, buttons, status messages), in the reader's
language: the page hands them to static/js/map.js and map-layers.js as JSON, so the scripts carry
no words of their own.

A word with a value in it keeps a `{name}` token for the script to fill in; a word that depends on
a count comes as {"one": …, "other": …}, chosen in the script with Intl.PluralRules."""

from __future__ import annotations

from collections.abc import Callable

from babel.dates import get_month_names
from flask_babel import get_translations, gettext

from registry.languages import current


def _tokens(*names: str) -> dict[str, str]:
    """Values left as {name} tokens for the script to fill in."""
    return {name: "{" + name + "}" for name in names}


def ungettext(singular: str, plural: str, count: int) -> str:
    """The catalog's form of a counted phrase, unformatted (Flask-Babel's ngettext would fill
    %(num)s with the count itself; here it stays a {num} token)."""
    return get_translations().ngettext(singular, plural, count)


def _forms(phrase: Callable[[int], str]) -> dict[str, str]:
    """Both forms of a counted phrase (its count is the {num} token)."""
    return {"one": phrase(1), "other": phrase(2)}


def map_words() -> dict[str, object]:
    months = get_month_names("wide", locale=current())
    return {
        "language": current(),
        "months": [months[number] for number in range(1, 13)],
        "date": gettext("%(day)s %(month)s %(year)s", **_tokens("day", "month", "year")),
        "attribution": gettext("State outlines: US Census Bureau, via us-atlas"),
        # Messages under the map
        "filtersRejected": gettext("These filters could not be applied: see the message above the map."),
        "tableHasResults": gettext("The table below lists the results."),
        "statesFailed": gettext("The state figures could not be loaded."),
        "bodiesFailed": gettext("The union bodies could not be loaded."),
        "resultsFailed": gettext("The results could not be loaded. Reload the page to try again."),
        # A state: its tooltip, popup and label
        "stateNone": gettext("%(name)s: no endorsing bodies match these filters.", **_tokens("name")),
        "stateGap": _forms(lambda n: ungettext(
            "%(name)s: %(part)s of %(num)s endorsing body has no recorded mobilization (gap %(gap)s).",
            "%(name)s: %(part)s of %(num)s endorsing bodies have no recorded mobilization (gap %(gap)s).",
            n) % _tokens("num", "name", "part", "gap")),
        "popupNone": gettext("No endorsing bodies match these filters."),
        "endorsingBodies": gettext("Endorsing union bodies"),
        "notYetChecked": gettext("Not yet checked"),
        "paperOnlyChecked": gettext("Paper only (checked)"),
        "mobilizedTier": gettext("Mobilized (tier 3+)"),
        "gapAmongChecked": gettext("Gap among checked"),
        "noneChecked": gettext("none checked"),
        "gapOverAll": gettext("Gap over all endorsing"),
        "showOnly": gettext("Show only %(name)s", **_tokens("name")),
        "noEndorsers": gettext("No endorsers"),
        # A union body: its marker, popup and clusters
        "noResolution": gettext("No resolution"),
        "tier": gettext("Tier %(tier)s · %(name)s", **_tokens("tier", "name")),
        "retreat": gettext("Retreat"),
        "retreatTitle": gettext(", retreat"),
        "dormant": gettext("Dormant"),
        "loadingReason": gettext("Loading the reason for this tier…"),
        "lastActivity": gettext("Last recorded activity: %(date)s", **_tokens("date")),
        "noneRecorded": gettext("none recorded"),
        "openRecord": gettext("Open the full record"),
        "reasonFailed": gettext("The reason could not be loaded; the full record has it."),
        # Always plural in English (a group holds several bodies); the catalog has both forms.
        "cluster": _forms(lambda n: ungettext(
            "%(num)s union bodies, %(mobilized)s at tier 3 or 4: select to zoom in",
            "%(num)s union bodies, %(mobilized)s at tier 3 or 4: select to zoom in",
            n) % _tokens("num", "mobilized")),
        "clusterHere": _forms(lambda n: ungettext(
            "%(num)s union bodies here, %(mobilized)s at tier 3 or 4: select to zoom in",
            "%(num)s union bodies here, %(mobilized)s at tier 3 or 4: select to zoom in",
            n) % _tokens("num", "mobilized")),
        "samePlace": _forms(lambda n: ungettext(
            "%(num)s union bodies share this place. The table below lists them.",
            "%(num)s union bodies share this place. The table below lists them.",
            n) % _tokens("num")),
    }
