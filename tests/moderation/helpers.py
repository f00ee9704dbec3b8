"""Helpers shared by the moderation tests and the browser journey: real forms, real tokens."""

from __future__ import annotations

import io
import re
from typing import Any

from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
PASSWORD = "a long reviewer password"


def hidden_value(html: str, name: str) -> str:
    match = re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', html)
    assert match, f"no hidden field {name}"
    return match.group(1)


def form_tokens(client, path: str) -> dict[str, str]:
    """The CSRF token (and the form's one-time key, when it has one) from a real GET."""
    html = client.get(path).get_data(as_text=True)
    tokens = {"csrf_token": hidden_value(html, "csrf_token")}
    if 'name="form_key"' in html:
        tokens["form_key"] = hidden_value(html, "form_key")
    return tokens


def post_form(client, path: str, fields: dict[str, Any], document: bytes | None = None,
              filename: str = "minutes.pdf", tokens: dict[str, str] | None = None):
    """POST a multipart form as a browser would, with the tokens of a real GET."""
    data = MultiDict()
    for key, value in {**(tokens or form_tokens(client, path)), **fields}.items():
        for item in value if isinstance(value, list) else [value]:
            data.add(key, item)
    if document is not None:
        data.add("document", FileStorage(io.BytesIO(document), filename, content_type="application/pdf"))
    # Encoded in memory: the test client would spool a large body to a file it never closes.
    boundary, body = encode_multipart(data)
    return client.post(path, data=body, content_type=f"multipart/form-data; boundary={boundary}")


def submitter(**overrides) -> dict[str, Any]:
    values = {"submitter_name": "Pat Member", "submitter_email": "pat.member@example.org",
              "submitter_role": "member", "send": "1"}
    values.update(overrides)
    return values


def resolution_fields(body_id: int | None = None, **overrides) -> dict[str, Any]:
    values: dict[str, Any] = {
        "body_choice": str(body_id) if body_id else "new", "bill": "", "stance": "support",
        "adopted-year": "2019", "adopted-month": "5", "adopted-day": "14",
        "title": "Resolution in support of Medicare for All",
        "summary": "Endorses single payer and asks members to call Congress.",
        "commitments": ["educate_members", "forward_to_officials"],
        "source_url": "https://example.org/local-news/resolution",
        **submitter(),
    }
    if body_id is None:
        values.update({"new_name": "Amalgamated Transit Union Local 1555", "new_level": "local",
                       "new_affiliation": "ATU", "new_designation": "Local 1555",
                       "new_city": "Oakland", "new_state": "CA", "new_zip": "94612"})
    values.update(overrides)
    return values


def action_fields(body_id: int, **overrides) -> dict[str, Any]:
    values: dict[str, Any] = {
        "body_choice": str(body_id), "kind": "rally_or_march",
        "occurred-year": "2020", "occurred-month": "2", "occurred-day": "",
        "description": "Marched with 200 members to the state capitol.",
        "participants": "200", "amount_usd": "", "source_url": "https://example.org/rally",
        **submitter(),
    }
    values.update(overrides)
    return values


def tracking_path(html: str) -> str:
    match = re.search(r'id="tracking-link">[^<]*?(/submissions/[A-Za-z0-9_-]+)<', html)
    assert match, "no tracking link on the page"
    return match.group(1)


def login(client, email: str, password: str = PASSWORD):
    return post_form(client, "/login", {"email": email, "password": password})


def decide(client, submission_id: int, **fields):
    """Post a reviewer's decision through the real decision form."""
    path = f"/review/{submission_id}"
    return post_form(client, path, fields, tokens=form_tokens(client, path))
