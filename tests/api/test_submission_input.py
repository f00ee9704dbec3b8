"""POST /api/v1/submissions takes exactly what the forms take: text that is text everywhere
(registry.textrules), dates and amounts within the forms' rules, one value per JSON key, a JSON
document of sensible depth. Every refusal is a 422 naming the field; nothing is stored."""

from __future__ import annotations

import copy
import json

import pytest

from registry.api import examples
from registry.database import db
from registry.models import Submission

SUBMITTER = {"name": "Pat Member", "email": "pat@example.org", "role": "member",
             "credit_public": False}


@pytest.fixture
def body(make_body):
    return make_body(slug="input-local", state="OH")


def post_json(client, document: object, **headers):
    """POST a document as JSON text: json.dumps writes a lone surrogate as its \\ud800 escape,
    exactly as the review's probe sent it."""
    return client.post("/api/v1/submissions", data=json.dumps(document),
                       content_type="application/json", headers=headers)


def post_text(client, text: str):
    return client.post("/api/v1/submissions", data=text, content_type="application/json")


def stored() -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(Submission))


def resolution(body, **changes) -> dict:
    document = copy.deepcopy(examples.SUBMISSION)
    document["payload"]["body_id"] = body.id
    document["payload"].update(changes)
    return document


def action(body, **changes) -> dict:
    payload = {"body_id": body.id, "kind": "rally_or_march", "occurred_on": "2019-06-01",
               "date_precision": "day", "description": "Members marched.", "participants": 40,
               "amount_usd": "12.50", **changes}
    return {"kind": "action", "payload": payload, "submitter": dict(SUBMITTER)}


def correction(body, **changes) -> dict:
    payload = {"body_id": body.id, "field": "city", "proposed_value": "Oakland", **changes}
    return {"kind": "correction", "payload": payload, "submitter": dict(SUBMITTER)}


def new_body_resolution(**changes) -> dict:
    document = copy.deepcopy(examples.SUBMISSION)
    document["payload"].pop("body_id", None)
    document["payload"]["new_body"] = {"name": "ATU Local 1555", "level": "local", "state": "CA",
                                       "affiliation": "ATU", "designation": "Local 1555",
                                       "city": "Oakland", **changes}
    return document


def refused_field(response, *path: str) -> list[str]:
    assert response.status_code == 422, response.get_data(as_text=True)
    errors = response.get_json()["errors"]["json"]
    for part in path:
        assert part in errors, (path, errors)
        errors = errors[part]
    return errors


# Finding 1: lone surrogates --------------------------------------------------------------------

def test_a_lone_surrogate_in_a_correction_is_refused_naming_the_field(client, body):
    """The review's probe: stored with 201, after which the review pages answered 500 (see
    tests/moderation/test_text_rules.py for the queue). Now a 422 naming the field."""
    response = post_json(client, correction(body, proposed_value="x\ud800y"))
    messages = refused_field(response, "payload", "proposed_value")
    assert messages == ["Must not contain unpaired surrogates (not valid Unicode text) (found U+D800)."]
    assert stored() == 0


def test_a_lone_surrogate_in_the_submitters_name_is_a_422_not_a_500(client, body):
    response = post_json(client, resolution(body) | {"submitter": {**SUBMITTER, "name": "Pat \udc80"}})
    assert "unpaired surrogates" in refused_field(response, "submitter", "name")[0]
    assert stored() == 0


BAD_TEXT = {
    "unpaired surrogate": "a\ud800b",
    "vertical tab": "a\x0bb",
    "escape": "a\x1b[31mb",
    "backspace": "a\x08b",
    "form feed": "a\x0cb",
    "C1 control": "a\x85b",
    "noncharacter": "a\ufffeb",
    "line separator": "a\u2028b",
}

# Every text a submission carries: (kind, where, field, multiline).
TEXT_FIELDS = [
    ("resolution", "payload", "title", False),
    ("resolution", "payload", "summary", True),
    ("resolution", "payload", "text", True),
    ("action", "payload", "description", True),
    ("correction", "payload", "proposed_value", True),
    ("correction", "payload", "explanation", True),
    ("resolution", "submitter", "name", False),
    ("resolution", "new_body", "name", False),
    ("resolution", "new_body", "affiliation", False),
    ("resolution", "new_body", "designation", False),
    ("resolution", "new_body", "city", False),
]


def document_with(kind: str, where: str, field: str, value: str, body) -> tuple[dict, tuple]:
    if where == "new_body":
        return new_body_resolution(**{field: value}), ("payload", "new_body", field)
    document = {"resolution": resolution, "action": action, "correction": correction}[kind](body)
    document[where][field] = value
    return document, (where, field)


@pytest.mark.parametrize("what", BAD_TEXT)
@pytest.mark.parametrize(("kind", "where", "field", "multiline"), TEXT_FIELDS)
def test_text_that_is_not_text_everywhere_is_refused(client, body, kind, where, field, multiline,
                                                     what):
    document, path = document_with(kind, where, field, BAD_TEXT[what], body)
    assert refused_field(post_json(client, document), *path)[0].startswith("Must not contain")
    assert stored() == 0


@pytest.mark.parametrize(("kind", "where", "field", "multiline"), TEXT_FIELDS)
def test_line_breaks_only_where_a_field_takes_lines(client, body, kind, where, field, multiline):
    document, path = document_with(kind, where, field, "first line\r\nsecond\tline", body)
    response = post_json(client, document)
    if multiline:
        assert response.status_code == 201, response.get_json()
    else:
        assert "control characters" in refused_field(response, *path)[0]


def test_keys_of_the_document_must_be_text_too(client, body):
    document = resolution(body)
    document["payload"]["ti\ud800tle"] = "x"
    response = post_json(client, document)
    assert response.status_code == 422 and stored() == 0


# Finding 8: deep nesting --------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "[" * 100_000 + "]" * 100_000,
    '{"a":' * 50_000 + "1" + "}" * 50_000,
    '{"kind": "resolution", "payload": ' + '{"a": ' * 200 + "1" + "}" * 200 + ', "submitter": {}}',
])
def test_deeply_nested_json_is_a_422_not_a_500(client, text):
    response = post_text(client, text)
    assert response.status_code == 422
    assert response.get_json()["code"] == 422
    assert "nested" in response.get_json()["message"]


# Finding 9: one set of rules for forms and API ---------------------------------------------

@pytest.mark.parametrize(("make", "field", "value"), [
    (action, "occurred_on", "0001-01-01"),
    (action, "occurred_on", "1899-12-31"),
    (resolution, "adopted_on", "0001-01-01"),
])
def test_dates_before_the_forms_earliest_year_are_refused(client, body, make, field, value):
    """The forms take years from 1900; the API stored year 1, and /gap drew a bar per year since."""
    response = post_json(client, make(body, **{field: value}))
    assert "1900" in refused_field(response, "payload", field)[0]
    assert stored() == 0


@pytest.mark.parametrize("amount", ["12.345", 12.345, "0.001", "1e-3"])
def test_amounts_with_fractions_of_a_cent_are_refused_not_rounded(client, body, amount):
    response = post_json(client, action(body, amount_usd=amount))
    refused_field(response, "payload", "amount_usd")
    assert stored() == 0


@pytest.mark.parametrize("amount", ["12.34", 12.5, 12, "1000000000.00"])
def test_amounts_in_cents_are_kept_exactly(client, body, amount):
    assert post_json(client, action(body, amount_usd=amount)).status_code == 201
    kept = db.session.scalar(db.select(Submission)).payload["amount_usd"]
    assert float(kept) == float(amount)


@pytest.mark.parametrize(("text", "path"), [
    ('{"kind": "resolution", "kind": "action", "payload": {}, "submitter": {}}', ("kind",)),
    (None, ("payload", "title")),
    (None, ("submitter", "email")),
])
def test_duplicate_json_keys_are_refused_naming_the_key(client, body, text, path):
    if text is None:  # the key repeated inside an object of a valid submission
        document = json.dumps(resolution(body))
        part, key = path
        first = json.dumps(resolution(body)[part][key])
        document = document.replace(f'"{key}": {first}', f'"{key}": {first}, "{key}": "other"', 1)
        text = document
    response = post_text(client, text)
    messages = refused_field(response, *path)
    assert "more than once" in messages[0]
    assert stored() == 0


@pytest.mark.parametrize("title", ["\u200b", " \u200b\u200d ", "\ufeff", "\u00a0\u3000"])
def test_a_title_of_only_invisible_characters_is_refused(client, body, title):
    response = post_json(client, resolution(body, title=title))
    assert refused_field(response, "payload", "title") == ["Must contain visible text."]
    assert stored() == 0


@pytest.mark.parametrize(("make", "where", "field"), [
    (resolution, "payload", "summary"),
    (action, "payload", "description"),
    (correction, "payload", "proposed_value"),
])
def test_every_required_text_needs_visible_text(client, body, make, where, field):
    document = make(body)
    document[where][field] = "\u200b\n\u200c"
    assert refused_field(post_json(client, document), where, field) == ["Must contain visible text."]


def test_a_new_bodys_name_needs_visible_text(client):
    response = post_json(client, new_body_resolution(name="\u2060"))
    assert refused_field(response, "payload", "new_body", "name") == ["Must contain visible text."]
