"""Downloads of published documents, always as PDF attachments."""

from __future__ import annotations

from flask import Blueprint, abort, send_file
from flask_babel import gettext

from registry.documents import services, storage

bp = Blueprint("documents", __name__, url_prefix="/documents")


def send_pdf(sha256: str, name: str):
    """The stored PDF as an attachment (never rendered inline by the site's origin). Served for
    reviewers (registry.review), the answer is made private, no-store like every page there."""
    if not storage.exists(sha256):
        abort(404, description=gettext("That document is not stored here."))
    response = send_file(storage.path_for(sha256), mimetype="application/pdf", as_attachment=True,
                         download_name=name, max_age=3600)
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.get("/<sha256>")
def download(sha256: str):
    name = services.published_document_name(sha256) if storage.SHA256.match(sha256) else None
    if name is None:
        abort(404, description=gettext("No published record cites that document."))
    return send_pdf(sha256, name)
