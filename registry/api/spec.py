"""What the OpenAPI document says beyond the views: the one error shape with examples, and the
conditional-request headers every read carries (see caching.py)."""

from __future__ import annotations

from typing import Any

from apispec import BasePlugin
from flask_smorest import Api
from marshmallow import Schema, fields

from registry.api.caching import CACHE_CONTROL, PREFIX


class ApiErrorSchema(Schema):
    """Every 4xx and 5xx answer of the API has this shape."""

    code = fields.Integer(required=True, metadata={"description": "The HTTP status code.",
                                                   "example": 404})
    status = fields.String(required=True, metadata={"description": "The HTTP status name.",
                                                    "example": "Not Found"})
    message = fields.String(required=True, metadata={
        "description": "What went wrong, in words.", "example": "No union body has that id or slug."})
    errors = fields.Dict(metadata={
        "description": "For invalid input: the messages per field, grouped by where the field "
                       "was read (`query` or `json`).",
        "example": {"query": {"tier": ["Must be greater than or equal to 0 and less than or "
                                       "equal to 4."]}}})


class RegistryApi(Api):
    ERROR_SCHEMA = ApiErrorSchema


def error_example(code: int, status: str, message: str, errors: dict | None = None) -> dict:
    return {"code": code, "status": status, "message": message, **({"errors": errors} if errors else {})}


ERROR_EXAMPLES: dict[str, dict[str, Any]] = {
    "BAD_REQUEST": error_example(400, "Bad Request", "The browser (or proxy) sent a request that "
                                 "this server could not understand."),
    "NOT_FOUND": error_example(404, "Not Found", "No union body has that id or slug."),
    "METHOD_NOT_ALLOWED": error_example(405, "Method Not Allowed",
                                        "The method is not allowed for the requested URL."),
    "UNPROCESSABLE_ENTITY": error_example(
        422, "Unprocessable Entity", "The request was well-formed but was unable to be followed "
        "due to semantic errors.", {"query": {"state": ["Must be one of: AL, AK, AZ, …"]}}),
    "TOO_MANY_REQUESTS": error_example(429, "Too Many Requests", "10 per 1 hour"),
    "DEFAULT_ERROR": error_example(500, "Internal Server Error", "The server encountered an "
                                   "internal error and was unable to complete your request."),
}


def add_error_examples(api: Api) -> None:
    """Examples for the error responses flask-smorest registers for every status code."""
    for name, example in ERROR_EXAMPLES.items():
        response = api.spec.components.responses_lazy.get(name)
        if response is not None:
            response["content"]["application/json"]["example"] = example


ETAG_EXAMPLE = 'W/"5d41402abc4b2a76b9719d911017c592"'
LAST_MODIFIED_EXAMPLE = "Tue, 15 Oct 2024 09:30:00 GMT"


VALIDATOR_HEADERS = {"ETag": "READ_ETAG", "Last-Modified": "READ_LAST_MODIFIED",
                     "Cache-Control": "READ_CACHE_CONTROL"}


class ConditionalRequestsPlugin(BasePlugin):
    """Documents, on every GET under /api/v1, the validators and the 304 answer of caching.py;
    describes each component schema by its docstring."""

    def init_spec(self, spec) -> None:
        self.spec = spec
        spec.components.parameter("READ_IF_NONE_MATCH", "header", {
            "name": "If-None-Match", "required": False, "schema": {"type": "string"},
            "description": "An ETag from an earlier answer: 304 Not Modified if it still holds.",
            "example": ETAG_EXAMPLE})
        spec.components.parameter("READ_IF_MODIFIED_SINCE", "header", {
            "name": "If-Modified-Since", "required": False, "schema": {"type": "string"},
            "description": "An HTTP date: 304 Not Modified if nothing changed since (ignored "
                           "when If-None-Match is sent).", "example": LAST_MODIFIED_EXAMPLE})
        spec.components.header("READ_ETAG", {
            "description": "Weak validator of this answer; changes whenever the registry does.",
            "required": True, "schema": {"type": "string"}, "example": ETAG_EXAMPLE})
        spec.components.header("READ_LAST_MODIFIED", {
            "description": "The registry's latest publication or change (absent while it is "
                           "empty).", "schema": {"type": "string"}, "example": LAST_MODIFIED_EXAMPLE})
        spec.components.header("READ_CACHE_CONTROL", {
            "description": "May be stored, but revalidate before each use.", "required": True,
            "schema": {"type": "string"}, "example": CACHE_CONTROL})
        spec.components.response("READ_NOT_MODIFIED", {
            "description": "Not Modified: the copy named by If-None-Match or If-Modified-Since "
                           "is current. No body.",
            "headers": VALIDATOR_HEADERS})

    def schema_helper(self, name: str, definition: dict, **kwargs) -> dict | None:
        """A component schema is described by its class docstring."""
        schema = kwargs.get("schema")
        schema_class = schema if isinstance(schema, type) else type(schema)
        doc = schema_class.__dict__.get("__doc__")
        if doc and "description" not in definition:
            return {"description": " ".join(doc.split())}
        return None

    def operation_helper(self, path: str | None = None, operations: dict | None = None,
                         **kwargs) -> None:
        read = (operations or {}).get("get")
        if read is None or not (path or "").startswith(PREFIX.rstrip("/")):
            return
        read.setdefault("parameters", []).extend(["READ_IF_NONE_MATCH", "READ_IF_MODIFIED_SINCE"])
        responses = read.setdefault("responses", {})
        responses["304"] = "READ_NOT_MODIFIED"
        ok = responses.get(200) or responses.get("200")
        if isinstance(ok, dict):
            ok.setdefault("headers", {}).update(VALIDATOR_HEADERS)
