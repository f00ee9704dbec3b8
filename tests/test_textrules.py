"""registry.textrules: one set of rules for every text accepted, and the patterns that state
them in the OpenAPI document agree with them character for character."""

from __future__ import annotations

import re

import pytest
from marshmallow import ValidationError

from registry.fields import (
    INVISIBLE,
    MULTILINE_FORBIDDEN,
    SINGLE_LINE_FORBIDDEN,
    TextRules,
    text_pattern,
)
from registry.textrules import blank_problem, has_visible_text, text_problem

# Lone surrogates are left out of the patterns (no engine names them); the validator refuses them.
CODE_POINTS = [c for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]


@pytest.mark.parametrize(("character_class", "refused"), [
    (SINGLE_LINE_FORBIDDEN, lambda char: text_problem(char) is not None),
    (MULTILINE_FORBIDDEN, lambda char: text_problem(char, multiline=True) is not None),
    (INVISIBLE, lambda char: not has_visible_text(char)),
])
def test_pattern_classes_name_exactly_the_characters_the_rules_name(character_class, refused):
    in_class = re.compile(f"[{character_class}]")
    disagreements = [f"U+{c:04X}" for c in CODE_POINTS
                     if bool(in_class.fullmatch(chr(c))) != refused(chr(c))]
    assert disagreements == []


@pytest.mark.parametrize("value", ["Local 7", "a\tb", "Ünïcödé 東京 🙂", "", " x "])
def test_text_anyone_would_type_is_accepted(value):
    assert text_problem(value) is None and text_problem(value, multiline=True) is None


@pytest.mark.parametrize(("value", "words"), [
    ("x\ud800y", "unpaired surrogates"), ("a\x0bb", "control characters"),
    ("a\x1bb", "control characters"), ("a\x85", "control characters"),
    ("a\ufdd0", "noncharacters"), ("a\U0010ffff", "noncharacters"),
    ("a\u2029", "line or paragraph separators"), ("two\nlines", "control characters"),
])
def test_text_that_cannot_be_text_everywhere_is_refused_saying_why(value, words):
    problem = text_problem(value)
    assert problem is not None and words in problem and "(found U+" in problem


def test_line_breaks_only_where_a_field_takes_lines():
    assert text_problem("one\r\ntwo", multiline=True) is None
    assert text_problem("one\r\ntwo") is not None


@pytest.mark.parametrize("value", ["\u200b", " ", "\u00a0\u3000", "\ufeff\u2060", "\t\n"])
def test_required_text_needs_something_visible(value):
    assert blank_problem(value) == "Must contain visible text."


@pytest.mark.parametrize(("value", "multiline", "required"), [
    ("Local 7", False, True), ("a\tb", False, False), ("a\r\nb", True, True), ("", False, False),
    ("\u200bx", False, True), ("a\nb", False, False), ("\u200b", False, True), ("\x0b", True, False),
    ("x\U0001fffe", False, False), ("x\ufffe", True, True), ("\u2028x", True, True),
])
def test_the_documented_pattern_and_the_validator_agree(value, multiline, required):
    pattern = re.compile(text_pattern(multiline, required).removesuffix("$") + r"\Z")
    try:
        TextRules(multiline, required)(value)
        accepted = True
    except ValidationError:
        accepted = False
    assert accepted == bool(pattern.match(value))
