"""Error pages for HTML, and security headers on every response."""

from __future__ import annotations

import contextlib

from flask import Flask, Response, current_app, g, render_template, request
from flask_babel import gettext
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException, ServiceUnavailable

from registry.database import db
from registry.extensions import login_manager
from registry.languages import translate
from registry.text import N_

CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'self'",
    "img-src 'self' data:",
    "style-src 'self'",
    "script-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))


# The error pages' titles and Werkzeug's own descriptions, for the catalog: a page translates the
# title and the description it shows (a description given with abort() is translated where given).
NAMES = {
    400: N_("Bad Request"), 401: N_("Unauthorized"), 403: N_("Forbidden"), 404: N_("Not Found"),
    405: N_("Method Not Allowed"), 409: N_("Conflict"), 410: N_("Gone"),
    413: N_("Request Entity Too Large"), 415: N_("Unsupported Media Type"),
    422: N_("Unprocessable Entity"), 429: N_("Too Many Requests"), 500: N_("Internal Server Error"),
    503: N_("Service Unavailable"),
}
DESCRIPTIONS = (
    N_("The browser (or proxy) sent a request that this server could not understand."),
    N_("You don't have the permission to access the requested resource. It is either read-protected "
       "or not readable by the server."),
    N_("The requested URL was not found on the server. If you entered the URL manually please check "
       "your spelling and try again."),
    N_("The method is not allowed for the requested URL."),
    N_("The requested URL is no longer available on this server and there is no forwarding address. "
       "If you followed a link from a foreign page, please contact the author of this page."),
    N_("The data value transmitted exceeds the capacity limit."),
    N_("This user has exceeded an allotted request count. Try again later."),
    N_("The server encountered an internal error and was unable to complete your request. Either the "
       "server is overloaded or there is an error in the application."),
    N_("The server is temporarily unable to service your request due to maintenance downtime or "
       "capacity problems. Please try again later."),
)

# Pages for one person only: no cache, shared or the browser's, keeps a copy.
PRIVATE = "private, no-store"
# Everything behind the login, and the login pages themselves (they carry a CSRF token).
PRIVATE_BLUEPRINTS = frozenset({"review", "auth"})


def built_for_a_reviewer() -> bool:
    """The response was built knowing who is signed in (Flask-Login loaded the user) and someone
    is: it may show what only reviewers see."""
    user = g.get("_login_user")
    return user is not None and user.is_authenticated


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def render_error(error: HTTPException):
    """One handler for every HTTP error: JSON of one shape for the API, a page for people."""
    if error.code is None or error.code >= 500:
        db.session.rollback()
    # Keep headers the error carries, such as Allow on a 405.
    headers = {k: v for k, v in error.get_headers() if k.lower() != "content-type"}
    if wants_json():
        payload = {"code": error.code, "status": error.name, "message": error.description}
        data = getattr(error, "data", None) or {}
        payload["message"] = data.get("message", payload["message"])
        if data.get("errors") or data.get("messages"):
            payload["errors"] = data.get("errors") or data.get("messages")
        headers.update(data.get("headers") or {})
        from registry.api.messages import in_reader_language

        return in_reader_language(payload), error.code, headers
    name = translate(NAMES[error.code]) if error.code in NAMES else error.name
    return render_template("errors/error.html", error=error, name=name,
                           description=translate(error.description)), error.code, headers


# Seconds a client should wait before trying again while the database cannot be reached.
RETRY_AFTER_SECONDS = 30


def database_unavailable(error: Exception):
    """The database cannot be reached (down, refusing connections, pool exhausted, SQLite file
    unreadable): 503 with Retry-After and the site's own page, never a 500."""
    current_app.logger.error("Database unavailable: %s", error)
    with contextlib.suppress(OperationalError, InterfaceError):  # the connection is gone already
        db.session.rollback()
    # The page must not ask the database who is signed in.
    g._login_user = login_manager.anonymous_user()
    return render_error(ServiceUnavailable(gettext(
        "The registry's database cannot be reached just now, so nothing was read or stored: "
        "please try again in a minute."), retry_after=RETRY_AFTER_SECONDS))


def register(app: Flask) -> None:
    # Registered on the base class so it replaces flask-smorest's handler for the whole app.
    app.register_error_handler(HTTPException, render_error)
    for error in (OperationalError, InterfaceError, PoolTimeout):
        app.register_error_handler(error, database_unavailable)

    @app.after_request
    def security_headers(response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        if request.blueprint in PRIVATE_BLUEPRINTS or built_for_a_reviewer():
            response.headers["Cache-Control"] = PRIVATE
        hsts = int(app.config.get("HSTS_MAX_AGE") or 0)
        if hsts > 0 and request.is_secure and not app.debug:
            # Browsers take it only over HTTPS; behind a TLS proxy, PROXY_COUNT makes is_secure true.
            response.headers.setdefault("Strict-Transport-Security", f"max-age={hsts}")
        return response
