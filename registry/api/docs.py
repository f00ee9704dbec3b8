"""The human API page at /data/api, rendered from the OpenAPI document itself so the two cannot
drift. Plain HTML and the site's own CSS: it works offline, with no CDN-hosted viewer."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, render_template
from markupsafe import Markup, escape

bp = Blueprint("apidocs", __name__, url_prefix="/data/api")

METHODS = ("get", "post", "put", "patch", "delete")
# Arguments every listing has; the example request shows the filters instead.
GENERIC = {"page", "per_page", "sort"}


def code_spans(text: str) -> Markup:
    """Plain text with `backticked` words set as code, the one markup the descriptions use."""
    parts = str(escape(text)).split("`")
    # Every part was escaped above; only the code tags are markup.
    return Markup("".join(f"<code>{part}</code>" if n % 2 else part  # noqa: S704
                          for n, part in enumerate(parts)))


@dataclass
class Parameter:
    name: str
    location: str
    required: bool
    type: str
    description: str
    example: Any
    choices: list[Any] = field(default_factory=list)
    default: Any = None


@dataclass
class Operation:
    method: str
    path: str
    anchor: str
    summary: str
    description: str
    parameters: list[Parameter]
    example_request: str
    request_example: str | None
    responses: list[tuple[str, str, str | None]]  # (status, description, example JSON)


class Reference:
    """Reads an OpenAPI 3.1 document, following local $refs."""

    def __init__(self, document: dict[str, Any]):
        self.document = document

    def resolve(self, node: Any) -> Any:
        while isinstance(node, dict) and "$ref" in node:
            target: Any = self.document
            for part in node["$ref"].lstrip("#/").split("/"):
                target = target[part]
            node = target
        return node

    def type_of(self, schema: dict[str, Any]) -> str:
        schema = self.resolve(schema)
        kind = schema.get("type", "any")
        kinds = [k for k in (kind if isinstance(kind, list) else [kind]) if k != "null"]
        text = " or ".join(kinds) or "any"
        if schema.get("format"):
            text += f" ({schema['format']})"
        return text

    def parameter(self, raw: dict[str, Any]) -> Parameter:
        raw = self.resolve(raw)
        schema = self.resolve(raw.get("schema", {}))
        example = raw.get("example", schema.get("example"))
        if example is None and schema.get("enum"):
            example = next(v for v in schema["enum"] if v is not None)
        return Parameter(
            name=raw["name"], location=raw["in"], required=raw.get("required", False),
            type=self.type_of(schema), description=raw.get("description", ""), example=example,
            choices=[v for v in schema.get("enum", []) if v is not None],
            default=schema.get("default"),
        )

    def operations(self) -> list[Operation]:
        found = []
        for path, item in self.document.get("paths", {}).items():
            for method in METHODS:
                if method in item:
                    found.append(self.operation(path, method, item[method], item))
        return found

    def operation(self, path: str, method: str, raw: dict[str, Any], item: dict) -> Operation:
        # Operation-level parameters override path-level ones of the same name and place.
        by_key = {(p.name, p.location): p for p in map(self.parameter, item.get("parameters", []))}
        by_key.update({(p.name, p.location): p for p in map(self.parameter, raw.get("parameters", []))})
        parameters = list(by_key.values())
        url = path
        for p in parameters:
            if p.location == "path":
                url = url.replace("{" + p.name + "}", str(p.example))
        query = urlencode([(p.name, p.example) for p in parameters
                           if p.location == "query" and p.required])
        sample = [(p.name, p.example) for p in parameters if p.location == "query"
                  and not p.required and p.example is not None and p.name not in GENERIC][:2]
        query = "&".join(filter(None, [query, urlencode(sample)]))
        request_example = None
        if "requestBody" in raw:
            content = self.resolve(raw["requestBody"]).get("content", {})
            body = next(iter(content.values()), {})
            if "example" in body:
                request_example = json.dumps(body["example"], indent=2, ensure_ascii=False)
        responses = []
        for status, response in raw.get("responses", {}).items():
            response = self.resolve(response)
            example = None
            for media in response.get("content", {}).values():
                if "example" in media:
                    example = json.dumps(media["example"], indent=2, ensure_ascii=False)
            responses.append((str(status), response.get("description", ""), example))
        responses.sort(key=lambda r: (r[0] == "default", r[0]))
        summary, description = " ".join(raw.get("summary", "").split()), raw.get("description", "")
        return Operation(
            method=method.upper(), path=path, anchor=f"{method}-{path.strip('/').replace('/', '-')}"
            .replace("{", "").replace("}", ""), summary=summary.strip(), description=description.strip(),
            parameters=parameters, example_request=url + (f"?{query}" if query else ""),
            request_example=request_example, responses=responses,
        )

    def schemas(self) -> list[tuple[str, str, list[tuple[str, str, str]]]]:
        """(name, description, [(property, type, description)]) for each component schema."""
        found = []
        for name, schema in sorted(self.document.get("components", {}).get("schemas", {}).items()):
            properties = [(prop, self.type_of(spec), self.resolve(spec).get("description", ""))
                          for prop, spec in schema.get("properties", {}).items()]
            found.append((name, schema.get("description", ""), properties))
        return found


@bp.get("")
def index():
    from registry.api import api

    document = api.spec.to_dict()
    reference = Reference(document)
    return render_template("api/docs.html", info=document["info"], openapi_version=document["openapi"],
                           operations=reference.operations(), schemas=reference.schemas(),
                           code_spans=code_spans)
