"""Browser tests drive Debian's Chromium through Playwright against the app served from a thread.

Without Chromium they skip (saying how to install it); in CI (CI=true) its absence is a failure.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator

import pytest
from werkzeug.serving import make_server

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if CHROMIUM is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is required in CI: apt-get install -y chromium chromium-driver")
        pytest.skip("Chromium not found: install it with `apt-get install -y chromium chromium-driver`")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # The site sends a strict CSP; bypassing it lets the test inject axe-core for audits.
    return {**browser_context_args, "bypass_csp": True}


def closing(app):
    """The app, each response's body closed as soon as it has been read (a file it serves, for a
    304 too). Werkzeug's test server closes it only after reading what is left of the request,
    which raises when Chromium has already dropped the connection: the file then stayed open
    and its ResourceWarning failed whichever test was running when it was collected."""
    def serve(environ, start_response):
        body = app(environ, start_response)
        try:
            yield from body
        finally:
            if hasattr(body, "close"):
                body.close()

    return serve


@pytest.fixture(scope="session")
def live_server(app) -> Iterator[str]:
    """The app served on a free local port for the length of the session."""
    server = make_server("127.0.0.1", 0, closing(app), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    address = f"http://127.0.0.1:{server.server_port}"
    # Absolute links (tracking links, feeds) name the public site: here, this server.
    site_url, app.config["SITE_URL"] = app.config["SITE_URL"], address
    yield address
    app.config["SITE_URL"] = site_url
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture
def watched_page(page, live_server):
    """A page that records console errors and any request to a host other than the app."""
    page.console_errors = []
    page.foreign_requests = []
    page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
    page.on("pageerror", lambda exc: page.console_errors.append(str(exc)))

    def check_request(request):
        if not request.url.startswith(live_server) and not request.url.startswith("data:"):
            page.foreign_requests.append(request.url)

    page.on("request", check_request)
    return page


@pytest.fixture(scope="session")
def base_url(live_server) -> str:
    """Playwright resolves relative URLs against the live server (replaces pytest-base-url's)."""
    return live_server
