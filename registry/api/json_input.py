"""Reading a JSON request body strictly, before any schema sees it: a document of bounded depth,
one value per key (JSON parsers disagree on which of two values wins, so neither is taken), and
keys that are text under registry.textrules. Field values are the schemas' business."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from registry.textrules import text_problem

MAX_DEPTH = 16  # a submission is four levels deep: {payload: {new_body: {name: …}}}
TOO_DEEP = f"The JSON document is nested too deeply (more than {MAX_DEPTH} levels)."
REPEATED = "Given more than once: each field takes one value."


class JsonInputError(ValueError):
    """The body cannot be read as a submission; `errors` maps each bad place (nested as the
    document is) to its messages."""

    def __init__(self, message: str, errors: dict[str, Any]):
        self.message = message
        self.errors = errors
        super().__init__(message)


class _Object(dict):
    """A JSON object that remembers the keys it was given more than once."""

    repeated: tuple[str, ...] = ()


def _object(pairs: list[tuple[str, Any]]) -> _Object:
    found = _Object(pairs)
    if len(found) < len(pairs):
        found.repeated = tuple(key for key, n in Counter(k for k, _ in pairs).items() if n > 1)
    return found


def whole_number(text: str) -> float | int:
    """JSON numbers as JSON Schema reads them: 12.0 is the integer 12."""
    number = float(text)
    return int(number) if number.is_integer() else number


def _place(errors: dict[str, Any], path: tuple[str, ...], message: str) -> None:
    for part in path[:-1]:
        errors = errors.setdefault(part, {})
        if not isinstance(errors, dict):  # a message is there already
            return
    errors.setdefault(path[-1] if path else "_schema", []).append(message)


def _shown(key: str) -> str:
    """A key as it can be written back in an answer (a lone surrogate as its escape)."""
    return key.encode("utf-8", "backslashreplace").decode("utf-8")


def parse(text: str) -> Any:
    """The JSON document in `text`; JsonInputError when it is not JSON, too deep, repeats a key
    or has a key that is not text."""
    try:
        document = json.loads(text, parse_float=whole_number, object_pairs_hook=_object)
    except RecursionError as error:  # deeper than the parser itself can go
        raise JsonInputError(TOO_DEEP, {"_schema": [TOO_DEEP]}) from error
    except ValueError as error:
        raise JsonInputError("Send a JSON object.", {"_schema": ["Not a JSON object."]}) from error
    errors: dict[str, Any] = {}
    pending: list[tuple[Any, tuple[str, ...]]] = [(document, ())]
    while pending:  # iterative, so depth costs no recursion
        value, path = pending.pop()
        if len(path) >= MAX_DEPTH and isinstance(value, dict | list):
            raise JsonInputError(TOO_DEEP, {"_schema": [TOO_DEEP]})
        if isinstance(value, dict):
            for key in getattr(value, "repeated", ()):
                _place(errors, (*path, key), REPEATED)
            for key, item in value.items():
                problem = text_problem(key)
                if problem:
                    _place(errors, (*path, _shown(key)), f"Not a valid field name. {problem}")
                pending.append((item, (*path, key)))
        elif isinstance(value, list):
            pending.extend((item, (*path, str(index))) for index, item in enumerate(value))
    if errors:
        raise JsonInputError("The submission is invalid; nothing was stored.", errors)
    return document
