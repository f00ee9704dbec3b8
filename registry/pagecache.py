"""Public pages at the server's own speed: conditional requests and a shared cache of rendered
pages, both keyed by the registry's data version.

Every public page read by a visitor without a session carries a weak ETag (a digest of the data
version, the code, the language, the path and the query) and Last-Modified (the registry's last
change), is answered 304 when the visitor already holds it, and is rendered once per key: the
HTML is kept in the page store (Flask-Caching: Redis when CACHE_REDIS_URL is set, shared by every
worker and server; each process's memory otherwise) and served from there until the data
version moves, which every publication and every edit does.

Nothing private is ever stored or served from the store: only GET and HEAD requests to the
public blueprints qualify, never a request that carries a session or remember-me cookie (a
signed-in reviewer, a visitor holding a form's CSRF token or a flash message), and a rendered
page is kept only if rendering it set no cookie, touched no session and showed no reviewer.
"""

from __future__ import annotations

import hashlib
import os
from urllib.parse import urlencode

from flask import Flask, Response, current_app, g, request, session
from flask_caching import Cache
from werkzeug.http import is_resource_modified, quote_etag

from registry import cache, languages

# Blueprints whose pages are the same for every visitor without a session.
PUBLIC_BLUEPRINTS = frozenset({"main", "bodies", "bills", "gap", "coverage", "mapview", "organize",
                               "districts", "data", "feeds", "exports"})
# Endpoints of those that must always run: the health check reports on the database now.
ALWAYS_RUN = frozenset({"main.healthz", "main.language"})
# May be stored, but revalidated on every use (the ETag makes that cheap).
CACHE_CONTROL = "public, no-cache"
# The same URL is a different page for a signed-in reviewer (the navigation shows the queue) and
# in another language (chosen by the browser's languages or by the switch's cookie).
VARY = ("Cookie", "Accept-Language")
KEY_PREFIX = "registry-page:"
# Headers set afresh on every answer, never kept with a stored page.
NOT_STORED = frozenset({"set-cookie", "content-length", "date", "etag", "last-modified",
                        "cache-control", "vary", "retry-after"})

store = Cache()


def configure(app: Flask) -> None:
    """Bind the page store: Redis when CACHE_REDIS_URL is set, else this process's memory.
    The page cache is on unless switched off (PAGE_CACHE=false), and off by default in tests,
    which change rows behind the services' back."""
    if app.config.get("PAGE_CACHE") is None:
        app.config["PAGE_CACHE"] = not app.testing
    redis_url = app.config.get("CACHE_REDIS_URL")
    app.config.setdefault("CACHE_TYPE", "RedisCache" if redis_url else "SimpleCache")
    app.config.setdefault("CACHE_KEY_PREFIX", KEY_PREFIX)
    store.init_app(app)
    app.extensions["registry.code_version"] = code_version()
    app.before_request(short_circuit)
    app.after_request(keep)


def code_version() -> str:
    """A digest of the templates, static files, code and the seed files pages read (coverage
    figures), so that pages rendered by an older release are never served by a newer one
    sharing the same store."""
    from registry import PROJECT_ROOT

    paths = [os.path.join(PROJECT_ROOT, "seeds", name)
             for name in sorted(os.listdir(os.path.join(PROJECT_ROOT, "seeds")))]
    for folder in ("templates", "static", "registry"):
        for root, dirs, files in os.walk(os.path.join(PROJECT_ROOT, folder)):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            paths += [os.path.join(root, name) for name in sorted(files)]
    digest = hashlib.sha256()
    for path in paths:
        if os.path.isfile(path):
            digest.update(os.path.relpath(path, PROJECT_ROOT).encode())
            with open(path, "rb") as handle:
                digest.update(hashlib.sha256(handle.read()).digest())
    return digest.hexdigest()[:16]


def holds_session() -> bool:
    """The request carries a session or remember-me cookie: its pages may be someone's own."""
    names = (current_app.config.get("SESSION_COOKIE_NAME") or "session",
             current_app.config.get("REMEMBER_COOKIE_NAME") or "remember_token")
    return any(name in request.cookies for name in names)


def applies() -> bool:
    """A read of a public page by a visitor without a session."""
    return (request.method in ("GET", "HEAD") and request.url_rule is not None
            and request.blueprint in PUBLIC_BLUEPRINTS and request.endpoint not in ALWAYS_RUN
            and not holds_session())


def page_key() -> str:
    """A digest naming this page at this data version: the code, the language, the path and the
    query arguments in a canonical order."""
    query = urlencode(sorted(request.args.items(multi=True)))
    parts = ("page-v1", current_app.extensions["registry.code_version"], repr(cache.data_version()),
             languages.select(), request.host_url, request.path, query)
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:40]


def stamp(response: Response, key: str) -> Response:
    response.set_etag(key[:32], weak=True)
    changed = cache.last_change()
    if changed is not None:
        response.last_modified = changed.replace(microsecond=0)
    response.headers["Cache-Control"] = CACHE_CONTROL
    for header in VARY:
        response.vary.add(header)
    return response


def short_circuit() -> Response | None:
    """304 when the visitor holds this page at this data version; the stored page when there is
    one; otherwise let the view render it (and keep() store it)."""
    if not applies():
        return None
    g.page_key = key = page_key()
    changed = cache.last_change()
    if not is_resource_modified(request.environ, etag=quote_etag(key[:32], weak=True),
                                last_modified=changed.replace(microsecond=0) if changed else None):
        return stamp(Response(status=304), key)
    if not current_app.config["PAGE_CACHE"]:
        return None
    found = store.get(key)
    if found is None:
        return None
    body, headers = found
    g.page_from_store = True
    return stamp(Response(body, headers=headers), key)


def shareable(response: Response) -> bool:
    """Rendered for nobody in particular: no cookie set, no session touched, no reviewer shown,
    no private Cache-Control, a whole 200 answer."""
    return (response.status_code == 200 and not response.is_streamed
            and not response.direct_passthrough and "Set-Cookie" not in response.headers
            and not session.modified and not session.get("_flashes")
            and "private" not in (response.headers.get("Cache-Control") or "")
            and not getattr(g.get("_login_user"), "is_authenticated", False))


def keep(response: Response) -> Response:
    """Stamp a freshly rendered public page and put it in the store."""
    key = g.pop("page_key", None)
    if key is None or g.pop("page_from_store", False) or response.status_code == 304:
        return response
    if not shareable(response):
        return response
    stamp(response, key)
    body = response.get_data()
    if (request.method == "GET" and current_app.config["PAGE_CACHE"]
            and len(body) <= current_app.config.get("PAGE_CACHE_MAX_BYTES", 2_000_000)):
        store.set(key, (body, [(name, value) for name, value in response.headers.items()
                               if name.lower() not in NOT_STORED
                               and not name.lower().startswith("x-ratelimit")]))
    return response


def clear() -> None:
    store.clear()
