"""Query arguments as the API reads them: exactly as the OpenAPI document states them."""

from __future__ import annotations

from marshmallow import Schema


def exact(schema_class: type[Schema]) -> type[Schema]:
    """The shared filter schema without the pages' tidying of what forms send.

    Pages drop empty values (an unset select sends `state=`), trim, and upper-case codes people
    type. The API takes each argument only in the form its document gives, so a client and the
    document never disagree. Every filter keeps its meaning and its validation, including the
    rules between two arguments (a year range must not run backwards)."""
    tidying = {name: None for name in dir(schema_class)
               if "pre_load" in getattr(getattr(schema_class, name, None), "__marshmallow_hook__", {})}
    return type(schema_class.__name__, (schema_class,), {"__doc__": schema_class.__doc__, **tidying})
