"""The languages the site is written in, which one a visitor reads, and the helpers that put
words into it.

A visitor reads the language named by `?lang=` on the URL (a shared link may ask for one), else
the one they chose with the switch (kept in a cookie), else the best match for their browser's
Accept-Language, else English. Data (union names, quoted text) is never translated; the
interface around it is.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import fields, is_dataclass, replace
from datetime import date, datetime

from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal, format_percent, get_group_symbol
from flask import Flask, g, has_request_context, redirect, request, url_for
from flask_babel import Babel, get_locale, get_translations, gettext, refresh

from registry.text import N_, format_partial_date

__all__ = ["N_", "LANGUAGES", "Labels", "babel", "select", "translate"]

LANGUAGES: dict[str, str] = {"en": "English", "es": "Español"}
DEFAULT = "en"
COOKIE = "lang"
COOKIE_SECONDS = 365 * 24 * 3600
# Written in English only, frame and all (no half-translated page): the pages for reviewers and
# their sign-in, and the API reference, which is drawn from the OpenAPI document and its field names.
ENGLISH_ONLY_BLUEPRINTS = frozenset({"review", "auth", "apidocs"})

babel = Babel()


def select() -> str:
    """The language of this request."""
    if not has_request_context() or english_only():
        return DEFAULT
    asked = request.args.get("lang")
    if asked in LANGUAGES:
        return asked
    kept = request.cookies.get(COOKIE)
    if kept in LANGUAGES:
        return kept
    return request.accept_languages.best_match(tuple(LANGUAGES), default=DEFAULT)


def english_only() -> bool:
    """This page is for reviewers or developers: it has no other language and no switch."""
    return has_request_context() and request.blueprint in ENGLISH_ONLY_BLUEPRINTS


def current() -> str:
    """The code of the language being written ("en", "es"): the request's, or the one an email
    is being written in (flask_babel.force_locale)."""
    if not has_request_context():
        return DEFAULT
    locale = _chosen_locale() or get_locale()
    # The site's languages carry no territory, so the language is the whole code.
    return locale.language if locale is not None else DEFAULT


# A page asks for its language and its words a few thousand times; Flask-Babel finds both through
# several lookups on `g` each time. These read what Flask-Babel chose (and force_locale set) once.

def _babel_state():
    """Flask-Babel's state for this application context (None before it has any)."""
    try:
        return g._get_current_object()._flask_babel
    except (RuntimeError, AttributeError):
        return None


def _chosen_locale():
    return getattr(_babel_state(), "babel_locale", None)


def _translations():
    """Flask-Babel's translations of the language being written, kept with that language."""
    state = _babel_state()
    locale = getattr(state, "babel_locale", None)
    kept = getattr(state, "registry_translations", None)
    if locale is not None and kept is not None and kept[0] is locale:
        return kept[1]
    translations = get_translations()
    if state is not None:
        state.registry_translations = (getattr(state, "babel_locale", None), translations)
    return translations


def _gettext(text: str) -> str:
    return _translations().ugettext(text)


def say(text: str, **values) -> str:
    """flask_babel.gettext, for text translated many times on one page (reasons, labels)."""
    translated = _translations().ugettext(text)
    return translated % values if values else translated


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _translations().ungettext(singular, plural, n)


def _pgettext(context: str, text: str) -> str:
    return _translations().upgettext(context, text)


def _npgettext(context: str, singular: str, plural: str, n: int) -> str:
    return _translations().unpgettext(context, singular, plural, n)


def translate(text):
    """A label defined in English, in the reader's language (unchanged if it has no entry)."""
    if not text or not isinstance(text, str):
        return text
    return _gettext(text)


class Labels(Mapping):
    """A vocabulary read in the reader's language: the mapping's keys stay, its words (or the
    text fields of its records) are translated when read."""

    def __init__(self, source: Mapping):
        self._source = source

    def __getitem__(self, key):
        return _translated(self._source[key])

    def __iter__(self):
        return iter(self._source)

    def __len__(self) -> int:
        return len(self._source)

    def translated(self) -> dict:
        """A plain dict of the translated words (for `tojson`)."""
        return dict(self.items())


def _translated(value):
    if isinstance(value, str):
        return translate(value)
    if is_dataclass(value):
        texts = {f.name: translate(getattr(value, f.name)) for f in fields(value)
                 if isinstance(getattr(value, f.name), str) and f.name != "code"}
        return replace(value, **texts)
    return value


def number(value) -> str:
    """A count with the reader's grouping (12,345 in English, 12.345 in Spanish)."""
    if value is None:
        return "—"
    language = current()
    if type(value) is int:  # most numbers shown: Python groups them, with the language's mark
        grouped = f"{value:,}"
        mark = _group_mark(language)
        return grouped if mark == "," else grouped.replace(",", mark)
    return format_decimal(value, locale=language)


@functools.cache
def _group_mark(language: str) -> str:
    return get_group_symbol(language)


def share(value: float | None) -> str:
    """A share as a whole percentage in the reader's style (80% or 80 %)."""
    return "—" if value is None else _percent(value, current())


@functools.lru_cache(maxsize=4096)
def _percent(value: float, language: str) -> str:
    # A page shows hundreds of shares, most of them again and again: Babel's formatting is
    # remembered (a few thousand short strings at most).
    return format_percent(value, locale=language)


def switch_url(code: str) -> str:
    """The switch to `code` that brings the reader back to this page with its filters."""
    args = request.args.to_dict(flat=False)
    args.pop("lang", None)
    here = url_for(request.endpoint, **(request.view_args or {}), **args) \
        if request.endpoint else request.path
    return url_for("main.language", code=code, next=here)


def alternate_url(code: str | None) -> str:
    """This page in one language, for hreflang alternates (None: the negotiated page)."""
    args = request.args.to_dict(flat=False)
    args.pop("lang", None)
    if code:
        args["lang"] = [code]
    from registry.main.links import site_url_for

    return site_url_for(request.endpoint, **(request.view_args or {}), **args)


def choose(code: str):
    """The switch: remember the choice and go back to the page it was made on (on this site)."""
    from registry.main.links import local_path

    response = redirect(local_path(request.args.get("next")) or url_for("main.index"))
    if code in LANGUAGES:
        response.set_cookie(COOKIE, code, max_age=COOKIE_SECONDS, samesite="Lax",
                            secure=request.is_secure, httponly=True)
    return response


def vary(response):
    """A page's words depend on the browser's languages and on the switch's cookie: caches must
    keep one copy per language."""
    if response.mimetype == "text/html":
        response.vary.add("Accept-Language")
        response.vary.add("Cookie")
    return response


def register(app: Flask) -> None:
    babel.init_app(app, locale_selector=select)
    app.jinja_env.install_gettext_callables(gettext=_gettext, ngettext=_ngettext, newstyle=True,
                                            pgettext=_pgettext, npgettext=_npgettext)
    # Flask-Babel keeps the language on `g`, which outlives a request wherever an application
    # context spans several (commands, tests): each request chooses afresh.
    app.before_request(refresh)
    app.after_request(vary)
    app.jinja_env.filters.update(num=number, share=share, tr=translate, partial_date=partial_date)
    app.jinja_env.globals.update(LANGUAGES=LANGUAGES, current_language=current,
                                 english_only_page=english_only,
                                 language_switch=switch_url, language_alternate=alternate_url)


def partial_date(value: date | datetime | None, precision: str | None = "day") -> str:
    """A date only as precisely as it is known, in the reader's language: '1 May 2019',
    '1 de mayo de 2019'; 'May 2019', 'mayo de 2019'; '2019'."""
    language = current()
    if language == DEFAULT or value is None:
        return gettext(format_partial_date(value, precision)) if value is None \
            else format_partial_date(value, precision)
    if precision == "year":
        return str(value.year)
    if precision == "month":
        return format_skeleton("yMMMM", value, locale=language)
    return format_date(value, format="long", locale=language)
