"""Query arguments as the API reads them: exactly as the OpenAPI document states them."""

from __future__ import annotations

from marshmallow import Schema


def exact(schema_class: type[Schema]) -> type[Schema]:
    """The shared filter schema without its page-side hooks.

    Pages tidy what forms send (an unset select sends `state=`, people type `oh`) and explain
    an inverted year range. The API takes each argument only in the form its document gives,
    so a client and the document never disagree: no trimming or upper-casing, no empty values,
    and an inverted range is simply an empty one. Every filter keeps its meaning and its
    per-field validation."""
    hooks = {name: None for name in dir(schema_class)
             if hasattr(getattr(schema_class, name, None), "__marshmallow_hook__")}
    return type(schema_class.__name__, (schema_class,), {"__doc__": schema_class.__doc__, **hooks})
