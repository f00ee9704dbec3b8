"""Error pages for HTML, and security headers on every response."""

from __future__ import annotations

import contextlib

from flask import Flask, Response, current_app, g, render_template, request
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException, ServiceUnavailable

from registry.database import db
from registry.extensions import login_manager

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
    return render_template("errors/error.html", error=error), error.code, headers


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
    return render_error(ServiceUnavailable(
        "The registry's database cannot be reached just now, so nothing was read or stored: "
        "please try again in a minute.", retry_after=RETRY_AFTER_SECONDS))


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
