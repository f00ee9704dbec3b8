"""Nothing is lost: submissions posted all at once to several server processes all land, once."""

from __future__ import annotations

import http.cookiejar
import os
import re
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select
from werkzeug.datastructures import MultiDict
from werkzeug.test import encode_multipart

from registry.database import db
from registry.models import Submission
from tests.local_services import running_gunicorn
from tests.moderation.helpers import hidden_value, resolution_fields

SUBMITTERS = 50
REPEATS = 10
DOUBLE_CLICKS = 10
WORKERS = 3


@pytest.fixture
def gunicorn(config) -> Iterator[str]:
    """The app under gunicorn with several worker processes, on the test database."""
    env = {**os.environ, "DATABASE_URL": config["SQLALCHEMY_DATABASE_URI"],
           "SECRET_KEY": "concurrency-test-secret-key", "UPLOAD_FOLDER": config["UPLOAD_FOLDER"],
           "FLASK_RATELIMIT_ENABLED": "false",
           "SESSION_COOKIE_SECURE": "false"}  # plain HTTP on 127.0.0.1: cookies must not need TLS
    with running_gunicorn(env, WORKERS, "--log-level", "warning") as (base, _log):
        yield base


class Member:
    """One browser: its own cookies, a real GET of the form, then the POST."""

    def __init__(self, base: str, fields: dict):
        self.base = base
        self.fields = fields
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.result: tuple[int, str] | None = None

    def load_form(self) -> None:
        with self.opener.open(self.base + "/submit/resolution", timeout=30) as response:
            html = response.read().decode()
        self.tokens = {"csrf_token": hidden_value(html, "csrf_token"),
                       "form_key": hidden_value(html, "form_key")}

    def twin(self) -> Member:
        """The same browser and form, as a double click sends it."""
        twin = Member(self.base, self.fields)
        twin.opener, twin.tokens = self.opener, self.tokens
        return twin

    def post(self, barrier: threading.Barrier) -> None:
        data = MultiDict()
        for key, value in {**self.tokens, **self.fields}.items():
            for item in value if isinstance(value, list) else [value]:
                data.add(key, item)
        boundary, body = encode_multipart(data)
        request = urllib.request.Request(  # noqa: S310 - a local test server
            self.base + "/submit/resolution", data=body, method="POST",
            headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
        barrier.wait(timeout=60)
        try:
            with self.opener.open(request, timeout=120) as response:
                self.result = (response.status, response.read().decode())
        except urllib.error.HTTPError as error:
            self.result = (error.code, error.read().decode())


def post_all(members: list[Member]) -> None:
    barrier = threading.Barrier(len(members))
    threads = [threading.Thread(target=m.post, args=(barrier,)) for m in members]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)


def tracking_link(html: str) -> str:
    match = re.search(r'id="tracking-link">[^<]*?(/submissions/[A-Za-z0-9_-]+)<', html)
    assert match, html[-2000:]
    return match.group(1)


def test_concurrent_submissions_all_land_once(gunicorn, make_body):
    body = make_body(name="Concurrent Local")
    members = [Member(gunicorn, resolution_fields(body.id, title=f"Concurrent resolution {n:02d}"))
               for n in range(SUBMITTERS)]
    for member in members:
        member.load_form()
    post_all(members)
    assert [m.result[0] for m in members] == [200] * SUBMITTERS
    links = [tracking_link(m.result[1]) for m in members]
    assert len(set(links)) == SUBMITTERS

    # Double clicks: the same forms posted again, all at once, store nothing new.
    repeats = members[:REPEATS]
    post_all(repeats)
    assert [tracking_link(m.result[1]) for m in repeats] == links[:REPEATS]

    # Double clicks on new forms: both copies race to store the same submission; one wins.
    fresh = [Member(gunicorn, resolution_fields(body.id, title=f"Double-clicked resolution {n:02d}"))
             for n in range(DOUBLE_CLICKS)]
    for member in fresh:
        member.load_form()
    pairs = [(member, member.twin()) for member in fresh]
    post_all([copy for pair in pairs for copy in pair])
    for first, second in pairs:
        assert first.result[0] == second.result[0] == 200
        assert tracking_link(first.result[1]) == tracking_link(second.result[1])

    payloads = db.session.scalars(select(Submission.payload)).all()
    expected = [m.fields["title"] for m in members + fresh]
    assert sorted(p["title"] for p in payloads) == sorted(expected)
    assert db.session.scalar(select(func.count(func.distinct(Submission.token_hash)))) == len(expected)
