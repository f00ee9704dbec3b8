"""Absolute links to the public site, built from SITE_URL: never from the request's Host header,
which any client may set (feeds, tracking links, call lists and citations are copied elsewhere)."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, current_app, has_request_context, request, url_for

from registry.textrules import text_problem


def site_root() -> str:
    """The public address of the site's root, without a final slash."""
    return str(current_app.config["SITE_URL"]).rstrip("/")


def site_url_for(endpoint: str, **values) -> str:
    """url_for(endpoint, **values) as an absolute address under SITE_URL."""
    path = url_for(endpoint, **values)
    # SITE_URL names the root the app is mounted at, so the mount point is not repeated.
    script_root = request.script_root if has_request_context() else ""
    if script_root and path.startswith(script_root + "/"):
        path = path[len(script_root):]
    return site_root() + path


def local_path(target: str | None) -> str | None:
    """`target` if it is a path on this site, else None: never another host, scheme or a
    protocol-relative URL, nor text a Location header cannot carry (a line break there was a 500)."""
    if not target or text_problem(target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") \
            or "\\" in target:
        return None
    return target


def register(app: Flask) -> None:
    app.jinja_env.globals.update(site_url_for=site_url_for, site_root=site_root)
