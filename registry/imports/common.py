"""Shared pieces of the importers: problem collection with line numbers, value parsing."""

from __future__ import annotations


class ImportFileError(Exception):
    """The file has problems; nothing was imported. `problems` lists 'line N: field: message'."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


class ImportProblems:
    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, line: int, field: str, message: str) -> None:
        self.items.append(f"line {line}: {field}: {message}")

    def raise_if_any(self) -> None:
        if self.items:
            raise ImportFileError(self.items)


def clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


def parse_int(value: str | None, field: str, line: int, problems: ImportProblems,
              minimum: int | None = None) -> int | None:
    if value is None:
        return None
    try:
        number = int(value.replace(",", ""))
    except ValueError:
        problems.add(line, field, f"{value!r} is not a whole number")
        return None
    if minimum is not None and number < minimum:
        problems.add(line, field, f"must be at least {minimum}")
        return None
    return number
