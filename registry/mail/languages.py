"""An email to a member goes in the language they used on the site when they submitted or
followed a body; its links ask for that language, so the pages they open read the same way."""

from __future__ import annotations

from flask_babel import force_locale

from registry.languages import DEFAULT, LANGUAGES


def member_language(code: str | None) -> str:
    """The language recorded for a member, or English for anything unknown."""
    return code if code in LANGUAGES else DEFAULT


def link_arguments(code: str | None) -> dict[str, str]:
    """Query arguments for the links of an email: `lang=es` in Spanish ones, none in English."""
    language = member_language(code)
    return {} if language == DEFAULT else {"lang": language}


def in_language(code: str | None):
    """A context in which templates, `gettext` and the date and number filters write in the
    member's language."""
    return force_locale(member_language(code))
