"""Downloads of published documents, always as PDF attachments."""

from __future__ import annotations

from flask import Blueprint, abort, send_file

from registry.documents import services, storage
from registry.main.errors import PRIVATE

bp = Blueprint("documents", __name__, url_prefix="/documents")


def send_pdf(sha256: str, name: str, private: bool = False):
    """The stored PDF as an attachment (never rendered inline by the site's origin). A document
    not yet published (private) is never kept by any cache."""
    if not storage.exists(sha256):
        abort(404, description="That document is not stored here.")
    response = send_file(storage.path_for(sha256), mimetype="application/pdf", as_attachment=True,
                         download_name=name, max_age=None if private else 3600)
    if private:
        response.headers["Cache-Control"] = PRIVATE
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.get("/<sha256>")
def download(sha256: str):
    name = services.published_document_name(sha256) if storage.SHA256.match(sha256) else None
    if name is None:
        abort(404, description="No published record cites that document.")
    return send_pdf(sha256, name)
