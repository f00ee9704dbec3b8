"""One set of rules for every text the registry accepts, from forms, the API and imports.

Text is stored, shown in pages, written into CSV, JSON and Atom XML, and compared in PostgreSQL, so
it must be text everywhere: no control characters (a tab anywhere, line breaks where a field takes
lines), no unpaired surrogates (which no encoder can write), no Unicode noncharacters, no line or
paragraph separators (which end lines in some readers and not in others). A required value must
have something visible in it, not only spaces or zero-width characters."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from registry.text import N_

SINGLE_LINE_ALLOWED = frozenset("\t")
MULTILINE_ALLOWED = frozenset("\t\n\r")


# Each problem as one whole sentence, so that a form can show it in the reader's language
# (the API and imports keep these English words).
CONTROL = N_("Must not contain control characters (found U+%(code)s).")
SURROGATE = N_("Must not contain unpaired surrogates (not valid Unicode text) (found U+%(code)s).")
NONCHARACTER = N_("Must not contain Unicode noncharacters (found U+%(code)s).")
SEPARATOR = N_("Must not contain line or paragraph separators (found U+%(code)s).")
BLANK = N_("Must contain visible text.")


def _as_written(text: str) -> str:
    return text


def _bad_character(char: str, allowed: frozenset[str]) -> str | None:
    code = ord(char)
    if char in allowed:
        return None
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return CONTROL
    if 0xD800 <= code <= 0xDFFF:
        return SURROGATE
    if 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE:
        return NONCHARACTER
    if char in "\u2028\u2029":
        return SEPARATOR
    return None


def text_problem(value: str, multiline: bool = False,
                 translate: Callable[[str], str] = _as_written) -> str | None:
    """Why a text cannot be accepted, in words for the person who sent it; None when it can.
    translate: the words in the reader's language (a form's gettext); English by default."""
    allowed = MULTILINE_ALLOWED if multiline else SINGLE_LINE_ALLOWED
    for char in value:
        problem = _bad_character(char, allowed)
        if problem:
            return translate(problem) % {"code": f"{ord(char):04X}"}
    return None


def has_visible_text(value: str) -> bool:
    """Something besides spaces and invisible format characters (zero-width space, joiners…)."""
    return any(not char.isspace() and unicodedata.category(char) not in ("Cf", "Cc", "Zs")
               for char in value)


def blank_problem(value: str, translate: Callable[[str], str] = _as_written) -> str | None:
    """For required values: refuse text made only of spaces or invisible characters."""
    return None if has_visible_text(value) else translate(BLANK)
