"""The filter errors of the body list and the map, in the reader's language: marshmallow words
its messages in English; the pages show people the same message translated (the API keeps its
own messages)."""

from __future__ import annotations

import re
from typing import Any

from flask_babel import gettext

from registry.languages import translate
from registry.text import N_

# Marshmallow's fixed messages, and the registry's own, for the catalog.
FIXED = (
    N_("Not a valid integer."), N_("Not a valid boolean."), N_("Not a valid string."),
    N_("Unknown field."), N_("Invalid input type."), N_("Must not contain control characters."),
)
ONE_OF = re.compile(r"^Must be one of: (?P<choices>.*)\.$")
BETWEEN = re.compile(r"^Must be greater than or equal to (?P<low>\S+) and less than or equal to "
                     r"(?P<high>\S+)\.$")
LONGER = re.compile(r"^Longer than maximum length (?P<most>\d+)\.$")


def for_people(messages: Any) -> Any:
    """A marshmallow error dict (or list, or message) with each message translated."""
    if isinstance(messages, dict):
        return {name: for_people(value) for name, value in messages.items()}
    if isinstance(messages, list | tuple):
        return [for_people(value) for value in messages]
    if not isinstance(messages, str):
        return messages
    if match := ONE_OF.match(messages):
        return gettext("Must be one of: %(choices)s.", choices=match["choices"])
    if match := BETWEEN.match(messages):
        return gettext("Must be greater than or equal to %(low)s and less than or equal to %(high)s.",
                       low=match["low"], high=match["high"])
    if match := LONGER.match(messages):
        return gettext("Longer than maximum length %(most)s.", most=match["most"])
    return translate(messages)
