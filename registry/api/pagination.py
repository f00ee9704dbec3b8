"""Page envelopes and RFC 8288 Link headers for API listings."""

from __future__ import annotations

from typing import Any

from flask import request, url_for
from flask_sqlalchemy.pagination import Pagination
from marshmallow import Schema, fields


def page_envelope(items_schema: Schema) -> type[Schema]:
    """A schema class for {items, total, page, per_page, pages} around `items_schema`."""

    class PageSchema(Schema):
        items = fields.List(fields.Nested(items_schema), required=True,
                            metadata={"description": "The records of this page."})
        total = fields.Integer(required=True,
                               metadata={"description": "Matching records across all pages."})
        page = fields.Integer(required=True, metadata={"description": "This page's number."})
        per_page = fields.Integer(required=True, metadata={"description": "Records per page."})
        pages = fields.Integer(required=True, metadata={"description": "Number of pages."})

    PageSchema.__doc__ = "One page of a listing, with the counts to fetch the others."
    PageSchema.__name__ = f"{type(items_schema).__name__.removesuffix('Schema')}PageSchema"
    return PageSchema


LINK_HEADER = {
    "Link": {
        "description": "RFC 8288 links to the first, previous, next and last pages, keeping every "
                       "other query argument.",
        "required": True,
        "schema": {"type": "string"},
        "example": '</api/v1/bodies?state=OH&page=1&per_page=50>; rel="first", '
                   '</api/v1/bodies?state=OH&page=2&per_page=50>; rel="next", '
                   '</api/v1/bodies?state=OH&page=3&per_page=50>; rel="last"',
    }
}


def page_payload(page: Pagination) -> dict[str, Any]:
    return {"items": page.items, "total": page.total, "page": page.page,
            "per_page": page.per_page, "pages": page.pages}


def link_header(page: Pagination) -> dict[str, str]:
    """first/prev/next/last links that keep every other query argument."""
    args = request.args.to_dict()

    def link(number: int, rel: str) -> str:
        target = url_for(request.endpoint, **{**(request.view_args or {}), **args,
                                              "page": number, "per_page": page.per_page})
        return f'<{target}>; rel="{rel}"'

    links = [link(1, "first")]
    if page.has_prev:
        links.append(link(page.prev_num, "prev"))
    if page.has_next:
        links.append(link(page.next_num, "next"))
    links.append(link(max(page.pages, 1), "last"))
    return {"Link": ", ".join(links)}


class ListPage:
    """One page of a list already in memory, with the attributes of a flask-sqlalchemy Pagination
    that page_payload and link_header read."""

    def __init__(self, items: list[Any], page: int, per_page: int):
        self.total, self.page, self.per_page = len(items), page, per_page
        self.items = items[(page - 1) * per_page:page * per_page]
        self.pages = max(0, -(-self.total // per_page))
        self.has_prev, self.prev_num = page > 1, page - 1
        self.has_next, self.next_num = page < self.pages, page + 1
