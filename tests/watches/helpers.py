"""Following a body through its real pages: the form with its CSRF token, the emailed links."""

from __future__ import annotations

import re

from tests.moderation.helpers import form_tokens, post_form


def ask_to_follow(client, slug: str, email: str):
    path = f"/bodies/{slug}/watch"
    return post_form(client, path, {"email": email}, tokens=form_tokens(client, path))


def link_in(text: str, kind: str) -> str:
    """The path of the first emailed link of this kind (confirm, unsubscribe, action …)."""
    match = re.search(r"https?://[^/\s]+(\S*" + re.escape(kind) + r"\S*)", text)
    assert match, text
    return match.group(1)


def confirm_by_link(client, text: str):
    path = link_in(text, "/watch/confirm/")
    return post_form(client, path, {}, tokens=form_tokens(client, path))
