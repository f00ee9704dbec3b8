"""/feeds/published.atom: newly published records, optionally filtered (?state=OH)."""

from __future__ import annotations

import re

from flask import Blueprint, abort, render_template, request
from marshmallow import ValidationError

from registry.bodies.schemas import BodyFilterSchema
from registry.database import utcnow
from registry.feeds.services import latest_entries

bp = Blueprint("feeds", __name__, url_prefix="/feeds")

# XML 1.0 allows tab, line feed, carriage return and the characters from U+0020 on, except lone
# surrogates, U+FFFE and U+FFFF. The input rules (registry.textrules) keep the others out of new
# records; a record stored before them, or loaded around them, still never breaks the feed.
NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(document: str) -> str:
    """The document with every character XML forbids shown as U+FFFD, the replacement character."""
    return NOT_XML.sub("\ufffd", document)


@bp.get("/published.atom")
def published():
    try:
        filters = BodyFilterSchema().load(request.args.to_dict())
    except ValidationError as error:
        abort(400, description="; ".join(f"{k}: {' '.join(v)}" for k, v in error.messages.items()))
    entries = latest_entries(filters)
    updated = max((e.published for e in entries), default=utcnow())
    xml = render_template("feeds/published.xml", entries=entries, updated=updated,
                          filters={k: v for k, v in filters.items() if v is not None})
    return xml_text(xml), 200, {"Content-Type": "application/atom+xml; charset=utf-8"}
