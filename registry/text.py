"""Plain words shared by pages, reasons, emails and exports: dates as precisely as they are known."""

from __future__ import annotations

from datetime import date


def N_(text: str) -> str:
    """Marks a word for the translation catalog where it is defined; it is translated where it
    is shown (registry.languages)."""
    return text


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def format_partial_date(value: date | None, precision: str | None = "day") -> str:
    """A date shown only as precisely as it is known: '2019', 'May 2019', '1 May 2019'."""
    if value is None:
        return N_("undated")  # the pages translate it (registry.languages.partial_date)
    if precision == "year":
        return str(value.year)
    if precision == "month":
        return f"{MONTHS[value.month - 1]} {value.year}"
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"
