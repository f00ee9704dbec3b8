"""Cross-origin reads: any site or notebook may GET the API; nothing grants cross-origin writes
or credentials."""

from __future__ import annotations

from flask import Flask, Response, request

READ_METHODS = ("GET", "HEAD", "OPTIONS")
EXPOSED = "ETag, Last-Modified, Link, Cache-Control, Retry-After"
REQUEST_HEADERS = "Accept, If-None-Match, If-Modified-Since"


def allow_reads(response: Response) -> Response:
    if not request.path.startswith("/api/") or request.method not in READ_METHODS:
        return response
    if request.method == "OPTIONS":
        asked = (request.headers.get("Access-Control-Request-Method") or "GET").upper()
        if asked not in ("GET", "HEAD") or asked not in response.allow:
            return response  # a preflight for a write gets no permission
        response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response.headers["Access-Control-Allow-Headers"] = REQUEST_HEADERS
        response.headers["Access-Control-Max-Age"] = "86400"
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Expose-Headers"] = EXPOSED
    return response


def register(app: Flask) -> None:
    app.after_request(allow_reads)
