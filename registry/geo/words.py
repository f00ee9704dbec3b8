"""Distances in the reader's language: '50 miles' or '50 millas', '1 mile' or '1 milla', '12.3'
or '12,3'. Registered as the template filters `miles` and `decimal`."""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import format_decimal
from flask import Flask
from flask_babel import ngettext

from registry.languages import current


def decimal(value: float | None, places: int = 1) -> str:
    """A distance with a fixed number of decimals ('12.3', '12,3'): the digits are those of
    '%.1f', only the separators follow the language."""
    if value is None:
        return "—"
    return format_decimal(Decimal(f"{value:.{places}f}"), format="#,##0." + "0" * places, locale=current())


def number(value: float) -> str:
    """A radius as given ('50', '2.5', '2,5'), like '%g' with the language's separators."""
    return format_decimal(Decimal(f"{value:g}"), format="#,##0.######", locale=current())


def miles(value: float) -> str:
    """'1 mile', '50 miles', '2.5 miles' (in Spanish '1 milla', '50 millas', '2,5 millas')."""
    # Both languages use the plural for any distance but exactly one; gettext's plural rules
    # take whole numbers only.
    count = 1 if value == 1 else 2 if value != int(value) else int(value)
    return ngettext("%(distance)s mile", "%(distance)s miles", count, distance=number(value))


def register(app: Flask) -> None:
    app.jinja_env.filters.update(miles=miles, decimal=decimal, radius=number)
