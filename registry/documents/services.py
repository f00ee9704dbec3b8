"""Which stored documents the public may download: only those cited by a published record."""

from __future__ import annotations

from sqlalchemy import select

from registry.database import db
from registry.models import Source


def published_document_name(sha256: str) -> str | None:
    """The file name of a document that a published source cites, or None if none does.

    Sources exist only on published records; an upload still waiting for review is cited by
    its submission alone, so it stays private."""
    source = db.session.scalar(
        select(Source).where(Source.document_sha256 == sha256).order_by(Source.id).limit(1)
    )
    if source is None:
        return None
    return source.document_name or f"{sha256}.pdf"
