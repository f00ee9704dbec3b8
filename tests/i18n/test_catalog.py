"""The Spanish catalog is whole: it holds every word the code and templates mark, each one is
translated (no empty or fuzzy entry), and each translation keeps its placeholders."""

from __future__ import annotations

import os
import re

from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

from registry import PROJECT_ROOT

CATALOG = os.path.join(PROJECT_ROOT, "registry", "translations", "es", "LC_MESSAGES", "messages.po")
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]")


def spanish():
    with open(CATALOG, "rb") as handle:
        return read_po(handle, locale="es")


def marked_words(tmp_path) -> set[str]:
    """What `make i18n-extract` gathers, read from a fresh extraction."""
    template = tmp_path / "messages.pot"
    CommandLineInterface().run([
        "pybabel", "--quiet", "extract", "-F", os.path.join(PROJECT_ROOT, "babel.cfg"),
        "-k", "_l", "-k", "lazy_gettext", "-o", str(template), PROJECT_ROOT])
    with open(template, "rb") as handle:
        return {message.id if isinstance(message.id, str) else message.id[0]
                for message in read_po(handle) if message.id}


def msgids(catalog) -> set[str]:
    return {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}


def test_the_catalog_holds_every_marked_word(tmp_path):
    missing = marked_words(tmp_path) - msgids(spanish())
    assert sorted(missing) == [], "run `make i18n-update` and translate the new entries"


def test_every_entry_is_translated_and_none_is_fuzzy():
    untranslated, fuzzy = [], []
    for message in spanish():
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(s.strip() for s in strings):
            untranslated.append(message.id)
        if message.fuzzy:
            fuzzy.append(message.id)
    assert untranslated == []
    assert fuzzy == []


def test_translations_keep_their_placeholders():
    wrong = []
    for message in spanish():
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(PLACEHOLDER.findall(" ".join(ids)))
        for string in strings:
            if set(PLACEHOLDER.findall(string)) != wanted:
                wrong.append((message.id, string))
    assert wrong == []
