"""Finding interface words left in English on a page read in Spanish.

A page is rendered twice, in English and in Spanish. A piece of visible text (a text node, or a
title, label, placeholder or alt text) that is the same in both is left in English, unless what
remains of it after taking out the registry's own data (names, cities, titles, sources), numbers
and codes is empty or only words that are the same in both languages. Text inside an element marked
lang="en" (other than the page itself) is English on purpose: a citation, a licence's name, data
read from the seed files."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from sqlalchemy import String, Text, select

from registry.database import db
from registry.geo import state_name
from registry.vocab import STATE_CODES

# Words written the same in both languages, or deliberately left in English (names of things).
SAME_IN_BOTH = {
    "resolution", "registry",  # only inside the site's name, "Resolution Registry"
    "afl", "cio", "api", "csv", "json", "geojson", "atom", "pdf", "url", "urls", "zip", "olms",
    "id", "ok", "email", "e", "mail", "local", "federal", "total", "no", "error", "hr", "s",
    "openapi", "html", "ics", "usd", "lm", "cc", "md", "de", "la", "el", "y", "a", "mi", "km",
    "gov", "org", "www", "https", "http", "com", "medicare", "x", "español", "english", "am",
    "pm", "jr", "st", "rep", "lang", "es", "en",
    "d", "r", "i", "l",  # party initials, "(D)", "(R)": the same in Spanish
}
# Columns holding codes, not text shown as data: a member's language ("en", "es") would otherwise
# be taken out of every word that contains it.
CODE_COLUMNS = {"language"}
NAME = re.compile(r"([^\W\d_][\w.'-]*(?: [\w.'-]+)*), ([^\W\d_][\w.'-]*(?: [\w.'-]+)*)")
ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
SKIPPED = {"script", "style", "template", "code", "pre"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


class _Texts(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._skipping: list[str] = []
        self._english: list[str] = []  # open tags, from the outermost one marked lang="en"

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED:
            self._skipping.append(tag)
        if self._english or (tag != "html" and dict(attrs).get("lang") == "en"):
            if tag not in VOID:
                self._english.append(tag)
            return
        for name, value in attrs:
            if name in ATTRIBUTES and value:
                self._add(value)
        values = dict(attrs)
        if tag == "input" and values.get("type") in ("submit", "button") and values.get("value"):
            self._add(values["value"])

    def handle_endtag(self, tag):
        if self._skipping and self._skipping[-1] == tag:
            self._skipping.pop()
        if tag in self._english:
            del self._english[len(self._english) - 1 - self._english[::-1].index(tag):]

    def handle_data(self, data):
        if not self._skipping and not self._english:
            self._add(data)

    def _add(self, text: str) -> None:
        text = " ".join(text.split())
        if text:
            self.texts.append(text)


def visible_texts(html: str) -> list[str]:
    parser = _Texts()
    parser.feed(html)
    return parser.texts


def data_strings() -> list[str]:
    """Every text the registry holds (any string column of any table), longest first, and the
    names of the states."""
    found: set[str] = {state_name(code) for code in STATE_CODES} | set(STATE_CODES)
    for table in db.metadata.sorted_tables:
        columns = [c for c in table.columns
                   if isinstance(c.type, (String, Text)) and c.name not in CODE_COLUMNS]
        if not columns:
            continue
        for row in db.session.execute(select(*columns)):
            found.update(" ".join(str(v).split()) for v in row if v)
    # People's names stored "Last, First" (the congress records) are shown "First Last".
    found.update(f"{m.group(2)} {m.group(1)}" for s in list(found) if (m := NAME.fullmatch(s)))
    return sorted((s for s in found if len(s) > 1), key=len, reverse=True)


def left_in_english(english_html: str, spanish_html: str, data: list[str]) -> list[str]:
    english = set(visible_texts(english_html))
    left = []
    for text in visible_texts(spanish_html):
        if text not in english:
            continue
        rest = text
        for value in data:
            if value in rest:
                rest = rest.replace(value, " ")
        words = [w.lower() for w in WORD.findall(rest)]
        if any(w not in SAME_IN_BOTH for w in words):
            left.append(text)
    return sorted(set(left))
