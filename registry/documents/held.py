"""Uploads held while a member corrects a form.

A member's form can come back with a mistake to fix (a future date, a missing field, too many
submissions at once). Browsers never re-send a file, so an accepted PDF is kept on the server
under a random name, and the form carries a signed reference to it: only the server can make
one, so a reference reaches only the file it was made for, never anybody else's. Held files
are private (never served) and are deleted once sent, or after a day."""

from __future__ import annotations

import contextlib
import io
import os
import re
import secrets
import tempfile
import time

from flask import current_app
from itsdangerous import BadData, URLSafeTimedSerializer

from registry.documents.storage import CheckedDocument, DocumentError, check_pdf, upload_folder

HELD_FOR_SECONDS = 24 * 3600
KEY = re.compile(r"^[A-Za-z0-9_-]{32}$")


def _signer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="held-upload")


def _folder() -> str:
    return os.path.join(upload_folder(), "held")


def _path(key: str) -> str:
    return os.path.join(_folder(), f"{key}.pdf")


def hold(document: CheckedDocument) -> str:
    """Keep an accepted PDF for the next try of the form; returns its signed reference."""
    sweep()
    key = secrets.token_urlsafe(24)
    os.makedirs(_folder(), exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=_folder(), suffix=".part")
    with os.fdopen(handle, "wb") as out:
        out.write(document.content)
    os.replace(temporary, _path(key))
    return _signer().dumps({"key": key, "name": document.name})


def _key(reference: str | None) -> tuple[str, str] | None:
    if not reference or len(reference) > 500:
        return None
    try:
        data = _signer().loads(reference, max_age=HELD_FOR_SECONDS)
    except BadData:
        return None
    if not isinstance(data, dict) or not KEY.match(str(data.get("key", ""))):
        return None
    return data["key"], str(data.get("name") or "document.pdf")


def held_name(reference: str | None) -> str | None:
    """The file name of a held upload, or None if the reference is not valid (or has expired)."""
    found = _key(reference)
    return found[1] if found and os.path.exists(_path(found[0])) else None


def take(reference: str | None) -> CheckedDocument | None:
    """The held PDF a reference names, checked again; None if there is none."""
    found = _key(reference)
    if found is None:
        return None
    key, name = found
    try:
        with open(_path(key), "rb") as handle:
            return check_pdf(io.BytesIO(handle.read()), name)
    except (OSError, DocumentError):
        return None


def discard(reference: str | None) -> None:
    """Delete a held upload once its submission is stored."""
    found = _key(reference)
    if found is not None:
        with contextlib.suppress(FileNotFoundError):
            os.remove(_path(found[0]))


def sweep(now: float | None = None) -> int:
    """Delete held uploads older than a day (abandoned forms); returns how many."""
    cutoff = (now or time.time()) - HELD_FOR_SECONDS
    removed = 0
    if not os.path.isdir(_folder()):
        return 0
    for entry in os.scandir(_folder()):
        with contextlib.suppress(FileNotFoundError):  # another request swept it first
            if entry.is_file() and entry.stat().st_mtime < cutoff:
                os.remove(entry.path)
                removed += 1
    return removed
