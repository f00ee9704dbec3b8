"""Input no database can store: a NUL character in any query argument, form field or path part
is refused before a view runs (PostgreSQL rejects NUL in text), naming the field."""

from __future__ import annotations

from flask import Flask, abort, request
from flask_smorest import abort as api_abort


def _fields_with_nul() -> list[tuple[str, str]]:
    found = []
    for location, values in (("query", request.args), ("form", request.form)):
        for key, value in values.items(multi=True):
            if "\x00" in key or "\x00" in value:
                found.append((location, key.replace("\x00", "")))
    for key, value in (request.view_args or {}).items():
        if isinstance(value, str) and "\x00" in value:
            found.append(("path", key))
    return found


def register(app: Flask) -> None:
    @app.before_request
    def refuse_nul_characters():
        found = _fields_with_nul()
        if not found:
            return
        if request.path.startswith("/api/"):
            errors: dict[str, dict[str, list[str]]] = {}
            for location, name in found:
                errors.setdefault(location, {})[name] = ["Must not contain a NUL character."]
            api_abort(422, message="Invalid arguments.", errors=errors)
        names = ", ".join(sorted({name for _location, name in found}))
        abort(400, description=f"These fields contain a NUL character, which is not allowed: {names}.")
