"""The API's words for people in the reader's language: an error's `message` and the messages
per field follow Accept-Language, translated on the way out. The status name, field names, the
locations (`query`, `json`) and every datum stay English.

Messages are written in English where they are raised (the views, marshmallow, webargs,
werkzeug); the ones below are in the catalog. Marshmallow's messages with values in them are
matched by their pattern and translated with the values kept."""

from __future__ import annotations

import re
from typing import Any

from flask import Flask, request
from flask_babel import gettext

from registry import textrules
from registry.languages import DEFAULT, current
from registry.text import N_

# Said by werkzeug, flask-smorest and marshmallow without values (the exact English is the key).
MESSAGES = (
    N_("The browser (or proxy) sent a request that this server could not understand."),
    N_("The requested URL was not found on the server. If you entered the URL manually please "
       "check your spelling and try again."),
    N_("The method is not allowed for the requested URL."),
    N_("The request was well-formed but was unable to be followed due to semantic errors."),
    N_("This user has exceeded an allotted request count. Try again later."),
    N_("The server encountered an internal error and was unable to complete your request. "
       "Either the server is overloaded or there is an error in the application."),
    N_("The data value transmitted exceeds the capacity limit."),
    N_("The server does not support the media type transmitted in the request."),
    N_("Not a valid boolean."),
    N_("Not a valid integer."),
    N_("Not a valid number."),
    N_("Not a valid string."),
    N_("Not a valid list."),
    N_("Not a valid date."),
    N_("Not a valid email address."),
    N_("Not a valid URL."),
    N_("Not a valid mapping type."),
    N_("Missing data for required field."),
    N_("Field may not be null."),
    N_("Invalid value."),
    N_("Invalid input type."),
    N_("Unknown field."),
    N_("Special numeric values (nan or infinity) are not permitted."),
    N_("Number too large."),
    # The registry's own (registry.api).
    N_("No union body has that id or slug."),
    N_("No congressional district of the current map has that code."),
    N_("Send a JSON object."),
    N_("Not a JSON object."),
    N_("The submission is invalid; nothing was stored."),
    N_("Unknown kind."),
    N_("Given more than once: each field takes one value."),
    N_("No place matches that ZIP code or city."),
    N_("Give four numbers: west,south,east,north."),
    N_("Longitudes must run west < east, within -180 to 180."),
    N_("Latitudes must run south < north, within -90 to 90."),
    N_("Must not be after year_to."),
)

_VALUE = r"(?P<{}>.+?)"
# (English as marshmallow writes it, with {name} for each value; the catalog's message).
PATTERNS = [
    (re.compile("^" + re.escape(english).replace(r"\{", "{").replace(r"\}", "}")
                .format(**{name: _VALUE.format(name) for name in names}) + "$", re.DOTALL), message)
    for english, names, message in (
        ("Must be one of: {choices}.", ("choices",), N_("Must be one of: %(choices)s.")),
        ("Not a valid {obj_type}.", ("obj_type",), N_("Not a valid %(obj_type)s.")),
        ("Length must be between {min} and {max}.", ("min", "max"),
         N_("Length must be between %(min)s and %(max)s.")),
        ("Longer than maximum length {max}.", ("max",), N_("Longer than maximum length %(max)s.")),
        ("Shorter than minimum length {min}.", ("min",), N_("Shorter than minimum length %(min)s.")),
        ("Must be greater than or equal to {min} and less than or equal to {max}.", ("min", "max"),
         N_("Must be greater than or equal to %(min)s and less than or equal to %(max)s.")),
        ("Must be greater than or equal to {min}.", ("min",),
         N_("Must be greater than or equal to %(min)s.")),
        ("Must be less than or equal to {max}.", ("max",), N_("Must be less than or equal to %(max)s.")),
        ("Must be greater than {min}.", ("min",), N_("Must be greater than %(min)s.")),
        ("Must be less than {max}.", ("max",), N_("Must be less than %(max)s.")),
        ("The JSON document is nested too deeply (more than {depth} levels).", ("depth",),
         N_("The JSON document is nested too deeply (more than %(depth)s levels).")),
    )
]


def _from_catalog(message: str) -> tuple[re.Pattern, str]:
    """A pattern for a message whose English is the catalog's own, values as %(name)s."""
    parts = re.split(r"%\((\w+)\)s", message)
    regex = "".join(re.escape(part) if i % 2 == 0 else _VALUE.format(part)
                    for i, part in enumerate(parts))
    return re.compile("^" + regex + "$", re.DOTALL), message


# The shared text rules (registry.textrules) say which character they refused.
PATTERNS += [_from_catalog(message) for message in (textrules.CONTROL, textrules.SURROGATE,
                                                    textrules.NONCHARACTER, textrules.SEPARATOR)]


def translated(text: Any) -> Any:
    """One message in the reader's language; anything else (data, numbers) as it is."""
    if not isinstance(text, str) or current() == DEFAULT:
        return text
    if (translation := gettext(text)) != text:
        return translation
    for pattern, message in PATTERNS:
        if match := pattern.match(text):
            return gettext(message, **match.groupdict())
    return text


def translated_errors(errors: Any) -> Any:
    """The messages per field in the reader's language; the keys (locations, field names,
    indexes) stay."""
    if isinstance(errors, dict):
        return {key: translated_errors(value) for key, value in errors.items()}
    if isinstance(errors, (list, tuple)):
        return [translated_errors(value) for value in errors]
    return translated(errors)


def in_reader_language(payload: dict[str, Any]) -> dict[str, Any]:
    """An error answer (registry.main.errors) with its words for people translated."""
    payload = dict(payload)
    payload["message"] = translated(payload.get("message"))
    if "errors" in payload:
        payload["errors"] = translated_errors(payload["errors"])
    return payload


def vary(response):
    """An API error's words depend on Accept-Language: caches keep one copy per language."""
    if response.status_code >= 400 and request.path.startswith("/api/"):
        response.vary.add("Accept-Language")
    return response


def register(app: Flask) -> None:
    app.after_request(vary)
