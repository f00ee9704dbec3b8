"""PDF uploads: checked by their content, capped in size, stored outside `static/` under their
SHA-256 so that the same file uploaded twice is stored once."""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from typing import BinaryIO

from flask import current_app
from flask_babel import gettext
from werkzeug.utils import secure_filename

from registry.text import N_
from registry.vocab import LENGTHS, MAX_UPLOAD_BYTES

PDF_MAGIC = b"%PDF-"
SHA256 = re.compile(r"^[0-9a-f]{64}$")


class DocumentError(ValueError):
    """The upload is not an acceptable PDF; the message says why, for the person uploading (in
    English; translated() in the reader's language)."""

    def __init__(self, message: str, **values):
        self.message = message
        self.values = values
        super().__init__(message % values)

    def translated(self) -> str:
        return gettext(self.message, **self.values) if self.values else gettext(self.message)


EMPTY = N_("The file is empty. Choose the PDF again, or another copy of it.")
TOO_LARGE = N_("The file is larger than %(mb)s MB. Upload a smaller scan, or give a link to it "
               "instead.")
NOT_A_PDF = N_("The file is not a PDF (its content does not start like a PDF). Save or scan the "
               "document as PDF and try again.")


@dataclass(frozen=True)
class CheckedDocument:
    """A PDF read into memory and checked, not yet stored."""

    content: bytes
    name: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def check_pdf(stream: BinaryIO, filename: str | None) -> CheckedDocument:
    """Read an upload and refuse anything but a non-empty PDF of at most 10 MB."""
    content = stream.read(MAX_UPLOAD_BYTES + 1)
    if not content:
        raise DocumentError(EMPTY)
    if len(content) > MAX_UPLOAD_BYTES:
        raise DocumentError(TOO_LARGE, mb=MAX_UPLOAD_BYTES // (1024 * 1024))
    # The content decides, not the name: a renamed image or text file is not a PDF.
    if not content.startswith(PDF_MAGIC):
        raise DocumentError(NOT_A_PDF)
    return CheckedDocument(content, display_name(filename))


def display_name(filename: str | None) -> str:
    name = secure_filename(filename or "") or "document.pdf"
    if not name.lower().endswith(".pdf"):
        name += ".pdf"
    return name[-LENGTHS["title"]:]


def upload_folder() -> str:
    return current_app.config["UPLOAD_FOLDER"]


def path_for(sha256: str) -> str:
    """Where a document with this hash lives (two-level fan-out keeps folders small)."""
    if not SHA256.match(sha256):
        raise ValueError("not a SHA-256 hex digest")
    return os.path.join(upload_folder(), sha256[:2], f"{sha256}.pdf")


def store(document: CheckedDocument) -> str:
    """Write the document unless a file with the same hash is stored already; return the hash."""
    sha256 = document.sha256
    path = path_for(sha256)
    if os.path.exists(path):
        return sha256
    os.makedirs(os.path.dirname(path), exist_ok=True)
    # Write to a temporary file and rename it into place, so concurrent uploads of the same
    # file, or a crash half-way, never leave a partial document under the final name.
    handle, temporary = tempfile.mkstemp(dir=os.path.dirname(path), suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(document.content)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
    return sha256


def exists(sha256: str) -> bool:
    return bool(SHA256.match(sha256)) and os.path.exists(path_for(sha256))
