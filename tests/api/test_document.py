"""The OpenAPI document: valid OpenAPI 3.1, every operation, parameter, schema and error
documented, and every example valid against the schema it illustrates."""

from __future__ import annotations

from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from openapi_spec_validator import validate

METHODS = ("get", "post", "put", "patch", "delete")


@pytest.fixture
def document(client) -> dict[str, Any]:
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    return response.get_json()


def operations(document):
    for path, item in document["paths"].items():
        for method in METHODS:
            if method in item:
                yield path, method, item[method]


def resolve(document, node):
    while isinstance(node, dict) and "$ref" in node:
        target = document
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        node = target
    return node


def test_the_document_is_valid_openapi_3_1(document):
    assert document["openapi"] == "3.1.0"
    validate(document)


def test_every_endpoint_of_the_design_is_documented(document):
    expected = {"/api/v1/bodies", "/api/v1/bodies/{key}", "/api/v1/resolutions", "/api/v1/actions",
                "/api/v1/bills", "/api/v1/stats/gap"}
    assert expected <= set(document["paths"])


def test_every_operation_has_a_summary_description_and_error_responses(document):
    for path, method, operation in operations(document):
        assert operation.get("summary") and operation.get("description"), (method, path)
        responses = operation["responses"]
        assert "default" in responses, (method, path)
        if any(p.get("in") == "query" for p in operation.get("parameters", [])):
            assert "422" in responses, (method, path)


def test_every_parameter_has_a_description_and_an_example(document):
    for path, _method, operation in operations(document):
        for parameter in operation.get("parameters", []):
            parameter = resolve(document, parameter)
            example = parameter.get("example", parameter.get("schema", {}).get("example"))
            assert parameter.get("description"), (path, parameter["name"])
            assert example is not None, (path, parameter["name"])


def referenced_schemas(document) -> set[str]:
    """Component schemas reachable from the operations."""
    found: set[str] = set()

    def walk(node):
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            if ref.startswith("#/components/schemas/") and ref.rsplit("/", 1)[1] not in found:
                found.add(ref.rsplit("/", 1)[1])
                walk(resolve(document, node))
            elif ref:
                walk(resolve(document, node))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(document["paths"])
    return found


def test_every_schema_and_field_is_described(document):
    schemas = document["components"]["schemas"]
    for name in referenced_schemas(document):
        schema = schemas[name]
        assert schema.get("description"), name
        for field, spec in schema.get("properties", {}).items():
            assert spec.get("description"), f"{name}.{field}"


def media_examples(document):
    """(where, schema, example) for every example of a request or response body."""
    for path, method, operation in operations(document):
        for status, response in operation["responses"].items():
            for media in resolve(document, response).get("content", {}).values():
                yield f"{method} {path} {status}", media.get("schema"), media.get("example")
        if "requestBody" in operation:
            for media in resolve(document, operation["requestBody"])["content"].values():
                yield f"{method} {path} request", media.get("schema"), media.get("example")


def test_every_success_and_error_response_has_an_example(document):
    for where, _schema, example in media_examples(document):
        assert example is not None, where


def test_every_example_matches_its_schema(document):
    """Examples are data, checked against the document itself, so they cannot drift."""
    checked = 0
    for where, schema, example in media_examples(document):
        validator = Draft202012Validator({**schema, "components": document["components"]},
                                         format_checker=FormatChecker())
        errors = [error.message for error in validator.iter_errors(example)]
        assert errors == [], where
        checked += 1
    for path, _method, operation in operations(document):
        for parameter in operation.get("parameters", []):
            parameter = resolve(document, parameter)
            schema = parameter.get("schema", {})
            example = parameter.get("example", schema.get("example"))
            validator = Draft202012Validator(schema, format_checker=FormatChecker())
            assert list(validator.iter_errors(example)) == [], (path, parameter["name"])
            checked += 1
    assert checked > 50


def test_every_read_documents_its_validators_and_304(document):
    for path, method, operation in operations(document):
        if method != "get":
            continue
        names = {resolve(document, p)["name"] for p in operation["parameters"]}
        assert {"If-None-Match", "If-Modified-Since"} <= names, path
        assert "304" in operation["responses"], path
        assert "ETag" in resolve(document, operation["responses"]["200"])["headers"], path
