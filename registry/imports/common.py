"""Shared pieces of the importers: problem collection with line numbers, the report, value parsing."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from registry.textrules import text_problem
from registry.vocab import MAX_RECORD_ID


class ImportFileError(Exception):
    """The file has problems; nothing was imported. `problems` lists 'line N: field: message'."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


class ImportProblems:
    LIMIT = 200  # a file of garbage is named by its first problems, not millions of lines

    def __init__(self) -> None:
        self.items: list[str] = []
        self.stopped_at: int | None = None

    def add(self, line: int, field: str, message: str) -> None:
        if len(self.items) < self.LIMIT:
            self.items.append(f"line {line}: {field}: {message}")

    def full(self, line: int) -> bool:
        """Whether enough problems are named to stop reading (then say where reading stopped)."""
        if len(self.items) >= self.LIMIT:
            self.stopped_at = line
            return True
        return False

    def raise_if_any(self) -> None:
        if self.items:
            extra = ([f"… reading stopped at line {self.stopped_at:,} after {self.LIMIT} problems; "
                      "there may be more problem(s)"] if self.stopped_at else [])
            raise ImportFileError(self.items + extra)


@dataclass
class ImportReport:
    """What an import did (or, in a dry run, would do): counts, and values kept over the file's."""

    counts: Counter = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        changed = [f"{n:,} {what}" for what, n in sorted(self.counts.items()) if n]
        return ", ".join(changed) or "nothing changed"

    def in_words(self) -> str:
        """What happened, grouped by what was done: created, updated, attached, then the rows that
        only added to records made earlier in the same files, then the rows that changed nothing."""
        groups: dict[str, list[str]] = {"created": [], "updated": [], "attached": []}
        merged = unchanged = 0
        for what, n in sorted(self.counts.items()):
            if not n:
                continue
            if what.startswith("rows merged into new "):
                merged += n
            elif what == "rows unchanged":
                unchanged = n
            else:
                noun, _, verb = what.rpartition(" ")
                groups.setdefault(verb, []).append(f"{n:,} {noun}")
        parts = [f"{verb} {', '.join(items)}" for verb, items in groups.items() if items]
        if merged:
            parts.append(f"{merged:,} more row(s) added detail to records created from earlier rows")
        if unchanged:
            parts.append(f"{unchanged:,} row(s) repeated what was already there")
        return "; ".join(parts) or "nothing changed"


def clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


def parse_int(value: str | None, field: str, line: int, problems: ImportProblems,
              minimum: int | None = None, maximum: int = MAX_RECORD_ID) -> int | None:
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
    if number > maximum:
        problems.add(line, field, f"must be at most {maximum:,}")
        return None
    return number


def check_text(value: str | None, field: str, line: int, problems: ImportProblems,
               max_length: int | None = None) -> str | None:
    """The value if it is acceptable text within the length; else a problem and None."""
    if value is None:
        return None
    problem = text_problem(value)
    if problem:
        problems.add(line, field, problem)
        return None
    if max_length is not None and len(value) > max_length:
        problems.add(line, field, f"longer than {max_length} characters")
        return None
    return value
