"""Conditional requests for every read under /api/v1: a weak ETag and Last-Modified derived from
the registry's latest change (one cheap query), 304 Not Modified on If-None-Match or
If-Modified-Since."""

from __future__ import annotations

import hashlib
from datetime import datetime
from urllib.parse import urlencode

from flask import Flask, Response, g, request
from werkzeug.http import is_resource_modified

from registry.cache import last_change
from registry.followthrough.status import today

PREFIX = "/api/v1/"
CACHE_CONTROL = "public, no-cache"  # may be stored, but revalidated on every use


def applies() -> bool:
    """GET and HEAD requests to an existing API route."""
    return (request.method in ("GET", "HEAD") and request.path.startswith(PREFIX)
            and request.url_rule is not None)


def validators() -> tuple[str, datetime | None]:
    """The ETag (unquoted) and Last-Modified of this request's answer: a digest of the
    registry's latest change, today's date (dormancy is measured from it), the path and the
    query string in a canonical order."""
    day = today()
    # Read with the data version in one statement: the figures cached per version need it too.
    changed = last_change()
    query = urlencode(sorted(request.args.items(multi=True)))
    key = "\n".join(("v1", changed.isoformat() if changed else "empty", day.isoformat(),
                     request.path, query))
    return hashlib.sha256(key.encode()).hexdigest()[:32], changed


def short_circuit() -> Response | None:
    """Answer 304 before doing any work when the client already holds this exact answer.

    The ETag covers the path, the query and the registry's state, so a client can only hold it
    if this very request answered 200 at this very state."""
    if not applies():
        return None
    g.api_validators = tag, changed = validators()
    held = request.if_none_match
    if held and not held.star_tag and held.contains_weak(tag):
        response = Response(status=304)
        stamp(response, tag, changed)
        return response
    return None


def stamp(response: Response, tag: str, changed: datetime | None) -> None:
    response.set_etag(tag, weak=True)
    if changed is not None:
        response.last_modified = changed.replace(microsecond=0)
    response.headers["Cache-Control"] = CACHE_CONTROL


def conditional(response: Response) -> Response:
    """Stamp successful reads; turn them into 304 when the client's copy is still current
    (If-None-Match wins over If-Modified-Since, as HTTP says)."""
    found = g.pop("api_validators", None)
    if found is None or response.status_code != 200:
        return response
    tag, changed = found
    stamp(response, tag, changed)
    if not is_resource_modified(request.environ, etag=response.headers["ETag"],
                                last_modified=response.last_modified):
        response.status_code = 304
        response.set_data(b"")
        del response.headers["Content-Type"]
    return response


def register(app: Flask) -> None:
    app.before_request(short_circuit)
    app.after_request(conditional)
