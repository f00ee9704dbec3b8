"""No private field — submitter identity without credit, reviewer notes, tracking tokens,
password hashes, pending material — appears in any answer of the API. The walk reads the
endpoints from the OpenAPI document, so an endpoint added later is walked too."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

from tests.api.conftest import SECRETS

PRIVATE_KEYS = {"submitter_name", "submitter_email", "submitter_role", "token", "token_hash",
                "review_note", "internal_note", "reviewer", "reviewer_id", "password_hash",
                "email", "payload"}
# Query variants for every read: the defaults, everything at once, and each filter a walk can
# fill from the registry itself.
VARIANTS = [{}, {"per_page": 200}, {"state": "CA"}, {"body": "nurses-council"},
            {"evidence": "primary"}, {"group_by": "state"}, {"group_by": "affiliation"}]


def resolve(document: dict, node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        target: Any = document
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        node = target
    return node


def requests_for(document: dict, small_registry) -> Iterator[tuple[str, str, Any]]:
    """(method, url, json body) for every operation, with every body for path parameters."""
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            parameters = [resolve(document, p)
                          for p in item.get("parameters", []) + operation.get("parameters", [])]
            known = {p["name"] for p in parameters if p["in"] == "query"}
            required = {p["name"]: p.get("example", p.get("schema", {}).get("example"))
                        for p in parameters if p["in"] == "query" and p.get("required")}
            paths = [path]
            if "{" in path:
                paths = [path.replace("{key}", key) for body in small_registry.bodies
                         for key in (body.slug, str(body.id))]
            body = None
            if "requestBody" in operation:
                content = resolve(document, operation["requestBody"])["content"]
                body = copy.deepcopy(next(iter(content.values())).get("example"))
                if isinstance(body.get("payload"), dict) and "body_id" in body["payload"]:
                    body["payload"]["body_id"] = small_registry.bodies[0].id  # one that exists
            for url in paths:
                for variant in VARIANTS if method == "get" else [{}]:
                    query = {**required, **{k: v for k, v in variant.items() if k in known}}
                    yield method, url + (f"?{urlencode(query)}" if query else ""), body


def private_keys(node: Any) -> set[str]:
    if isinstance(node, dict):
        return {k for k in node if k in PRIVATE_KEYS}.union(*map(private_keys, node.values()))
    if isinstance(node, list):
        return set().union(*map(private_keys, node))
    return set()


def test_no_private_field_in_any_answer(client, small_registry):
    document = client.get("/api/openapi.json").get_json()
    walked, posted_status = 0, None
    for method, url, body in requests_for(document, small_registry):
        response = client.open(url, method=method.upper(), json=body)
        if method == "post":
            posted_status = response.status_code
        assert response.status_code < 500, url
        text = response.get_data(as_text=True)
        for name, secret in SECRETS.items():
            assert secret not in text, f"{name} leaked by {method.upper()} {url}"
        if response.is_json:
            walked += 1
        if response.is_json and response.status_code < 400:  # an error may name a request field
            assert private_keys(response.get_json()) == set(), url
        next_link = response.headers.get("Link", "")
        assert all(secret not in next_link for secret in SECRETS.values())
    # Every body by slug and by id, each listing in several variants, and a submission.
    assert walked >= 2 * len(small_registry.bodies) + 5 * len(VARIANTS) + 1
    assert posted_status == 201


def test_published_data_is_really_there(client, small_registry):
    """The walk above would pass on an empty API; this one checks the answers hold the records,
    including the public credit a submitter asked for."""
    text = json.dumps([client.get(url).get_json() for url in
                       ("/api/v1/bodies?per_page=200", "/api/v1/resolutions?per_page=200",
                        "/api/v1/actions?per_page=200", "/api/v1/bodies/nurses-council")])
    for body in small_registry.bodies:
        assert body.slug in text
    assert "Rosa Credited" in text
